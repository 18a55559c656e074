import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// What the catalog knows of vendors from identity: their standing (`vendor_state`) and the
/// blacklist (`blacklist`), written only from identity's feed or its `vendor.standing` answer.
enum VendorStates {
    /// Keeps a blacklist entry; an entry already kept under `id` stays as it is.
    static func blacklist(_ db: Connection, _ entry: BlacklistEntry, id: String) throws {
        _ = try db.run(
            "INSERT INTO blacklist (id, tenant, npwp, starts_on, ends_on, basis) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            id, entry.tenant, entry.npwp.value, entry.startsOn, entry.endsOn, entry.basis)
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
