internal import CSQLite
import Foundation

/// The baseline `siopen-bench storage` compares ``Database`` against: plain SQLite calls, one
/// row per `BEGIN IMMEDIATE … COMMIT`, WAL and `synchronous=FULL`, nothing else. It lives here
/// because this is the only module that touches SQLite directly.
public enum RawSQLiteBaseline {
    /// Inserts `writes` rows into a new database at `path`, each in its own transaction, and
    /// returns writes per second.
    public static func durableInsertsPerSecond(path: String, writes: Int) throws -> Double {
        var handle: OpaquePointer?
        guard sqlite3_open(path, &handle) == SQLITE_OK else {
            sqlite3_close(handle)
            throw StorageError(code: SQLITE_CANTOPEN, message: "cannot open \(path)")
        }
        defer { sqlite3_close(handle) }
        guard
            sqlite3_exec(
                handle,
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE item (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
                nil, nil, nil) == SQLITE_OK
        else {
            throw StorageError(code: SQLITE_ERROR, message: String(cString: sqlite3_errmsg(handle)))
        }
        var statement: OpaquePointer?
        sqlite3_prepare_v2(handle, "INSERT INTO item (body) VALUES (?)", -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        let start = DispatchTime.now()
        for index in 0..<writes {
            sqlite3_exec(handle, "BEGIN IMMEDIATE", nil, nil, nil)
            sqlite3_bind_text(statement, 1, "row \(index)", -1, siopen_sqlite_transient())
            guard sqlite3_step(statement) == SQLITE_DONE else {
                throw StorageError(code: SQLITE_ERROR, message: String(cString: sqlite3_errmsg(handle)))
            }
            sqlite3_reset(statement)
            guard sqlite3_exec(handle, "COMMIT", nil, nil, nil) == SQLITE_OK else {
                throw StorageError(code: SQLITE_ERROR, message: String(cString: sqlite3_errmsg(handle)))
            }
        }
        return Double(writes) / (Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }
}
