import Foundation
import SiOpenProtocol
import Testing

/// Access rules, applied by the dispatcher before any handler runs.
@Suite("Access rules")
struct AccessTests {
    struct AccessCase: Sendable, CustomTestStringConvertible {
        let method: String
        let token: String?
        /// The error code expected, or `nil` for success.
        let code: Int64?
        /// The principal id the handler saw on success.
        let caller: String?

        var testDescription: String {
            "\(method) with \(token ?? "no token") → \(code.map { "error \($0)" } ?? "ok as \(caller ?? "?")")"
        }
    }

    static let cases: [AccessCase] = [
        // .anyone: works without a token, with a good token, and even with a bad one.
        AccessCase(method: "test.whoami", token: nil, code: nil, caller: "anonymous"),
        AccessCase(method: "test.whoami", token: "token-vendor", code: nil, caller: "user-vendor"),
        AccessCase(method: "test.whoami", token: "token-bogus", code: nil, caller: "anonymous"),
        // .authenticated: any signed-in user.
        AccessCase(method: "test.signedIn", token: nil, code: 401, caller: nil),
        AccessCase(method: "test.signedIn", token: "token-bogus", code: 401, caller: nil),
        AccessCase(method: "test.signedIn", token: "token-vendor", code: nil, caller: "user-vendor"),
        AccessCase(method: "test.signedIn", token: "token-orders", code: 401, caller: nil),
        // .roles(superAdmin, auditor).
        AccessCase(method: "test.adminOnly", token: nil, code: 401, caller: nil),
        AccessCase(method: "test.adminOnly", token: "token-bogus", code: 401, caller: nil),
        AccessCase(method: "test.adminOnly", token: "token-vendor", code: 403, caller: nil),
        AccessCase(method: "test.adminOnly", token: "token-admin", code: nil, caller: "user-admin"),
        AccessCase(method: "test.adminOnly", token: "token-auditor", code: nil, caller: "user-auditor"),
        AccessCase(method: "test.adminOnly", token: "token-orders", code: 403, caller: nil),
        // .service: user principals are refused.
        AccessCase(method: "test.serviceOnly", token: nil, code: 401, caller: nil),
        AccessCase(method: "test.serviceOnly", token: "token-admin", code: 403, caller: nil),
        AccessCase(method: "test.serviceOnly", token: "token-vendor", code: 403, caller: nil),
        AccessCase(method: "test.serviceOnly", token: "token-orders", code: nil, caller: "orders"),
    ]

    @Test("access rules through the dispatcher", arguments: cases)
    func access(_ example: AccessCase) async throws {
        let dispatcher = RPCDispatcher(table: TestMethods.table(), authenticator: TestAuthenticator())
        let auth = example.token.map { #","auth":"\#($0)""# } ?? ""
        let line = #"{"jsonrpc":"2.0","method":"\#(example.method)","id":1\#(auth)}"#
        let bytes = try #require(await dispatcher.handle(line: Array(line.utf8)))
        let response = try JSONValue(parsing: bytes)
        #expect(response["id"] == 1)
        if let code = example.code {
            #expect(response.errorCode == code, "\(response)")
            #expect(response["result"] == nil)
            let kind: JSONValue = code == 401 ? "unauthenticated" : "forbidden"
            #expect(response["error"]?["data"]?["kind"] == kind)
        } else {
            #expect(response["error"] == nil, "\(response)")
            #expect(response["result"] == example.caller.map(JSONValue.string))
        }
    }

    @Test("the default authenticator denies every token")
    func denyAllByDefault() async throws {
        let dispatcher = RPCDispatcher(table: TestMethods.table())
        let denied = try #require(
            await dispatcher.handle(
                line: Array(#"{"jsonrpc":"2.0","method":"test.adminOnly","id":1,"auth":"token-admin"}"#.utf8)))
        #expect(try JSONValue(parsing: denied).errorCode == 401)
        let open = try #require(
            await dispatcher.handle(
                line: Array(#"{"jsonrpc":"2.0","method":"test.whoami","id":2,"auth":"token-admin"}"#.utf8)))
        #expect(try JSONValue(parsing: open)["result"] == "anonymous")
    }

    @Test("an auth member that is not a string is an invalid request")
    func authOfWrongType() async throws {
        let dispatcher = RPCDispatcher(table: TestMethods.table(), authenticator: TestAuthenticator())
        let response = try #require(
            await dispatcher.handle(line: Array(#"{"jsonrpc":"2.0","method":"test.whoami","id":1,"auth":42}"#.utf8)))
        #expect(try JSONValue(parsing: response).errorCode == -32600)
    }

    @Test("the same rules hold over a live socket")
    func accessOverSocket() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            let denied = try await client.call(#"{"jsonrpc":"2.0","method":"test.adminOnly","id":1}"#)
            #expect(denied.errorCode == 401)
            let forbidden = try await client.call(
                #"{"jsonrpc":"2.0","method":"test.adminOnly","id":2,"auth":"token-vendor"}"#)
            #expect(forbidden.errorCode == 403)
            let allowed = try await client.call(
                #"{"jsonrpc":"2.0","method":"test.adminOnly","id":3,"auth":"token-admin"}"#)
            #expect(allowed["result"] == "user-admin")
        }
    }
}
