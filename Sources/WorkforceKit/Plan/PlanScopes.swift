import Foundation

/// A plan's `[scopes.<name>]` sections, read into `Scope`s.
extension PlanValue {
    /// Most scopes a plan adds: each one estimates every breakdown again.
    static let maxScopes = 4

    /// `[scopes.<name>]`: workers of some industries, or for whom a condition holds, or both.
    func scope(
        name: String, index: Int, lines: PlanKeyLines, fields: [CrossField], extras: inout ExtraColumns
    ) throws(PlanError) -> Scope {
        let section = "scopes.\(name)"
        guard Self.isPlainName(name), !Scope.builtIns.contains(where: { $0.name == name }) else {
            throw error(
                "is not a scope's name",
                "a scope's name is lower-case letters, digits and _, not all or industrial, e.g. manufacturing")
        }
        let table = try entries(section, "industries, when, or both")
        try onlyKeys(table, ["industries", "when"], section: section, lines: lines, kind: "a scope")
        guard table["industries"] != nil || table["when"] != nil else {
            throw error(
                "names no workers", "give industries = [\"C\"], when = \"age >= 45\", or both (workers meeting both)")
        }
        let industries = try table["industries"].map { value throws(PlanError) in
            try PlanValue(
                value: value, key: "\(section).industries", file: file, line: lines.line(section, "industries") ?? line
            ).industries()
        }
        var flags: UInt16 = 0
        var compare: ScopeComparison?
        var predicate: RowPredicate?
        if table["when"] != nil {
            let at = PlanValue(
                value: table["when"] ?? "", key: "\(section).when", file: file,
                line: lines.line(section, "when") ?? line)
            guard let when = table["when"]?.string else {
                throw at.error("must be a condition in quotes", "e.g. when = \"age >= 45\"")
            }
            switch try Self.condition(when, at: at, what: "a scope can hold", fields: fields, extras: &extras) {
            case .flag(let column): flags = column.bit
            case .declaredFlag(_, let column):
                compare = ScopeComparison(column: column, comparison: .atLeast, threshold: 1)
            case .compare(_, let column, let comparison, let threshold):
                compare = ScopeComparison(column: column, comparison: comparison, threshold: threshold)
            case .predicate(let condition, _, _): predicate = condition
            }
        }
        return Scope(
            name: name, index: index, industries: industries, flags: flags, compare: compare, predicate: predicate)
    }
}
