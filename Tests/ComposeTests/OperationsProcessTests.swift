import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenTestSupport
import Testing

/// `siopen metrics`, `siopen monitor` and `siopen maintenance` against the five real processes.
@Suite("Compose: metrics, monitor and maintenance", .serialized)
struct OperationsProcessTests {
    @Test func metricsMonitorAndMaintenanceThroughTheCommand() async throws {
        try await withRunningServices(prefix: "siops") { launcher, base in
            try await Self.metricsMonitorAndMaintenance(launcher, base: base)
        }
    }

    static func metricsMonitorAndMaintenance(_ launcher: ServiceLauncher, base: String) async throws {
        let binaries = try productsDirectory()
        let data = launcher.directory
        let scenario = Scenario(sockets: launcher.sockets, termsVersion: "unused")
        defer { scenario.close() }
        try await scenario.signInSuperAdmin()
        let token = scenario.superAdmin
        let siopen = binaries + "/siopen"
        let common = ["--data-dir", data, "--topology", topologyPath, "--token", token]

        let metrics = try await runToEnd(siopen, ["metrics"] + common, logPrefix: base + "/metrics")
        #expect(metrics.termination == .exited(0), "\(metrics.child.transcript)")
        for name in serviceNames {
            #expect(metrics.child.standardOutput.contains("siopen_up{service=\"\(name)\"} 1"), "\(name) missing")
        }
        #expect(
            metrics.child.standardOutput.contains(
                "siopen_requests_total{service=\"identity\",method=\"auth.signIn\"} 1"),
            "\(metrics.child.standardOutput)")
        let denied = try await runToEnd(
            siopen, ["metrics", "--data-dir", data, "--topology", topologyPath], logPrefix: base + "/denied")
        #expect(denied.termination == .exited(1), "metrics without a session: \(denied.child.transcript)")

        let monitor = try await runToEnd(siopen, ["monitor", "--count", "2"] + common, logPrefix: base + "/monitor")
        #expect(monitor.termination == .exited(0), "\(monitor.child.transcript)")
        for name in serviceNames { #expect(monitor.child.standardOutput.contains(name)) }
        #expect(!monitor.child.standardOutput.contains("DOWN"), "\(monitor.child.standardOutput)")

        let on = try await runToEnd(
            siopen, ["maintenance", "on", "--minutes", "10", "--message", "Pemeliharaan server"] + common,
            logPrefix: base + "/on")
        #expect(on.termination == .exited(0), "\(on.child.transcript)")
        // A fresh code each attempt: a write that landed before the window was seen must not make the next one a 409.
        func tenant() -> TenantInfo {
            let code = "maint-\(UInt32.random(in: 0...UInt32.max))"
            return TenantInfo(code: code, name: "Kabupaten \(code)", domicileRegionCodes: ["6311"])
        }
        let refused = await eventually(timeout: .seconds(10)) {
            (await rpcError {
                _ = try await scenario.call(TenantCreate.self, tenant(), on: scenario.identity, token: token)
            })?.code == 503
        }
        #expect(refused, "identity kept accepting writes during the window")
        _ = try await scenario.call(TenantList.self, EmptyParams(), on: scenario.identity, token: token)
        let off = try await runToEnd(siopen, ["maintenance", "off"] + common, logPrefix: base + "/off")
        #expect(off.termination == .exited(0), "\(off.child.transcript)")
        let reopened = await eventually(timeout: .seconds(10)) {
            (try? await scenario.call(TenantCreate.self, tenant(), on: scenario.identity, token: token)) != nil
        }
        #expect(reopened, "writes were not served again after maintenance off")
    }
}
