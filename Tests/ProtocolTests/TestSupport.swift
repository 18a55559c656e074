import Foundation
import SiOpenProtocol
import SiOpenTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Failures and waiting

/// How long any blocking read or wait may take before the test fails instead of hanging.
/// Generous on purpose: the tests run on a loaded two-core machine.
let ioTimeout: Duration = .seconds(30)

/// Waits until `condition` holds, polling; fails after `timeout` rather than hanging.
func waitUntil(
    _ what: String, timeout: Duration = ioTimeout, _ condition: @Sendable () -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TestFailure("timed out waiting until \(what)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// Milliseconds left until `deadline`, for poll(2).
func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
    let left = deadline - ContinuousClock.now
    if left <= .zero { return 0 }
    let (seconds, attoseconds) = left.components
    return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
}

// MARK: - Temporary directories and socket files

func removeDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// Leaves a socket file at `path` with nothing listening on it, as a crashed server would.
func makeStaleSocketFile(at path: String) throws {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        raw.copyBytes(from: bytes)
        raw[bytes.count] = 0
    }
    let result = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
    guard result == 0 else { throw TestFailure("bind \(path): errno \(errno)") }
}

/// The permission bits and whether `path` is a socket, or `nil` when it does not exist.
func socketFileMode(_ path: String) -> (permissions: mode_t, isSocket: Bool)? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (info.st_mode & 0o7777, (info.st_mode & S_IFMT) == S_IFSOCK)
}

// MARK: - A live server

/// A real ``RPCServer`` on a real socket in its own temporary directory.
final class TestServer: Sendable {
    let directory: String
    let socketPath: String
    let server: RPCServer

    /// Starts a server in a new temporary directory.
    static func start(
        table: RPCMethodTable = TestMethods.table(),
        authenticator: any RequestAuthenticator = TestAuthenticator(),
        configuration: RPCServerConfiguration = .init(),
        socketName: String = "svc.sock"
    ) throws -> TestServer {
        let directory = try makeShortTemporaryDirectory(prefix: "spt")
        do {
            return try TestServer(
                directory: directory, socketName: socketName, table: table, authenticator: authenticator,
                configuration: configuration)
        } catch {
            removeDirectory(directory)
            throw error
        }
    }

    /// Starts a server in `directory` (which the caller owns).
    init(
        directory: String, socketName: String = "svc.sock", table: RPCMethodTable = TestMethods.table(),
        authenticator: any RequestAuthenticator = TestAuthenticator(), configuration: RPCServerConfiguration = .init()
    ) throws {
        self.directory = directory
        self.socketPath = directory + "/" + socketName
        self.server = RPCServer(
            socketPath: socketPath, dispatcher: RPCDispatcher(table: table, authenticator: authenticator),
            configuration: configuration)
        try server.start()
    }

    /// Shuts the server down and removes its directory.
    func stop() async {
        await server.shutdown()
        removeDirectory(directory)
    }

    /// A raw client connected to this server.
    func connect() async throws -> RawClient {
        let path = socketPath
        return try await onThread { try RawClient(path: path) }
    }
}

/// Runs `body` against a fresh live server, which is shut down afterwards whatever happens.
func withServer<R: Sendable>(
    table: RPCMethodTable = TestMethods.table(),
    authenticator: any RequestAuthenticator = TestAuthenticator(),
    configuration: RPCServerConfiguration = .init(),
    _ body: (TestServer) async throws -> R
) async throws -> R {
    let server = try TestServer.start(table: table, authenticator: authenticator, configuration: configuration)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

// MARK: - A raw socket client

/// A client that writes raw bytes to the socket and reads lines, every read bounded by a
/// timeout (poll(2), plus SO_RCVTIMEO/SO_SNDTIMEO as a backstop), so a test fails, not hangs.
///
/// The `...Blocking` methods block the calling thread; the async ones run them on a thread of
/// their own. One test drives one client at a time.
final class RawClient: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var isClosed = false

    /// Connects to `path` (a blocking call).
    init(path: String, sendTimeout: Duration = ioTimeout) throws {
        fd = try UnixSocket.connect(to: path)
        Self.setTimeout(fd, SO_SNDTIMEO, sendTimeout)
        Self.setTimeout(fd, SO_RCVTIMEO, ioTimeout)
    }

    deinit { close() }

    static func setTimeout(_ fd: Int32, _ option: Int32, _ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        _ = setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Closes the socket (idempotent).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    // Blocking operations.

    func writeBlocking(_ bytes: [UInt8]) throws {
        try UnixSocket.writeAll(fd, bytes)
    }

    /// The next line without its `\n`, or `nil` at end of stream.
    func readLineBlocking(timeout: Duration = ioTimeout) throws -> [UInt8]? {
        let deadline = ContinuousClock.now + timeout
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds(until: deadline))
            if ready < 0 {
                if errno == EINTR { continue }
                throw TestFailure("poll failed: errno \(errno)")
            }
            if ready == 0 { throw TestFailure("no line within \(timeout) (buffered: \(buffer.count) bytes)") }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                if errno == ECONNRESET { return nil }
                throw TestFailure("read failed: errno \(errno)")
            }
            if count == 0 {
                guard buffer.isEmpty else { throw TestFailure("stream ended inside a line: \(buffer.count) bytes") }
                return nil
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    func readJSONBlocking(timeout: Duration = ioTimeout) throws -> JSONValue {
        guard let line = try readLineBlocking(timeout: timeout) else {
            throw TestFailure("the server closed the connection instead of answering")
        }
        do {
            return try JSONValue(parsing: line)
        } catch {
            throw TestFailure(
                "the server wrote a line that is not JSON (\(error)): \(String(decoding: line, as: UTF8.self))")
        }
    }

    // Async wrappers that keep the cooperative pool free.

    func send(_ bytes: [UInt8]) async throws {
        try await onThread { try self.writeBlocking(bytes) }
    }

    /// Writes `text` followed by `\n`.
    func sendLine(_ text: String) async throws {
        try await send(Array(text.utf8) + [0x0A])
    }

    func readLine(timeout: Duration = ioTimeout) async throws -> [UInt8]? {
        try await onThread { try self.readLineBlocking(timeout: timeout) }
    }

    func readJSON(timeout: Duration = ioTimeout) async throws -> JSONValue {
        try await onThread { try self.readJSONBlocking(timeout: timeout) }
    }

    /// Sends one request line and reads the next line as its response.
    func call(_ line: String) async throws -> JSONValue {
        try await sendLine(line)
        return try await readJSON()
    }

    /// Whether the server closes the stream (nothing more is written) within the timeout.
    func readsEndOfStream(timeout: Duration = ioTimeout) async throws -> Bool {
        try await readLine(timeout: timeout) == nil
    }

    /// The responses the server writes for what was sent before, with a following request as a
    /// marker: sends a marker request, reads until its answer and `atLeast` other lines have
    /// arrived, then does a second marker round trip to catch any late extra line. Returns the
    /// other lines in arrival order.
    func responsesBeforeMarker(atLeast expected: Int) async throws -> [JSONValue] {
        var others: [JSONValue] = []
        for round in 0..<2 {
            let marker = JSONValue.string("marker-\(round)-\(UUID().uuidString)")
            try await sendLine(#"{"jsonrpc":"2.0","method":"get_data","id":\#(marker.serializedString)}"#)
            var sawMarker = false
            while !sawMarker || (round == 0 && others.count < expected) {
                let response = try await readJSON()
                if response["id"] == marker {
                    #expect(response["result"] == ["hello", 5], "marker request answered wrongly: \(response)")
                    sawMarker = true
                } else {
                    others.append(response)
                }
            }
        }
        return others
    }
}

// MARK: - JSON helpers

/// Parses a JSON text written in a test.
func json(_ text: String) throws -> JSONValue {
    try JSONValue(parsing: text)
}

extension JSONValue {
    /// `error.code` of a response.
    var errorCode: Int64? { self["error"]?["code"]?.int64Value }
    /// `error.message` of a response.
    var errorMessage: String? { self["error"]?["message"]?.stringValue }
    /// `error.data.fields[0].field` of a -32602 or 422 response.
    var firstErrorField: String? { self["error"]?["data"]?["fields"]?.arrayValue?.first?["field"]?.stringValue }

    /// The response with `error.data` removed (the specification's examples omit it), and the
    /// members of a batch response in a canonical order (a batch may be answered in any order).
    var canonicalResponse: JSONValue {
        switch self {
        case .array(let elements):
            return .array(elements.map(\.canonicalResponse).sorted { $0.serializedString < $1.serializedString })
        case .object(var members):
            if case .object(var error)? = members["error"] {
                error["data"] = nil
                members["error"] = .object(error)
            }
            return .object(members)
        default:
            return self
        }
    }
}

// MARK: - Test methods

/// Counts handler runs by tag, so a test can wait until a request is inside its handler.
final class HandlerProbe: Sendable {
    private let started = Mutex<Set<String>>([])
    private let finished = Mutex<Set<String>>([])
    func markStarted(_ tag: String) { started.withLock { _ = $0.insert(tag) } }
    func hasStarted(_ tag: String) -> Bool { started.withLock { $0.contains(tag) } }
    func markFinished(_ tag: String) { finished.withLock { _ = $0.insert(tag) } }
    func hasFinished(_ tag: String) -> Bool { finished.withLock { $0.contains(tag) } }
}

let handlerProbe = HandlerProbe()

/// A Boolean shared between threads.
final class SharedFlag: Sendable {
    private let state: Mutex<Bool>
    init(_ value: Bool) { state = Mutex(value) }
    var value: Bool {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}

/// `subtract` of the specification: positional `[minuend, subtrahend]` or named members.
struct SubtractParams: Codable, Sendable {
    var minuend: Int
    var subtrahend: Int

    enum CodingKeys: String, CodingKey {
        case minuend, subtrahend
    }

    init(minuend: Int, subtrahend: Int) {
        self.minuend = minuend
        self.subtrahend = subtrahend
    }

    init(from decoder: any Decoder) throws {
        if var positional = try? decoder.unkeyedContainer() {
            minuend = try positional.decode(Int.self)
            subtrahend = try positional.decode(Int.self)
        } else {
            let named = try decoder.container(keyedBy: CodingKeys.self)
            minuend = try named.decode(Int.self, forKey: .minuend)
            subtrahend = try named.decode(Int.self, forKey: .subtrahend)
        }
    }
}

enum Subtract: RPCMethod {
    static let name = "subtract"
    static let summary = "minuend - subtrahend"
    static let access = Access.anyone
    typealias Params = SubtractParams
    typealias Result = Int
}

enum Update: RPCMethod {
    static let name = "update"
    static let summary = "Takes positional numbers, answers nothing useful."
    static let access = Access.anyone
    typealias Params = [Int]
    typealias Result = Bool
}

enum Sum: RPCMethod {
    static let name = "sum"
    static let summary = "The sum of positional numbers."
    static let access = Access.anyone
    typealias Params = [Int]
    typealias Result = Int
}

enum NotifyHello: RPCMethod {
    static let name = "notify_hello"
    static let summary = "A notification target."
    static let access = Access.anyone
    typealias Params = [Int]
    typealias Result = Bool
}

enum NotifySum: RPCMethod {
    static let name = "notify_sum"
    static let summary = "A notification target."
    static let access = Access.anyone
    typealias Params = [Int]
    typealias Result = Int
}

enum GetData: RPCMethod {
    static let name = "get_data"
    static let summary = "Answers [\"hello\", 5]."
    static let access = Access.anyone
    typealias Params = EmptyParams
    typealias Result = JSONValue
}

struct GreetParams: Codable, Sendable {
    var name: String
    var count: Int
}

enum Greet: RPCMethod {
    static let name = "test.greet"
    static let summary = "Greets name count times."
    static let access = Access.anyone
    typealias Params = GreetParams
    typealias Result = String
}

struct OrderItem: Codable, Sendable {
    var sku: String
    var quantity: Int
}

struct OrderParams: Codable, Sendable {
    var items: [OrderItem]
}

enum PlaceOrder: RPCMethod {
    static let name = "test.order"
    static let summary = "Total quantity of the items."
    static let access = Access.anyone
    typealias Params = OrderParams
    typealias Result = Int
}

/// An error that is not an RPCError, thrown by `test.failInternal`.
struct InternalBoom: Error {}

enum FailInternal: RPCMethod {
    static let name = "test.failInternal"
    static let summary = "Throws a non-RPC error."
    static let access = Access.anyone
    typealias Params = EmptyParams
    typealias Result = Bool
}

/// The application error `test.failRPC` throws.
let conflictError = RPCError.conflict("the order was already paid", currentState: "paid")

enum FailRPC: RPCMethod {
    static let name = "test.failRPC"
    static let summary = "Throws an RPCError."
    static let access = Access.anyone
    typealias Params = EmptyParams
    typealias Result = Bool
}

struct SleepParams: Codable, Sendable {
    var milliseconds: Int
    var tag: String?
}

enum Sleep: RPCMethod {
    static let name = "test.sleep"
    static let summary = "Sleeps, then answers the milliseconds slept."
    static let access = Access.anyone
    typealias Params = SleepParams
    typealias Result = Int
}

struct BlobParams: Codable, Sendable {
    var bytes: Int
}

enum Blob: RPCMethod {
    static let name = "test.blob"
    static let summary = "A string of the requested size."
    static let access = Access.anyone
    typealias Params = BlobParams
    typealias Result = String
}

enum Echo: RPCMethod {
    static let name = "test.echo"
    static let summary = "Answers its params."
    static let access = Access.anyone
    typealias Params = JSONValue
    typealias Result = JSONValue
}

enum Ping: RPCMethod {
    static let name = "test.ping"
    static let summary = "Answers pong; idempotent."
    static let access = Access.anyone
    static let isIdempotent = true
    typealias Params = EmptyParams
    typealias Result = String
}

enum WhoAmI: RPCMethod {
    static let name = "test.whoami"
    static let summary = "The caller's principal id, or anonymous."
    static let access = Access.anyone
    typealias Params = EmptyParams
    typealias Result = String
}

enum SignedInOnly: RPCMethod {
    static let name = "test.signedIn"
    static let summary = "Any signed-in user."
    static let access = Access.authenticated
    typealias Params = EmptyParams
    typealias Result = String
}

enum AdminOnly: RPCMethod {
    static let name = "test.adminOnly"
    static let summary = "Super admins and auditors."
    static let access = Access.roles(.superAdmin, .auditor)
    typealias Params = EmptyParams
    typealias Result = String
}

enum ServiceOnly: RPCMethod {
    static let name = "test.serviceOnly"
    static let summary = "Other services only."
    static let access = Access.service
    typealias Params = EmptyParams
    typealias Result = String
}

enum TestMethods {
    /// The methods every live-server test serves.
    static func table() -> RPCMethodTable {
        var table = RPCMethodTable()
        table.register(Subtract.self) { params, _ in params.minuend - params.subtrahend }
        table.register(Update.self) { _, _ in true }
        table.register(Sum.self) { params, _ in params.reduce(0, +) }
        table.register(NotifyHello.self) { _, _ in true }
        table.register(NotifySum.self) { params, _ in params.reduce(0, +) }
        table.register(GetData.self) { _, _ in ["hello", 5] }
        table.register(Greet.self) { params, _ in
            Array(repeating: "hello \(params.name)", count: params.count).joined(separator: ", ")
        }
        table.register(PlaceOrder.self) { params, _ in params.items.map(\.quantity).reduce(0, +) }
        table.register(FailInternal.self) { _, _ in throw InternalBoom() }
        table.register(FailRPC.self) { _, _ in throw conflictError }
        table.register(Sleep.self) { params, _ in
            if let tag = params.tag { handlerProbe.markStarted(tag) }
            try await Task.sleep(for: .milliseconds(params.milliseconds))
            if let tag = params.tag { handlerProbe.markFinished(tag) }
            return params.milliseconds
        }
        table.register(Blob.self) { params, _ in String(repeating: "x", count: params.bytes) }
        table.register(Echo.self) { params, _ in params }
        table.register(Ping.self) { _, _ in "pong" }
        let whoami: @Sendable (EmptyParams, RequestContext) async throws -> String = { _, context in
            context.principal?.id ?? "anonymous"
        }
        table.register(WhoAmI.self, handler: whoami)
        table.register(SignedInOnly.self, handler: whoami)
        table.register(AdminOnly.self, handler: whoami)
        table.register(ServiceOnly.self, handler: whoami)
        return table
    }
}

/// A test double of the authenticator interface: fixed tokens map to fixed principals.
struct TestAuthenticator: RequestAuthenticator {
    static let admin = Principal(kind: .user, id: "user-admin", tenant: "balangan", roles: [.superAdmin])
    static let vendor = Principal(kind: .user, id: "user-vendor", tenant: "balangan", roles: [.vendor])
    static let auditor = Principal(kind: .user, id: "user-auditor", tenant: "balangan", roles: [.auditor, .ppk])
    static let orders = Principal(kind: .service, id: "orders")

    func authenticate(token: String) async throws -> Principal {
        switch token {
        case "token-admin": return Self.admin
        case "token-vendor": return Self.vendor
        case "token-auditor": return Self.auditor
        case "token-orders": return Self.orders
        default: throw RPCError.unauthenticated()
        }
    }
}
