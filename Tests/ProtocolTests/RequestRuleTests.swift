import Foundation
import SiOpenProtocol
import Testing

/// The request rules beyond the specification's examples, each against a live server.
@Suite("Request rules")
struct RequestRuleTests {
    @Test(
        "jsonrpc other than exactly \"2.0\" is an invalid request, id echoed",
        arguments: [
            #"{"jsonrpc":"2.1","method":"get_data","id":7}"#,
            #"{"method":"get_data","id":7}"#,
            #"{"jsonrpc":2.0,"method":"get_data","id":7}"#,
            #"{"jsonrpc":"2.0 ","method":"get_data","id":7}"#,
            #"{"jsonrpc":null,"method":"get_data","id":7}"#,
        ])
    func wrongVersion(_ request: String) async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            let response = try await client.call(request)
            #expect(response.errorCode == -32600)
            #expect(response["id"] == 7)
            #expect(response["jsonrpc"] == "2.0")
            #expect(response["result"] == nil)
        }
    }

    @Test(
        "params that are neither object nor array are an invalid request",
        arguments: [#""bar""#, "5", "true", "null"])
    func paramsOfWrongType(_ params: String) async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            let response = try await client.call(#"{"jsonrpc":"2.0","method":"subtract","params":\#(params),"id":"p"}"#)
            #expect(response.errorCode == -32600)
            #expect(response["id"] == "p")
        }
    }

    @Test(
        "ids are echoed exactly",
        arguments: [
            "1", "0", "-1", "1.5", "-0", "1.0", "1e3", "-2.5E-7", "12345678901234567890",
            "-98765432109876543210987654321", #""abc""#, #""""#, #""a\"b\\c\u00e9\n/\ud83d\ude00""#,
            #""007""#, "null",
        ])
    func idEcho(_ idText: String) async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            try await client.sendLine(#"{"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":\#(idText)}"#)
            let line = try #require(try await client.readLine())
            let response = try JSONValue(parsing: line)
            let expected = try json(idText)
            // JSONValue keeps a number's text, so this also tells `1.0` from `1` and `-0` from `0`.
            #expect(response["id"] == expected)
            #expect(response["result"] == 19)
            if case .number = expected {
                let text = String(decoding: line, as: UTF8.self)
                #expect(text.contains(#""id":\#(idText)"#), "number id not written verbatim: \(text)")
            }
        }
    }

    @Test(
        "an id that is not a string, number or null is refused with id null",
        arguments: [#"{}"#, #"{"a":1}"#, "[1]", "true", "false"])
    func idOfWrongType(_ idText: String) async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            let response = try await client.call(#"{"jsonrpc":"2.0","method":"get_data","id":\#(idText)}"#)
            #expect(response.errorCode == -32600)
            #expect(response["id"] == .null)
        }
    }

    @Test("a batch of more than 100 requests is refused as a whole; 100 are served")
    func batchLimit() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            func batch(_ count: Int) -> String {
                "["
                    + (0..<count).map { #"{"jsonrpc":"2.0","method":"subtract","params":[\#($0),1],"id":\#($0)}"# }
                    .joined(separator: ",") + "]"
            }
            let refused = try await client.call(batch(101))
            #expect(refused.errorCode == -32600)
            #expect(refused["id"] == .null)

            let served = try await client.call(batch(100))
            let responses = try #require(served.arrayValue)
            #expect(responses.count == 100)
            let results = Dictionary(
                uniqueKeysWithValues: responses.compactMap { response in
                    response["id"]?.int64Value.map { ($0, response["result"]?.int64Value) }
                })
            #expect(results.count == 100)
            for id in Int64(0)..<100 { #expect(results[id] == id - 1) }
        }
    }

    struct InvalidParamsCase: Sendable, CustomTestStringConvertible {
        let method: String
        let params: String?
        let field: String
        var testDescription: String { "\(method) \(params ?? "(no params)") → \(field)" }
    }

    @Test(
        "-32602 names the offending field",
        arguments: [
            InvalidParamsCase(method: "test.greet", params: #"{"name":"ann"}"#, field: "count"),
            InvalidParamsCase(method: "test.greet", params: #"{"name":"ann","count":"x"}"#, field: "count"),
            InvalidParamsCase(method: "test.greet", params: #"{"name":"ann","count":null}"#, field: "count"),
            InvalidParamsCase(method: "test.greet", params: #"{"name":"ann","count":1.5}"#, field: "count"),
            InvalidParamsCase(method: "test.greet", params: #"{"count":2}"#, field: "name"),
            InvalidParamsCase(method: "test.greet", params: #"{"name":5,"count":2}"#, field: "name"),
            InvalidParamsCase(method: "test.greet", params: nil, field: "name"),
            InvalidParamsCase(method: "test.greet", params: #"["ann",2]"#, field: "params"),
            InvalidParamsCase(
                method: "test.order", params: #"{"items":[{"sku":"a","quantity":1},{"sku":"b","quantity":"x"}]}"#,
                field: "items[1].quantity"),
            InvalidParamsCase(
                method: "test.order", params: #"{"items":[{"sku":"a","quantity":1},{"sku":"b"}]}"#,
                field: "items[1].quantity"),
            InvalidParamsCase(method: "test.order", params: #"{"items":{"sku":"a","quantity":1}}"#, field: "items"),
            InvalidParamsCase(method: "test.greet", params: #"{"name":"ann","count":1e30}"#, field: "count"),
            InvalidParamsCase(
                method: "test.order", params: #"{"items":[{"sku":"a","quantity":1.5},{"sku":"b","quantity":2}]}"#,
                field: "items[0].quantity"),
            InvalidParamsCase(
                method: "test.order", params: #"{"items":[{"sku":"a","quantity":1},{"sku":"b","quantity":-2.5}]}"#,
                field: "items[1].quantity"),
            // Positional params name the position.
            InvalidParamsCase(method: "subtract", params: #"[42]"#, field: "[1]"),
            InvalidParamsCase(method: "subtract", params: #"[42,"x"]"#, field: "[1]"),
        ])
    func invalidParams(_ example: InvalidParamsCase) async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            let params = example.params.map { #","params":\#($0)"# } ?? ""
            let response = try await client.call(#"{"jsonrpc":"2.0","method":"\#(example.method)"\#(params),"id":1}"#)
            #expect(response.errorCode == -32602, "\(response)")
            #expect(response.firstErrorField == example.field, "\(response)")
            #expect(response.errorMessage == "Invalid params")
            #expect(response["id"] == 1)
        }
    }

    @Test("valid params reach the handler")
    func validParams() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            let greeting = try await client.call(
                #"{"jsonrpc":"2.0","method":"test.greet","params":{"name":"ann","count":2},"id":1}"#)
            #expect(greeting["result"] == "hello ann, hello ann")
            let order = try await client.call(
                #"{"jsonrpc":"2.0","method":"test.order","params":{"items":[{"sku":"a","quantity":2},{"sku":"b","quantity":3}]},"id":2}"#
            )
            #expect(order["result"] == 5)
        }
    }

    @Test("a handler that throws a non-RPC error gives -32603, and the server keeps answering")
    func internalError() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            for round in 0..<3 {
                let failed = try await client.call(#"{"jsonrpc":"2.0","method":"test.failInternal","id":"f\#(round)"}"#)
                #expect(failed.errorCode == -32603)
                #expect(failed.errorMessage == "Internal error")
                #expect(failed["id"] == .string("f\(round)"))
                #expect(!failed.serializedString.contains("InternalBoom"), "internal details leaked: \(failed)")
                let next = try await client.call(
                    #"{"jsonrpc":"2.0","method":"subtract","params":[5,3],"id":\#(round)}"#)
                #expect(next["result"] == 2)
            }
            let other = try await server.connect()
            defer { other.close() }
            #expect(try await other.call(#"{"jsonrpc":"2.0","method":"get_data","id":1}"#)["result"] == ["hello", 5])
        }
    }

    @Test("an RPCError thrown by a handler is returned as is")
    func applicationError() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            let response = try await client.call(#"{"jsonrpc":"2.0","method":"test.failRPC","id":9}"#)
            #expect(response["error"] == conflictError.jsonValue)
            #expect(response["error"]?["code"] == 409)
            #expect(response["error"]?["data"]?["currentState"] == "paid")
            #expect(response["id"] == 9)
        }
    }

    @Test(
        "a valid notification gets no response, even when it fails",
        arguments: [
            #"{"jsonrpc":"2.0","method":"test.failInternal"}"#,
            #"{"jsonrpc":"2.0","method":"test.failRPC"}"#,
            #"{"jsonrpc":"2.0","method":"test.greet","params":{"name":"ann"}}"#,
            #"{"jsonrpc":"2.0","method":"test.adminOnly"}"#,
            #"{"jsonrpc":"2.0","method":"no.such.method","params":[]}"#,
        ])
    func silentNotifications(_ notification: String) async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            try await client.sendLine(notification)
            let written = try await client.responsesBeforeMarker(atLeast: 0)
            #expect(written.isEmpty, "\(written)")
        }
    }

    @Test("\\r\\n line ends are accepted")
    func crlf() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            try await client.send(
                Array(#"{"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":1}"#.utf8) + [0x0D, 0x0A])
            let first = try await client.readJSON()
            #expect(first["result"] == 19)
            #expect(first["id"] == 1)
            // Two requests in one write, both CRLF-terminated.
            try await client.send(
                Array(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2],\"id\":2}\r\n{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[3,4],\"id\":3}\r\n"
                        .utf8))
            let responses = try await client.responsesBeforeMarker(atLeast: 2)
            #expect(
                Set(responses) == [
                    ["jsonrpc": "2.0", "result": 3, "id": 2], ["jsonrpc": "2.0", "result": 7, "id": 3],
                ])
        }
    }

    @Test("blank lines are ignored")
    func blankLines() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            try await client.send(Array("\n\n   \n\t\r\n\r\n".utf8))
            try await client.sendLine(#"{"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":1}"#)
            try await client.send(Array("\n\n".utf8))
            let responses = try await client.responsesBeforeMarker(atLeast: 1)
            #expect(responses == [["jsonrpc": "2.0", "result": 19, "id": 1]])
        }
    }

    @Test(
        "invalid UTF-8 is a parse error",
        arguments: [
            [0xFF],
            [0xC3],  // truncated two-byte sequence
            [0xC0, 0xAF],  // overlong '/'
            [0xED, 0xA0, 0x80],  // a UTF-16 surrogate encoded in UTF-8
            [0xF8, 0x88, 0x80, 0x80, 0x80],  // five-byte form
        ] as [[UInt8]])
    func invalidUTF8(_ bad: [UInt8]) async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            // Inside a string member…
            try await client.send(
                Array(#"{"jsonrpc":"2.0","method":"test.echo","params":{"s":"a"#.utf8) + bad
                    + Array(#"b"},"id":1}"#.utf8) + [0x0A])
            let inString = try await client.readJSON()
            #expect(inString.errorCode == -32700)
            #expect(inString["id"] == .null)
            // …and outside any string.
            try await client.send(Array(#"{"jsonrpc":"2.0","method":"get_data","id":2}"#.utf8) + bad + [0x0A])
            let outside = try await client.readJSON()
            #expect(outside.errorCode == -32700)
            #expect(outside["id"] == .null)
            // The connection still works.
            #expect(try await client.call(#"{"jsonrpc":"2.0","method":"sum","params":[1,1],"id":3}"#)["result"] == 2)
        }
    }
}
