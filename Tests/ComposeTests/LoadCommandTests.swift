import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage
import SiOpenTestSupport
import Testing

/// `siopen load` against a service made slow on purpose: the open loop, measuring from each
/// request's intended send time, reports the queueing the closed loop cannot see. The slow
/// service is its own process (Tests/Tools/slow_jsonrpc_server.py), so the busy test process
/// running many suites at once cannot slow it down and blur the two figures.
@Suite("Compose: the load tool", .serialized)
struct LoadCommandTests {
    static func load(_ arguments: [String], socket: String, base: String, label: String) async throws
        -> LoadFigures
    {
        let binaries = try productsDirectory()
        let run = try await runToEnd(
            binaries + "/siopen",
            ["load", "slowsvc", "--socket", socket, "--method", "test.slow", "--json"] + arguments,
            logPrefix: base + "/" + label)
        #expect(run.termination == .exited(0), "\(run.child.transcript)")
        let value = try JSONValue(parsing: run.child.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        return LoadFigures(
            requests: value["requests"]?.int64Value ?? 0, p99: Self.number(value["p99Millis"]),
            mode: value["mode"]?.stringValue ?? "", errors: value["errorsByCode"]?.objectValue?.count ?? -1)
    }

    /// A JSON number as a Double (0 when it is none).
    static func number(_ value: JSONValue?) -> Double {
        if case .number(let text)? = value { return Double(text) ?? 0 }
        return 0
    }

    /// What the test reads from the JSON report.
    struct LoadFigures {
        var requests: Int64
        var p99: Double
        var mode: String
        var errors: Int
    }

    @Test func openLoopReportsTheQueueingOfASlowServiceThatClosedLoopHides() async throws {
        let base = try makeShortTemporaryDirectory(prefix: "siload")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let socket = base + "/slowsvc.sock"
        // Every request takes 40 ms, one at a time per connection.
        let server = try Child.spawn(
            try executableInPath("python3"), [repositoryRoot + "/Tests/Tools/slow_jsonrpc_server.py", socket, "0.04"],
            logPrefix: base + "/slowsvc")
        defer { server.killAndReap() }
        let deadline = ContinuousClock.now + .seconds(60)
        while !FileManager.default.fileExists(atPath: socket) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let closed = try await Self.load(
            ["--connections", "1", "--duration", "2"], socket: socket, base: base, label: "closed")
        // Eight times what one connection can be served: requests fall ever further behind their
        // schedule, by well over a second at the end of the run.
        let open = try await Self.load(
            ["--connections", "1", "--rate", "200", "--duration", "2"], socket: socket, base: base, label: "open")
        #expect(closed.mode == "closed" && open.mode == "open")
        // Under a loaded test run the 40 ms method may take far longer; any answer will do here.
        #expect(closed.requests > 0 && open.requests > 0)
        #expect(closed.errors == 0 && open.errors == 0)
        #expect(closed.p99 >= 40, "closed-loop p99 \(closed.p99) ms")
        // At eight times the capacity the last requests wait most of the run behind their schedule,
        // which the closed loop never sees (its next request waits for the answer). The margin
        // is wide because the machine running the tests is shared and noisy.
        #expect(open.p99 > 3 * closed.p99, "open-loop p99 \(open.p99) ms vs closed-loop \(closed.p99) ms")
    }
}
