import SiOpenProtocol
import Testing

/// A described params type, as the generator writes for a contract type.
struct DescribedParams: Codable, Sendable {
    var orderID: String
    var amount: DescribedAmount
    var lines: [DescribedLine]
    var note: String?
}

/// A single-value type stating its own schema with a description, like `Rupiah`.
struct DescribedAmount: Codable, Sendable, JSONSchemaDescribing {
    var value: Int64
    init(value: Int64) { self.value = value }
    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int64.self) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
    static var jsonSchema: JSONValue { ["type": "integer", "minimum": 0, "description": "Amount in whole rupiah."] }
    static var schemaExample: DescribedAmount { DescribedAmount(value: 1) }
}

struct DescribedLine: Codable, Sendable {
    var sku: String
}

extension DescribedParams: SchemaDescribed {
    static var schemaDescription: String { "What to pay." }
    static var fieldDescriptions: [String: String] {
        ["orderID": "The order's id.", "amount": "The amount paid", "lines": "The lines paid."]
    }
}

extension DescribedLine: SchemaDescribed {
    static var schemaDescription: String { "One line." }
    static var fieldDescriptions: [String: String] { ["sku": "The stock-keeping unit."] }
}

enum DescribedPay: RPCMethod {
    static let name = "test.pay"
    static let summary = "Pays."
    static let access = Access.roles(.treasurer)
    static let errors: [ApplicationErrorCode]? = [.notFound, .conflict]
    typealias Params = DescribedParams
    typealias Result = DescribedLine
}

enum UndeclaredPay: RPCMethod {
    static let name = "test.undeclared"
    static let summary = "Declares no errors."
    static let access = Access.anyone
    typealias Params = DescribedParams
    typealias Result = [DescribedLine]
}

@Suite("Schema descriptions and declared errors in the OpenRPC document")
struct SchemaDescriptionsTests {
    static func document() -> JSONValue {
        var table = RPCMethodTable()
        table.register(DescribedPay.self) { _, _ in DescribedLine(sku: "") }
        table.register(UndeclaredPay.self) { _, _ in [] }
        return OpenRPCDocument.make(title: "T", version: "1.0.0", description: "T.", table: table)
    }

    static func method(_ name: String) throws -> JSONValue {
        try #require(document()["methods"]?.arrayValue?.first { $0["name"]?.stringValue == name })
    }

    @Test("a described type's members carry their descriptions, through arrays, merged with a self-describing type's")
    func memberDescriptions() throws {
        let schema = JSONSchemaInference.schema(for: DescribedParams.self).schema
        #expect(schema["description"] == "What to pay.")
        #expect(schema["properties"]?["orderID"]?["description"] == "The order's id.")
        #expect(schema["properties"]?["amount"]?["description"] == "The amount paid. Amount in whole rupiah.")
        #expect(schema["properties"]?["amount"]?["minimum"] == 0)
        #expect(schema["properties"]?["lines"]?["description"] == "The lines paid.")
        #expect(schema["properties"]?["lines"]?["items"]?["description"] == "One line.")
        #expect(
            schema["properties"]?["lines"]?["items"]?["properties"]?["sku"]?["description"] == "The stock-keeping unit."
        )
        #expect(schema["properties"]?["note"]?["description"] == nil)
    }

    @Test("param and result descriptors carry the descriptions")
    func descriptors() throws {
        let pay = try Self.method("test.pay")
        let params = try #require(pay["params"]?.arrayValue)
        #expect(params.first { $0["name"] == "orderID" }?["description"] == "The order's id.")
        #expect(params.first { $0["name"] == "note" }?["description"] == nil)
        #expect(pay["result"]?["description"] == "One line.")
        #expect(try Self.method("test.undeclared")["result"]?["description"] == "A list; each: One line.")
    }

    @Test("a method lists -32602, its access rule's errors and its declared ones; an undeclared one is marked")
    func declaredErrors() throws {
        let pay = try Self.method("test.pay")
        // Error objects are inline (generators do not follow `$ref` there), in code order.
        let codes = try #require(pay["errors"]?.arrayValue).compactMap { $0["code"]?.int64Value }
        #expect(codes == [-32602, 401, 403, 404, 409, 503])
        #expect(pay["x-errors-undeclared"] == nil)
        let undeclared = try Self.method("test.undeclared")
        #expect(undeclared["x-errors-undeclared"] == true)
        // 503: a write, which a maintenance window refuses.
        #expect(undeclared["errors"]?.arrayValue?.compactMap { $0["code"]?.int64Value } == [-32602, 503])
    }
}
