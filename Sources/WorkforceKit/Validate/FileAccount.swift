/// What happened to the rows of one input file: read, accepted, quarantined by reason.
public struct FileAccount: Sendable, Equatable {
    public let table: TableKind
    public let file: String
    public var bytes: Int = 0
    public var encoding: String = "UTF-8"
    public var delimiter: String = ","
    public var rowsRead = 0
    public var rowsAccepted = 0
    /// Quarantined rows per reason code.
    public var quarantinedByReason: [String: Int] = [:]
    /// Header names that match no contract column.
    public var ignoredColumns: [String] = []
    /// Lines above the header that name no column (a title), passed over.
    public var titleLines = 0
    /// Rows quarantined because their key repeats an earlier row.
    public var duplicateKeys = 0
    /// Accepted rows whose value in a column was outside its code list and counted as "other" (其他), by column.
    public var mappedToOther: [String: Int] = [:]
    /// How the encoding was decided (`EncodingEvidence`), for data_quality.csv.
    public var encodingEvidence = ""

    /// The input file the rows come from: `file`, or for a sheet (`book.xlsx!Sheet1`) its workbook.
    public internal(set) var inputFile: String
    /// The version of `inputFile` read (nil when not read from a file), checked against the one hashed.
    var readIdentity: FileIdentity?

    public init(table: TableKind, file: String) {
        self.table = table
        self.file = file
        inputFile = file
    }

    public var rowsQuarantined: Int { quarantinedByReason.values.reduce(0, +) }

    /// The accounting identity of the contract: rows read = accepted + quarantined.
    public var balances: Bool { rowsRead == rowsAccepted + rowsQuarantined }

    mutating func quarantine(reason: String) {
        quarantinedByReason[reason, default: 0] += 1
    }
}
