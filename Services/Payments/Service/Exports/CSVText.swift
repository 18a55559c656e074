// CSV as RFC 4180 writes it, safe to open in a spreadsheet.
import Foundation

/// Writes CSV rows: RFC 4180 quoting, CRLF line ends, and cells a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) prefixed with `'`.
///
/// It writes whatever text it is given; callers refuse control characters in their own fields
/// first (the exports do), so a line break here is only ever quoted, never a new row.
public enum CSVText {
    /// One row, with its CRLF.
    public static func row(_ cells: [String]) -> String {
        var out = ""
        append(cells, to: &out)
        return out
    }

    /// Appends one row, with its CRLF, to `out`.
    public static func append(_ cells: [String], to out: inout String) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(",") }
            out.append(self.cell(cell))
        }
        out.append("\r\n")
    }

    /// One cell: neutralised, then quoted when it holds a comma, quote, CR or LF.
    public static func cell(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, formulaStarts.contains(first) {
            text = "'" + text
        }
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The first characters that make a spreadsheet read a cell as a formula (OWASP's list).
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
