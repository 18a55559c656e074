import Foundation

/// One recorded call of a method: the params a client sent and the result it got, shown in the
/// method's OpenRPC `examples` as an Example Pairing object. Recorded by running the scenario
/// kit's example tour against the real services (`Scenario.exampleTour`), never written by hand,
/// so every example is a call that really succeeded.
public struct OpenRPCExample: Sendable, Hashable {
    /// The method's wire name.
    public var method: String
    /// What the call was, in a few words (the example pairing's `name`).
    public var name: String
    /// The params object as sent (by name).
    public var params: [String: JSONValue]
    /// The result as received.
    public var result: JSONValue

    /// Creates an example.
    public init(method: String, name: String, params: [String: JSONValue], result: JSONValue) {
        self.method = method
        self.name = name
        self.params = params
        self.result = result
    }

    /// The stored form: one JSON object `{"method", "name", "params", "result"}`.
    public var stored: JSONValue {
        ["method": .string(method), "name": .string(name), "params": .object(params), "result": result]
    }

    /// An example from its stored form, or nil when a member is missing.
    public init?(stored value: JSONValue) {
        guard let method = value["method"]?.stringValue, let name = value["name"]?.stringValue,
            let params = value["params"]?.objectValue, let result = value["result"]
        else { return nil }
        self.init(method: method, name: name, params: params, result: result)
    }

    /// The OpenRPC Example Pairing object: `params` as `[{name, value}]` in the order of the
    /// method's param descriptors (`order`; params not among them after, by name), `result` as
    /// `{name, value}`.
    public func pairing(paramOrder order: [String]) -> JSONValue {
        let known = order.filter { params[$0] != nil }
        let rest = params.keys.filter { !order.contains($0) }.sorted()
        let values: [JSONValue] = (known + rest).map { ["name": .string($0), "value": params[$0]!] }
        return [
            "name": .string(name),
            "params": .array(values),
            "result": ["name": .string("\(method).result"), "value": result],
        ]
    }

    /// Examples from the stored text: one stored object per line (blank lines ignored). A line
    /// that is not a stored example is skipped; the contract tests report the method as lacking one.
    public static func parse(lines text: String) -> [OpenRPCExample] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, let value = try? JSONValue(parsing: trimmed) else { return nil }
            return OpenRPCExample(stored: value)
        }
    }

    /// The stored text of `examples`: one compact JSON object per line, by method, then name.
    public static func storedLines(_ examples: [OpenRPCExample]) -> String {
        examples.sorted { ($0.method, $0.name) < ($1.method, $1.name) }.map(\.stored.serializedString)
            .joined(separator: "\n")
    }
}
