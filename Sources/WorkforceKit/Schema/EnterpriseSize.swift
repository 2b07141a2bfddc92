/// Enterprise size bands of docs/indicators.md §5 and §8, by employees on own contracts.
public enum EnterpriseSize {
    /// Band labels, index = code.
    public static let labels = ["<50", "50-99", "100-299", "300-999", ">=1000"]
    /// Code of workers whose enterprise is not in enterprises.csv.
    public static let unknown = 5

    /// Band code (0–4) of an employee count.
    public static func band(employees: Int) -> Int {
        switch employees {
        case ..<50: 0
        case 50..<100: 1
        case 100..<300: 2
        case 300..<1000: 3
        default: 4
        }
    }
}
