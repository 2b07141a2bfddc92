/// Neutralises text that a spreadsheet would run as a formula (CSV/formula injection).
///
/// OWASP's rule: a cell whose text, after leading white space (NBSP too),
/// starts with `=`, `+`, `-`, `@`, tab, carriage return or line feed is
/// prefixed with an apostrophe, which Excel, WPS and LibreOffice show as text
/// and do not evaluate. Applied to text cells only — header cells included,
/// numbers never — so negative numbers stay numbers. A value from a bad input
/// row, echoed in the quarantine, is the typical carrier.
public enum FormulaGuard {
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n"]

    /// `text`, prefixed with `'` when a spreadsheet could take it for a formula.
    public static func neutralise(_ text: String) -> String {
        isFormulaLike(text) ? "'" + text : text
    }

    /// Whether a spreadsheet could take `text` for a formula.
    public static func isFormulaLike(_ text: String) -> Bool {
        // Spaces are skipped; tab, CR and LF are triggers themselves.
        let start = text.drop { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{3000}" }
        guard let first = start.first else { return false }
        return triggers.contains(first)
    }
}
