// NIB (Nomor Induk Berusaha), the business identification number issued through OSS.
import SiOpenProtocol

/// A valid NIB: exactly 13 digits. OSS publishes no check digit, so only the shape is checked.
///
/// Encodes as a plain JSON string of the 13 digits.
public struct NIB: Sendable, Hashable, Codable, JSONSchemaDescribing, CustomStringConvertible {
    /// The 13 digits.
    public let value: String

    /// Validates `text`, which must be exactly 13 ASCII digits.
    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 13 && Digits.all(bytes) else {
            throw IdentifierError(reason: "must be an NIB of exactly 13 digits 0-9, with no spaces or punctuation")
        }
        value = text
    }

    /// Validates `text`; the same as ``init(_:)``.
    public init(validating text: String) throws(IdentifierError) {
        try self.init(text)
    }

    /// The 13 digits.
    public var description: String { value }

    /// Decodes a JSON string and validates it.
    public init(from decoder: any Decoder) throws {
        self = try ValidatedCoding.decode(from: decoder) { (text) throws(IdentifierError) in try NIB(text) }
    }

    /// Encodes the 13 digits as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        try ValidatedCoding.encode(value, to: encoder)
    }

    /// A string of 13 digits.
    public static var jsonSchema: JSONValue {
        ValidatedCoding.stringSchema(
            pattern: "^[0-9]{13}$", description: "NIB (OSS business identification number): exactly 13 digits.")
    }

    /// A 13-digit example.
    public static var schemaExample: NIB { NIB(unchecked: "9120001234567") }

    private init(unchecked value: String) {
        self.value = value
    }
}
