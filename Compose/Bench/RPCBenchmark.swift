import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario

#if canImport(Glibc)
    import Glibc
#endif

/// `system.health` round trips against a real service process (siopen-reporting), and the same
/// request bytes against a bare echo process, at 1, 16 and 64 connections.
enum RPCBenchmark {
    static func run(seconds: Int) async throws {
        let binaries = Topology.executableDirectory
        // The service through the scenario kit's launcher; the echo is no service, so it is started here.
        let launcher = try ServiceLauncher(
            directory: "/tmp/siopen-bench-\(getpid())", mode: .processes(binaries: binaries, realPasswordHashing: false)
        )
        defer { launcher.terminateAndRemove() }
        let servicePath = launcher.socketPath("reporting")
        let echoPath = "\(launcher.directory)/echo.sock"
        let echo = Process()
        echo.executableURL = URL(fileURLWithPath: "\(binaries)/siopen-bench")
        echo.arguments = ["echo-server", echoPath]
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
        say(pad("connections", 12) + pad("target", 9) + pad("req/s", 11) + pad("p50 µs", 10) + pad("p99 µs", 10))
        var figures: [Int: (service: LoadResult, echo: LoadResult)] = [:]
        for connections in [1, 16, 64] {
            let echoResult = try LoadGenerator.run(
                socketPath: echoPath, request: request, connections: connections, seconds: seconds)
            let serviceResult = try LoadGenerator.run(
                socketPath: servicePath, request: request, connections: connections, seconds: seconds)
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
