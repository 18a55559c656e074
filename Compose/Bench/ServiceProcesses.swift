import Foundation
import SiOpenRuntime
import SiOpenScenario

/// Real service processes for the benchmarks, through the scenario kit's launcher: a private
/// data folder bootstrapped by `siopen-identity` itself, the services started and awaited. Each
/// exits by itself if the benchmark dies (`--parent-pid`).
enum ServiceProcesses {
    /// Prepares `/tmp/siopen-bench-<label>-<pid>` with Super Admin (`superAdminPassword`) and the
    /// services' tokens, and starts `services`. Real scrypt with `realPasswordHashing`, else the
    /// fast test setting (when password hashing is not what is measured).
    static func launch(
        _ label: String, services: [String], superAdminPassword: String, realPasswordHashing: Bool
    ) async throws -> ServiceLauncher {
        let binaries = Topology.executableDirectory
        let launcher = try ServiceLauncher(
            directory: "/tmp/siopen-bench-\(label)-\(getpid())",
            mode: .processes(binaries: binaries, realPasswordHashing: realPasswordHashing))
        do {
            try launcher.prepareDataFolder(
                bootstrap: .executables(binaries: binaries, realPasswordHashing: realPasswordHashing),
                superAdminPassword: superAdminPassword)
            try await launcher.start(services)
        } catch {
            launcher.terminateAndRemove()
            throw error
        }
        return launcher
    }
}
