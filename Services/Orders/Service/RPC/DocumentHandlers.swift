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
        table.register(DocumentRecordMeterai.self) { params, request in try await recordMeterai(params, request) }
        context.documentVerifier.register(into: &table)
    }

    func get(_ params: DocumentRef, _ request: RequestContext) async throws -> DocumentContent {
        let principal = try request.requirePrincipal()
        return try await context.database.read { db in
            let stored = try DocumentRegister.stored(db, id: params.documentID)
            let tenant = stored.tenant
            let subject = stored.subjectID
            if stored.kind == .forceMajeure {
                let agency = try ForceMajeureStore.agency(db, id: subject)
                try OrderAccess.requireReadable(principal, tenant: tenant, agency: agency, vendorID: nil)
            } else {
                let order = try OrderStore.load(db, id: subject)
                try OrderAccess.requireReadable(
                    principal, tenant: order.tenant, agency: order.agency, vendorID: order.vendorID)
            }
            return DocumentContent(
                info: try DocumentRegister.info(db, id: params.documentID),
                pdfBase64: Data(stored.pdf).base64EncodedString(), html: stored.html,
                acknowledgedCopy: try DocumentRegister.latestCopy(db, id: params.documentID))
        }
    }

    /// Records the meterai on a document that has a place for one: the vendor of the order or a
    /// PPK of its agency (for a force-majeure Berita Acara, a PPK of its agency), once; audited,
    /// and sealed into the acknowledged copy.
    func recordMeterai(_ params: MeteraiParams, _ request: RequestContext) async throws -> DocumentInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        let serial = params.serialNumber
        guard (5...40).contains(serial.count),
            serial.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
            })
        else {
            throw RPCError.validationFailed(
                field: "serialNumber", reason: "must be 5 to 40 ASCII letters, digits or -")
        }
        let today = context.today
        guard params.affixedOn <= today else {
            throw RPCError.validationFailed(field: "affixedOn", reason: "must not be after today (\(today))")
        }
        let sealer = context.sealer
        let at = context.now()
        return try await context.database.write { db in
            let stored = try DocumentRegister.stored(db, id: params.documentID)
            let agency: String
            var vendorID: String?
            if stored.kind == .forceMajeure {
                agency = try ForceMajeureStore.agency(db, id: stored.subjectID)
            } else {
                let order = try OrderStore.load(db, id: stored.subjectID)
                agency = order.agency
                vendorID = order.vendorID
            }
            let isVendor = principal.has(.vendor) && vendorID != nil && principal.vendorID == vendorID
            let isPPK =
                !OrderAccess.orderingRoles.isDisjoint(with: principal.roles) && principal.tenant == stored.tenant
                && principal.agency == agency
            guard isVendor || isPPK else {
                throw RPCError.forbidden(
                    "only the vendor of the order or a PPK (or Pejabat Pengadaan) of its agency records its meterai")
            }
            guard let content = try DocumentRegister.content(db, id: params.documentID),
                content.blocks.contains(where: { block in
                    if case .signatures(let signatures) = block {
                        return signatures.parties.contains { $0.meterai != nil }
                    }
                    return false
                })
            else {
                throw RPCError.conflict(
                    "this document states no amount above the stamp-duty threshold and has no place for a meterai",
                    currentState: "no_meterai")
            }
            let settings = try SettingsStore.settings(db, tenant: stored.tenant)
            let amount = DocumentTextRules.meterai(settings, on: content.issuedOn)?.amount.formatted ?? ""
            let note =
                "Meterai \(amount) telah dibubuhkan\nnomor seri \(serial), \(IndonesianDate.long(params.affixedOn))"
            if try DocumentRegister.info(db, id: params.documentID).acknowledgements.contains(where: {
                $0.party == DocumentRegister.meteraiParty
            }) {
                throw RPCError.conflict("the meterai of this document is already recorded", currentState: "recorded")
            }
            try DocumentRegister.acknowledge(
                db, id: params.documentID,
                Acknowledgement(
                    party: DocumentRegister.meteraiParty, accountID: principal.id, at: Timestamp.iso8601(at)),
                signedNote: note, sealer: sealer, at: at)
            try AuditTrail.append(
                db, tenant: stored.tenant, actor: principal, method: DocumentRecordMeterai.name, targetType: "document",
                targetID: params.documentID, action: "meterai_recorded", before: nil,
                after: ["serialNumber": .string(serial), "affixedOn": .string(params.affixedOn.description)], at: at)
            return try DocumentRegister.info(db, id: params.documentID)
        }
    }
}
