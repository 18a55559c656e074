import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// Reading sealed documents, and verifying anyone's copy.
struct DocumentHandlers {
    let context: OrdersContext

    func register(into table: inout RPCMethodTable) {
        table.register(DocumentGet.self) { params, request in try await get(params, request) }
        table.register(DocumentVerify.self) { params, _ in try await verify(params) }
    }

    func get(_ params: DocumentRef, _ request: RequestContext) async throws -> DocumentContent {
        let principal = try request.requirePrincipal()
        return try await context.database.read { db in
            guard let row = try db.queryOne("SELECT tenant, subject_id, type, pdf, html FROM document WHERE id = ?", params.documentID) else {
                throw RPCError.notFound("document", id: params.documentID)
            }
            let tenant = try row.string(0)
            let subject = try row.string(1)
            if try row.string(2) == DocumentStore.Kind.forceMajeure.rawValue {
                let agency = try db.queryOne("SELECT agency FROM force_majeure WHERE id = ?", subject)?.string(0) ?? ""
                try OrderAccess.requireReadable(principal, tenant: tenant, agency: agency, vendorID: nil)
            } else {
                let order = try OrderStore.load(db, id: subject)
                try OrderAccess.requireReadable(principal, tenant: order.tenant, agency: order.agency, vendorID: order.vendorID)
            }
            return DocumentContent(
                info: try DocumentStore.info(db, id: params.documentID), pdfBase64: Data(try row.blob(3)).base64EncodedString(), html: try row.string(4))
        }
    }

    /// Authentic means: a document with this hash was issued here, and its seal's signature
    /// verifies with this service's key.
    func verify(_ params: DocumentVerifyParams) async throws -> DocumentVerification {
        let sha256: String
        switch (params.pdfBase64, params.sha256) {
        case (let base64?, nil):
            sha256 = SHA256.hexDigest(try UploadDecoding.bytes(fromBase64: base64, field: "pdfBase64", maxBytes: 5 << 20))
        case (nil, let hash?):
            let lower = hash.lowercased()
            guard lower.count == 64, lower.allSatisfy(\.isHexDigit) else { throw RPCError.validationFailed(field: "sha256", reason: "must be 64 hex digits") }
            sha256 = lower
        default:
            throw RPCError.validationFailed(field: "pdfBase64", reason: "give either the document (pdfBase64) or its sha256")
        }
        let publicKey = Base64URL.encode(context.publicKey.rawRepresentation)
        return try await context.database.read { db in
            guard let row = try db.queryOne("SELECT id, tenant, seal FROM document WHERE sha256 = ?", sha256) else {
                return DocumentVerification(authentic: false, sha256: sha256, type: nil, number: nil, issuedOn: nil, tenant: nil, seal: nil, publicKey: publicKey)
            }
            let seal = try JSONColumn.value(DocumentSeal.self, try row.string(2))
            let info = try DocumentStore.info(db, id: try row.string(0))
            // The key named in the seal, which may be one the service used before a rotation.
            let sealingKey = context.verificationKeys[seal.keyID]
            let authentic = seal.sha256 == sha256 && sealingKey.map { seal.verify(publicKey: $0) } == true
            return DocumentVerification(
                authentic: authentic, sha256: sha256, type: info.type, number: info.number, issuedOn: info.issuedOn, tenant: try row.string(1),
                seal: info.seal, publicKey: sealingKey.map { Base64URL.encode($0.rawRepresentation) } ?? publicKey)
        }
    }
}
