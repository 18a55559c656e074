import Foundation

/// A JSON-RPC method, declared once: its name, its params and result types, what it does and
/// who may call it. The same declaration drives the server's dispatch table, the client's typed
/// call, the `siopen` command and the OpenRPC document, so a method name is never written twice.
///
/// ```swift
/// public enum SystemHealth: RPCMethod {
///     public static let name = "system.health"
///     public static let summary = "Liveness and readiness of the service."
///     public static let access = Access.anyone
///     public static let errors: [ApplicationErrorCode]? = []
///     public typealias Params = EmptyParams
///     public typealias Result = HealthReport
/// }
/// ```
public protocol RPCMethod: Sendable {
    /// The params, decoded from the request's `params` object.
    associatedtype Params: Codable & Sendable
    /// The result, encoded as the response's `result`.
    associatedtype Result: Codable & Sendable

    /// The wire name, `<area>.<verb>` (e.g. `vendor.register`).
    static var name: String { get }
    /// One or two sentences for the OpenRPC document and `siopen call --help`.
    static var summary: String { get }
    /// Who may call it.
    static var access: Access { get }
    /// Whether calling it twice has the same effect as once, so a client may retry it freely.
    static var isIdempotent: Bool { get }
    /// The largest request line accepted for this method, in bytes.
    static var maxRequestBytes: Int { get }
    /// The application errors this method's handler may return (404, 409, 422, 429, 503, and a
    /// 403 beyond the access rule: tenant, agency, ownership), read from the handler. The OpenRPC
    /// document adds those every method of its kind may return (-32602; 401 and 403 from
    /// ``access``; 503 when sessions cannot be verified). `nil`: not yet declared, which the
    /// contract completeness test refuses.
    static var errors: [ApplicationErrorCode]? { get }
    /// Whether a write is still served during a maintenance window (signing in and out, so people
    /// can keep reading). Reads (``isIdempotent``) always are; other writes answer 503.
    static var continuesDuringMaintenance: Bool { get }
}

extension RPCMethod {
    /// Reads are the common case of idempotent methods; writes opt in explicitly.
    public static var isIdempotent: Bool { false }
    /// 1 MiB unless a method (an upload) declares more.
    public static var maxRequestBytes: Int { RPCLimits.defaultMaxRequestBytes }
    /// Not declared.
    public static var errors: [ApplicationErrorCode]? { nil }
    /// Writes stop during maintenance unless they opt out.
    public static var continuesDuringMaintenance: Bool { false }
}

/// Limits shared by server and client.
public enum RPCLimits {
    /// The default largest request line, 1 MiB.
    public static let defaultMaxRequestBytes = 1 << 20
    /// The most requests in one batch.
    public static let maxBatchSize = 100
}

/// Params of a method that takes none: accepts an omitted `params`, `{}` or `[]`.
public struct EmptyParams: Codable, Sendable, Hashable {
    /// Creates empty params.
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: EmptyKeys.self)
    }
    private enum EmptyKeys: CodingKey {}
}

/// What a handler knows about the request it serves.
public struct RequestContext: Sendable {
    /// The authenticated caller, or `nil` for an anonymous call to an `.anyone` method.
    public var principal: Principal?
    /// A request id for logs: the JSON-RPC id's text, or a generated one for notifications.
    public var requestID: String
    /// The method's wire name.
    public var method: String
    /// The client's idempotency key (`idempotencyKey` member of the request), if any.
    public var idempotencyKey: String?
    /// The caller's token, for calls made on the caller's behalf to other services.
    public var token: String?

    /// Creates a context.
    public init(
        principal: Principal?, requestID: String, method: String, idempotencyKey: String? = nil, token: String? = nil
    ) {
        self.principal = principal
        self.requestID = requestID
        self.method = method
        self.idempotencyKey = idempotencyKey
        self.token = token
    }
}

/// Turns a request's token into a principal. The identity issue supplies the real one; the
/// default refuses every token, so role-guarded methods are denied until it is configured.
public protocol RequestAuthenticator: Sendable {
    /// Returns the principal for `token`; throws ``RPCError/unauthenticated(_:)`` when it is not valid.
    func authenticate(token: String) async throws -> Principal
}

/// The authenticator that knows no tokens: deny by default.
public struct DenyAllAuthenticator: RequestAuthenticator {
    /// Creates it.
    public init() {}
    public func authenticate(token: String) async throws -> Principal {
        throw RPCError.unauthenticated("This service cannot verify tokens yet")
    }
}

/// Where to continue reading an ordered list (an event feed, the audit trail, revocations).
public struct CursorParams: Codable, Sendable, Hashable {
    /// The last sequence already read; 0 for the start.
    public var after: Int64
    /// At most this many; each method states its default and maximum.
    public var limit: Int?

    /// Creates it.
    public init(after: Int64, limit: Int? = nil) {
        self.after = after
        self.limit = limit
    }

    /// The page size to use, or a 422 naming the field that is out of range.
    public func pageLimit(default defaultLimit: Int, maximum: Int) throws -> Int {
        guard after >= 0 else { throw RPCError.validationFailed(field: "after", reason: "must be 0 or more") }
        return try Self.pageLimit(limit, default: defaultLimit, maximum: maximum)
    }

    /// The page size `limit` asks for (or `defaultLimit`), or a 422 naming `limit`; for any paged method.
    public static func pageLimit(_ limit: Int?, default defaultLimit: Int, maximum: Int) throws -> Int {
        let limit = limit ?? defaultLimit
        guard (1...maximum).contains(limit) else {
            throw RPCError.validationFailed(field: "limit", reason: "must be between 1 and \(maximum)")
        }
        return limit
    }
}
