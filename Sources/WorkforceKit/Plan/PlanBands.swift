import Foundation
import TOMLKit

/// A plan's `[bands.<name>]` sections, read into `NumericBand`s.
extension PlanValue {
    /// Most edges a band has.
    static let maxEdges = 50

    /// `[bands.<name>]`: bands of a numeric column at ascending edges.
    func band(name: String, lines: PlanKeyLines, extras: inout ExtraColumns) throws(PlanError) -> NumericBand {
        let section = "bands.\(name)"
        guard Self.isPlainName(name) else {
            throw error("is not a band name", "a band's name is lower-case letters, digits and _, e.g. wage_band")
        }
        let table = try entries(section, "column and edges")
        try onlyKeys(table, ["column", "edges"], section: section, lines: lines, kind: "a band")
        let columnName = try text(table, "column", "the column it bands", section: section, lines: lines)
        let columnAt = PlanValue(
            value: table["column"] ?? "", key: "\(section).column", file: file,
            line: lines.line(section, "column") ?? line)
        // A band is read from the wage-ordered copy too, which keeps the wage and the extra columns only.
        let column = try columnAt.numericColumn(columnName, extras: &extras, keptWhole: true)
        let edgesAt = PlanValue(
            value: table["edges"] ?? "", key: "\(section).edges", file: file, line: lines.line(section, "edges") ?? line
        )
        let fix = "edges = [3000, 5000, 8000]: ascending numbers, each the lower edge of a band"
        guard let array = table["edges"]?.array else {
            throw table["edges"] == nil
                ? PlanError(
                    file: file, line: lines.line(section) ?? line, message: "\(section) lacks its edges", fix: fix)
                : edgesAt.error("must be a list", fix)
        }
        var edges: [Double] = []
        for item in array {
            guard let edge = item.double ?? item.int.map(Double.init), edge.isFinite else {
                throw edgesAt.error("holds \(PlanError.shown(item)), not a number", fix)
            }
            if let last = edges.last, edge <= last {
                throw edgesAt.error("lists \(edge) after \(last): not ascending", fix)
            }
            edges.append(edge)
        }
        guard !edges.isEmpty, edges.count <= Self.maxEdges else {
            throw edgesAt.error(edges.isEmpty ? "is empty" : "holds more than \(Self.maxEdges) edges", fix)
        }
        return NumericBand(name: name, column: column, edges: edges)
    }
}
