// Every method of every service has an OpenRPC example that a real call produced: the example
// tour of the scenario kit (Shared/Scenario/ExampleTour.swift) runs against the five real service
// processes, and its calls are compared with the examples committed in
// Shared/Contracts/ContractExamples.generated.swift (which `rpc.discover` serves). The comparison
// is by shape (members and types, not values), so ids, times and hashes that differ on every run
// never make the committed examples stale; a method without an example, a step that fails, or a
// params or result shape that changed does.
//
//   SIOPEN_REGENERATE_EXAMPLES=1 swift test --filter OpenRPCExamplesTests      (new or changed ones)
//   SIOPEN_REGENERATE_EXAMPLES=all swift test --filter OpenRPCExamplesTests    (every one afresh)
import Foundation
import IdentityService
import SiOpenContracts
import SiOpenProtocol
import SiOpenScenario
import SiOpenTestSupport
import Testing

/// Comparing recorded examples with the committed ones, and writing them.
enum ExampleFile {
    /// Where the committed examples live.
    static let path = repositoryRoot() + "/Shared/Contracts/ContractExamples.generated.swift"
    /// What to run after adding a step or changing a contract.
    static let regenerate =
        "SIOPEN_REGENERATE_EXAMPLES=1 swift test --filter OpenRPCExamplesTests, then swift build --build-tests and "
        + "SIOPEN_REGENERATE_CONTRACTS=1 swift test --filter ContractToolingTests/everyDocument (the reference shows them)"

    /// The shape of a value: objects keep their members, arrays the distinct shapes of their
    /// elements, scalars become their JSON type.
    static func shape(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): return .object(members.mapValues(shape))
        case .array(let elements):
            var seen: [JSONValue] = []
            for element in elements.map(shape) where !seen.contains(element) { seen.append(element) }
            return .array(seen.sorted { $0.serializedString < $1.serializedString })
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }

    /// Whether `a` and `b` are the same example up to values.
    static func sameShape(_ a: OpenRPCExample, _ b: OpenRPCExample) -> Bool {
        a.method == b.method && a.name == b.name && shape(.object(a.params)) == shape(.object(b.params))
            && shape(a.result) == shape(b.result)
    }

    /// The Swift source holding `examples` (by service).
    static func source(_ examples: [String: [OpenRPCExample]]) throws -> String {
        var lines = [
            "// swift-format-ignore-file",
            "// Recorded by the scenario kit's example tour (Shared/Scenario/ExampleTour.swift) against the real",
            "// services, secrets replaced by placeholders; do not edit. Regenerate with",
            "// `SIOPEN_REGENERATE_EXAMPLES=1 swift test --filter OpenRPCExamplesTests` (see the README).",
            "",
            "extension ContractExamples {",
            "    /// Each service's examples, one stored example (JSON) per line.",
            "    static let recorded: [String: String] = [",
        ]
        for service in examples.keys.sorted() {
            let text = OpenRPCExample.storedLines(examples[service]!)
            guard !text.contains("\"\"\"##") else {
                throw TestFailure("an example of \(service) holds the raw string's delimiter")
            }
            lines.append("        \"\(service)\": ##\"\"\"")
            for line in text.split(separator: "\n") { lines.append("            " + line) }
            lines.append("            \"\"\"##,")
        }
        lines.append("    ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}

@Suite("Contracts: every method has an example from the scenario kit", .serialized)
struct OpenRPCExamplesTests {
    @Test("the example tour calls every method of all five services; the committed examples are current")
    func everyMethodHasACurrentExample() async throws {
        let system = try await LiveSystem.start()
        defer { system.stop() }
        let recorder = ExampleRecorder()
        let failures = try await Scenario.exampleTour(
            sockets: Dictionary(uniqueKeysWithValues: fuzzedServices.map { ($0, system.socket($0)) }),
            termsVersion: IdentityService.currentTermsVersion, serviceToken: try system.serviceToken("payments"),
            recorder: recorder)
        let failed =
            "\(failures.count) steps of the example tour (Shared/Scenario/ExampleTour.swift) failed:\n"
            + failures.joined(separator: "\n")
        #expect(failures.isEmpty, "\(failed)")

        let mode = ProcessInfo.processInfo.environment["SIOPEN_REGENERATE_EXAMPLES"]
        let recorded = recorder.examples
        var untoured: [String] = []
        var stale: [String] = []
        var merged: [String: [OpenRPCExample]] = [:]
        var counts: [String] = []
        for service in fuzzedServices {
            let document = try await system.client(service).call(RPCDiscover.self, EmptyParams())
            let served = Set((document["methods"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
            let fresh = Dictionary(
                (recorded[service] ?? []).map { ($0.method, $0) }, uniquingKeysWith: { first, _ in first })
            let committed = Dictionary(
                ContractExamples.of(service).map { ($0.method, $0) }, uniquingKeysWith: { first, _ in first })
            untoured += served.subtracting(fresh.keys).sorted().map { "\(service) \($0)" }
            var kept: [OpenRPCExample] = []
            for method in served.sorted() {
                guard let new = fresh[method] else {
                    if let old = committed[method] { kept.append(old) }
                    continue
                }
                if let old = committed[method], mode != "all", ExampleFile.sameShape(old, new) {
                    kept.append(old)  // the same call up to ids, times and hashes: no churn
                    continue
                }
                kept.append(new)
                stale.append(
                    "\(service) \(method): "
                        + (committed[method] == nil
                            ? "no committed example" : "the committed example's name or shape differs from the call"))
            }
            stale += Set(committed.keys).subtracting(served).sorted().map {
                "\(service) \($0): an example of a method the service no longer serves"
            }
            merged[service] = kept
            counts.append("\(service): \(served.count) methods, \(kept.count) examples")
        }
        print("examples: " + counts.joined(separator: "; "))
        let missing =
            "\(untoured.count) methods have no step in the example tour, so no example: \(untoured.joined(separator: ", ")). "
            + "Add a step to the tour in Shared/Scenario/ExampleTour.swift that calls each one "
            + "(`await step(\"Who does what\") { try await call(Method.self, params, on: \"service\", token: …) }`), "
            + "then regenerate: \(ExampleFile.regenerate)"
        #expect(untoured.isEmpty, "\(missing)")

        if mode != nil {
            try ExampleFile.source(merged).write(toFile: ExampleFile.path, atomically: true, encoding: .utf8)
            print("wrote \(ExampleFile.path) (\(stale.count) examples new or changed); now \(ExampleFile.regenerate)")
        } else {
            #expect(
                stale.isEmpty,
                "\(stale.count) committed examples are stale:\n\(stale.joined(separator: "\n"))\nregenerate: \(ExampleFile.regenerate)"
            )
        }
    }

    @Test func shapesIgnoreValuesButNotMembers() {
        let a = OpenRPCExample(method: "m", name: "n", params: ["id": "x"], result: ["at": "2026", "n": 1])
        var b = a
        b.params = ["id": "y"]
        b.result = ["at": "2027", "n": 2]
        #expect(ExampleFile.sameShape(a, b))
        b.result = ["at": "2027"]
        #expect(!ExampleFile.sameShape(a, b))
        b = a
        b.params = ["id": 5]
        #expect(!ExampleFile.sameShape(a, b))
    }

    @Test func passwordsAndTokensArePlaceholdersAndTheStoredFormRoundTrips() throws {
        let recorder = ExampleRecorder()
        recorder.label = "Someone signs in"
        recorder.record(
            ScenarioCall(
                service: "identity", method: "auth.signIn", params: ["login": "root", "password": "secret-1"],
                result: ["token": "v1.abc.def", "account": ["username": "root"]]))
        let example = try #require(recorder.examples["identity"]?.first)
        #expect(example.params["password"] == .string(ExampleRecorder.passwordPlaceholder))
        #expect(example.result["token"] == .string(ExampleRecorder.tokenPlaceholder))
        #expect(!OpenRPCExample.storedLines([example]).contains("secret-1"))
        #expect(OpenRPCExample.parse(lines: OpenRPCExample.storedLines([example])) == [example])
        #expect(example.pairing(paramOrder: ["login", "password"])["params"]?.arrayValue?.first?["name"] == "login")
    }
}
