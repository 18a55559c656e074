import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// A tenant's delivery regions (`catalog_settings`) and category tree (`category`) as stored.
enum CategoryStore {
    /// The tenant's delivery regions; none while Super Admin has set none.
    static func settings(_ db: Connection, tenant: String) throws -> CatalogSettings {
        guard let row = try db.queryOne("SELECT delivery_regions FROM catalog_settings WHERE tenant = ?", tenant) else {
            return CatalogSettings(tenant: tenant, deliveryRegions: [])
        }
        return CatalogSettings(
            tenant: tenant, deliveryRegions: try JSONColumn.value([DeliveryRegion].self, try row.string(0)))
    }

    /// Stores the tenant's delivery regions, replacing the earlier ones.
    static func saveSettings(_ db: Connection, _ params: CatalogSettings, at: Date) throws {
        try db.run(
            "INSERT INTO catalog_settings (tenant, delivery_regions, updated_at) VALUES (?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET delivery_regions = excluded.delivery_regions, updated_at = excluded.updated_at",
            params.tenant, try JSONColumn.text(params.deliveryRegions), Timestamp.iso8601(at))
    }

    /// Whether a listed product of the tenant is priced for delivery region `code`.
    static func isRegionPriced(_ db: Connection, tenant: String, code: String) throws -> Bool {
        try db.queryOne(
            "SELECT 1 FROM listing_price p JOIN listing l ON l.docid = p.docid WHERE l.tenant = ? AND p.region_code = ? LIMIT 1",
            tenant, code) != nil
    }

    /// One category of the tenant, or nil.
    static func category(_ db: Connection, tenant: String, code: String) throws -> Category? {
        try db.queryOne(
            "SELECT name, parent_code, kind, requires_partnership, version FROM category WHERE tenant = ? AND code = ?",
            tenant, code
        ).map { row in
            Category(
                tenant: tenant, code: code, name: try row.string(0), parentCode: try row.optionalString(1),
                kind: ProductKind(rawValue: try row.string(2)) ?? .goods, requiresPartnershipDocument: try row.bool(3),
                version: try row.int64(4))
        }
    }

    /// The tenant's categories, parents before children.
    static func tree(_ db: Connection, tenant: String) throws -> [Category] {
        let all = try db.query("SELECT code FROM category WHERE tenant = ? ORDER BY code", tenant).map {
            try $0.string(0)
        }
        let categories = try all.compactMap { try category(db, tenant: tenant, code: $0) }
        var ordered: [Category] = []
        func visit(_ parent: String?) {
            for category in categories where category.parentCode == parent {
                ordered.append(category)
                visit(category.code)
            }
        }
        visit(nil)
        return ordered
    }

    /// `code` and every category below it.
    static func subtree(_ db: Connection, tenant: String, code: String) throws -> [String] {
        try db.query(
            """
            WITH RECURSIVE below(code) AS (
                SELECT code FROM category WHERE tenant = ?1 AND code = ?2
                UNION SELECT c.code FROM category c JOIN below b ON c.parent_code = b.code WHERE c.tenant = ?1)
            SELECT code FROM below
            """, tenant, code
        ).map { try $0.string(0) }
    }

    /// Stores a new category at version 1.
    static func insert(_ db: Connection, _ params: Category, at stamp: String) throws {
        try db.run(
            "INSERT INTO category (tenant, code, name, parent_code, kind, requires_partnership, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
            params.tenant, params.code, params.name, params.parentCode, params.kind.rawValue,
            params.requiresPartnershipDocument, stamp, stamp)
    }

    /// Stores an edited category and bumps its version.
    static func update(_ db: Connection, _ params: Category, at stamp: String) throws {
        try db.run(
            "UPDATE category SET name = ?, parent_code = ?, kind = ?, requires_partnership = ?, version = version + 1, updated_at = ? WHERE tenant = ? AND code = ?",
            params.name, params.parentCode, params.kind.rawValue, params.requiresPartnershipDocument, stamp,
            params.tenant, params.code)
    }
}
