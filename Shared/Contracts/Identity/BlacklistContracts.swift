import SiOpenDomain
import SiOpenProtocol

// MARK: - Blacklist (daftar hitam)

/// Who asked for a blacklisting.
public enum BlacklistSource: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Requested by a PA/KPA.
    case budgetHolderRequest = "budget_holder_request"
    /// Requested by a PPK.
    case ppkRequest = "ppk_request"
    /// Requested by a procurement official.
    case procurementOfficialRequest = "procurement_official_request"
    /// From the national blacklist (LKPP).
    case nationalList = "national_list"
}

/// A blacklist entry.
public struct BlacklistEntry: Codable, Sendable, Hashable {
    /// Entry id (assigned).
    public var id: String?
    /// Tenant.
    public var tenant: String?
    /// The listed NPWP.
    public var npwp: NPWP
    /// Name as listed.
    public var name: String
    /// Who asked.
    public var source: BlacklistSource
    /// The decision or letter it rests on.
    public var basis: String
    /// First day, `YYYY-MM-DD`.
    public var startsOn: String
    /// Last day, `YYYY-MM-DD`.
    public var endsOn: String

    /// Creates it.
    public init(id: String? = nil, tenant: String? = nil, npwp: NPWP, name: String, source: BlacklistSource, basis: String, startsOn: String, endsOn: String) {
        self.id = id
        self.tenant = tenant
        self.npwp = npwp
        self.name = name
        self.source = source
        self.basis = basis
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

/// `blacklist.add`: lists a vendor (by NPWP) for a period.
public enum BlacklistAdd: RPCMethod {
    public static let name = "blacklist.add"
    public static let summary = "Adds a blacklist (daftar hitam) entry for an NPWP, with period, source and basis. A listed vendor cannot be verified, activated or sign in as active."
    public static let access = Access.roles(.verifier, .superAdmin)
    public typealias Params = BlacklistEntry
    public typealias Result = BlacklistEntry
}

/// `blacklist.list`: the tenant's entries.
public enum BlacklistList: RPCMethod {
    public static let name = "blacklist.list"
    public static let summary = "The blacklist entries of the caller's tenant."
    public static let access = Access.roles(.verifier, .superAdmin, .auditor, .ukpbjHead, .ppk, .budgetHolder)
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = [BlacklistEntry]
}
