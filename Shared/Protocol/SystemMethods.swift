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

/// `system.metrics`: answered by every service, for capacity and traffic monitoring (Perbup
/// Polewali Mandar 31/2012 Pasal 25: daily monitoring of disk and memory, traffic monitoring,
/// monitoring access for LKPP).
public enum SystemMetrics: RPCMethod {
    public static let name = "system.metrics"
    public static let summary =
        "Capacity and traffic since the process started: memory, CPU, connections, descriptors, database and WAL size, free disk, and per method the requests, errors by code and latency percentiles (Super Admin, developer, monitor)."
    public static let access = Access.roles(.superAdmin, .developer, .monitor)
    public static let errors: [ApplicationErrorCode]? = []
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = MetricsReport
}

/// The answer to `system.metrics`.
public struct MetricsReport: Codable, Sendable, Hashable {
    /// The service's name (`identity`, `catalog`, …).
    public var service: String
    /// The running SiOpen version.
    public var version: String
    /// The process id.
    public var pid: Int32
    /// Seconds since the process started serving.
    public var uptimeSeconds: Int64
    /// Resident memory of the process, in bytes (`/proc/self/statm`).
    public var residentMemoryBytes: Int64
    /// CPU time the process has used in user mode, in microseconds.
    public var cpuUserMicros: Int64
    /// CPU time the process has used in the kernel, in microseconds.
    public var cpuSystemMicros: Int64
    /// Client connections open now.
    public var openConnections: Int64
    /// The most connections the service keeps open.
    public var connectionLimit: Int64
    /// File descriptors the process has open now.
    public var openDescriptors: Int64
    /// Size of the database file, in bytes.
    public var databaseBytes: Int64
    /// Size of its write-ahead log, in bytes.
    public var walBytes: Int64
    /// Free bytes on the data folder's file system.
    public var freeDiskBytes: Int64
    /// Total size of the data folder's file system, in bytes.
    public var diskBytes: Int64
    /// Whether a maintenance window is in force now (writes answer 503).
    public var inMaintenance: Bool
    /// Per method since start, by name; calls to unknown methods are counted under `(unknown)`.
    public var methods: [MethodMetrics]

    /// Creates a report.
    public init(
        service: String, version: String, pid: Int32, uptimeSeconds: Int64, residentMemoryBytes: Int64,
        cpuUserMicros: Int64, cpuSystemMicros: Int64, openConnections: Int64, connectionLimit: Int64,
        openDescriptors: Int64, databaseBytes: Int64, walBytes: Int64, freeDiskBytes: Int64, diskBytes: Int64,
        inMaintenance: Bool, methods: [MethodMetrics]
    ) {
        self.service = service
        self.version = version
        self.pid = pid
        self.uptimeSeconds = uptimeSeconds
        self.residentMemoryBytes = residentMemoryBytes
        self.cpuUserMicros = cpuUserMicros
        self.cpuSystemMicros = cpuSystemMicros
        self.openConnections = openConnections
        self.connectionLimit = connectionLimit
        self.openDescriptors = openDescriptors
        self.databaseBytes = databaseBytes
        self.walBytes = walBytes
        self.freeDiskBytes = freeDiskBytes
        self.diskBytes = diskBytes
        self.inMaintenance = inMaintenance
        self.methods = methods
    }
}

/// One method's traffic since the process started.
public struct MethodMetrics: Codable, Sendable, Hashable {
    /// The method's name.
    public var method: String
    /// Calls answered (results and errors).
    public var requests: Int64
    /// Calls answered with an error, by code.
    public var errors: [ErrorCount]
    /// Time from reading the request to its answer, over all calls.
    public var latency: LatencySummary

    /// Creates the figures.
    public init(method: String, requests: Int64, errors: [ErrorCount], latency: LatencySummary) {
        self.method = method
        self.requests = requests
        self.errors = errors
        self.latency = latency
    }
}

/// How many calls ended with one error code.
public struct ErrorCount: Codable, Sendable, Hashable {
    /// The error code (the shared table's, or JSON-RPC's reserved ones).
    public var code: Int
    /// How many calls ended with it.
    public var count: Int64

    /// Creates the count.
    public init(code: Int, count: Int64) {
        self.code = code
        self.count = count
    }
}

/// Latency percentiles from a bounded histogram (buckets a quarter power of two wide, so a
/// percentile is at most 19% above the true value; never above the maximum).
public struct LatencySummary: Codable, Sendable, Hashable {
    /// Median, in microseconds.
    public var p50Micros: Int64
    /// 90th percentile, in microseconds.
    public var p90Micros: Int64
    /// 99th percentile, in microseconds.
    public var p99Micros: Int64
    /// 99.9th percentile, in microseconds.
    public var p999Micros: Int64
    /// The slowest call, in microseconds.
    public var maxMicros: Int64
    /// The sum of all calls' latencies, in microseconds (with `requests`, the mean).
    public var sumMicros: Int64

    /// Creates the summary.
    public init(
        p50Micros: Int64, p90Micros: Int64, p99Micros: Int64, p999Micros: Int64, maxMicros: Int64, sumMicros: Int64
    ) {
        self.p50Micros = p50Micros
        self.p90Micros = p90Micros
        self.p99Micros = p99Micros
        self.p999Micros = p999Micros
        self.maxMicros = maxMicros
        self.sumMicros = sumMicros
    }
}
