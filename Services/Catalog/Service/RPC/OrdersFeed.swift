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
        guard event.type == "order.failed" else { return }
        guard let payload = event.payload.objectValue,
            let tenant = payload["tenant"]?.stringValue, let agency = payload["agency"]?.stringValue,
            let vendorID = payload["vendorId"]?.stringValue, let ppk = payload["ppkAccountId"]?.stringValue,
            let grounds = payload["grounds"]?.stringValue.flatMap(SanctionGrounds.init(rawValue:))
        else {
            // A failed order whose proposal cannot be read is kept as a dead letter, not dropped unseen.
            throw PermanentFeedFailure("order.failed \(event.subjectID) lacks tenant, agency, vendorId, ppkAccountId or known grounds")
        }
        let proposal = SanctionProposal(
            vendorID: vendorID, grounds: grounds, description: payload["description"]?.stringValue ?? "", orderID: event.subjectID,
            suratPesananNumber: payload["suratPesananNumber"]?.stringValue)
        let proposer = Principal(kind: .user, id: ppk, tenant: tenant, agency: agency, roles: [.ppk])
        // The event itself grounds the proposal: orders published it for an order its PPK failed.
        // A refusal (a vendor the catalog never learned of, a conflicting proposal) is permanent:
        // FeedConsumer records the event as a dead letter and the feed goes on.
        _ = try SanctionStore.fileProposal(db, proposal, tenant: tenant, agency: agency, proposer: proposer, at: at, today: CivilDate(at))
    }
}
