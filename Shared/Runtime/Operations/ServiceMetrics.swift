import Foundation
import SiOpenProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// The figures of `system.metrics` that come from the process and its files rather than from
/// the calls it answered.
enum ProcessFigures {
    /// Resident memory in bytes of `process` (a pid, or `self`), from `/proc/<process>/statm`
    /// (0 where there is none).
    static func residentMemoryBytes(of process: String = "self") -> Int64 {
        guard let text = try? String(contentsOfFile: "/proc/\(process)/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int64(fields[1]) else { return 0 }
        return pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// User and system CPU time in microseconds.
    static func cpuMicros() -> (user: Int64, system: Int64) {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return (0, 0) }
        func micros(_ time: timeval) -> Int64 { Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_usec) }
        return (micros(usage.ru_utime), micros(usage.ru_stime))
    }

    /// File descriptors open now (`/proc/self/fd`, less the one listing it).
    static func openDescriptors() -> Int64 {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return Int64(max(0, entries.count - 1))
    }

    /// A file's size in bytes, 0 when missing.
    static func size(_ path: String) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int64(info.st_size)
    }

    /// Total bytes of the file system holding `path`.
    static func diskBytes(at path: String) -> Int64 {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return 0 }
        return Int64(stats.f_blocks) * Int64(stats.f_frsize)
    }
}

extension ServiceHost {
    /// The report `system.metrics` answers with.
    static func metrics(
        definition: ServiceDefinition, environment: ServiceEnvironment, startedAt: ContinuousClock.Instant,
        traffic: RPCMetrics, server: () -> RPCServer?, maintenance: MaintenanceWatch
    ) -> MetricsReport {
        let cpu = ProcessFigures.cpuMicros()
        let configuration = environment.configuration
        let server = server()
        return MetricsReport(
            service: definition.name, version: SiOpenVersion.current, pid: getpid(),
            uptimeSeconds: (ContinuousClock.now - startedAt).components.seconds,
            residentMemoryBytes: ProcessFigures.residentMemoryBytes(), cpuUserMicros: cpu.user,
            cpuSystemMicros: cpu.system, openConnections: Int64(server?.connectionCount ?? 0),
            connectionLimit: Int64(server?.connectionLimit ?? 0), openDescriptors: ProcessFigures.openDescriptors(),
            databaseBytes: ProcessFigures.size(configuration.databasePath),
            walBytes: ProcessFigures.size(configuration.databasePath + "-wal"),
            freeDiskBytes: freeDiskBytes(at: configuration.dataDirectory),
            diskBytes: ProcessFigures.diskBytes(at: configuration.dataDirectory),
            inMaintenance: maintenance.current != nil, methods: traffic.snapshot)
    }
}

/// The figures of `system.metrics` in the Prometheus text exposition format (version 0.0.4),
/// so an operator's existing monitoring can scrape them (`siopen metrics`).
public enum PrometheusText {
    /// Every report as one exposition: gauges and counters labelled by `service`, per-method
    /// counters and a latency summary labelled by `method` (and `code` for errors).
    public static func render(_ reports: [MetricsReport]) -> String {
        var lines: [String] = []
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for sample in samples { lines.append("\(name){\(sample.labels)} \(sample.value)") }
        }
        func service(_ report: MetricsReport) -> String { "service=\"\(escape(report.service))\"" }
        func gauge(_ name: String, _ help: String, _ value: (MetricsReport) -> Int64) {
            family(name, "gauge", help, reports.map { (service($0), String(value($0))) })
        }
        gauge("siopen_up", "1 while the service answers system.metrics.") { _ in 1 }
        gauge("siopen_uptime_seconds", "Seconds since the process started serving.") { $0.uptimeSeconds }
        gauge("siopen_resident_memory_bytes", "Resident memory of the process.") { $0.residentMemoryBytes }
        family(
            "siopen_cpu_seconds_total", "counter", "CPU time used by the process, by mode.",
            reports.flatMap {
                [
                    (service($0) + ",mode=\"user\"", seconds($0.cpuUserMicros)),
                    (service($0) + ",mode=\"system\"", seconds($0.cpuSystemMicros)),
                ]
            })
        gauge("siopen_open_connections", "Client connections open now.") { $0.openConnections }
        gauge("siopen_connection_limit", "The most connections kept open.") { $0.connectionLimit }
        gauge("siopen_open_descriptors", "File descriptors open now.") { $0.openDescriptors }
        gauge("siopen_database_bytes", "Size of the database file.") { $0.databaseBytes }
        gauge("siopen_wal_bytes", "Size of the database's write-ahead log.") { $0.walBytes }
        gauge("siopen_free_disk_bytes", "Free bytes on the data folder's file system.") { $0.freeDiskBytes }
        gauge("siopen_disk_bytes", "Size of the data folder's file system.") { $0.diskBytes }
        gauge("siopen_maintenance", "1 during a maintenance window (writes refused).") { $0.inMaintenance ? 1 : 0 }
        func perMethod(_ report: MetricsReport, _ method: MethodMetrics) -> String {
            service(report) + ",method=\"\(escape(method.method))\""
        }
        family(
            "siopen_requests_total", "counter", "Calls answered since start, by method.",
            reports.flatMap { report in report.methods.map { (perMethod(report, $0), String($0.requests)) } })
        family(
            "siopen_errors_total", "counter", "Calls answered with an error since start, by method and code.",
            reports.flatMap { report in
                report.methods.flatMap { method in
                    method.errors.map { (perMethod(report, method) + ",code=\"\($0.code)\"", String($0.count)) }
                }
            })
        lines.append("# HELP siopen_request_duration_seconds Time from request to answer since start, by method.")
        lines.append("# TYPE siopen_request_duration_seconds summary")
        for report in reports {
            for method in report.methods {
                let labels = perMethod(report, method)
                let latency = method.latency
                for (quantile, micros) in [
                    ("0.5", latency.p50Micros), ("0.9", latency.p90Micros), ("0.99", latency.p99Micros),
                    ("0.999", latency.p999Micros), ("1", latency.maxMicros),
                ] {
                    lines.append(
                        "siopen_request_duration_seconds{\(labels),quantile=\"\(quantile)\"} \(seconds(micros))")
                }
                lines.append("siopen_request_duration_seconds_sum{\(labels)} \(seconds(latency.sumMicros))")
                lines.append("siopen_request_duration_seconds_count{\(labels)} \(method.requests)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func seconds(_ micros: Int64) -> String {
        let whole = micros / 1_000_000
        let fraction = String(micros % 1_000_000)
        return "\(whole).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }

    /// A label value with `\`, `"` and line breaks escaped.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
