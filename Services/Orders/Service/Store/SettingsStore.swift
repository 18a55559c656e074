import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// A tenant's order rules as stored (`orders_settings`), one JSON row per tenant.
enum SettingsStore {
    /// The table, with the regulation's defaults while a tenant has none stored.
    static let table = TenantSettingsTable<OrdersSettings>(name: "orders_settings") {
        SettingsRules.defaults(tenant: $0)
    }

    /// The tenant's settings, or the regulation's defaults while none are stored.
    static func settings(_ db: Connection, tenant: String) throws -> OrdersSettings {
        try table.load(db, tenant: tenant)
    }
}

extension OrdersSettings: VersionedTenantSettings {}
