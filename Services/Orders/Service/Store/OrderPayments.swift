import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Each order's payment as payments' feed last told it (`order_payment`), so an order shows
/// whether it is paid. Events are decoded only through `PaymentsEvents`; each keeps the
/// payment's version, so an event applied twice, or an older one after a newer, changes nothing.
enum OrderPayments {
    /// Keeps what a payment event tells; other events (tax lines, certificates) are skipped.
    static func apply(_ event: FeedEvent, _ db: Connection) throws {
        guard let declaration = PaymentsEvents.paymentChanges.first(where: { $0.matches(type: event.type) }) else {
            return
        }
        func decode<E: PaymentChangeEvent>(_ declaration: E.Type) throws -> PaymentStateChange {
            try event.decode(declaration)
        }
        let change = try decode(declaration)
        let status = OrderPaymentStatus(
            paymentID: change.paymentID, state: change.state, reference: change.transferReference,
            bankReference: change.bankReference, settledAt: change.settledAt)
        try db.run(
            """
            INSERT INTO order_payment (order_id, data, version) VALUES (?, ?, ?)
            ON CONFLICT (order_id) DO UPDATE SET data = excluded.data, version = excluded.version
            WHERE excluded.version > order_payment.version
            """, change.orderID, try JSONColumn.text(status), change.version)
    }

    /// The order's payment, or nil before one was prepared.
    static func status(_ db: Connection, orderID: String) throws -> OrderPaymentStatus? {
        try db.queryOne("SELECT data FROM order_payment WHERE order_id = ?", orderID).map {
            try JSONColumn.value(OrderPaymentStatus.self, try $0.string(0))
        }
    }
}
