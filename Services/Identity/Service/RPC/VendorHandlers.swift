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
        table.register(VendorVerify.self) { params, request in try await decide(.verify, params.vendorID, params.version, params.reason, VendorVerify.name, request) }
        table.register(VendorReject.self) { params, request in
            guard let reason = params.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw RPCError.validationFailed(field: "reason", reason: "a rejection needs its reasons")
            }
            return try await decide(.reject, params.vendorID, params.version, reason, VendorReject.name, request)
        }
        table.register(VendorActivate.self) { params, request in try await decide(.activate, params.vendorID, params.version, params.reason, VendorActivate.name, request) }
        table.register(VendorDeactivate.self) { params, request in try await decide(.deactivate, params.vendorID, params.version, params.reason, VendorDeactivate.name, request) }
        table.register(VendorBlock.self) { params, request in try await blockDecision(.block, params, VendorBlock.name, request) }
        table.register(VendorUnblock.self) { params, request in try await blockDecision(.unblock, params, VendorUnblock.name, request) }
        table.register(VendorUploadDocument.self) { params, request in try await upload(params, request) }
        table.register(VendorDocumentRead.self) { params, request in try await document(params, request) }
        table.register(BlacklistAdd.self) { params, request in try await addToBlacklist(params, request) }
        table.register(BlacklistList.self) { _, request in try await blacklist(request) }
    }

    // MARK: Registration

    /// Checks a registration against the tenant and the qualification rules (annex I.C.1).
    func validate(_ registration: VendorRegistration, domicile: [String], checkCredentials: Bool) -> [FieldError] {
        var problems: [FieldError] = []
        if !registration.nik.hasDomicile(in: domicile) {
            problems.append(FieldError(field: "nik", reason: "the KTP must show domicile in the tenant's region (\(domicile.joined(separator: ", ")))"))
        }
        if registration.kind == .entity {
            if registration.nib == nil { problems.append(FieldError(field: "nib", reason: "is required for a business entity")) }
            if registration.deed == nil { problems.append(FieldError(field: "deed", reason: "the deed of establishment is required for a business entity")) }
            if registration.director == nil { problems.append(FieldError(field: "director", reason: "the director's identity is required for a business entity")) }
        }
        if let deed = registration.deed {
            if deed.number.isEmpty { problems.append(FieldError(field: "deed.number", reason: "must not be empty")) }
            if deed.ratificationNumber.isEmpty {
                problems.append(FieldError(field: "deed.ratificationNumber", reason: "the ratification by the Ministry of Law and Human Rights is required"))
            }
            do { try InputRules.requireCivilDate(deed.date, field: "deed.date") } catch let error as RPCError {
                problems.append(contentsOf: InputRules.fields(of: error))
            } catch {}
        }
        if let director = registration.director, director.name.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldError(field: "director.name", reason: "must not be empty"))
        }
        for (field, value, max) in [("name", registration.name, 200), ("address", registration.address, 500), ("businessLicenceNumber", registration.businessLicenceNumber, 100)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty || value.count > max {
            problems.append(FieldError(field: field, reason: "must be 1 to \(max) characters"))
        }
        // Every printed or displayed text: one line, no control or invisible characters.
        for (field, value, max) in [
            ("name", registration.name, Int.max), ("address", registration.address, Int.max), ("businessLicenceNumber", registration.businessLicenceNumber, Int.max),
            ("bankAccount.bank", registration.bankAccount.bank, 100), ("bankAccount.holderName", registration.bankAccount.holderName, 200),
            ("director.name", registration.director?.name ?? "", 200), ("deed.number", registration.deed?.number ?? "", 100),
            ("deed.ratificationNumber", registration.deed?.ratificationNumber ?? "", 100), ("acceptedTermsVersion", registration.acceptedTermsVersion, 50),
        ] {
            if let reason = InputRules.freeTextProblem(value, max: max, multiline: false) { problems.append(FieldError(field: field, reason: reason)) }
        }
        let account = registration.bankAccount
        if account.bank.isEmpty { problems.append(FieldError(field: "bankAccount.bank", reason: "must not be empty")) }
        if account.holderName.isEmpty { problems.append(FieldError(field: "bankAccount.holderName", reason: "must not be empty")) }
        if !(5...30).contains(account.number.count) || !account.number.allSatisfy(\.isNumber) {
            problems.append(FieldError(field: "bankAccount.number", reason: "must be 5 to 30 digits"))
        }
        if registration.acceptedTermsVersion != context.currentTermsVersion {
            problems.append(FieldError(field: "acceptedTermsVersion", reason: "the current vendor terms are version \(context.currentTermsVersion) (see vendor.terms)"))
        }
        if checkCredentials {
            if let problem = AccountRules.usernameProblem(registration.username) { problems.append(problem) }
            if let problem = AccountRules.passwordProblem(registration.password, username: registration.username, field: "password") {
                problems.append(problem)
            }
        }
        return problems
    }


    func domicile(of tenant: String) async throws -> [String] {
        try await context.database.read { db in
            guard let row = try db.queryOne("SELECT domicile_region_codes FROM tenant WHERE code = ?", tenant) else {
                throw RPCError.validationFailed(field: "tenant", reason: "no tenant \(tenant)")
            }
            return try JSONColumn.value([String].self, try row.string(0))
        }
    }

    func registerVendor(_ params: VendorRegistration) async throws -> VendorInfo {
        try InputRules.requirePrintableStrings(in: params)
        let domicile = try await domicile(of: params.tenant)
        let problems = validate(params, domicile: domicile, checkCredentials: true)
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
            try AccountHandlers.refuseTaken(db, username: params.username, email: params.email.value)
            try Self.refuseDuplicate(db, params, excluding: nil)
            try db.run(
                """
                INSERT INTO account (id, tenant, username, email, full_name, roles, password_hash, status, vendor_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, '["vendor"]', ?, 'active', ?, ?, ?)
                """,
                arguments: [accountID, params.tenant, params.username, params.email.value, params.name, hash, vendorID, stamp, stamp])
            try db.run(
                """
                INSERT INTO vendor (id, tenant, status, nik, npwp, nib, email, registration, accepted_terms_version, accepted_terms_at,
                    account_id, created_at, updated_at)
                VALUES (?, ?, 'registered', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [vendorID, params.tenant, params.nik.value, params.npwp.value, params.nib?.value, params.email.value, registration,
                    params.acceptedTermsVersion, stamp, accountID, stamp, stamp])
            let vendor = try Self.vendor(db, id: vendorID)
            let actor = Principal(kind: .user, id: accountID, tenant: params.tenant, roles: [.vendor])
            try AuditTrail.append(db, tenant: params.tenant, actor: actor, method: VendorRegister.name, targetType: "vendor", targetID: vendorID, action: "registered", before: nil, after: try JSONCoding.value(vendor), at: at)
            try EventFeed.publish(db, type: "vendor.registered", tenant: params.tenant, subjectID: vendorID, payload: try Self.feedPayload(vendor), at: at)
            return vendor
        }
    }

    /// Identifiers already registered in the tenant are refused (annex I.C).
    static func refuseDuplicate(_ db: Connection, _ registration: VendorRegistration, excluding vendorID: String?) throws {
        let checks: [(String, String, String?)] = [
            ("nik", "nik", registration.nik.value), ("npwp", "npwp", registration.npwp.value), ("nib", "nib", registration.nib?.value),
            ("email", "email", registration.email.value),
        ]
        var problems: [FieldError] = []
        for (field, column, value) in checks {
            guard let value else { continue }
            let compared = column == "email" ? "lower(email) = lower(?)" : "\(column) = ?"
            if try db.queryOne("SELECT 1 FROM vendor WHERE tenant = ? AND \(compared) AND id IS NOT ?", registration.tenant, value, vendorID) != nil {
                problems.append(FieldError(field: field, reason: "is already registered in this tenant"))
            }
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
    }

    func resubmit(_ params: VendorRegistration, _ request: RequestContext) async throws -> VendorInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        let vendorID = try await ownVendorID(principal)
        let domicile = try await domicile(of: params.tenant)
        let problems = validate(params, domicile: domicile, checkCredentials: false)
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        var stored = params
        stored.password = ""
        stored.username = ""
        let registration = try JSONColumn.text(stored)
        let at = context.now()
        return try await context.database.write { db in
            let before = try Self.vendor(db, id: vendorID)
            guard before.tenant == params.tenant else { throw RPCError.validationFailed(field: "tenant", reason: "cannot change the tenant") }
            let next = try VendorAction.resubmit.apply(to: before.status).get()
            try Self.refuseBlacklisted(db, tenant: before.tenant, npwp: params.npwp.value, at: at)
            try Self.refuseDuplicate(db, params, excluding: vendorID)
            try db.run(
                """
                UPDATE vendor SET status = ?, status_reason = NULL, nik = ?, npwp = ?, nib = ?, email = ?, registration = ?,
                    accepted_terms_version = ?, accepted_terms_at = ?, version = version + 1, updated_at = ? WHERE id = ?
                """,
                arguments: [next.rawValue, params.nik.value, params.npwp.value, params.nib?.value, params.email.value, registration,
                    params.acceptedTermsVersion, Timestamp.iso8601(at), Timestamp.iso8601(at), vendorID])
            let after = try Self.vendor(db, id: vendorID)
            try AuditTrail.append(db, tenant: after.tenant, actor: principal, method: VendorResubmit.name, targetType: "vendor", targetID: vendorID, action: "resubmitted", before: try JSONCoding.value(before), after: try JSONCoding.value(after), at: at)
            try EventFeed.publish(db, type: "vendor.resubmitted", tenant: after.tenant, subjectID: vendorID, payload: try Self.feedPayload(after), at: at)
            return after
        }
    }

    func ownVendorID(_ principal: Principal) async throws -> String {
        try await context.database.read { db in
            guard let row = try db.queryOne("SELECT vendor_id FROM account WHERE id = ?", principal.id), let id = try row.optionalString(0) else {
                throw RPCError.forbidden("this account is not a vendor's")
            }
            return id
        }
    }

    // MARK: Reading

    /// A vendor the caller may see: verifiers and officials of its tenant, or the vendor itself.
    func visibleVendor(_ db: Connection, id: String, principal: Principal) throws -> VendorInfo {
        let vendor = try Self.vendor(db, id: id)
        if principal.has(.vendor) {
            // A vendor sees only itself, whatever else it might hold.
            guard vendor.accountID == principal.id else { throw RPCError.notFound("vendor", id: id) }
            return vendor
        }
        do { try principal.requireTenant(vendor.tenant, reading: true) } catch { throw RPCError.notFound("vendor", id: id) }
        return vendor
    }

    func get(_ params: VendorRef, _ request: RequestContext) async throws -> VendorInfo {
        let principal = try request.requirePrincipal()
        return try await context.database.read { db in try visibleVendor(db, id: params.vendorID, principal: principal) }
    }

    func list(_ params: VendorListParams, _ request: RequestContext) async throws -> [VendorInfo] {
        let principal = try request.requirePrincipal()
        // Super Admin (who has no tenant but manages every feature) sees every tenant's vendors.
        let tenant = principal.tenant
        if tenant == nil && !principal.has(.superAdmin) { throw RPCError.forbidden("listing vendors needs a tenant") }
        return try await context.database.read { db in
            try db.query("SELECT id FROM vendor WHERE (?1 IS NULL OR tenant = ?1) AND (?2 IS NULL OR status = ?2) ORDER BY created_at", arguments: [tenant, params.status?.rawValue])
                .map { try Self.vendor(db, id: try $0.string(0)) }
        }
    }

    // MARK: Decisions

    func decide(_ action: VendorAction, _ vendorID: String, _ version: Int64, _ reason: String?, _ method: String, _ request: RequestContext, decision: VendorBlockParams? = nil) async throws -> VendorInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requireFreeText(reason, field: "reason", max: 2000, multiline: true)
        let at = context.now()
        let now = context.unixNow
        return try await context.database.write { db in
            let before = try Self.vendor(db, id: vendorID)
            try principal.requireTenant(before.tenant)
            guard before.version == version else {
                throw RPCError.conflict("the vendor changed since version \(version); reload it (now version \(before.version))", currentState: before.status.rawValue)
            }
            let next = try action.apply(to: before.status).get()
            if action.refusedWhileBlacklisted { try Self.refuseBlacklisted(db, tenant: before.tenant, npwp: before.npwp, at: at) }
            var statusReason = reason
            if let decision { statusReason = "\(decision.reason) (keputusan Kepala UKPBJ \(decision.decisionNumber), \(decision.decisionDate))" }
            try db.run("UPDATE vendor SET status = ?, status_reason = ?, version = version + 1, updated_at = ? WHERE id = ?", next.rawValue, statusReason, Timestamp.iso8601(at), vendorID)
            if next == .blocked || next == .deactivated {
                try AccountHandlers.revokePrincipal(db, principalID: before.accountID, at: now)
            }
            let after = try Self.vendor(db, id: vendorID)
            try AuditTrail.append(db, tenant: after.tenant, actor: principal, method: method, targetType: "vendor", targetID: vendorID, action: action.pastTense, before: try JSONCoding.value(before), after: try JSONCoding.value(after), at: at)
            try EventFeed.publish(db, type: "vendor.\(action.pastTense)", tenant: after.tenant, subjectID: vendorID, payload: try Self.feedPayload(after), at: at)
            return after
        }
    }

    func blockDecision(_ action: VendorAction, _ params: VendorBlockParams, _ method: String, _ request: RequestContext) async throws -> VendorInfo {
        try InputRules.requirePrintableStrings(in: params)
        try InputRules.requireDocumentNumber(params.decisionNumber, field: "decisionNumber")
        try InputRules.requireCivilDate(params.decisionDate, field: "decisionDate")
        try InputRules.requireText(params.reason, field: "reason", max: 1000, multiline: true)
        return try await decide(action, params.vendorID, params.version, params.reason, method, request, decision: params)
    }

    // MARK: Documents

    func upload(_ params: VendorDocumentUpload, _ request: RequestContext) async throws -> VendorInfo {
        let principal = try request.requirePrincipal()
        let vendorID = try await ownVendorID(principal)
        let bytes = try UploadDecoding.bytes(fromBase64: params.contentBase64, field: "contentBase64", maxBytes: 5 << 20)
        let stored = try context.documents.store(bytes)
        let at = context.now()
        let document = VendorDocument(type: params.type, sha256: stored.sha256, contentType: stored.kind.rawValue, byteCount: stored.byteCount, uploadedAt: Timestamp.iso8601(at))
        return try await context.database.write { db in
            let before = try Self.vendor(db, id: vendorID)
            guard before.status != .deactivated else { throw RPCError.conflict("a deactivated vendor cannot upload", currentState: before.status.rawValue) }
            var documents = before.documents.filter { !($0.type == document.type && $0.sha256 == document.sha256) }
            documents.append(document)
            try db.run("UPDATE vendor SET documents = ?, version = version + 1, updated_at = ? WHERE id = ?", try JSONColumn.text(documents), Timestamp.iso8601(at), vendorID)
            let after = try Self.vendor(db, id: vendorID)
            try AuditTrail.append(db, tenant: after.tenant, actor: principal, method: VendorUploadDocument.name, targetType: "vendor", targetID: vendorID, action: "document_uploaded", before: nil, after: try JSONCoding.value(document), at: at)
            return after
        }
    }

    func document(_ params: VendorDocumentRef, _ request: RequestContext) async throws -> VendorDocumentContent {
        let principal = try request.requirePrincipal()
        let vendor = try await context.database.read { db in try visibleVendor(db, id: params.vendorID, principal: principal) }
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
        guard let tenant = params.tenant ?? principal.tenant else { throw RPCError.validationFailed(field: "tenant", reason: "is required") }
        try principal.requireTenant(tenant)
        try InputRules.requireText(params.name, field: "name", max: 200)
        try InputRules.requireText(params.basis, field: "basis", max: 1000, multiline: true)
        try InputRules.requireCivilDate(params.startsOn, field: "startsOn")
        try InputRules.requireCivilDate(params.endsOn, field: "endsOn")
        guard params.startsOn <= params.endsOn else { throw RPCError.validationFailed(field: "endsOn", reason: "must not be before startsOn") }
        var entry = params
        entry.id = IdentityContext.newID()
        entry.tenant = tenant
        let at = context.now()
        let now = context.unixNow
        return try await context.database.write { [entry] db in
            try db.run(
                "INSERT INTO blacklist (id, tenant, npwp, name, source, basis, starts_on, ends_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [entry.id, tenant, entry.npwp.value, entry.name, entry.source.rawValue, entry.basis, entry.startsOn, entry.endsOn, principal.id, Timestamp.iso8601(at)])
            // A listed vendor in force cannot keep signing in as active.
            let today = TenantCalendar.of(tenant: tenant).today(at: at).description
            if entry.startsOn <= today && today <= entry.endsOn {
                for row in try db.query("SELECT account_id FROM vendor WHERE tenant = ? AND npwp = ?", tenant, entry.npwp.value) {
                    try AccountHandlers.revokePrincipal(db, principalID: try row.string(0), at: now)
                }
            }
            try AuditTrail.append(db, tenant: tenant, actor: principal, method: BlacklistAdd.name, targetType: "blacklist", targetID: entry.id!, action: "added", before: nil, after: try JSONCoding.value(entry), at: at)
            try EventFeed.publish(db, type: "vendor.blacklisted", tenant: tenant, subjectID: entry.npwp.value, payload: try JSONCoding.value(entry), at: at)
            return entry
        }
    }

    func blacklist(_ request: RequestContext) async throws -> [BlacklistEntry] {
        let principal = try request.requirePrincipal()
        // Super Admin (no tenant) sees every tenant's entries.
        let tenant = principal.tenant
        if tenant == nil && !principal.has(.superAdmin) { throw RPCError.forbidden("the blacklist is per tenant") }
        return try await context.database.read { db in
            try db.query("SELECT id, tenant, npwp, name, source, basis, starts_on, ends_on FROM blacklist WHERE (?1 IS NULL OR tenant = ?1) ORDER BY starts_on", arguments: [tenant]).map { row in
                BlacklistEntry(
                    id: try row.string(0), tenant: try row.string(1), npwp: try NPWP(try row.string(2)), name: try row.string(3),
                    source: BlacklistSource(rawValue: try row.string(4)) ?? .nationalList, basis: try row.string(5),
                    startsOn: try row.string(6), endsOn: try row.string(7))
            }
        }
    }

    /// A blacklist entry in force for this NPWP on the tenant's date at `at` (its calendar, as
    /// the catalog counts it) stops verification, activation and sign-in.
    static func refuseBlacklisted(_ db: Connection, tenant: String, npwp: String, at: Date) throws {
        let today = TenantCalendar.of(tenant: tenant).today(at: at).description
        if let row = try db.queryOne(
            "SELECT basis, ends_on FROM blacklist WHERE tenant = ? AND npwp = ? AND starts_on <= ?3 AND ends_on >= ?3 LIMIT 1",
            arguments: [tenant, npwp, today])
        {
            throw RPCError.conflict("the vendor is on the blacklist until \(try row.string(1)) (\(try row.string(0)))", currentState: "blacklisted")
        }
    }

    /// A vendor account signs in only while the vendor is not blocked, deactivated or blacklisted.
    static func refuseInactiveVendorSignIn(_ db: Connection, vendorID: String, at: Date) throws {
        let vendor = try vendor(db, id: vendorID)
        switch vendor.status {
        case .blocked: throw RPCError.forbidden("this vendor is blocked: \(vendor.statusReason ?? "")")
        case .deactivated: throw RPCError.forbidden("this vendor is deactivated")
        default: break
        }
        do { try refuseBlacklisted(db, tenant: vendor.tenant, npwp: vendor.npwp, at: at) } catch let error as RPCError {
            throw RPCError.forbidden(error.message)
        }
    }

    // MARK: Rows

    static func vendor(_ db: Connection, id: String) throws -> VendorInfo {
        guard let row = try db.queryOne(
            """
            SELECT id, tenant, status, status_reason, registration, accepted_terms_at, account_id, documents, version, npwp
            FROM vendor WHERE id = ?
            """, id)
        else { throw RPCError.notFound("vendor", id: id) }
        let registration = try JSONColumn.value(VendorRegistration.self, try row.string(4))
        return VendorInfo(
            id: try row.string(0), tenant: try row.string(1), kind: registration.kind, name: registration.name,
            status: VendorStatus(rawValue: try row.string(2)) ?? .registered, statusReason: try row.optionalString(3),
            nik: registration.nik.value, npwp: try row.string(9), nib: registration.nib?.value, email: registration.email.value,
            phone: registration.phone.value, address: registration.address, deed: registration.deed, director: registration.director,
            businessLicenceNumber: registration.businessLicenceNumber, bankAccount: registration.bankAccount, isPKP: registration.isPKP,
            businessScale: registration.businessScale,
            acceptedTermsVersion: registration.acceptedTermsVersion, acceptedTermsAt: try row.string(5), accountID: try row.string(6),
            documents: try JSONColumn.value([VendorDocument].self, try row.string(7)), version: try row.int64(8))
    }

    /// What other services learn about a vendor from the feed: identity and standing, no bank or personal details.
    static func feedPayload(_ vendor: VendorInfo) throws -> JSONValue {
        [
            "vendorId": .string(vendor.id), "tenant": .string(vendor.tenant), "name": .string(vendor.name),
            "status": .string(vendor.status.rawValue), "npwp": .string(vendor.npwp), "isPKP": .bool(vendor.isPKP),
            "kind": .string(vendor.kind.rawValue), "version": .integer(vendor.version),
            "accountId": .string(vendor.accountID), "isUMKM": .bool(vendor.businessScale?.isUMKM ?? false),
        ]
    }
}
