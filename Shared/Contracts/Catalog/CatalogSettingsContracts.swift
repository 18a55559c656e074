// The catalog service's contract: categories, product offers and their revisions, verification,
// catalogue search, price references and delisting sanctions (Perbup Balangan 92/2023 annex
// I.B.3, I.C.1.e–g, I.D.2 and Pasal 14).
import SiOpenDomain
import SiOpenProtocol

// MARK: - Tenant settings

/// A delivery region of a tenant (a kecamatan, say): vendors price delivery per region.
public struct DeliveryRegion: Codable, Sendable, Hashable {
    /// Short code, unique in the tenant (`PARINGIN`).
    public var code: String
    /// The region's name as people write it (`Kecamatan Paringin`).
    public var name: String

    /// Creates it.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// The catalogue settings of a tenant.
public struct CatalogSettings: Codable, Sendable, Hashable {
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// The regions vendors deliver to and price delivery for.
    public var deliveryRegions: [DeliveryRegion]

    /// Creates it.
    public init(tenant: String, deliveryRegions: [DeliveryRegion]) {
        self.tenant = tenant
        self.deliveryRegions = deliveryRegions
    }
}

/// `catalog.settings.set`: a tenant's delivery regions (Super Admin).
public enum CatalogSettingsSet: RPCMethod {
    public static let name = "catalog.settings.set"
    public static let summary =
        "Sets a tenant's catalogue settings: its delivery regions. Regions in use by listed products cannot be removed."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .conflict, .validationFailed]
    public typealias Params = CatalogSettings
    public typealias Result = CatalogSettings
}

/// `catalog.settings.get`: a tenant's catalogue settings.
public enum CatalogSettingsGet: RPCMethod {
    public static let name = "catalog.settings.get"
    public static let summary =
        "A tenant's catalogue settings (its delivery regions); any signed-in user of the tenant."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = CatalogSettings
}
