// What a client author in another kabupaten needs from each service's `rpc.discover`, read from
// the five real service processes: every method says what it does and which errors it may
// return and has an example, and every param and every member of every param and result schema (recursively) is
// described.
import Foundation
import SiOpenProtocol
import SiOpenTestSupport
import Testing

/// What is missing from one OpenRPC document, one line per gap.
enum ContractCompleteness {
    /// Each gap of `document` (the result of `rpc.discover` of `service`).
    static func gaps(service: String, document: JSONValue) -> [String] {
        var gaps: [String] = []
        for method in document["methods"]?.arrayValue ?? [] {
            let name = "\(service) \(method["name"]?.stringValue ?? "?")"
            if (method["summary"]?.stringValue ?? "").isEmpty { gaps.append("\(name): no summary") }
            if method["x-errors-undeclared"] == .bool(true) {
                gaps.append("\(name): errors not declared (RPCMethod.errors)")
            }
            if (method["errors"]?.arrayValue ?? []).isEmpty { gaps.append("\(name): lists no errors") }
            if (method["examples"]?.arrayValue ?? []).isEmpty {
                gaps.append(
                    "\(name): no example (a step in Shared/Scenario/ExampleTour.swift, then \(ExampleFile.regenerate))")
            }
            for param in method["params"]?.arrayValue ?? [] {
                let path = "\(name) params.\(param["name"]?.stringValue ?? "?")"
                if (param["description"]?.stringValue ?? "").isEmpty { gaps.append("\(path): no description") }
                schemaGaps(param["schema"] ?? [:], path: path, into: &gaps)
            }
            if let result = method["result"] {
                if (result["description"]?.stringValue ?? "").isEmpty { gaps.append("\(name) result: no description") }
                schemaGaps(result["schema"] ?? [:], path: "\(name) result", into: &gaps)
            }
        }
        return gaps
    }

    /// Every member of `schema`'s objects, through arrays, that has no description.
    static func schemaGaps(_ schema: JSONValue, path: String, into gaps: inout [String]) {
        if let items = schema["items"] { schemaGaps(items, path: path + "[]", into: &gaps) }
        guard let properties = schema["properties"]?.objectValue else { return }
        let title = schema["title"]?.stringValue.map { " (\($0))" } ?? ""
        for key in properties.keys.sorted() {
            let member = properties[key]!
            if (member["description"]?.stringValue ?? "").isEmpty {
                gaps.append("\(path).\(key)\(title): no description")
            }
            schemaGaps(member, path: path + "." + key, into: &gaps)
        }
    }
}

@Suite("Contracts: rpc.discover of every service is complete", .serialized)
struct ContractCompletenessTests {
    @Test(
        "every method of all five services has a summary, its errors and an example; every param and result member a description"
    )
    func everyMethodAndFieldIsDescribed() async throws {
        let system = try await LiveSystem.start()
        defer { system.stop() }
        var gaps: [String] = []
        for service in fuzzedServices {
            let document = try await system.client(service).call(RPCDiscover.self, EmptyParams())
            gaps += ContractCompleteness.gaps(service: service, document: document)
        }
        if let path = ProcessInfo.processInfo.environment["SIOPEN_CONTRACT_GAPS"] {
            try gaps.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(gaps.isEmpty, "\(gaps.count) gaps:\n\(gaps.prefix(300).joined(separator: "\n"))")
    }
}
