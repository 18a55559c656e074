// The seal that makes a rendered document checkable by anyone: the SHA-256 of the exact PDF
// bytes, signed by the issuing service's Ed25519 key. A reader recomputes the hash of the file
// they hold and checks the signature with the service's published public key; or, offline,
// checks the second signature, made over the PDF bytes themselves, with `openssl pkeyutl`.
import Foundation
import SiOpenRuntime
import SiOpenSecurity

/// The seal of one rendered document: which document, the SHA-256 of its PDF, and the issuing
/// service's Ed25519 signatures.
///
/// Two signatures, by the same key (RFC 8032 Ed25519, no pre-hashing):
/// - ``signature`` covers the ``statement``, a fixed-format text naming the key, the document
///   type and number, the hash and the sealing time, so none of those fields can be changed
///   without breaking it;
/// - ``pdfSignature`` covers the PDF bytes themselves, exactly as `document.get` returns them,
///   so anyone holding the file, the signature and the public key (PEM) verifies it offline with
///   `openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in doc.pdf -sigfile doc.sig`.
///   Seals made before it existed have none.
///
/// Encodes as JSON with the fields below.
public struct DocumentSeal: Sendable, Hashable, Codable {
    /// The SHA-256 of the PDF bytes, 64 lowercase hex digits.
    public let sha256: String
    /// The Ed25519 signature over ``statement``, base64url without padding.
    public let signature: String
    /// Names the signing key, so a verifier knows which public key to use (keys rotate).
    public let keyID: String
    /// What the document is, e.g. "surat-pesanan", "bast", "kuitansi".
    public let documentType: String
    /// The document's number, e.g. "001/SP/DISKOMINFO/XI/2026".
    public let documentNumber: String
    /// When it was sealed, ISO 8601 UTC with milliseconds (`2026-11-21T02:15:00.000Z`).
    public let sealedAt: String
    /// The Ed25519 signature over the PDF bytes, standard base64 with padding (so
    /// `openssl base64 -d -A` decodes it); nil on seals made before documents were signed whole.
    public let pdfSignature: String?

    /// A seal from stored fields; nothing is checked until ``verify(publicKey:)``.
    public init(
        sha256: String, signature: String, keyID: String, documentType: String, documentNumber: String,
        sealedAt: String,
        pdfSignature: String? = nil
    ) {
        self.sha256 = sha256
        self.signature = signature
        self.keyID = keyID
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.sealedAt = sealedAt
        self.pdfSignature = pdfSignature
    }

    /// The version tag that opens every statement; a new statement format gets a new tag.
    public static let statementVersion = "siopen-document-v1"

    /// The UTF-8 bytes that are signed: the version tag, key id, document type, document
    /// number, hash and sealing time, one per line (`\n`), no trailing newline. No field may
    /// hold a line break, so the lines cannot be shifted to make another seal's statement.
    public var statement: [UInt8] {
        Array(
            [Self.statementVersion, keyID, documentType, documentNumber, sha256, sealedAt].joined(separator: "\n").utf8)
    }

    /// Whether the signature is `publicKey`'s signature over this seal's fields. False for a
    /// malformed seal (a field with a line break, a signature that is not base64url).
    public func verify(publicKey: Ed25519PublicKey) -> Bool {
        guard DocumentSealer.statementFieldsAreValid([keyID, documentType, documentNumber, sha256, sealedAt]),
            let signatureBytes = Base64URL.decode(signature)
        else { return false }
        return publicKey.isValidSignature(signatureBytes, for: statement)
    }

    /// Whether ``pdfSignature`` is `publicKey`'s signature over `pdf`, the check
    /// `openssl pkeyutl -verify -rawin` makes. False when the seal has no such signature or it is
    /// not base64.
    public func verifyPDF(_ pdf: [UInt8], publicKey: Ed25519PublicKey) -> Bool {
        guard let pdfSignature, let signatureBytes = Data(base64Encoded: pdfSignature) else { return false }
        return publicKey.isValidSignature(Array(signatureBytes), for: pdf)
    }

    /// Whether `pdf` is the sealed file: its SHA-256 equals ``sha256``. Check
    /// ``verify(publicKey:)`` too; a matching hash alone proves nothing about who sealed it.
    public func matches(pdf: [UInt8]) -> Bool {
        SHA256.hexDigest(pdf) == sha256
    }
}

/// Why a document could not be sealed.
public struct DocumentSealError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, for logs.
    public let description: String
}

/// Seals documents with one service's signing key.
public struct DocumentSealer: Sendable {
    /// Names ``privateKey`` in every seal; publish the public key under the same id.
    public let keyID: String
    private let privateKey: Ed25519PrivateKey

    /// A sealer signing with `privateKey`, known to verifiers as `keyID`.
    public init(keyID: String, privateKey: Ed25519PrivateKey) {
        self.keyID = keyID
        self.privateKey = privateKey
    }

    /// Seals the rendered `pdf` of document `documentNumber` at `instant`.
    /// - Throws: ``DocumentSealError`` when the key id, type or number is empty or holds a line
    ///   break or other control character, or when signing fails.
    public func seal(pdf: [UInt8], documentType: String, documentNumber: String, at instant: Date) throws
        -> DocumentSeal
    {
        guard Self.statementFieldsAreValid([keyID, documentType, documentNumber]) else {
            throw DocumentSealError(
                description:
                    "key id, document type and document number must be non-empty and hold no line breaks or control characters"
            )
        }
        let unsigned = DocumentSeal(
            sha256: SHA256.hexDigest(pdf), signature: "", keyID: keyID, documentType: documentType,
            documentNumber: documentNumber, sealedAt: Timestamp.iso8601(instant))
        let signature: [UInt8]
        let pdfSignature: [UInt8]
        do {
            signature = try privateKey.signature(for: unsigned.statement)
            pdfSignature = try privateKey.signature(for: pdf)
        } catch {
            throw DocumentSealError(description: "signing failed: \(error)")
        }
        return DocumentSeal(
            sha256: unsigned.sha256, signature: Base64URL.encode(signature), keyID: keyID, documentType: documentType,
            documentNumber: documentNumber, sealedAt: unsigned.sealedAt,
            pdfSignature: Data(pdfSignature).base64EncodedString())
    }

    /// Non-empty and free of control characters (line breaks included), which keeps the
    /// statement's one-field-per-line format unambiguous.
    static func statementFieldsAreValid(_ fields: [String]) -> Bool {
        fields.allSatisfy { field in
            !field.isEmpty
                && !field.unicodeScalars.contains {
                    $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}"
                }
        }
    }
}
