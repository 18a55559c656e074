// CSV as RFC 4180 writes it, safe to open in a spreadsheet.

/// Writes CSV rows: RFC 4180 quoting, CRLF line ends, and cells a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) prefixed with `'`.
public enum CSVText {
    /// One row, with its CRLF.
    public static func row(_ cells: [String]) -> String {
        fatalError("not yet")
    }

    /// One cell: neutralised, then quoted when it holds a comma, quote, CR or LF.
    public static func cell(_ text: String) -> String {
        fatalError("not yet")
    }
}
