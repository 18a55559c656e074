import SiOpenProtocol

/// Turns what a person types into an FTS5 query that cannot be a syntax error.
enum SearchText {
    /// Each word (letters and digits) as a quoted prefix term, all required; nil when `text` is blank.
    static func matchExpression(_ text: String) throws -> String? {
        if text.count > 200 {
            throw RPCError.validationFailed(field: "query", reason: "must have at most 200 characters")
        }
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).prefix(16)
        if words.isEmpty {
            if text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
            throw RPCError.validationFailed(field: "query", reason: "must contain letters or digits")
        }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}
