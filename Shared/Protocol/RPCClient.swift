import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A JSON-RPC client for one service's Unix socket.
///
/// One connection is kept open and reused; calls on it are pipelined and matched to their
/// responses by id. Every call has a timeout. A call is sent again on a fresh connection only
/// when the connection dropped before the answer and the method is idempotent or the call
/// carries an idempotency key, so a retry can never apply a write twice.
public final class RPCClient: @unchecked Sendable {
    /// The service's socket path.
    public let socketPath: String
    /// The service's name, for error messages.
    public let serviceName: String
    /// Timeout of calls that do not set their own.
    public let defaultTimeout: Duration

    private let lock = NSLock()
    private var connection: ClientConnection?
    private var nextID: Int64 = 0

    /// Creates a client; nothing is connected until the first call.
    public init(socketPath: String, serviceName: String? = nil, defaultTimeout: Duration = .seconds(30)) {
        self.socketPath = socketPath
        self.serviceName = serviceName ?? ((socketPath as NSString).lastPathComponent as NSString).deletingPathExtension
        self.defaultTimeout = defaultTimeout
    }

    deinit {
        connection?.shutdown()
    }

    /// Calls `method` and decodes its result.
    ///
    /// - Throws: the service's ``RPCError``; or ``RPCError/dependencyUnavailable(_:)`` when the
    ///   service cannot be reached, the connection drops, or the timeout passes.
    public func call<M: RPCMethod>(
        _ method: M.Type, _ params: M.Params, token: String? = nil, idempotencyKey: String? = nil,
        timeout: Duration? = nil
    ) async throws -> M.Result {
        let encodedParams = try JSONCoding.encode(params)
        let result = try await send(
            method: M.name, encodedParams: encodedParams, token: token, idempotencyKey: idempotencyKey,
            timeout: timeout, retryable: M.isIdempotent || idempotencyKey != nil)
        do {
            return try JSONCoding.decode(M.Result.self, from: result)
        } catch {
            throw RPCError.dependencyUnavailable(
                "\(serviceName) answered \(M.name) with a result this client cannot read: \(error)")
        }
    }

    /// Calls a method by name with raw params (the `siopen call` command); returns the raw result.
    public func callRaw(
        method: String, params: JSONValue?, token: String? = nil, idempotencyKey: String? = nil,
        timeout: Duration? = nil, retryable: Bool = false
    ) async throws -> JSONValue {
        let bytes = try await send(
            method: method, encodedParams: params?.serialized, token: token, idempotencyKey: idempotencyKey,
            timeout: timeout, retryable: retryable || idempotencyKey != nil)
        return try JSONValue(parsing: bytes)
    }

    /// Closes the connection; a later call opens a new one.
    public func close() {
        let current = lock.withLock {
            let current = connection
            connection = nil
            return current
        }
        current?.shutdown()
    }

    private func send(
        method: String, encodedParams: [UInt8]?, token: String?, idempotencyKey: String?,
        timeout: Duration?, retryable: Bool
    ) async throws -> [UInt8] {
        var attempt = 0
        while true {
            attempt += 1
            let connection = try currentConnection()
            let id = lock.withLock {
                nextID += 1
                return nextID
            }
            var request = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
            request.append(contentsOf: String(id).utf8)
            request.append(contentsOf: #","method":"#.utf8)
            request.append(contentsOf: JSONValue.string(method).serialized)
            if let encodedParams {
                request.append(contentsOf: #","params":"#.utf8)
                request.append(contentsOf: encodedParams)
            }
            if let token {
                request.append(contentsOf: #","auth":"#.utf8)
                request.append(contentsOf: JSONValue.string(token).serialized)
            }
            if let idempotencyKey {
                request.append(contentsOf: #","idempotencyKey":"#.utf8)
                request.append(contentsOf: JSONValue.string(idempotencyKey).serialized)
            }
            request.append(contentsOf: "}\n".utf8)
            do {
                let response = try await connection.roundTrip(
                    id: id, request: request, timeout: timeout ?? defaultTimeout)
                return try Self.result(of: response)
            } catch ClientConnection.Failure.lost(let sent) {
                drop(connection)
                if (!sent || retryable) && attempt < 2 { continue }
                throw RPCError.dependencyUnavailable(
                    "the connection to \(serviceName) was lost before it answered \(method); the request may or may not have been applied"
                )
            } catch ClientConnection.Failure.timedOut {
                throw RPCError.dependencyUnavailable(
                    "\(serviceName) did not answer \(method) within \(timeout ?? defaultTimeout)")
            }
        }
    }

    private static func result(of response: JSONValue) throws -> [UInt8] {
        if let error = response["error"] {
            throw RPCError(jsonValue: error)
                ?? RPCError.dependencyUnavailable("malformed error object: \(error.serializedString)")
        }
        guard let result = response["result"] else {
            throw RPCError.dependencyUnavailable("malformed response: \(response.serializedString)")
        }
        return result.serialized
    }

    private func currentConnection() throws -> ClientConnection {
        try lock.withLock {
            if let connection, connection.isUsable { return connection }
            do {
                let fd = try UnixSocket.connect(to: socketPath)
                let fresh = ClientConnection(fd: fd)
                connection = fresh
                return fresh
            } catch let error as SocketError {
                throw RPCError.dependencyUnavailable(
                    "\(serviceName) is not reachable at \(socketPath): \(String(cString: strerror(error.errorNumber)))")
            }
        }
    }

    private func drop(_ dead: ClientConnection) {
        lock.withLock {
            if connection === dead { connection = nil }
        }
        dead.shutdown()
    }
}

/// One client connection: a blocking socket, writes under a lock, and a reader thread that
/// hands each response to the call waiting for its id.
final class ClientConnection: @unchecked Sendable {
    enum Failure: Error {
        /// The connection closed; `sent` says whether the request had been written.
        case lost(sent: Bool)
        case timedOut
    }

    private let fd: Int32
    private let lock = NSLock()
    private let writeLock = NSLock()
    private var pending: [Int64: CheckedContinuation<JSONValue, any Error>] = [:]
    private var dead = false
    /// Set, holding both locks, when the reader thread closes `fd`: from then on the number may
    /// belong to another file of this process, so nothing may write to it or shut it down.
    private var fdClosed = false

    init(fd: Int32) {
        self.fd = fd
        let thread = Thread { [self] in readLoop() }
        thread.name = "siopen.rpc.client"
        thread.start()
    }

    var isUsable: Bool { lock.withLock { !dead } }

    func roundTrip(id: Int64, request: [UInt8], timeout: Duration) async throws -> JSONValue {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
            let registered = lock.withLock {
                guard !dead else { return false }
                pending[id] = continuation
                return true
            }
            guard registered else {
                continuation.resume(throwing: Failure.lost(sent: false))
                return
            }
            let written: Bool = writeLock.withLock {
                guard !fdClosed else { return false }
                do {
                    try UnixSocket.writeAll(fd, request)
                    return true
                } catch {
                    return false
                }
            }
            if !written {
                if let waiting = take(id) { waiting.resume(throwing: Failure.lost(sent: false)) }
                shutdown()
                return
            }
            let nanoseconds =
                timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in
                if let waiting = take(id) { waiting.resume(throwing: Failure.timedOut) }
            }
        }
    }

    private func take(_ id: Int64) -> CheckedContinuation<JSONValue, any Error>? {
        lock.withLock { pending.removeValue(forKey: id) }
    }

    private func readLoop() {
        var framer = LineFramer(maxLineBytes: 256 << 20)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var events: [LineFramer.Event] = []
        loop: while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            events.removeAll(keepingCapacity: true)
            buffer.withUnsafeBytes { framer.append(UnsafeRawBufferPointer(rebasing: $0[0..<count]), into: &events) }
            for event in events {
                guard case .line(let line) = event, let response = try? JSONValue(parsing: line),
                    let id = response["id"]?.int64Value
                else { continue }
                take(id)?.resume(returning: response)
            }
        }
        let orphans: [CheckedContinuation<JSONValue, any Error>] = lock.withLock {
            dead = true
            let waiting = Array(pending.values)
            pending.removeAll()
            return waiting
        }
        writeLock.withLock {
            lock.withLock {
                fdClosed = true
                Glibc.close(fd)
            }
        }
        for continuation in orphans { continuation.resume(throwing: Failure.lost(sent: true)) }
    }

    /// Stops the connection; the reader thread notices, fails pending calls and closes the fd.
    func shutdown() {
        lock.withLock {
            dead = true
            if !fdClosed { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }
}
