import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// Who acts on a payment in a change.
enum PaymentActor: Sendable {
    /// The agency's treasurer.
    case treasurer
    /// The agency's PA/KPA.
    case budgetHolder
    /// The vendor paid.
    case vendor
}

/// Payables, and the payment of each through its states (annex I.D.3.l): each handler decodes,
/// authorizes, asks `Domain/` and `Store/`, and answers; every change is audited and published
/// in the transaction that makes it.
struct PaymentHandlers {
    let context: PaymentsContext

    func register(into table: inout RPCMethodTable) {
        table.register(PayableList.self) { params, request in
            let principal = try request.requirePrincipal()
            let limit = try CursorParams.pageLimit(params.limit, default: 50, maximum: 200)
            let scope = try PaymentAccess.scope(principal, tenant: params.tenant)
            return try await context.database.read { db in
                let rows = try PayableStore.page(
                    db, scope, state: params.state, after: params.after ?? "", limit: limit + 1)
                let page = Array(rows.prefix(limit))
                return PayablePage(payables: page, nextCursor: rows.count > limit ? page.last?.orderID : nil)
            }
        }
        table.register(PayableGet.self) { params, request in
            let principal = try request.requirePrincipal()
            return try await context.database.read { db in
                let payable = try PayableStore.load(db, orderID: params.orderID)
                try PaymentAccess.requireReadable(
                    principal, tenant: payable.facts.tenant, agency: payable.facts.agency,
                    vendorID: payable.facts.vendor.id)
                return payable
            }
        }
        table.register(PaymentPrepare.self) { params, request in try await prepare(params, request) }
        table.register(PaymentApprove.self) { params, request in try await approve(params, request) }
        table.register(PaymentInstruct.self) { params, request in try await instruct(params, request) }
        table.register(PaymentSettle.self) { params, request in try await settle(params, request) }
        table.register(PaymentReject.self) { params, request in try await reject(params, request) }
        table.register(PaymentConfirmReceipt.self) { params, request in try await confirm(params, request) }
        table.register(PaymentGet.self) { params, request in
            let principal = try request.requirePrincipal()
            return try await context.database.read { db in
                let record = try PaymentStore.load(db, id: params.paymentID)
                try PaymentAccess.requireReadable(
                    principal, tenant: record.tenant, agency: record.agency, vendorID: record.vendorID)
                return record
            }
        }
        table.register(PaymentList.self) { params, request in
            let principal = try request.requirePrincipal()
            let limit = try CursorParams.pageLimit(params.limit, default: 50, maximum: 200)
            let scope = try PaymentAccess.scope(principal, tenant: params.tenant)
            return try await context.database.read { db in
                let rows = try PaymentStore.page(
                    db, scope, state: params.state, after: params.after ?? "", limit: limit + 1)
                let page = Array(rows.prefix(limit))
                return PaymentPage(payments: page, nextCursor: rows.count > limit ? page.last?.id : nil)
            }
        }
        table.register(PaymentDocumentGet.self) { params, request in try await document(params, request) }
        context.documentVerifier.register(into: &table)
        table.register(VendorRegisterTaxCertificate.self) { params, request in
            try await registerCertificate(params, request)
        }
        table.register(VendorTaxCertificateGet.self) { params, request in
            let principal = try request.requirePrincipal()
            let vendorOnly = !principal.roles.contains(where: { $0 != .vendor })
            guard let vendorID = vendorOnly ? principal.vendorID : params.vendorID else {
                throw DomainRefusal.validationFailed(field: "vendorId", reason: "is required")
            }
            if vendorOnly, let asked = params.vendorID, asked != vendorID {
                throw DomainRefusal.forbidden("a vendor sees only its own Surat Keterangan")
            }
            let today = context.today
            return try await context.database.read { db in
                let certificate = try CertificateStore.of(db, vendorID: vendorID)
                return VendorTaxCertificateView(
                    certificate: certificate, validToday: certificate?.certificate.isValid(on: today) ?? false)
            }
        }
    }

    // MARK: Preparation

    /// The treasurer's name and NIP as identity has them now (asked with the treasurer's own token).
    func treasurer(_ principal: Principal, token: String?, npwp: String) async throws -> PaymentTreasurer {
        let account: AccountInfo
        do {
            account = try await context.identity.call(AuthWhoAmI.self, EmptyParams(), token: token)
        } catch let error as RPCError where error.code == ApplicationErrorCode.notFound.rawValue {
            throw DomainRefusal.forbidden("identity does not know the caller's account")
        } catch let error as RPCError where error.code == ApplicationErrorCode.unauthenticated.rawValue {
            // Identity no longer takes the caller's session (expired or revoked): sign in again.
            throw error
        } catch {
            throw RPCError.dependencyUnavailable(
                "identity could not be asked for the treasurer's name and NIP; try again shortly")
        }
        return PaymentTreasurer(
            accountID: principal.id, name: account.fullName, nip: account.nip?.value ?? "", npwp: npwp)
    }

    /// The PA/KPA named at preparation, confirmed with identity (`account.official`, with
    /// payments' own service token): a budget holder of the same agency, active; nil when none is named.
    func budgetHolder(_ accountID: String?, tenant: String, agency: String) async throws -> OfficialParty? {
        guard let accountID else { return nil }
        let official: OfficialSummary
        do {
            official = try await context.identity.call(
                AccountOfficial.self, AccountRef(accountID: accountID), token: context.serviceToken())
        } catch let error as RPCError where error.code == ApplicationErrorCode.notFound.rawValue {
            throw DomainRefusal.validationFailed(field: "budgetHolderAccountId", reason: "is not an account")
        } catch let error as RPCError where error.code < 500 {
            throw RPCError.dependencyUnavailable("identity refused to say who holds the account; try again shortly")
        }
        guard official.roles.contains(.budgetHolder), official.tenant == tenant, official.agency == agency,
            official.status == "active"
        else {
            throw DomainRefusal.validationFailed(
                field: "budgetHolderAccountId", reason: "is not an active PA/KPA of the paying agency")
        }
        return OfficialParty(accountID: official.id, name: official.fullName, nip: "", rank: "", position: "")
    }

    static func sp2dProblems(_ sp2d: SP2DReference?, field: String) -> [FieldError] {
        guard let sp2d, let reason = InputRules.documentNumberProblem(sp2d.number, max: 60) else { return [] }
        return [FieldError(field: "\(field).number", reason: reason)]
    }

    func prepare(_ params: PaymentPreparation, _ request: RequestContext) async throws -> PaymentRecord {
        let principal = try request.requirePrincipal()
        guard principal.has(.treasurer), let tenant = principal.tenant, let agency = principal.agency else {
            throw DomainRefusal.forbidden("only the treasurer (bendahara) of an agency prepares payments")
        }
        try InputRules.requirePrintableStrings(in: params)
        let problems = Self.sp2dProblems(params.sp2d, field: "sp2d")
        if !problems.isEmpty { throw DomainRefusal.validationFailed(problems) }
        // The payable may have completed a moment ago: read orders' feed first when it is unknown.
        let known = try await context.database.read { db in
            try PayableStore.exists(db, orderID: params.orderID)
        }
        if !known { try? await context.catchUpPayables() }
        let facts = try await context.database.read { db in try PayableStore.load(db, orderID: params.orderID).facts }
        guard facts.tenant == tenant, facts.agency == agency else {
            throw DomainRefusal.forbidden("this payable belongs to another agency")
        }
        let npwp = facts.parties?.agency.npwp ?? facts.buyer.npwp ?? ""
        let treasurer = try await treasurer(principal, token: request.token, npwp: npwp)
        let budgetHolder = try await budgetHolder(params.budgetHolderAccountID, tenant: tenant, agency: agency)
        let at = context.now()
        let today = context.today
        return try await context.database.write { db in
            try IdempotentWrite.once(db, request, at: at) {
                let payable = try PayableStore.load(db, orderID: params.orderID)
                if let existing = try PaymentStore.ofOrder(db, orderID: payable.orderID) {
                    throw DomainRefusal.conflict(
                        "order \(payable.orderID) already has payment \(existing.id) (\(existing.state.rawValue)): an order is paid at most once",
                        currentState: existing.state.rawValue)
                }
                guard payable.state == .due else {
                    throw DomainRefusal.conflict(
                        "the payable is \(payable.state.rawValue)\(payable.withdrawnReason.map { ": \($0)" } ?? "")",
                        currentState: payable.state.rawValue)
                }
                let paymentDate = params.paymentDate ?? today
                if paymentDate < payable.facts.bast.issuedOn {
                    throw DomainRefusal.validationFailed(
                        field: "paymentDate",
                        reason: "must not be before the BAST (\(payable.facts.bast.issuedOn)): payment rests on it")
                }
                if let gross = params.gross, gross != payable.facts.totalIncludingPPN {
                    throw DomainRefusal.validationFailed(
                        field: "gross",
                        reason:
                            "does not add up: the Surat Pesanan and BAST allow exactly \(payable.facts.totalIncludingPPN.formatted) (PPN included); an order is paid once, in full"
                    )
                }
                let settings = try PaymentsSettingsStore.settings(db, tenant: tenant)
                try MechanismLimits.check(
                    params.mechanism, gross: payable.facts.totalIncludingPPN, on: paymentDate,
                    limits: settings.mechanismLimits)
                // The computation applies the certificate only on the days it is valid, and says why not otherwise.
                let certificate = try CertificateStore.of(db, vendorID: payable.facts.vendor.id)?.certificate
                let assessment = try TaxComputation.assess(
                    facts: payable.facts, mechanism: params.mechanism, paymentDate: paymentDate,
                    certificate: certificate, isSplit: payable.splitPurchaseFlagged, settings: settings.tax)
                let lines = assessment.lines.enumerated().map { index, line in
                    PaymentTaxLine(lineID: "tax-\(index + 1)", line: line)
                }
                let stamp = Timestamp.iso8601(at)
                let record = PaymentRecord(
                    id: PaymentsContext.newID(), orderID: payable.orderID, tenant: tenant, agency: agency,
                    vendorID: payable.facts.vendor.id, vendorName: payable.facts.vendor.name,
                    packageName: payable.facts.packageName, state: .prepared, mechanism: params.mechanism,
                    paymentDate: paymentDate, sp2d: params.sp2d, treasurer: treasurer, budgetHolder: budgetHolder,
                    assessment: assessment,
                    taxLines: lines, certificate: certificate, version: 1, createdAt: stamp, updatedAt: stamp)
                try PaymentStore.insert(db, record)
                try PayableStore.setState(db, orderID: payable.orderID, .inPayment, paymentID: record.id)
                try PaymentEvents.record(
                    db, record, before: nil, actor: principal, method: PaymentPrepare.name,
                    event: PaymentPrepared.self, at: at)
                return record
            }
        }
    }

    // MARK: The lifecycle

    /// Loads a payment for a change by its agency's treasurer (or, `byVendor`, its vendor), checks
    /// the version and the transition, applies `body`, saves, and records the change as `event`,
    /// all in one transaction.
    func change<E: PaymentChangeEvent>(
        _ paymentID: String, version: Int64, action: PaymentAction, principal: Principal, method: String,
        event: E.Type, by actor: PaymentActor = .treasurer, rejectionReason: String? = nil,
        _ body: @escaping @Sendable (inout PaymentRecord, Connection, Date) throws -> Void
    ) async throws -> PaymentRecord {
        let at = context.now()
        return try await context.database.write { db in
            let before = try PaymentStore.load(db, id: paymentID)
            switch actor {
            case .vendor:
                guard principal.has(.vendor), principal.vendorID == before.vendorID else {
                    throw DomainRefusal.forbidden("only the vendor paid confirms its payment")
                }
            case .budgetHolder:
                guard principal.has(.budgetHolder), principal.tenant == before.tenant,
                    principal.agency == before.agency
                else { throw DomainRefusal.forbidden("only the PA/KPA of the paying agency approves its payments") }
            case .treasurer:
                try PaymentAccess.requireTreasurer(principal, tenant: before.tenant, agency: before.agency)
            }
            guard before.version == version else {
                throw DomainRefusal.conflict(
                    "the payment changed since it was read (version \(before.version)); read it again",
                    currentState: before.state.rawValue)
            }
            var record = before
            record.state = try PaymentStateMachine.next(before.state, action)
            try body(&record, db, at)
            let saved = try PaymentStore.save(db, record, expectedVersion: version, at: at)
            try PaymentEvents.record(
                db, saved, before: before, actor: principal, method: method, event: E.self,
                rejectionReason: rejectionReason, at: at)
            return saved
        }
    }

    func approve(_ params: PaymentAct, _ request: RequestContext) async throws -> PaymentRecord {
        let principal = try request.requirePrincipal()
        let account: AccountInfo
        do {
            account = try await context.identity.call(AuthWhoAmI.self, EmptyParams(), token: request.token)
        } catch {
            throw RPCError.dependencyUnavailable(
                "identity could not be asked for the PA/KPA's name and NIP; try again shortly")
        }
        let approver = OfficialParty(
            accountID: principal.id, name: account.fullName, nip: account.nip?.value ?? "", rank: account.rank ?? "",
            position: account.position ?? "Pengguna Anggaran/Kuasa Pengguna Anggaran")
        return try await change(
            params.paymentID, version: params.version, action: .approve, principal: principal,
            method: PaymentApprove.name, event: PaymentApproved.self, by: .budgetHolder
        ) { record, _, at in
            if record.approvedAt != nil {
                throw DomainRefusal.conflict("the payment is already approved", currentState: "approved")
            }
            record.budgetHolder = approver
            record.approvedAt = Timestamp.iso8601(at)
        }
    }

    func instruct(_ params: PaymentInstruction, _ request: RequestContext) async throws -> PaymentRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        var problems = Self.sp2dProblems(params.sp2d, field: "sp2d")
        if let reference = params.transferReference, let reason = InputRules.documentNumberProblem(reference, max: 60) {
            problems.append(FieldError(field: "transferReference", reason: reason))
        }
        if !problems.isEmpty { throw DomainRefusal.validationFailed(problems) }
        return try await change(
            params.paymentID, version: params.version, action: .instruct, principal: principal,
            method: PaymentInstruct.name, event: PaymentInstructed.self
        ) { record, _, at in
            let sp2d = params.sp2d ?? record.sp2d
            if record.mechanism == .ls {
                guard let sp2d else {
                    throw DomainRefusal.validationFailed(
                        field: "sp2d", reason: "is required for an LS payment: its SP2D number and date")
                }
                if sp2d.date > CivilDate(at) {
                    throw DomainRefusal.validationFailed(field: "sp2d.date", reason: "must not be after today")
                }
                record.sp2d = sp2d
            }
            guard let reference = params.transferReference ?? (record.mechanism == .ls ? sp2d?.number : nil) else {
                throw DomainRefusal.validationFailed(
                    field: "transferReference", reason: "is required: the reference of the transfer sent")
            }
            record.transferReference = reference
            record.instructedAt = Timestamp.iso8601(at)
        }
    }

    func settle(_ params: PaymentSettlement, _ request: RequestContext) async throws -> PaymentRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        if let reason = InputRules.documentNumberProblem(params.bankReference, max: 60) {
            throw DomainRefusal.validationFailed(field: "bankReference", reason: reason)
        }
        let today = context.today
        let sealer = context.sealer
        let orderPDFs = await orderPDFs(paymentID: params.paymentID, token: request.token)
        let settled = try await change(
            params.paymentID, version: params.version, action: .settle, principal: principal,
            method: PaymentSettle.name, event: PaymentSettled.self
        ) { record, db, at in
            let settledOn = params.settledOn ?? today
            if settledOn > today {
                throw DomainRefusal.validationFailed(field: "settledOn", reason: "must not be after today (\(today))")
            }
            if settledOn < record.paymentDate {
                throw DomainRefusal.validationFailed(
                    field: "settledOn", reason: "must not be before the payment date (\(record.paymentDate))")
            }
            record.bankReference = params.bankReference
            record.settledOn = settledOn
            record.settledAt = Timestamp.iso8601(at)
            let payable = try PayableStore.load(db, orderID: record.orderID)
            try PaymentPapers.issue(db, &record, payable: payable, sealer: sealer, orderPDFs: orderPDFs, at: at)
            try PayableStore.setState(db, orderID: record.orderID, .paid, paymentID: record.id)
            for line in record.taxLines {
                try PaymentEvents.taxLine(
                    db, record, line, actor: principal, method: PaymentSettle.name, event: TaxWithheld.self, at: at)
            }
        }
        return settled
    }

    /// The Surat Pesanan's and BAST's sealed PDFs as orders serves them to the treasurer, checked
    /// against the hashes orders' feed told; what cannot be fetched (orders down) or does not match
    /// is left out, and the packet's cover still names it by number and SHA-256.
    func orderPDFs(paymentID: String, token: String?) async -> PaymentPapers.OrderPDFs {
        guard
            let facts = try? await context.database.read({ db in
                try PayableStore.load(db, orderID: try PaymentStore.load(db, id: paymentID).orderID).facts
            })
        else { return PaymentPapers.OrderPDFs() }
        func pdf(_ document: DocumentInfo) async -> Data? {
            guard
                let content = try? await context.orders.call(
                    DocumentGet.self, DocumentRef(documentID: document.id), token: token),
                let bytes = Data(base64Encoded: content.pdfBase64),
                SHA256.hexDigest([UInt8](bytes)) == document.seal.sha256
            else { return nil }
            return bytes
        }
        return PaymentPapers.OrderPDFs(suratPesanan: await pdf(facts.suratPesanan), bast: await pdf(facts.bast))
    }

    func reject(_ params: PaymentRejectionParams, _ request: RequestContext) async throws -> PaymentRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requireText(params.reason, field: "reason", max: 1000, multiline: true)
        return try await change(
            params.paymentID, version: params.version, action: .reject, principal: principal,
            method: PaymentReject.name, event: PaymentRejected.self, rejectionReason: params.reason
        ) { record, _, at in
            record.rejections.append(
                PaymentRejection(
                    reference: record.transferReference ?? "", reason: params.reason, recordedBy: principal.id,
                    at: Timestamp.iso8601(at)))
            record.transferReference = nil
            record.instructedAt = nil
        }
    }

    func confirm(_ params: PaymentAct, _ request: RequestContext) async throws -> PaymentRecord {
        let principal = try request.requirePrincipal()
        let sealer = context.sealer
        return try await change(
            params.paymentID, version: params.version, action: .confirmReceipt, principal: principal,
            method: PaymentConfirmReceipt.name, event: PaymentConfirmed.self, by: .vendor
        ) { record, db, at in
            record.confirmedAt = Timestamp.iso8601(at)
            // The kuitansi's "Yang menerima" block is the vendor's: filled, in a sealed copy, only now.
            if let kuitansi = record.kuitansi {
                _ = try DocumentRegister.acknowledge(
                    db, id: kuitansi.id,
                    Acknowledgement(
                        party: PaymentDocuments.Party.vendor, accountID: principal.id, at: Timestamp.iso8601(at)),
                    signedNote: PaymentDocuments.actedNote(
                        party: PaymentDocuments.Party.vendor, at: at, calendar: TenantCalendar.of(tenant: record.tenant)
                    ),
                    sealer: sealer, at: at)
                record.kuitansi = try DocumentRegister.info(db, id: kuitansi.id)
            }
        }
    }

    // MARK: Documents and certificates

    func document(_ params: PaymentDocumentRef, _ request: RequestContext) async throws -> DocumentContent {
        let principal = try request.requirePrincipal()
        return try await context.database.read { db in
            let stored = try DocumentRegister.stored(db, id: params.documentID)
            let record = try PaymentStore.load(db, id: stored.subjectID)
            try PaymentAccess.requireReadable(
                principal, tenant: record.tenant, agency: record.agency, vendorID: record.vendorID)
            return DocumentContent(
                info: try DocumentRegister.info(db, id: params.documentID),
                pdfBase64: Data(stored.pdf).base64EncodedString(), html: stored.html,
                acknowledgedCopy: try DocumentRegister.latestCopy(db, id: params.documentID))
        }
    }

    func registerCertificate(_ params: UMKMCertificate, _ request: RequestContext) async throws
        -> VendorTaxCertificate
    {
        let principal = try request.requirePrincipal()
        guard principal.has(.vendor), let vendorID = principal.vendorID else {
            throw DomainRefusal.forbidden("only a vendor registers its Surat Keterangan")
        }
        try InputRules.requirePrintableStrings(in: params)
        var problems: [FieldError] = []
        if let reason = InputRules.documentNumberProblem(params.number, max: 60) {
            problems.append(FieldError(field: "number", reason: reason))
        } else if params.number.count < 5 {
            problems.append(FieldError(field: "number", reason: "must have at least 5 characters"))
        }
        if params.validUntil < params.validFrom {
            problems.append(FieldError(field: "validUntil", reason: "must not be before validFrom"))
        }
        if !problems.isEmpty { throw DomainRefusal.validationFailed(problems) }
        let at = context.now()
        return try await context.database.write { db in
            let before = try CertificateStore.of(db, vendorID: vendorID)
            let certificate = VendorTaxCertificate(
                vendorID: vendorID, certificate: params, registeredAt: Timestamp.iso8601(at))
            try CertificateStore.save(db, certificate)
            try AuditTrail.append(
                db, tenant: principal.tenant, actor: principal, method: VendorRegisterTaxCertificate.name,
                targetType: "vendor_tax_certificate", targetID: vendorID, action: "tax_certificate_registered",
                before: try before.map { try JSONCoding.value($0) }, after: try JSONCoding.value(certificate), at: at)
            try EventFeed.publish(
                TaxCertificateRegistered.self, certificate, db: db, tenant: principal.tenant, subjectID: vendorID,
                at: at)
            return certificate
        }
    }
}
