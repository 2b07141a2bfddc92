/// Bands of a numeric column, a breakdown of a survey plan (`[bands.<name>]`): below the first
/// edge, from each edge up to the next, from the last edge up; then rows that do not give the column.
///
/// With edges 300, 600 and 900 the codes are `<300`, `[300,600)`, `[600,900)`, `>=900` and
/// `not_given` — as intervals are written, each band holding its lower edge.
public struct NumericBand: Hashable, Sendable {
    /// The breakdown's name in reports and in the plan (`wage_band`).
    public let name: String
    /// Where the wave keeps the column banded.
    let column: WaveColumn
    /// Ascending band edges.
    public let edges: [Double]

    init(name: String, column: WaveColumn, edges: [Double]) {
        self.name = name
        self.column = column
        self.edges = edges
    }

    /// Bands, and the "not given" code after them.
    var cardinality: Int { edges.count + 2 }

    /// The band of `value`; the last code when it is not given (NaN).
    @inline(__always)
    func code(_ value: Double) -> Int {
        if value.isNaN { return edges.count + 1 }
        var band = 0
        while band < edges.count, value >= edges[band] { band += 1 }
        return band
    }

    /// The code as the `domain` column shows it.
    func label(_ code: Int) -> String {
        let edge = { (index: Int) in FieldReader.plain(self.edges[index]) }
        switch code {
        case edges.count + 1: return "not_given"
        case 0: return "<\(edge(0))"
        case edges.count: return ">=\(edge(edges.count - 1))"
        default: return "[\(edge(code - 1)),\(edge(code)))"
        }
    }

    /// The names people read ("300 to under 600" / 300至不足600); a plan renames them with
    /// `[domain_labels.<name>]`.
    func name(_ code: Int, english: Bool) -> String {
        let edge = { (index: Int) in FieldReader.plain(self.edges[index]) }
        switch code {
        case edges.count + 1: return english ? "Not given" : "未填报"
        case 0: return english ? "Under \(edge(0))" : "不足\(edge(0))"
        case edges.count: return english ? "\(edge(edges.count - 1)) or more" : "\(edge(edges.count - 1))及以上"
        default: return english ? "\(edge(code - 1)) to under \(edge(code))" : "\(edge(code - 1))至不足\(edge(code))"
        }
    }
}
