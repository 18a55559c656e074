import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Expires orders the vendor left unanswered past the tenant's response period (default 5 days).
struct ExpirySweeper: Sendable {
    let context: OrdersContext

    /// Expires every order whose answer was due before today; returns how many.
    @discardableResult
    func sweep() async throws -> Int {
        let today = context.today
        let due = try await context.database.read { db in
            try OrderStore.awaitingVendor(db, dueBefore: today, limit: 500)
        }
        var expired = 0
        for id in due {
            let at = context.now()
            expired += try await context.database.write { db in
                var order = try OrderStore.load(db, id: id)
                // Re-checked in the transaction: the vendor may have answered in the meantime.
                guard let dueOn = order.vendorResponseDue, dueOn < today,
                    let expiry = try? order.aggregate.expire(reason: "the vendor did not answer by \(dueOn)")
                else { return 0 }
                let version = order.version
                order.adopt(expiry.order)
                try PurchaseRegister.retire(db, orderID: id)
                try OrderStore.save(db, order, expectedVersion: version, vendorResponseDue: nil, at: at)
                try OrderEvents.record(
                    db, try OrderStore.load(db, id: id), actor: nil, method: "order.expire", event: OrderExpired.self,
                    at: at)
                return 1
            }
        }
        return expired
    }
}
