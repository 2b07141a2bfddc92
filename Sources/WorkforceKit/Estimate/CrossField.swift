/// One column of a breakdown a survey plan adds: a contract worker column, a category column
/// the plan declares, or bands of a number.
public enum CrossField: Hashable, Sendable {
    case worker(WorkerField)
    /// A declared category column, in its `ExtraColumns` slot; its last code is "not given".
    case category(slot: Int, name: String, CategoryCodes)
    case band(NumericBand)

    /// The name a plan and the reports use for it.
    public var name: String {
        switch self {
        case .worker(let field): field.rawValue
        case .category(_, let name, _): name
        case .band(let band): band.name
        }
    }

    /// Number of codes.
    var cardinality: Int {
        switch self {
        case .worker(let field): field.cardinality
        case .category(_, _, let codes): codes.codes.count + 1
        case .band(let band): band.cardinality
        }
    }

    /// The code of row `row`.
    @inline(__always)
    func value(_ row: Int, _ columns: WaveColumns) -> Int {
        switch self {
        case .worker(let field): return field.value(of: columns.codes[row])
        case .category(let slot, _, let codes):
            let value = columns.extra(slot, row)
            return value.isNaN ? codes.codes.count : Int(value)
        case .band(let band): return band.code(columns.value(band.column, row))
        }
    }

    /// The code as the `domain` column shows it.
    func label(_ code: Int) -> String {
        switch self {
        case .worker(let field): field.label(code)
        case .category(_, _, let codes): code < codes.codes.count ? codes.codes[code] : "not_given"
        case .band(let band): band.label(code)
        }
    }

    /// The name people read for a code, in English or Chinese.
    func name(_ code: Int, english: Bool) -> String {
        switch self {
        case .worker(let field):
            guard let builtIn = field.builtIn else {
                let title = ByVariable.titleNames[min(code, ByVariable.titleNames.count - 1)]
                return english ? title.english : title.chinese
            }
            return english ? builtIn.englishName(code) : builtIn.chineseName(code)
        case .category(_, _, let codes):
            guard code < codes.codes.count else { return english ? "Not given" : "未填报" }
            guard let label = codes.labels[code] else { return codes.codes[code] }
            return english ? label.english : label.chinese
        case .band(let band): return band.name(code, english: english)
        }
    }
}
