import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Vendor registration, verification and the blacklist.
struct VendorHandlers {
    let context: IdentityContext

    func register(into table: inout RPCMethodTable) {
        table.register(VendorTermsGet.self, constantResult: VendorTermsText.current)
        table.register(VendorRegister.self) { params, _ in try await registerVendor(params) }
        table.register(VendorResubmit.self) { params, request in try await resubmit(params, request) }
        table.register(VendorGet.self) { params, request in try await get(params, request) }
        table.register(VendorList.self) { params, request in try await list(params, request) }
        table.register(VendorVerify.self) { params, request in
            try await decide(
                .verify, params.vendorID, params.version, params.reason, VendorVerify.name, request,
                domicileConfirmed: params.domicileConfirmed)
        }
        table.register(VendorReject.self) { params, request in
            guard let reason = params.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw RPCError.validationFailed(field: "reason", reason: "a rejection needs its reasons")
            }
            return try await decide(.reject, params.vendorID, params.version, reason, VendorReject.name, request)
        }
        table.register(VendorActivate.self) { params, request in
            try await decide(.activate, params.vendorID, params.version, params.reason, VendorActivate.name, request)
        }
        table.register(VendorDeactivate.self) { params, request in
            try await decide(
                .deactivate, params.vendorID, params.version, params.reason, VendorDeactivate.name, request)
        }
        table.register(VendorBlock.self) { params, request in
            try await blockDecision(.block, params, VendorBlock.name, request)
        }
        table.register(VendorUnblock.self) { params, request in
            try await blockDecision(.unblock, params, VendorUnblock.name, request)
        }
        table.register(VendorUploadDocument.self) { params, request in try await upload(params, request) }
        table.register(VendorDocumentRead.self) { params, request in try await document(params, request) }
        table.register(BlacklistAdd.self) { params, request in try await addToBlacklist(params, request) }
        table.register(BlacklistList.self) { _, request in try await blacklist(request) }
    }

    // MARK: Registration

    func domicile(of tenant: String) async throws -> [String] {
        try await context.database.read { db in try TenantStore.domicile(db, of: tenant) }
    }

    func registerVendor(_ params: VendorRegistration) async throws -> VendorInfo {
        try InputRules.requirePrintableStrings(in: params)
        let domicile = try await domicile(of: params.tenant)
        let problems = RegistrationRules.problems(
            params, domicile: domicile, checkCredentials: true, currentTermsVersion: context.currentTermsVersion)
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        let hash = try await context.hasher.hash(params.password)
        let vendorID = IdentityContext.newID()
        let accountID = IdentityContext.newID()
        let at = context.now()
        let stamp = Timestamp.iso8601(at)
        var stored = params
        stored.password = ""
        let registration = try JSONColumn.text(stored)
        return try await context.database.write { db in
            try AccountStore.refuseTaken(db, username: params.username, email: params.email.value)
            try VendorStore.refuseDuplicate(db, params, excluding: nil)
            try VendorStore.insertRegistration(
                db, vendorID: vendorID, accountID: accountID, params, registration: registration, passwordHash: hash,
                at: stamp)
            let vendor = try VendorStore.vendor(db, id: vendorID)
            let actor = Principal(kind: .user, id: accountID, tenant: params.tenant, roles: [.vendor])
            try AuditTrail.append(
                db, tenant: params.tenant, actor: actor, method: VendorRegister.name, targetType: "vendor",
                targetID: vendorID, action: "registered", before: nil, after: try JSONCoding.value(vendor), at: at)
            try EventFeed.publish(
                VendorRegistered.self, Self.feedPayload(vendor), db: db, tenant: params.tenant, subjectID: vendorID,
                at: at)
            return vendor
        }
    }

    func resubmit(_ params: VendorRegistration, _ request: RequestContext) async throws -> VendorInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        let vendorID = try await ownVendorID(principal)
        let domicile = try await domicile(of: params.tenant)
        let problems = RegistrationRules.problems(
            params, domicile: domicile, checkCredentials: false, currentTermsVersion: context.currentTermsVersion)
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        var stored = params
        stored.password = ""
        stored.username = ""
        let registration = try JSONColumn.text(stored)
        let at = context.now()
        return try await context.database.write { db in
            let before = try VendorStore.vendor(db, id: vendorID)
            guard before.tenant == params.tenant else {
                throw RPCError.validationFailed(field: "tenant", reason: "cannot change the tenant")
            }
            let next = try VendorAction.resubmit.apply(to: before.status).get()
            try BlacklistStore.refuseBlacklisted(db, tenant: before.tenant, npwp: params.npwp.value, at: at)
            try VendorStore.refuseDuplicate(db, params, excluding: vendorID)
            try VendorStore.storeResubmission(
                db, vendorID: vendorID, status: next, params, registration: registration, at: at)
            let after = try VendorStore.vendor(db, id: vendorID)
            try AuditTrail.append(
                db, tenant: after.tenant, actor: principal, method: VendorResubmit.name, targetType: "vendor",
                targetID: vendorID, action: "resubmitted", before: try JSONCoding.value(before),
                after: try JSONCoding.value(after), at: at)
            try EventFeed.publish(
                VendorResubmitted.self, Self.feedPayload(after), db: db, tenant: after.tenant, subjectID: vendorID,
                at: at)
            return after
        }
    }

    func ownVendorID(_ principal: Principal) async throws -> String {
        try await context.database.read { db in try VendorStore.vendorID(db, ofAccount: principal.id) }
    }

    // MARK: Reading

    /// A vendor the caller may see: verifiers and officials of its tenant, or the vendor itself.
    func visibleVendor(_ db: Connection, id: String, principal: Principal) throws -> VendorInfo {
        let vendor = try VendorStore.vendor(db, id: id)
        if principal.has(.vendor) {
            // A vendor sees only itself, whatever else it might hold.
            guard vendor.accountID == principal.id else { throw RPCError.notFound("vendor", id: id) }
            return vendor
        }
        do { try principal.requireTenant(vendor.tenant, reading: true) } catch {
            throw RPCError.notFound("vendor", id: id)
        }
        return vendor
    }

    func get(_ params: VendorRef, _ request: RequestContext) async throws -> VendorInfo {
        let principal = try request.requirePrincipal()
        return try await context.database.read { db in try visibleVendor(db, id: params.vendorID, principal: principal)
        }
    }

    func list(_ params: VendorListParams, _ request: RequestContext) async throws -> [VendorInfo] {
        let principal = try request.requirePrincipal()
        // Super Admin (who has no tenant but manages every feature) sees every tenant's vendors.
        let tenant = principal.tenant
        if tenant == nil && !principal.has(.superAdmin) { throw RPCError.forbidden("listing vendors needs a tenant") }
        return try await context.database.read { db in
            try VendorStore.list(db, tenant: tenant, status: params.status)
        }
    }

    // MARK: Decisions

    func decide(
        _ action: VendorAction, _ vendorID: String, _ version: Int64, _ reason: String?, _ method: String,
        _ request: RequestContext, decision: VendorBlockParams? = nil, domicileConfirmed: Bool = false
    ) async throws -> VendorInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requireFreeText(reason, field: "reason", max: 2000, multiline: true)
        let at = context.now()
        let now = context.unixNow
        return try await context.database.write { db in
            let before = try VendorStore.vendor(db, id: vendorID)
            try principal.requireTenant(before.tenant)
            guard before.version == version else {
                throw RPCError.conflict(
                    "the vendor changed since version \(version); reload it (now version \(before.version))",
                    currentState: before.status.rawValue)
            }
            let next = try action.apply(to: before.status).get()
            if action == .verify, let refusal = VerificationRules.refusal(before, domicileConfirmed: domicileConfirmed)
            {
                throw refusal
            }
            if action.refusedWhileBlacklisted {
                try BlacklistStore.refuseBlacklisted(db, tenant: before.tenant, npwp: before.npwp, at: at)
            }
            var statusReason = reason
            if let decision {
                statusReason =
                    "\(decision.reason) (keputusan Kepala UKPBJ \(decision.decisionNumber), \(decision.decisionDate))"
            }
            try VendorStore.setStatus(db, vendorID: vendorID, next, reason: statusReason, at: at)
            if action == .verify { try VendorStore.confirmDomicile(db, vendorID: vendorID, by: principal.id) }
            if next == .blocked || next == .deactivated {
                try SessionStore.revokePrincipal(db, principalID: before.accountID, at: now)
            }
            let after = try VendorStore.vendor(db, id: vendorID)
            try AuditTrail.append(
                db, tenant: after.tenant, actor: principal, method: method, targetType: "vendor", targetID: vendorID,
                action: action.pastTense, before: try JSONCoding.value(before), after: try JSONCoding.value(after),
                at: at)
            try EventFeed.publish(
                action.event, Self.feedPayload(after), db: db, tenant: after.tenant, subjectID: vendorID, at: at)
            return after
        }
    }

    func blockDecision(_ action: VendorAction, _ params: VendorBlockParams, _ method: String, _ request: RequestContext)
        async throws -> VendorInfo
    {
        try InputRules.requirePrintableStrings(in: params)
        try InputRules.requireDocumentNumber(params.decisionNumber, field: "decisionNumber")
        try InputRules.requireCivilDate(params.decisionDate, field: "decisionDate")
        try InputRules.requireText(params.reason, field: "reason", max: 1000, multiline: true)
        return try await decide(
            action, params.vendorID, params.version, params.reason, method, request, decision: params)
    }

    // MARK: Documents

    func upload(_ params: VendorDocumentUpload, _ request: RequestContext) async throws -> VendorInfo {
        let principal = try request.requirePrincipal()
        let vendorID = try await ownVendorID(principal)
        let bytes = try UploadDecoding.bytes(
            fromBase64: params.contentBase64, field: "contentBase64", maxBytes: 5 << 20)
        let stored = try context.documents.store(bytes)
        let at = context.now()
        let document = VendorDocument(
            type: params.type, sha256: stored.sha256, contentType: stored.kind.rawValue, byteCount: stored.byteCount,
            uploadedAt: Timestamp.iso8601(at))
        return try await context.database.write { db in
            let before = try VendorStore.vendor(db, id: vendorID)
            guard before.status != .deactivated else {
                throw RPCError.conflict("a deactivated vendor cannot upload", currentState: before.status.rawValue)
            }
            var documents = before.documents.filter { !($0.type == document.type && $0.sha256 == document.sha256) }
            documents.append(document)
            try VendorStore.setDocuments(db, vendorID: vendorID, documents, at: at)
            let after = try VendorStore.vendor(db, id: vendorID)
            try AuditTrail.append(
                db, tenant: after.tenant, actor: principal, method: VendorUploadDocument.name, targetType: "vendor",
                targetID: vendorID, action: "document_uploaded", before: nil, after: try JSONCoding.value(document),
                at: at)
            return after
        }
    }

    func document(_ params: VendorDocumentRef, _ request: RequestContext) async throws -> VendorDocumentContent {
        let principal = try request.requirePrincipal()
        let vendor = try await context.database.read { db in
            try visibleVendor(db, id: params.vendorID, principal: principal)
        }
        guard let document = vendor.documents.first(where: { $0.sha256 == params.sha256 }) else {
            throw RPCError.notFound("document", id: params.sha256)
        }
        let bytes = try context.documents.load(sha256: document.sha256)
        return VendorDocumentContent(document: document, contentBase64: Data(bytes).base64EncodedString())
    }

    // MARK: Blacklist

    func addToBlacklist(_ params: BlacklistEntry, _ request: RequestContext) async throws -> BlacklistEntry {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        guard let tenant = params.tenant ?? principal.tenant else {
            throw RPCError.validationFailed(field: "tenant", reason: "is required")
        }
        try principal.requireTenant(tenant)
        try InputRules.requireText(params.name, field: "name", max: 200)
        try InputRules.requireText(params.basis, field: "basis", max: 1000, multiline: true)
        try InputRules.requireCivilDate(params.startsOn, field: "startsOn")
        try InputRules.requireCivilDate(params.endsOn, field: "endsOn")
        guard params.startsOn <= params.endsOn else {
            throw RPCError.validationFailed(field: "endsOn", reason: "must not be before startsOn")
        }
        var entry = params
        entry.id = IdentityContext.newID()
        entry.tenant = tenant
        let at = context.now()
        let now = context.unixNow
        return try await context.database.write { [entry] db in
            try BlacklistStore.insert(db, entry, tenant: tenant, by: principal.id, at: at)
            // A listed vendor in force cannot keep signing in as active.
            let today = TenantCalendar.of(tenant: tenant).today(at: at).description
            if entry.startsOn <= today && today <= entry.endsOn {
                for accountID in try VendorStore.accountIDs(db, tenant: tenant, npwp: entry.npwp.value) {
                    try SessionStore.revokePrincipal(db, principalID: accountID, at: now)
                }
            }
            try AuditTrail.append(
                db, tenant: tenant, actor: principal, method: BlacklistAdd.name, targetType: "blacklist",
                targetID: entry.id!, action: "added", before: nil, after: try JSONCoding.value(entry), at: at)
            try EventFeed.publish(
                VendorBlacklisted.self, entry, db: db, tenant: tenant, subjectID: entry.npwp.value, at: at)
            return entry
        }
    }

    func blacklist(_ request: RequestContext) async throws -> [BlacklistEntry] {
        let principal = try request.requirePrincipal()
        // Super Admin (no tenant) sees every tenant's entries.
        let tenant = principal.tenant
        if tenant == nil && !principal.has(.superAdmin) { throw RPCError.forbidden("the blacklist is per tenant") }
        return try await context.database.read { db in try BlacklistStore.list(db, tenant: tenant) }
    }

    /// What other services learn about a vendor from the feed: standing, tax identity, the bank
    /// account it is paid into and what documents print (signer, address, NIB); never its NIK,
    /// KTP address, email or phone.
    static func feedPayload(_ vendor: VendorInfo) -> VendorStandingChange {
        let signer = VendorSigner(vendor)
        return VendorStandingChange(
            vendorID: vendor.id, tenant: vendor.tenant, accountID: vendor.accountID, name: vendor.name,
            status: vendor.status.rawValue,
            npwp: vendor.npwp, isPKP: vendor.isPKP, isUMKM: vendor.businessScale?.isUMKM ?? false, kind: vendor.kind,
            version: vendor.version,
            bankAccount: vendor.bankAccount, signerName: signer.name, signerPosition: signer.position,
            address: vendor.address, nib: vendor.nib)
    }
}
