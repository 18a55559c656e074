// Email addresses, checked pragmatically rather than against the whole of RFC 5322.
import Foundation
import SiOpenProtocol

/// A plausible email address: one `@`, a local part of 1-64 characters, a domain of dot-separated
/// non-empty labels with at least one dot, no whitespace or control characters, at most 254
/// characters in all.
///
/// The whole address is normalised: Unicode NFC, then lowercased, local part included. RFC 5321
/// lets a mail server treat `Budi` and `budi` as two mailboxes, but none that officials and
/// vendors use does, and sign-in already finds an account by its email without regard to case:
/// so one spelling per mailbox, and two accounts can never differ only by case.
///
/// Whether the mailbox exists can only be shown by sending to it. Encodes as a JSON string.
public struct EmailAddress: Sendable, Hashable, Codable, JSONSchemaDescribing, CustomStringConvertible {
    /// The address, normalised (NFC, lowercased).
    public let value: String

    /// Characters refused anywhere in an address: they are either never valid unquoted or a sign
    /// of a pasted display name (`Name <a@b.c>`).
    private static let forbidden: Set<Character> = ["<", ">", "(", ")", "[", "]", ",", ";", ":", "\\", "\""]

    /// Validates and normalises `text` (no surrounding spaces; see the type's description).
    public init(_ written: String) throws(IdentifierError) {
        let text = written.precomposedStringWithCanonicalMapping.lowercased()
        guard !text.isEmpty else { throw IdentifierError(reason: "must be an email address, not empty") }
        guard text.utf8.count <= 254 else {
            throw IdentifierError(reason: "must be an email address of at most 254 characters")
        }
        guard
            !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else {
            throw IdentifierError(reason: "must be an email address without spaces")
        }
        guard
            !text.unicodeScalars.contains(where: {
                [.control, .format, .privateUse].contains($0.properties.generalCategory)
            })
        else {
            throw IdentifierError(
                reason: "must be an email address without control, invisible or direction-changing characters")
        }
        guard !text.contains(where: { EmailAddress.forbidden.contains($0) }) else {
            throw IdentifierError(
                reason: "must be a bare email address such as name@example.go.id, without a name or brackets")
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw IdentifierError(reason: "must be an email address with exactly one @")
        }
        let local = parts[0]
        let domain = parts[1]
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

    /// The part before the `@`, lowercased.
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
            description:
                "Email address: one @, 1-64 characters before it, a domain with a dot after it, no spaces, at most 254 characters. Compared and returned lowercased."
        )
    }

    /// An example address.
    public static var schemaExample: EmailAddress { EmailAddress(unchecked: "pengadaan@balangankab.go.id") }

    private init(unchecked value: String) {
        self.value = value
    }
}
