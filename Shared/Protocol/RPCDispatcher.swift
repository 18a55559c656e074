import Foundation

/// What happened to one call, for the service's structured log.
public struct RPCCallRecord: Sendable {
    /// Method name (or `nil` when the request was unreadable).
    public var method: String?
    /// The request id's text, or a generated id for notifications.
    public var requestID: String
    /// Time spent handling it.
    public var duration: Duration
    /// The error code returned, if any.
    public var errorCode: Int?
    /// For -32603: what actually went wrong (never sent to the caller).
    public var internalError: String?
    /// The caller's principal id, if authenticated.
    public var principalID: String?
}

/// Applies the JSON-RPC 2.0 rules to one received line: parsing, batches, notifications,
/// validation, authentication, the access rule, params decoding, and the response text.
public final class RPCDispatcher: Sendable {
    /// The methods served.
    public let table: RPCMethodTable
    let authenticator: any RequestAuthenticator
    let observer: (@Sendable (RPCCallRecord) -> Void)?
    let gate: (@Sendable (RPCMethodTable.Entry) -> RPCError?)?
    let notificationCounter = NotificationCounter()

    /// Creates a dispatcher over `table`. `gate`, asked after the access rule passed and before
    /// the handler runs, may refuse a call with an error (a maintenance window refusing writes).
    public init(
        table: RPCMethodTable, authenticator: any RequestAuthenticator = DenyAllAuthenticator(),
        observer: (@Sendable (RPCCallRecord) -> Void)? = nil,
        gate: (@Sendable (RPCMethodTable.Entry) -> RPCError?)? = nil
    ) {
        self.table = table
        self.authenticator = authenticator
        self.observer = observer
        self.gate = gate
    }

    /// The longest line the transport must accept before handing it here.
    public var maxLineBytes: Int { table.maxRequestBytes }

    /// Handles one line (without its terminator); returns the response text, or `nil` when
    /// nothing must be written (notifications, a batch of notifications, a blank line).
    public func handle(line: [UInt8]) async -> [UInt8]? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: line)
        } catch {
            observe(method: nil, requestID: "-", start: .now, code: -32700)
            return Self.errorResponse(.parseError("\(error)"), id: nil)
        }
        switch value {
        case .array(let elements):
            if elements.isEmpty {
                return Self.errorResponse(.invalidRequest("an empty batch is not a request"), id: nil)
            }
            if elements.count > RPCLimits.maxBatchSize {
                return Self.errorResponse(
                    .invalidRequest("a batch may hold at most \(RPCLimits.maxBatchSize) requests"), id: nil)
            }
            let responses = await withTaskGroup(of: (Int, [UInt8]?).self) { group in
                for (index, element) in elements.enumerated() {
                    group.addTask { (index, await self.handle(request: element, lineBytes: line.count)) }
                }
                var collected = [[UInt8]?](repeating: nil, count: elements.count)
                for await (index, response) in group { collected[index] = response }
                return collected.compactMap { $0 }
            }
            if responses.isEmpty { return nil }
            var out: [UInt8] = [UInt8(ascii: "[")]
            for (index, response) in responses.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: response)
            }
            out.append(UInt8(ascii: "]"))
            return out
        default:
            return await handle(request: value, lineBytes: line.count)
        }
    }

    /// Handles one request object of a line (or batch).
    func handle(request value: JSONValue, lineBytes: Int) async -> [UInt8]? {
        let start = ContinuousClock.now
        guard case .object(let members) = value else {
            observe(method: nil, requestID: "-", start: start, code: -32600)
            return Self.errorResponse(.invalidRequest("a request must be a JSON object"), id: nil)
        }
        // The id, if readable, is echoed even when the rest of the request is invalid.
        let id: JSONValue?
        let isNotification: Bool
        switch members["id"] {
        case nil:
            id = nil
            isNotification = true
        case .some(.string), .some(.number), .some(.null):
            id = members["id"]
            isNotification = false
        default:
            return Self.errorResponse(.invalidRequest("id must be a string, a number or null"), id: nil)
        }
        let requestID = id.map(Self.idText) ?? "notification-\(notificationCounter.next())"
        func fail(_ error: RPCError, method: String?) -> [UInt8] {
            observe(method: method, requestID: requestID, start: start, code: error.code)
            return Self.errorResponse(error, id: id)
        }
        guard members["jsonrpc"] == .string("2.0") else {
            return fail(.invalidRequest("jsonrpc must be exactly \"2.0\""), method: nil)
        }
        guard case .string(let methodName) = members["method"] else {
            return fail(.invalidRequest("method must be a string"), method: nil)
        }
        let params = members["params"]
        switch params {
        case nil, .some(.object), .some(.array): break
        default: return fail(.invalidRequest("params must be an object or an array"), method: methodName)
        }
        var token: String?
        switch members["auth"] {
        case nil, .some(.null): break
        case .some(.string(let value)): token = value
        default: return fail(.invalidRequest("auth must be a string token"), method: methodName)
        }
        var idempotencyKey: String?
        switch members["idempotencyKey"] {
        case nil, .some(.null): break
        case .some(.string(let value)) where !value.isEmpty && value.utf8.count <= 200: idempotencyKey = value
        default: return fail(.invalidRequest("idempotencyKey must be a string of 1 to 200 bytes"), method: methodName)
        }

        // From here on the request is valid: a notification gets no answer whatever happens.
        let response = await invoke(
            methodName: methodName, params: params, token: token, idempotencyKey: idempotencyKey,
            requestID: requestID, lineBytes: lineBytes, start: start)
        if isNotification { return nil }
        switch response {
        case .success(let result): return Self.resultResponse(result, id: id)
        case .failure(let error): return Self.errorResponse(error, id: id)
        }
    }

    func invoke(
        methodName: String, params: JSONValue?, token: String?, idempotencyKey: String?,
        requestID: String, lineBytes: Int, start: ContinuousClock.Instant
    ) async -> Result<[UInt8], RPCError> {
        var principal: Principal?
        func finish(_ outcome: Result<[UInt8], RPCError>, internalDetail: String? = nil) -> Result<[UInt8], RPCError> {
            var code: Int?
            if case .failure(let error) = outcome { code = error.code }
            observe(
                method: methodName, requestID: requestID, start: start, code: code, internalDetail: internalDetail,
                principal: principal?.id)
            return outcome
        }
        guard let entry = table.entries[methodName] else {
            return finish(.failure(.methodNotFound(methodName)))
        }
        if lineBytes > entry.maxRequestBytes {
            return finish(
                .failure(.invalidRequest("request exceeds the \(entry.maxRequestBytes)-byte limit of \(methodName)")))
        }
        if let token {
            do {
                principal = try await authenticator.authenticate(token: token)
            } catch {
                // A stale token does not stop a call anyone may make (sign-in, health).
                if entry.access != .anyone {
                    return finish(.failure(error as? RPCError ?? .unauthenticated()))
                }
            }
        }
        guard entry.access.admits(principal) else {
            if principal == nil || entry.access == .authenticated && principal?.kind == .service {
                return finish(.failure(.unauthenticated()))
            }
            if case .roles = entry.access, principal!.kind == .user, principal!.roles.isEmpty {
                return finish(.failure(.passwordChangeRequired(methodName)))
            }
            let who =
                principal!.kind == .service
                ? "service \(principal!.id)"
                : "roles \(principal!.roles.map(\.rawValue).sorted().joined(separator: ", "))"
            return finish(.failure(.forbidden("\(methodName) is not open to \(who)")))
        }
        if let refusal = gate?(entry) { return finish(.failure(refusal)) }
        let context = RequestContext(
            principal: principal, requestID: requestID, method: methodName, idempotencyKey: idempotencyKey, token: token
        )
        do {
            return finish(.success(try await entry.invoke(params, context)))
        } catch let error as any RPCErrorConvertible {
            return finish(.failure(error.rpcError))
        } catch let error as DecodingError {
            return finish(.failure(ParamsDecoding.invalidParams(error)))
        } catch {
            return finish(.failure(.internalError(requestID: requestID)), internalDetail: String(describing: error))
        }
    }

    func observe(
        method: String?, requestID: String, start: ContinuousClock.Instant, code: Int?, internalDetail: String? = nil,
        principal: String? = nil
    ) {
        guard let observer else { return }
        observer(
            RPCCallRecord(
                method: method, requestID: requestID, duration: .now - start, errorCode: code,
                internalError: internalDetail, principalID: principal))
    }

    static func idText(_ id: JSONValue) -> String {
        switch id {
        case .string(let text): return text
        case .number(let text): return text
        default: return "null"
        }
    }

    static let resultPrefix = Array(#"{"jsonrpc":"2.0","result":"#.utf8)
    static let errorPrefix = Array(#"{"jsonrpc":"2.0","error":"#.utf8)
    static let idInfix = Array(#","id":"#.utf8)

    /// A success response with the already-encoded result.
    public static func resultResponse(_ result: [UInt8], id: JSONValue?) -> [UInt8] {
        var out = resultPrefix
        out.reserveCapacity(result.count + 48)
        out.append(contentsOf: result)
        out.append(contentsOf: idInfix)
        out.append(contentsOf: (id ?? .null).serialized)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// An error response; `id` is `nil` (written as null) when it could not be determined.
    public static func errorResponse(_ error: RPCError, id: JSONValue?) -> [UInt8] {
        var out = errorPrefix
        out.append(contentsOf: error.jsonValue.serialized)
        out.append(contentsOf: idInfix)
        out.append(contentsOf: (id ?? .null).serialized)
        out.append(UInt8(ascii: "}"))
        return out
    }
}

/// Numbers notifications for the log, since they carry no id.
final class NotificationCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: UInt64 = 0
    func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

extension RPCError {
    /// The method that lifts ``passwordChangeRequired(_:)``.
    public static let passwordChangeMethod = "auth.changePassword"

    /// 403 for a session opened with a first or temporary password: identity signs such a
    /// session without roles, so every role-guarded method answers this until the person
    /// changes the password. `data.reason` is `password_change_required` and `data.method` names
    /// the method to call.
    public static func passwordChangeRequired(_ method: String) -> RPCError {
        RPCError(
            code: ApplicationErrorCode.forbidden.rawValue,
            message:
                "Change your password first (\(passwordChangeMethod)): \(method) opens once the first or temporary password is changed",
            data: ["kind": "forbidden", "reason": "password_change_required", "method": .string(passwordChangeMethod)])
    }
}
