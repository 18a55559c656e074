import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Tenants (`tenant`) and their agencies (`agency`) as stored.
enum TenantStore {
    /// Whether tenant `code` exists.
    static func exists(_ db: Connection, code: String) throws -> Bool {
        try db.queryOne("SELECT 1 FROM tenant WHERE code = ?", code) != nil
    }

    /// Stores a new tenant; `regions` is its domicile region codes as a JSON column.
    static func insert(_ db: Connection, _ params: TenantInfo, regions: String, at: Date) throws {
        try db.run(
            "INSERT INTO tenant (code, name, domicile_region_codes, created_at) VALUES (?, ?, ?, ?)", params.code,
            params.name, regions, Timestamp.iso8601(at))
    }

    /// Every tenant, by code.
    static func list(_ db: Connection) throws -> [TenantInfo] {
        try db.query("SELECT code, name, domicile_region_codes FROM tenant ORDER BY code").map { row in
            TenantInfo(
                code: try row.string(0), name: try row.string(1),
                domicileRegionCodes: try JSONColumn.value([String].self, try row.string(2)))
        }
    }

    /// The NIK region codes of a tenant's domicile; 422 on `tenant` when there is no such tenant.
    static func domicile(_ db: Connection, of tenant: String) throws -> [String] {
        guard let row = try db.queryOne("SELECT domicile_region_codes FROM tenant WHERE code = ?", tenant) else {
            throw RPCError.validationFailed(field: "tenant", reason: "no tenant \(tenant)")
        }
        return try JSONColumn.value([String].self, try row.string(0))
    }

    /// Whether agency `code` exists in `tenant`.
    static func agencyExists(_ db: Connection, tenant: String, code: String) throws -> Bool {
        try db.queryOne("SELECT 1 FROM agency WHERE tenant = ? AND code = ?", tenant, code) != nil
    }

    /// Stores a new agency.
    static func insertAgency(_ db: Connection, _ params: AgencyInfo, at: Date) throws {
        try db.run(
            "INSERT INTO agency (tenant, code, name, created_at) VALUES (?, ?, ?, ?)", params.tenant, params.code,
            params.name, Timestamp.iso8601(at))
    }

    /// A tenant's agencies, by code.
    static func agencies(_ db: Connection, tenant: String) throws -> [AgencyInfo] {
        try db.query("SELECT tenant, code, name FROM agency WHERE tenant = ? ORDER BY code", tenant).map { row in
            AgencyInfo(tenant: try row.string(0), code: try row.string(1), name: try row.string(2))
        }
    }
}
