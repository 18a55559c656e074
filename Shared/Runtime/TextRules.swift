import Foundation
import SiOpenProtocol

// What text a client may send: free text (names, addresses, descriptions, reasons, notes,
// clauses), document numbers and the codes printed on documents. One place, so every service
// refuses the same characters with the same words.

extension InputRules {
    /// The longest single-line free text (a name, a title, an issuer) unless a field says otherwise.
    public static let defaultLineLength = 500
    /// The longest multi-line free text (a description, a specification, a clause) unless a field says otherwise.
    public static let defaultParagraphsLength = 20_000
    /// The longest document number (Surat Pesanan, BAST, Berita Acara, decision letters).
    public static let documentNumberLength = 100

    /// Why `scalar` may not appear in free text, or nil when it may. Refused: C0 and C1 control
    /// characters and DEL (a line feed, carriage return and tab only when `multiline`), Unicode
    /// format characters (category Cf: the direction overrides and isolates U+202A–U+202E and
    /// U+2066–U+2069, the marks U+200E/U+200F, zero-width U+200B–U+200D, U+2060, U+FEFF, the soft
    /// hyphen), line and paragraph separators (U+2028, U+2029), private-use characters and
    /// noncharacters: all of them either are invisible or reorder what a reader sees, so a
    /// printed document would not say what its stored text says.
    public static func forbiddenCharacterReason(_ scalar: Unicode.Scalar, multiline: Bool) -> String? {
        let hex = String(format: "U+%04X", scalar.value)
        if scalar == "\n" || scalar == "\t" || scalar == "\r" {
            return multiline ? nil : "must be one line, without line breaks or tabs"
        }
        switch scalar.properties.generalCategory {
        case .control:
            return "must not contain control characters (\(hex))"
        case .format:
            return
                "must not contain invisible formatting characters such as direction overrides or zero-width characters (\(hex))"
        case .lineSeparator, .paragraphSeparator:
            return multiline
                ? "must break lines with a line feed, not \(hex)" : "must be one line, without line breaks or tabs"
        case .privateUse:
            return "must not contain private-use characters (\(hex))"
        default:
            return scalar.properties.isNoncharacterCodePoint ? "must not contain Unicode noncharacters (\(hex))" : nil
        }
    }

    /// Why `text` is not acceptable free text, or nil: more than `max` characters, or a character
    /// ``forbiddenCharacterReason(_:multiline:)`` refuses. Empty text is acceptable here; use
    /// ``requireText(_:field:max:multiline:)`` where a value is required.
    public static func freeTextProblem(_ text: String, max: Int, multiline: Bool) -> String? {
        if text.count > max { return "must have at most \(max) characters" }
        for scalar in text.unicodeScalars {
            if let reason = forbiddenCharacterReason(scalar, multiline: multiline) { return reason }
        }
        return nil
    }

    /// 422 naming `field` unless `text` (when present) is acceptable free text of at most `max`
    /// characters (see ``freeTextProblem(_:max:multiline:)``).
    public static func requireFreeText(_ text: String?, field: String, max: Int, multiline: Bool = false)
        throws(RPCError)
    {
        guard let text, let reason = freeTextProblem(text, max: max, multiline: multiline) else { return }
        throw RPCError.validationFailed(field: field, reason: reason)
    }

    /// Why `text` is not an acceptable document number, or nil: 1 to `max` characters of
    /// printable ASCII (letters, digits, spaces and punctuation such as `/ - . _`), without spaces
    /// at either end. ASCII only, so a number cannot look like another one (a Cyrillic `Е` for
    /// an `E`) nor hide invisible or direction-changing characters.
    public static func documentNumberProblem(_ text: String, max: Int = documentNumberLength) -> String? {
        if text.isEmpty { return "must not be empty" }
        if text.count > max { return "must have at most \(max) characters" }
        guard text.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
            return "must be printable ASCII: letters A–Z, digits, spaces and punctuation such as / - . _"
        }
        if text.first == " " || text.last == " " { return "must not begin or end with a space" }
        return nil
    }

    /// 422 naming `field` unless `text` is an acceptable document number (see ``documentNumberProblem(_:max:)``).
    public static func requireDocumentNumber(_ text: String, field: String, max: Int = documentNumberLength)
        throws(RPCError)
    {
        if let reason = documentNumberProblem(text, max: max) {
            throw RPCError.validationFailed(field: field, reason: reason)
        }
    }

    /// Why `text` is not an acceptable code (a tenant, agency, region or category code printed on
    /// documents and used in numbers), or nil: `length` characters, each an ASCII letter or
    /// digit, `-`, `_`, or one of `extra`. ASCII only, so no code can look like another.
    public static func codeProblem(
        _ text: String, length: ClosedRange<Int> = 1...32, extra: Set<Character> = [], lowercaseOnly: Bool = false
    ) -> String? {
        let letters = lowercaseOnly ? "a–z" : "A–Z, a–z"
        let others = (["-", "_"] + extra.sorted().map { String($0) }).map { "'\($0)'" }.joined(separator: ", ")
        let reason =
            "must be \(length.lowerBound) to \(length.upperBound) characters of ASCII \(letters), 0–9 or \(others)"
        guard length.contains(text.count) else { return reason }
        for character in text {
            guard character.isASCII else { return reason }
            if character.isNumber || character == "-" || character == "_" || extra.contains(character) { continue }
            if character.isLetter && (!lowercaseOnly || character.isLowercase) { continue }
            return reason
        }
        return nil
    }

    /// 422 naming `field` unless `text` is an acceptable code (see ``codeProblem(_:length:extra:lowercaseOnly:)``).
    public static func requireCode(
        _ text: String, field: String, length: ClosedRange<Int> = 1...32, extra: Set<Character> = [],
        lowercaseOnly: Bool = false
    ) throws(RPCError) {
        if let reason = codeProblem(text, length: length, extra: extra, lowercaseOnly: lowercaseOnly) {
            throw RPCError.validationFailed(field: field, reason: reason)
        }
    }

    /// Members ``requirePrintableStrings(in:skipping:)`` does not look at by default: passwords
    /// (only ever hashed, and a sign-in must not fail on the characters of an existing one) and
    /// encoded file contents (checked as files).
    public static let opaqueMembers: Set<String> = [
        "password", "initialPassword", "temporaryPassword", "currentPassword", "newPassword", "contentBase64",
    ]

    /// The net under every write method: every string anywhere in `params` (nested objects and
    /// arrays too) must be free of the characters ``forbiddenCharacterReason(_:multiline:)``
    /// refuses even in multi-line text, and have at most ``defaultParagraphsLength`` characters.
    /// Members named in `skipping` are not looked at. One 422 names every offending field by its
    /// path (`items[0].description`).
    ///
    /// Fields with their own limits and stricter rules (one line, names, codes, document
    /// numbers) are checked by their handlers as well; this makes sure nothing slips past them,
    /// including fields added later.
    public static func requirePrintableStrings<P: Encodable>(in params: P, skipping: Set<String> = opaqueMembers) throws
    {
        var problems: [FieldError] = []
        func walk(_ value: JSONValue, path: String) {
            switch value {
            case .string(let text):
                if let reason = freeTextProblem(text, max: defaultParagraphsLength, multiline: true) {
                    problems.append(FieldError(field: path.isEmpty ? "params" : path, reason: reason))
                }
            case .array(let elements):
                for (index, element) in elements.enumerated() { walk(element, path: "\(path)[\(index)]") }
            case .object(let members):
                for name in members.keys.sorted() where !skipping.contains(name) {
                    walk(members[name]!, path: path.isEmpty ? name : "\(path).\(name)")
                }
            default:
                return
            }
        }
        walk(try JSONCoding.value(params), path: "")
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
    }
}
