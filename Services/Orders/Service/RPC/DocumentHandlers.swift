import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Reading sealed documents, and verifying anyone's copy (the shared `document.verify`).
struct DocumentHandlers {
    let context: OrdersContext

    func register(into table: inout RPCMethodTable) {
        table.register(DocumentGet.self) { params, request in try await get(params, request) }
        context.documentVerifier.register(into: &table)
    }

    func get(_ params: DocumentRef, _ request: RequestContext) async throws -> DocumentContent {
        let principal = try request.requirePrincipal()
        return try await context.database.read { db in
            let stored = try DocumentRegister.stored(db, id: params.documentID)
            let tenant = stored.tenant
            let subject = stored.subjectID
            if stored.kind == .forceMajeure {
                let agency = try db.queryOne("SELECT agency FROM force_majeure WHERE id = ?", subject)?.string(0) ?? ""
                try OrderAccess.requireReadable(principal, tenant: tenant, agency: agency, vendorID: nil)
            } else {
                let order = try OrderStore.load(db, id: subject)
                try OrderAccess.requireReadable(
                    principal, tenant: order.tenant, agency: order.agency, vendorID: order.vendorID)
            }
            return DocumentContent(
                info: try DocumentRegister.info(db, id: params.documentID),
                pdfBase64: Data(stored.pdf).base64EncodedString(), html: stored.html)
        }
    }
}
