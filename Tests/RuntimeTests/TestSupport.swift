import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `body` with a fresh short directory that is removed afterwards.
func withDataDirectory<R>(_ body: (String) async throws -> R) async throws -> R {
    let directory = try makeShortTemporaryDirectory(prefix: "sirt")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}

/// The repository root, found from this file's path (`Tests/RuntimeTests/<file>`).
let repositoryRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The one method of the test service: stores a note and returns its row id.
enum NoteAdd: RPCMethod {
    static let name = "note.add"
    static let summary = "Stores a note (test method)."
    static let access = Access.anyone
    struct Params: Codable, Sendable { var text: String }
    struct Result: Codable, Sendable { var id: Int64 }
}

/// A service with one migration and one method, run in-process by the tests.
let testServiceDefinition = ServiceDefinition(
    name: "rtsvc",
    summary: "A service used by the runtime tests.",
    migrations: [
        Migration(
            version: 1, name: "notes",
            sql: SharedSchema.sql + EventFeed.versionSQL
                + "\nCREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);")
    ],
    registerMethods: { table, environment in
        table.register(NoteAdd.self) { params, _ in
            let id = try await environment.database.write { connection in
                _ = try connection.run("INSERT INTO notes (text) VALUES (?)", params.text)
                return connection.lastInsertRowID
            }
            return NoteAdd.Result(id: id)
        }
    })

/// A configuration for the test service under `directory`, quiet unless something fails.
func testConfiguration(_ directory: String) -> ServiceConfiguration {
    ServiceConfiguration(serviceName: testServiceDefinition.name, dataDirectory: directory, logLevel: .warning)
}

/// Closes `clients`, waits (generously) until the server has dropped their connections, then stops
/// the host.
///
/// Waiting first keeps these tests off a race inside RPCServer that is not what they test: a
/// shutdown that snapshots a connection which then closes on its own (a request finishing while
/// draining) later suspends that connection's cancelled read source, and releasing a suspended
/// dispatch source crashes the process.
func stop(_ host: ServiceHost, closing clients: [RPCClient] = []) async {
    for client in clients { client.close() }
    let deadline = ContinuousClock.now + .seconds(30)
    while host.server.connectionCount > 0, ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(10))
    }
    await host.stop()
}
