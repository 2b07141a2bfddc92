/// The columns a survey plan adds to each wave beyond what the contract's indicators keep:
/// every declared column, and the contract's numbers the wave does not otherwise hold (age,
/// weekly hours) when a band, rate or mean of the plan reads them.
///
/// Each has a slot: validation writes a row's values slot by slot (`WorkerBatch.extras`),
/// and estimation reads them as `WaveColumn.extra(slot)`.
public struct ExtraColumns: Hashable, Sendable {
    /// Where a slot's values come from.
    public enum Source: Hashable, Sendable {
        case declared(DeclaredColumn)
        /// The contract's age (years).
        case age
        /// The contract's weekly hours; not given when blank.
        case weeklyHours
        /// The contract's training hours and subsidy (0 when blank, as the wave keeps them) and
        /// one-way commute (not given when blank), for a band: the wage-ordered copy of a wave
        /// that the wages report breaks down keeps the extra columns, not these.
        case trainingHours, trainingSubsidy, commuteMinutes
    }

    public private(set) var sources: [Source] = []

    public init(declared: [DeclaredColumn] = []) {
        sources = declared.map(Source.declared)
    }

    public var isEmpty: Bool { sources.isEmpty }
    public var count: Int { sources.count }

    /// The declared columns, in the plan's order.
    public var declared: [DeclaredColumn] {
        sources.compactMap { if case .declared(let column) = $0 { column } else { nil } }
    }

    /// The slot of `source`, adding it when new.
    mutating func slot(_ source: Source) -> Int {
        if let slot = sources.firstIndex(of: source) { return slot }
        sources.append(source)
        return sources.count - 1
    }

    /// The slot of the declared column `name`, if declared.
    func slot(declared name: String) -> Int? {
        sources.firstIndex { if case .declared(let column) = $0 { column.name == name } else { false } }
    }
}
