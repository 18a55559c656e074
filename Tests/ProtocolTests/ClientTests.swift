import Foundation
import SiOpenProtocol
import SiOpenTestSupport
import Testing

/// ``RPCClient`` against a live server.
@Suite("RPCClient")
struct ClientTests {
    @Test("a typed call round trip")
    func typedCall() async throws {
        try await withServer { server in
            let client = RPCClient(socketPath: server.socketPath, defaultTimeout: ioTimeout)
            defer { client.close() }
            #expect(try await client.call(Subtract.self, SubtractParams(minuend: 42, subtrahend: 23)) == 19)
            #expect(try await client.call(Greet.self, GreetParams(name: "ann", count: 2)) == "hello ann, hello ann")
            let order = OrderParams(items: [OrderItem(sku: "a", quantity: 2), OrderItem(sku: "b", quantity: 5)])
            #expect(try await client.call(PlaceOrder.self, order) == 7)
            #expect(try await client.call(GetData.self, EmptyParams()) == ["hello", 5])
            #expect(try await client.call(AdminOnly.self, EmptyParams(), token: "token-admin") == "user-admin")
            let raw = try await client.callRaw(method: "sum", params: [1, 2, 4])
            #expect(raw == 7)
        }
    }

    @Test("a server error arrives as the same RPCError")
    func serverErrors() async throws {
        try await withServer { server in
            let client = RPCClient(socketPath: server.socketPath, defaultTimeout: ioTimeout)
            defer { client.close() }
            await #expect(throws: conflictError) { try await client.call(FailRPC.self, EmptyParams()) }
            let forbidden = await #expect(throws: RPCError.self) {
                try await client.call(AdminOnly.self, EmptyParams(), token: "token-vendor")
            }
            #expect(forbidden?.code == 403)
            let notFound = await #expect(throws: RPCError.self) {
                try await client.callRaw(method: "no.such.method", params: nil)
            }
            #expect(notFound?.code == -32601)
            // The connection is still fine afterwards.
            let afterwards = try await client.call(Subtract.self, SubtractParams(minuend: 1, subtrahend: 1))
            #expect(afterwards == 0)
        }
    }

    @Test("calling a socket nobody listens on gives 503 naming the service")
    func nobodyListening() async throws {
        let directory = try makeShortTemporaryDirectory(prefix: "spt")
        defer { removeDirectory(directory) }
        let unnamed = RPCClient(socketPath: directory + "/catalog.sock", defaultTimeout: ioTimeout)
        let derived = await #expect(throws: RPCError.self) {
            try await unnamed.call(Subtract.self, SubtractParams(minuend: 1, subtrahend: 1))
        }
        #expect(derived?.code == 503)
        #expect(derived?.message.contains("catalog") == true, "\(String(describing: derived))")

        // A stale socket file with nobody listening behaves the same.
        try makeStaleSocketFile(at: directory + "/orders.sock")
        let named = RPCClient(
            socketPath: directory + "/orders.sock", serviceName: "Orders service", defaultTimeout: ioTimeout)
        let refused = await #expect(throws: RPCError.self) { try await named.call(Ping.self, EmptyParams()) }
        #expect(refused?.code == 503)
        #expect(refused?.message.contains("Orders service") == true, "\(String(describing: refused))")
    }

    @Test("a call that is not answered in time fails with 503")
    func perCallTimeout() async throws {
        try await withServer { server in
            let client = RPCClient(socketPath: server.socketPath, serviceName: "sleepy", defaultTimeout: ioTimeout)
            defer { client.close() }
            let error = await #expect(throws: RPCError.self) {
                try await client.call(Sleep.self, SleepParams(milliseconds: 5000), timeout: .milliseconds(200))
            }
            #expect(error?.code == 503)
            #expect(error?.message.contains("did not answer") == true, "\(String(describing: error))")
            #expect(error?.message.contains("sleepy") == true, "\(String(describing: error))")
            // The late answer does not confuse the next call on the same client.
            let next = try await client.call(Subtract.self, SubtractParams(minuend: 3, subtrahend: 1))
            #expect(next == 2)
        }
    }

    @Test("concurrent calls on one client all get their own answers")
    func concurrentCalls() async throws {
        try await withServer { server in
            let client = RPCClient(socketPath: server.socketPath, defaultTimeout: ioTimeout)
            defer { client.close() }
            let results = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        if index % 10 == 0 {
                            // A few slow ones, so answers come back out of order.
                            return (
                                index, try await client.call(Sleep.self, SleepParams(milliseconds: 20 + index / 10))
                            )
                        }
                        return (
                            index,
                            try await client.call(Subtract.self, SubtractParams(minuend: index * 2, subtrahend: index))
                        )
                    }
                }
                var results: [Int: Int] = [:]
                for try await (index, result) in group { results[index] = result }
                return results
            }
            #expect(results.count == 200)
            for index in 0..<200 {
                #expect(results[index] == (index % 10 == 0 ? 20 + index / 10 : index))
            }
        }
    }

    @Test("closing a client whose connection died does not shut down another socket that reuses its descriptor")
    func noUseOfClosedDescriptor() async throws {
        let first = try TestServer.start()
        defer { removeDirectory(first.directory) }
        try await withServer { second in
            let client = RPCClient(socketPath: first.socketPath, defaultTimeout: ioTimeout)
            #expect(try await client.call(Ping.self, EmptyParams()) == "pong")
            await first.server.shutdown()
            // Once this fails, the client's reader thread has seen the end of stream and
            // closes the descriptor (at once, or in a moment).
            await #expect(throws: RPCError.self) { try await client.call(Ping.self, EmptyParams()) }
            try await Task.sleep(for: .milliseconds(100))
            // New sockets take the lowest free descriptor numbers, the closed one among them.
            var others: [RawClient] = []
            defer { for other in others { other.close() } }
            for _ in 0..<20 { others.append(try await second.connect()) }
            client.close()
            for (index, other) in others.enumerated() {
                let response = try await other.call(
                    #"{"jsonrpc":"2.0","method":"sum","params":[\#(index),1],"id":\#(index)}"#)
                #expect(response["result"] == .integer(Int64(index + 1)))
            }
        }
    }

    @Test("the client reconnects after the server restarts on the same path")
    func reconnect() async throws {
        let first = try TestServer.start()
        defer { removeDirectory(first.directory) }
        let client = RPCClient(socketPath: first.socketPath, defaultTimeout: ioTimeout)
        defer { client.close() }
        #expect(try await client.call(Ping.self, EmptyParams()) == "pong")

        await first.server.shutdown()
        let down = await #expect(throws: RPCError.self) { try await client.call(Ping.self, EmptyParams()) }
        #expect(down?.code == 503)

        let second = try TestServer(directory: first.directory)
        #expect(try await client.call(Ping.self, EmptyParams()) == "pong")
        #expect(try await client.call(Subtract.self, SubtractParams(minuend: 9, subtrahend: 4)) == 5)
        await second.server.shutdown()
    }
}
