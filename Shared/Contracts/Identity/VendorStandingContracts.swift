import SiOpenProtocol

// Identity's answer to another service that must know a vendor's standing now, not at the next
// feed poll (the catalog, right after a vendor's activation).

/// A vendor's identity and standing as other services keep it: the same members as the
/// `vendor.*` events of identity's feed, no bank or personal details.
public struct VendorStanding: Codable, Sendable, Hashable {
    /// The vendor's id, as returned by `vendor.register`.
    public var vendorID: String
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// The id of the vendor's sign-in account.
    public var accountID: String
    /// The vendor's registered name.
    public var name: String
    /// The vendor's status.
    public var status: VendorStatus
    /// The vendor's NPWP, 16 digits.
    public var npwp: String
    /// Whether it is a PKP (charges PPN).
    public var isPKP: Bool
    /// Whether it is a micro or small enterprise (UMKM).
    public var isUMKM: Bool
    /// The vendor record's version; a higher version is newer.
    public var version: Int64

    /// Creates it.
    public init(
        vendorID: String, tenant: String, accountID: String, name: String, status: VendorStatus, npwp: String,
        isPKP: Bool, isUMKM: Bool, version: Int64
    ) {
        self.vendorID = vendorID
        self.tenant = tenant
        self.accountID = accountID
        self.name = name
        self.status = status
        self.npwp = npwp
        self.isPKP = isPKP
        self.isUMKM = isUMKM
        self.version = version
    }

    /// The feed payload's member names.
    enum CodingKeys: String, CodingKey {
        case vendorID = "vendorId"
        case tenant
        case accountID = "accountId"
        case name, status, npwp, isPKP, isUMKM, version
    }
}

/// `vendor.standing` (service only): a vendor's current standing, for a service whose copy from
/// the feed is missing or older than what it must decide.
public enum VendorStandingRead: RPCMethod {
    public static let name = "vendor.standing"
    public static let summary =
        "A vendor's current standing (status and version, as on the feed), for another service that has not yet read the feed event it needs; service tokens only."
    public static let access = Access.service
    public static let errors: [ApplicationErrorCode]? = [.notFound]
    public static let isIdempotent = true
    public typealias Params = VendorRef
    public typealias Result = VendorStanding
}
