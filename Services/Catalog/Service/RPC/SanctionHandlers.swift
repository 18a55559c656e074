import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Delisting sanctions (turun tayang, Pasal 14): proposed by a PPK, decided by the PA/KPA of
/// that PPK's agency, in force from the start date until the end date by the calendar alone.
struct SanctionHandlers {
    let context: CatalogContext

    func register(into table: inout RPCMethodTable) {
        table.register(SanctionPropose.self) { params, request in try await propose(params, request) }
        table.register(SanctionDecide.self) { params, request in try await decide(params, request) }
        table.register(SanctionList.self) { params, request in try await list(params, request) }
    }

    func propose(_ params: SanctionProposal, _ request: RequestContext) async throws -> Sanction {
        let principal = try request.requirePrincipal()
        guard let tenant = principal.tenant, let agency = principal.agency else {
            throw RPCError.forbidden("only a PPK of an agency may propose a sanction")
        }
        try InputRules.requirePrintableStrings(in: params)
        var problems: [FieldError] = []
        do {
            try InputRules.requireText(params.description, field: "description", max: 5000, multiline: true)
        } catch let error as RPCError { problems += InputRules.fields(of: error) }
        if let orderID = params.orderID {
            do { try InputRules.requireText(orderID, field: "orderID", max: 100) } catch let error as RPCError {
                problems += InputRules.fields(of: error)
            }
        } else if params.grounds != .falseData {
            problems.append(
                FieldError(
                    field: "orderID",
                    reason: "is required: only false data in the vendor's registration concerns no order"))
        } else if params.suratPesananNumber != nil {
            problems.append(
                FieldError(field: "suratPesananNumber", reason: "must be omitted for a proposal that concerns no order")
            )
        }
        if let number = params.suratPesananNumber, let reason = InputRules.documentNumberProblem(number) {
            problems.append(FieldError(field: "suratPesananNumber", reason: reason))
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        // The vendor first (no call for a vendor this tenant does not have), then the order.
        try await context.database.read { db in _ = try SanctionStore.vendor(db, params.vendorID, tenant: tenant) }
        var proposal = params
        if let orderID = params.orderID {
            let order = try await confirmedOrder(orderID, request: request)
            try SanctionRules.requireGrounded(params, order: order, tenant: tenant, agency: agency)
            proposal.suratPesananNumber = order.suratPesanan?.number
        }
        let at = context.now()
        let today = context.today
        let grounded = proposal
        return try await context.database.write { db in
            try SanctionStore.fileProposal(
                db, grounded, tenant: tenant, agency: agency, proposer: principal, at: at, today: today)
        }
    }

    /// The order `orderID` as orders shows it to the caller (with the caller's own token, so
    /// orders' rules apply: a PPK sees only its agency's orders). An order the caller may not
    /// see is a 422 on `orderID`; orders unreachable or failing is a 503, and nothing is filed.
    func confirmedOrder(_ orderID: String, request: RequestContext) async throws -> OrderRecord {
        do {
            return try await context.orders.call(OrderGet.self, OrderRef(orderID: orderID), token: request.token)
        } catch let error as RPCError
            where error.code == ApplicationErrorCode.notFound.rawValue
            || error.code == ApplicationErrorCode.forbidden.rawValue
        {
            throw RPCError.validationFailed(field: "orderID", reason: "is not an order of your agency")
        } catch let error as RPCError where error.code == ApplicationErrorCode.dependencyUnavailable.rawValue {
            throw error
        } catch {
            throw RPCError.dependencyUnavailable("orders could not confirm order \(orderID); no sanction was proposed")
        }
    }

    func decide(_ params: SanctionDecision, _ request: RequestContext) async throws -> Sanction {
        let principal = try request.requirePrincipal()
        var problems: [FieldError] = []
        if let problem = InputRules.documentNumberProblem(params.decisionNumber) {
            problems.append(FieldError(field: "decisionNumber", reason: problem))
        }
        if let reason = params.reason, let problem = InputRules.freeTextProblem(reason, max: 2000, multiline: true) {
            problems.append(FieldError(field: "reason", reason: problem))
        }
        let reason = params.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if !params.accept && (reason ?? "").isEmpty {
            problems.append(FieldError(field: "reason", reason: "a rejection needs its reasons"))
        }
        if let start = params.startsOn, start < params.decisionDate {
            problems.append(FieldError(field: "startsOn", reason: "must not be before the decision date"))
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        let at = context.now()
        let today = context.today
        return try await context.database.write { db in
            let before = try SanctionStore.sanction(db, id: params.sanctionID, today: today)
            try principal.requireTenant(before.tenant)
            // Pasal 14(3): the PA/KPA decides on the proposal of its own PPK.
            guard principal.agency == before.agency else {
                throw RPCError.forbidden("only the PA/KPA of agency \(before.agency) may decide this sanction")
            }
            guard before.version == params.version else {
                throw RPCError.conflict(
                    "the sanction changed since it was read (version \(before.version))",
                    currentState: before.status.rawValue)
            }
            guard before.status == .proposed else {
                throw RPCError.conflict("the sanction has already been decided", currentState: before.status.rawValue)
            }
            let startsOn = params.accept ? (params.startsOn ?? params.decisionDate) : nil
            let endsOn = startsOn.map { SanctionRules.endsOn(startsOn: $0, grounds: before.proposal.grounds) }
            try SanctionStore.recordDecision(
                db, params, by: principal, reason: reason, startsOn: startsOn, endsOn: endsOn)
            let after = try SanctionStore.sanction(db, id: params.sanctionID, today: today)
            try AuditTrail.append(
                db, tenant: before.tenant, actor: principal, method: SanctionDecide.name, targetType: "sanction",
                targetID: params.sanctionID,
                action: params.accept ? "accepted" : "rejected", before: try JSONCoding.value(before),
                after: try JSONCoding.value(after), at: at)
            try EventFeed.publish(
                SanctionDecided.self, after, db: db, tenant: before.tenant, subjectID: params.sanctionID, at: at)
            return after
        }
    }

    func list(_ params: SanctionListParams, _ request: RequestContext) async throws -> [Sanction] {
        let principal = try request.requirePrincipal()
        let tenant = try CatalogContext.tenant(params.tenant, of: principal, reading: true)
        let today = context.today
        // PA/KPA and PPK see their own agency's; the supervising roles see the whole tenant.
        let supervising = principal.roles.contains {
            [.auditor, .ukpbjHead, .superAdmin, .monitor, .verifier].contains($0)
        }
        let agency = supervising ? nil : principal.agency
        if !supervising && agency == nil { throw RPCError.forbidden("only officials of an agency see its sanctions") }
        return try await context.database.read { db in
            let all = try SanctionStore.list(
                db, tenant: tenant, agency: agency, vendorID: params.vendorID, today: today)
            return params.status.map { status in all.filter { $0.status == status } } ?? all
        }
    }
}
