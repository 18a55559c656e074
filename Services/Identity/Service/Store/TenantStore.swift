import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Tenants (`tenant`, `tenant_emblem`) and their agencies (`agency`) as stored.
enum TenantStore {
    /// Whether tenant `code` exists.
    static func exists(_ db: Connection, code: String) throws -> Bool {
        try db.queryOne("SELECT 1 FROM tenant WHERE code = ?", code) != nil
    }

    /// Stores a new tenant, version 1; `regions` is its domicile region codes as a JSON column.
    static func insert(_ db: Connection, _ params: TenantInfo, regions: String, at: Date) throws {
        try db.run(
            """
            INSERT INTO tenant (code, name, domicile_region_codes, government_name, seat, version, created_at)
            VALUES (?, ?, ?, ?, ?, 1, ?)
            """,
            arguments: [params.code, params.name, regions, params.governmentName, params.seat, Timestamp.iso8601(at)])
    }

    private static let tenantColumns =
        "code, name, domicile_region_codes, government_name, seat, emblem_sha256, version"

    private static func tenant(_ row: Row) throws -> TenantInfo {
        TenantInfo(
            code: try row.string(0), name: try row.string(1),
            domicileRegionCodes: try JSONColumn.value([String].self, try row.string(2)),
            governmentName: try row.optionalString(3), seat: try row.optionalString(4),
            emblemSHA256: try row.optionalString(5), version: try row.int64(6))
    }

    /// Every tenant, by code.
    static func list(_ db: Connection) throws -> [TenantInfo] {
        try db.query("SELECT \(tenantColumns) FROM tenant ORDER BY code").map(tenant)
    }

    /// One tenant; 404 when there is none.
    static func tenant(_ db: Connection, code: String) throws -> TenantInfo {
        guard let row = try db.queryOne("SELECT \(tenantColumns) FROM tenant WHERE code = ?", code) else {
            throw RPCError.notFound("tenant", id: code)
        }
        return try tenant(row)
    }

    /// Replaces a tenant's own data and bumps its version.
    static func update(_ db: Connection, _ params: TenantUpdateParams, regions: String) throws {
        try db.run(
            """
            UPDATE tenant SET name = ?, domicile_region_codes = ?, government_name = ?, seat = ?, version = version + 1
            WHERE code = ?
            """, arguments: [params.name, regions, params.governmentName, params.seat, params.tenant])
    }

    /// Keeps an emblem image under its hash and makes it the tenant's, bumping the tenant's version.
    static func setEmblem(
        _ db: Connection, tenant: String, sha256: String, image: DocumentImage, bytes: [UInt8], at: Date
    ) throws {
        try db.run(
            """
            INSERT INTO tenant_emblem (sha256, content_type, width, height, content, created_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (sha256) DO NOTHING
            """,
            arguments: [
                sha256, image.mediaType, Int64(image.width), Int64(image.height), Data(bytes),
                Timestamp.iso8601(at),
            ])
        try db.run("UPDATE tenant SET emblem_sha256 = ?, version = version + 1 WHERE code = ?", sha256, tenant)
    }

    /// A tenant's emblem with its bytes; 404 while none is set.
    static func emblem(_ db: Connection, tenant code: String) throws -> TenantEmblem {
        let tenant = try tenant(db, code: code)
        guard let sha256 = tenant.emblemSHA256,
            let row = try db.queryOne(
                "SELECT content_type, width, height, content FROM tenant_emblem WHERE sha256 = ?", sha256)
        else { throw RPCError.notFound("emblem of tenant", id: code) }
        return TenantEmblem(
            tenant: code, sha256: sha256, contentType: try row.string(0), width: Int(try row.int64(1)),
            height: Int(try row.int64(2)), contentBase64: Data(try row.blob(3)).base64EncodedString(),
            tenantVersion: tenant.version ?? 1)
    }

    /// The region codes of a tenant's domicile; 422 on `tenant` when there is no such tenant.
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

    /// Stores a new agency, version 1.
    static func insertAgency(_ db: Connection, _ params: AgencyInfo, at: Date) throws {
        try db.run(
            """
            INSERT INTO agency (tenant, code, name, address, phone, email, npwp, version, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
            """,
            arguments: [
                params.tenant, params.code, params.name, params.address, params.phone, params.email?.value,
                params.npwp?.value, Timestamp.iso8601(at),
            ])
    }

    /// Replaces an agency's name and contact data and bumps its version.
    static func updateAgency(_ db: Connection, _ params: AgencyInfo) throws {
        try db.run(
            "UPDATE agency SET name = ?, address = ?, phone = ?, email = ?, npwp = ?, version = version + 1 WHERE tenant = ? AND code = ?",
            arguments: [
                params.name, params.address, params.phone, params.email?.value, params.npwp?.value, params.tenant,
                params.code,
            ])
    }

    private static let agencyColumns = "tenant, code, name, address, phone, email, npwp, version"

    private static func agency(_ row: Row) throws -> AgencyInfo {
        AgencyInfo(
            tenant: try row.string(0), code: try row.string(1), name: try row.string(2),
            address: try row.optionalString(3), phone: try row.optionalString(4),
            email: try row.optionalString(5).map { try EmailAddress($0) },
            npwp: try row.optionalString(6).map { try NPWP($0) }, version: try row.int64(7))
    }

    /// One agency; 404 when there is none.
    static func agency(_ db: Connection, tenant: String, code: String) throws -> AgencyInfo {
        guard
            let row = try db.queryOne(
                "SELECT \(agencyColumns) FROM agency WHERE tenant = ? AND code = ?", tenant, code)
        else { throw RPCError.notFound("agency", id: "\(tenant)/\(code)") }
        return try agency(row)
    }

    /// A tenant's agencies, by code.
    static func agencies(_ db: Connection, tenant: String) throws -> [AgencyInfo] {
        try db.query("SELECT \(agencyColumns) FROM agency WHERE tenant = ? ORDER BY code", tenant).map(agency)
    }
}
