#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization

/// Limits and settings of an ``RPCServer``.
public struct RPCServerConfiguration: Sendable {
    /// Connections beyond this are closed at once.
    public var maxConnections = 4096
    /// Requests of one connection handled at once; reading pauses beyond this (back-pressure).
    public var maxInFlightPerConnection = 256
    /// Unsent response bytes of one connection above which reading pauses (a client that does not read).
    public var maxPendingOutputBytes = 8 << 20
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
    public func release() {
        if !released.exchange(true, ordering: .acquiringAndReleasing) { close(fd) }
    }

    deinit { release() }
}

/// A JSON-RPC server on a Unix domain stream socket: one line per message, many connections,
/// pipelined requests, back-pressure, and graceful shutdown.
///
/// Every connection has its own serial queue; requests run as tasks, so a slow handler, a slow
/// client or a stalled writer never holds up another connection.
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
    private var connections: [ObjectIdentifier: ServerConnection] = [:]
    /// Read on every request by every connection, so an atomic rather than the server's lock.
    private let draining = Atomic<Bool>(false)
    private let acceptQueue = DispatchQueue(label: "siopen.rpc.accept")
    let inFlight = Atomic<Int>(0)

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
    }

    /// Open connections right now.
    public var connectionCount: Int {
        lock.withLock { connections.count }
    }

    /// Takes the instance lock (unless one was claimed already), replaces a stale socket file, and starts accepting.
    ///
    /// A lock file (`<socket>.lock`, held with `flock` for the life of the process) tells a live
    /// instance from a stale socket left by a crash: the kernel drops the lock when a process dies.
    public func start() throws {
        signal(SIGPIPE, SIG_IGN)
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
        lock.withLock {
            self.listenFD = fd
            self.instanceLock = instanceLock
            self.acceptSource = source
        }
        source.resume()
    }

    private func acceptPending() {
        while true {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return  // EAGAIN, or a transient error such as EMFILE: try again on the next event
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            UnixSocket.setNonBlocking(client)
            let connection: ServerConnection? = lock.withLock {
                guard !isDraining, connections.count < configuration.maxConnections else { return nil }
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

    func remove(_ connection: ServerConnection) {
        lock.withLock { _ = connections.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    var isDraining: Bool { draining.load(ordering: .acquiring) }

    /// Stops accepting, removes the socket file, lets requests in flight finish (up to the grace
    /// period), then closes every connection.
    public func shutdown() async {
        let (source, open, instanceLock): ((any DispatchSourceRead)?, [ServerConnection], InstanceLock?) = lock.withLock {
            draining.store(true, ordering: .releasing)
            let result = (acceptSource, Array(connections.values), self.instanceLock)
            acceptSource = nil
            self.instanceLock = nil
            return result
        }
        source?.cancel()
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

/// One accepted connection.
///
/// Its state is guarded by `lock` rather than confined to its queue, so a finished request
/// writes its response straight from the task that produced it: one thread hand-off fewer per
/// request, which is most of the cost of a small call on a 2-core machine. The queue only runs
/// the read and write sources' handlers and the cancel handlers.
final class ServerConnection: @unchecked Sendable {
    let fd: Int32
    /// Strong on purpose: `shutdown()` returns before every connection has finished closing,
    /// and the server may be released by then. The cycle through `connections` is broken when
    /// the connection closes.
    let server: RPCServer
    let queue: DispatchQueue
    private let lock = NSLock()
    private var readSource: (any DispatchSourceRead)?
    private var writeSource: (any DispatchSourceWrite)?
    private var readSuspended = false
    private var writeSuspended = true
    private var framer: LineFramer
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var inFlight = 0
    private var readEOF = false
    private var closed = false
    private var openSources = 0
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(fd: Int32, server: RPCServer) {
        self.fd = fd
        self.server = server
        // A queue created on its own is "overcommit": with many busy connections libdispatch
        // would run a thread for each, far more than the cores. Targeting the global queue keeps
        // the worker threads near the core count, which keeps tail latency down under load.
        self.queue = DispatchQueue(label: "siopen.rpc.connection", target: .global(qos: .userInitiated))
        self.framer = LineFramer(maxLineBytes: server.dispatcher.maxLineBytes)
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

    private func readAvailable() {
        var lines: [[UInt8]] = []
        let again: Bool = lock.withLock {
            guard !closed else { return false }
            var events: [LineFramer.Event] = []
            var drained = false
            // Bounded reads per wake-up, so one busy client cannot hold its queue; if the bound is
            // reached, a follow-up pass reads the rest rather than waiting for another event.
            for _ in 0..<16 {
                let count = readBuffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    readBuffer.withUnsafeBytes { framer.append(UnsafeRawBufferPointer(rebasing: $0[0..<count]), into: &events) }
                    // No early stop on a short read: read on until EAGAIN or EOF. On Linux, libdispatch
                    // often does not fire the read source again for an end of stream that arrived
                    // together with the last data, and the connection would never be closed.
                } else if count == 0 {
                    readEOF = true
                    drained = true
                    break
                } else {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK {
                        drained = true
                        break
                    }
                    closeLocked()
                    return false
                }
            }
            for event in events {
                switch event {
                case .line(let line):
                    inFlight += 1
                    server.inFlight.add(1, ordering: .relaxed)
                    lines.append(line)
                case .oversize:
                    let error = RPCError.invalidRequest("message exceeds \(framer.maxLineBytes) bytes")
                    enqueueLocked(RPCDispatcher.errorResponse(error, id: nil))
                }
            }
            if readEOF {
                suspendReadingLocked()
                closeIfDoneLocked()
                return false
            }
            applyBackPressureLocked()
            return !drained && !readSuspended && !closed
        }
        for line in lines { dispatch(line) }
        if again { queue.async { [self] in readAvailable() } }
    }

    private func dispatch(_ line: [UInt8]) {
        let dispatcher = server.dispatcher
        // `Task.immediate` runs the request on this thread until it first suspends: a call that
        // never waits (health, a cached read) is answered with no thread hand-off at all.
        Task.immediate { [self] in
            let response = await dispatcher.handle(line: line)
            lock.withLock {
                inFlight -= 1
                server.inFlight.subtract(1, ordering: .releasing)
                if let response { enqueueLocked(response) }
                applyBackPressureLocked()
                closeIfDoneLocked()
            }
        }
    }

    private func enqueueLocked(_ response: [UInt8]) {
        guard !closed else { return }
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
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                if writeSuspended, let writeSource {
                    writeSuspended = false
                    writeSource.resume()
                }
                return
            } else {
                closeLocked()
                return
            }
        }
        output.removeAll(keepingCapacity: output.capacity <= 1 << 20)
        outputOffset = 0
        if !writeSuspended {
            writeSuspended = true
            writeSource?.suspend()
        }
        applyBackPressureLocked()
        closeIfDoneLocked()
    }

    private func applyBackPressureLocked() {
        guard !closed, !readEOF else { return }
        let limits = server.configuration
        let overloaded = inFlight >= limits.maxInFlightPerConnection
            || output.count - outputOffset > limits.maxPendingOutputBytes
        if overloaded {
            suspendReadingLocked()
        } else if readSuspended, !server.isDraining, let readSource {
            readSuspended = false
            readSource.resume()
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
        if readEOF || server.isDraining { closeLocked() }
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
