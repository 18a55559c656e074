/// A JSON-RPC error object: the code, a message a person can read, and optional structured data.
///
/// The reserved codes (-32768 … -32000) are the specification's; SiOpen's application errors use
/// the codes in ``ApplicationErrorCode``, one table shared by every service and published in each
/// service's OpenRPC document.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The numeric code.
    public var code: Int
    /// A short sentence describing the error.
    public var message: String
    /// Structured detail; for validation errors `{"kind": …, "fields": [{"field": …, "reason": …}]}`.
    public var data: JSONValue?

    /// Creates an error object.
    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String {
        if let data { return "\(message) (code \(code), \(data.serializedString))" }
        return "\(message) (code \(code))"
    }

    /// The error object as JSON.
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["code": .integer(Int64(code)), "message": .string(message)]
        if let data { members["data"] = data }
        return .object(members)
    }

    /// Reads an error object received from a peer.
    public init?(jsonValue: JSONValue) {
        guard let code = jsonValue["code"]?.int64Value, let message = jsonValue["message"]?.stringValue else {
            return nil
        }
        self.init(code: Int(code), message: message, data: jsonValue["data"])
    }

    // MARK: Specification errors

    /// -32700: the text is not valid JSON.
    public static func parseError(_ detail: String) -> RPCError {
        RPCError(code: -32700, message: "Parse error", data: ["reason": .string(detail)])
    }

    /// -32600: the JSON is not a valid request object.
    public static func invalidRequest(_ detail: String) -> RPCError {
        RPCError(code: -32600, message: "Invalid Request", data: ["reason": .string(detail)])
    }

    /// -32601: no such method on this service.
    public static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: -32601, message: "Method not found", data: ["method": .string(method)])
    }

    /// -32602: the params do not fit the method; names the offending field.
    public static func invalidParams(field: String, reason: String) -> RPCError {
        RPCError(
            code: -32602, message: "Invalid params",
            data: ["fields": [["field": .string(field), "reason": .string(reason)]]])
    }

    /// -32603: an unexpected failure inside the service. Details go to the log, not to the caller.
    public static func internalError(requestID: String?) -> RPCError {
        var data: [String: JSONValue] = [:]
        if let requestID { data["requestId"] = .string(requestID) }
        return RPCError(code: -32603, message: "Internal error", data: data.isEmpty ? nil : .object(data))
    }

    // MARK: Application errors

    /// The caller is not signed in, or its token is invalid, expired or revoked.
    public static func unauthenticated(
        _ message: String = "Sign-in required: the token is missing, invalid, expired or revoked"
    ) -> RPCError {
        RPCError(
            code: ApplicationErrorCode.unauthenticated.rawValue, message: message, data: ["kind": "unauthenticated"])
    }

    /// The caller is known but may not do this (role, tenant, agency or ownership).
    public static func forbidden(_ message: String) -> RPCError {
        RPCError(code: ApplicationErrorCode.forbidden.rawValue, message: message, data: ["kind": "forbidden"])
    }

    /// The named record does not exist (or is not visible to this caller).
    public static func notFound(_ what: String, id: String) -> RPCError {
        RPCError(
            code: ApplicationErrorCode.notFound.rawValue, message: "\(what) \(id) was not found",
            data: ["kind": "not_found", "entity": .string(what), "id": .string(id)])
    }

    /// The action conflicts with the record's current state or version.
    public static func conflict(_ message: String, currentState: String? = nil) -> RPCError {
        var data: [String: JSONValue] = ["kind": "conflict"]
        if let currentState { data["currentState"] = .string(currentState) }
        return RPCError(code: ApplicationErrorCode.conflict.rawValue, message: message, data: .object(data))
    }

    /// The input broke one or more business rules; each field is named with the reason.
    public static func validationFailed(_ fields: [FieldError]) -> RPCError {
        let summary = fields.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")
        return RPCError(
            code: ApplicationErrorCode.validationFailed.rawValue, message: "Validation failed: \(summary)",
            data: ["kind": "validation_failed", "fields": .array(fields.map(\.jsonValue))])
    }

    /// One field that failed validation.
    public static func validationFailed(field: String, reason: String) -> RPCError {
        validationFailed([FieldError(field: field, reason: reason)])
    }

    /// Too many attempts; try again after the given number of seconds.
    public static func rateLimited(retryAfterSeconds: Int) -> RPCError {
        RPCError(
            code: ApplicationErrorCode.rateLimited.rawValue,
            message: "Too many attempts; try again in \(retryAfterSeconds) seconds",
            data: ["kind": "rate_limited", "retryAfterSeconds": .integer(Int64(retryAfterSeconds))])
    }

    /// Another service or resource this call needs is not reachable.
    public static func dependencyUnavailable(_ message: String) -> RPCError {
        RPCError(
            code: ApplicationErrorCode.dependencyUnavailable.rawValue, message: message,
            data: ["kind": "dependency_unavailable"])
    }

    /// The application error kind of this error, if it is one.
    public var applicationCode: ApplicationErrorCode? { ApplicationErrorCode(rawValue: code) }
}

/// An error that has a JSON-RPC form: the dispatcher answers with ``rpcError`` whatever a
/// handler throws that conforms (a rule's refusal, see `DomainRefusal`).
public protocol RPCErrorConvertible: Error {
    /// The error object sent to the caller.
    var rpcError: RPCError { get }
}

extension RPCError: RPCErrorConvertible {
    /// Itself.
    public var rpcError: RPCError { self }
}

/// A field that failed validation and why.
public struct FieldError: Sendable, Hashable, Codable {
    /// The field's path in the params, e.g. `items[2].quantity`.
    public var field: String
    /// Why the value was refused, for a person.
    public var reason: String

    /// Creates a field error.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    var jsonValue: JSONValue { ["field": .string(field), "reason": .string(reason)] }
}

/// SiOpen's application error codes, outside JSON-RPC's reserved range. They follow the HTTP
/// status a person would expect, so a code reads the same in logs, clients and documents.
public enum ApplicationErrorCode: Int, CaseIterable, Sendable {
    /// 401: not signed in, or the token is invalid, expired or revoked.
    case unauthenticated = 401
    /// 403: signed in, but the role, tenant, agency or ownership does not allow this.
    case forbidden = 403
    /// 404: no such record visible to the caller.
    case notFound = 404
    /// 409: wrong state for this action, or a stale version.
    case conflict = 409
    /// 422: input broke a business rule; `data.fields` names each field.
    case validationFailed = 422
    /// 429: too many attempts; `data.retryAfterSeconds` says when to retry.
    case rateLimited = 429
    /// 503: a service or resource this call depends on is unavailable.
    case dependencyUnavailable = 503

    /// The stable name used in `data.kind` and in the OpenRPC error table.
    public var name: String {
        switch self {
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .validationFailed: "validation_failed"
        case .rateLimited: "rate_limited"
        case .dependencyUnavailable: "dependency_unavailable"
        }
    }

    /// What the code means, as published in the OpenRPC document.
    public var meaning: String {
        switch self {
        case .unauthenticated: "Not signed in, or the token is invalid, expired or revoked."
        case .forbidden: "Signed in, but the role, tenant, agency or ownership does not allow this action."
        case .notFound: "No such record is visible to the caller."
        case .conflict: "The record is in the wrong state for this action, or the caller's version is stale."
        case .validationFailed: "The input broke a rule; data.fields lists each field with the reason."
        case .rateLimited: "Too many attempts; data.retryAfterSeconds says when to try again."
        case .dependencyUnavailable:
            "A service or resource this call depends on is unavailable, or a maintenance window refuses writes (data.reason maintenance, data.announcement); retry later, after data.retryAfterSeconds when given."
        }
    }
}
