/// Per row of a calibrated wave: its design weight d (before calibration) and its calibration
/// variables x — what the passes need to linearise every estimate under calibration.
///
/// A row's x has `width` entries (column j of the calibration model, value x_j): one per margin
/// (the indicator of the row's code: j the code's column, x = 1) and one per numeric total (the
/// row's value of the column). The passes add d·x_j·y for each of a term's addends y
/// (`PSUPass`), which gives Σ d x z of every statistic: the regression of z on x that calibration
/// takes out of its variance (docs/estimation.md, "Calibration").
struct CalibrationRows: Sendable {
    /// Entries per row.
    let width: Int
    /// Columns of the model (p), over every wave a paired wave joins.
    private(set) var columns: Int
    /// d per row.
    private(set) var designWeights: [Double] = []
    /// Per row, `width` model columns, then their values.
    private(set) var entryColumns: [Int32] = []
    private(set) var entryValues: [Double] = []

    init(width: Int, columns: Int) {
        self.width = width
        self.columns = columns
    }

    /// Appends one row: its design weight and its (column, value) entries.
    mutating func append(designWeight: Double, entries: [(column: Int32, value: Double)]) {
        precondition(entries.count == width)
        designWeights.append(designWeight)
        for entry in entries {
            entryColumns.append(entry.column)
            entryValues.append(entry.value)
        }
    }

    /// Appends row `row` of `other`, its columns shifted by `offset` (the later wave of a pair).
    mutating func append(row: Int, of other: CalibrationRows, offset: Int32 = 0) {
        designWeights.append(other.designWeights[row])
        let start = row * other.width
        for k in 0..<width {
            entryColumns.append(k < other.width ? other.entryColumns[start + k] + offset : 0)
            entryValues.append(k < other.width ? other.entryValues[start + k] : 0)
        }
    }

    /// Two waves' rows as one model: the later wave's columns after the earlier's (`WageSamples.paired`).
    static func paired(_ earlier: CalibrationRows?, _ later: CalibrationRows?, order: [(wave: Int8, row: Int32)])
        -> CalibrationRows?
    {
        guard let earlier, let later else {
            precondition(earlier == nil && later == nil, "both waves of a pair are calibrated, or neither")
            return nil
        }
        var paired = CalibrationRows(
            width: max(earlier.width, later.width), columns: earlier.columns + later.columns)
        for (wave, row) in order {
            if wave == 0 {
                paired.append(row: Int(row), of: earlier)
            } else {
                paired.append(row: Int(row), of: later, offset: Int32(earlier.columns))
            }
        }
        return paired
    }
}

extension CalibrationRows {
    /// The rows' design weights and entries in place, for a walk's hot loop (no array is
    /// retained or bounds-checked per row).
    struct View {
        let width: Int
        /// Model columns (p).
        let columns: Int
        let designWeights: UnsafeBufferPointer<Double>
        let entryColumns: UnsafeBufferPointer<Int32>
        let entryValues: UnsafeBufferPointer<Double>
    }

    /// `body` with a view of the rows, valid while it runs.
    func withView<R>(_ body: (View) -> R) -> R {
        designWeights.withUnsafeBufferPointer { d in
            entryColumns.withUnsafeBufferPointer { entryColumns in
                entryValues.withUnsafeBufferPointer { values in
                    body(
                        View(
                            width: width, columns: columns, designWeights: d, entryColumns: entryColumns,
                            entryValues: values
                        ))
                }
            }
        }
    }
}
