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
            _ = try db.run(
                "INSERT INTO blacklist (id, tenant, npwp, starts_on, ends_on, basis) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                entry.id ?? "event-\(event.sequence)", entry.tenant, entry.npwp.value, entry.startsOn, entry.endsOn,
                entry.basis)
            return
        }
        guard let declaration = IdentityEvents.vendorStanding.first(where: { $0.matches(type: event.type) }) else {
            return
        }
        let change = try decodeStanding(event, declaration)
        try store(
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

    /// Keeps `standing` unless the catalog already holds the same or a newer version: the one
    /// write of a vendor's standing, whether it came from the feed or from `vendor.standing`.
    /// `rawStatus` keeps a feed status this build does not know (it is never `active`).
    static func store(_ db: Connection, _ standing: VendorStanding, rawStatus: String? = nil, at: Date) throws {
        let changed = try db.run(
            """
            INSERT INTO vendor_state (vendor_id, tenant, account_id, name, status, npwp, is_pkp, is_umkm, feed_version, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (vendor_id) DO UPDATE SET
                name = excluded.name, status = excluded.status, npwp = excluded.npwp, is_pkp = excluded.is_pkp,
                is_umkm = excluded.is_umkm, feed_version = excluded.feed_version, updated_at = excluded.updated_at
            WHERE excluded.feed_version > vendor_state.feed_version
            """,
            arguments: [
                standing.vendorID, standing.tenant, standing.accountID, standing.name,
                rawStatus ?? standing.status.rawValue, standing.npwp,
                standing.isPKP, standing.isUMKM, standing.version, Timestamp.iso8601(at),
            ])
        if changed > 0 { try Listings.refreshVendor(db, vendorID: standing.vendorID) }
    }
}
