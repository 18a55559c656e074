import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// What the split-purchase rule counts (`order_purchase`: the value of each order placed, live
/// while the order may still be delivered) and what it found (`split_purchase_flag`).
enum PurchaseRegister {
    /// Records an order placed on `day` at its whole value, PPN, delivery, installation and
    /// training included: one row with an empty `product_id`.
    static func record(_ db: Connection, _ order: StoredOrder, total: Rupiah, on day: CivilDate) throws {
        try db.run(
            "INSERT INTO order_purchase (order_id, tenant, agency, vendor_id, product_id, amount, ordered_on, live) VALUES (?, ?, ?, ?, '', ?, ?, 1)",
            arguments: [order.id, order.tenant, order.agency, order.vendorID, total.amount, day.description])
    }

    /// The other live orders of `order`'s agency to its vendor, whatever their products: one
    /// record per order, its rows added up (orders placed before the one-row rule wrote one row
    /// per product, without PPN) and dated by its first.
    static func earlier(_ db: Connection, than order: StoredOrder) throws -> [PurchaseRecord] {
        try db.query(
            """
            SELECT order_id, SUM(amount), MIN(ordered_on) FROM order_purchase
            WHERE tenant = ? AND agency = ? AND vendor_id = ? AND live = 1 AND order_id != ?
            GROUP BY order_id
            """, order.tenant, order.agency, order.vendorID, order.id
        ).map { row in
            PurchaseRecord(
                orderID: try row.string(0), agencyID: order.agency, vendorID: order.vendorID, productID: "",
                total: try Rupiah(checked: try row.int64(1)), date: try CivilDate(try row.string(2)))
        }
    }

    /// Keeps a possible split purchase found for `flag`'s order.
    static func flag(_ db: Connection, _ flag: SplitPurchaseFlag, tenant: String) throws {
        try db.run(
            "INSERT INTO split_purchase_flag (order_id, tenant, flag) VALUES (?, ?, ?)", flag.orderID, tenant,
            try JSONColumn.text(flag))
    }

    /// The tenant's split-purchase flags, by order.
    static func flags(_ db: Connection, tenant: String) throws -> [SplitPurchaseFlag] {
        try db.query("SELECT flag FROM split_purchase_flag WHERE tenant = ? ORDER BY order_id", tenant).map {
            try JSONColumn.value(SplitPurchaseFlag.self, try $0.string(0))
        }
    }

    /// Whether a possible split purchase was flagged on the order `orderID`.
    static func isFlagged(_ db: Connection, orderID: String) throws -> Bool {
        try db.queryOne("SELECT 1 FROM split_purchase_flag WHERE order_id = ?", orderID) != nil
    }

    /// Takes an order out of the count: it was cancelled, declined or expired.
    static func retire(_ db: Connection, orderID: String) throws {
        try db.run("UPDATE order_purchase SET live = 0 WHERE order_id = ?", orderID)
    }
}
