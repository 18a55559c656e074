/// `system.health`: answered by every service.
public enum SystemHealth: RPCMethod {
    public static let name = "system.health"
    public static let summary =
        "Liveness and readiness: service name, version, uptime, database state and free disk space."
    public static let access = Access.anyone
    public static let errors: [ApplicationErrorCode]? = []
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = HealthReport
}

/// `rpc.discover`: the service's OpenRPC 1.3 document (answered by every service).
public enum RPCDiscover: RPCMethod {
    public static let name = "rpc.discover"
    public static let summary =
        "The OpenRPC 1.3 document of this service: every method with its params, result, access rule and the error table."
    public static let access = Access.anyone
    public static let errors: [ApplicationErrorCode]? = []
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = JSONValue
}

/// Whether a service can do its work.
public enum HealthStatus: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Serving normally.
    case ok
    /// Running, but something it needs is failing (database, disk).
    case degraded
}

/// The answer to `system.health`.
public struct HealthReport: Codable, Sendable, Hashable {
    /// `ok` when serving normally, `degraded` when the database or disk is failing.
    public var status: HealthStatus
    /// The service's name (`identity`, `catalog`, …).
    public var service: String
    /// The running SiOpen version (semantic versioning).
    public var version: String
    /// Seconds since the process started serving.
    public var uptimeSeconds: Int64
    /// Whether the service's database answered a query.
    public var databaseOK: Bool
    /// Free bytes on the data folder's file system.
    public var freeDiskBytes: Int64
    /// The process id, so operators and the launcher can tell restarts apart.
    public var pid: Int32

    /// Creates a report.
    public init(
        status: HealthStatus, service: String, version: String, uptimeSeconds: Int64, databaseOK: Bool,
        freeDiskBytes: Int64, pid: Int32
    ) {
        self.status = status
        self.service = service
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.databaseOK = databaseOK
        self.freeDiskBytes = freeDiskBytes
        self.pid = pid
    }
}
