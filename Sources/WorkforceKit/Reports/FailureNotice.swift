import Foundation
import ZIPFoundation

/// After a failed attempt, the summary and the workbook analysts open say so at the top.
///
/// The published run (`latest`) is never touched: copies of its summary.html and
/// workforce.xlsx, each with a notice in both languages — when the attempt failed, why, and
/// the run the reports come from — go into `runs/.notice-<id>/`, and the stable links
/// `OUTPUTS/summary.html` and `OUTPUTS/workforce.xlsx` are pointed at them (one rename each).
/// The next published run points them back at `latest` and removes the notices.
enum FailureNotice {
    static let folderPrefix = ".notice-"

    /// The notice's lines: English, then Chinese.
    static func lines(_ status: RunStatus) -> [String] {
        let reason = status.message ?? status.meaning
        let run = status.publishedRun ?? "?"
        return [
            "The latest run failed at \(status.finished ?? status.started) (exit status \(status.exitStatus): \(status.meaning)): \(reason). These reports come from the run \(run).",
            "最近一次运行于 \(status.finished ?? status.started) 失败（退出状态 \(status.exitStatus)）：\(reason)。以下报表来自运行 \(run)。",
        ]
    }

    /// Writes the notice copies for the run `status` left published in `outputs` and points the
    /// stable links at them; nothing when no run is published or the files are not there.
    static func publish(_ status: RunStatus, outputs: String) throws {
        guard let run = status.publishedRun else { return }
        let root = URL(fileURLWithPath: outputs)
        let latest = root.appendingPathComponent("runs/\(run)")
        let folder = root.appendingPathComponent("runs/\(folderPrefix)\(status.runID)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var made: [String] = []
        let summary = latest.appendingPathComponent("summary.html")
        if let html = try? String(contentsOf: summary, encoding: .utf8), let body = html.range(of: "<body>") {
            let banner =
                "<div role=\"alert\" style=\"border:3px solid #b00020;background:#fdecea;padding:12px;margin:12px 0;font-weight:bold\">"
                + lines(status).map { "<p>\(XLSXWriter.escape($0))</p>" }.joined() + "</div>"
            var marked = html
            marked.insert(contentsOf: banner, at: body.upperBound)
            try FileOutput.write(Array(marked.utf8), to: folder.appendingPathComponent("summary.html").path)
            made.append("summary.html")
        }
        let workbook = latest.appendingPathComponent("workforce.xlsx")
        if FileManager.default.fileExists(atPath: workbook.path) {
            try FileOutput.write(
                Array(try markedWorkbook(workbook, lines: lines(status))),
                to: folder.appendingPathComponent("workforce.xlsx").path)
            made.append("workforce.xlsx")
        }
        for name in made {
            let temporary = root.appendingPathComponent(".\(name).\(status.runID).link").path
            unlink(temporary)
            guard symlink("runs/\(folderPrefix)\(status.runID)/\(name)", temporary) == 0,
                rename(temporary, root.appendingPathComponent(name).path) == 0
            else {
                unlink(temporary)
                throw OutputError.failed(creating: root.appendingPathComponent(name).path)
            }
        }
        remove(in: outputs, except: folder.lastPathComponent)
    }

    /// Removes the notices in `outputs` (all but `except`).
    static func remove(in outputs: String, except: String? = nil) {
        let runs = URL(fileURLWithPath: outputs).appendingPathComponent("runs")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []
        where name.hasPrefix(folderPrefix) && name != except {
            try? FileManager.default.removeItem(at: runs.appendingPathComponent(name))
        }
    }

    /// The workbook with `lines` at the top of its README sheet (the first), its other rows moved down.
    static func markedWorkbook(_ url: URL, lines: [String]) throws -> Data {
        let source = try Archive(url: url, accessMode: .read)
        let target = try Archive(data: Data(), accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == "xl/worksheets/sheet1.xml", let xml = String(data: data, encoding: .utf8) {
                data = Data(shifted(xml, by: lines.count, inserting: lines).utf8)
            }
            try target.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: XLSXWriter.fixedDate, compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        guard let bytes = target.data else { throw OutputError.cannotWrite(path: url.path, reason: "empty archive") }
        return bytes
    }

    /// The sheet's rows from row 2 on moved down by `count`, and `inserting` written into rows 2….
    static func shifted(_ xml: String, by count: Int, inserting lines: [String]) -> String {
        var result = ""
        var rest = Substring(xml)
        // Row and cell references: r="12" and r="B12".
        while let match = rest.firstMatch(of: /r="([A-Z]*)([0-9]+)"/) {
            result += rest[..<match.range.lowerBound]
            let number = Int(match.output.2) ?? 0
            result += "r=\"\(match.output.1)\(number >= 2 ? number + count : number)\""
            rest = rest[match.range.upperBound...]
        }
        result += rest
        let rows = lines.enumerated().map { k, line in
            "<row r=\"\(k + 2)\"><c r=\"A\(k + 2)\" t=\"inlineStr\" s=\"1\"><is><t xml:space=\"preserve\">\(XLSXWriter.escape(k == 0 ? "LAST RUN FAILED" : "最近一次运行失败"))</t></is></c><c r=\"B\(k + 2)\" t=\"inlineStr\" s=\"1\"><is><t xml:space=\"preserve\">\(XLSXWriter.escape(line))</t></is></c></row>"
        }.joined()
        if let end = result.range(of: "</row>") { result.insert(contentsOf: rows, at: end.upperBound) }
        return result
    }
}
