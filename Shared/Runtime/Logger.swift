import Foundation
import SiOpenProtocol

/// Severity of a log line.
public enum LogLevel: String, Sendable, Comparable, CaseIterable {
    /// Detail for developers.
    case debug
    /// Normal operation.
    case info
    /// Something to look at.
    case warning
    /// Something failed.
    case error

    var rank: Int {
        switch self {
        case .debug: 0
        case .info: 1
        case .warning: 2
        case .error: 3
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}

/// Structured logs: one JSON object per line on standard error, with time, level, service and
/// whatever fields the caller adds (method, request id, duration, error code).
public struct Logger: Sendable {
    /// The service name written on every line.
    public let service: String
    /// Lines below this level are dropped.
    public let minimumLevel: LogLevel
    private let sink: LogSink

    /// A logger writing to standard error.
    public init(service: String, minimumLevel: LogLevel = .info) {
        self.service = service
        self.minimumLevel = minimumLevel
        self.sink = LogSink.standardError
    }

    /// Writes one line when `level` is at or above the minimum.
    public func log(_ level: LogLevel, _ message: String, _ fields: [String: JSONValue] = [:]) {
        guard level >= minimumLevel else { return }
        var members = fields
        members["time"] = .string(Timestamp.iso8601(Date()))
        members["level"] = .string(level.rawValue)
        members["service"] = .string(service)
        members["message"] = .string(message)
        var line = JSONValue.object(members).serialized
        line.append(0x0A)
        sink.write(line)
    }

    /// Logs at debug level.
    public func debug(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.debug, message, fields) }
    /// Logs at info level.
    public func info(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.info, message, fields) }
    /// Logs at warning level.
    public func warning(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.warning, message, fields) }
    /// Logs at error level.
    public func error(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.error, message, fields) }
}

/// Serialises whole lines onto a file descriptor so concurrent lines never interleave.
final class LogSink: @unchecked Sendable {
    static let standardError = LogSink(fd: 2)
    private let fd: Int32
    private let lock = NSLock()

    init(fd: Int32) { self.fd = fd }

    func write(_ bytes: [UInt8]) {
        lock.withLock {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }
}
