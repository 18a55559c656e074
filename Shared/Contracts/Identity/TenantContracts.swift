import SiOpenDomain
import SiOpenProtocol

// The identity service's RPC contract: every method it serves, declared once. Servers register
// handlers for these types; clients call them by type; the OpenRPC document is generated from them.

/// An assignment letter (surat tugas / SK) by which an official holds a role.
public struct AssignmentLetter: Codable, Sendable, Hashable {
    /// The letter's number as written on it, printable ASCII.
    public var number: String
    /// The letter's date, `YYYY-MM-DD`.
    public var date: String
    /// Who issued it (e.g. "Kepala UKPBJ Kabupaten Balangan").
    public var issuer: String

    /// Creates a letter reference.
    public init(number: String, date: String, issuer: String) {
        self.number = number
        self.date = date
        self.issuer = issuer
    }
}

// MARK: - Tenants and agencies

/// A tenant: a kabupaten or institution served by this deployment.
public struct TenantInfo: Codable, Sendable, Hashable {
    /// Short code, e.g. `balangan`.
    public var code: String
    /// The full official name, at most 200 characters.
    public var name: String
    /// NIK prefixes (province + kabupaten) accepted as vendor domicile, e.g. `["6311"]`.
    public var domicileRegionCodes: [String]

    /// Creates it.
    public init(code: String, name: String, domicileRegionCodes: [String]) {
        self.code = code
        self.name = name
        self.domicileRegionCodes = domicileRegionCodes
    }
}

/// `tenant.create`: Super Admin adds a tenant.
public enum TenantCreate: RPCMethod {
    public static let name = "tenant.create"
    public static let summary =
        "Adds a tenant (a kabupaten or institution) with the NIK region codes its vendors must be domiciled in."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.conflict, .validationFailed]
    public typealias Params = TenantInfo
    public typealias Result = TenantInfo
}

/// `tenant.list`: the tenants of the deployment.
public enum TenantList: RPCMethod {
    public static let name = "tenant.list"
    public static let summary = "Lists the tenants (Super Admin and the national monitor)."
    public static let access = Access.roles(.superAdmin, .monitor)
    public static let errors: [ApplicationErrorCode]? = []
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = [TenantInfo]
}

/// An agency (SKPD / Perangkat Daerah) of a tenant.
public struct AgencyInfo: Codable, Sendable, Hashable {
    /// The tenant it belongs to.
    public var tenant: String
    /// Short code, unique in the tenant (used in document numbers).
    public var code: String
    /// The full official name, at most 200 characters.
    public var name: String

    /// Creates it.
    public init(tenant: String, code: String, name: String) {
        self.tenant = tenant
        self.code = code
        self.name = name
    }
}

/// `agency.create`: Super Admin adds an agency to a tenant.
public enum AgencyCreate: RPCMethod {
    public static let name = "agency.create"
    public static let summary = "Adds an agency (SKPD) to a tenant."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.notFound, .conflict, .validationFailed]
    public typealias Params = AgencyInfo
    public typealias Result = AgencyInfo
}

/// Which tenant to list.
public struct TenantScope: Codable, Sendable, Hashable {
    /// The tenant; defaults to the caller's own.
    public var tenant: String?

    /// Creates it.
    public init(tenant: String? = nil) { self.tenant = tenant }
}

/// `agency.list`: the agencies of a tenant.
public enum AgencyList: RPCMethod {
    public static let name = "agency.list"
    public static let summary = "Lists the agencies of the caller's tenant (any tenant for Super Admin and monitor)."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = [AgencyInfo]
}
