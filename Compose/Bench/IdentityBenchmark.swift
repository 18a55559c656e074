import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// The identity service as a process with real scrypt: `system.health` vs token-checked
/// `auth.whoami` at 16 connections (the difference is the per-call cost of authorization), and
/// sign-ins per second at 1 and 4 concurrent clients.
enum IdentityBenchmark {
    static func run(seconds: Int) async throws {
        // Real password hashing: the fast test setting must not leak in.
        let password = "bench-password-1"
        let launcher = try await ServiceProcesses.launch(
            "id", services: ["identity"], superAdminPassword: password, realPasswordHashing: true)
        defer { launcher.terminateAndRemove() }
        let socketPath = launcher.socketPath("identity")
        let client = RPCClient(socketPath: socketPath, serviceName: "identity", defaultTimeout: .seconds(60))
        let session = try await client.call(AuthSignIn.self, SignInParams(login: "root", password: password))
        client.close()

        say(
            "identity: authorization cost and sign-in throughput (siopen-identity process, real scrypt), \(seconds) s per run"
        )
        say("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let health = Array(#"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#.utf8) + [0x0A]
        let whoami = Array(#"{"jsonrpc":"2.0","id":1,"method":"auth.whoami","auth":"\#(session.token)"}"#.utf8) + [0x0A]
        // The dispatcher checks any token a request carries, even on a method open to anyone, so
        // the same health call with and without a token isolates the cost of authorization.
        let healthWithToken =
            Array(#"{"jsonrpc":"2.0","id":1,"method":"system.health","auth":"\#(session.token)"}"#.utf8) + [0x0A]
        let healthResult = try LoadGenerator.run(
            socketPath: socketPath, request: health, connections: 16, seconds: seconds)
        let checkedResult = try LoadGenerator.run(
            socketPath: socketPath, request: healthWithToken, connections: 16, seconds: seconds)
        let whoamiResult = try LoadGenerator.run(
            socketPath: socketPath, request: whoami, connections: 16, seconds: seconds)
        say(pad("call", 28) + pad("connections", 12) + pad("req/s", 11) + pad("p50 µs", 10) + pad("p99 µs", 10))
        for (name, result) in [
            ("system.health", healthResult), ("system.health + token check", checkedResult),
            ("auth.whoami (+ account read)", whoamiResult),
        ] {
            say(
                pad(name, 28) + pad("16", 12) + pad(String(format: "%.0f", result.rate), 11)
                    + pad(String(format: "%.0f", result.percentile(50)), 10)
                    + pad(String(format: "%.0f", result.percentile(99)), 10))
        }
        let perCallHealth = 1e6 / healthResult.rate
        say(
            String(
                format:
                    "token-checked rate: %.0f%% of unchecked; authorization adds %.1f µs of service time per call (cached Ed25519 verification, expiry and revocation check)",
                100 * checkedResult.rate / healthResult.rate, 1e6 / checkedResult.rate - perCallHealth))
        say(
            String(
                format:
                    "auth.whoami: %.0f%% of system.health's rate; token check plus one account read adds %.1f µs per call",
                100 * whoamiResult.rate / healthResult.rate, 1e6 / whoamiResult.rate - perCallHealth))

        // Sign-ins with real scrypt. Each client signs in over its own connection, from its own
        // source, so the per-source throttle (failures only) is not involved.
        let signInSeconds = max(3, seconds)
        for clients in [1, 4] {
            let counter = Counter()
            let deadline = ContinuousClock.now + .seconds(signInSeconds)
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<clients {
                    group.addTask {
                        let client = RPCClient(
                            socketPath: socketPath, serviceName: "identity", defaultTimeout: .seconds(60))
                        defer { client.close() }
                        while ContinuousClock.now < deadline {
                            _ = try await client.call(AuthSignIn.self, SignInParams(login: "root", password: password))
                            counter.add()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let elapsed = ContinuousClock.now - start
            let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            say(
                String(
                    format: "sign-in (real scrypt) with %d concurrent client(s): %d in %.1f s = %.2f sign-ins/s",
                    clients, counter.value, elapsedSeconds, Double(counter.value) / elapsedSeconds))
        }
    }
}

/// A count shared by the sign-in tasks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
