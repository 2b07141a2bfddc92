import Foundation

/// One wave's calibration model, read from population.csv: the model's columns and their
/// population totals, and each sampled worker's calibration variables.
///
/// Columns: every code of the first margin, every code but the first of each later margin (a
/// margin's codes add up to every worker, which the first margin's already do: as R's
/// `model.matrix`, the model keeps full rank), then each numeric total's column.
struct CalibrationModel {
    /// One margin code (or a numeric column) with its population total: what the weights must reproduce.
    struct Target {
        let margin: String
        let code: String
        let total: Double
        /// The margin's position and the code's number; nil for a numeric total.
        let cell: (margin: Int, value: Int)?
        /// The model column, nil for a code the model leaves out (a later margin's first).
        let column: Int?
    }

    let year: Int
    /// Every margin code and numeric total, in the plan's order.
    let targets: [Target]
    /// Per model column, its target's position in `targets`.
    let columnTargets: [Int]
    /// Per row, its code of each margin (margin after margin).
    let rowCodes: [[Int32]]
    /// Per numeric total, each row's value.
    let rowValues: [[Double]]
    /// The rows' design weights and calibration variables.
    let rows: CalibrationRows

    var columns: Int { columnTargets.count }
    /// The population totals of the model columns.
    var totals: [Double] { columnTargets.map { targets[$0].total } }

    init(
        _ samples: WageSamples, year: Int, settings: CalibrationSettings, population: [PopulationRecord]
    ) throws(CalibrationError) {
        self.year = year
        let records = population.filter { $0.year == year }
        var targets: [Target] = []
        var columnTargets: [Int] = []
        var rowCodes: [[Int32]] = []
        var rowValues: [[Double]] = []
        var firstSum: (margin: String, sum: Double)? = nil
        for (m, margin) in settings.margins.enumerated() {
            let codes: [Int32] = samples.withColumns { columns in
                (0..<columns.count).map { Int32(margin.value($0, columns)) }
            }
            var rowsOf = [Int](repeating: 0, count: margin.cardinality)
            for code in codes { rowsOf[Int(code)] += 1 }
            let given = records.filter { $0.margin == margin.name }
            guard !given.isEmpty else {
                throw CalibrationError(year: year, margin: margin.name, problem: .marginMissing)
            }
            var totalOf = [Double?](repeating: nil, count: margin.cardinality)
            let labels = (0..<margin.cardinality).map(margin.label)
            for record in given {
                guard let value = Self.code(record.code, of: margin, labels: labels) else {
                    throw CalibrationError(
                        year: year, margin: margin.name, problem: .unknownCode(record.code, known: labels))
                }
                guard record.total > 0 else {
                    throw CalibrationError(
                        year: year, margin: margin.name, problem: .totalNotPositive(record.code, total: record.total))
                }
                guard rowsOf[value] > 0 else {
                    throw CalibrationError(
                        year: year, margin: margin.name, problem: .codeWithoutRows(labels[value], total: record.total))
                }
                totalOf[value] = record.total
            }
            for value in rowsOf.indices where rowsOf[value] > 0 && totalOf[value] == nil {
                throw CalibrationError(
                    year: year, margin: margin.name, problem: .codeWithoutTotal(labels[value], rows: rowsOf[value]))
            }
            let sum = totalOf.reduce(0) { $0 + ($1 ?? 0) }
            if let first = firstSum, abs(sum - first.sum) > 1e-9 * max(sum, first.sum) {
                throw CalibrationError(
                    year: year, margin: margin.name,
                    problem: .marginsDisagree(other: first.margin, sum: sum, otherSum: first.sum))
            }
            if firstSum == nil { firstSum = (margin.name, sum) }
            var skipped = m == 0
            for value in totalOf.indices {
                guard let total = totalOf[value] else { continue }
                var column: Int? = nil
                if skipped {
                    column = columnTargets.count
                    columnTargets.append(targets.count)
                } else {
                    skipped = true
                }
                targets.append(
                    Target(margin: margin.name, code: labels[value], total: total, cell: (m, value), column: column))
            }
            rowCodes.append(codes)
        }
        for numeric in settings.totals {
            guard let record = records.first(where: { $0.margin == numeric.name }) else {
                throw CalibrationError(year: year, margin: numeric.name, problem: .marginMissing)
            }
            guard record.total > 0 else {
                throw CalibrationError(
                    year: year, margin: numeric.name, problem: .totalNotPositive("", total: record.total))
            }
            let values: [Double] = samples.withColumns { columns in
                (0..<columns.count).map { columns.value(numeric.column, $0) }
            }
            let missing = values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
            guard missing == 0 else {
                throw CalibrationError(year: year, margin: numeric.name, problem: .valuesMissing(rows: missing))
            }
            columnTargets.append(targets.count)
            targets.append(
                Target(margin: numeric.name, code: "", total: record.total, cell: nil, column: columnTargets.count - 1))
            rowValues.append(values)
        }
        self.targets = targets
        self.columnTargets = columnTargets
        self.rowCodes = rowCodes
        self.rowValues = rowValues
        // Each row's entries: its code's column in each margin (x = 1; 0 for a left-out code), then its values.
        var columnOf: [[Int32]] = settings.margins.map { [Int32](repeating: -1, count: $0.cardinality) }
        for target in targets {
            if let (m, value) = target.cell, let column = target.column { columnOf[m][value] = Int32(column) }
        }
        let numericStart = columnTargets.count - settings.totals.count
        var rows = CalibrationRows(width: settings.margins.count + settings.totals.count, columns: columnTargets.count)
        var entries: [(column: Int32, value: Double)] = []
        for row in 0..<samples.count {
            entries.removeAll(keepingCapacity: true)
            for m in rowCodes.indices {
                let column = columnOf[m][Int(rowCodes[m][row])]
                entries.append(column >= 0 ? (column, 1) : (0, 0))
            }
            for k in rowValues.indices { entries.append((Int32(numericStart + k), rowValues[k][row])) }
            rows.append(designWeight: samples.weights[row], entries: entries)
        }
        self.rows = rows
    }

    /// The value of `margin` that `written` names: its code as the `domain` column shows it, or
    /// its English or Chinese name (a cross's names joined as `domain_en` joins them), case ignored.
    static func code(_ written: String, of margin: ByVariable, labels: [String]) -> Int? {
        let same = { (name: String) in name.compare(written, options: .caseInsensitive) == .orderedSame }
        if let value = labels.firstIndex(where: same) { return value }
        return labels.indices.first { same(margin.englishName($0)) || same(margin.chineseName($0)) }
    }

    /// Per target, Σ weight over its code's rows (Σ weight·value for a numeric total).
    func achieved(_ weights: [Double]) -> [Double] {
        var byCode = rowCodes.map { codes in [Double](repeating: 0, count: Int((codes.max() ?? 0) + 1)) }
        for m in rowCodes.indices {
            let codes = rowCodes[m]
            for row in weights.indices { byCode[m][Int(codes[row])] += weights[row] }
        }
        return targets.map { target in
            if let (m, value) = target.cell { return value < byCode[m].count ? byCode[m][value] : 0 }
            guard let column = target.column else { return 0 }
            let values = rowValues[column - (columns - rowValues.count)]
            var sum = 0.0
            for row in weights.indices { sum += weights[row] * values[row] }
            return sum
        }
    }
}
