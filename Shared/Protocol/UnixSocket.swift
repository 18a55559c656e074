import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure of a socket system call, with the path and the system's reason.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    /// What we were doing.
    public let operation: String
    /// The socket path.
    public let path: String
    /// `errno` at the time.
    public let errorNumber: Int32

    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(errorNumber)))"
    }
}

/// Small wrappers over the Unix-domain socket system calls, shared by server, client and tests.
public enum UnixSocket {
    /// The longest socket path the kernel accepts (`sun_path` holds 108 bytes with the NUL).
    public static let maxPathBytes = 107

    /// Runs `body` with a `sockaddr_un` for `path`.
    static func withAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) throws -> T {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count <= maxPathBytes else {
            throw SocketError(
                operation: "socket path longer than \(maxPathBytes) bytes:", path: path, errorNumber: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    /// Opens a blocking stream socket connected to `path`.
    public static func connect(to path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError(operation: "socket for", path: path, errorNumber: errno) }
        let result = try withAddress(path) { Glibc.connect(fd, $0, $1) }
        if result != 0 {
            let error = errno
            Glibc.close(fd)
            throw SocketError(operation: "connect to", path: path, errorNumber: error)
        }
        return fd
    }

    /// Binds and listens on `path` (the caller has removed any stale file), non-blocking.
    static func listen(on path: String, mode: mode_t, backlog: Int32) throws -> Int32 {
        let fd = socket(
            AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw SocketError(operation: "socket for", path: path, errorNumber: errno) }
        // The file is never more open than `mode`, even briefly: on Linux, bind gives it the
        // socket's own mode less the umask. (Not by changing the umask: it is process-wide, so
        // other threads' files would get it too, and two servers starting at once could leave
        // the restrictive one in place for good.)
        guard fchmod(fd, mode) == 0 else {
            let error = errno
            Glibc.close(fd)
            throw SocketError(operation: "fchmod socket for", path: path, errorNumber: error)
        }
        let bound = try withAddress(path) { bind(fd, $0, $1) }
        guard bound == 0 else {
            let error = errno
            Glibc.close(fd)
            throw SocketError(operation: "bind", path: path, errorNumber: error)
        }
        guard chmod(path, mode) == 0, Glibc.listen(fd, backlog) == 0 else {
            let error = errno
            Glibc.close(fd)
            throw SocketError(operation: "listen on", path: path, errorNumber: error)
        }
        return fd
    }

    /// Sets `O_NONBLOCK`.
    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    /// Writes all of `bytes` to a blocking socket; throws on error.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw SocketError(operation: "write to", path: "socket", errorNumber: errno)
            }
            offset += written
        }
    }
}

/// Splits a byte stream into lines terminated by `\n` (a preceding `\r` is dropped), refusing
/// lines longer than a limit without buffering them.
///
/// A line may be held to a smaller limit (`baseLineBytes`) until its first bytes show that it may
/// be longer: when it grows past that, the caller is asked (with its first bytes) how long this
/// one line may be, up to `maxLineBytes`. A server thus buffers at most 1 MiB for a line that
/// does not name an upload method, whatever the largest method allows.
public struct LineFramer: Sendable {
    /// What the framer found.
    public enum Event: Sendable, Equatable {
        /// A complete line, without its terminator.
        case line([UInt8])
        /// A line exceeded the limit; its bytes up to the next newline are discarded.
        case oversize
    }

    /// The longest line accepted, in bytes.
    public let maxLineBytes: Int
    /// The longest line accepted unless the caller allows a longer one when asked.
    public let baseLineBytes: Int
    /// How many first bytes of a line the caller sees when it is asked about a longer line.
    public static let prefixBytes = 4096
    private var buffer: [UInt8] = []
    private var discarding = false
    private var lineLimit: Int
    private var asked = false

    /// Creates a framer with one limit for every line.
    public init(maxLineBytes: Int) {
        self.init(maxLineBytes: maxLineBytes, baseLineBytes: maxLineBytes)
    }

    /// Creates a framer that holds lines to `baseLineBytes` unless the caller allows more, up to `maxLineBytes`.
    public init(maxLineBytes: Int, baseLineBytes: Int) {
        self.maxLineBytes = max(maxLineBytes, baseLineBytes)
        self.baseLineBytes = baseLineBytes
        self.lineLimit = baseLineBytes
    }

    /// Bytes buffered of an incomplete line.
    public var pendingBytes: Int { buffer.count }

    /// Whether an incomplete line has begun (buffered, or being discarded as oversize).
    public var isInsideLine: Bool { !buffer.isEmpty || discarding }

    /// The limit of the line being received: `baseLineBytes` unless the caller allowed more.
    public var currentLineLimit: Int { lineLimit }

    /// Feeds received bytes and appends the events they complete to `events`; lines are held to
    /// `maxLineBytes`.
    public mutating func append(_ bytes: UnsafeRawBufferPointer, into events: inout [Event]) {
        let maximum = maxLineBytes
        append(bytes, into: &events) { _ in maximum }
    }

    /// Feeds received bytes and appends the events they complete to `events`. When a line grows
    /// past `baseLineBytes`, `limitForLongLine` is called once with its first bytes (up to
    /// ``prefixBytes``) and returns how long that line may be (clamped to `baseLineBytes...maxLineBytes`).
    public mutating func append(
        _ bytes: UnsafeRawBufferPointer, into events: inout [Event], limitForLongLine: (_ prefix: [UInt8]) -> Int
    ) {
        var start = 0
        let count = bytes.count
        while start < count {
            let remaining = UnsafeRawBufferPointer(rebasing: bytes[start...])
            if let newline = remaining.firstIndex(of: 0x0A) {
                let end = start + newline
                let segment = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                if discarding {
                    discarding = false
                } else if !allows(buffer.count + segment.count, next: segment, limitForLongLine) {
                    events.append(.oversize)
                } else {
                    buffer.append(contentsOf: segment)
                    if buffer.last == 0x0D { buffer.removeLast() }
                    events.append(.line(buffer))
                }
                buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 16)
                lineLimit = baseLineBytes
                asked = false
                start = end + 1
            } else {
                if !discarding {
                    if !allows(buffer.count + remaining.count, next: remaining, limitForLongLine) {
                        events.append(.oversize)
                        discarding = true
                        buffer = []
                        lineLimit = baseLineBytes
                        asked = false
                    } else {
                        buffer.append(contentsOf: remaining)
                    }
                }
                start = count
            }
        }
    }

    /// Whether the current line may be `total` bytes long, asking the caller once when it passes the base limit.
    private mutating func allows(
        _ total: Int, next: UnsafeRawBufferPointer, _ limitForLongLine: (_ prefix: [UInt8]) -> Int
    ) -> Bool {
        if total <= lineLimit { return true }
        guard !asked, maxLineBytes > baseLineBytes else { return false }
        asked = true
        var prefix = Array(buffer.prefix(Self.prefixBytes))
        if prefix.count < Self.prefixBytes { prefix += next.prefix(Self.prefixBytes - prefix.count) }
        lineLimit = min(maxLineBytes, max(baseLineBytes, limitForLongLine(prefix)))
        return total <= lineLimit
    }

    /// Feeds received bytes (convenience for arrays).
    public mutating func append(_ bytes: [UInt8], into events: inout [Event]) {
        bytes.withUnsafeBytes { append($0, into: &events) }
    }
}
