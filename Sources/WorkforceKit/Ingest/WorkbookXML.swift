import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// SAX readers (Foundation's `XMLParser`, over libxml2) for the parts of an .xlsx that inputs need.
///
/// Each collects what `Workbook` uses and nothing else: the sheets and where they are, the
/// shared strings, which cell styles are dates, and a worksheet's rows one at a time.
enum WorkbookXML {
    /// `xl/workbook.xml`: sheet names in order with their relationship ids, and the 1904 date system flag.
    final class Sheets: NSObject, XMLParserDelegate {
        var sheets: [(name: String, id: String)] = []
        var date1904 = false

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch local(element) {
            case "sheet":
                if let name = attributes["name"], let id = attributes["r:id"] ?? attributes["id"] {
                    sheets.append((name, id))
                }
            case "workbookPr":
                date1904 = ["1", "true"].contains(attributes["date1904"] ?? "0")
            default: break
            }
        }
    }

    /// `xl/_rels/workbook.xml.rels`: relationship id → part path.
    final class Relationships: NSObject, XMLParserDelegate {
        var targets: [String: String] = [:]

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if local(element) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
                targets[id] = target
            }
        }
    }

    /// `xl/sharedStrings.xml`: each string item's text, its rich-text runs joined, phonetic guides (`rPh`) left out.
    final class SharedStrings: NSObject, XMLParserDelegate {
        var strings: [String] = []
        private var current = ""
        private var inText = false
        private var inPhonetic = false

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch local(element) {
            case "si": current = ""
            case "t": inText = !inPhonetic
            case "rPh": inPhonetic = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }

        func parser(
            _ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?
        ) {
            switch local(element) {
            case "si": strings.append(current)
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: break
            }
        }
    }

    /// `xl/styles.xml`: for each cell style (`cellXfs` index), whether its number format shows a date.
    final class DateStyles: NSObject, XMLParserDelegate {
        var isDate: [Bool] = []
        private var customFormats: [Int: String] = [:]
        private var inCellFormats = false

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch local(element) {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                    customFormats[id] = code
                }
            case "cellXfs": inCellFormats = true
            case "xf" where inCellFormats:
                let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
                isDate.append(customFormats[id].map(Self.showsDate) ?? Self.builtInDates.contains(id))
            default: break
            }
        }

        func parser(
            _ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?
        ) {
            if local(element) == "cellXfs" { inCellFormats = false }
        }

        /// Built-in number formats that show dates or times (ECMA-376 §18.8.30, with the CJK ones).
        static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

        /// Whether a format code shows a date: a y, m, d, h or s outside quotes, brackets and escapes.
        static func showsDate(_ code: String) -> Bool {
            var quoted = false, bracket = false, escaped = false
            for character in code.lowercased() {
                if escaped {
                    escaped = false
                    continue
                }
                switch character {
                case "\\": escaped = true
                case "\"": quoted.toggle()
                case "[": bracket = true
                case "]": bracket = false
                case "y", "m", "d", "h", "s": if !quoted && !bracket { return true }
                default: break
                }
            }
            return false
        }
    }

    /// A worksheet's rows, streamed: `row(number, cells)` for every row with a cell, cells by column index.
    ///
    /// Every number the sheet gives is bounded before it is used: a row past Excel's last
    /// (1,048,576) or not after the row before it, a column past XFD, a negative style stop the
    /// parse with `refused` saying which (nothing is ever allocated from a number in the file).
    final class Rows: NSObject, XMLParserDelegate {
        /// A cell as stored: its reference (`B7`, or empty), type attribute, style index and text
        /// (`v`, or an inline string's text).
        struct Cell {
            var reference = ""
            var type = ""
            var style = 0
            var text = ""
        }

        private let row: (Int, [Int: Cell], Int?) -> Bool
        private var rowNumber = 0
        private var cells: [Int: Cell] = [:]
        private var cell = Cell()
        private var column = -1
        private var collecting = false
        private var inInline = false
        private var inPhonetic = false
        /// Set when `row` asked to stop.
        private(set) var stopped = false
        /// Why the sheet was refused (a row, column or style out of bounds), when it was.
        private(set) var refused: String?
        /// The last row of the sheet's `dimension` (`A1:AD1000001` → 1000001), when the sheet gives one.
        private(set) var lastRow: Int?

        /// `row(number, cells, lastRow)` returns false to stop reading (the rest of the sheet is not parsed).
        init(row: @escaping (Int, [Int: Cell], Int?) -> Bool) {
            self.row = row
        }

        /// Stops the parse: the sheet cannot be read as it is.
        func refuse(_ parser: XMLParser, _ reason: String) {
            guard refused == nil else { return }
            refused = reason
            parser.abortParsing()
        }

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            guard refused == nil, !stopped else { return }
            switch local(element) {
            case "dimension":
                lastRow = attributes["ref"].flatMap { ref in
                    Int(ref.split(separator: ":").last?.drop(while: \.isLetter) ?? "")
                }.map { min(max($0, 0), CellReference.lastRow) }
            case "row":
                let number: Int
                if let text = attributes["r"] {
                    guard let given = Int(text), given >= 1, given <= CellReference.lastRow else {
                        return refuse(parser, "row r=\"\(text.prefix(40))\" is not a row number from 1 to \(CellReference.lastRow) (Excel's last row)")
                    }
                    number = given
                } else {
                    number = rowNumber + 1
                }
                guard number > rowNumber, number <= CellReference.lastRow else {
                    return refuse(parser, "row \(number) comes after row \(rowNumber): rows are out of order")
                }
                rowNumber = number
                cells = [:]
                column = -1
            case "c":
                let style: Int
                if let text = attributes["s"] {
                    guard let given = Int(text), given >= 0 else {
                        return refuse(parser, "cell \(attributes["r"]?.prefix(40) ?? "") has style s=\"\(text.prefix(40))\", not a style number")
                    }
                    style = given
                } else {
                    style = 0
                }
                if let reference = attributes["r"] {
                    guard let given = CellReference.column(of: reference), given <= CellReference.lastColumn else {
                        return refuse(parser, "cell reference \(reference.prefix(40)) is not a cell from column A to XFD (Excel's last column)")
                    }
                    column = given
                } else {
                    guard column < CellReference.lastColumn else {
                        return refuse(parser, "row \(rowNumber) has a cell past column XFD (Excel's last column)")
                    }
                    column += 1
                }
                cell = Cell(reference: attributes["r"] ?? "", type: attributes["t"] ?? "n", style: style)
            case "v": collecting = true
            case "is": inInline = true
            case "rPh": inPhonetic = true
            case "t" where inInline && !inPhonetic: collecting = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if collecting { cell.text += string }
        }

        func parser(
            _ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?
        ) {
            guard refused == nil, !stopped else { return }
            switch local(element) {
            case "v", "t": collecting = false
            case "is": inInline = false
            case "rPh": inPhonetic = false
            case "c": cells[column] = cell
            case "row":
                if !row(rowNumber, cells, lastRow) {
                    stopped = true
                    parser.abortParsing()
                }
            default: break
            }
        }
    }

    /// Forwards a part's events to `inner` and notes whether the part's root element closed.
    ///
    /// libxml2, fed a document that ends early (a part cut short), reports the elements it saw and
    /// may end without an error; only a closed root element shows that the whole part was read.
    final class Completeness: NSObject, XMLParserDelegate {
        let inner: XMLParserDelegate
        private var depth = 0
        /// Whether the root element's end tag was read.
        private(set) var rootClosed = false

        init(_ inner: XMLParserDelegate) {
            self.inner = inner
        }

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            depth += 1
            inner.parser(
                parser, didStartElement: element, namespaceURI: namespaceURI, qualifiedName: qualifiedName,
                attributes: attributes)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            inner.parser(parser, foundCharacters: string)
        }

        func parser(
            _ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?
        ) {
            depth -= 1
            if depth == 0 { rootClosed = true }
            inner.parser(parser, didEndElement: element, namespaceURI: namespaceURI, qualifiedName: qualifiedName)
        }
    }

    /// An element's name without its namespace prefix (`x:row` → `row`).
    static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}

/// A private alias so the delegates read `local(element)`.
private func local(_ name: String) -> String { WorkbookXML.local(name) }

/// Cell references: `M12` → column 12 (0-based), and back; Excel's bounds.
enum CellReference {
    /// Excel's last column, XFD, 0-based.
    static let lastColumn = 16_383
    /// Excel's last row.
    static let lastRow = 1_048_576

    /// The 0-based column of a reference such as `AB7`; nil when it has no letters or more than
    /// three (past any column Excel has; nothing overflows however long the reference).
    static func column(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            let upper = byte & 0xDF
            guard upper >= 65, upper <= 90 else { break }
            letters += 1
            guard letters <= 3 else { return nil }
            column = column * 26 + Int(upper - 64)
        }
        return letters > 0 ? column - 1 : nil
    }

    /// A, B, …, Z, AA, … for a 0-based column.
    static func letters(_ column: Int) -> String {
        var index = column + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }
}
