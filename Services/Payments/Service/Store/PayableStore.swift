import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Payables, as orders' feed tells them (`payable`, `split_purchase_order`).
///
/// Applied by the feed consumer inside the transaction that moves its cursor, so each event has
/// its effect exactly once; applying one again changes nothing (`ON CONFLICT DO NOTHING`, and
/// a withdrawal only moves a payable that is still due). An event that can never apply (its
/// payload does not decode, or its money does not add up) is a dead letter and the feed goes on.
enum PayableStore {
    /// The audit trail's target type for payables.
    static let targetType = "payable"

    /// Applies one event of orders' feed; events payments does not need are skipped.
    static func apply(_ event: FeedEvent, _ db: Connection, at: Date) throws {
        if event.is(OrderReadyForPayment.self) {
            try record(try event.decode(OrderReadyForPayment.self), db, at: at)
        } else if event.is(OrderSplitPurchaseFlagged.self) {
            let flag = try event.decode(OrderSplitPurchaseFlagged.self)
            try db.run("INSERT INTO split_purchase_order (order_id) VALUES (?) ON CONFLICT DO NOTHING", flag.orderID)
        } else if event.is(OrderCancelled.self) {
            let change = try event.decode(OrderCancelled.self)
            try withdraw(db, orderID: change.orderID, tenant: change.tenant, reason: "the order was cancelled", at: at)
        } else if event.is(OrderFailed.self) {
            let failure = try event.decode(OrderFailed.self)
            try withdraw(
                db, orderID: failure.orderID, tenant: failure.tenant,
                reason: "the order failed: \(failure.description)", at: at)
        }
    }

    /// Keeps a completed order as a due payable, once; refuses (as a dead letter) facts whose money does not add up.
    static func record(_ facts: OrderPaymentFacts, _ db: Connection, at: Date) throws {
        guard !facts.orderID.isEmpty, !facts.tenant.isEmpty, !facts.agency.isEmpty, !facts.vendor.id.isEmpty else {
            throw PermanentFeedFailure("order.readyForPayment without its order, tenant, agency or vendor")
        }
        guard (try? facts.totalBeforePPN + facts.ppn) == facts.totalIncludingPPN, facts.totalIncludingPPN > .zero,
            facts.penaltyAmount >= .zero, facts.penaltyAmount <= facts.totalBeforePPN
        else {
            throw PermanentFeedFailure(
                "order \(facts.orderID): the totals do not add up (before PPN + PPN ≠ total, or the penalty exceeds the price)"
            )
        }
        let inserted = try db.run(
            """
            INSERT INTO payable (order_id, tenant, agency, vendor_id, state, payment_id, withdrawn_reason, facts, recorded_at)
            VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?) ON CONFLICT (order_id) DO NOTHING
            """, facts.orderID, facts.tenant, facts.agency, facts.vendor.id, PayableState.due.rawValue,
            try JSONColumn.text(facts), Timestamp.iso8601(at))
        guard inserted > 0 else { return }
        try AuditTrail.append(
            db, tenant: facts.tenant, actor: nil, method: "events.read", targetType: targetType,
            targetID: facts.orderID, action: "payable_recorded", before: nil,
            after: [
                "orderId": .string(facts.orderID), "agency": .string(facts.agency),
                "vendorId": .string(facts.vendor.id),
                "totalIncludingPPN": .integer(facts.totalIncludingPPN.amount),
            ], at: at)
    }

    /// Withdraws a payable that is still due (its order was cancelled or failed).
    static func withdraw(_ db: Connection, orderID: String, tenant: String, reason: String, at: Date) throws {
        let changed = try db.run(
            "UPDATE payable SET state = ?, withdrawn_reason = ? WHERE order_id = ? AND state = ?",
            PayableState.withdrawn.rawValue, reason, orderID, PayableState.due.rawValue)
        guard changed > 0 else { return }
        try AuditTrail.append(
            db, tenant: tenant, actor: nil, method: "events.read", targetType: targetType, targetID: orderID,
            action: "payable_withdrawn", before: nil, after: ["reason": .string(reason)], at: at)
    }

    /// Moves a payable to `state`, naming its payment.
    static func setState(_ db: Connection, orderID: String, _ state: PayableState, paymentID: String?) throws {
        try db.run(
            "UPDATE payable SET state = ?, payment_id = ? WHERE order_id = ?", state.rawValue, paymentID, orderID)
    }

    /// Whether orders' feed has brought the payable of `orderID` yet.
    static func exists(_ db: Connection, orderID: String) throws -> Bool {
        try db.queryOne("SELECT 1 FROM payable WHERE order_id = ?", orderID) != nil
    }

    /// A payable; 404 when orders has not told of it.
    static func load(_ db: Connection, orderID: String) throws -> PayableRecord {
        guard
            let row = try db.queryOne(
                "SELECT order_id, state, payment_id, withdrawn_reason, facts, recorded_at FROM payable WHERE order_id = ?",
                orderID)
        else { throw DomainRefusal.notFound("payable", id: orderID) }
        return try payable(db, row)
    }

    private static func payable(_ db: Connection, _ row: Row) throws -> PayableRecord {
        let orderID = try row.string(0)
        let flagged = try db.queryOne("SELECT 1 FROM split_purchase_order WHERE order_id = ?", orderID) != nil
        return PayableRecord(
            orderID: orderID, state: PayableState(rawValue: try row.string(1)) ?? .due,
            paymentID: try row.optionalString(2), splitPurchaseFlagged: flagged,
            withdrawnReason: try row.optionalString(3),
            facts: try JSONColumn.value(OrderPaymentFacts.self, try row.string(4)), recordedAt: try row.string(5))
    }

    /// A page of payables in `scope`, by order id.
    static func page(_ db: Connection, _ scope: PaymentScope, state: PayableState?, after: String, limit: Int) throws
        -> [PayableRecord]
    {
        let (condition, arguments) = scope.condition
        var sql =
            "SELECT order_id, state, payment_id, withdrawn_reason, facts, recorded_at FROM payable WHERE \(condition) AND order_id > ?"
        var all = arguments + [after as any SQLBindable]
        if let state {
            sql += " AND state = ?"
            all.append(state.rawValue)
        }
        sql += " ORDER BY order_id LIMIT ?"
        all.append(Int64(limit))
        return try db.query(sql, arguments: all).map { try payable(db, $0) }
    }
}

/// Whose records a caller sees.
enum PaymentScope {
    /// One vendor's.
    case vendor(String)
    /// One agency's.
    case agency(tenant: String, agency: String)
    /// A whole tenant's.
    case tenant(String)

    /// The SQL condition (over `tenant`, `agency`, `vendor_id` columns) and its arguments.
    var condition: (String, [any SQLBindable]) {
        switch self {
        case .vendor(let id): ("vendor_id = ?", [id])
        case .agency(let tenant, let agency): ("tenant = ? AND agency = ?", [tenant, agency])
        case .tenant(let tenant): ("tenant = ?", [tenant])
        }
    }
}
