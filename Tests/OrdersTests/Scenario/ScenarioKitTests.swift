import Foundation
import IdentityService
import SiOpenContracts
import SiOpenProtocol
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

// The scenario kit itself: the whole purchase through `Scenario.runPurchase` against services
// the launcher started, every call reported to the hook, and a data folder as private as the
// services require.
#if canImport(Glibc)
    import Glibc
#endif

@Suite("Scenario kit")
struct ScenarioKitTests {
    @Test func wholePurchaseAgainstLaunchedServicesReportsEveryCall() async throws {
        let launcher = try ServiceLauncher.inProcess(prefix: "sikit", clock: TestClock())
        try await launcher.whileRunning {
            // The data folder is private: 0700 folders, 0600 token files.
            for folder in [launcher.directory, launcher.directory + "/keys"] {
                #expect(try mode(folder) == 0o700, "\(folder)")
            }
            for service in launcher.serviceNames where service != "identity" {
                #expect(try mode("\(launcher.directory)/keys/\(service).token") == 0o600, "\(service).token")
            }
            try await launcher.start(["identity", "catalog", "orders"])
            let recorder = CallRecorder()
            let (world, purchase) = try await Scenario.runPurchase(
                sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion,
                onCall: { recorder.add($0) })
            #expect(purchase.order.state == .completed)
            #expect(purchase.order.offers.map(\.round) == [0, 1])
            #expect(purchase.order.vendor.id == world.vendor.info.id)
            #expect(world.vendor.info.status == .active)
            let methods = Set(recorder.calls.map(\.method))
            for expected in [
                "auth.signIn", "auth.changePassword", "account.create", "vendor.register", "vendor.verify",
                "vendor.activate",
                "category.create", "product.submit", "product.verify", "order.prepare", "order.submit", "order.offer",
                "order.accept", "order.issueSuratPesanan", "order.recordDelivery", "order.inspect",
                "order.confirmReceipt",
                "order.acknowledgeBAST",
            ] {
                #expect(methods.contains(expected), "no \(expected) reported")
            }
            #expect(recorder.calls.allSatisfy { $0.result != .null })
            #expect(recorder.calls.first { $0.method == "order.prepare" }?.service == "orders")
        }
    }
}

/// The calls a scenario reported, in order.
private final class CallRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [ScenarioCall] = []
    func add(_ call: ScenarioCall) { lock.withLock { recorded.append(call) } }
    var calls: [ScenarioCall] { lock.withLock { recorded } }
}

/// The permission bits of `path`.
private func mode(_ path: String) throws -> mode_t {
    var info = stat()
    guard stat(path, &info) == 0 else { throw TestFailure("cannot stat \(path)") }
    return info.st_mode & 0o777
}
