import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Learns vendors' standing and the blacklist from identity's event feed, so searches never
/// call identity. Each event is applied in the same transaction that moves the cursor
/// (``FeedConsumer``), and applying one twice changes nothing, so a crash or retry never
/// doubles or skips a fact.
enum VendorFeed {
    /// Applies one event, decoded only through identity's declarations
    /// (`Shared/Contracts/Identity/IdentityEvents.swift`); events the catalog does not need are
    /// skipped. A declared event whose payload does not decode is a dead letter.
    static func apply(_ event: FeedEvent, _ db: Connection, at: Date) throws {
        if event.is(VendorBlacklisted.self) {
            let entry = try event.decode(VendorBlacklisted.self)
            try VendorStates.blacklist(db, entry, id: entry.id ?? "event-\(event.sequence)")
            return
        }
        guard let declaration = IdentityEvents.vendorStanding.first(where: { $0.matches(type: event.type) }) else {
            return
        }
        let change = try decodeStanding(event, declaration)
        try VendorStates.store(
            db,
            VendorStanding(
                vendorID: change.vendorID, tenant: change.tenant, accountID: change.accountID, name: change.name,
                status: VendorStatus(rawValue: change.status) ?? .registered, npwp: change.npwp,
                isPKP: change.isPKP, isUMKM: change.isUMKM, version: change.version),
            rawStatus: change.status, at: at)
    }

    private static func decodeStanding<E: VendorStandingEvent>(_ event: FeedEvent, _ declaration: E.Type) throws
        -> VendorStandingChange
    {
        try event.decode(declaration)
    }
}
