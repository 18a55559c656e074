import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Files the sanction proposals that failed orders call for (Pasal 14), from the orders
/// service's event feed: a PPK who fails an order for the vendor's default proposes the
/// delisting by that act, and the feed delivers it even if the catalog was down at the time.
enum OrdersFeed {
    /// Files the proposal a failed order calls for; other order events are skipped.
    static func apply(_ event: FeedEvent, _ db: Connection, at: Date) throws {
        guard event.is(OrderFailed.self) else { return }
        // Decoded through the declaration (`Shared/Contracts/Orders/OrdersEvents.swift`): a failed
        // order whose proposal cannot be read is kept as a dead letter, not dropped unseen.
        let failure = try event.decode(OrderFailed.self)
        let tenant = failure.tenant
        let agency = failure.agency
        let proposal = SanctionProposal(
            vendorID: failure.vendorID, grounds: failure.grounds, description: failure.description,
            orderID: event.subjectID,
            suratPesananNumber: failure.suratPesananNumber)
        let proposer = Principal(kind: .user, id: failure.ppkAccountID, tenant: tenant, agency: agency, roles: [.ppk])
        // The event itself grounds the proposal: orders published it for an order its PPK failed.
        // A refusal (a vendor the catalog never learned of, a conflicting proposal) is permanent:
        // FeedConsumer records the event as a dead letter and the feed goes on.
        _ = try SanctionStore.fileProposal(
            db, proposal, tenant: tenant, agency: agency, proposer: proposer, at: at, today: CivilDate(at))
    }
}
