import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

extension OrdersContext {
    /// Loads an order for a change by one of its parties, applies `body` (which returns the
    /// vendor's new answer deadline, if any), saves it under the version read, and records the
    /// change in the audit trail and the feed (as the declared `event`), all in one transaction.
    func changeOrder<E: EventContract>(
        _ orderID: String, version: Int64, principal: Principal, method: String, event: E.Type,
        _ body: @escaping @Sendable (inout StoredOrder, OrderParty, Connection, CivilDate) throws -> CivilDate?
    ) async throws -> OrderRecord where E.Payload: OrderEventPayload {
        let at = now()
        let today = self.today
        return try await database.write { db in
            var order = try OrderStore.load(db, id: orderID)
            let party = try OrderAccess.actingParty(principal, order)
            guard order.version == version else {
                throw RPCError.conflict(
                    "the order changed since it was read (version \(order.version)); read it again",
                    currentState: order.state.rawValue)
            }
            let due = try body(&order, party, db, today)
            if [.cancelled, .declined, .expired].contains(order.state) {
                try PurchaseRegister.retire(db, orderID: order.id)
            }
            try OrderStore.save(db, order, expectedVersion: version, vendorResponseDue: due, at: at)
            let saved = try OrderStore.load(db, id: orderID)
            try OrderEvents.record(db, saved, actor: principal, method: method, event: E.self, at: at)
            return try OrderView.record(db, saved, viewer: principal, today: today)
        }
    }
}
