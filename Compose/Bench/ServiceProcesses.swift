#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SiOpenProtocol
import SiOpenRuntime

/// Real service processes for the benchmarks: bootstrapped, started on a data folder, awaited,
/// stopped. Each exits by itself if the benchmark dies (`--parent-pid`).
enum ServiceProcesses {
    /// Creates the first Super Admin with `siopen-identity create-super-admin` (password on standard input).
    static func bootstrapSuperAdmin(directory: String, password: String, environment: [String: String]) throws {
        let bootstrap = Process()
        bootstrap.executableURL = URL(fileURLWithPath: "\(Topology.executableDirectory)/siopen-identity")
        bootstrap.arguments = ["create-super-admin", "--username", "root", "--email", "root@siopen.test", "--name", "Bench Root", "--data-dir", directory]
        bootstrap.environment = environment
        let input = Pipe()
        bootstrap.standardInput = input
        bootstrap.standardOutput = FileHandle.nullDevice
        try bootstrap.run()
        input.fileHandleForWriting.write(Data((password + "\n").utf8))
        try input.fileHandleForWriting.close()
        bootstrap.waitUntilExit()
        guard bootstrap.terminationStatus == 0 else { throw BenchmarkFailure("siopen-identity create-super-admin failed (\(bootstrap.terminationStatus))") }
    }

    /// Starts `siopen-<name>` on `directory`; it exits by itself if this benchmark dies.
    static func start(_ name: String, directory: String, environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(Topology.executableDirectory)/siopen-\(name)")
        process.arguments = ["--data-dir", directory, "--log-level", "warning", "--parent-pid", String(getpid())]
        process.environment = environment
        try process.run()
        return process
    }

    /// Stops a service with SIGTERM and waits for it to exit.
    static func stop(_ process: Process) {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// Waits (up to 30 s) until the service at `socketPath` answers `system.health`.
    static func waitUntilHealthy(socketPath: String, service: String) async throws {
        let client = RPCClient(socketPath: socketPath, serviceName: service)
        defer { client.close() }
        for _ in 0..<300 {
            if (try? await client.call(SystemHealth.self, EmptyParams(), timeout: .seconds(1))) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkFailure("siopen-\(service) did not start")
    }
}
