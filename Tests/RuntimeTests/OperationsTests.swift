import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage
import SiOpenTestSupport
import Testing

/// `system.metrics` and maintenance windows on the real service host over a real socket.
@Suite("Operations: system.metrics and maintenance windows", .serialized)
struct OperationsTests {
    static func start(_ directory: String) throws -> ServiceHost {
        try ServiceHost.start(
            testServiceDefinition, configuration: testConfiguration(directory),
            authenticator: FeedAuditTestAuthenticator())
    }

    @Test func metricsMatchTheTrafficSentAndOnlyOperatorsMayReadThem() async throws {
        try await withDataDirectory { directory in
            let host = try Self.start(directory)
            let client = RPCClient(socketPath: host.environment.configuration.socketPath, defaultTimeout: .seconds(30))
            for number in 0..<25 { _ = try await client.call(NoteAdd.self, .init(text: "note \(number)")) }
            // Three invalid params (-32602), two unknown methods (-32601) under names no one declared.
            for _ in 0..<3 {
                await #expect(throws: RPCError.self) {
                    _ = try await client.callRaw(
                        method: "note.add", params: ["text": .integer(1)], timeout: .seconds(30))
                }
            }
            for name in ["no.such", "made.up.\(UUID().uuidString)"] {
                await #expect(throws: RPCError.self) {
                    _ = try await client.callRaw(method: name, params: nil, timeout: .seconds(30))
                }
            }
            // Denied: no token, and a PPK.
            let anonymous = await rpcError { _ = try await client.call(SystemMetrics.self, EmptyParams()) }
            #expect(anonymous?.code == 401)
            let ppk = await rpcError { _ = try await client.call(SystemMetrics.self, EmptyParams(), token: "ppk-t1") }
            #expect(ppk?.code == 403)

            for token in ["admin-without-tenant", "monitor"] {
                let report = try await client.call(SystemMetrics.self, EmptyParams(), token: token)
                #expect(report.service == testServiceDefinition.name)
                let notes = try #require(report.methods.first { $0.method == "note.add" })
                #expect(notes.requests == 28)
                #expect(notes.errors == [ErrorCount(code: -32602, count: 3)])
                let latency = notes.latency
                #expect(latency.p50Micros > 0 && latency.p50Micros <= latency.p90Micros)
                #expect(latency.p90Micros <= latency.p99Micros && latency.p99Micros <= latency.p999Micros)
                #expect(latency.p999Micros <= latency.maxMicros && latency.maxMicros <= latency.sumMicros)
                let unknown = try #require(report.methods.first { $0.method == RPCMetrics.unknownMethod })
                #expect(unknown.requests == 2 && unknown.errors == [ErrorCount(code: -32601, count: 2)])
                #expect(!report.methods.contains { $0.method.hasPrefix("made.up") })
                #expect(report.methods.first { $0.method == "system.metrics" }?.errors.map(\.code) == [401, 403])
                #expect(report.residentMemoryBytes > 1 << 20)
                #expect(report.cpuUserMicros + report.cpuSystemMicros > 0)
                #expect(report.openConnections >= 1 && report.openDescriptors > report.openConnections)
                #expect(
                    report.databaseBytes > 0 && report.freeDiskBytes > 0 && report.diskBytes >= report.freeDiskBytes)
                #expect(!report.inMaintenance)
            }
            let report = try await client.call(SystemMetrics.self, EmptyParams(), token: "monitor")
            let text = PrometheusText.render([report])
            #expect(text.contains("siopen_requests_total{service=\"rtsvc\",method=\"note.add\"} 28"))
            #expect(text.contains("siopen_errors_total{service=\"rtsvc\",method=\"note.add\",code=\"-32602\"} 3"))
            #expect(text.contains("# TYPE siopen_request_duration_seconds summary"))
            #expect(text.contains("siopen_request_duration_seconds_count{service=\"rtsvc\",method=\"note.add\"} 28"))
            await stop(host, closing: [client])
        }
    }

    @Test func histogramStaysBoundedAndItsPercentilesAreWithinABucket() {
        var histogram = LatencyHistogram()
        for micros in 1...10_000 { histogram.record(micros: Int64(micros)) }
        histogram.record(micros: Int64.max)
        for (q, exact) in [(0.5, 5_000.0), (0.9, 9_000.0), (0.99, 9_900.0)] {
            let value = Double(histogram.percentile(q))
            #expect(value >= exact && value <= exact * 1.19 + 1, "p\(q * 100) = \(value), exact \(exact)")
        }
        #expect(histogram.maxMicros == Int64.max && histogram.sumMicros == Int64.max)
        #expect(histogram.count == 10_001)
    }

    @Test func maintenanceRefusesWritesAllowsReadsAndOffRestoresWrites() async throws {
        try await withDataDirectory { directory in
            let host = try Self.start(directory)
            let client = RPCClient(socketPath: host.environment.configuration.socketPath, defaultTimeout: .seconds(30))
            _ = try await client.call(NoteAdd.self, .init(text: "before"))

            // A window planned for later changes nothing yet.
            let later = MaintenanceWindow(
                startsAt: Date().addingTimeInterval(3600), endsAt: Date().addingTimeInterval(7200),
                announcement: "nanti")
            try MaintenanceWindow.write(later, dataDirectory: directory)
            try await Task.sleep(for: .milliseconds(1100))
            _ = try await client.call(NoteAdd.self, .init(text: "still open"))

            let text = "Pemeliharaan server 14.00–16.00 WITA."
            let window = MaintenanceWindow(
                startsAt: Date().addingTimeInterval(-1), endsAt: Date().addingTimeInterval(600), announcement: text)
            try MaintenanceWindow.write(window, dataDirectory: directory)
            let refused = await eventually(timeout: .seconds(5)) {
                // Probes written in the second before the service re-reads the file may still land.
                (await rpcError { _ = try await client.call(NoteAdd.self, .init(text: "probe")) })?.code == 503
            }
            #expect(refused, "writes were not refused within 5 s of the window")
            let error = await rpcError { _ = try await client.call(NoteAdd.self, .init(text: "during")) }
            #expect(error?.code == 503)
            #expect(error?.data?["reason"] == "maintenance")
            #expect(error?.data?["announcement"] == .string(text))
            let retry = error?.data?["retryAfterSeconds"]?.int64Value ?? 0
            #expect(retry > 500 && retry <= 600, "retryAfterSeconds \(retry)")
            // Reads continue, including the figures, which say so.
            let health = try await client.call(SystemHealth.self, EmptyParams())
            #expect(health.status == .ok)
            let metrics = try await client.call(SystemMetrics.self, EmptyParams(), token: "monitor")
            #expect(metrics.inMaintenance)
            _ = try await client.call(AuditVerify.self, EmptyParams(), token: "auditor-t1")
            // The contract says so too: every write lists 503.
            let document = try await client.call(RPCDiscover.self, EmptyParams())
            let noteAdd = document["methods"]?.arrayValue?.first { $0["name"] == "note.add" }
            let codes = noteAdd?["errors"]?.arrayValue?.compactMap { $0["code"]?.int64Value } ?? []
            #expect(codes.contains(503), "\(String(describing: noteAdd))")

            #expect(MaintenanceWindow.remove(dataDirectory: directory))
            let reopened = await eventually(timeout: .seconds(5)) {
                (try? await client.call(NoteAdd.self, .init(text: "after"))) != nil
            }
            #expect(reopened, "writes were not served again after the window was removed")
            let rows = try DatabaseFile.read(at: host.environment.configuration.databasePath) { connection in
                try connection.query("SELECT text FROM notes ORDER BY id").map { try $0.string(0) }
            }
            #expect(!rows.contains("during"))
            await stop(host, closing: [client])
        }
    }
}
