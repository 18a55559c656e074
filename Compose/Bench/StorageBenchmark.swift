import Foundation
import SiOpenStorage

#if canImport(Glibc)
    import Glibc
#endif

/// Durable writes (synchronous=FULL, WAL): one row per acknowledged write through
/// SiOpenStorage, with and without group commit and with 1 and 16 concurrent writers, next to
/// raw SQLite doing one row per transaction in a loop.
enum StorageBenchmark {
    static func run(writes: Int) async throws {
        let directory = "/tmp/siopen-bench-storage-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        say("Storage: \(writes) durable writes, one row each, WAL + synchronous=FULL")
        let raw = try RawSQLiteBaseline.durableInsertsPerSecond(path: "\(directory)/raw.sqlite", writes: writes)
        say(pad("raw SQLite, 1 row per transaction", 48) + String(format: "%8.0f writes/s", raw))
        for groupCommit in [false, true] {
            for writers in [1, 16] {
                let rate = try await storage(
                    path: "\(directory)/storage-\(groupCommit)-\(writers).sqlite", writes: writes, writers: writers,
                    groupCommit: groupCommit)
                let label =
                    "SiOpenStorage, \(writers) writer\(writers > 1 ? "s" : ""), group commit \(groupCommit ? "on" : "off")"
                say(pad(label, 48) + String(format: "%8.0f writes/s  (%.2f× raw)", rate, rate / raw))
            }
        }
    }

    static let schema = "CREATE TABLE item (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"

    static func storage(path: String, writes: Int, writers: Int, groupCommit: Bool) async throws -> Double {
        let database = try Database(
            path: path,
            configuration: DatabaseConfiguration(
                groupCommit: groupCommit, migrations: [Migration(version: 1, name: "item", sql: schema)]))
        defer { database.close() }
        let start = DispatchTime.now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in stride(from: writer, to: writes, by: writers) {
                        try await database.write { try $0.run("INSERT INTO item (body) VALUES (?)", "row \(index)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(writes) / (Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }
}
