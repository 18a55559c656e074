import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage
import Testing

@Suite("ServiceHost in-process")
struct ServiceHostTests {
    @Test func databaseIsCreatedInWALMode() async throws {
        try await withDataDirectory { directory in
            let host = try ServiceHost.start(testServiceDefinition, configuration: testConfiguration(directory))
            let databasePath = directory + "/db/rtsvc.sqlite"
            #expect(host.environment.configuration.databasePath == databasePath)
            #expect(FileManager.default.fileExists(atPath: databasePath))
            #expect(host.environment.database.schemaVersion == 1)

            let mode = try await host.environment.database.read { try $0.queryOne("PRAGMA journal_mode")?.string(0) }
            #expect(mode?.lowercased() == "wal")

            let client = RPCClient(socketPath: host.environment.configuration.socketPath)
            let added = try await client.call(NoteAdd.self, .init(text: "hello"), timeout: .seconds(30))
            #expect(added.id == 1)
            #expect(FileManager.default.fileExists(atPath: databasePath + "-wal"))
            let stored = try await host.environment.database.read {
                try $0.queryOne("SELECT text FROM notes WHERE id = 1")?.string(0)
            }
            #expect(stored == "hello")
            await stop(host, closing: [client])
        }
    }

    @Test func healthOverTheSocket() async throws {
        try await withDataDirectory { directory in
            let configuration = testConfiguration(directory)
            let host = try ServiceHost.start(testServiceDefinition, configuration: configuration)
            #expect(configuration.socketPath == directory + "/run/rtsvc.sock")
            #expect(FileManager.default.fileExists(atPath: configuration.socketPath))

            let client = RPCClient(socketPath: configuration.socketPath)
            let report = try await client.call(SystemHealth.self, EmptyParams(), timeout: .seconds(30))
            #expect(report.status == .ok)
            #expect(report.service == "rtsvc")
            #expect(report.version == SiOpenVersion.current)
            #expect(report.databaseOK)
            #expect(report.freeDiskBytes > 0)
            #expect(report.uptimeSeconds >= 0)
            #expect(report.pid == getpid())
            await stop(host, closing: [client])
        }
    }

    @Test func discoveryDocument() async throws {
        try await withDataDirectory { directory in
            let configuration = testConfiguration(directory)
            let host = try ServiceHost.start(testServiceDefinition, configuration: configuration)
            let client = RPCClient(socketPath: configuration.socketPath)
            let document = try await client.call(RPCDiscover.self, EmptyParams(), timeout: .seconds(30))
            await stop(host, closing: [client])

            let version = document["openrpc"]?.stringValue ?? ""
            #expect(version.hasPrefix("1.3."), "openrpc is \(version)")
            #expect(document["info"]?["title"]?.stringValue?.contains("rtsvc") == true)
            #expect(document["info"]?["version"]?.stringValue == SiOpenVersion.current)

            let methods = document["methods"]?.arrayValue ?? []
            let names = Set(methods.compactMap { $0["name"]?.stringValue })
            // The service's own method plus what the runtime gives every service.
            #expect(
                names == [
                    "note.add", "system.health", "system.metrics", "rpc.discover", "events.read", "audit.read",
                    "audit.verify", "feed.deadLetters",
                ])

            let noteAdd = methods.first { $0["name"]?.stringValue == "note.add" }
            let params = noteAdd?["params"]?.arrayValue ?? []
            #expect(params.count == 1)
            #expect(params.first?["name"]?.stringValue == "text")
            #expect(params.first?["required"] == .bool(true))

            let errors = document["components"]?["errors"]
            #expect(errors?["method_not_found"]?["code"]?.int64Value == -32601)
            #expect(errors?["parse_error"]?["code"]?.int64Value == -32700)
            #expect(errors?["invalid_params"]?["code"]?.int64Value == -32602)
            for code in ApplicationErrorCode.allCases {
                #expect(
                    errors?[code.name]?["code"]?.int64Value == Int64(code.rawValue), "error table lacks \(code.name)")
            }
        }
    }

    @Test func unknownMethodIsMethodNotFound() async throws {
        try await withDataDirectory { directory in
            let configuration = testConfiguration(directory)
            let host = try ServiceHost.start(testServiceDefinition, configuration: configuration)
            let client = RPCClient(socketPath: configuration.socketPath)
            let error = await #expect(throws: RPCError.self) {
                try await client.callRaw(method: "no.such.method", params: nil, timeout: .seconds(30))
            }
            #expect(error?.code == -32601)
            await stop(host, closing: [client])
        }
    }

    @Test func secondInstanceOnTheSameDataDirectoryFails() async throws {
        try await withDataDirectory { directory in
            let configuration = testConfiguration(directory)
            let host = try ServiceHost.start(testServiceDefinition, configuration: configuration)
            let error = await #expect(throws: RPCServerError.self) {
                let second = try ServiceHost.start(testServiceDefinition, configuration: configuration)
                await second.stop()
            }
            if let error {
                guard case .alreadyRunning = error else {
                    Issue.record("expected alreadyRunning, got \(error)")
                    return
                }
            }
            // The refused start did not disturb the running one.
            #expect(FileManager.default.fileExists(atPath: configuration.socketPath))
            let client = RPCClient(socketPath: configuration.socketPath)
            let report = try await client.call(SystemHealth.self, EmptyParams(), timeout: .seconds(30))
            #expect(report.service == "rtsvc")
            #expect(report.databaseOK)
            await stop(host, closing: [client])
        }
    }

    @Test func refusedSecondInstanceDoesNotMigrateTheDatabase() async throws {
        try await withDataDirectory { directory in
            let configuration = testConfiguration(directory)
            let host = try ServiceHost.start(testServiceDefinition, configuration: configuration)
            // A newer build of the same service, started by mistake while the old one still runs.
            var newer = testServiceDefinition
            newer.migrations.append(Migration(version: 2, name: "tags", sql: "CREATE TABLE tags (name TEXT);"))
            await #expect(throws: RPCServerError.self) {
                let second = try ServiceHost.start(newer, configuration: configuration)
                await second.stop()
            }
            let version = try await host.environment.database.read { try $0.queryOne("PRAGMA user_version")?.int64(0) }
            #expect(version == 1, "the refused instance migrated the running instance's database")
            await stop(host)
        }
    }

    @Test func stopRemovesTheSocketAndReleasesTheLock() async throws {
        try await withDataDirectory { directory in
            let configuration = testConfiguration(directory)
            let host = try ServiceHost.start(testServiceDefinition, configuration: configuration)
            let client = RPCClient(socketPath: configuration.socketPath)
            _ = try await client.call(NoteAdd.self, .init(text: "kept"), timeout: .seconds(30))
            await stop(host, closing: [client])
            #expect(!FileManager.default.fileExists(atPath: configuration.socketPath))
            #expect(!host.environment.database.isHealthy())

            let unreachable = RPCClient(socketPath: configuration.socketPath)
            await #expect(throws: RPCError.self) {
                try await unreachable.call(SystemHealth.self, EmptyParams(), timeout: .seconds(5))
            }

            // The same data folder can be served again, with its data.
            let again = try ServiceHost.start(testServiceDefinition, configuration: configuration)
            let count = try await again.environment.database.read {
                try $0.queryOne("SELECT count(*) FROM notes")?.int64(0)
            }
            #expect(count == 1)
            #expect(again.environment.database.schemaVersion == 1)
            let fresh = RPCClient(socketPath: configuration.socketPath)
            let report = try await fresh.call(SystemHealth.self, EmptyParams(), timeout: .seconds(30))
            #expect(report.status == .ok)
            await stop(again, closing: [fresh])
            #expect(!FileManager.default.fileExists(atPath: configuration.socketPath))
        }
    }

    @Test func staleSocketFileIsReplaced() async throws {
        try await withDataDirectory { directory in
            let configuration = testConfiguration(directory)
            try FileManager.default.createDirectory(atPath: directory + "/run", withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: configuration.socketPath, contents: Data("stale".utf8)))
            let host = try ServiceHost.start(testServiceDefinition, configuration: configuration)
            let client = RPCClient(socketPath: configuration.socketPath)
            let report = try await client.call(SystemHealth.self, EmptyParams(), timeout: .seconds(30))
            #expect(report.status == .ok)
            await stop(host, closing: [client])
        }
    }

    @Test func freeDiskBytesOfAnExistingFolder() {
        #expect(ServiceHost.freeDiskBytes(at: "/tmp") > 0)
        #expect(ServiceHost.freeDiskBytes(at: "/no/such/folder/anywhere") == 0)
    }
}
