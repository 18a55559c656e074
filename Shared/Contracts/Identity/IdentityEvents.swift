import SiOpenDomain
import SiOpenProtocol

// MARK: - Payloads

/// A vendor's standing as identity publishes it with every vendor event: what other services
/// need to decide whether it may sell and how it is taxed.
public struct VendorStandingChange: Codable, Sendable, Hashable {
    /// Vendor id.
    public var vendorID: String
    /// Its tenant.
    public var tenant: String
    /// The vendor's account.
    public var accountID: String
    /// Its name.
    public var name: String
    /// Its status, a ``VendorStatus`` raw value; kept as text so a status a consumer's build does
    /// not know is stored (and never read as `active`) rather than refused.
    public var status: String
    /// Its NPWP, 15 or 16 digits.
    public var npwp: String
    /// Whether it is a PKP (charges PPN).
    public var isPKP: Bool
    /// Whether it is a micro or small enterprise (UMKM).
    public var isUMKM: Bool
    /// Individual or business entity.
    public var kind: VendorKind
    /// The vendor record's version; a higher version is newer.
    public var version: Int64
    /// Where the vendor is paid, for payments and orders' payment facts; absent from events
    /// published before it was added (the version did not change: it is an optional addition).
    public var bankAccount: BankAccount?
    /// The person who signs for the vendor: an entity's director, or the individual; absent from
    /// events published before it was added (an optional addition, like the rest below).
    public var signerName: String?
    /// The signer's position: the director's ("Direktur" when none was given), "Pemilik" for an individual.
    public var signerPosition: String?
    /// The business address as printed on documents.
    public var address: String?
    /// The NIB (13 digits), for a vendor that has one.
    public var nib: String?

    private enum CodingKeys: String, CodingKey {
        case vendorID = "vendorId"
        case tenant
        case accountID = "accountId"
        case name, status, npwp, isPKP, isUMKM, kind, version, bankAccount, signerName, signerPosition, address, nib
    }

    /// Creates it.
    public init(
        vendorID: String, tenant: String, accountID: String, name: String, status: String, npwp: String, isPKP: Bool,
        isUMKM: Bool,
        kind: VendorKind, version: Int64, bankAccount: BankAccount? = nil, signerName: String? = nil,
        signerPosition: String? = nil, address: String? = nil, nib: String? = nil
    ) {
        self.signerName = signerName
        self.signerPosition = signerPosition
        self.address = address
        self.nib = nib
        self.bankAccount = bankAccount
        self.vendorID = vendorID
        self.tenant = tenant
        self.accountID = accountID
        self.name = name
        self.status = status
        self.npwp = npwp
        self.isPKP = isPKP
        self.isUMKM = isUMKM
        self.kind = kind
        self.version = version
    }
}

// MARK: - Declarations

/// Every event whose payload is a vendor's standing.
public protocol VendorStandingEvent: EventContract where Payload == VendorStandingChange {}

/// `tenant.created`.
public enum TenantCreated: EventContract {
    /// The wire name.
    public static let type = "tenant.created"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A super admin created a tenant (a kabupaten/kota)."
    /// The tenant as created.
    public typealias Payload = TenantInfo
}

/// `agency.created`.
public enum AgencyCreated: EventContract {
    /// The wire name.
    public static let type = "agency.created"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A tenant admin created an agency (perangkat daerah) in a tenant."
    /// The agency as created.
    public typealias Payload = AgencyInfo
}

/// `account.created`.
public enum AccountCreated: EventContract {
    /// The wire name.
    public static let type = "account.created"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "An official's account was created."
    /// The account as created (never its password).
    public typealias Payload = AccountInfo
}

/// `account.disabled`.
public enum AccountDisabled: EventContract {
    /// The wire name.
    public static let type = "account.disabled"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "An account was disabled; its sessions are revoked."
    /// The account after the change.
    public typealias Payload = AccountInfo
}

/// `account.updated`.
public enum AccountUpdated: EventContract {
    /// The wire name.
    public static let type = "account.updated"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary =
        "An official's printed profile (name, NIP, rank, position) changed; `profileVersion` orders the changes."
    /// The account after the change (never its password).
    public typealias Payload = AccountInfo
}

/// `agency.updated`.
public enum AgencyUpdated: EventContract {
    /// The wire name.
    public static let type = "agency.updated"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "An agency's name, address, phone, email or NPWP changed; `version` orders the changes."
    /// The agency after the change.
    public typealias Payload = AgencyInfo
}

/// `tenant.updated`.
public enum TenantUpdated: EventContract {
    /// The wire name.
    public static let type = "tenant.updated"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary =
        "A tenant's name, government name, seat or domicile region codes changed; `version` orders the changes."
    /// The tenant after the change.
    public typealias Payload = TenantInfo
}

/// `tenant.emblemSet`.
public enum TenantEmblemSet: EventContract {
    /// The wire name.
    public static let type = "tenant.emblemSet"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary =
        "A tenant's emblem was set: the image itself (base64) and its SHA-256, so consumers keep a copy under the hash and can print old documents byte-identically."
    /// The emblem with its bytes.
    public typealias Payload = TenantEmblem
}

/// `vendor.registered`.
public enum VendorRegistered: VendorStandingEvent {
    /// The wire name.
    public static let type = "vendor.registered"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A vendor registered and awaits verification."
}

/// `vendor.resubmitted`.
public enum VendorResubmitted: VendorStandingEvent {
    /// The wire name.
    public static let type = "vendor.resubmitted"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A rejected vendor corrected its registration and resubmitted it."
}

/// `vendor.verified`.
public enum VendorVerified: VendorStandingEvent {
    /// The wire name.
    public static let type = "vendor.verified"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A verifier accepted the vendor's registration."
}

/// `vendor.rejected`.
public enum VendorRejected: VendorStandingEvent {
    /// The wire name.
    public static let type = "vendor.rejected"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A verifier rejected the vendor's registration, with reasons."
}

/// `vendor.activated`.
public enum VendorActivated: VendorStandingEvent {
    /// The wire name.
    public static let type = "vendor.activated"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The vendor became active: it may list products and receive orders."
}

/// `vendor.blocked`.
public enum VendorBlocked: VendorStandingEvent {
    /// The wire name.
    public static let type = "vendor.blocked"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The UKPBJ head blocked the vendor by decision; its sessions are revoked."
}

/// `vendor.unblocked`.
public enum VendorUnblocked: VendorStandingEvent {
    /// The wire name.
    public static let type = "vendor.unblocked"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The UKPBJ head lifted the vendor's block by decision."
}

/// `vendor.deactivated`.
public enum VendorDeactivated: VendorStandingEvent {
    /// The wire name.
    public static let type = "vendor.deactivated"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The vendor was deactivated; its sessions are revoked."
}

/// `vendor.blacklisted`.
public enum VendorBlacklisted: EventContract {
    /// The wire name.
    public static let type = "vendor.blacklisted"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary =
        "An NPWP was put on the tenant's blacklist (daftar hitam) for a period, with its legal basis."
    /// The blacklist entry.
    public typealias Payload = BlacklistEntry
}

/// The events identity publishes.
public enum IdentityEvents {
    /// Every event whose payload is a vendor's standing.
    public static let vendorStanding: [any VendorStandingEvent.Type] = [
        VendorRegistered.self, VendorResubmitted.self, VendorVerified.self, VendorRejected.self, VendorActivated.self,
        VendorBlocked.self, VendorUnblocked.self, VendorDeactivated.self,
    ]

    /// Every event identity publishes.
    public static let declarations: [any EventContract.Type] =
        [
            TenantCreated.self, AgencyCreated.self, AccountCreated.self, AccountDisabled.self, VendorBlacklisted.self,
            AccountUpdated.self, AgencyUpdated.self, TenantUpdated.self, TenantEmblemSet.self,
        ]
        + vendorStanding.map { $0 as any EventContract.Type }

    /// Every event identity publishes, for its `rpc.discover`.
    public static var all: [EventDescriptor] { declarations.map { $0.descriptor } }
}
