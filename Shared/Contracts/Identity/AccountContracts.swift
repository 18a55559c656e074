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

    /// Creates the params.
    public init(
        username: String, email: EmailAddress, fullName: String, roles: [Role], tenant: String?, agency: String?,
        assignment: AssignmentLetter, initialPassword: String
    ) {
        self.username = username
        self.email = email
        self.fullName = fullName
        self.roles = roles
        self.tenant = tenant
        self.agency = agency
        self.assignment = assignment
        self.initialPassword = initialPassword
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

    /// Creates it.
    public init(
        id: String, username: String, email: String, fullName: String, roles: [Role], tenant: String? = nil,
        agency: String? = nil, status: String, mustChangePassword: Bool, assignment: AssignmentLetter? = nil,
        vendorID: String? = nil
    ) {
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
        "Creates an official's account. Super Admin may grant any official role; an agency administrator only PPK, treasurer and PA/KPA in their own agency."
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
