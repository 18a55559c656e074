import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenTestSupport
import Testing

// Every method every service publishes in rpc.discover, called through its live socket with
// params built from its JSON Schema and boundary values put into each member in turn: integers
// at 0, -1, Int64.max, Int64.min and beyond Int64, strings empty, huge and hostile, deep JSON.
// Every answer must be a result or a typed error, and no service may die (the same pids before
// and after). New methods are fuzzed without changing this test.
#if canImport(Glibc)
    import Glibc
#endif

@Suite("Every method of every service, fuzzed through live sockets", .serialized, .timeLimit(.minutes(5)))
struct WriteMethodFuzzTests {
    @Test func boundaryValuesGetTypedAnswersAndNoServiceDies() async throws {
        let started = ContinuousClock.now
        let system = try await LiveSystem.start()
        defer { system.stop() }
        let world = try await system.populate()
        let before = await system.healthPIDs()
        #expect(
            before.values.allSatisfy { $0 != nil }, "every service answers system.health before the fuzz: \(before)")

        // The finding verbatim: a PPK's inspection of a real delivery claiming Int64.max accepted
        // and 1 rejected. It must be refused with a 422 naming the field, and orders must live on.
        let orders = LineConnection(path: system.socket("orders"))
        let order = try await system.client("orders").call(
            OrderGet.self, OrderRef(orderID: world.orderID), token: world.tokens[.ppk]!)
        let finding: JSONValue = [
            "orderID": .string(order.id), "version": .integer(order.version), "deliveryID": "delivery-1",
            "inspectedOn": .string(CivilDate(Date()).description),
            "lines": [
                ["itemID": "item-1", "accepted": .integer(Int64.max), "rejected": 1, "reason": "defect", "note": "x"]
            ],
        ]
        let answer = orders.exchange(
            request(method: OrderInspect.name, params: finding.serialized, token: world.tokens[.ppk]!))
        guard case .response(let response) = answer else {
            Issue.record(
                "order.inspect with accepted Int64.max got no answer (\(answer)); orders: \(system.ended)\n\(system.log("orders").suffix(2000))"
            )
            return
        }
        #expect(response["error"]?["code"]?.int64Value == 422, "\(response.serializedString)")
        #expect(response["error"]?["data"]?["fields"]?.arrayValue?.first?["field"]?.stringValue == "lines[0].accepted")
        #expect(system.ended.isEmpty, "\(system.ended)")

        // Then every method of every service.
        let ready = ContinuousClock.now
        var fuzz = Fuzzer(system: system, world: world)
        for service in fuzzedServices {
            try await fuzz.run(service)
        }
        let after = await system.healthPIDs()
        #expect(system.ended.isEmpty, "services ended: \(system.ended)")
        #expect(after == before, "pids before \(before), after \(after)")
        #expect(
            fuzz.failures.isEmpty,
            "\(fuzz.failures.count) calls without a typed answer:\n\(fuzz.failures.prefix(40).joined(separator: "\n"))")
        #expect(fuzz.calls > 500, "only \(fuzz.calls) calls made")
        print(
            "fuzzed \(fuzz.methods) methods with \(fuzz.calls) calls in \(ContinuousClock.now - ready) after \(ready - started) of set-up; answers: \(fuzz.tally.sorted { $0.key < $1.key }) \(fuzz.durations)"
        )
    }
}

/// A request line: `params` already serialized (so it may hold text no `JSONValue` would write).
private func request(method: String, params: [UInt8]?, token: String?) -> [UInt8] {
    var line = Array(#"{"jsonrpc":"2.0","id":1,"method":"#.utf8) + JSONValue.string(method).serialized
    if let params { line += Array(#","params":"#.utf8) + params }
    if let token { line += Array(#","auth":"#.utf8) + JSONValue.string(token).serialized }
    return line + Array("}".utf8)
}

/// A step into a params value.
private enum Step {
    case key(String)
    case index(Int)
}

/// Where a leaf of the params is and what it holds.
private struct Leaf {
    var path: [Step]
    var isInteger: Bool
    var name: String { path.map { if case .key(let key) = $0 { key } else { "[]" } }.joined(separator: ".") }
}

/// Calls every method of a service with boundary values, collecting answers that are not typed.
private struct Fuzzer {
    let system: LiveSystem
    let world: FuzzWorld
    private(set) var failures: [String] = []
    private(set) var calls = 0
    private(set) var methods = 0
    /// How many answers had each outcome (`result`, an error code, a failure), for the log.
    private(set) var tally: [String: Int] = [:]
    /// Time spent waiting for each service's answers, for the log.
    private(set) var durations: [String: Duration] = [:]
    /// Services that already had one request as large as the limit allows (one each: on a
    /// debug build each takes about a second to refuse).
    private var filledToTheLimit: Set<String> = []

    init(system: LiveSystem, world: FuzzWorld) {
        self.system = system
        self.world = world
    }

    /// Integers at the edges of Int64 and past them, written as raw JSON numbers.
    static let integers: [String] = [
        "0", "-1", String(Int64.max), String(Int64.min), "9223372036854775808", "-9223372036854775809", "1.5",
    ]
    /// Strings: empty, large, and full of control, format and bidirectional characters.
    static let strings: [String] = [
        "", String(repeating: "a", count: 64 << 10),
        "\u{0}\u{1}\u{1F}\u{7F}\u{85}\u{202E}\u{2066}\u{200B}\u{FEFF}\u{10FFFF}x\r\n\t'\"\\<script>%s%n${x}",
    ]

    mutating func run(_ service: String) async throws {
        let discover = LineConnection(path: system.socket(service))
        guard
            case .response(let document) = discover.exchange(request(method: "rpc.discover", params: nil, token: nil)),
            let entries = document["result"]?["methods"]?.arrayValue
        else { throw TestFailure("\(service) did not answer rpc.discover") }
        discover.disconnect()
        let connection = LineConnection(path: system.socket(service))
        // Methods that end a record or a session go last, so the others still meet live records.
        let ending: Set<String> = [
            "order.fail", "order.cancel", "order.decline", "auth.signOut", "account.disable", "vendor.deactivate",
        ]
        let sorted = entries.sorted { lhs, rhs in
            let l = lhs["name"]?.stringValue ?? ""
            let r = rhs["name"]?.stringValue ?? ""
            return (ending.contains(l) ? 1 : 0, l) < (ending.contains(r) ? 1 : 0, r)
        }
        for entry in sorted {
            guard let name = entry["name"]?.stringValue, name != "rpc.discover" else { continue }
            methods += 1
            let token = self.token(for: entry["x-access"] ?? .null, method: name)
            var schema: [String: JSONValue] = [:]
            var required: [String] = []
            for param in entry["params"]?.arrayValue ?? [] {
                guard let key = param["name"]?.stringValue else { continue }
                schema[key] = param["schema"] ?? [:]
                if param["required"] == .bool(true) { required.append(key) }
            }
            var leaves: [Leaf] = []
            let base = baseValue(["type": "object", "properties": .object(schema)], path: [], leaves: &leaves)
            let maxBytes = Int(entry["x-max-request-bytes"]?.int64Value ?? 1 << 20)

            var variants: [(String, [UInt8]?)] = [("base", base.serialized)]
            for leaf in leaves {
                let values =
                    leaf.isInteger
                    ? Self.integers.map { JSONValue.number($0) } : Self.strings.map { JSONValue.string($0) }
                for value in values {
                    variants.append(
                        (
                            "\(leaf.name)=\(value.serializedString.prefix(24))",
                            replacing(base, at: leaf.path[...], with: value).serialized
                        ))
                }
                // The wrong type in each place.
                variants.append(
                    (
                        "\(leaf.name)=wrong type",
                        replacing(base, at: leaf.path[...], with: leaf.isInteger ? "1" : 1).serialized
                    ))
            }
            // The largest string the request limit lets through, in the first string member of the
            // service's first write method that has one (every string member gets 64 KiB above).
            if !filledToTheLimit.contains(service), entry["x-idempotent"] != .bool(true),
                let leaf = leaves.first(where: { !$0.isInteger })
            {
                filledToTheLimit.insert(service)
                let room = maxBytes - base.serialized.count - token.map(\.utf8.count).orZero - 256
                if room > 0 {
                    variants.append(
                        (
                            "\(leaf.name)=huge",
                            replacing(base, at: leaf.path[...], with: .string(String(repeating: "é", count: room / 2)))
                                .serialized
                        ))
                }
            }
            // Deep nesting, as a member and as the params; null, a number and an array as params.
            let deep =
                Array(repeating: UInt8(ascii: "["), count: 100_000)
                + Array(repeating: UInt8(ascii: "]"), count: 100_000)
            variants.append(("deep member", Array(#"{"x":"#.utf8) + deep + Array("}".utf8)))
            variants.append(("deep params", deep))
            variants.append(("null params", Array("null".utf8)))
            variants.append(("number params", Array("42".utf8)))
            variants.append(("array params", Array("[1,\"x\",null]".utf8)))
            variants.append(("no params", nil))

            for (label, params) in variants {
                let live = try await liveParams(params, name: name)
                calls += 1
                let callStart = ContinuousClock.now
                let outcome = connection.exchange(request(method: name, params: live, token: token))
                durations[service, default: .zero] += ContinuousClock.now - callStart
                switch outcome {
                case .response(let response):
                    tally[
                        response["result"] != nil ? "result" : "\(response["error"]?["code"]?.int64Value ?? 0)",
                        default: 0] += 1
                    if response["result"] != nil { continue }
                    let error = response["error"]
                    guard let code = error?["code"]?.int64Value, let message = error?["message"]?.stringValue,
                        !message.isEmpty
                    else {
                        failures.append(
                            "\(service) \(name) [\(label)]: not a typed answer: \(response.serializedString.prefix(300))"
                        )
                        continue
                    }
                    if code == -32603 {
                        failures.append("\(service) \(name) [\(label)]: internal error: \(message)")
                    }
                default:
                    tally["\(outcome)", default: 0] += 1
                    failures.append("\(service) \(name) [\(label)]: \(outcome); ended: \(system.ended)")
                    if !system.ended.isEmpty { return }
                }
            }
        }
    }

    /// The token whose role the method admits, preferring the roles that own orders.
    func token(for access: JSONValue, method: String) -> String? {
        if method == "auth.signOut" || method == "auth.changePassword" { return world.disposable }
        switch access["kind"]?.stringValue {
        case "anyone": return nil
        case "service": return world.service
        case "authenticated": return world.tokens[.ppk]
        default:
            let roles = Set((access["roles"]?.arrayValue ?? []).compactMap(\.stringValue))
            let preference: [Role] = [
                .ppk, .vendor, .verifier, .budgetHolder, .agencyAdmin, .superAdmin, .auditor, .ukpbjHead, .treasurer,
                .monitor,
            ]
            return preference.first { roles.contains($0.rawValue) }.flatMap { world.tokens[$0] }
        }
    }

    /// A plausible value for `schema`: the live order, product and vendor where a member names
    /// one, today for dates, the first value of an enum. Records every integer and string leaf.
    func baseValue(_ schema: JSONValue, path: [Step], leaves: inout [Leaf]) -> JSONValue {
        let name: String = { if case .key(let key)? = path.last { key } else { "" } }()
        if let options = schema["enum"]?.arrayValue, let first = options.first { return first }
        switch schema["type"]?.stringValue {
        case "object":
            var members: [String: JSONValue] = [:]
            for (key, member) in (schema["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                members[key] = baseValue(member, path: path + [.key(key)], leaves: &leaves)
            }
            return .object(members)
        case "array":
            return [baseValue(schema["items"] ?? [:], path: path + [.index(0)], leaves: &leaves)]
        case "integer":
            leaves.append(Leaf(path: path, isInteger: true))
            switch name {
            case "after", "round": return 0
            case "limit": return 10
            default: return .integer(max(1, schema["minimum"]?.int64Value ?? 1))
            }
        case "number": return 1
        case "boolean": return false
        case "string":
            leaves.append(Leaf(path: path, isInteger: false))
            if schema["pattern"]?.stringValue == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" {
                return .string(CivilDate(Date()).description)
            }
            switch name {
            case "orderID": return .string(world.orderID)
            case "productID": return .string(world.productID)
            case "vendorID": return .string(world.vendorID)
            case "deliveryID": return "delivery-1"
            case "itemID": return "item-1"
            case "tenant": return "balangan"
            case "agency": return "DINKES"
            default: return "x"
            }
        default:
            return "x"
        }
    }

    /// `params` with the live order's version where the params name the live order (so the
    /// call gets past the version check to the rules and the arithmetic behind it).
    func liveParams(_ params: [UInt8]?, name: String) async throws -> [UInt8]? {
        guard let params, name.hasPrefix("order."), let value = try? JSONValue(parsing: params),
            case .object(var members) = value, members["orderID"] == .string(world.orderID),
            members["version"] == .integer(1)
        else { return params }
        let order = try? await system.client("orders").call(
            OrderGet.self, OrderRef(orderID: world.orderID), token: world.tokens[.ppk]!)
        members["version"] = .integer(order?.version ?? 1)
        return JSONValue.object(members).serialized
    }
}

private func replacing(_ value: JSONValue, at path: ArraySlice<Step>, with replacement: JSONValue) -> JSONValue {
    guard let step = path.first else { return replacement }
    switch (value, step) {
    case (.object(var members), .key(let key)):
        members[key] = replacing(members[key] ?? .null, at: path.dropFirst(), with: replacement)
        return .object(members)
    case (.array(var elements), .index(let index)) where elements.indices.contains(index):
        elements[index] = replacing(elements[index], at: path.dropFirst(), with: replacement)
        return .array(elements)
    default:
        return value
    }
}

extension Optional where Wrapped == Int {
    fileprivate var orZero: Int { self ?? 0 }
}
