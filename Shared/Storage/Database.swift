internal import CSQLite
import Foundation

/// One SQLite database file owned by one service. Thread-safe.
///
/// One writer connection on a dedicated thread applies writes in group-committed transactions;
/// `readerCount` read-only connections serve reads concurrently from WAL snapshots.
public final class Database: Sendable {
    /// Path of the database file, as given.
    public let path: String
    /// `PRAGMA user_version` after migrations ran at open.
    public let schemaVersion: Int
    private let core: DatabaseCore

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    ///
    /// Creates parent directories, opens one writer connection (WAL, the configured synchronous
    /// level, foreign keys, busy timeout) and `readerCount` read-only connections, then applies
    /// each pending migration in its own `BEGIN IMMEDIATE` transaction.
    /// - Throws: ``StorageError/schemaTooNew(found:known:)`` when the file was migrated by newer
    ///   code; a ``StorageError`` for any SQLite, file-system or configuration failure.
    public init(path: String, configuration: DatabaseConfiguration = .init()) throws {
        try configuration.validate()
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StorageError(
                code: StorageError.Code.fileSystem,
                message: "cannot create directory \(directory.path) for database \(path): \(error.localizedDescription)"
            )
        }

        let writer = try Connection.open(path: path, readOnly: false, label: "writer", configuration: configuration)
        var readers: [Connection] = []
        do {
            let mode = try writer.queryInternal("PRAGMA journal_mode = WAL").first?[0]
            guard case .text(let journal)? = mode, journal.lowercased() == "wal" else {
                throw StorageError(
                    code: SQLITE_ERROR,
                    message: "could not switch \(path) to WAL journal mode (got \(String(describing: mode)))")
            }
            try writer.executeInternal("PRAGMA synchronous = \(configuration.synchronous.rawValue)")
            schemaVersion = try Self.migrate(writer, path: path, migrations: configuration.migrations)
            for index in 0..<configuration.readerCount {
                readers.append(
                    try Connection.open(
                        path: path, readOnly: true, label: "reader \(index)", configuration: configuration))
            }
        } catch {
            for reader in readers { reader.close() }
            writer.close()
            throw error
        }
        self.path = path
        self.core = DatabaseCore(writer: writer, readers: readers, configuration: configuration)
        core.start()
    }

    deinit {
        // Don't wait here: the last reference may be dropped on one of our own threads.
        core.requestClose()
    }

    /// Applies migrations newer than the file's `user_version`, returning the resulting version.
    private static func migrate(_ writer: Connection, path: String, migrations: [Migration]) throws -> Int {
        let known = migrations.map(\.version).max() ?? 0
        let found = try userVersion(writer)
        guard found <= known else { throw StorageError.schemaTooNew(found: found, known: known) }
        for migration in migrations.sorted(by: { $0.version < $1.version }) where migration.version > found {
            do {
                try writer.control("BEGIN IMMEDIATE")
                // Another process may have migrated between our first look and taking the lock.
                let current = try userVersion(writer)
                guard current <= known else { throw StorageError.schemaTooNew(found: current, known: known) }
                guard current < migration.version else {
                    try writer.control("COMMIT")
                    continue
                }
                writer.guardTransactions = true
                defer { writer.guardTransactions = false }
                try writer.executeInternal(migration.sql)
                writer.guardTransactions = false
                try writer.executeInternal("PRAGMA user_version = \(migration.version)")
                try writer.control("COMMIT")
            } catch {
                if writer.inTransaction { try? writer.control("ROLLBACK") }
                if let error = error as? StorageError, error.isSchemaTooNew { throw error }
                let context = "migration \(migration.version) '\(migration.name)' failed on \(path)"
                if let error = error as? StorageError { throw error.prefixed(context) }
                throw StorageError(code: SQLITE_ERROR, message: "\(context): \(error)")
            }
        }
        return try userVersion(writer)
    }

    private static func userVersion(_ connection: Connection) throws -> Int {
        guard case .integer(let version)? = try connection.queryInternal("PRAGMA user_version").first?[0] else {
            throw StorageError(code: SQLITE_ERROR, message: "PRAGMA user_version returned no integer")
        }
        return Int(version)
    }

    // MARK: Writes

    /// Runs `body` on the writer thread inside a transaction (grouped with other queued writes,
    /// each isolated by a savepoint) and returns its result only after the transaction committed.
    /// If `body` throws, its changes are rolled back and the error is rethrown; other writes in
    /// the group are unaffected. Cancelling the calling task does not cancel a queued write.
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = WriteJob.make(body) { continuation.resume(with: $0) }
            do {
                try core.enqueueWrite(job)
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// Like ``write(_:)`` but blocks the calling thread until committed. Do not call it from
    /// async code (it would block a cooperative thread); calling it from inside a write closure
    /// throws a misuse error instead of deadlocking.
    @discardableResult
    public func writeSync<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        guard !core.writeMarker.isCurrent else {
            throw StorageError.misuse(
                "writeSync was called inside a write closure, which would deadlock; use the Connection you were given")
        }
        let done = DispatchSemaphore(value: 0)
        let slot = ResultSlot<T>()
        try core.enqueueWrite(
            WriteJob.make(body) { result in
                slot.result = result
                done.signal()
            })
        done.wait()
        guard let result = slot.result else {
            throw StorageError.misuse("internal error: a write finished without a result")
        }
        return try result.get()
    }

    // MARK: Reads

    /// Runs `body` on a reader connection inside one read transaction, so all its queries see the
    /// same committed snapshot. Writes are refused (the connection is read-only).
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = core.makeRead(body) { continuation.resume(with: $0) }
            do {
                try core.submitRead(job)
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// Like ``read(_:)`` but blocks the calling thread. Calling it from inside a read closure
    /// throws a misuse error, since with every reader busy it would wait forever.
    public func readSync<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        guard !core.readMarker.isCurrent else {
            throw StorageError.misuse(
                "readSync was called inside a read closure, which can deadlock; use the Connection you were given")
        }
        let done = DispatchSemaphore(value: 0)
        let slot = ResultSlot<T>()
        try core.submitRead(
            core.makeRead(body) { result in
                slot.result = result
                done.signal()
            })
        done.wait()
        guard let result = slot.result else {
            throw StorageError.misuse("internal error: a read finished without a result")
        }
        return try result.get()
    }

    // MARK: Maintenance

    /// Writes a consistent online copy of the database to `destinationPath` with SQLite's backup
    /// API. Writes continue meanwhile; the copy is one snapshot. The copy is built under a
    /// temporary name and renamed into place, so a failed backup never leaves a partial file.
    public func backup(to destinationPath: String) async throws {
        let source = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let target = URL(fileURLWithPath: destinationPath).standardizedFileURL.resolvingSymlinksInPath().path
        guard source != target else {
            throw StorageError.misuse("backup destination \(destinationPath) is the database itself")
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let job = ReadJob { connection in
                continuation.resume(with: Result { try Backup.copy(from: connection, to: target) })
            }
            do {
                try core.submitRead(job)
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// True when the database is open and a trivial query on a reader succeeds.
    public func isHealthy() -> Bool {
        guard !core.isClosing else { return false }
        let answer = try? readSync { connection in try connection.queryOne("SELECT 1")?.int64(0) }
        return answer == 1
    }

    /// Stops accepting work, waits for queued writes and running reads, and closes every
    /// connection. Later calls to any operation throw ``StorageError/closed``. Idempotent.
    public func close() {
        core.close()
    }
}

/// SQLite online backup into a temporary file, then an atomic rename.
enum Backup {
    static func copy(from source: Connection, to target: String) throws {
        let targetURL = URL(fileURLWithPath: target)
        let directory = targetURL.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StorageError(
                code: StorageError.Code.fileSystem,
                message: "cannot create backup directory \(directory.path): \(error.localizedDescription)")
        }
        let temporary = target + ".siopen-backup-\(UUID().uuidString)"
        defer { removeFamily(temporary) }

        var handle: OpaquePointer?
        let openCode = sqlite3_open_v2(
            temporary, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard openCode == SQLITE_OK, let destination = handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StorageError(
                code: openCode & 0xff, extendedCode: openCode,
                message: "cannot create backup file \(temporary): \(message)")
        }
        var closed = false
        defer { if !closed { sqlite3_close_v2(destination) } }
        sqlite3_extended_result_codes(destination, 1)
        // The copy is fsynced at its commit, so a renamed backup is complete on disk.
        sqlite3_exec(destination, "PRAGMA synchronous = FULL", nil, nil, nil)

        guard let backup = sqlite3_backup_init(destination, "main", source.handle, "main") else {
            let code = sqlite3_extended_errcode(destination)
            throw StorageError(
                code: code & 0xff, extendedCode: code,
                message: "cannot start backup: \(String(cString: sqlite3_errmsg(destination)))")
        }
        var stepCode: Int32
        var attempts = 0
        // -1 copies every page in one step under one read lock: a consistent snapshot, and in
        // WAL mode it does not block the writer.
        repeat {
            stepCode = sqlite3_backup_step(backup, -1)
            if stepCode == SQLITE_BUSY || stepCode == SQLITE_LOCKED {
                attempts += 1
                usleep(20_000)
            }
        } while (stepCode == SQLITE_OK || stepCode == SQLITE_BUSY || stepCode == SQLITE_LOCKED) && attempts < 500
        sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(destination))
            throw StorageError(
                code: stepCode & 0xff, extendedCode: stepCode, message: "backup to \(target) failed: \(message)")
        }
        let closeCode = sqlite3_close_v2(destination)
        closed = true
        guard closeCode == SQLITE_OK else {
            throw StorageError(
                code: closeCode & 0xff, extendedCode: closeCode, message: "cannot close backup file \(temporary)")
        }
        // Stale WAL or shared-memory files of an older file at `target` would be replayed into
        // the new copy, so they go first.
        for suffix in ["-wal", "-shm", "-journal"] { unlink(target + suffix) }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            throw StorageError(
                code: StorageError.Code.fileSystem, message: "cannot move backup into place at \(target): \(reason)")
        }
        // Persist the rename itself.
        let directoryDescriptor = open(directory.path, O_RDONLY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            Glibc.close(directoryDescriptor)
        }
    }

    /// Removes a database file and its companions, ignoring files that do not exist.
    private static func removeFamily(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }
}
