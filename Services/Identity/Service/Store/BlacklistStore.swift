import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// The blacklist (`blacklist`): NPWPs barred from the tenant between two dates.
enum BlacklistStore {
    /// Stores a new entry of `tenant`, added by account `createdBy`.
    static func insert(_ db: Connection, _ entry: BlacklistEntry, tenant: String, by createdBy: String, at: Date) throws
    {
        try db.run(
            "INSERT INTO blacklist (id, tenant, npwp, name, source, basis, starts_on, ends_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                entry.id, tenant, entry.npwp.value, entry.name, entry.source.rawValue, entry.basis, entry.startsOn,
                entry.endsOn, createdBy, Timestamp.iso8601(at),
            ])
    }

    /// The entries of `tenant` (every tenant's when nil), by start date.
    static func list(_ db: Connection, tenant: String?) throws -> [BlacklistEntry] {
        try db.query(
            "SELECT id, tenant, npwp, name, source, basis, starts_on, ends_on FROM blacklist WHERE (?1 IS NULL OR tenant = ?1) ORDER BY starts_on",
            arguments: [tenant]
        ).map { row in
            BlacklistEntry(
                id: try row.string(0), tenant: try row.string(1), npwp: try NPWP(try row.string(2)),
                name: try row.string(3),
                source: BlacklistSource(rawValue: try row.string(4)) ?? .nationalList, basis: try row.string(5),
                startsOn: try row.string(6), endsOn: try row.string(7))
        }
    }

    /// A blacklist entry in force for this NPWP on the tenant's date at `at` (its calendar, as
    /// the catalog counts it) stops verification, activation and sign-in.
    static func refuseBlacklisted(_ db: Connection, tenant: String, npwp: String, at: Date) throws {
        let today = TenantCalendar.of(tenant: tenant).today(at: at).description
        if let row = try db.queryOne(
            "SELECT basis, ends_on FROM blacklist WHERE tenant = ? AND npwp = ? AND starts_on <= ?3 AND ends_on >= ?3 LIMIT 1",
            arguments: [tenant, npwp, today])
        {
            throw RPCError.conflict(
                "the vendor is on the blacklist until \(try row.string(1)) (\(try row.string(0)))",
                currentState: "blacklisted")
        }
    }
}
