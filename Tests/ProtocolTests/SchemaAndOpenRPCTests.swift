import SiOpenProtocol
import Testing

enum Colour: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    case red, green, blue
}

struct SchemaAddress: Codable, Sendable {
    var street: String
    var postcode: String?
}

struct SchemaLine: Codable, Sendable {
    var sku: String
    var quantity: Int64
}

struct SchemaSample: Codable, Sendable {
    var name: String
    var count: Int64
    var active: Bool
    var price: Double
    var note: String?
    var address: SchemaAddress
    var shipping: SchemaAddress?
    var lines: [SchemaLine]
    var colour: Colour
    var tags: [String]
}

struct ProfileParams: Codable, Sendable {
    var name: String
    var nickname: String?
    var age: Int
}

enum ProfileUpdate: RPCMethod {
    static let name = "profile.update"
    static let summary = "Updates a profile."
    static let access = Access.roles(.vendor, .ppk)
    typealias Params = ProfileParams
    typealias Result = SchemaSample
}

enum AccountList: RPCMethod {
    static let name = "account.list"
    static let summary = "Lists accounts."
    static let access = Access.authenticated
    static let isIdempotent = true
    typealias Params = EmptyParams
    typealias Result = [SchemaAddress]
}

@Suite("JSON Schema inference and the OpenRPC document")
struct SchemaAndOpenRPCTests {
    @Test("a struct's schema: types, required members, nesting, arrays and enums")
    func inference() throws {
        let (schema, error) = JSONSchemaInference.schema(for: SchemaSample.self)
        #expect(error == nil)
        #expect(schema["type"] == "object")
        #expect(schema["title"] == "SchemaSample")
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(
            Set(properties.keys) == [
                "name", "count", "active", "price", "note", "address", "shipping", "lines", "colour", "tags",
            ])
        #expect(properties["name"] == ["type": "string"])
        #expect(properties["count"] == ["type": "integer"])
        #expect(properties["active"] == ["type": "boolean"])
        #expect(properties["price"] == ["type": "number"])
        #expect(properties["note"] == ["type": "string"])
        #expect(properties["colour"] == ["type": "string", "enum": ["red", "green", "blue"]])
        #expect(properties["tags"] == ["type": "array", "items": ["type": "string"]])

        let required = Set(try #require(schema["required"]?.arrayValue).compactMap(\.stringValue))
        #expect(required == ["name", "count", "active", "price", "address", "lines", "colour", "tags"])

        let address: JSONValue = [
            "type": "object", "title": "SchemaAddress",
            "properties": ["street": ["type": "string"], "postcode": ["type": "string"]],
            "required": ["street"],
        ]
        #expect(properties["address"] == address)
        #expect(properties["shipping"] == address)
        #expect(
            properties["lines"]
                == [
                    "type": "array",
                    "items": [
                        "type": "object", "title": "SchemaLine",
                        "properties": ["sku": ["type": "string"], "quantity": ["type": "integer"]],
                        "required": ["sku", "quantity"],
                    ],
                ])
    }

    @Test("primitive and library types")
    func primitives() {
        #expect(JSONSchemaInference.schema(for: String.self).schema == ["type": "string"])
        #expect(JSONSchemaInference.schema(for: Int.self).schema == ["type": "integer"])
        #expect(
            JSONSchemaInference.schema(for: [Colour].self).schema == [
                "type": "array", "items": ["type": "string", "enum": ["red", "green", "blue"]],
            ])
        #expect(JSONSchemaInference.schema(for: EmptyParams.self).error == nil)
        #expect(JSONSchemaInference.schema(for: Role.self).schema["enum"]?.arrayValue?.count == Role.allCases.count)
        #expect(
            JSONSchemaInference.schema(for: HealthReport.self).schema["properties"]?["status"]?["enum"] == [
                "ok", "degraded",
            ])
    }

    static func table() -> RPCMethodTable {
        var table = RPCMethodTable()
        // Registered out of order on purpose.
        table.register(ProfileUpdate.self) { _, _ in
            SchemaSample(
                name: "", count: 0, active: false, price: 0, note: nil, address: SchemaAddress(street: ""),
                shipping: nil,
                lines: [], colour: .red, tags: [])
        }
        table.register(SystemHealth.self) { _, _ in
            HealthReport(
                status: .ok, service: "t", version: "1", uptimeSeconds: 0, databaseOK: true, freeDiskBytes: 0, pid: 1)
        }
        table.register(AccountList.self) { _, _ in [] }
        table.register(Subtract.self) { params, _ in params.minuend - params.subtrahend }
        table.register(ServiceOnly.self) { _, _ in "" }
        return table
    }

    @Test("the OpenRPC document")
    func openRPC() throws {
        let document = OpenRPCDocument.make(
            title: "Test", version: "1.2.3", description: "A test service.", table: Self.table())
        #expect(document["openrpc"] == "1.3.2")
        #expect(document["info"]?["title"] == "Test")
        #expect(document["info"]?["version"] == "1.2.3")
        #expect(document["info"]?["description"]?.stringValue?.hasPrefix("A test service.") == true)

        let methods = try #require(document["methods"]?.arrayValue)
        let names = methods.compactMap { $0["name"]?.stringValue }
        #expect(names == ["account.list", "profile.update", "subtract", "system.health", "test.serviceOnly"])

        let profile = try #require(methods.first { $0["name"] == "profile.update" })
        #expect(profile["summary"] == "Updates a profile.")
        #expect(profile["paramStructure"] == "by-name")
        #expect(
            profile["params"]
                == [
                    ["name": "age", "required": true, "schema": ["type": "integer"]],
                    ["name": "name", "required": true, "schema": ["type": "string"]],
                    ["name": "nickname", "required": false, "schema": ["type": "string"]],
                ])
        #expect(profile["result"]?["name"] == "profile.update.result")
        #expect(profile["result"]?["schema"]?["title"] == "SchemaSample")
        #expect(profile["x-access"] == ["kind": "roles", "roles": ["ppk", "vendor"]])
        #expect(profile["x-idempotent"] == false)
        #expect(profile["x-max-request-bytes"] == .integer(Int64(RPCLimits.defaultMaxRequestBytes)))
        // Error objects are inline (generators do not follow `$ref` there), each one of the table's.
        let profileErrors = try #require(profile["errors"]?.arrayValue)
        #expect(profileErrors.allSatisfy { $0["$ref"] == nil })
        #expect(Set(profileErrors.compactMap { $0["code"]?.int64Value }) == [-32602, 401, 403, 503])

        let accounts = try #require(methods.first { $0["name"] == "account.list" })
        #expect(accounts["params"] == [])
        #expect(accounts["x-idempotent"] == true)
        #expect(accounts["x-access"] == ["kind": "authenticated"])
        #expect(accounts["result"]?["schema"]?["type"] == "array")

        let health = try #require(methods.first { $0["name"] == "system.health" })
        #expect(health["x-access"] == ["kind": "anyone"])

        // The error table: the seven application codes, plus the specification's.
        let errors = try #require(document["components"]?["errors"]?.objectValue)
        let applicationCodes = errors.values.compactMap { $0["code"]?.int64Value }.filter { $0 > 0 }.sorted()
        #expect(applicationCodes == [401, 403, 404, 409, 422, 429, 503])
        for code in ApplicationErrorCode.allCases {
            #expect(errors[code.name]?["code"] == .integer(Int64(code.rawValue)))
            #expect(errors[code.name]?["message"] == .string(code.meaning))
        }
        let reservedCodes = Set(errors.values.compactMap { $0["code"]?.int64Value }.filter { $0 < 0 })
        #expect(reservedCodes == [-32700, -32600, -32601, -32602, -32603])

        // Every method's error objects are rows of the table.
        for method in methods {
            for object in method["errors"]?.arrayValue ?? [] {
                #expect(errors.values.contains(object), "\(object) is not in the error table")
            }
        }
        // The document is valid JSON text.
        #expect(try JSONValue(parsing: document.serialized) == document)
    }

    @Test("methods by area; a verb naming a Python builtin type comes last in its area")
    func methodOrder() {
        let names = [
            "order.list", "order.submit", "order.item.list", "order.item.add", "account.update", "account.list",
            "subtract",
        ]
        #expect(
            names.sorted(by: OpenRPCDocument.documentOrder)
                == [
                    "account.update", "account.list", "order.submit", "order.list", "order.item.add", "order.item.list",
                    "subtract",
                ])
    }

    @Test("required params come before optional ones, whatever their names")
    func requiredParamsFirst() throws {
        var table = RPCMethodTable()
        table.register(OrderedParamsMethod.self) { _, _ in "" }
        let document = OpenRPCDocument.make(
            title: "Test", version: "1.0.0", description: "A test service.", table: table)
        let method = try #require(document["methods"]?.arrayValue?.first)
        let params = try #require(method["params"]?.arrayValue)
        #expect(params.compactMap { $0["name"]?.stringValue } == ["kind", "zone", "after", "limit"])
        #expect(params.map { $0["required"] } == [true, true, false, false])
    }

    @Test("a method's recorded examples are Example Pairings, params in the order of its descriptors")
    func examplesArePairings() throws {
        var table = RPCMethodTable()
        table.register(OrderedParamsMethod.self) { _, _ in "" }
        let examples = [
            OpenRPCExample(
                method: "test.ordered", name: "A call", params: ["limit": 5, "zone": "z", "kind": "k"], result: "ok"),
            OpenRPCExample(method: "test.gone", name: "Of a method not served", params: [:], result: "x"),
        ]
        let document = OpenRPCDocument.make(
            title: "Test", version: "1.0.0", description: "A test service.", table: table, examples: examples)
        let method = try #require(document["methods"]?.arrayValue?.first)
        #expect(
            method["examples"]
                == [
                    [
                        "name": "A call",
                        "params": [
                            ["name": "kind", "value": "k"], ["name": "zone", "value": "z"],
                            ["name": "limit", "value": 5],
                        ],
                        "result": ["name": "test.ordered.result", "value": "ok"],
                    ]
                ])
        #expect(document["methods"]?.arrayValue?.count == 1)
        #expect(
            OpenRPCExample.parse(lines: OpenRPCExample.storedLines(examples) + "\nnot json\n") == examples.reversed())
    }
}

/// Params whose optional members sort before the required ones.
struct OrderedParams: Codable, Sendable {
    var zone: String
    var after: Int?
    var limit: Int?
    var kind: String
}

enum OrderedParamsMethod: RPCMethod {
    static let name = "test.ordered"
    static let summary = "Takes params whose optional members sort first."
    static let access = Access.anyone
    typealias Params = OrderedParams
    typealias Result = String
}
