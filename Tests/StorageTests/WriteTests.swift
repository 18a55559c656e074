import Foundation
import SiOpenStorage
import Testing

@Suite("Writes, reads and transactions")
struct WriteTests {
    @Test("a throwing write closure is rolled back completely")
    func throwingWriteRollsBack() async throws {
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory)
            defer { database.close() }
            await #expect(throws: Boom.self) {
                try await database.write { connection in
                    try connection.run("INSERT INTO items (id, name) VALUES (1, 'a')")
                    try connection.run("INSERT INTO items (id, name) VALUES (2, 'b')")
                    throw Boom()
                }
            }
            #expect(throws: Boom.self) {
                try database.writeSync { connection in
                    try connection.run("INSERT INTO items (id, name) VALUES (3, 'c')")
                    throw Boom()
                }
            }
            #expect(try await rowCount(database) == 0)
        }
    }

    @Test("in a group, failing writes are rolled back alone", arguments: [true, false])
    func groupIsolation(groupCommit: Bool) async throws {
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory) { $0.groupCommit = groupCommit }
            defer { database.close() }
            let blocker = WriterBlocker()
            await blocker.block(database)
            let results = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
                for id in 1...50 {
                    group.addTask {
                        let result = await capture {
                            try await database.write { connection -> Int in
                                try connection.run("INSERT INTO items (id, name) VALUES (?, ?)", id, "item \(id)")
                                if id % 5 == 0 { throw Boom(id: id) }
                                return id
                            }
                        }
                        return (id, result)
                    }
                }
                await pause(milliseconds: 200)  // let the writes queue behind the blocker
                blocker.release()
                var results: [Int: Result<Int, any Error>] = [:]
                for await (id, result) in group { results[id] = result }
                return results
            }
            for (id, result) in results {
                switch result {
                case .success(let value):
                    #expect(id % 5 != 0 && value == id)
                case .failure(let error):
                    #expect(id % 5 == 0 && (error as? Boom) == Boom(id: id), "write \(id): \(error)")
                }
            }
            let ids = try await database.read { connection in
                try connection.query("SELECT id FROM items ORDER BY id").map { try $0.int64(0) }
            }
            #expect(ids == (1...50).filter { $0 % 5 != 0 }.map(Int64.init))
        }
    }

    @Test("a write that makes SQLite drop the transaction fails, and no acknowledged write is lost")
    func lostTransactionIsReported() async throws {
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory)
            defer { database.close() }
            try await database.write { try $0.run("INSERT INTO items (id, name) VALUES (1, 'taken')") }
            let blocker = WriterBlocker()
            await blocker.block(database)
            let results = await withTaskGroup(of: (Int, Bool).self) { group in
                for id in 2...9 {
                    group.addTask {
                        let result = await capture {
                            try await database.write { connection in
                                if id == 5 {
                                    // OR ROLLBACK ends the whole transaction; swallowing the error must not hide that.
                                    _ = try? connection.run(
                                        "INSERT OR ROLLBACK INTO items (id, name) VALUES (1, 'again')")
                                }
                                try connection.run("INSERT INTO items (id, name) VALUES (?, ?)", id, "item \(id)")
                            }
                        }
                        if case .failure(let error) = result, id != 5 {
                            #expect((error as? StorageError)?.code == StorageError.Code.transactionRolledBack)
                        }
                        return (id, (try? result.get()) != nil)
                    }
                }
                await pause(milliseconds: 200)
                blocker.release()
                var results: [Int: Bool] = [:]
                for await (id, succeeded) in group { results[id] = succeeded }
                return results
            }
            #expect(results[5] == false)
            let present = Set(
                try await database.read { connection in
                    try connection.query("SELECT id FROM items").map { Int(try $0.int64(0)) }
                })
            for (id, succeeded) in results {
                #expect(present.contains(id) == succeeded, "write \(id) reported \(succeeded)")
            }
        }
    }

    @Test("a deferred foreign key violation fails only the write that caused it")
    func deferredForeignKey() async throws {
        try await withTemporaryDirectory { directory in
            let schema = Migration(
                version: 1, name: "fk",
                sql: """
                    CREATE TABLE parent (id INTEGER PRIMARY KEY);
                    CREATE TABLE child (id INTEGER PRIMARY KEY,
                        parent INTEGER NOT NULL REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
                    """)
            let database = try Database(
                path: directory + "/fk.db", configuration: DatabaseConfiguration(migrations: [schema]))
            defer { database.close() }
            let blocker = WriterBlocker()
            await blocker.block(database)
            let good = Task { try await database.write { try $0.run("INSERT INTO parent (id) VALUES (1)") } }
            await pause(milliseconds: 50)  // submission order only matters for grouping, not for the assertions
            let bad = Task { try await database.write { try $0.run("INSERT INTO child (id, parent) VALUES (1, 99)") } }
            let alsoGood = Task {
                try await database.write { try $0.run("INSERT INTO child (id, parent) VALUES (2, 1)") }
            }
            await pause(milliseconds: 200)
            blocker.release()
            let badResult = await bad.result
            let goodResult = await good.result
            let alsoGoodResult = await alsoGood.result
            #expect(((try? badResult.get()) == nil))
            if case .failure(let error as StorageError) = badResult { #expect(error.isConstraintViolation) }
            let children = try await rowCount(database, "child")
            let parents = try await rowCount(database, "parent")
            #expect(parents == ((try? goodResult.get()) != nil ? 1 : 0))
            #expect(children == ((try? alsoGoodResult.get()) != nil ? 1 : 0))
            #expect(parents == 1)
        }
    }

    @Test("closures cannot commit, roll back or escape their transaction")
    func transactionControlRefused() async throws {
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory)
            defer { database.close() }
            let refusals = try await database.write { connection -> [Int32] in
                try connection.run("INSERT INTO items (id, name) VALUES (1, 'a')")
                var codes: [Int32] = []
                for sql in ["COMMIT", "ROLLBACK", "BEGIN", "SAVEPOINT mine", "RELEASE siopen_write", "END"] {
                    do {
                        try connection.execute(sql)
                    } catch let error as StorageError {
                        codes.append(error.code)
                    }
                }
                return codes
            }
            #expect(refusals == Array(repeating: StorageError.Code.transactionControl, count: 6))
            // The early COMMIT was refused, so a throw still rolls everything back.
            await #expect(throws: Boom.self) {
                try await database.write { connection in
                    try connection.run("INSERT INTO items (id, name) VALUES (2, 'b')")
                    _ = try? connection.execute("COMMIT")
                    throw Boom()
                }
            }
            #expect(try await rowCount(database) == 1)
            let readRefusal = await #expect(throws: StorageError.self) {
                try await database.read { try $0.execute("COMMIT") }
            }
            #expect(readRefusal?.code == StorageError.Code.transactionControl)
        }
    }

    @Test("a connection kept after its closure refuses to work; nested sync calls refuse instead of deadlocking")
    func misuseIsRefused() async throws {
        final class Smuggled: @unchecked Sendable { var connection: Connection? }
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory)
            defer { database.close() }
            let smuggled = Smuggled()
            try await database.write { smuggled.connection = $0 }
            let late = #expect(throws: StorageError.self) { try smuggled.connection?.run("DELETE FROM items") }
            #expect(late?.isMisuse == true)
            smuggled.connection = nil

            let nestedWrite = await #expect(throws: StorageError.self) {
                try await database.write { _ in try database.writeSync { _ in 1 } }
            }
            #expect(nestedWrite?.isMisuse == true)
            let nestedRead = await #expect(throws: StorageError.self) {
                try await database.read { _ in try database.readSync { _ in 1 } }
            }
            #expect(nestedRead?.isMisuse == true)
            // Reading from inside a write is fine: readers are separate connections.
            let fromWrite = try await database.write { _ in
                try database.readSync { try $0.queryOne("SELECT 7")?.int64(0) }
            }
            #expect(fromWrite == 7)
        }
    }

    @Test("a read closure sees one snapshot across its queries")
    func readSnapshot() async throws {
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory)
            defer { database.close() }
            try await database.write { try $0.run("INSERT INTO items (id, name) VALUES (1, 'a')") }
            let (before, after) = try await database.read { connection -> (Int64, Int64) in
                let before = try connection.queryOne("SELECT count(*) FROM items")?.int64(0) ?? -1
                // Commit a write while this read transaction is open.
                try database.writeSync { try $0.run("INSERT INTO items (id, name) VALUES (2, 'b')") }
                let after = try connection.queryOne("SELECT count(*) FROM items")?.int64(0) ?? -1
                return (before, after)
            }
            #expect(before == 1)
            #expect(after == 1)
            #expect(try await rowCount(database) == 2)
        }
    }

    @Test("500 concurrent writes all land while reads keep working")
    func manyConcurrentWrites() async throws {
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory)
            defer { database.close() }
            let total = 500
            let readCounts = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for id in 1...total {
                    group.addTask {
                        try await database.write {
                            try $0.run("INSERT INTO items (id, name) VALUES (?, ?)", id, "item \(id)")
                        }
                        return nil
                    }
                    if id % 10 == 0 {
                        group.addTask { try await rowCount(database) }
                    }
                }
                var counts: [Int64] = []
                for try await count in group { if let count { counts.append(count) } }
                return counts
            }
            #expect(readCounts.count == total / 10)
            #expect(readCounts.allSatisfy { (0...Int64(total)).contains($0) })
            let summary = try await database.read { connection in
                try connection.queryOne("SELECT count(*), count(DISTINCT id), sum(id) FROM items")
            }
            #expect(try summary?.int64(0) == Int64(total))
            #expect(try summary?.int64(1) == Int64(total))
            #expect(try summary?.int64(2) == Int64(total * (total + 1) / 2))
        }
    }
}
