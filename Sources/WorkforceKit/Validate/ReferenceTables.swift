/// The accepted rows of the small tables: enterprises, economy, skill demand, programs, targets, population.
public struct ReferenceTables: Sendable {
    public var enterprises: [EnterpriseRecord] = []
    public var economy: [EconomyRecord] = []
    public var skillDemand: [SkillDemandRecord] = []
    public var programs: [ProgramRecord] = []
    public var targets: [TargetRecord] = []
    public var population: [PopulationRecord] = []

    public init() {}

    /// Employees of every accepted enterprise by (year, enterprise_id), for the workers' join.
    public var employeesByEnterprise: EnterpriseSizes { EnterpriseSizes(enterprises) }

    /// The economy row of each year.
    public var economyByYear: [Int: EconomyRecord] {
        Dictionary(economy.map { ($0.year, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
