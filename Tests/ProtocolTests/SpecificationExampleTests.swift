import Foundation
import SiOpenProtocol
import Testing

/// One example of JSON-RPC 2.0 §7, sent as one line to a live server.
struct SpecificationExample: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        /// Nothing at all is written.
        case nothing
        /// One response object (or, for a batch, one array compared as a set).
        case response(String)
    }

    let name: String
    let request: String
    let expected: Expected

    init(_ name: String, _ request: String, _ expected: Expected) {
        self.name = name
        self.request = request
        self.expected = expected
    }

    var testDescription: String { name }
}

/// The examples of https://www.jsonrpc.org/specification §7, verbatim but on one line each
/// (the transport is one JSON text per line).
let specificationExamples: [SpecificationExample] = [
    .init(
        "positional parameters 1",
        #"{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}"#,
        .response(#"{"jsonrpc": "2.0", "result": 19, "id": 1}"#)),
    .init(
        "positional parameters 2",
        #"{"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2}"#,
        .response(#"{"jsonrpc": "2.0", "result": -19, "id": 2}"#)),
    .init(
        "named parameters 1",
        #"{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}"#,
        .response(#"{"jsonrpc": "2.0", "result": 19, "id": 3}"#)),
    .init(
        "named parameters 2",
        #"{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 4}"#,
        .response(#"{"jsonrpc": "2.0", "result": 19, "id": 4}"#)),
    .init(
        "notification",
        #"{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}"#,
        .nothing),
    .init(
        "notification of a method that does not exist",
        #"{"jsonrpc": "2.0", "method": "foobar"}"#,
        .nothing),
    .init(
        "non-existent method",
        #"{"jsonrpc": "2.0", "method": "foobar", "id": "1"}"#,
        .response(#"{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "1"}"#)),
    .init(
        "invalid JSON",
        #"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#,
        .response(#"{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}"#)),
    .init(
        "invalid Request object",
        #"{"jsonrpc": "2.0", "method": 1, "params": "bar"}"#,
        .response(#"{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}"#)),
    .init(
        "batch, invalid JSON",
        #"[ {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"}, {"jsonrpc": "2.0", "method" ]"#,
        .response(#"{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}"#)),
    .init(
        "empty array",
        #"[]"#,
        .response(#"{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}"#)),
    .init(
        "invalid batch, not empty",
        #"[1]"#,
        .response(#"[ {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null} ]"#)),
    .init(
        "invalid batch",
        #"[1,2,3]"#,
        .response(
            #"[ {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}, {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}, {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null} ]"#
        )),
    .init(
        "batch",
        #"[ {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"}, {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}, {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"}, {"foo": "boo"}, {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"}, {"jsonrpc": "2.0", "method": "get_data", "id": "9"} ]"#,
        .response(
            #"[ {"jsonrpc": "2.0", "result": 7, "id": "1"}, {"jsonrpc": "2.0", "result": 19, "id": "2"}, {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}, {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "5"}, {"jsonrpc": "2.0", "result": ["hello", 5], "id": "9"} ]"#
        )),
    .init(
        "batch, all notifications",
        #"[ {"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]}, {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]} ]"#,
        .nothing),
]

/// Each example is written to a live socket, followed by a marker request on the same
/// connection; the lines the server writes besides the marker's answer must be exactly the
/// specification's (compared as parsed JSON, `error.data` ignored, batch members as a set).
@Test("JSON-RPC 2.0 §7 examples against a live socket", arguments: specificationExamples)
func specificationExample(_ example: SpecificationExample) async throws {
    try await withServer { server in
        let client = try await server.connect()
        defer { client.close() }
        try await client.sendLine(example.request)
        switch example.expected {
        case .nothing:
            let written = try await client.responsesBeforeMarker(atLeast: 0)
            #expect(written.isEmpty, "expected no response, got \(written.map(\.serializedString))")
        case .response(let text):
            let expected = try json(text)
            let written = try await client.responsesBeforeMarker(atLeast: 1)
            try #require(written.count == 1, "expected one response, got \(written.map(\.serializedString))")
            #expect(written[0].canonicalResponse == expected.canonicalResponse)
        }
    }
}
