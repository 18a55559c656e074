import Foundation
import SiOpenProtocol
import SiOpenRuntime

/// `siopen load SERVICE`: drives one service (under `siopen up` or deployed alone: `--socket`)
/// with one method (or, with `--scenario`, a scenario of the kit: ``LoadScenarios``), closed loop
/// or open loop, and reports throughput, latency percentiles and errors by code, as a table or JSON.
///
/// - Closed loop (`--connections N`): each connection sends its next request when the previous
///   answer arrived; latency is from send to answer.
/// - Open loop (`--rate R`): requests are due at fixed times (`R` per second over all
///   connections); a connection sends each when due, or at once when it is late, and latency is
///   measured from the time the request was *due*, so a stalled service cannot hide its
///   queueing (the coordinated-omission correction of wrk2).
enum LoadCommand {
    /// What one run measured.
    struct Report: Codable {
        var service: String
        var method: String
        var mode: String
        var connections: Int
        var targetRate: Double?
        var seconds: Double
        var requests: Int
        var throughputPerSecond: Double
        var p50Millis: Double
        var p90Millis: Double
        var p99Millis: Double
        var p999Millis: Double
        var maxMillis: Double
        var errorsByCode: [String: Int]
    }

    /// Latencies and errors gathered by the connections.
    final class Samples: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var latencies: [Int64] = []
        private(set) var errors: [Int: Int] = [:]
        private var next = 0
        static let cap = 10_000_000
        func add(_ micros: Int64, error: Int?) {
            lock.withLock {
                if latencies.count < Self.cap { latencies.append(micros) }
                if let error { errors[error, default: 0] += 1 }
            }
        }
        /// The next request's number (open loop: its slot in the schedule).
        func take() -> Int {
            lock.withLock {
                defer { next += 1 }
                return next
            }
        }
    }

    static func run(_ options: Options) async throws -> Int32 {
        guard options.positional.count == 1 else {
            throw ConfigurationError(
                "usage: siopen load SERVICE [--socket PATH] [--method M] [--params JSON | --scenario NAME [--password-file F]] [--connections N] [--rate R] [--duration SECONDS] [--json]"
            )
        }
        let service = options.positional[0]
        if let scenario = options.loadScenario {
            return try await LoadScenarios.run(options, service: service, name: scenario)
        }
        let socket: String
        if let explicit = options.socketPath {
            socket = explicit
        } else {
            guard let entry = try options.topology().services.first(where: { $0.name == service }) else {
                throw ConfigurationError("no service named \(service) in the topology; give --socket PATH")
            }
            socket = entry.socketPath(dataDirectory: options.dataDirectory)
        }
        var params: JSONValue?
        if let text = options.loadParams { params = try CallInput.params(text) }
        let token = try CallInput.token(explicit: options.token, dataDirectory: options.dataDirectory)
        let report = try await measure(
            service: service, socket: socket, method: options.loadMethod, params: params, token: token,
            connections: options.loadConnections, rate: options.loadRate, seconds: options.loadSeconds)
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            printLine(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            printLine(table(report))
        }
        return 0
    }

    static func measure(
        service: String, socket: String, method: String, params: JSONValue?, token: String?, connections: Int,
        rate: Double?, seconds: Double
    ) async throws -> Report {
        let samples = Samples()
        let clients = (0..<connections).map { _ in RPCClient(socketPath: socket, serviceName: service) }
        defer { for client in clients { client.close() } }
        // Connect every client before the clock starts (one `system.health` each, not measured),
        // so connecting is not reported as the service's latency.
        await withTaskGroup(of: Void.self) { group in
            for client in clients {
                group.addTask {
                    _ = try? await client.callRaw(
                        method: SystemHealth.name, params: nil, token: nil, timeout: .seconds(60))
                }
            }
        }
        let start = ContinuousClock.now
        let end = start + .milliseconds(Int64(seconds * 1000))
        await withTaskGroup(of: Void.self) { group in
            for client in clients {
                group.addTask {
                    while true {
                        let sentAt: ContinuousClock.Instant
                        if let rate {
                            let slot = samples.take()
                            let due = start + .microseconds(Int64(Double(slot) * 1_000_000 / rate))
                            // The run ends at `end` as a closed loop's does: requests still
                            // queued then are not sent (those sent late already count their wait).
                            guard due < end, ContinuousClock.now < end else { return }
                            if due > .now { try? await Task.sleep(until: due, clock: .continuous) }
                            sentAt = due
                        } else {
                            guard ContinuousClock.now < end else { return }
                            sentAt = .now
                        }
                        var code: Int?
                        do {
                            _ = try await client.callRaw(
                                method: method, params: params, token: token, timeout: .seconds(60))
                        } catch let error as RPCError {
                            code = error.code
                        } catch {
                            code = -1
                        }
                        let elapsed = ContinuousClock.now - sentAt
                        samples.add(
                            elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000,
                            error: code)
                    }
                }
            }
        }
        let duration = ContinuousClock.now - start
        let elapsedSeconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return summary(
            service: service, method: method, mode: rate == nil ? "closed" : "open", connections: connections,
            rate: rate, seconds: elapsedSeconds, latencies: samples.latencies, errors: samples.errors)
    }

    /// The report of one method (or scenario action) from its latencies in microseconds (the
    /// answered calls; the errors counted apart by code) over `seconds`.
    static func summary(
        service: String, method: String, mode: String, connections: Int, rate: Double?, seconds: Double,
        latencies: [Int64], errors: [Int: Int]
    ) -> Report {
        let sorted = latencies.sorted()
        return Report(
            service: service, method: method, mode: mode, connections: connections,
            targetRate: rate, seconds: seconds, requests: sorted.count,
            throughputPerSecond: Double(sorted.count) / max(seconds, 0.001), p50Millis: percentile(sorted, 0.5),
            p90Millis: percentile(sorted, 0.9), p99Millis: percentile(sorted, 0.99),
            p999Millis: percentile(sorted, 0.999), maxMillis: Double(sorted.last ?? 0) / 1000,
            errorsByCode: Dictionary(uniqueKeysWithValues: errors.map { (String($0.key), $0.value) }))
    }

    /// The `q` quantile (nearest rank) of ascending microseconds, in milliseconds; 0 for none.
    static func percentile(_ sorted: [Int64], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * q).rounded(.up)) - 1))
        return Double(sorted[index]) / 1000
    }

    static func table(_ report: Report) -> String {
        func ms(_ value: Double) -> String { String(format: "%.3f ms", value) }
        var lines = [
            "\(report.service) \(report.method): \(report.mode) loop, \(report.connections) connections"
                + (report.targetRate.map { String(format: ", %.0f requests/s intended", $0) } ?? "")
                + String(format: ", %.1f s", report.seconds),
            String(format: "  requests    %d (%.1f/s)", report.requests, report.throughputPerSecond),
            "  p50         \(ms(report.p50Millis))",
            "  p90         \(ms(report.p90Millis))",
            "  p99         \(ms(report.p99Millis))",
            "  p99.9       \(ms(report.p999Millis))",
            "  max         \(ms(report.maxMillis))",
        ]
        if report.errorsByCode.isEmpty {
            lines.append("  errors      none")
        } else {
            for (code, count) in report.errorsByCode.sorted(by: { $0.key < $1.key }) {
                lines.append("  errors      \(count) × \(code)")
            }
        }
        if report.mode == "open" {
            lines.append("  (open loop: latency from each request's intended send time)")
        }
        return lines.joined(separator: "\n")
    }
}
