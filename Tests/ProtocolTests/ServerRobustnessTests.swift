import Foundation
import SiOpenProtocol
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The server against hostile, broken, slow and numerous clients.
@Suite("RPCServer robustness")
struct ServerRobustnessTests {
    static let subtractLine = #"{"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":7}"#

    @Test("binary garbage gets an error response; the connection and the server keep working")
    func binaryGarbage() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            var generator = SystemRandomNumberGenerator()
            for round in 0..<5 {
                var garbage: [UInt8] = [0x00]
                garbage += (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }.filter { $0 != 0x0A }
                garbage.append(0x00)
                try await client.send(garbage + [0x0A])
                let response = try await client.readJSON()
                #expect(response.errorCode == -32700, "\(response)")
                #expect(response["id"] == .null)
                let next = try await client.call(
                    #"{"jsonrpc":"2.0","method":"sum","params":[\#(round),1],"id":\#(round)}"#)
                #expect(next["result"] == .integer(Int64(round + 1)))
            }
            let other = try await server.connect()
            defer { other.close() }
            #expect(try await other.call(Self.subtractLine)["result"] == 19)
        }
    }

    @Test("a message over the size limit gets one -32600 and the connection goes on")
    func oversizeMessage() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            // 1.5 MiB without a newline, then the newline.
            var message = Array(#"{"jsonrpc":"2.0","method":"test.echo","params":{"s":""#.utf8)
            message += [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 19)
            message += Array(#""},"id":1}"#.utf8)
            try await client.send(message)
            try await client.send([0x0A])
            let refused = try await client.readJSON()
            #expect(refused.errorCode == -32600, "\(refused)")
            #expect(refused["id"] == .null)
            // The very next line is the answer to the next request: nothing else was written.
            let next = try await client.call(Self.subtractLine)
            #expect(next["result"] == 19)
            #expect(next["id"] == 7)
            // And a request just under the limit is still served.
            let fill = RPCLimits.defaultMaxRequestBytes - 200
            let large =
                #"{"jsonrpc":"2.0","method":"test.echo","params":{"s":"\#(String(repeating: "b", count: fill))"},"id":2}"#
            let echoed = try await client.call(large)
            #expect(echoed["result"]?["s"]?.stringValue?.utf8.count == fill)
        }
    }

    @Test("a request written one byte at a time is answered")
    func byteByByte() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            let bytes = Array(Self.subtractLine.utf8) + [0x0A]
            try await onThread {
                for byte in bytes {
                    try client.writeBlocking([byte])
                    usleep(2000)
                }
            }
            let response = try await client.readJSON()
            #expect(response["result"] == 19)
            #expect(response["id"] == 7)
        }
    }

    @Test("a client that sends half a message and closes does not disturb others")
    func halfMessageThenClose() async throws {
        try await withServer { server in
            let bystander = try await server.connect()
            defer { bystander.close() }
            for _ in 0..<10 {
                let quitter = try await server.connect()
                try await quitter.send(Array(#"{"jsonrpc":"2.0","method":"subtract","par"#.utf8))
                quitter.close()
            }
            #expect(try await bystander.call(Self.subtractLine)["result"] == 19)
            let newcomer = try await server.connect()
            defer { newcomer.close() }
            #expect(try await newcomer.call(Self.subtractLine)["result"] == 19)
            try await waitUntil("the closed connections are released") { server.server.connectionCount == 2 }
        }
    }

    @Test("500 simultaneous connections each get an answer")
    func manyConnections() async throws {
        try await withServer { server in
            let path = server.socketPath
            let answers: [Int: JSONValue] = try await onThread {
                var clients: [RawClient] = []
                defer { for client in clients { client.close() } }
                for _ in 0..<500 { clients.append(try RawClient(path: path)) }
                for (index, client) in clients.enumerated() {
                    try client.writeBlocking(
                        Array(#"{"jsonrpc":"2.0","method":"subtract","params":[\#(index),1],"id":\#(index)}"#.utf8) + [
                            0x0A
                        ])
                }
                var answers: [Int: JSONValue] = [:]
                for (index, client) in clients.enumerated() { answers[index] = try client.readJSONBlocking() }
                return answers
            }
            #expect(answers.count == 500)
            for (index, response) in answers {
                #expect(response["id"] == .integer(Int64(index)))
                #expect(response["result"] == .integer(Int64(index - 1)))
            }
        }
    }

    @Test("200 pipelined requests written at once are all answered")
    func pipelined() async throws {
        try await withServer { server in
            let client = try await server.connect()
            defer { client.close() }
            var bytes: [UInt8] = []
            for id in 0..<200 {
                bytes += Array(
                    #"{"jsonrpc":"2.0","method":"subtract","params":[\#(id * 3),\#(id)],"id":"r\#(id)"}"#.utf8)
                bytes.append(0x0A)
            }
            try await client.send(bytes)
            var results: [String: JSONValue] = [:]
            for _ in 0..<200 {
                let response = try await client.readJSON()
                let id = try #require(response["id"]?.stringValue)
                #expect(results[id] == nil, "answered twice: \(id)")
                results[id] = response["result"]
            }
            #expect(results.count == 200)
            for id in 0..<200 { #expect(results["r\(id)"] == .integer(Int64(id * 2))) }
        }
    }

    @Test("a client that never reads does not stop another client from being served")
    func nonReadingClient() async throws {
        try await withServer { server in
            // The flooder asks for 16 KiB answers and never reads them; its writes time out once
            // the server stops reading from it (back-pressure).
            let flooder = try await onThread { [path = server.socketPath] in
                try RawClient(path: path, sendTimeout: .seconds(2))
            }
            defer { flooder.close() }
            let batch = Array(
                String(
                    repeating: #"{"jsonrpc":"2.0","method":"test.blob","params":{"bytes":16384},"id":1}"# + "\n",
                    count: 50
                )
                .utf8)
            let blocked: Bool = try await onThread {
                for _ in 0..<400 {  // at most 20,000 requests, about 320 MiB of answers
                    do {
                        try flooder.writeBlocking(batch)
                    } catch let error as SocketError
                        where error.errorNumber == EAGAIN || error.errorNumber == EWOULDBLOCK
                    {
                        return true
                    }
                }
                return false
            }
            #expect(blocked, "the server kept reading from a client that never reads")
            let other = try await server.connect()
            defer { other.close() }
            #expect(try await other.call(Self.subtractLine)["result"] == 19)
            let client = RPCClient(socketPath: server.socketPath, defaultTimeout: ioTimeout)
            defer { client.close() }
            #expect(try await client.call(Subtract.self, SubtractParams(minuend: 10, subtrahend: 4)) == 6)
        }
    }

    @Test("a second server on a live socket path fails with alreadyRunning")
    func secondServer() async throws {
        try await withServer { first in
            let second = RPCServer(socketPath: first.socketPath, dispatcher: RPCDispatcher(table: TestMethods.table()))
            do {
                try second.start()
                Issue.record("a second server started on a live socket")
                await second.shutdown()
            } catch RPCServerError.alreadyRunning(let path) {
                #expect(path == first.socketPath)
            }
            let client = try await first.connect()
            defer { client.close() }
            #expect(try await client.call(Self.subtractLine)["result"] == 19)
        }
    }

    @Test("a stale socket file with no live owner is replaced")
    func staleSocket() async throws {
        let directory = try makeShortTemporaryDirectory(prefix: "spt")
        defer { removeDirectory(directory) }
        let path = directory + "/svc.sock"
        try makeStaleSocketFile(at: path)
        #expect(FileManager.default.createFile(atPath: path + ".lock", contents: nil))
        #expect(socketFileMode(path)?.isSocket == true)
        #expect(throws: SocketError.self) { try UnixSocket.connect(to: path) }

        let server = try TestServer(directory: directory)
        let client = try await server.connect()
        defer { client.close() }
        #expect(try await client.call(Self.subtractLine)["result"] == 19)
        await server.server.shutdown()
    }

    @Test("the socket file has mode 0660")
    func socketMode() async throws {
        try await withServer { server in
            let mode = try #require(socketFileMode(server.socketPath))
            #expect(mode.isSocket)
            #expect(mode.permissions == 0o660, "mode is \(String(mode.permissions, radix: 8))")
        }
    }

    @Test("after shutdown the socket file is gone and a request in flight got its answer")
    func gracefulShutdown() async throws {
        let server = try TestServer.start()
        defer { removeDirectory(server.directory) }
        let client = try await server.connect()
        defer { client.close() }
        let tag = UUID().uuidString
        try await client.sendLine(
            #"{"jsonrpc":"2.0","method":"test.sleep","params":{"milliseconds":300,"tag":"\#(tag)"},"id":"slow"}"#)
        try await waitUntil("the slow handler runs") { handlerProbe.hasStarted(tag) }

        await server.server.shutdown()

        #expect(!FileManager.default.fileExists(atPath: server.socketPath))
        let response = try await client.readJSON()
        #expect(response["result"] == 300)
        #expect(response["id"] == "slow")
        #expect(try await client.readsEndOfStream(), "the connection stays open after shutdown")
        #expect(throws: SocketError.self) { try UnixSocket.connect(to: server.socketPath) }
    }

    @Test("a handler that outlives shutdown's grace period finishes safely after the server is released")
    func handlerOutlivesServer() async throws {
        let tag = UUID().uuidString
        let directory = try makeShortTemporaryDirectory(prefix: "spt")
        defer { removeDirectory(directory) }
        // In its own scope, so that nothing here keeps the server alive afterwards.
        func startSlowRequestAndShutDown() async throws -> RawClient {
            var configuration = RPCServerConfiguration()
            configuration.shutdownGracePeriod = .milliseconds(20)
            let server = try TestServer(directory: directory, configuration: configuration)
            let client = try await server.connect()
            try await client.sendLine(
                #"{"jsonrpc":"2.0","method":"test.sleep","params":{"milliseconds":500,"tag":"\#(tag)"},"id":1}"#)
            try await waitUntil("the slow handler runs") { handlerProbe.hasStarted(tag) }
            await server.server.shutdown()
            return client
        }
        let client = try await startSlowRequestAndShutDown()
        defer { client.close() }
        // Whether the answer made it before the grace period ended depends on scheduling; the
        // connection is closed either way.
        if try await client.readLine() != nil { #expect(try await client.readsEndOfStream()) }
        try await waitUntil("the slow handler finishes") { handlerProbe.hasFinished(tag) }
        // Give the handler's completion time to run; it used to touch the released server.
        try await Task.sleep(for: .milliseconds(200))
    }

    @Test("starting servers does not change the mode of files other threads create meanwhile")
    func processUmaskUntouched() async throws {
        let directory = try makeShortTemporaryDirectory(prefix: "spt")
        defer { removeDirectory(directory) }
        let starting = SharedFlag(true)
        // One thread creates directories with mode 0700 while servers start and stop; the
        // process-wide umask must not strip bits from them (0600 would be an unusable folder).
        let creator: [String] = try await withThrowingTaskGroup(of: [String].self) { group in
            group.addTask {
                try await onThread {
                    var wrong: [String] = []
                    var index = 0
                    while starting.value || index < 100 {
                        let path = directory + "/d\(index)"
                        guard mkdir(path, 0o700) == 0 else { throw TestFailure("mkdir \(path): errno \(errno)") }
                        var info = stat()
                        _ = stat(path, &info)
                        if info.st_mode & 0o700 != 0o700 {
                            wrong.append("\(path): \(String(info.st_mode & 0o777, radix: 8))")
                        }
                        rmdir(path)
                        index += 1
                    }
                    return wrong
                }
            }
            group.addTask {
                defer { starting.value = false }
                for round in 0..<100 {
                    let server = try TestServer(directory: directory, socketName: "s\(round % 4).sock")
                    await server.server.shutdown()
                }
                return []
            }
            var all: [String] = []
            for try await wrong in group { all += wrong }
            return all
        }
        let wrongModes = creator.count
        #expect(wrongModes == 0, "created with the wrong mode, e.g. \(creator.first ?? "")")
    }

    @Test("a server can be started again on the same path after shutdown")
    func restartOnSamePath() async throws {
        let first = try TestServer.start()
        defer { removeDirectory(first.directory) }
        await first.server.shutdown()
        let second = try TestServer(directory: first.directory)
        let client = try await second.connect()
        defer { client.close() }
        #expect(try await client.call(Self.subtractLine)["result"] == 19)
        await second.server.shutdown()
    }
}
