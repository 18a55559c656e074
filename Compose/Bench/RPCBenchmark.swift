import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario

#if canImport(Glibc)
    import Glibc
#endif

/// `system.health` round trips against a real service process (siopen-reporting), and the same
/// request bytes against a bare echo process, at 1, 16 and 64 connections.
///
/// The load comes from the single-thread epoll client of `../shared/tools` (`uds_client`, with
/// its echo `uds_server`), compiled with `cc -O2` into the run's folder, when the tools and a C
/// compiler are there: a client with a thread per connection saturates two cores before the echo
/// does and so flatters the service's ratio. Without them, it falls back to ``LoadGenerator``
/// and says so.
enum RPCBenchmark {
    /// The event-loop client and echo server, compiled; nil when the sources or `cc` are missing.
    static func eventLoopTools(into folder: String) -> (client: String, server: String)? {
        let sources = URL(fileURLWithPath: Topology.executableDirectory + "/../../../shared/tools").standardized.path
        let candidates = [
            ProcessInfo.processInfo.environment["SIOPEN_UDS_TOOLS"], sources,
            FileManager.default.currentDirectoryPath + "/../shared/tools",
        ].compactMap { $0 }
        guard let directory = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/uds_client.c") })
        else { return nil }
        var built: [String] = []
        for name in ["uds_client", "uds_server"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["cc", "-O2", "-o", "\(folder)/\(name)", "\(directory)/\(name).c", "-lpthread"]
            guard (try? process.run()) != nil else { return nil }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            built.append("\(folder)/\(name)")
        }
        return (built[0], built[1])
    }

    /// One closed-loop run of `uds_client tput` (`connections` on one epoll thread): its figures
    /// as a ``LoadResult`` with the p50 and p99 it printed.
    static func eventLoopRun(client: String, socket: String, connections: Int, seconds: Int) throws -> LoadResult {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: client)
        process.arguments = ["tput", socket, String(connections), String(seconds)]
        var environment = ProcessInfo.processInfo.environment
        environment["UDS_REQ"] = #"{"jsonrpc":"2.0","method":"system.health","id":%llu}"#
        process.environment = environment
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var figures: [String: Double] = [:]
        for field in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = field.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Double(parts[1]) { figures[String(parts[0])] = value }
        }
        guard let count = figures["n"], let p50 = figures["p50_us"], let p99 = figures["p99_us"],
            let secs = figures["secs"], count > 0
        else { throw ScenarioFailure("uds_client printed no figures: \(text)") }
        return LoadResult(
            requests: Int(count), seconds: secs, latenciesMicros: [],
            printedPercentiles: [50: p50, 99: p99, 99.9: figures["p999_us"] ?? p99])
    }

    static func run(seconds: Int) async throws {
        let binaries = Topology.executableDirectory
        // The service through the scenario kit's launcher; the echo is no service, so it is started here.
        let launcher = try ServiceLauncher(
            directory: "/tmp/siopen-bench-\(getpid())", mode: .processes(binaries: binaries, realPasswordHashing: false)
        )
        defer { launcher.terminateAndRemove() }
        let servicePath = launcher.socketPath("reporting")
        let echoPath = "\(launcher.directory)/echo.sock"
        let tools = eventLoopTools(into: launcher.directory)
        let echo = Process()
        if let tools {
            echo.executableURL = URL(fileURLWithPath: tools.server)
            echo.arguments = [echoPath, "1", "echo"]
            echo.standardError = FileHandle.nullDevice
        } else {
            echo.executableURL = URL(fileURLWithPath: "\(binaries)/siopen-bench")
            echo.arguments = ["echo-server", echoPath]
        }
        echo.standardOutput = FileHandle.nullDevice
        try echo.run()
        defer {
            // The echo has no signal handling of its own (and may inherit an ignored SIGTERM): kill it.
            kill(echo.processIdentifier, SIGKILL)
            echo.waitUntilExit()
        }
        try await launcher.start(["reporting"])
        while !FileManager.default.fileExists(atPath: echoPath) { try await Task.sleep(for: .milliseconds(20)) }

        let request = Array(#"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#.utf8) + [0x0A]
        say("RPC: system.health round trips, \(seconds) s per run, closed loop (one request in flight per connection)")
        say(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; service = siopen-reporting process; echo = bare socket echo process"
        )
        say(
            tools != nil
                ? "client: uds_client of ../shared/tools, every connection on one epoll thread; echo: its uds_server"
                : "client: one thread per connection (../shared/tools or cc missing), which flatters the service's ratio"
        )
        say(pad("connections", 12) + pad("target", 9) + pad("req/s", 11) + pad("p50 µs", 10) + pad("p99 µs", 10))
        var figures: [Int: (service: LoadResult, echo: LoadResult)] = [:]
        for connections in [1, 16, 64] {
            let echoResult: LoadResult
            let serviceResult: LoadResult
            if let tools {
                echoResult = try eventLoopRun(
                    client: tools.client, socket: echoPath, connections: connections, seconds: seconds)
                serviceResult = try eventLoopRun(
                    client: tools.client, socket: servicePath, connections: connections, seconds: seconds)
            } else {
                echoResult = try LoadGenerator.run(
                    socketPath: echoPath, request: request, connections: connections, seconds: seconds)
                serviceResult = try LoadGenerator.run(
                    socketPath: servicePath, request: request, connections: connections, seconds: seconds)
            }
            figures[connections] = (serviceResult, echoResult)
            for (name, result) in [("service", serviceResult), ("echo", echoResult)] {
                say(
                    pad(String(connections), 12) + pad(name, 9) + pad(String(format: "%.0f", result.rate), 11)
                        + pad(String(format: "%.0f", result.percentile(50)), 10)
                        + pad(String(format: "%.0f", result.percentile(99)), 10))
            }
        }
        for connections in [1, 16, 64] {
            let (s, e) = figures[connections]!
            say(
                "ratio at \(connections) connections: rate \(String(format: "%.1f", 100 * s.rate / e.rate))% of echo, p99 \(String(format: "%.2f", s.percentile(99) / e.percentile(99)))× echo's"
            )
        }
        let at16 = figures[16]!
        let at64 = figures[64]!
        say(
            "aim: rate at 16 ≥ 25% of echo → \(at16.service.rate >= 0.25 * at16.echo.rate ? "met" : "NOT met"); p99 at 64 ≤ 5× echo → \(at64.service.percentile(99) <= 5 * at64.echo.percentile(99) ? "met" : "NOT met")"
        )
    }
}

func pad(_ text: String, _ width: Int) -> String {
    text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0)
}
