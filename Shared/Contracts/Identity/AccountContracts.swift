import SiOpenDomain
import SiOpenProtocol

// MARK: - Accounts

/// A new official's account.
public struct AccountCreateParams: Codable, Sendable, Hashable {
    /// Sign-in name: 3–64 of a–z, 0–9, `.`, `_`, `-`.
    public var username: String
    /// Email address (stored and compared lowercased, NFC).
    public var email: EmailAddress
    /// The person's full name.
    public var fullName: String
    /// The roles granted (not `vendor`: vendors register themselves).
    public var roles: [Role]
    /// The tenant; required for every role but `monitor`.
    public var tenant: String?
    /// The agency; required for PPK, treasurer, PA/KPA and agency administrators.
    public var agency: String?
    /// The letter of assignment that gives the person the role.
    public var assignment: AssignmentLetter
    /// A first password (≥ 10 characters, not the username); the person must change it at first sign-in.
    public var initialPassword: String
    /// The official's NIP (civil servant number). Required for PPK, Pejabat Pengadaan, PA/KPA
    /// and treasurer accounts unless `civilServant` is false.
    public var nip: NIP?
    /// Rank and grade (pangkat/golongan) as printed, e.g. "Penata Tingkat I (III/d)"; at most 100 characters.
    public var rank: String?
    /// The position (jabatan) as printed under the signature, e.g. "Kepala Bidang Sarana dan
    /// Prasarana"; at most 200 characters.
    public var position: String?
    /// False for an official who is not a civil servant (non-ASN, e.g. permanent BLUD staff) and
    /// so has no NIP; absent means a civil servant.
    public var civilServant: Bool?

    /// Creates the params.
    public init(
        username: String, email: EmailAddress, fullName: String, roles: [Role], tenant: String?, agency: String?,
        assignment: AssignmentLetter, initialPassword: String, nip: NIP? = nil, rank: String? = nil,
        position: String? = nil, civilServant: Bool? = nil
    ) {
        self.username = username
        self.email = email
        self.fullName = fullName
        self.roles = roles
        self.tenant = tenant
        self.agency = agency
        self.assignment = assignment
        self.initialPassword = initialPassword
        self.nip = nip
        self.rank = rank
        self.position = position
        self.civilServant = civilServant
    }
}

/// An official's profile as printed under a signature: name, NIP, rank and position.
public struct AccountProfileParams: Codable, Sendable, Hashable {
    /// The account's id (`account.list`).
    public var accountID: String
    /// The person's full name, with titles as they write it; at most 200 characters.
    public var fullName: String
    /// The NIP; required for PPK, Pejabat Pengadaan, PA/KPA and treasurer accounts unless
    /// `civilServant` is false. Absent clears it.
    public var nip: NIP?
    /// Rank and grade (pangkat/golongan); absent clears it.
    public var rank: String?
    /// The position (jabatan); absent clears it.
    public var position: String?
    /// False for a non-civil-servant official (no NIP); absent means a civil servant.
    public var civilServant: Bool?

    /// Creates it.
    public init(
        accountID: String, fullName: String, nip: NIP? = nil, rank: String? = nil, position: String? = nil,
        civilServant: Bool? = nil
    ) {
        self.accountID = accountID
        self.fullName = fullName
        self.nip = nip
        self.rank = rank
        self.position = position
        self.civilServant = civilServant
    }
}

/// An account as shown to administrators.
public struct AccountInfo: Codable, Sendable, Hashable {
    /// The account's id.
    public var id: String
    /// The sign-in name: 3–64 of a–z, 0–9, `.`, `_`, `-`.
    public var username: String
    /// Email address (stored and compared lowercased, NFC).
    public var email: String
    /// The person's full name.
    public var fullName: String
    /// The roles the account holds (none while a password change is required).
    public var roles: [Role]
    /// The tenant's code, or null for a national account (Super Admin, developer, monitor).
    public var tenant: String?
    /// The agency's code within the tenant, or null for an account not bound to one agency.
    public var agency: String?
    /// `active`, or `disabled` (sign-in refused).
    public var status: String
    /// Whether the next sign-in must change the password.
    public var mustChangePassword: Bool
    /// The assignment letter, for officials.
    public var assignment: AssignmentLetter?
    /// For vendor accounts, the vendor id.
    public var vendorID: String?
    /// The official's NIP (18 digits), when the official is a civil servant and it was given.
    public var nip: NIP?
    /// Rank and grade (pangkat/golongan), when given.
    public var rank: String?
    /// The position (jabatan), when given.
    public var position: String?
    /// False for an official marked as not a civil servant (no NIP); absent for a civil servant
    /// and for accounts that are not officials'.
    public var civilServant: Bool?
    /// The profile's version: 1 at creation, one more at every `account.updateProfile`; orders
    /// keeps the newest it has seen.
    public var profileVersion: Int64?

    /// Creates it.
    public init(
        id: String, username: String, email: String, fullName: String, roles: [Role], tenant: String? = nil,
        agency: String? = nil, status: String, mustChangePassword: Bool, assignment: AssignmentLetter? = nil,
        vendorID: String? = nil, nip: NIP? = nil, rank: String? = nil, position: String? = nil,
        civilServant: Bool? = nil, profileVersion: Int64? = nil
    ) {
        self.nip = nip
        self.rank = rank
        self.position = position
        self.civilServant = civilServant
        self.profileVersion = profileVersion
        self.id = id
        self.username = username
        self.email = email
        self.fullName = fullName
        self.roles = roles
        self.tenant = tenant
        self.agency = agency
        self.status = status
        self.mustChangePassword = mustChangePassword
        self.assignment = assignment
        self.vendorID = vendorID
    }
}

/// `account.create`: an administrator creates an official's account.
public enum AccountCreate: RPCMethod {
    public static let name = "account.create"
    public static let summary =
        "Creates an official's account. Super Admin may grant any official role; an agency administrator only PPK, Pejabat Pengadaan, treasurer and PA/KPA in their own agency. PPK, Pejabat Pengadaan, PA/KPA and treasurer need an NIP unless marked as not civil servants."
    public static let access = Access.roles(.superAdmin, .agencyAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = AccountCreateParams
    public typealias Result = AccountInfo
}

/// `account.list`: accounts of a tenant.
public enum AccountList: RPCMethod {
    public static let name = "account.list"
    public static let summary = "Lists accounts: Super Admin any tenant's, an agency administrator their agency's."
    public static let access = Access.roles(.superAdmin, .agencyAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = [AccountInfo]
}

/// What another service may learn of an official's account: who holds it, in which roles,
/// tenant and agency, and whether it is active (no email, no credentials).
public struct OfficialSummary: Codable, Sendable, Hashable {
    /// The account's id.
    public var id: String
    /// The person's full name.
    public var fullName: String
    /// The roles the account holds (none while a password change is required).
    public var roles: [Role]
    /// The tenant's code, or null for a national account.
    public var tenant: String?
    /// The agency's code within the tenant, or null.
    public var agency: String?
    /// `active`, or `disabled`.
    public var status: String

    /// Creates it.
    public init(id: String, fullName: String, roles: [Role], tenant: String?, agency: String?, status: String) {
        self.id = id
        self.fullName = fullName
        self.roles = roles
        self.tenant = tenant
        self.agency = agency
        self.status = status
    }
}

/// `account.official`: a service asks who holds an account (orders, to hand an order to another PPK).
public enum AccountOfficial: RPCMethod {
    public static let name = "account.official"
    public static let summary =
        "Service-only: an account's holder, roles, tenant, agency and status (no email, no credentials), e.g. for orders to check a new PPK."
    public static let access = Access.service
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    public static let isIdempotent = true
    public typealias Params = AccountRef
    public typealias Result = OfficialSummary
}

/// Names one account.
public struct AccountRef: Codable, Sendable, Hashable {
    /// The account's id (`account.list`).
    public var accountID: String

    /// Creates it.
    public init(accountID: String) { self.accountID = accountID }
}

/// A password reset by an administrator.
public struct PasswordResetParams: Codable, Sendable, Hashable {
    /// The account's id.
    public var accountID: String
    /// A temporary password the person must change at next sign-in.
    public var temporaryPassword: String

    /// Creates it.
    public init(accountID: String, temporaryPassword: String) {
        self.accountID = accountID
        self.temporaryPassword = temporaryPassword
    }
}

/// `account.resetPassword`: forces a change at next sign-in and ends the person's sessions.
public enum AccountResetPassword: RPCMethod {
    public static let name = "account.resetPassword"
    public static let summary =
        "Sets a temporary password that must be changed at the next sign-in, and signs the person out everywhere."
    public static let access = Access.roles(.superAdmin, .agencyAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict]
    public typealias Params = PasswordResetParams
    public typealias Result = AccountInfo
}

/// `account.disable`: blocks an account and ends its sessions.
public enum AccountDisable: RPCMethod {
    public static let name = "account.disable"
    public static let summary = "Disables an account and signs it out everywhere."
    public static let access = Access.roles(.superAdmin, .agencyAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict]
    public typealias Params = AccountRef
    public typealias Result = AccountInfo
}

/// `account.updateProfile`: an administrator corrects an official's name, NIP, rank and position.
public enum AccountUpdateProfile: RPCMethod {
    public static let name = "account.updateProfile"
    public static let summary =
        "Replaces an official's printed profile (full name, NIP, rank, position, civil-servant flag): Super Admin any account, an agency administrator the accounts of their agency. Audited; publishes account.updated."
    public static let access = Access.roles(.superAdmin, .agencyAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = AccountProfileParams
    public typealias Result = AccountInfo
}

// MARK: - The account directory (for auditors)

/// One account as an auditor sees it beside an audit entry: who the actor is, never how they
/// sign in (no username, email, password or session data).
public struct DirectoryEntry: Codable, Sendable, Hashable {
    /// The account's id: the `actor` of audit entries in every service.
    public var accountID: String
    /// The person's (or the vendor's) full name.
    public var fullName: String
    /// The roles the account holds.
    public var roles: [Role]
    /// The tenant, or null for a national account (Super Admin, developer, monitor).
    public var tenant: String?
    /// The agency within the tenant, for accounts bound to one.
    public var agency: String?
    /// `active` or `disabled`.
    public var status: String
    /// The position (jabatan), for officials who have one.
    public var position: String?
    /// The vendor id, for vendor accounts.
    public var vendorID: String?

    /// Creates it.
    public init(
        accountID: String, fullName: String, roles: [Role], tenant: String?, agency: String?, status: String,
        position: String? = nil, vendorID: String? = nil
    ) {
        self.accountID = accountID
        self.fullName = fullName
        self.roles = roles
        self.tenant = tenant
        self.agency = agency
        self.status = status
        self.position = position
        self.vendorID = vendorID
    }
}

/// `account.directory`: who each actor of the audit trails is.
public enum AccountDirectory: RPCMethod {
    public static let name = "account.directory"
    public static let summary =
        "The accounts of a tenant (the caller's by default) and the national accounts, with name, roles, agency and position but no credentials: what an auditor (APIP) joins to the `actor` of every service's audit.read entries."
    public static let access = Access.roles(.auditor, .ukpbjHead, .superAdmin, .monitor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = [DirectoryEntry]
}
