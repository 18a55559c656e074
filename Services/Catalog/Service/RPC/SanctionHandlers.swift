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

    static let columns = """
        id, tenant, agency, vendor_name, proposal, proposed_by, proposed_at, decision, decision_number, decision_date,
        decided_by, decision_reason, starts_on, ends_on, version
        """

    static func sanction(_ row: Row, today: CivilDate) throws -> Sanction {
        let decision = try row.string(7)
        let startsOn = try row.optionalString(12).map { try CivilDate($0) }
        let endsOn = try row.optionalString(13).map { try CivilDate($0) }
        return Sanction(
            id: try row.string(0), tenant: try row.string(1), agency: try row.string(2),
            proposal: try JSONColumn.value(SanctionProposal.self, try row.string(4)), vendorName: try row.string(3),
            proposedBy: try row.string(5), proposedAt: try row.string(6),
            status: SanctionRules.status(decision: decision, startsOn: startsOn, endsOn: endsOn, today: today),
            decisionNumber: try row.optionalString(8), decisionDate: try row.optionalString(9).map { try CivilDate($0) },
            decidedBy: try row.optionalString(10), decisionReason: try row.optionalString(11), startsOn: startsOn, endsOn: endsOn,
            version: try row.int64(14))
    }

    static func sanction(_ db: Connection, id: String, today: CivilDate) throws -> Sanction {
        guard let row = try db.queryOne("SELECT \(columns) FROM sanction WHERE id = ?", id) else { throw RPCError.notFound("sanction", id: id) }
        return try sanction(row, today: today)
    }

    func propose(_ params: SanctionProposal, _ request: RequestContext) async throws -> Sanction {
        let principal = try request.requirePrincipal()
        guard let tenant = principal.tenant, let agency = principal.agency else {
            throw RPCError.forbidden("only a PPK of an agency may propose a sanction")
        }
        try InputRules.requirePrintableStrings(in: params)
        var problems: [FieldError] = []
        do { try InputRules.requireText(params.description, field: "description", max: 5000, multiline: true) } catch let error as RPCError { problems += InputRules.fields(of: error) }
        if let orderID = params.orderID {
            do { try InputRules.requireText(orderID, field: "orderID", max: 100) } catch let error as RPCError { problems += InputRules.fields(of: error) }
        } else if params.grounds != .falseData {
            problems.append(FieldError(field: "orderID", reason: "is required: only false data in the vendor's registration concerns no order"))
        } else if params.suratPesananNumber != nil {
            problems.append(FieldError(field: "suratPesananNumber", reason: "must be omitted for a proposal that concerns no order"))
        }
        if let number = params.suratPesananNumber, let reason = InputRules.documentNumberProblem(number) { problems.append(FieldError(field: "suratPesananNumber", reason: reason)) }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        // The vendor first (no call for a vendor this tenant does not have), then the order.
        try await context.database.read { db in _ = try Self.vendor(db, params.vendorID, tenant: tenant) }
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
            try Self.fileProposal(db, grounded, tenant: tenant, agency: agency, proposer: principal, at: at, today: today)
        }
    }

    /// The order `orderID` as orders shows it to the caller (with the caller's own token, so
    /// orders' rules apply: a PPK sees only its agency's orders). An order the caller may not
    /// see is a 422 on `orderID`; orders unreachable or failing is a 503, and nothing is filed.
    func confirmedOrder(_ orderID: String, request: RequestContext) async throws -> OrderRecord {
        do {
            return try await context.orders.call(OrderGet.self, OrderRef(orderID: orderID), token: request.token)
        } catch let error as RPCError where error.code == ApplicationErrorCode.notFound.rawValue || error.code == ApplicationErrorCode.forbidden.rawValue {
            throw RPCError.validationFailed(field: "orderID", reason: "is not an order of your agency")
        } catch let error as RPCError where error.code == ApplicationErrorCode.dependencyUnavailable.rawValue {
            throw error
        } catch {
            throw RPCError.dependencyUnavailable("orders could not confirm order \(orderID); no sanction was proposed")
        }
    }

    /// The vendor's tenant and name, or a 422 on `vendorID` when `tenant` has no such vendor.
    static func vendor(_ db: Connection, _ vendorID: String, tenant: String) throws -> (tenant: String, name: String) {
        guard let vendor = try db.queryOne("SELECT tenant, name FROM vendor_state WHERE vendor_id = ?", vendorID), try vendor.string(0) == tenant else {
            throw RPCError.validationFailed(field: "vendorID", reason: "no vendor \(vendorID) in this tenant")
        }
        return (try vendor.string(0), try vendor.string(1))
    }

    /// Files a proposal, or returns the one already filed for the same order and grounds, so a
    /// retried call or a replayed order event never files it twice. A proposal on the vendor's
    /// registration (no order) returns the agency's one against the vendor still pending or in force, if any.
    /// The caller has grounded it: ``propose(_:_:)`` with orders, the orders feed by the
    /// `order.failed` event itself.
    static func fileProposal(
        _ db: Connection, _ params: SanctionProposal, tenant: String, agency: String, proposer: Principal, at: Date, today: CivilDate
    ) throws -> Sanction {
        let vendor = try vendor(db, params.vendorID, tenant: tenant)
        let id = CatalogContext.newID()
        let orderKey: String
        if let orderID = params.orderID {
            orderKey = orderID
            if let existing = try db.queryOne("SELECT id FROM sanction WHERE tenant = ? AND order_id = ? AND grounds = ?", tenant, orderID, params.grounds.rawValue) {
                let sanction = try Self.sanction(db, id: try existing.string(0), today: today)
                guard sanction.proposal.vendorID == params.vendorID else {
                    throw RPCError.conflict("order \(orderID) already has a \(params.grounds.rawValue) proposal against another vendor", currentState: sanction.status.rawValue)
                }
                return sanction
            }
        } else {
            let open = try db.query(
                "SELECT id FROM sanction WHERE tenant = ? AND agency = ? AND vendor_id = ? AND grounds = ? AND order_id LIKE 'registration:%' ORDER BY proposed_at, id",
                tenant, agency, params.vendorID, params.grounds.rawValue
            ).map { try Self.sanction(db, id: try $0.string(0), today: today) }
            if let pending = open.first(where: { [.proposed, .scheduled, .inForce].contains($0.status) }) { return pending }
            // Unique per proposal: a vendor may be proposed again once an earlier one was rejected or ended.
            orderKey = "registration:\(params.vendorID):\(id)"
        }
        try db.run(
            """
            INSERT INTO sanction (id, tenant, agency, vendor_id, vendor_name, proposal, order_id, grounds, proposed_by, proposed_at, decision, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', 1)
            """,
            arguments: [id, tenant, agency, params.vendorID, vendor.name, try JSONColumn.text(params), orderKey, params.grounds.rawValue,
                proposer.id, Timestamp.iso8601(at)])
        let sanction = try Self.sanction(db, id: id, today: today)
        try AuditTrail.append(
            db, tenant: tenant, actor: proposer, method: SanctionPropose.name, targetType: "sanction", targetID: id, action: "proposed",
            before: nil, after: try JSONCoding.value(sanction), at: at)
        try EventFeed.publish(SanctionProposed.self, sanction, db: db, tenant: tenant, subjectID: id, at: at)
        return sanction
    }

    func decide(_ params: SanctionDecision, _ request: RequestContext) async throws -> Sanction {
        let principal = try request.requirePrincipal()
        var problems: [FieldError] = []
        if let problem = InputRules.documentNumberProblem(params.decisionNumber) { problems.append(FieldError(field: "decisionNumber", reason: problem)) }
        if let reason = params.reason, let problem = InputRules.freeTextProblem(reason, max: 2000, multiline: true) { problems.append(FieldError(field: "reason", reason: problem)) }
        let reason = params.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if !params.accept && (reason ?? "").isEmpty { problems.append(FieldError(field: "reason", reason: "a rejection needs its reasons")) }
        if let start = params.startsOn, start < params.decisionDate { problems.append(FieldError(field: "startsOn", reason: "must not be before the decision date")) }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        let at = context.now()
        let today = context.today
        return try await context.database.write { db in
            let before = try Self.sanction(db, id: params.sanctionID, today: today)
            try principal.requireTenant(before.tenant)
            // Pasal 14(3): the PA/KPA decides on the proposal of its own PPK.
            guard principal.agency == before.agency else {
                throw RPCError.forbidden("only the PA/KPA of agency \(before.agency) may decide this sanction")
            }
            guard before.version == params.version else {
                throw RPCError.conflict("the sanction changed since it was read (version \(before.version))", currentState: before.status.rawValue)
            }
            guard before.status == .proposed else {
                throw RPCError.conflict("the sanction has already been decided", currentState: before.status.rawValue)
            }
            let startsOn = params.accept ? (params.startsOn ?? params.decisionDate) : nil
            let endsOn = startsOn.map { SanctionRules.endsOn(startsOn: $0, grounds: before.proposal.grounds) }
            try db.run(
                """
                UPDATE sanction SET decision = ?, decision_number = ?, decision_date = ?, decided_by = ?, decision_reason = ?,
                    starts_on = ?, ends_on = ?, version = version + 1
                WHERE id = ?
                """,
                arguments: [params.accept ? "accepted" : "rejected", params.decisionNumber, params.decisionDate.description, principal.id, reason,
                    startsOn?.description, endsOn?.description, params.sanctionID])
            let after = try Self.sanction(db, id: params.sanctionID, today: today)
            try AuditTrail.append(
                db, tenant: before.tenant, actor: principal, method: SanctionDecide.name, targetType: "sanction", targetID: params.sanctionID,
                action: params.accept ? "accepted" : "rejected", before: try JSONCoding.value(before), after: try JSONCoding.value(after), at: at)
            try EventFeed.publish(SanctionDecided.self, after, db: db, tenant: before.tenant, subjectID: params.sanctionID, at: at)
            return after
        }
    }

    /// Announces on the feed the sanctions whose delisting started or ended by today, once each,
    /// so other services and reports learn of it the day it happens (the catalog itself needs no
    /// announcement: it decides visibility by the dates).
    static func announceByCalendar(_ database: Database, now: @escaping @Sendable () -> Date) async throws {
        let at = now()
        let today = CivilDate(at)
        try await database.write { db in
            let due = try db.query(
                """
                SELECT id, announced, starts_on <= ?1, ends_on <= ?1 FROM sanction
                WHERE decision = 'accepted' AND ((announced = 'none' AND starts_on <= ?1) OR (announced != 'ended' AND ends_on <= ?1))
                """, today.description)
            for row in due {
                let id = try row.string(0)
                var announced = try row.string(1)
                let sanction = try Self.sanction(db, id: id, today: today)
                let started = try row.bool(2)
                if announced == "none" && started {
                    try EventFeed.publish(SanctionStarted.self, sanction, db: db, tenant: sanction.tenant, subjectID: id, at: at)
                    announced = "started"
                }
                if try row.bool(3) {
                    try EventFeed.publish(SanctionEnded.self, sanction, db: db, tenant: sanction.tenant, subjectID: id, at: at)
                    announced = "ended"
                }
                try db.run("UPDATE sanction SET announced = ? WHERE id = ?", announced, id)
            }
        }
    }

    func list(_ params: SanctionListParams, _ request: RequestContext) async throws -> [Sanction] {
        let principal = try request.requirePrincipal()
        let tenant = try CatalogContext.tenant(params.tenant, of: principal, reading: true)
        let today = context.today
        // PA/KPA and PPK see their own agency's; the supervising roles see the whole tenant.
        let supervising = principal.roles.contains { [.auditor, .ukpbjHead, .superAdmin, .monitor, .verifier].contains($0) }
        let agency = supervising ? nil : principal.agency
        if !supervising && agency == nil { throw RPCError.forbidden("only officials of an agency see its sanctions") }
        return try await context.database.read { db in
            var sql = "SELECT \(Self.columns) FROM sanction WHERE tenant = ?"
            var arguments: [any SQLBindable] = [tenant]
            if let agency {
                sql += " AND agency = ?"
                arguments.append(agency)
            }
            if let vendor = params.vendorID {
                sql += " AND vendor_id = ?"
                arguments.append(vendor)
            }
            let all = try db.query(sql + " ORDER BY proposed_at DESC, id", arguments: arguments).map { try Self.sanction($0, today: today) }
            return params.status.map { status in all.filter { $0.status == status } } ?? all
        }
    }
}
