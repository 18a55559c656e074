// `document.verify` for any service that keeps a DocumentRegister: one contract
// (Shared/Contracts/Documents/VerificationContracts.swift), one handler.
import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// Answers `document.verify` from a service's ``DocumentRegister``, with the service's keys.
///
/// Authentic means: a document with this hash was issued here, its seal's statement signature
/// verifies with the key the seal names (the current key or one used before a rotation), and so
/// does its signature over the PDF bytes when the seal has one. The answer carries that key as
/// base64url and as PEM, and the seal with its `pdfSignature`, so anyone can repeat the check
/// offline with `openssl pkeyutl` (README, "Checking a document offline").
public struct DocumentVerifier: Sendable {
    /// The largest PDF accepted, in bytes.
    public static let maximumPDFBytes = 5 << 20

    let database: Database
    let currentKeyID: String
    let keys: [String: Ed25519PublicKey]

    /// A verifier over `database`'s register; `keys` holds every public key the service has
    /// sealed with, by id (``SigningKeyring/publicKeys``), `currentKeyID` names the one it seals with now.
    public init(database: Database, currentKeyID: String, keys: [String: Ed25519PublicKey]) {
        self.database = database
        self.currentKeyID = currentKeyID
        self.keys = keys
    }

    /// A verifier with `keyring`'s keys.
    public init(database: Database, keyring: SigningKeyring) {
        self.init(database: database, currentKeyID: keyring.currentKeyID, keys: keyring.publicKeys)
    }

    /// Registers `document.verify` (open to anyone).
    public func register(into table: inout RPCMethodTable) {
        table.register(DocumentVerify.self) { params, _ in try await verify(params) }
    }

    /// Checks a PDF (base64) or its hex SHA-256; exactly one of the two, else 422.
    public func verify(_ params: DocumentVerifyParams) async throws -> DocumentVerification {
        let sha256: String
        switch (params.pdfBase64, params.sha256) {
        case (let base64?, nil):
            sha256 = SHA256.hexDigest(
                try UploadDecoding.bytes(fromBase64: base64, field: "pdfBase64", maxBytes: Self.maximumPDFBytes))
        case (nil, let hash?):
            let lower = hash.lowercased()
            guard lower.count == 64, lower.allSatisfy({ $0.isASCII && $0.isHexDigit }) else {
                throw RPCError.validationFailed(field: "sha256", reason: "must be 64 hex digits")
            }
            sha256 = lower
        default:
            throw RPCError.validationFailed(
                field: "pdfBase64", reason: "give either the document (pdfBase64) or its sha256")
        }
        let current = keys[currentKeyID]
        return try await database.read { db in
            func answer(
                documentID: String, tenant: String, seal: DocumentSeal, pdf: [UInt8], originalSha256: String?,
                acknowledgements: [Acknowledgement]
            ) throws -> DocumentVerification {
                let info = try DocumentRegister.info(db, id: documentID)
                // The key named in the seal, which may be one the service used before a rotation.
                let sealingKey = keys[seal.keyID]
                let authentic =
                    SHA256.hexDigest(pdf) == seal.sha256
                    && sealingKey.map { key in
                        seal.verify(publicKey: key) && (seal.pdfSignature == nil || seal.verifyPDF(pdf, publicKey: key))
                    } == true
                let key = sealingKey ?? current
                return DocumentVerification(
                    authentic: authentic, sha256: sha256, type: info.type, number: info.number,
                    issuedOn: info.issuedOn, tenant: tenant, seal: DocumentRegister.sealInfo(seal),
                    publicKey: key.map { Base64URL.encode($0.rawRepresentation) },
                    publicKeyPEM: key?.pemRepresentation, originalSha256: originalSha256,
                    acknowledgements: acknowledgements)
            }
            // The original, by its PDF's hash or by the verification code its QR code carries.
            if let row = try db.queryOne(
                "SELECT id, tenant, seal, pdf FROM document WHERE sha256 = ? OR verification_code = ? LIMIT 1",
                sha256, sha256)
            {
                let id = try row.string(0)
                return try answer(
                    documentID: id, tenant: try row.string(1),
                    seal: try JSONColumn.value(DocumentSeal.self, try row.string(2)), pdf: try row.blob(3),
                    originalSha256: nil, acknowledgements: try DocumentRegister.info(db, id: id).acknowledgements)
            }
            // An acknowledged copy, sealed against its original.
            if let row = try db.queryOne(
                """
                SELECT a.document_id, d.tenant, a.seal, a.pdf, a.original_sha256
                FROM document_acknowledgement a JOIN document d ON d.id = a.document_id WHERE a.sha256 = ?
                """, sha256)
            {
                let id = try row.string(0)
                return try answer(
                    documentID: id, tenant: try row.string(1),
                    seal: try JSONColumn.value(DocumentSeal.self, try row.string(2)), pdf: try row.blob(3),
                    originalSha256: try row.string(4),
                    acknowledgements: try DocumentRegister.acknowledgements(db, id: id, shownBy: sha256))
            }
            return DocumentVerification(
                authentic: false, sha256: sha256, type: nil, number: nil, issuedOn: nil, tenant: nil, seal: nil,
                publicKey: current.map { Base64URL.encode($0.rawRepresentation) },
                publicKeyPEM: current?.pemRepresentation)
        }
    }
}
