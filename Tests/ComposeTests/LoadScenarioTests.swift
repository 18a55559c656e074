import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenTestSupport
import Testing

/// `siopen load SERVICE --scenario NAME` against the real processes: every scenario sets up its
/// world, runs without errors, and reports each of its actions; the year-end burst reports the
/// p99 of its order actions.
@Suite("Compose: load scenarios", .serialized)
struct LoadScenarioTests {
    @Test func everyScenarioRunsAndReportsItsActions() async throws {
        try await withRunningServices(prefix: "siload") { launcher, base in
            try await Self.everyScenario(launcher, base: base)
        }
    }

    static func everyScenario(_ launcher: ServiceLauncher, base: String) async throws {
        let binaries = try productsDirectory()
        let data = launcher.directory
        let passwordFile = base + "/password"
        try SecureFiles.writeSecret(Array((ScenarioData.superAdminPassword + "\n").utf8), to: passwordFile)

        func load(_ service: String, _ scenario: String, _ extra: [String]) async throws -> (Int32?, JSONValue?) {
            let run = try await runToEnd(
                binaries + "/siopen",
                [
                    "load", service, "--scenario", scenario, "--password-file", passwordFile, "--duration", "2",
                    "--json", "--data-dir", data, "--topology", topologyPath,
                ] + extra,
                logPrefix: base + "/\(scenario)", timeout: .seconds(300))
            guard case .exited(let status) = run.termination else { return (nil, nil) }
            let text = run.child.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            if status != 0 { return (status, nil) }
            let value = try JSONValue(parsing: text)
            return (status, value)
        }
        func actions(_ report: JSONValue?) -> [String: JSONValue] {
            var byName: [String: JSONValue] = [:]
            for action in report?["actions"]?.arrayValue ?? [] {
                if let name = action["method"]?.stringValue { byName[name] = action }
            }
            return byName
        }
        func clean(_ action: JSONValue?) -> Bool {
            (action?["requests"]?.int64Value ?? 0) > 0 && action?["errorsByCode"]?.objectValue?.isEmpty == true
        }

        let identity = try await load("identity", "identity", ["--connections", "2"])
        #expect(identity.0 == 0)
        for method in ["auth.signIn", "auth.whoami", "auth.signOut"] {
            #expect(clean(actions(identity.1)[method]), "\(method): \(String(describing: identity.1))")
        }

        let catalog = try await load("catalog", "catalog", ["--connections", "2"])
        #expect(catalog.0 == 0)
        for method in ["catalog.search", "product.get"] {
            #expect(clean(actions(catalog.1)[method]), "\(method): \(String(describing: catalog.1))")
        }

        // The same data folder again: the world's tenant and categories exist, new people are made.
        let orders = try await load("orders", "orders", ["--rate", "2"])
        #expect(orders.0 == 0)
        #expect(orders.1?["mode"]?.stringValue == "open")
        for method in ["purchase", "order.prepare", "order.submit", "order.acknowledgeBAST"] {
            #expect(clean(actions(orders.1)[method]), "\(method): \(String(describing: orders.1))")
        }

        let burst = try await load("orders", "year-end", ["--connections", "6"])
        #expect(burst.0 == 0)
        #expect(burst.1?["connections"]?.int64Value == 6)
        #expect(clean(actions(burst.1)["purchase"]), "\(String(describing: burst.1))")
        #expect(LoadCommandTests.number(burst.1?["orderActionsP99Millis"]) > 0, "\(String(describing: burst.1))")

        // Whole payments: a purchase each (untimed), then the treasurer's steps, each timed.
        let payments = try await load("payments", "payments", ["--connections", "2"])
        #expect(payments.0 == 0)
        for method in ["payment", "payment.prepare", "payment.instruct", "payment.settle"] {
            #expect(clean(actions(payments.1)[method]), "\(method): \(String(describing: payments.1))")
        }
        // Reporting serves no report queries yet: the scenario says so, and exits 2.
        let reporting = try await load("reporting", "reporting", [])
        #expect(reporting.0 == 2)
        let mismatched = try await load("catalog", "orders", [])
        #expect(mismatched.0 == 64)
    }
}
