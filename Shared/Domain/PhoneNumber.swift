// Indonesian telephone numbers, stored in E.164.
import SiOpenProtocol

/// An Indonesian telephone number (mobile or fixed line), stored in E.164 form `+62…`.
///
/// Accepted input: `+62…`, `62…` or the domestic `0…`, with optional spaces, hyphens, dots or
/// parentheses between digits (`0812-3456-7890`, `+62 812 3456 7890`, `(0526) 2028123`). After
/// removing them and the prefix, the national number must have 7-13 digits and not start with
/// `0`, so the E.164 form has 9-15 digits. Encodes as a JSON string of the E.164 form.
public struct PhoneNumber: Sendable, Hashable, Codable, JSONSchemaDescribing, CustomStringConvertible {
    /// The number in E.164 form, e.g. `+6281234567890`.
    public let value: String

    /// Validates and normalises `text` (see the type's description).
    public init(_ text: String) throws(IdentifierError) {
        var bytes = Array(text.utf8)
        let separators: Set<UInt8> = [
            UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"),
        ]
        bytes.removeAll { separators.contains($0) }
        let national: ArraySlice<UInt8>
        if bytes.starts(with: Array("+62".utf8)) {
            national = bytes.dropFirst(3)
        } else if bytes.first == UInt8(ascii: "+") {
            throw IdentifierError(
                reason: "must be an Indonesian telephone number (+62…); other country codes are not accepted")
        } else if bytes.starts(with: Array("62".utf8)) {
            national = bytes.dropFirst(2)
        } else if bytes.first == UInt8(ascii: "0") {
            national = bytes.dropFirst(1)
        } else {
            throw IdentifierError(reason: "must be a telephone number starting with +62 or 0")
        }
        guard Digits.all(national) else {
            throw IdentifierError(
                reason: "must be a telephone number of digits, optionally separated by spaces or hyphens")
        }
        guard national.first != UInt8(ascii: "0") else {
            throw IdentifierError(reason: "must be a telephone number without a 0 after +62")
        }
        guard (7...13).contains(national.count) else {
            throw IdentifierError(
                reason: "must be a telephone number with 7 to 13 digits after the +62 or leading 0")
        }
        value = "+62" + String(decoding: national, as: UTF8.self)
    }

    /// Validates `text`; the same as ``init(_:)``.
    public init(validating text: String) throws(IdentifierError) {
        try self.init(text)
    }

    /// The domestic form, `0` followed by the national number, e.g. `081234567890`.
    public var domesticFormat: String { "0" + value.dropFirst(3) }

    /// The E.164 form.
    public var description: String { value }

    /// Decodes a JSON string and validates it.
    public init(from decoder: any Decoder) throws {
        self = try ValidatedCoding.decode(from: decoder) { (text) throws(IdentifierError) in try PhoneNumber(text) }
    }

    /// Encodes the E.164 form as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        try ValidatedCoding.encode(value, to: encoder)
    }

    /// A string starting with +62, 62 or 0.
    public static var jsonSchema: JSONValue {
        ValidatedCoding.stringSchema(
            pattern: #"^(\+62|62|0)[0-9 ().-]{7,24}$"#,
            description:
                "Indonesian telephone number: +62…, 62… or 0…, optionally with spaces, hyphens, dots or parentheses; 7-13 digits after the prefix, not starting with 0. Returned in E.164 form (+62…)."
        )
    }

    /// An example mobile number.
    public static var schemaExample: PhoneNumber { PhoneNumber(unchecked: "+6281234567890") }

    private init(unchecked value: String) {
        self.value = value
    }
}
