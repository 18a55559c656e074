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
    /// The entry's id: assigned by the service; omit it when adding.
    public var id: String?
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String?
    /// The NPWP listed, 16 digits.
    public var npwp: NPWP
    /// The vendor's name as the listing gives it.
    public var name: String
    /// Who asked for the listing.
    public var source: BlacklistSource
    /// The decision or letter it rests on.
    public var basis: String
    /// First day of the listing, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8), inclusive.
    public var startsOn: String
    /// Last day of the listing, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8), inclusive.
    public var endsOn: String

    /// Creates it.
    public init(
        id: String? = nil, tenant: String? = nil, npwp: NPWP, name: String, source: BlacklistSource, basis: String,
        startsOn: String, endsOn: String
    ) {
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
    public static let summary =
        "Adds a blacklist (daftar hitam) entry for an NPWP, with period, source and basis. A listed vendor cannot be verified, activated or sign in as active."
    public static let access = Access.roles(.verifier, .superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = BlacklistEntry
    public typealias Result = BlacklistEntry
}

/// `blacklist.list`: the tenant's entries.
public enum BlacklistList: RPCMethod {
    public static let name = "blacklist.list"
    public static let summary = "The blacklist entries of the caller's tenant."
    public static let access = Access.roles(.verifier, .superAdmin, .auditor, .ukpbjHead, .ppk, .budgetHolder)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = [BlacklistEntry]
}
