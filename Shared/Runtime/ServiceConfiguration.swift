import Foundation

/// How a service process is configured: command-line flags first, then `SIOPEN_*` environment
/// variables, then defaults.
///
/// | flag | environment | default |
/// |---|---|---|
/// | `--data-dir DIR` | `SIOPEN_DATA_DIR` | `./var` |
/// | `--socket PATH` | `SIOPEN_<SERVICE>_SOCKET` | `<data-dir>/run/<service>.sock` |
/// | `--log-level LEVEL` | `SIOPEN_LOG_LEVEL` | `info` |
/// | `--parent-pid PID` | `SIOPEN_PARENT_PID` | none: when set, the service exits once that process is gone |
/// | `--allow-insecure-permissions` | `SIOPEN_ALLOW_INSECURE_PERMISSIONS=1` | off: the service refuses a data folder, database or key file that group or others may access |
public struct ServiceConfiguration: Sendable {
    /// The service's name (`identity`, …).
    public var serviceName: String
    /// The data folder: `db/`, `run/`, and the service's own files live below it.
    public var dataDirectory: String
    /// Where the service listens.
    public var socketPath: String
    /// The least severe level logged.
    public var logLevel: LogLevel
    /// The launcher's pid: the service stops when its launcher has died (no orphans after `kill -9`).
    public var parentPID: Int32?
    /// Start even when the data folder, database or key files are open to group or others
    /// (with a logged warning); off by default.
    public var allowInsecurePermissions = false

    /// The folder of private keys, service tokens and audit checkpoints: `<data-dir>/keys` (0700).
    public var keysDirectory: String { "\(dataDirectory)/keys" }

    /// The database file of the service: `<data-dir>/db/<service>.sqlite`.
    public var databasePath: String { "\(dataDirectory)/db/\(serviceName).sqlite" }

    /// A folder for the service's own files (uploads, documents): `<data-dir>/files/<service>`.
    public var filesDirectory: String { "\(dataDirectory)/files/\(serviceName)" }

    /// The conventional socket path of `service` under `dataDirectory`.
    public static func socketPath(of service: String, dataDirectory: String) -> String {
        "\(dataDirectory)/run/\(service).sock"
    }

    /// Where another service (`identity`, `catalog`, …) listens: `SIOPEN_<NAME>_SOCKET` when set
    /// (a service deployed elsewhere), else its conventional path under this data folder.
    public func peerSocketPath(_ service: String) -> String {
        ProcessInfo.processInfo.environment["SIOPEN_\(service.uppercased())_SOCKET"]
            ?? Self.socketPath(of: service, dataDirectory: dataDirectory)
    }

    /// Creates a configuration explicitly (tests, benchmarks).
    public init(
        serviceName: String, dataDirectory: String, socketPath: String? = nil, logLevel: LogLevel = .info,
        parentPID: Int32? = nil
    ) {
        let absolute = ServiceConfiguration.absolute(dataDirectory)
        self.serviceName = serviceName
        self.dataDirectory = absolute
        self.socketPath = socketPath ?? Self.socketPath(of: serviceName, dataDirectory: absolute)
        self.logLevel = logLevel
        self.parentPID = parentPID
    }

    /// Reads flags and environment. Throws ``ConfigurationError`` with a usage message on bad input.
    public static func fromCommandLine(
        serviceName: String, arguments: [String] = Array(CommandLine.arguments.dropFirst()),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServiceConfiguration {
        var dataDirectory = environment["SIOPEN_DATA_DIR"] ?? "./var"
        var socketPath = environment["SIOPEN_\(serviceName.uppercased())_SOCKET"]
        var level = environment["SIOPEN_LOG_LEVEL"] ?? "info"
        var parent = environment["SIOPEN_PARENT_PID"]
        var allowInsecure = environment["SIOPEN_ALLOW_INSECURE_PERMISSIONS"] == "1"
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            func value() throws -> String {
                guard let value = remaining.popFirst() else { throw ConfigurationError("\(flag) needs a value") }
                return value
            }
            switch flag {
            case "--data-dir": dataDirectory = try value()
            case "--socket": socketPath = try value()
            case "--log-level": level = try value()
            case "--parent-pid": parent = try value()
            case "--allow-insecure-permissions": allowInsecure = true
            case "--help", "-h":
                throw ConfigurationError(
                    "usage: siopen-\(serviceName) [--data-dir DIR] [--socket PATH] [--log-level debug|info|warning|error] [--parent-pid PID] [--allow-insecure-permissions]",
                    isHelp: true)
            default: throw ConfigurationError("unknown option \(flag); try --help")
            }
        }
        guard let logLevel = LogLevel(rawValue: level) else {
            throw ConfigurationError("log level must be debug, info, warning or error, not \(level)")
        }
        var parentPID: Int32?
        if let parent, !parent.isEmpty {
            guard let pid = Int32(parent), pid > 0 else {
                throw ConfigurationError("parent pid must be a process id, not \(parent)")
            }
            parentPID = pid
        }
        var configuration = ServiceConfiguration(
            serviceName: serviceName, dataDirectory: dataDirectory, socketPath: socketPath, logLevel: logLevel,
            parentPID: parentPID)
        configuration.allowInsecurePermissions = allowInsecure
        return configuration
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return (path as NSString).standardizingPath }
        let joined = FileManager.default.currentDirectoryPath + "/" + path
        return (joined as NSString).standardizingPath
    }
}

/// A configuration mistake, reported to the operator before the service starts.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public let message: String
    /// Whether this is the answer to `--help` rather than an error.
    public let isHelp: Bool

    /// Creates the error.
    public init(_ message: String, isHelp: Bool = false) {
        self.message = message
        self.isHelp = isHelp
    }

    public var description: String { message }
}
