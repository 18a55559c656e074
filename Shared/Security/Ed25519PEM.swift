// Ed25519 public keys in the form OpenSSL and most tools read: PEM SubjectPublicKeyInfo (RFC 8410).
import Foundation

extension Ed25519PublicKey {
    /// The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 section 4): SEQUENCE {
    /// SEQUENCE { OID 1.3.101.112 }, BIT STRING (0 unused bits) }, followed by the 32 key bytes.
    static let subjectPublicKeyInfoPrefix: [UInt8] = [
        0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00,
    ]

    /// The key as DER SubjectPublicKeyInfo (44 bytes).
    public var derRepresentation: [UInt8] { Self.subjectPublicKeyInfoPrefix + rawRepresentation }

    /// The key as a PEM `PUBLIC KEY` block ending in a newline, which
    /// `openssl pkeyutl -verify -pubin -inkey key.pem` reads.
    public var pemRepresentation: String {
        "-----BEGIN PUBLIC KEY-----\n" + Data(derRepresentation).base64EncodedString() + "\n-----END PUBLIC KEY-----\n"
    }

    /// Loads a key from its PEM `PUBLIC KEY` block (an Ed25519 SubjectPublicKeyInfo).
    /// - Throws: `SecurityError` when the text is not such a block.
    public init(pemRepresentation pem: String) throws {
        let lines = pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        guard lines.count >= 3, lines.first == "-----BEGIN PUBLIC KEY-----", lines.last == "-----END PUBLIC KEY-----",
            let der = Data(base64Encoded: lines.dropFirst().dropLast().joined()), der.count == 44,
            Array(der.prefix(12)) == Self.subjectPublicKeyInfoPrefix
        else { throw SecurityError("not a PEM Ed25519 public key (SubjectPublicKeyInfo)") }
        try self.init(rawRepresentation: Array(der.suffix(32)))
    }
}
