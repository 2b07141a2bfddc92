import Foundation
import ZIPFoundation

/// Writes the reports as one Office Open XML workbook: a README sheet, then one sheet per report.
///
/// The ZIP container comes from ZIPFoundation; the SpreadsheetML inside is
/// written here. Each sheet reads like a published table: a bold, shaded, frozen
/// header row with an autofilter, repeated on every printed page; A4 landscape at
/// full size, columns across pages with the key columns repeated; column widths fitted to the content; number formats
/// by column and unit (`WorkbookFormats`). Numbers are numeric cells; a missing
/// value (NaN, infinity, empty text) is no cell at all, never invalid OOXML or an
/// empty string. Text is inline strings, XML-escaped with control characters
/// dropped and cut at Excel's 32,767 characters. Text a spreadsheet could take for
/// a formula carries `quotePrefix` (style 2), like the apostrophe in CSV. With
/// Chinese headers, sheets take Chinese names too. Entries carry a fixed date, so
/// the same tables give the same bytes.
public struct XLSXWriter: Sendable {
    /// Header language of the human-facing sheets.
    public var chineseHeaders = false
    /// Per sheet (by table name), columns whose cells are offered a list of values (Excel's data
    /// validation, as in an input template): the column's position and its values.
    var validations: [String: [(column: Int, values: [String])]] = [:]

    public init(chineseHeaders: Bool = false) {
        self.chineseHeaders = chineseHeaders
    }

    /// Excel's limits on one sheet: rows (the header row included) and columns.
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384

    /// Whether `table`, its header row included, fits on one sheet within Excel's limits. A
    /// report that does not is left to its CSV file (the README sheet says so): Excel would
    /// refuse, or silently cut, a sheet past them.
    public static func fitsOnASheet(_ table: ReportTable) -> Bool {
        table.rows.count < maxRows && table.columns.count <= maxColumns
    }

    /// The workbook's bytes: `readme`, then a sheet for each of `sheets` that fits on one (`fitsOnASheet`).
    public func render(readme: ReportTable, sheets: [ReportTable]) throws -> Data {
        // In Chinese, a data sheet leaves out its English columns (label_en, domain_en, unit_en …):
        // their Chinese columns stand beside them, and the CSV keeps both.
        let all =
            [readme]
            + sheets.filter(Self.fitsOnASheet).map { table in chineseHeaders ? Self.withoutEnglishColumns(table) : table
            }
        let archive = try Archive(data: Data(), accessMode: .create)
        let names = all.map { table in
            Self.sheetName(chineseHeaders ? (ColumnLabels.chineseSheetNames[table.name] ?? table.name) : table.name)
        }
        var parts: [(String, Data)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: all.count)),
            ("_rels/.rels", Data(Self.rootRelationships.utf8)),
            ("xl/workbook.xml", workbook(names, tables: all)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: all.count)),
            ("xl/styles.xml", Data(Self.styles.utf8)),
        ]
        for (index, table) in all.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(table, translate: index > 0)))
        }
        for (path, data) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.fixedDate,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else {
            throw OutputError.cannotWrite(path: "workforce.xlsx", reason: "empty archive")
        }
        return bytes
    }

    static let fixedDate = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01

    /// A valid sheet name: at most 31 characters, none of []:*?/\.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        return String(cleaned.prefix(31))
    }

    private func worksheet(_ table: ReportTable, translate: Bool) -> Data {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        let widths = columnWidths(table)
        // Never shrunk to the page width: LibreOffice counts text running past the last column
        // into the width and printed a fitted README at 3.7 pt; every sheet prints at full size.
        xml +=
            #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        xml += "<cols>"
        for (index, width) in widths.enumerated() {
            xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
        }
        xml += "</cols><sheetData>"
        // Rows are written as bytes: a report of 30,000 rows has half a million cells.
        var bytes = Array(xml.utf8)
        bytes.reserveCapacity(table.rows.count * table.columns.count * 48)
        let letters = table.columns.indices.map { Array(#"<c r=""#.utf8) + Array(Self.columnName($0).utf8) }
        let headers = table.columns.map { translate && chineseHeaders ? (ColumnLabels.chinese[$0] ?? $0) : $0 }
        appendRow(
            headers.map(ReportCell.text), number: 1, bold: true, letters: letters, style: { _, _ in nil }, to: &bytes)
        let style = WorkbookFormats.styler(table)
        // In Chinese, the flags, the built-in scopes and the data-quality measures are named in
        // Chinese too (the CSV keeps the codes scripts filter on).
        let translated: [(column: Int, names: (String) -> String?)] =
            translate && chineseHeaders
            ? table.columns.enumerated().compactMap { index, column in
                ColumnLabels.chineseValue(column).map { (index, $0) }
            } : []
        for (index, row) in table.rows.enumerated() {
            var row = row
            for (column, names) in translated {
                if case .text(let code) = row[column], let name = names(code) { row[column] = .text(name) }
            }
            appendRow(row, number: index + 2, bold: false, letters: letters, style: style, to: &bytes)
        }
        var tail = "</sheetData>"
        tail += #"<autoFilter ref="\#(Self.filterRange(table))"/>"#
        if let lists = validations[table.name], !lists.isEmpty {
            // A drop-down of the accepted values in rows 2 … 100,000 (a blank is allowed: optional columns).
            tail += #"<dataValidations count="\#(lists.count)">"#
            for (column, values) in lists {
                let letter = Self.columnName(column)
                let list = Self.escape(
                    values.map { $0.replacingOccurrences(of: "\"", with: "\"\"") }.joined(separator: ","))
                tail +=
                    #"<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="\#(letter)2:\#(letter)100000"><formula1>"\#(list)"</formula1></dataValidation>"#
            }
            tail += "</dataValidations>"
        }
        tail += #"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
        // A4 (paper size 9), landscape, at full size (11 pt): a wide sheet's columns across pages,
        // its key columns and header repeated on each (`_xlnm.Print_Titles`).
        tail += #"<pageSetup paperSize="9" orientation="landscape" scale="100" pageOrder="overThenDown"/>"#
        tail += "</worksheet>"
        bytes.append(contentsOf: tail.utf8)
        return Data(bytes)
    }

    /// `table` without its columns whose names end in `_en`.
    static func withoutEnglishColumns(_ table: ReportTable) -> ReportTable {
        let kept = table.columns.indices.filter { !table.columns[$0].hasSuffix("_en") }
        guard kept.count < table.columns.count else { return table }
        var projected = ReportTable(name: table.name, columns: kept.map { table.columns[$0] })
        for row in table.rows { projected.append(kept.map { $0 < row.count ? row[$0] : .empty }) }
        return projected
    }

    /// The columns that say which row is which (year … domain, or the first), repeated on every printed page.
    static func keyColumns(_ table: ReportTable) -> Int {
        table.columns.firstIndex(of: "domain").map { $0 + 1 } ?? 1
    }

    /// The header row and every data row, every column: `A1:P2041`.
    static func filterRange(_ table: ReportTable) -> String {
        "A1:\(columnName(max(0, table.columns.count - 1)))\(table.rows.count + 1)"
    }

    /// One `<row>`; `letters[c]` is `<c r="` and column c's letters, `style` the number format's style of a cell.
    private func appendRow(
        _ cells: [ReportCell], number: Int, bold: Bool, letters: [[UInt8]], style: ([ReportCell], Int) -> Int?,
        to xml: inout [UInt8]
    ) {
        let row = Array(String(number).utf8)
        xml.append(contentsOf: #"<row r=""#.utf8)
        xml.append(contentsOf: row)
        xml.append(contentsOf: #"">"#.utf8)
        for (column, cell) in cells.enumerated() {
            func open(_ attributes: String) {
                xml.append(contentsOf: letters[column])
                xml.append(contentsOf: row)
                xml.append(0x22)  // "
                xml.append(contentsOf: attributes.utf8)
                xml.append(0x3E)  // >
            }
            func format() -> String { style(cells, column).map { #" s="\#($0)""# } ?? "" }
            switch cell {
            case .text(let text):
                guard !text.isEmpty else { break }  // a missing value is no cell, not an empty string
                let style = bold ? #" s="1""# : FormulaGuard.isFormulaLike(text) ? #" s="2""# : ""
                open(#" t="inlineStr""# + style)
                xml.append(contentsOf: #"<is><t xml:space="preserve">"#.utf8)
                Self.appendEscaped(text, to: &xml)
                xml.append(contentsOf: "</t></is></c>".utf8)
            case .integer(let value):
                open(format())
                xml.append(contentsOf: "<v>\(value)</v></c>".utf8)
            case .number(let value):
                guard value.isFinite else { break }
                open(format())
                xml.append(contentsOf: "<v>".utf8)
                xml.append(contentsOf: CSVReportWriter.format(value).utf8)
                xml.append(contentsOf: "</v></c>".utf8)
            case .empty:
                break
            }
        }
        xml.append(contentsOf: "</row>".utf8)
    }

    /// `escape(text)` appended as UTF-8; text with nothing to escape is copied as it is.
    static func appendEscaped(_ text: String, to xml: inout [UInt8]) {
        var plain = text.utf8.count <= 32_767
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 where plain {
            // & < >, control characters, and U+FFFE/U+FFFF (EF BF BE/BF) need `escape`.
            if byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E
                || (previous == (0xEF, 0xBF) && byte >= 0xBE)
            {
                plain = false
            }
            previous = (previous.1, byte)
        }
        if plain {
            xml.append(contentsOf: text.utf8)
        } else {
            xml.append(contentsOf: escape(text).utf8)
        }
    }

    /// Widths from the longest of the header and the first 500 rows, between 6 and 60 characters.
    private func columnWidths(_ table: ReportTable) -> [Int] {
        table.columns.indices.map { column in
            var longest = table.columns[column].count
            for row in table.rows.prefix(500) {
                let length: Int
                switch row[column] {
                case .text(let text): length = text.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
                case .integer(let value): length = String(value).count
                case .number(let value): length = min(CSVReportWriter.format(value).count, 14)
                case .empty: length = 0
                }
                longest = max(longest, length)
            }
            return min(60, max(6, longest + 2))
        }
    }

    /// A, B, …, Z, AA, AB, …
    static func columnName(_ index: Int) -> String { CellReference.letters(index) }

    /// XML text: &, <, > escaped; characters XML 1.0 forbids dropped; at most 32,767 characters.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 32_767 { break }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }

    private func contentTypes(sheetCount: Int) -> Data {
        var xml =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml +=
            #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
        xml +=
            #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        xml +=
            #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for index in 1...sheetCount {
            xml +=
                #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return Data((xml + "</Types>").utf8)
    }

    /// The sheets, and per sheet its filter range and the header row printed atop every page.
    private func workbook(_ names: [String], tables: [ReportTable]) -> Data {
        var xml =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (index, name) in names.enumerated() {
            xml += #"<sheet name="\#(Self.escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        xml += "</sheets><definedNames>"
        for (index, (name, table)) in zip(names, tables).enumerated() {
            // A sheet name in a formula is quoted, a quote inside it doubled.
            let sheet = "'" + Self.escape(name).replacingOccurrences(of: "'", with: "''") + "'"
            let range = Self.filterRange(table).split(separator: ":").map { part in
                "$" + part.prefix { $0.isLetter } + "$" + part.drop { $0.isLetter }
            }
            xml += #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">"#
            xml += "\(sheet)!\(range.joined(separator: ":"))</definedName>"
            // The key columns repeat on every printed page, as the header does.
            let keys = Self.keyColumns(table)
            let columns = keys > 0 ? "\(sheet)!$A:$\(Self.columnName(keys - 1))," : ""
            xml +=
                #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">\#(columns)\#(sheet)!$1:$1</definedName>"#
        }
        return Data((xml + "</definedNames></workbook>").utf8)
    }

    private func workbookRelationships(sheetCount: Int) -> Data {
        var xml =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in 1...sheetCount {
            xml +=
                #"<Relationship Id="rId\#(index)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(index).xml"/>"#
        }
        xml +=
            #"<Relationship Id="rId\#(sheetCount + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return Data((xml + "</Relationships>").utf8)
    }

    static let rootRelationships =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    /// Styles: 0 default, 1 header (bold, shaded, bordered below, wrapped), 2 text with quotePrefix
    /// (formula-like text), then one per number format of `WorkbookFormats.codes` (ids from 164).
    static let styles: String = {
        let formats = WorkbookFormats.codes.enumerated().map { index, code in
            #"<numFmt numFmtId="\#(164 + index)" formatCode="\#(escape(code))"/>"#
        }
        let numberStyles = WorkbookFormats.codes.indices.map { index in
            #"<xf numFmtId="\#(164 + index)" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        }
        // The same, shaded amber (fill 3): the cells of a low_n row; then shaded plain cells.
        let lowNStyles =
            WorkbookFormats.codes.indices.map { index in
                #"<xf numFmtId="\#(164 + index)" fontId="0" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>"#
            } + [#"<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/>"#]
        return
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<numFmts count="\#(formats.count)">"# + formats.joined() + "</numFmts>"
            + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
            + #"<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
            + #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>"#
            + #"<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill></fills>"#
            + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
            + #"<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="\#(WorkbookFormats.firstNumberStyle + numberStyles.count + lowNStyles.count)">"#
            + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
            + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>"#
            + numberStyles.joined() + lowNStyles.joined() + "</cellXfs>"
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
    }()
}
