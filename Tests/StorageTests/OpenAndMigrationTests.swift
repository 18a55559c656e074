import Foundation
import SiOpenStorage
import Testing

@Suite("Opening and migrations")
struct OpenAndMigrationTests {
    @Test("open uses WAL, foreign keys and synchronous FULL, creating parent directories")
    func openConfiguresConnections() async throws {
        try await withTemporaryDirectory { directory in
            let database = try Database(path: directory + "/nested/deeper/test.db")
            defer { database.close() }
            let writer = try await database.write { connection in
                [
                    try connection.queryOne("PRAGMA journal_mode")?.string(0) ?? "",
                    String(try connection.queryOne("PRAGMA foreign_keys")?.int64(0) ?? -1),
                    String(try connection.queryOne("PRAGMA synchronous")?.int64(0) ?? -1),
                ]
            }
            #expect(writer == ["wal", "1", "2"])
            let reader = try await database.read { connection in
                [
                    try connection.queryOne("PRAGMA journal_mode")?.string(0) ?? "",
                    String(try connection.queryOne("PRAGMA foreign_keys")?.int64(0) ?? -1),
                ]
            }
            #expect(reader == ["wal", "1"])
            #expect(database.isHealthy())
            #expect(database.schemaVersion == 0)
        }
    }

    @Test("synchronous NORMAL is applied when configured")
    func synchronousNormal() async throws {
        try await withTemporaryDirectory { directory in
            let database = try Database(
                path: directory + "/normal.db", configuration: DatabaseConfiguration(synchronous: .normal))
            defer { database.close() }
            let level = try await database.write { try $0.queryOne("PRAGMA synchronous")?.int64(0) }
            #expect(level == 1)
        }
    }

    @Test("invalid configurations are refused with an error")
    func invalidConfiguration() async throws {
        try await withTemporaryDirectory { directory in
            #expect(throws: StorageError.self) {
                _ = try Database(path: directory + "/a.db", configuration: DatabaseConfiguration(readerCount: 0))
            }
            #expect(throws: StorageError.self) {
                _ = try Database(path: directory + "/b.db", configuration: DatabaseConfiguration(maxGroupSize: 0))
            }
            let duplicate = DatabaseConfiguration(migrations: [
                Migration(version: 1, name: "a", sql: "CREATE TABLE a (x)"),
                Migration(version: 1, name: "b", sql: "CREATE TABLE b (x)"),
            ])
            #expect(throws: StorageError.self) { _ = try Database(path: directory + "/c.db", configuration: duplicate) }
        }
    }

    static let log = Migration(
        version: 1, name: "log",
        sql: """
            CREATE TABLE log (seq INTEGER PRIMARY KEY AUTOINCREMENT, step TEXT NOT NULL);
            INSERT INTO log (step) VALUES ('one');
            """)
    static let second = Migration(
        version: 2, name: "second",
        sql: "INSERT INTO log (step) VALUES ('two'); CREATE TABLE second (x INTEGER);")
    static let third = Migration(version: 3, name: "third", sql: "INSERT INTO log (step) VALUES ('three');")

    static func steps(_ database: Database) async throws -> [String] {
        try await database.read { connection in
            try connection.query("SELECT step FROM log ORDER BY seq").map { try $0.string("step") }
        }
    }

    @Test("migrations apply once, in version order; later additions apply alone; newer files are refused")
    func migrationLifecycle() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/migrations.db"
            // Given out of order on purpose.
            var database = try Database(
                path: path, configuration: DatabaseConfiguration(migrations: [Self.second, Self.log]))
            #expect(database.schemaVersion == 2)
            #expect(try await Self.steps(database) == ["one", "two"])
            database.close()

            database = try Database(
                path: path, configuration: DatabaseConfiguration(migrations: [Self.log, Self.second]))
            #expect(database.schemaVersion == 2)
            #expect(try await Self.steps(database) == ["one", "two"])
            database.close()

            database = try Database(
                path: path, configuration: DatabaseConfiguration(migrations: [Self.log, Self.second, Self.third]))
            #expect(database.schemaVersion == 3)
            #expect(try await Self.steps(database) == ["one", "two", "three"])
            let version = try await database.read { try $0.queryOne("PRAGMA user_version")?.int64(0) }
            #expect(version == 3)
            database.close()

            let error = #expect(throws: StorageError.self) {
                _ = try Database(path: path, configuration: DatabaseConfiguration(migrations: [Self.log, Self.second]))
            }
            #expect(error?.isSchemaTooNew == true)
            #expect(error?.code == StorageError.Code.schemaTooNew)
            let noMigrations = #expect(throws: StorageError.self) { _ = try Database(path: path) }
            #expect(noMigrations?.isSchemaTooNew == true)
        }
    }

    @Test("a failing migration leaves user_version and the schema untouched")
    func failingMigrationIsAtomic() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/failing.db"
            let broken = Migration(
                version: 2, name: "broken",
                sql: """
                    CREATE TABLE half (x INTEGER);
                    INSERT INTO log (step) VALUES ('two');
                    INSERT INTO no_such_table VALUES (1);
                    """)
            let error = #expect(throws: StorageError.self) {
                _ = try Database(path: path, configuration: DatabaseConfiguration(migrations: [Self.log, broken]))
            }
            #expect(error?.message.contains("broken") == true)
            #expect(error?.message.contains("no_such_table") == true)

            let database = try Database(path: path, configuration: DatabaseConfiguration(migrations: [Self.log]))
            defer { database.close() }
            #expect(database.schemaVersion == 1)
            #expect(try await Self.steps(database) == ["one"])
            let tables = try await database.read { connection in
                try connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'half'").count
            }
            #expect(tables == 0)
        }
    }

    @Test("a migration cannot take over the transaction")
    func migrationTransactionControlRefused() async throws {
        try await withTemporaryDirectory { directory in
            let sneaky = Migration(version: 1, name: "sneaky", sql: "CREATE TABLE a (x); COMMIT; CREATE TABLE b (x);")
            let error = #expect(throws: StorageError.self) {
                _ = try Database(
                    path: directory + "/sneaky.db", configuration: DatabaseConfiguration(migrations: [sneaky]))
            }
            #expect(error?.code == StorageError.Code.transactionControl)
            let database = try Database(path: directory + "/sneaky.db")
            defer { database.close() }
            #expect(database.schemaVersion == 0)
            let tables = try await database.read {
                try $0.query("SELECT name FROM sqlite_master WHERE type = 'table'").count
            }
            #expect(tables == 0)
        }
    }
}
