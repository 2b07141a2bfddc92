import Foundation

/// A plan's `[breakdowns] add`, read into `ByVariable` crosses with their bounds.
extension PlanValue {
    /// Most breakdowns a plan adds, and most domains one may have: bounds on time and memory.
    static let maxBreakdowns = 40
    static let maxDomains = 1_000

    /// Most domains the added breakdowns make together.
    static let maxAddedDomains = 10_000

    /// Crosses of `fields` (contract worker columns, declared categories, bands), each written
    /// "title x sex" (or as its report name, title_x_sex).
    func breakdowns(fields available: [CrossField]) throws(PlanError) -> [ByVariable] {
        let columns = available.map(\.name)
        let fix = "a list such as [\"title\", \"title x sex\"]: one to three of \(columns.joined(separator: ", "))"
        guard let array = value.array else { throw error("must be a list", fix) }
        guard array.count <= Self.maxBreakdowns else {
            throw error(
                "adds \(array.count) breakdowns, more than \(Self.maxBreakdowns)", "keep the ones the analysis needs")
        }
        var added: [ByVariable] = []
        for item in array {
            guard let text = item.string else {
                throw error("holds \(PlanError.shown(item)), not a breakdown in quotes", fix)
            }
            let fields = try crossFields(
                text, available: available, fix: fix, purpose: "break down by",
                hint: "; a column of the survey's own is declared first, as [columns.<name>] (docs/plan.md)")
            guard fields.count <= 3 else {
                throw error("holds \(PlanError.quoted(text)), a cross of more than three columns", fix)
            }
            let by = ByVariable(cross: fields, index: ByVariable.builtIns.count + added.count)
            guard by.cardinality <= Self.maxDomains else {
                throw error(
                    "holds \(PlanError.quoted(text)), which makes \(by.cardinality) domains, more than \(Self.maxDomains)",
                    "cross fewer or smaller columns")
            }
            if ByVariable.builtIns.contains(where: { $0.name == by.name }) {
                throw error(
                    "holds \(PlanError.quoted(text)), which is built in", "leave it out: every run estimates it")
            }
            guard !added.contains(where: { $0.name == by.name }) else {
                throw error("lists \(PlanError.quoted(text)) twice", fix)
            }
            added.append(by)
        }
        let domains = added.reduce(0) { $0 + $1.cardinality }
        guard domains <= Self.maxAddedDomains else {
            throw error(
                "adds \(domains) domains in all, more than \(Self.maxAddedDomains)",
                "drop or coarsen the largest crosses (each one's domains multiply)")
        }
        return added
    }

    /// The columns of a cross written "title x sex" (or title × sex, title_x_sex), each one of
    /// `available` and none twice; `purpose` and `hint` complete the message for an unknown one.
    func crossFields(_ text: String, available: [CrossField], fix: String, purpose: String, hint: String = "")
        throws(PlanError) -> [CrossField]
    {
        let names = text.replacingOccurrences(of: "×", with: " x ").replacingOccurrences(of: "_x_", with: " x ")
            .components(separatedBy: " x ").map { $0.trimmingCharacters(in: .whitespaces) }
        var fields: [CrossField] = []
        for name in names {
            guard let field = available.first(where: { $0.name == name }) else {
                throw error(
                    "holds \(PlanError.quoted(text)): `\(PlanError.shown(name))` is not a column it can \(purpose)",
                    PlanFile.suggestion(name, among: available.map(\.name), kind: "columns")
                        + hint.replacingOccurrences(of: "<name>", with: PlanError.shown(name)))
            }
            guard !fields.contains(field) else {
                throw error("holds \(PlanError.quoted(text)), which names \(name) twice", fix)
            }
            fields.append(field)
        }
        return fields
    }
}
