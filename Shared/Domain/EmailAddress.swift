// Email addresses, checked pragmatically rather than against the whole of RFC 5322.
import SiOpenProtocol

/// A plausible email address: one `@`, a local part of 1-64 characters, a domain of dot-separated
/// non-empty labels with at least one dot, no whitespace or control characters, at most 254
/// characters in all. The domain is stored lowercased; the local part is kept as written.
///
/// Whether the mailbox exists can only be shown by sending to it. Encodes as a JSON string.
public struct EmailAddress: Sendable, Hashable, Codable, JSONSchemaDescribing, CustomStringConvertible {
    /// The address, with its domain lowercased.
    public let value: String

    /// Characters refused anywhere in an address: they are either never valid unquoted or a sign
    /// of a pasted display name (`Name <a@b.c>`).
    private static let forbidden: Set<Character> = ["<", ">", "(", ")", "[", "]", ",", ";", ":", "\\", "\""]

    /// Validates `text` (no surrounding spaces; see the type's description).
    public init(_ text: String) throws(IdentifierError) {
        guard !text.isEmpty else { throw IdentifierError(reason: "must be an email address, not empty") }
        guard text.utf8.count <= 254 else {
            throw IdentifierError(reason: "must be an email address of at most 254 characters")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw IdentifierError(reason: "must be an email address without spaces")
        }
        guard !text.contains(where: { EmailAddress.forbidden.contains($0) }) else {
            throw IdentifierError(reason: "must be a bare email address such as name@example.go.id, without a name or brackets")
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw IdentifierError(reason: "must be an email address with exactly one @")
        }
        let local = parts[0]
        let domain = parts[1].lowercased()
        guard !local.isEmpty, local.utf8.count <= 64 else {
            throw IdentifierError(reason: "must be an email address with 1 to 64 characters before the @")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            throw IdentifierError(reason: "must be an email address whose domain after the @ is like example.go.id")
        }
        value = "\(local)@\(domain)"
    }

    /// Validates `text`; the same as ``init(_:)``.
    public init(validating text: String) throws(IdentifierError) {
        try self.init(text)
    }

    /// The part before the `@`, as written.
    public var localPart: String { String(value[..<value.lastIndex(of: "@")!]) }

    /// The lowercased domain after the `@`.
    public var domain: String { String(value[value.index(after: value.lastIndex(of: "@")!)...]) }

    /// The address.
    public var description: String { value }

    /// Decodes a JSON string and validates it.
    public init(from decoder: any Decoder) throws {
        self = try ValidatedCoding.decode(from: decoder) { (text) throws(IdentifierError) in try EmailAddress(text) }
    }

    /// Encodes the address as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        try ValidatedCoding.encode(value, to: encoder)
    }

    /// A string with one `@` and a dotted domain.
    public static var jsonSchema: JSONValue {
        ValidatedCoding.stringSchema(
            pattern: #"^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$"#,
            description: "Email address: one @, 1-64 characters before it, a domain with a dot after it, no spaces, at most 254 characters. The domain is returned lowercased.")
    }

    /// An example address.
    public static var schemaExample: EmailAddress { EmailAddress(unchecked: "pengadaan@balangankab.go.id") }

    private init(unchecked value: String) {
        self.value = value
    }
}
