import SiOpenDomain
import SiOpenProtocol

// MARK: - Sign-in and sessions

/// Sign-in credentials.
public struct SignInParams: Codable, Sendable, Hashable {
    /// The account's username or email address (case-insensitive for email).
    public var login: String
    /// The password, as typed; never logged.
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
    /// The session's id, as `auth.revocations` lists it once the session ends.
    public var sessionID: String
    /// When it expires (unix seconds).
    public var expiresAt: Int64
    /// Whether the person must change the password before doing anything else.
    public var mustChangePassword: Bool
    /// The signed-in account.
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
    public static let summary =
        "Signs in with username or email and password; returns a session token. After 5 consecutive failures each further attempt on the login waits a growing delay (1 s, 2 s, 4 s … 15 min; 429 with retryAfterSeconds), the same for unknown logins; `source` is accepted from the gateway only and limits failures per network address; a full password-hashing queue answers 429."
    public static let access = Access.anyone
    public static let errors: [ApplicationErrorCode]? = [.unauthenticated, .forbidden, .validationFailed, .rateLimited]
    public typealias Params = SignInParams
    public typealias Result = SessionInfo
    /// Signing in continues during a maintenance window, so people can still sign in to read.
    public static let continuesDuringMaintenance = true
}

/// `auth.signOut`: ends the caller's session at every service within a minute.
public enum AuthSignOut: RPCMethod {
    public static let name = "auth.signOut"
    public static let summary = "Ends the caller's session; every service refuses the token within 60 seconds."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = []
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = EmptyParams
}

/// A password change.
public struct PasswordChangeParams: Codable, Sendable, Hashable {
    /// The current password; a wrong one counts toward the account's sign-in delays.
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
    public static let summary =
        "Changes the caller's password and ends every session issued before the change; returns a fresh session. A wrong current password counts toward the account's sign-in delays and is audited."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.unauthenticated, .validationFailed, .rateLimited]
    public typealias Params = PasswordChangeParams
    public typealias Result = SessionInfo
}

/// `auth.whoami`: the caller's account.
public enum AuthWhoAmI: RPCMethod {
    public static let name = "auth.whoami"
    public static let summary = "The caller's account."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.notFound]
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = AccountInfo
}
