internal import CSQLite
import Foundation

/// A database file seen from outside the service that owns it: the online copy `siopen backup`
/// takes while the service keeps serving, and the checks `siopen restore` makes on a restored
/// file before any service opens it. Nothing here migrates or writes a row.
public enum DatabaseFile {
    /// Copies the database at `sourcePath` (with what its WAL holds) to `destinationPath` with
    /// SQLite's online backup API, from a connection of this process: the owning service keeps
    /// reading and writing (WAL mode lets a reader copy beside the writer), and the copy is one
    /// consistent snapshot, committed at least as late as the call began. Like
    /// ``Database/backup(to:)``, the copy is built under a temporary name and renamed into place.
    /// - Throws: ``StorageError`` when the source does not exist or the copy fails.
    public static func backup(from sourcePath: String, to destinationPath: String) throws {
        try withConnection(at: sourcePath) { connection in
            try Backup.copy(from: connection, to: destinationPath)
        }
    }

    /// `PRAGMA user_version`: the schema version the file's migrations reached.
    public static func schemaVersion(at path: String) throws -> Int {
        try read(at: path) { connection in
            guard case .integer(let version)? = try connection.queryInternal("PRAGMA user_version").first?[0] else {
                throw StorageError(code: SQLITE_ERROR, message: "PRAGMA user_version of \(path) returned no integer")
            }
            return Int(version)
        }
    }

    /// The lines of `PRAGMA integrity_check` (`["ok"]` for an intact file; at most 100 problems).
    public static func integrityCheck(at path: String) throws -> [String] {
        try read(at: path) { connection in
            try connection.queryInternal("PRAGMA integrity_check(100)").map { row in
                if case .text(let line) = row[0] { return line }
                return "\(String(describing: row[0]))"
            }
        }
    }

    /// Runs `body` on a connection of its own to the file at `path`, inside one read
    /// transaction (one snapshot), with the same API a service's read closures get. The file
    /// must exist; it is never created.
    public static func read<T>(at path: String, _ body: (Connection) throws -> T) throws -> T {
        try withConnection(at: path) { connection in
            try connection.control("BEGIN")
            connection.beginUserScope()
            defer {
                connection.endUserScope()
                if connection.inTransaction { try? connection.control("ROLLBACK") }
            }
            return try body(connection)
        }
    }

    /// Opens `path` read-write without creating it (a WAL reader must be able to write the
    /// shared-memory file), runs `body`, closes.
    private static func withConnection<T>(at path: String, _ body: (Connection) throws -> T) throws -> T {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw StorageError(code: SQLITE_CANTOPEN, message: "no database file at \(path)")
        }
        let connection = try Connection.open(
            path: path, readOnly: false, label: "outside connection", configuration: DatabaseConfiguration())
        defer { connection.close() }
        return try body(connection)
    }
}
