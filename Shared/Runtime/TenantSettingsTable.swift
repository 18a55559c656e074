import Foundation
import SiOpenProtocol
import SiOpenStorage

/// A tenant's settings document as a service keeps it: one JSON value per tenant with an
/// optimistic-concurrency version (nil in the stored JSON, the table's column on the wire).
public protocol VersionedTenantSettings: Codable, Sendable {
    /// The tenant the settings are of.
    var tenant: String { get }
    /// The version read (nil before the first save); a change sends it back.
    var version: Int64? { get set }
}

/// One service's table of tenant settings (`tenant` primary key, `settings` JSON, `version`,
/// `updated_at`), read with the service's defaults while a tenant has none stored, and replaced
/// as a whole by Super Admin: checked against the version read, saved one version on, audited
/// with the before and after.
public struct TenantSettingsTable<Settings: VersionedTenantSettings>: Sendable {
    /// The table's name, also the audit entries' target type (`orders_settings`).
    public let name: String
    /// The settings of a tenant with none stored.
    public let defaults: @Sendable (String) -> Settings

    /// A table `name` (a constant of the service's schema, never caller input) with `defaults`.
    public init(name: String, defaults: @escaping @Sendable (String) -> Settings) {
        self.name = name
        self.defaults = defaults
    }

    /// The tenant's settings, or the defaults while none are stored.
    public func load(_ db: Connection, tenant: String) throws -> Settings {
        guard let row = try db.queryOne("SELECT settings, version FROM \(name) WHERE tenant = ?", tenant) else {
            return defaults(tenant)
        }
        var settings = try JSONColumn.value(Settings.self, try row.string(0))
        settings.version = try row.int64(1)
        return settings
    }

    /// Replaces the tenant's settings with `settings` (validated by the caller) when its version
    /// is the stored one (else 409), saved one version on and audited as `method` by `actor`;
    /// returns them as stored.
    public func replace(_ db: Connection, with settings: Settings, actor: Principal, method: String, at: Date)
        throws -> Settings
    {
        let before = try load(db, tenant: settings.tenant)
        guard before.version == settings.version else {
            throw RPCError.conflict(
                "the settings changed since they were read (version \(before.version ?? 0))",
                currentState: "version \(before.version ?? 0)")
        }
        var stored = settings
        stored.version = nil
        try db.run(
            """
            INSERT INTO \(name) (tenant, settings, version, updated_at) VALUES (?, ?, 1, ?)
            ON CONFLICT (tenant) DO UPDATE SET settings = excluded.settings, version = \(name).version + 1, updated_at = excluded.updated_at
            """, settings.tenant, try JSONColumn.text(stored), Timestamp.iso8601(at))
        let after = try load(db, tenant: settings.tenant)
        try AuditTrail.append(
            db, tenant: settings.tenant, actor: actor, method: method, targetType: name, targetID: settings.tenant,
            action: "settings_set", before: try JSONCoding.value(before), after: try JSONCoding.value(after), at: at)
        return after
    }
}
