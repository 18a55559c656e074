// Documented bounds on params members: checked by the dispatch table before a handler runs (422
// naming each field out of range) and shown as minimum/maximum in the params schema.
import Foundation
import SiOpenProtocol
import Testing

private struct Line: Codable, Sendable {
    var itemID: String
    var quantity: Int
}

private struct Order: Codable, Sendable, BoundedParams {
    var items: [Line]
    var cost: Int64?
    var nested: [[Int]]?

    static var integerBounds: [IntegerBound] {
        [
            IntegerBound("quantity", 1...1_000).nested(under: "items[]"), IntegerBound("cost", 0...500),
            IntegerBound("nested[][]", 0...9),
        ]
    }
}

private enum Place: RPCMethod {
    static let name = "test.place"
    static let summary = "Places an order."
    static let access = Access.anyone
    typealias Params = Order
    typealias Result = Int
}

@Suite("Input bounds")
struct InputBoundsTests {
    private func dispatcher(calls: LockedCounter) -> RPCDispatcher {
        var table = RPCMethodTable()
        table.register(Place.self) { params, _ in
            calls.increment()
            return params.items.reduce(0) { $0 + $1.quantity }
        }
        return RPCDispatcher(table: table)
    }

    private func call(_ dispatcher: RPCDispatcher, _ params: String) async throws -> JSONValue {
        let line = #"{"jsonrpc":"2.0","id":1,"method":"test.place","params":"# + params + "}"
        return try JSONValue(parsing: try #require(await dispatcher.handle(line: Array(line.utf8))))
    }

    @Test func outOfRangeMembersAre422NamingEachFieldAndNeverReachTheHandler() async throws {
        let calls = LockedCounter()
        let dispatcher = dispatcher(calls: calls)
        let refused = try await call(
            dispatcher,
            #"{"items":[{"itemID":"a","quantity":1},{"itemID":"b","quantity":9223372036854775807}],"cost":-1,"nested":[[1],[3,10]]}"#
        )
        #expect(refused["error"]?["code"]?.int64Value == 422)
        let fields = refused["error"]?["data"]?["fields"]?.arrayValue?.compactMap { $0["field"]?.stringValue }
        #expect(fields == ["items[1].quantity", "cost", "nested[1][1]"])
        #expect(
            refused["error"]?["data"]?["fields"]?.arrayValue?.first?["reason"]?.stringValue == "must be from 1 to 1000")
        #expect(calls.value == 0)

        // Absent and null members are not bounded; in-range values pass to the handler.
        let accepted = try await call(
            dispatcher, #"{"items":[{"itemID":"a","quantity":1},{"itemID":"b","quantity":1000}],"cost":null}"#)
        #expect(accepted["result"]?.int64Value == 1001)
        #expect(calls.value == 1)

        // Beyond Int64 is still the decoder's -32602.
        let huge = try await call(dispatcher, #"{"items":[{"itemID":"a","quantity":9223372036854775808}]}"#)
        #expect(huge["error"]?["code"]?.int64Value == -32602)
    }

    @Test func boundsAppearInTheParamsSchema() throws {
        let schema = InputBounds.schema(for: Order.self).schema
        let quantity = schema["properties"]?["items"]?["items"]?["properties"]?["quantity"]
        #expect(quantity?["minimum"]?.int64Value == 1)
        #expect(quantity?["maximum"]?.int64Value == 1_000)
        #expect(schema["properties"]?["cost"]?["maximum"]?.int64Value == 500)
        #expect(schema["properties"]?["nested"]?["items"]?["items"]?["maximum"]?.int64Value == 9)
        var table = RPCMethodTable()
        table.register(Place.self) { _, _ in 0 }
        let document = OpenRPCDocument.make(title: "t", version: "1", description: "d", table: table)
        let items = document["methods"]?.arrayValue?.first?["params"]?.arrayValue?.first {
            $0["name"]?.stringValue == "items"
        }
        #expect(items?["schema"]?["items"]?["properties"]?["quantity"]?["maximum"]?.int64Value == 1_000)
    }
}

private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
