import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Delisting sanctions as stored (`sanction`): reading, filing, deciding, and the calendar's announcements.
enum SanctionStore {
    /// The columns ``sanction(_:today:)`` reads, in its order.
    static let columns = """
        id, tenant, agency, vendor_name, proposal, proposed_by, proposed_at, decision, decision_number, decision_date,
        decided_by, decision_reason, starts_on, ends_on, version
        """

    /// A sanction from a row of ``columns``, its status as of `today`.
    static func sanction(_ row: Row, today: CivilDate) throws -> Sanction {
        let decision = try row.string(7)
        let startsOn = try row.optionalString(12).map { try CivilDate($0) }
        let endsOn = try row.optionalString(13).map { try CivilDate($0) }
        return Sanction(
            id: try row.string(0), tenant: try row.string(1), agency: try row.string(2),
            proposal: try JSONColumn.value(SanctionProposal.self, try row.string(4)), vendorName: try row.string(3),
            proposedBy: try row.string(5), proposedAt: try row.string(6),
            status: SanctionRules.status(decision: decision, startsOn: startsOn, endsOn: endsOn, today: today),
            decisionNumber: try row.optionalString(8),
            decisionDate: try row.optionalString(9).map { try CivilDate($0) },
            decidedBy: try row.optionalString(10), decisionReason: try row.optionalString(11), startsOn: startsOn,
            endsOn: endsOn,
            version: try row.int64(14))
    }

    /// One sanction; 404 when there is none.
    static func sanction(_ db: Connection, id: String, today: CivilDate) throws -> Sanction {
        guard let row = try db.queryOne("SELECT \(columns) FROM sanction WHERE id = ?", id) else {
            throw RPCError.notFound("sanction", id: id)
        }
        return try Self.sanction(row, today: today)
    }

    /// The vendor's tenant and name, or a 422 on `vendorID` when `tenant` has no such vendor.
    static func vendor(_ db: Connection, _ vendorID: String, tenant: String) throws -> (tenant: String, name: String) {
        guard let vendor = try db.queryOne("SELECT tenant, name FROM vendor_state WHERE vendor_id = ?", vendorID),
            try vendor.string(0) == tenant
        else {
            throw RPCError.validationFailed(field: "vendorID", reason: "no vendor \(vendorID) in this tenant")
        }
        return (try vendor.string(0), try vendor.string(1))
    }

    /// Files a proposal, or returns the one already filed for the same order and grounds, so a
    /// retried call or a replayed order event never files it twice. A proposal on the vendor's
    /// registration (no order) returns the agency's one against the vendor still pending or in force, if any.
    /// The caller has grounded it: `sanction.propose` with orders, the orders feed by the
    /// `order.failed` event itself.
    static func fileProposal(
        _ db: Connection, _ params: SanctionProposal, tenant: String, agency: String, proposer: Principal, at: Date,
        today: CivilDate
    ) throws -> Sanction {
        let vendor = try vendor(db, params.vendorID, tenant: tenant)
        let id = CatalogContext.newID()
        let orderKey: String
        if let orderID = params.orderID {
            orderKey = orderID
            if let existing = try db.queryOne(
                "SELECT id FROM sanction WHERE tenant = ? AND order_id = ? AND grounds = ?", tenant, orderID,
                params.grounds.rawValue)
            {
                let sanction = try Self.sanction(db, id: try existing.string(0), today: today)
                guard sanction.proposal.vendorID == params.vendorID else {
                    throw RPCError.conflict(
                        "order \(orderID) already has a \(params.grounds.rawValue) proposal against another vendor",
                        currentState: sanction.status.rawValue)
                }
                return sanction
            }
        } else {
            let open = try db.query(
                "SELECT id FROM sanction WHERE tenant = ? AND agency = ? AND vendor_id = ? AND grounds = ? AND order_id LIKE 'registration:%' ORDER BY proposed_at, id",
                tenant, agency, params.vendorID, params.grounds.rawValue
            ).map { try Self.sanction(db, id: try $0.string(0), today: today) }
            if let pending = open.first(where: { [.proposed, .scheduled, .inForce].contains($0.status) }) {
                return pending
            }
            // Unique per proposal: a vendor may be proposed again once an earlier one was rejected or ended.
            orderKey = "registration:\(params.vendorID):\(id)"
        }
        try db.run(
            """
            INSERT INTO sanction (id, tenant, agency, vendor_id, vendor_name, proposal, order_id, grounds, proposed_by, proposed_at, decision, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', 1)
            """,
            arguments: [
                id, tenant, agency, params.vendorID, vendor.name, try JSONColumn.text(params), orderKey,
                params.grounds.rawValue,
                proposer.id, Timestamp.iso8601(at),
            ])
        let sanction = try Self.sanction(db, id: id, today: today)
        try AuditTrail.append(
            db, tenant: tenant, actor: proposer, method: SanctionPropose.name, targetType: "sanction", targetID: id,
            action: "proposed",
            before: nil, after: try JSONCoding.value(sanction), at: at)
        try EventFeed.publish(SanctionProposed.self, sanction, db: db, tenant: tenant, subjectID: id, at: at)
        return sanction
    }

    /// Records the PA/KPA's decision on a proposed sanction and bumps its version.
    static func recordDecision(
        _ db: Connection, _ params: SanctionDecision, by principal: Principal, reason: String?, startsOn: CivilDate?,
        endsOn: CivilDate?
    ) throws {
        try db.run(
            """
            UPDATE sanction SET decision = ?, decision_number = ?, decision_date = ?, decided_by = ?, decision_reason = ?,
                starts_on = ?, ends_on = ?, version = version + 1
            WHERE id = ?
            """,
            arguments: [
                params.accept ? "accepted" : "rejected", params.decisionNumber, params.decisionDate.description,
                principal.id, reason,
                startsOn?.description, endsOn?.description, params.sanctionID,
            ])
    }

    /// The tenant's sanctions (of `agency` and `vendorID` when given), newest proposal first.
    static func list(_ db: Connection, tenant: String, agency: String?, vendorID: String?, today: CivilDate) throws
        -> [Sanction]
    {
        var sql = "SELECT \(columns) FROM sanction WHERE tenant = ?"
        var arguments: [any SQLBindable] = [tenant]
        if let agency {
            sql += " AND agency = ?"
            arguments.append(agency)
        }
        if let vendor = vendorID {
            sql += " AND vendor_id = ?"
            arguments.append(vendor)
        }
        return try db.query(sql + " ORDER BY proposed_at DESC, id", arguments: arguments).map {
            try Self.sanction($0, today: today)
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
                    try EventFeed.publish(
                        SanctionStarted.self, sanction, db: db, tenant: sanction.tenant, subjectID: id, at: at)
                    announced = "started"
                }
                if try row.bool(3) {
                    try EventFeed.publish(
                        SanctionEnded.self, sanction, db: db, tenant: sanction.tenant, subjectID: id, at: at)
                    announced = "ended"
                }
                try db.run("UPDATE sanction SET announced = ? WHERE id = ?", announced, id)
            }
        }
    }
}
