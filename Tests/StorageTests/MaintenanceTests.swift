import Foundation
import SiOpenStorage
import Testing

@Suite("Backup and close")
struct MaintenanceTests {
    @Test("backup produces a file that opens with the same rows")
    func backup() async throws {
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory)
            defer { database.close() }
            try await database.write { connection in
                for id in 1...200 { try connection.run("INSERT INTO items (id, name) VALUES (?, ?)", id, "item \(id)") }
            }
            let backupDirectory = directory + "/backups/daily"
            let target = backupDirectory + "/copy.db"
            // Writes continue during the backup; the copy is a snapshot, so only check it is consistent.
            async let concurrent: Void = database.write { connection in
                for id in 201...300 {
                    try connection.run("INSERT INTO items (id, name) VALUES (?, ?)", id, "item \(id)")
                }
            }
            try await database.backup(to: target)
            try await concurrent
            try await database.backup(to: target)  // overwrite with a fresh copy
            #expect(try FileManager.default.contentsOfDirectory(atPath: backupDirectory) == ["copy.db"])

            let copy = try Database(path: target, configuration: DatabaseConfiguration(migrations: [itemsMigration]))
            defer { copy.close() }
            let original = try await database.read { try $0.query("SELECT id, name FROM items ORDER BY id") }
            let copied = try await copy.read { try $0.query("SELECT id, name FROM items ORDER BY id") }
            #expect(copied.count == 300)
            #expect(copied.map { $0[0] } == original.map { $0[0] })
            #expect(copied.map { $0[1] } == original.map { $0[1] })
            let mode = try await copy.write { try $0.queryOne("PRAGMA journal_mode")?.string(0) }
            #expect(mode == "wal")

            let itself = await #expect(throws: StorageError.self) { try await database.backup(to: database.path) }
            #expect(itself?.isMisuse == true)
        }
    }

    @Test("close finishes queued writes, then everything throws closed")
    func closeThenUseThrows() async throws {
        try await withTemporaryDirectory { directory in
            let database = try openItems(directory)
            let blocker = WriterBlocker()
            await blocker.block(database)
            let results = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
                for id in 1...20 {
                    group.addTask {
                        (
                            id,
                            await capture {
                                try await database.write {
                                    try $0.run("INSERT INTO items (id, name) VALUES (?, ?)", id, "n\(id)")
                                }
                            }
                        )
                    }
                }
                await pause(milliseconds: 200)
                // close() blocks until the queue drains, so call it off the cooperative pool.
                let closed = DispatchSemaphore(value: 0)
                Thread {
                    database.close()
                    closed.signal()
                }.start()
                await pause(milliseconds: 100)
                blocker.release()
                var results: [Int: Result<Int, any Error>] = [:]
                for await (id, result) in group { results[id] = result }
                await waitOffPool(closed)
                return results
            }
            for case .failure(let error) in results.values {
                #expect((error as? StorageError)?.isClosed == true, "\(error)")
            }

            let write = await #expect(throws: StorageError.self) { try await database.write { _ in 1 } }
            #expect(write?.isClosed == true)
            let read = await #expect(throws: StorageError.self) { try await database.read { _ in 1 } }
            #expect(read?.isClosed == true)
            #expect(throws: StorageError.self) { try database.writeSync { _ in 1 } }
            #expect(throws: StorageError.self) { try database.readSync { _ in 1 } }
            await #expect(throws: StorageError.self) { try await database.backup(to: directory + "/b.db") }
            #expect(database.isHealthy() == false)
            database.close()  // idempotent

            let reopened = try openItems(directory)
            defer { reopened.close() }
            let present = Set(
                try await reopened.read { try $0.query("SELECT id FROM items").map { Int(try $0.int64(0)) } })
            for (id, result) in results {
                let succeeded = (try? result.get()) != nil
                #expect(present.contains(id) == succeeded, "write \(id)")
            }
        }
    }
}
