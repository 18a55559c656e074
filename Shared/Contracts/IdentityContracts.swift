import SiOpenDomain
import SiOpenProtocol

// The identity service's RPC contract: every method it serves, declared once. Servers register
// handlers for these types; clients call them by type; the OpenRPC document is generated from them.

/// An assignment letter (surat tugas / SK) by which an official holds a role.
public struct AssignmentLetter: Codable, Sendable, Hashable {
    /// The letter's number.
    public var number: String
    /// Its date, `YYYY-MM-DD`.
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
    /// Full name.
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
    public static let summary = "Adds a tenant (a kabupaten or institution) with the NIK region codes its vendors must be domiciled in."
    public static let access = Access.roles(.superAdmin)
    public typealias Params = TenantInfo
    public typealias Result = TenantInfo
}

/// `tenant.list`: the tenants of the deployment.
public enum TenantList: RPCMethod {
    public static let name = "tenant.list"
    public static let summary = "Lists the tenants (Super Admin and the national monitor)."
    public static let access = Access.roles(.superAdmin, .monitor)
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
    /// Full name.
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
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = [AgencyInfo]
}

// MARK: - Accounts

/// A new official's account.
public struct AccountCreateParams: Codable, Sendable, Hashable {
    /// Sign-in name: 3–64 of a–z, 0–9, `.`, `_`, `-`.
    public var username: String
    /// Email address.
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
    public init(username: String, email: EmailAddress, fullName: String, roles: [Role], tenant: String?, agency: String?, assignment: AssignmentLetter, initialPassword: String) {
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
    /// Account id.
    public var id: String
    /// Sign-in name.
    public var username: String
    /// Email address.
    public var email: String
    /// Full name.
    public var fullName: String
    /// Roles.
    public var roles: [Role]
    /// Tenant, if any.
    public var tenant: String?
    /// Agency, if any.
    public var agency: String?
    /// `active` or `disabled`.
    public var status: String
    /// Whether the next sign-in must change the password.
    public var mustChangePassword: Bool
    /// The assignment letter, for officials.
    public var assignment: AssignmentLetter?
    /// For vendor accounts, the vendor id.
    public var vendorID: String?

    /// Creates it.
    public init(id: String, username: String, email: String, fullName: String, roles: [Role], tenant: String? = nil, agency: String? = nil, status: String, mustChangePassword: Bool, assignment: AssignmentLetter? = nil, vendorID: String? = nil) {
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
    public static let summary = "Creates an official's account. Super Admin may grant any official role; an agency administrator only PPK, treasurer and PA/KPA in their own agency."
    public static let access = Access.roles(.superAdmin, .agencyAdmin)
    public typealias Params = AccountCreateParams
    public typealias Result = AccountInfo
}

/// `account.list`: accounts of a tenant.
public enum AccountList: RPCMethod {
    public static let name = "account.list"
    public static let summary = "Lists accounts: Super Admin any tenant's, an agency administrator their agency's."
    public static let access = Access.roles(.superAdmin, .agencyAdmin)
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = [AccountInfo]
}

/// Names one account.
public struct AccountRef: Codable, Sendable, Hashable {
    /// The account id.
    public var accountID: String

    /// Creates it.
    public init(accountID: String) { self.accountID = accountID }
}

/// A password reset by an administrator.
public struct PasswordResetParams: Codable, Sendable, Hashable {
    /// The account.
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
    public static let summary = "Sets a temporary password that must be changed at the next sign-in, and signs the person out everywhere."
    public static let access = Access.roles(.superAdmin, .agencyAdmin)
    public typealias Params = PasswordResetParams
    public typealias Result = AccountInfo
}

/// `account.disable`: blocks an account and ends its sessions.
public enum AccountDisable: RPCMethod {
    public static let name = "account.disable"
    public static let summary = "Disables an account and signs it out everywhere."
    public static let access = Access.roles(.superAdmin, .agencyAdmin)
    public typealias Params = AccountRef
    public typealias Result = AccountInfo
}

// MARK: - Sign-in and sessions

/// Sign-in credentials.
public struct SignInParams: Codable, Sendable, Hashable {
    /// Username or email.
    public var login: String
    /// Password.
    public var password: String
    /// The network address the person signs in from (1–64 printable ASCII characters). Only
    /// the web gateway may set it, calling with its service token (``gatewayPrincipalID``): it
    /// takes it from the connection, never from the client. From any other caller it is refused
    /// (403 naming `source`). Failures are throttled per source as well as per account.
    public var source: String?

    /// The principal of the web gateway, the only caller whose `source` is believed; a service
    /// token for it is issued with `siopen-identity service-token --service gateway`.
    public static let gatewayPrincipalID = "service:gateway"

    /// Creates them.
    public init(login: String, password: String, source: String? = nil) {
        self.login = login
        self.password = password
        self.source = source
    }
}

/// A session.
public struct SessionInfo: Codable, Sendable, Hashable {
    /// The signed token to send as `auth` with every request.
    public var token: String
    /// Its session id.
    public var sessionID: String
    /// When it expires (unix seconds).
    public var expiresAt: Int64
    /// Whether the person must change the password before doing anything else.
    public var mustChangePassword: Bool
    /// The account.
    public var account: AccountInfo

    /// Creates it.
    public init(token: String, sessionID: String, expiresAt: Int64, mustChangePassword: Bool, account: AccountInfo) {
        self.token = token
        self.sessionID = sessionID
        self.expiresAt = expiresAt
        self.mustChangePassword = mustChangePassword
        self.account = account
    }
}

/// `auth.signIn`: username or email plus password → a signed session token.
public enum AuthSignIn: RPCMethod {
    public static let name = "auth.signIn"
    public static let summary = "Signs in with username or email and password; returns a session token. After 5 consecutive failures each further attempt on the login waits a growing delay (1 s, 2 s, 4 s … 15 min; 429 with retryAfterSeconds), the same for unknown logins; `source` is accepted from the gateway only and limits failures per network address; a full password-hashing queue answers 429."
    public static let access = Access.anyone
    public typealias Params = SignInParams
    public typealias Result = SessionInfo
}

/// `auth.signOut`: ends the caller's session at every service within a minute.
public enum AuthSignOut: RPCMethod {
    public static let name = "auth.signOut"
    public static let summary = "Ends the caller's session; every service refuses the token within 60 seconds."
    public static let access = Access.authenticated
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = EmptyParams
}

/// A password change.
public struct PasswordChangeParams: Codable, Sendable, Hashable {
    /// The current password.
    public var currentPassword: String
    /// The new one (≥ 10 characters, not the username, not the current one).
    public var newPassword: String

    /// Creates it.
    public init(currentPassword: String, newPassword: String) {
        self.currentPassword = currentPassword
        self.newPassword = newPassword
    }
}

/// `auth.changePassword`: the caller changes their password; other sessions end.
public enum AuthChangePassword: RPCMethod {
    public static let name = "auth.changePassword"
    public static let summary = "Changes the caller's password and ends every session issued before the change; returns a fresh session. A wrong current password counts toward the account's sign-in delays and is audited."
    public static let access = Access.authenticated
    public typealias Params = PasswordChangeParams
    public typealias Result = SessionInfo
}

/// `auth.whoami`: the caller's account.
public enum AuthWhoAmI: RPCMethod {
    public static let name = "auth.whoami"
    public static let summary = "The caller's account."
    public static let access = Access.authenticated
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = AccountInfo
}
