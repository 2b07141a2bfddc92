import Foundation

/// Where each section and key of a plan file stands: the lines error messages name.
///
/// TOML parsers hand back values without their place, so the text is scanned for
/// `[section]` headers and `key =` lines (the plan's keys are plain, one per line).
struct PlanKeyLines {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var section = ""
        // "\r\n" is one Character in Swift: both line ends split.
        let rows = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, raw) in rows.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
                section = line[line.index(after: line.startIndex)..<end].trimmingCharacters(in: .whitespaces)
                if lines[section] == nil { lines[section] = index + 1 }
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                let path = section.isEmpty ? key : "\(section).\(key)"
                if lines[path] == nil { lines[path] = index + 1 }
            }
        }
    }

    /// The line of `key` in `section` (or of the section itself when `key` is nil).
    func line(_ section: String, _ key: String? = nil) -> Int? {
        lines[key.map { section.isEmpty ? $0 : "\(section).\($0)" } ?? section]
    }
}
