import Foundation
import ZIPFoundation

@testable import WorkforceKit

/// A minimal .xlsx package written part by part, for tests of hostile and unusual workbooks.
///
/// No `[Content_Types].xml` (the reader does not need one): `xl/workbook.xml` listing the sheets,
/// `xl/_rels/workbook.xml.rels` with one relationship per sheet (unless left out), each sheet's
/// part, and optionally `xl/sharedStrings.xml` and `xl/styles.xml`. Any part can be replaced
/// (`replacing`) or cut after its first bytes (`cut`), as a transfer that ended early leaves it.
struct WorkbookFixture {
    /// A sheet: its name, its part's XML (nil: no part written, e.g. one `more` adds) and whether
    /// the relationships list it.
    struct Sheet {
        var name: String
        var xml: String?
        var related = true
    }

    var sheets: [Sheet]
    /// Written as `xl/sharedStrings.xml` when not nil.
    var sharedStrings: [String]? = nil
    /// Written as `xl/styles.xml` when not nil.
    var styles: String? = nil
    /// Parts whose text replaces the one the fixture would write (path → XML).
    var replacing: [String: String] = [:]
    /// Parts cut after this many bytes (path → bytes kept).
    var cut: [String: Int] = [:]
    /// Parts stored without compression (faster to write when large).
    var stored: Set<String> = []
    /// Adds parts of its own to the archive after the others (e.g. a large one, streamed).
    var more: (Archive) throws -> Void = { _ in }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    /// A sheet part holding `rows` (row 1 first) as inline strings, numbers as numbers, empty cells absent.
    static func sheetXML(_ rows: [[String]], firstRow: Int = 1) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(main)"><sheetData>"#
        for (offset, fields) in rows.enumerated() {
            let number = firstRow + offset
            xml += #"<row r="\#(number)">"#
            for (column, text) in fields.enumerated() where !text.isEmpty {
                let reference = CellReference.letters(column) + String(number)
                xml +=
                    Double(text) != nil
                    ? #"<c r="\#(reference)"><v>\#(text)</v></c>"#
                    : #"<c r="\#(reference)" t="inlineStr"><is><t>\#(escaped(text))</t></is></c>"#
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// A sheet part whose `<sheetData>` holds `rows` as given (raw XML).
    static func sheetXML(raw rows: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(main)"><sheetData>\#(rows)</sheetData></worksheet>"#
    }

    /// The workers header and `count` valid worker rows (ids W1…), as fields.
    static func workerRows(_ count: Int, first: Int = 1, changes: [String: String] = [:]) -> [[String]] {
        [ValidationRuleTests.header.split(separator: ",").map(String.init)]
            + (first..<first + count).map { id in
                ValidationRuleTests.row(changes, id: id).split(separator: ",", omittingEmptySubsequences: false)
                    .map(String.init)
            }
    }

    /// A shared-strings part holding `strings` in order.
    static func sharedStringsXML(_ strings: [String]) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="\#(main)" count="\#(strings.count)" uniqueCount="\#(strings.count)">"#
            + strings.map { "<si><t>\(escaped($0))</t></si>" }.joined() + "</sst>"
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// The package's parts, path → bytes, before cutting.
    var parts: [(String, Data)] {
        let book =
            #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\#(Self.main)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
            + sheets.indices.map { #"<sheet name="\#(Self.escaped(sheets[$0].name))" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }
            .joined() + "</sheets></workbook>"
        let relationships =
            #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets.indices.filter { sheets[$0].related }.map {
                #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
            }.joined() + "</Relationships>"
        var list = [("xl/workbook.xml", book), ("xl/_rels/workbook.xml.rels", relationships)]
        list += sheets.indices.compactMap { index in sheets[index].xml.map { ("xl/worksheets/sheet\(index + 1).xml", $0) } }
        if let sharedStrings { list.append(("xl/sharedStrings.xml", Self.sharedStringsXML(sharedStrings))) }
        if let styles { list.append(("xl/styles.xml", styles)) }
        for (path, text) in replacing where !list.contains(where: { $0.0 == path }) { list.append((path, text)) }
        return list.map { path, text in (path, Data((replacing[path] ?? text).utf8)) }
    }

    /// The package as the bytes of an .xlsx file (parts deflated, cut where `cut` says).
    func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, full) in parts {
            let data = cut[path].map { full.prefix($0) } ?? full
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: stored.contains(path) ? .none : .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        try more(archive)
        guard let bytes = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return bytes
    }

    /// Writes the package to `url`.
    func write(to url: URL) throws {
        try data().write(to: url)
    }

    /// Writes the package as `name` into a new input folder (with no other table); returns the folder.
    func inputs(_ name: String = "workers.xlsx", label: String = #function) throws -> URL {
        let folder = temporaryFolder(label)
        try write(to: folder.appendingPathComponent(name))
        return folder
    }
}
