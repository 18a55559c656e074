import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Limits and settings of an ``RPCServer``.
///
/// Every connection is bounded: what it may buffer of a request it is still sending, what it may
/// leave unread of its answers, how many of its requests run at once, and how long it may stay
/// silent, send half a request, or leave answers unread. A client that does not read its answers
/// gets no more of its requests computed (reading from it pauses) until it reads.
public struct RPCServerConfiguration: Sendable {
    /// The most connections kept open. At the limit, the connections idle the longest (nothing in
    /// flight, nothing unsent) are closed to make room for new ones; a new connection is refused
    /// only when none is idle. Lowered at start to fit the open-file limit (see ``RPCServer/connectionLimit``).
    public var maxConnections = 4096
    /// Requests of one connection handled at once; further ones wait, and reading pauses (back-pressure).
    public var maxInFlightPerConnection = 64
    /// Unsent response bytes of one connection above which none of its requests is started and
    /// reading pauses (a client that does not read). One answer may exceed it.
    public var maxPendingOutputBytes = RPCLimits.defaultMaxRequestBytes
    /// The most bytes of one request line a connection may buffer, unless the line names (in its
    /// first bytes) a method that declares a larger ``RPCMethod/maxRequestBytes`` (an upload).
    public var maxBufferedRequestBytes = RPCLimits.defaultMaxRequestBytes
    /// Bytes set aside at once, over all connections, for request lines above
    /// `maxBufferedRequestBytes` (each such line reserves its method's limit until it is answered);
    /// an upload beyond it is refused with 429 and may be retried.
    public var maxLargeRequestBytes = 96 << 20
    /// A connection with nothing in flight, nothing unsent and no request begun is closed after this long.
    public var idleTimeout: Duration = .seconds(120)
    /// A request line must be complete this long after its first byte arrived, or the connection is closed.
    public var requestTimeout: Duration = .seconds(30)
    /// A connection with unsent answers whose client has read none of them for this long is closed.
    public var slowReadTimeout: Duration = .seconds(30)
    /// The socket file's permission bits.
    public var socketMode: mode_t = 0o660
    /// How long a graceful shutdown waits for requests in flight.
    public var shutdownGracePeriod: Duration = .seconds(15)
    /// The `listen(2)` backlog.
    public var backlog: Int32 = 1024

    /// The defaults.
    public init() {}
}

/// Why a server could not start.
public enum RPCServerError: Error, CustomStringConvertible, Sendable {
    /// Another live process holds the socket's lock file.
    case alreadyRunning(path: String)
    /// A system call failed.
    case socket(SocketError)

    public var description: String {
        switch self {
        case .alreadyRunning(let path): "another instance is already serving \(path)"
        case .socket(let error): "\(error)"
        }
    }
}

/// Proof that this process is the one instance serving a socket path: an exclusive `flock` on
/// `<socket>.lock`, held for the life of the server. The kernel drops it when a process dies, so
/// a live instance is told apart from a stale socket left by a crash.
public final class InstanceLock: @unchecked Sendable {
    /// The lock file.
    public let path: String
    private let fd: Int32
    private let released = Atomic<Bool>(false)

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    /// Claims the lock for `socketPath`, creating its folder if needed.
    /// - Throws: ``RPCServerError/alreadyRunning(path:)`` while another live process holds it.
    public static func acquire(socketPath: String) throws -> InstanceLock {
        let directory = (socketPath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let path = socketPath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw RPCServerError.socket(SocketError(operation: "open lock file", path: path, errorNumber: errno))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw RPCServerError.alreadyRunning(path: socketPath)
        }
        return InstanceLock(path: path, fd: fd)
    }

    /// Lets another instance start. Idempotent.
    ///
    /// Unlocks before closing: a child process spawned meanwhile by another thread holds a copy
    /// of the descriptor until it execs, and a plain close would leave the lock held through
    /// that copy, so an instance started right after this one stops could be refused.
    public func release() {
        if !released.exchange(true, ordering: .acquiringAndReleasing) {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }

    deinit { release() }
}

/// A JSON-RPC server on a Unix domain stream socket: one line per message, many connections,
/// pipelined requests, back-pressure, and graceful shutdown.
///
/// Every connection has its own serial queue; requests run as tasks, so a slow handler, a slow
/// client or a stalled writer never holds up another connection. Idle, half-sent and unread
/// connections are closed after their timeouts (a sweep checks every connection a few times per
/// timeout), and at the connection limit the oldest idle ones make room for new ones.
public final class RPCServer: @unchecked Sendable {
    /// Where it listens.
    public let socketPath: String
    /// What handles each line.
    public let dispatcher: RPCDispatcher
    /// Its limits.
    public let configuration: RPCServerConfiguration

    private let lock = NSLock()
    private var listenFD: Int32 = -1
    private var instanceLock: InstanceLock?
    private let claimedLock: InstanceLock?
    private var acceptSource: (any DispatchSourceRead)?
    private var acceptPaused = false
    /// Until when the accept loop does not look for idle connections to close (accept queue only).
    private var noIdleUntil: UInt64 = 0
    private var sweepTimer: (any DispatchSourceTimer)?
    private var connections: [ObjectIdentifier: ServerConnection] = [:]
    private var limit: Int
    /// Read on every request by every connection, so an atomic rather than the server's lock.
    private let draining = Atomic<Bool>(false)
    private let acceptQueue = DispatchQueue(label: "siopen.rpc.accept")
    let inFlight = Atomic<Int>(0)
    /// Bytes reserved by request lines above the buffered-request limit (``RPCServerConfiguration/maxLargeRequestBytes``).
    private let largeRequestBytes = Atomic<Int>(0)

    /// Creates a server; call ``start()`` to listen.
    /// - Parameter instanceLock: the lock already claimed for `socketPath` (a host claims it before
    ///   opening its database); `start()` claims one itself when it is `nil`.
    public init(
        socketPath: String, dispatcher: RPCDispatcher, configuration: RPCServerConfiguration = .init(),
        instanceLock: InstanceLock? = nil
    ) {
        self.socketPath = socketPath
        self.dispatcher = dispatcher
        self.configuration = configuration
        self.claimedLock = instanceLock
        self.limit = max(1, configuration.maxConnections)
    }

    /// Open connections right now.
    public var connectionCount: Int {
        lock.withLock { connections.count }
    }

    /// The most connections kept open: ``RPCServerConfiguration/maxConnections``, lowered at start
    /// to leave an eighth of the open-file limit (at least 64 files) for databases, logs and clients.
    public var connectionLimit: Int {
        lock.withLock { limit }
    }

    /// Bytes reserved right now by request lines above the buffered-request limit.
    public var largeRequestBytesReserved: Int { largeRequestBytes.load(ordering: .relaxed) }

    /// Takes the instance lock (unless one was claimed already), replaces a stale socket file, and starts accepting.
    ///
    /// A lock file (`<socket>.lock`, held with `flock` for the life of the process) tells a live
    /// instance from a stale socket left by a crash: the kernel drops the lock when a process dies.
    /// The process's open-file soft limit is raised to its hard limit first.
    public func start() throws {
        signal(SIGPIPE, SIG_IGN)
        let files = Self.raiseOpenFileLimit()
        let instanceLock = try claimedLock ?? InstanceLock.acquire(socketPath: socketPath)
        unlink(socketPath)
        let fd: Int32
        do {
            fd = try UnixSocket.listen(on: socketPath, mode: configuration.socketMode, backlog: configuration.backlog)
        } catch let error as SocketError {
            instanceLock.release()
            throw RPCServerError.socket(error)
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: acceptQueue)
        source.setEventHandler { [weak self] in self?.acceptPending() }
        source.setCancelHandler { close(fd) }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "siopen.rpc.sweep"))
        let interval = Self.sweepInterval(configuration)
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(10))
        timer.setEventHandler { [weak self] in self?.sweep() }
        lock.withLock {
            self.listenFD = fd
            self.instanceLock = instanceLock
            self.acceptSource = source
            self.sweepTimer = timer
            if files > 0 { self.limit = max(1, min(configuration.maxConnections, files - max(64, files / 8))) }
        }
        source.resume()
        timer.resume()
    }

    /// Raises the soft limit on open files to the hard limit; returns the soft limit now in force (0 if unknown).
    @discardableResult
    public static func raiseOpenFileLimit() -> Int {
        var limits = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limits) == 0 else { return 0 }
        // An unlimited hard limit cannot be the soft limit on Linux (nr_open caps it): 1 Mi files is plenty.
        let wanted = min(limits.rlim_max, rlim_t(1 << 20))
        if limits.rlim_cur < wanted {
            var raised = limits
            raised.rlim_cur = wanted
            if setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &raised) == 0 { limits = raised }
        }
        return Int(clamping: limits.rlim_cur)
    }

    /// A few sweeps per shortest timeout, between 10 ms and 1 s apart.
    static func sweepInterval(_ configuration: RPCServerConfiguration) -> DispatchTimeInterval {
        let shortest = min(configuration.idleTimeout, configuration.requestTimeout, configuration.slowReadTimeout)
        let nanoseconds = Self.nanoseconds(shortest) / 4
        return .nanoseconds(Int(min(max(nanoseconds, 10_000_000), 1_000_000_000)))
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : whole &+ UInt64(attoseconds / 1_000_000_000)
    }

    private func acceptPending() {
        while true {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                switch errno {
                case EINTR, ECONNABORTED:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of files: make room, and wait a moment rather than spin on a listening
                    // socket that stays readable.
                    makeRoom()
                    pauseAccepting()
                    return
                default:
                    return  // EAGAIN, or a transient error: try again on the next event
                }
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            UnixSocket.setNonBlocking(client)
            if lock.withLock({ connections.count >= limit }) { makeRoom() }
            let connection: ServerConnection? = lock.withLock {
                guard !isDraining, connections.count < limit else { return nil }
                let connection = ServerConnection(fd: client, server: self)
                connections[ObjectIdentifier(connection)] = connection
                return connection
            }
            if let connection {
                connection.start()
            } else {
                close(client)
            }
        }
    }

    /// Closes a batch of the longest-idle connections; after a scan that found none, the next
    /// waits 100 ms, so a flood of connections to a server full of busy ones costs no scan each.
    /// Runs on the accept queue.
    private func makeRoom() {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now >= noIdleUntil else { return }
        if evictIdle(count: evictionBatch) == 0 { noIdleUntil = now + 100_000_000 }
    }

    /// How many idle connections are closed at once when the limit is reached: one scan makes room for many newcomers.
    private var evictionBatch: Int { max(1, lock.withLock { limit } / 64) }

    private func pauseAccepting() {
        let paused: Bool = lock.withLock {
            guard let acceptSource, !acceptPaused else { return false }
            acceptPaused = true
            acceptSource.suspend()
            return true
        }
        guard paused else { return }
        acceptQueue.asyncAfter(deadline: .now() + .milliseconds(50)) { [weak self] in self?.resumeAccepting() }
    }

    private func resumeAccepting() {
        lock.withLock {
            guard acceptPaused else { return }
            acceptPaused = false
            acceptSource?.resume()
        }
    }

    /// Closes up to `count` idle connections, those idle the longest first; returns how many it closed.
    @discardableResult
    func evictIdle(count: Int) -> Int {
        let open = lock.withLock { Array(connections.values) }
        var idle: [(since: UInt64, connection: ServerConnection)] = []
        for connection in open {
            if let since = connection.idleSince() { idle.append((since, connection)) }
        }
        idle.sort { $0.since < $1.since }
        var closed = 0
        for candidate in idle where closed < count {
            if candidate.connection.closeIfIdle() { closed += 1 }
        }
        return closed
    }

    /// Closes the connections whose idle, request or slow-read timeout has passed.
    private func sweep() {
        let open = lock.withLock { Array(connections.values) }
        for connection in open { connection.closeIfExpired() }
    }

    /// Reserves `bytes` of the large-request budget; `false` when it would exceed it.
    func reserveLargeRequest(_ bytes: Int) -> Bool {
        var current = largeRequestBytes.load(ordering: .relaxed)
        while true {
            guard current + bytes <= configuration.maxLargeRequestBytes else { return false }
            let (exchanged, original) = largeRequestBytes.compareExchange(
                expected: current, desired: current + bytes, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
    }

    /// Returns bytes reserved with ``reserveLargeRequest(_:)``.
    func releaseLargeRequest(_ bytes: Int) {
        if bytes > 0 { largeRequestBytes.subtract(bytes, ordering: .acquiringAndReleasing) }
    }

    func remove(_ connection: ServerConnection) {
        lock.withLock { _ = connections.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    var isDraining: Bool { draining.load(ordering: .acquiring) }

    /// Stops accepting, removes the socket file, lets requests in flight finish (up to the grace
    /// period), then closes every connection.
    public func shutdown() async {
        let (source, timer, open, instanceLock):
            ((any DispatchSourceRead)?, (any DispatchSourceTimer)?, [ServerConnection], InstanceLock?) = lock.withLock {
                draining.store(true, ordering: .releasing)
                // A suspended source must be resumed before it is cancelled and released.
                if acceptPaused {
                    acceptPaused = false
                    acceptSource?.resume()
                }
                let result = (acceptSource, sweepTimer, Array(connections.values), self.instanceLock)
                acceptSource = nil
                sweepTimer = nil
                self.instanceLock = nil
                return result
            }
        source?.cancel()
        timer?.cancel()
        if source != nil { unlink(socketPath) }
        instanceLock?.release()
        for connection in open { connection.beginDrain() }
        let deadline = ContinuousClock.now + configuration.shutdownGracePeriod
        while inFlight.load(ordering: .acquiring) > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let remaining = lock.withLock { Array(connections.values) }
        for connection in remaining { connection.forceClose() }
    }
}

/// A complete request line waiting to be started, with the large-request bytes it holds.
struct PendingLine {
    let bytes: [UInt8]
    let reserved: Int
}

/// One accepted connection.
///
/// Its state is guarded by `lock` rather than confined to its queue, so a finished request
/// writes its response straight from the task that produced it: one thread hand-off fewer per
/// request, which is most of the cost of a small call on a 2-core machine. The queue runs the
/// read and write sources' handlers, the cancel handlers, and the starting of queued requests.
///
/// Complete lines wait in `pending` until the limits let them start (requests in flight, unsent
/// output); while any waits, nothing more is read, so a client that does not read its answers
/// costs one read's worth of lines and no computing.
final class ServerConnection: @unchecked Sendable {
    let fd: Int32
    /// Strong on purpose: `shutdown()` returns before every connection has finished closing,
    /// and the server may be released by then. The cycle through `connections` is broken when
    /// the connection closes.
    let server: RPCServer
    let queue: DispatchQueue
    private let lock = NSLock()
    private let limits: RPCServerConfiguration
    private let timeouts: (idle: UInt64, request: UInt64, slowRead: UInt64)
    private var readSource: (any DispatchSourceRead)?
    private var writeSource: (any DispatchSourceWrite)?
    private var readSuspended = false
    private var writeSuspended = true
    private var framer: LineFramer
    /// The framer's limit for a line that names no upload method (kept apart from `framer`,
    /// which is being modified while it asks about a long line).
    private let baseLineBytes: Int
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var inFlight = 0
    private var pending: [PendingLine] = []
    private var pendingHead = 0
    /// Whether a pass that starts pending lines is running or scheduled.
    private var pumping = false
    private var readEOF = false
    private var closed = false
    private var openSources = 0
    /// When a complete line last arrived or the output last drained (or the connection was accepted).
    private var lastActivity: UInt64
    /// When the first byte of the unfinished line arrived.
    private var lineStartedAt: UInt64?
    /// When the client last took some output (or output became pending).
    private var outputProgressAt: UInt64 = 0
    /// Large-request bytes reserved for the unfinished line, and the limit they allowed.
    private var lineReservation = 0
    private var lineGrantedLimit: Int?
    private var lineRefusedForBudget = false

    /// Bytes read per `read(2)`, into a temporary buffer rather than one kept per connection.
    static let readChunk = 64 * 1024

    init(fd: Int32, server: RPCServer) {
        self.fd = fd
        self.server = server
        self.limits = server.configuration
        self.timeouts = (
            RPCServer.nanoseconds(limits.idleTimeout), RPCServer.nanoseconds(limits.requestTimeout),
            RPCServer.nanoseconds(limits.slowReadTimeout)
        )
        // A queue created on its own is "overcommit": with many busy connections libdispatch
        // would run a thread for each, far more than the cores. Targeting the global queue keeps
        // the worker threads near the core count, which keeps tail latency down under load.
        self.queue = DispatchQueue(label: "siopen.rpc.connection", target: .global(qos: .userInitiated))
        let base = max(1, min(server.configuration.maxBufferedRequestBytes, server.dispatcher.maxLineBytes))
        self.baseLineBytes = base
        self.framer = LineFramer(maxLineBytes: server.dispatcher.maxLineBytes, baseLineBytes: base)
        self.lastActivity = DispatchTime.now().uptimeNanoseconds
    }

    func start() {
        lock.withLock {
            // A drain that reached this connection before it started has already closed it.
            guard !closed else {
                Glibc.close(fd)
                return
            }
            let read = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            read.setEventHandler { [unowned self] in self.readAvailable() }
            read.setCancelHandler { [self] in self.sourceCancelled() }
            let write = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: queue)
            write.setEventHandler { [unowned self] in lock.withLock { self.flushLocked() } }
            write.setCancelHandler { [self] in self.sourceCancelled() }
            readSource = read
            writeSource = write
            openSources = 2
            read.resume()
        }
    }

    private var pendingCount: Int { pending.count - pendingHead }
    private var unsentBytes: Int { output.count - outputOffset }

    /// Whether another request of this connection may start now.
    private var canStartLocked: Bool {
        !closed && !server.isDraining && inFlight < limits.maxInFlightPerConnection
            && unsentBytes <= limits.maxPendingOutputBytes
    }

    /// Whether more should be read now: the limits allow more requests than already wait.
    private var mayReadLocked: Bool {
        !readEOF && canStartLocked && inFlight + pendingCount < limits.maxInFlightPerConnection
    }

    private func readAvailable() {
        let (again, pump): (Bool, Bool) = lock.withLock {
            guard !closed else { return (false, false) }
            var drained = false
            // Bounded reads per wake-up, so one busy client cannot hold its queue; if the bound is
            // reached, a follow-up pass reads the rest rather than waiting for another event.
            var reads = 0
            while reads < 16, mayReadLocked {
                reads += 1
                var events: [LineFramer.Event] = []
                // errno is taken inside: releasing the temporary buffer may change it.
                let (count, error) = withUnsafeTemporaryAllocation(byteCount: Self.readChunk, alignment: 1) {
                    chunk -> (Int, Int32) in
                    let count = Glibc.read(fd, chunk.baseAddress, chunk.count)
                    let error = errno
                    if count > 0 {
                        framer.append(UnsafeRawBufferPointer(rebasing: chunk[0..<count]), into: &events) { prefix in
                            limitForLongLine(prefix)
                        }
                    }
                    return (count, error)
                }
                if count > 0 {
                    received(events)
                    // No early stop on a short read: read on until EAGAIN or EOF. On Linux, libdispatch
                    // often does not fire the read source again for an end of stream that arrived
                    // together with the last data, and the connection would never be closed.
                } else if count == 0 {
                    readEOF = true
                    drained = true
                    break
                } else {
                    if error == EINTR { continue }
                    if error == EAGAIN || error == EWOULDBLOCK {
                        drained = true
                        break
                    }
                    closeLocked()
                    return (false, false)
                }
            }
            if readEOF {
                suspendReadingLocked()
                closeIfDoneLocked()
            }
            let pump = !pumping && pendingCount > 0 && canStartLocked
            if pump { pumping = true }
            updateReadingLocked()
            return (!drained && !closed, pump)
        }
        if pump { startPending() }
        if again, lock.withLock({ mayReadLocked }) { queue.async { [self] in readAvailable() } }
    }

    /// How long the unfinished line may grow, asked once it passes the buffered-request limit:
    /// the limit of the method it names, if the large-request budget has room.
    private func limitForLongLine(_ prefix: [UInt8]) -> Int {
        let base = baseLineBytes
        let wanted = server.dispatcher.maxLineBytes(forRequestPrefix: prefix)
        guard wanted > base else { return base }
        guard server.reserveLargeRequest(wanted - base) else {
            lineRefusedForBudget = true
            return base
        }
        lineReservation = wanted - base
        lineGrantedLimit = wanted
        return wanted
    }

    /// Takes the framer's events of one read.
    private func received(_ events: [LineFramer.Event]) {
        let now = DispatchTime.now().uptimeNanoseconds
        for event in events {
            switch event {
            case .line(let line):
                var reserved = 0
                if line.count > baseLineBytes, lineReservation > 0 {
                    reserved = lineReservation
                    lineReservation = 0
                }
                pending.append(PendingLine(bytes: line, reserved: reserved))
                lastActivity = now
            case .oversize:
                let error: RPCError =
                    lineRefusedForBudget
                    ? .rateLimited(retryAfterSeconds: 1)
                    : .invalidRequest("message exceeds \(lineGrantedLimit ?? baseLineBytes) bytes")
                enqueueLocked(RPCDispatcher.errorResponse(error, id: nil))
                lastActivity = now
            }
        }
        if !events.isEmpty {
            lineRefusedForBudget = false
            lineStartedAt = nil
        }
        if framer.isInsideLine {
            if lineStartedAt == nil { lineStartedAt = now }
        } else {
            lineStartedAt = nil
        }
        // The long line ended (answered or refused) or was never granted: nothing stays reserved for it.
        if !(framer.isInsideLine && framer.currentLineLimit > baseLineBytes) {
            server.releaseLargeRequest(lineReservation)
            lineReservation = 0
            lineGrantedLimit = nil
        }
    }

    /// Starts pending lines while the limits allow; runs on the connection's queue (or inline from
    /// its read handler), with `pumping` set by whoever called it.
    private func startPending() {
        while true {
            let next: PendingLine? = lock.withLock {
                guard pendingCount > 0, canStartLocked else {
                    pumping = false
                    updateReadingLocked()
                    return nil
                }
                let line = pending[pendingHead]
                pendingHead += 1
                if pendingHead == pending.count {
                    pending.removeAll(keepingCapacity: pending.capacity <= 1024)
                    pendingHead = 0
                }
                inFlight += 1
                server.inFlight.add(1, ordering: .relaxed)
                return line
            }
            guard let next else { return }
            dispatch(next)
        }
    }

    private func dispatch(_ line: PendingLine) {
        let dispatcher = server.dispatcher
        // `Task.immediate` runs the request on this thread until it first suspends: a call that
        // never waits (health, a cached read) is answered with no thread hand-off at all.
        Task.immediate { [self] in
            let response = await dispatcher.handle(line: line.bytes)
            server.releaseLargeRequest(line.reserved)
            let pump: Bool = lock.withLock {
                inFlight -= 1
                server.inFlight.subtract(1, ordering: .releasing)
                if let response { enqueueLocked(response) }
                return finishedWorkLocked()
            }
            if pump { queue.async { [self] in startPending() } }
        }
    }

    /// After a request finished or output drained: closes a finished connection, and returns
    /// whether a pass that starts pending lines must be scheduled (otherwise resumes reading if allowed).
    private func finishedWorkLocked() -> Bool {
        closeIfDoneLocked()
        guard !closed else { return false }
        if !pumping, pendingCount > 0, canStartLocked {
            pumping = true
            return true
        }
        updateReadingLocked()
        return false
    }

    private func enqueueLocked(_ response: [UInt8]) {
        guard !closed else { return }
        if unsentBytes == 0 { outputProgressAt = DispatchTime.now().uptimeNanoseconds }
        output.append(contentsOf: response)
        output.append(0x0A)
        flushLocked()
    }

    private func flushLocked() {
        guard !closed else { return }
        while outputOffset < output.count {
            let written = output.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + outputOffset, raw.count - outputOffset, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                outputOffset += written
                outputProgressAt = DispatchTime.now().uptimeNanoseconds
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                if writeSuspended, let writeSource {
                    writeSuspended = false
                    writeSource.resume()
                }
                if finishedWorkLocked() { queue.async { [self] in startPending() } }
                return
            } else {
                closeLocked()
                return
            }
        }
        output.removeAll(keepingCapacity: output.capacity <= 1 << 20)
        outputOffset = 0
        lastActivity = DispatchTime.now().uptimeNanoseconds
        if !writeSuspended {
            writeSuspended = true
            writeSource?.suspend()
        }
        if finishedWorkLocked() { queue.async { [self] in startPending() } }
    }

    /// Resumes or suspends reading to match the limits.
    private func updateReadingLocked() {
        guard !closed, !readEOF else { return }
        if mayReadLocked {
            if readSuspended, let readSource {
                readSuspended = false
                readSource.resume()
            }
        } else {
            suspendReadingLocked()
        }
    }

    private func suspendReadingLocked() {
        guard !closed, let readSource else { return }
        if !readSuspended {
            readSuspended = true
            readSource.suspend()
        }
    }

    private func closeIfDoneLocked() {
        guard !closed, inFlight == 0, outputOffset >= output.count else { return }
        if readEOF && pendingCount == 0 || server.isDraining { closeLocked() }
    }

    /// Since when the connection has been idle (nothing in flight or waiting, nothing unsent),
    /// or `nil` when it is busy.
    func idleSince() -> UInt64? {
        lock.withLock { isIdleLocked ? lastActivity : nil }
    }

    private var isIdleLocked: Bool {
        !closed && inFlight == 0 && pendingCount == 0 && unsentBytes == 0
    }

    /// Whether bytes the connection has not read yet are waiting in the socket.
    private var hasUnreadInputLocked: Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) > 0
    }

    /// Closes the connection if it is still idle (to make room for another); returns whether it did.
    func closeIfIdle() -> Bool {
        lock.withLock {
            guard isIdleLocked, !hasUnreadInputLocked else { return false }
            closeLocked()
            return true
        }
    }

    /// Closes the connection if one of its timeouts has passed.
    func closeIfExpired() {
        lock.withLock {
            guard !closed else { return }
            // Read under the lock: every instant compared was taken under it, so none is later.
            let now = DispatchTime.now().uptimeNanoseconds
            if unsentBytes > 0 {
                if now - min(now, outputProgressAt) > timeouts.slowRead { closeLocked() }
                return
            }
            if let started = lineStartedAt {
                if now - min(now, started) > timeouts.request { closeLocked() }
                return
            }
            if isIdleLocked, now - min(now, lastActivity) > timeouts.idle, !hasUnreadInputLocked { closeLocked() }
        }
    }

    func beginDrain() {
        lock.withLock {
            suspendReadingLocked()
            closeIfDoneLocked()
        }
    }

    func forceClose() {
        lock.withLock { closeLocked() }
    }

    private func closeLocked() {
        guard !closed else { return }
        closed = true
        // A suspended source must be resumed before it is cancelled and released.
        if readSuspended { readSource?.resume() }
        if writeSuspended { writeSource?.resume() }
        readSuspended = false
        writeSuspended = false
        readSource?.cancel()
        writeSource?.cancel()
        server.releaseLargeRequest(lineReservation)
        lineReservation = 0
        for line in pending[pendingHead...] { server.releaseLargeRequest(line.reserved) }
        pending = []
        pendingHead = 0
        server.remove(self)
    }

    private func sourceCancelled() {
        lock.withLock {
            openSources -= 1
            if openSources == 0 {
                Glibc.close(fd)
                readSource = nil
                writeSource = nil
            }
        }
    }
}
