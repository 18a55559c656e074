import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// A tenant's order rules as stored (`orders_settings`), one JSON row per tenant.
enum SettingsStore {
    /// The tenant's settings, or the regulation's defaults while none are stored.
    static func settings(_ db: Connection, tenant: String) throws -> OrdersSettings {
        guard let row = try db.queryOne("SELECT settings, version FROM orders_settings WHERE tenant = ?", tenant) else {
            return SettingsRules.defaults(tenant: tenant)
        }
        var settings = try JSONColumn.value(OrdersSettings.self, try row.string(0))
        settings.version = try row.int64(1)
        return settings
    }

    /// Stores `settings` as the tenant's, one version after the stored one (the caller checked it).
    static func save(_ db: Connection, _ settings: OrdersSettings, at: Date) throws {
        var stored = settings
        stored.version = nil
        try db.run(
            """
            INSERT INTO orders_settings (tenant, settings, version, updated_at) VALUES (?, ?, 1, ?)
            ON CONFLICT (tenant) DO UPDATE SET settings = excluded.settings, version = orders_settings.version + 1, updated_at = excluded.updated_at
            """, settings.tenant, try JSONColumn.text(stored), Timestamp.iso8601(at))
    }
}
