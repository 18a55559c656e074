import Foundation
import SiOpenStorage
import SiOpenTestSupport
import Testing

/// An error thrown on purpose by test closures.
struct Boom: Error, Equatable {
    var id: Int = 0
}

/// Runs `body` with a fresh directory that is removed afterwards, so tests never share files.
func withTemporaryDirectory<R>(_ body: (String) async throws -> R) async throws -> R {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("siopen-storage-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory.path)
}

/// A table most tests use: an integer key and a text value.
let itemsMigration = Migration(
    version: 1, name: "items",
    sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);")

/// Opens a database with the items table.
func openItems(_ directory: String, _ configure: (inout DatabaseConfiguration) -> Void = { _ in }) throws -> Database {
    var configuration = DatabaseConfiguration(migrations: [itemsMigration])
    configure(&configuration)
    return try Database(path: directory + "/items.db", configuration: configuration)
}

/// Number of rows in `table`, read through a reader connection.
func rowCount(_ database: Database, _ table: String = "items") async throws -> Int64 {
    try await database.read { connection in
        try connection.queryOne("SELECT count(*) FROM \(table)")?.int64(0) ?? -1
    }
}

/// Holds the writer thread busy until `release()`, so writes submitted meanwhile queue up and are
/// drained together as one group. Only affects how writes are grouped, never what a test asserts.
final class WriterBlocker: Sendable {
    private let gate = DispatchSemaphore(value: 0)

    /// Submits the blocking write and returns once the writer thread is inside it.
    func block(_ database: Database) async {
        await withCheckedContinuation { (entered: CheckedContinuation<Void, Never>) in
            Task { [gate] in
                try? await database.write { _ in
                    entered.resume()
                    gate.wait()  // blocks the writer thread only, never a pool thread
                }
            }
        }
    }

    /// Lets the writer thread continue.
    func release() { gate.signal() }
}

/// Waits for a semaphore on a plain thread, keeping Swift's and GCD's shared pools free.
func waitOffPool(_ semaphore: DispatchSemaphore) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        Thread {
            semaphore.wait()
            continuation.resume()
        }.start()
    }
}

/// Sleeps without blocking a cooperative thread, to give queued tasks time to submit.
func pause(milliseconds: UInt64) async {
    try? await Task.sleep(nanoseconds: milliseconds * 1_000_000)
}

/// `Result(catching:)` for async code.
func capture<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
