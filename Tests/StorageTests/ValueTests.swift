import Foundation
import SiOpenStorage
import Testing

@Suite("Values and statements")
struct ValueTests {
    static let valuesMigration = Migration(
        version: 1, name: "values",
        sql: "CREATE TABLE v (id INTEGER PRIMARY KEY, i INTEGER, t TEXT, b BLOB, r REAL, flag INTEGER, extra);")

    @Test("typed values round-trip exactly")
    func typedRoundTrip() async throws {
        try await withTemporaryDirectory { directory in
            let database = try Database(
                path: directory + "/values.db", configuration: DatabaseConfiguration(migrations: [Self.valuesMigration])
            )
            defer { database.close() }
            let unicode = "Grüße — 東京 🇮🇩 e\u{301} \u{0} after NUL"
            let rowIDs = try await database.write { connection -> [Int64] in
                let sql = "INSERT INTO v (i, t, b, r, flag, extra) VALUES (?, ?, ?, ?, ?, ?)"
                try connection.run(sql, Int64.min, unicode, [UInt8]([0, 1, 2, 255, 0]), -1.5, true, SQLValue.null)
                let first = connection.lastInsertRowID
                try connection.run(sql, Int64.max, "", [UInt8](), 0.0, false, Optional<String>.none)
                let second = connection.lastInsertRowID
                try connection.run(
                    sql,
                    arguments: [
                        42, Int32(-7).description, Data([9, 8, 7]), Double.pi, Optional<Bool>.some(true), Int32(-7),
                    ])
                return [first, second, connection.lastInsertRowID]
            }
            #expect(rowIDs == [1, 2, 3])

            let rows = try await database.read { try $0.query("SELECT i, t, b, r, flag, extra FROM v ORDER BY id") }
            #expect(rows.count == 3)
            #expect(rows[0].columnNames == ["i", "t", "b", "r", "flag", "extra"])
            #expect(try rows[0].int64("i") == Int64.min)
            #expect(try rows[0].string("t") == unicode)
            #expect(try rows[0].blob("b") == [0, 1, 2, 255, 0])
            #expect(try rows[0].double("r") == -1.5)
            #expect(try rows[0].bool("flag") == true)
            #expect(rows[0]["extra"] == .null)
            #expect(try rows[0].optionalString("extra") == nil)

            #expect(try rows[1].int64(0) == Int64.max)
            #expect(try rows[1].string(1) == "")
            #expect(rows[1][2] == .blob([]))  // empty blob stays a BLOB, not NULL
            #expect(try rows[1].bool(4) == false)
            #expect(rows[1][5] == .null)

            #expect(try rows[2].int64("i") == 42)
            #expect(try rows[2].string("t") == "-7")
            #expect(try rows[2].blob("b") == [9, 8, 7])
            #expect(try rows[2].double("r") == Double.pi)
            #expect(try rows[2].optionalInt64("extra") == -7)
            #expect(rows[2]["EXTRA"] == .integer(-7))  // names are case-insensitive like SQL
        }
    }

    @Test("typed accessors throw on NULL and wrong types instead of crashing")
    func typeMismatch() async throws {
        try await withTemporaryDirectory { directory in
            let database = try Database(
                path: directory + "/mismatch.db",
                configuration: DatabaseConfiguration(migrations: [Self.valuesMigration]))
            defer { database.close() }
            try await database.write { try $0.run("INSERT INTO v (i, t) VALUES (NULL, 'text')") }
            let row = try #require(try await database.read { try $0.queryOne("SELECT i, t FROM v") })

            let nullAsInt = #expect(throws: StorageError.self) { try row.int64("i") }
            #expect(nullAsInt?.isTypeMismatch == true)
            #expect(nullAsInt?.message.contains("NULL") == true)
            #expect(try row.optionalInt64("i") == nil)
            #expect(try row.optionalInt64(0) == nil)
            #expect((#expect(throws: StorageError.self) { try row.int64(1) })?.isTypeMismatch == true)
            #expect((#expect(throws: StorageError.self) { try row.blob("t") })?.isTypeMismatch == true)
            #expect((#expect(throws: StorageError.self) { try row.string("i") })?.isTypeMismatch == true)
            #expect(throws: StorageError.self) { try row.int64("missing") }
            #expect(throws: StorageError.self) { try row.int64(99) }
            #expect(row["missing"] == .null)
            #expect(row[99] == .null)
            #expect(row[-1] == .null)
        }
    }

    @Test("statement errors are typed and readable")
    func statementErrors() async throws {
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory)
            defer { database.close() }
            let syntax = await #expect(throws: StorageError.self) {
                try await database.write { try $0.run("INSERT INTO items VALUS (1)") }
            }
            #expect(syntax?.code == 1)
            #expect(syntax?.sql == "INSERT INTO items VALUS (1)")
            #expect(syntax?.description.contains("syntax error") == true)
            #expect(syntax?.description.contains("INSERT INTO items") == true)

            let arity = await #expect(throws: StorageError.self) {
                try await database.write { try $0.run("INSERT INTO items (id, name) VALUES (?, ?)", 1) }
            }
            #expect(arity?.isMisuse == true)

            let twoStatements = await #expect(throws: StorageError.self) {
                try await database.write { try $0.run("INSERT INTO items VALUES (1, 'a'); DELETE FROM items") }
            }
            #expect(twoStatements?.isMisuse == true)

            let readOnly = await #expect(throws: StorageError.self) {
                try await database.read { try $0.run("INSERT INTO items VALUES (1, 'a')") }
            }
            #expect(readOnly?.code == 8)  // SQLITE_READONLY
            #expect(try await rowCount(database) == 0)
        }
    }

    @Test("unique and primary key violations are recognisable; a caught violation does not spoil the write")
    func uniqueViolation() async throws {
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory)
            defer { database.close() }
            try await database.write { try $0.run("INSERT INTO items (id, name) VALUES (1, 'a')") }
            let byName = await #expect(throws: StorageError.self) {
                try await database.write { try $0.run("INSERT INTO items (id, name) VALUES (2, 'a')") }
            }
            #expect(byName?.isUniqueViolation == true)
            #expect(byName?.isConstraintViolation == true)
            #expect(byName?.message.contains("UNIQUE") == true)
            let byKey = await #expect(throws: StorageError.self) {
                try await database.write { try $0.run("INSERT INTO items (id, name) VALUES (1, 'b')") }
            }
            #expect(byKey?.isUniqueViolation == true)
            let notNull = await #expect(throws: StorageError.self) {
                try await database.write { try $0.run("INSERT INTO items (id, name) VALUES (3, NULL)") }
            }
            #expect(notNull?.isConstraintViolation == true)
            #expect(notNull?.isUniqueViolation == false)

            let recovered = try await database.write { connection -> Bool in
                do {
                    try connection.run("INSERT INTO items (id, name) VALUES (1, 'dup')")
                    return false
                } catch let error as StorageError where error.isUniqueViolation {
                    try connection.run("INSERT INTO items (id, name) VALUES (4, 'd')")
                    return true
                }
            }
            #expect(recovered)
            #expect(try await rowCount(database) == 2)
        }
    }

    @Test("statement cache evicts, tolerates nested use of the same SQL, and can be disabled")
    func statementCache() async throws {
        for capacity in [0, 2, 256] {
            try await withTemporaryDirectory { directory in
                let database = try openItems(directory) { $0.statementCacheCapacity = capacity }
                defer { database.close() }
                try await database.write { connection in
                    for id in 1...20 {
                        try connection.run("INSERT INTO items (id, name) VALUES (?, ?)", id, "item \(id)")
                        // Distinct SQL texts churn a small cache.
                        _ = try connection.query("SELECT \(id % 5) AS k")
                    }
                }
                let pairs = try await database.read { connection -> Int in
                    var pairs = 0
                    let sql = "SELECT id FROM items WHERE id <= ? ORDER BY id"
                    try connection.forEachRow(sql, arguments: [5]) { outer in
                        let limit = try outer.int64("id")
                        // Same SQL while the outer cursor is still open.
                        try connection.forEachRow(sql, arguments: [limit]) { _ in pairs += 1 }
                    }
                    return pairs
                }
                #expect(pairs == 15, "capacity \(capacity)")
                #expect(try await rowCount(database) == 20)
            }
        }
    }
}
