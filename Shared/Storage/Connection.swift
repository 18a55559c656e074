internal import CSQLite
import Foundation

/// A connection handed to a read or write closure. Not Sendable; only valid inside the closure:
/// the Database owns transactions, so BEGIN/COMMIT/ROLLBACK/SAVEPOINT/RELEASE are refused here.
public final class Connection {
    /// A cached prepared statement; `inUse` guards against re-entrant use of the same SQL
    /// (e.g. the same query run inside a `forEachRow` body), which would reset the outer cursor.
    private final class CachedStatement {
        let statement: OpaquePointer
        var lastUse: UInt64
        var inUse: Bool

        init(statement: OpaquePointer, lastUse: UInt64) {
            self.statement = statement
            self.lastUse = lastUse
            self.inUse = true
        }
    }

    let handle: OpaquePointer
    /// Names the connection in error messages ("writer", "reader 2").
    let label: String
    /// The database file this connection was opened on, as given to ``Database/init(path:configuration:)``.
    public let databasePath: String
    private let cacheCapacity: Int
    private var cache: [String: CachedStatement] = [:]
    /// Our own BEGIN/COMMIT/SAVEPOINT statements, kept apart so user SQL can never reuse one that
    /// was prepared while the authorizer allowed transaction control.
    private var controlCache: [String: OpaquePointer] = [:]
    private var useClock: UInt64 = 0
    private var isClosed = false

    /// True while a user closure runs; the public API refuses to work otherwise, so a connection
    /// smuggled out of its closure fails loudly instead of racing with the Database.
    var userActive = false
    /// True while SQL we did not write is being prepared; the authorizer then refuses
    /// transaction control so a closure or migration cannot leave a transaction open or commit early.
    var guardTransactions = false
    /// True while a closure runs inside a transaction the Database opened. If SQLite ends that
    /// transaction on its own (ON CONFLICT ROLLBACK, RAISE(ROLLBACK), I/O error), later statements
    /// would silently autocommit; this makes them fail instead.
    var requiresTransaction = false
    /// Set by the authorizer when it refused a statement, to turn SQLITE_AUTH into a clear message.
    fileprivate var deniedTransactionControl = false

    private init(handle: OpaquePointer, label: String, cacheCapacity: Int, databasePath: String) {
        self.handle = handle
        self.label = label
        self.databasePath = databasePath
        self.cacheCapacity = cacheCapacity
    }

    deinit { close() }

    /// Opens a connection with extended result codes, busy timeout, foreign keys and the
    /// transaction-control authorizer installed.
    static func open(path: String, readOnly: Bool, label: String, configuration: DatabaseConfiguration) throws
        -> Connection
    {
        var db: OpaquePointer?
        // NOMUTEX: the Database guarantees one thread at a time per connection.
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw StorageError(
                code: rc & 0xff, extendedCode: rc, message: "cannot open \(label) connection to \(path): \(message)")
        }
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, configuration.busyTimeoutMilliseconds)
        let connection = Connection(
            handle: db, label: label, cacheCapacity: configuration.statementCacheCapacity, databasePath: path)
        sqlite3_set_authorizer(
            db,
            { context, action, _, _, _, _ in
                guard let context else { return SQLITE_OK }
                let connection = Unmanaged<Connection>.fromOpaque(context).takeUnretainedValue()
                if connection.guardTransactions && (action == SQLITE_TRANSACTION || action == SQLITE_SAVEPOINT) {
                    connection.deniedTransactionControl = true
                    return SQLITE_DENY
                }
                return SQLITE_OK
            },
            Unmanaged.passUnretained(connection).toOpaque())
        do {
            try connection.executeInternal("PRAGMA foreign_keys = ON")
            try connection.executeInternal("PRAGMA mmap_size = \(configuration.memoryMapBytes)")
            guard try connection.queryInternal("PRAGMA foreign_keys").first?[0] == .integer(1) else {
                throw StorageError(code: SQLITE_ERROR, message: "this SQLite build cannot enable foreign keys")
            }
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    /// Finalizes every statement and closes the handle; safe to call twice.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        for entry in cache.values { sqlite3_finalize(entry.statement) }
        for statement in controlCache.values { sqlite3_finalize(statement) }
        cache.removeAll()
        controlCache.removeAll()
        sqlite3_set_authorizer(handle, nil, nil)
        // close_v2 defers the real close until any stray backup object is finished, never failing.
        sqlite3_close_v2(handle)
    }

    /// Enters a user closure running inside a transaction the Database opened.
    func beginUserScope() {
        userActive = true
        guardTransactions = true
        requiresTransaction = true
    }

    /// Leaves the user closure; the public API refuses to work until the next one.
    func endUserScope() {
        userActive = false
        guardTransactions = false
        requiresTransaction = false
    }

    /// True while a transaction is open on this connection.
    var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    // MARK: Public API

    /// Runs one or more statements without parameters (a script); rows are discarded.
    public func execute(_ sql: String) throws {
        try checkActive(sql)
        try executeInternal(sql)
    }

    /// Runs one statement with positional `?` arguments and returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ arguments: any SQLBindable...) throws -> Int {
        try run(sql, arguments: arguments)
    }

    /// Runs one statement with positional `?` arguments and returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, arguments: [any SQLBindable]) throws -> Int {
        try checkActive(sql)
        return try withStatement(sql, arguments) { statement in
            while true {
                let rc = sqlite3_step(statement)
                if rc == SQLITE_DONE { break }
                if rc != SQLITE_ROW { throw error(rc, sql: sql) }
            }
            return Int(sqlite3_changes64(handle))
        }
    }

    /// Runs one query and returns all rows.
    public func query(_ sql: String, _ arguments: any SQLBindable...) throws -> [Row] {
        try query(sql, arguments: arguments)
    }

    /// Runs one query and returns all rows.
    public func query(_ sql: String, arguments: [any SQLBindable]) throws -> [Row] {
        try checkActive(sql)
        return try queryInternal(sql, arguments)
    }

    /// Runs one query and returns its first row, or nil when it has none.
    public func queryOne(_ sql: String, _ arguments: any SQLBindable...) throws -> Row? {
        try queryOne(sql, arguments: arguments)
    }

    /// Runs one query and returns its first row, or nil when it has none.
    public func queryOne(_ sql: String, arguments: [any SQLBindable]) throws -> Row? {
        try checkActive(sql)
        return try withStatement(sql, arguments) { statement in
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return nil }
            guard rc == SQLITE_ROW else { throw error(rc, sql: sql) }
            return try readRow(statement, layout: layout(of: statement), sql: sql)
        }
    }

    /// Runs one query and calls `body` for each row as it is read, without building an array.
    public func forEachRow(_ sql: String, arguments: [any SQLBindable] = [], _ body: (Row) throws -> Void) throws {
        try checkActive(sql)
        try withStatement(sql, arguments) { statement in
            let columns = layout(of: statement)
            while true {
                let rc = sqlite3_step(statement)
                if rc == SQLITE_DONE { return }
                guard rc == SQLITE_ROW else { throw error(rc, sql: sql) }
                try body(try readRow(statement, layout: columns, sql: sql))
            }
        }
    }

    /// Row id of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    // MARK: Internal execution

    private func checkActive(_ sql: String) throws {
        guard userActive, !isClosed else {
            throw StorageError.misuse(
                "a Connection was used outside the read or write closure it was given to", sql: sql)
        }
        guard !requiresTransaction || inTransaction else {
            throw StorageError(
                code: StorageError.Code.transactionRolledBack,
                message:
                    "SQLite rolled back this closure's transaction (ON CONFLICT ROLLBACK, RAISE(ROLLBACK) or an I/O error); no further statements run in it",
                sql: sql)
        }
    }

    /// Runs a script statement by statement (not cached: scripts are rare and often one-off).
    func executeInternal(_ sql: String) throws {
        try sql.withCString { start in
            var cursor = start
            while cursor.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                deniedTransactionControl = false
                let rc = sqlite3_prepare_v2(handle, cursor, -1, &statement, &tail)
                guard rc == SQLITE_OK else { throw prepareError(rc, sql: sql) }
                guard let next = tail, next != cursor else {
                    sqlite3_finalize(statement)
                    break
                }
                cursor = next
                // A nil statement is whitespace or a comment.
                guard let statement else { continue }
                defer { sqlite3_finalize(statement) }
                while true {
                    let stepCode = sqlite3_step(statement)
                    if stepCode == SQLITE_DONE { break }
                    if stepCode != SQLITE_ROW {
                        let text = sqlite3_sql(statement).map { String(cString: $0) } ?? sql
                        throw error(stepCode, sql: text)
                    }
                }
            }
        }
    }

    /// Collects all rows of one statement.
    func queryInternal(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> [Row] {
        try withStatement(sql, arguments) { statement in
            let columns = layout(of: statement)
            var rows: [Row] = []
            while true {
                let rc = sqlite3_step(statement)
                if rc == SQLITE_DONE { return rows }
                guard rc == SQLITE_ROW else { throw error(rc, sql: sql) }
                rows.append(try readRow(statement, layout: columns, sql: sql))
            }
        }
    }

    /// Runs one of our own transaction-control statements from a separate cache.
    func control(_ sql: String) throws {
        let statement: OpaquePointer
        if let cached = controlCache[sql] {
            statement = cached
        } else {
            let saved = guardTransactions
            guardTransactions = false
            defer { guardTransactions = saved }
            statement = try prepare(sql, persistent: true)
            controlCache[sql] = statement
        }
        defer { sqlite3_reset(statement) }
        let rc = sqlite3_step(statement)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw error(rc, sql: sql) }
    }

    /// Number of unresolved deferred foreign-key violations in the open transaction.
    var deferredForeignKeyViolations: Int32 {
        var current: Int32 = 0
        var highwater: Int32 = 0
        sqlite3_db_status(handle, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highwater, 0)
        return current
    }

    /// Borrows a prepared statement for `sql`, binds `arguments`, runs `body`, then resets it and
    /// clears its bindings so it holds no locks or argument memory while idle.
    private func withStatement<R>(_ sql: String, _ arguments: [any SQLBindable], _ body: (OpaquePointer) throws -> R)
        throws -> R
    {
        let (statement, entry) = try acquire(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            if let entry { entry.inUse = false } else { sqlite3_finalize(statement) }
        }
        try bind(statement, arguments, sql: sql)
        return try body(statement)
    }

    private func acquire(_ sql: String) throws -> (OpaquePointer, CachedStatement?) {
        useClock &+= 1
        if let entry = cache[sql] {
            guard !entry.inUse else { return (try prepare(sql, persistent: false), nil) }
            entry.inUse = true
            entry.lastUse = useClock
            return (entry.statement, entry)
        }
        guard cacheCapacity > 0 else { return (try prepare(sql, persistent: false), nil) }
        let statement = try prepare(sql, persistent: true)
        if cache.count >= cacheCapacity { evictLeastRecentlyUsed() }
        let entry = CachedStatement(statement: statement, lastUse: useClock)
        cache[sql] = entry
        return (statement, entry)
    }

    /// Drops the idle statement used longest ago. A linear scan is fine: it only runs on a cache
    /// miss with a full cache, and capacities are a few hundred.
    private func evictLeastRecentlyUsed() {
        var victim: (key: String, lastUse: UInt64)?
        for (key, entry) in cache where !entry.inUse {
            if victim == nil || entry.lastUse < victim!.lastUse { victim = (key, entry.lastUse) }
        }
        guard let victim, let entry = cache.removeValue(forKey: victim.key) else { return }
        sqlite3_finalize(entry.statement)
    }

    /// Prepares exactly one statement; trailing SQL is refused because SQLite would silently ignore it.
    private func prepare(_ sql: String, persistent: Bool) throws -> OpaquePointer {
        var statement: OpaquePointer?
        var hasTrailingStatement = false
        deniedTransactionControl = false
        let rc = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
            let rc = sqlite3_prepare_v3(handle, text, -1, flags, &statement, &tail)
            if rc == SQLITE_OK, let tail, tail.pointee != 0 {
                var extra: OpaquePointer?
                let extraCode = sqlite3_prepare_v2(handle, tail, -1, &extra, nil)
                if extra != nil || extraCode != SQLITE_OK { hasTrailingStatement = true }
                sqlite3_finalize(extra)
            }
            return rc
        }
        guard rc == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw prepareError(rc, sql: sql)
        }
        guard let statement else {
            throw StorageError.misuse("the SQL contains no statement", sql: sql)
        }
        guard !hasTrailingStatement else {
            sqlite3_finalize(statement)
            throw StorageError.misuse("run/query take exactly one statement; use execute for scripts", sql: sql)
        }
        return statement
    }

    private func bind(_ statement: OpaquePointer, _ arguments: [any SQLBindable], sql: String) throws {
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == arguments.count else {
            throw StorageError.misuse(
                "the statement has \(expected) parameters but \(arguments.count) arguments were given", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch argument.sqlValue {
            case .null:
                rc = sqlite3_bind_null(statement, index)
            case .integer(let value):
                rc = sqlite3_bind_int64(statement, index, value)
            case .real(let value):
                rc = sqlite3_bind_double(statement, index, value)
            case .text(let value):
                var value = value
                rc = value.withUTF8 { bytes -> Int32 in
                    // An empty buffer may have no base address, and a NULL pointer would bind NULL.
                    guard let base = bytes.baseAddress, !bytes.isEmpty else {
                        return sqlite3_bind_text(statement, index, "", 0, siopen_sqlite_transient())
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text64(
                            statement, index, $0, UInt64(bytes.count), siopen_sqlite_transient(), UInt8(SQLITE_UTF8))
                    }
                }
            case .blob(let value):
                rc = value.withUnsafeBytes { bytes -> Int32 in
                    // Same NULL-pointer concern: an empty blob must stay a zero-length BLOB.
                    guard let base = bytes.baseAddress, !bytes.isEmpty else {
                        return sqlite3_bind_zeroblob(statement, index, 0)
                    }
                    return sqlite3_bind_blob64(statement, index, base, UInt64(bytes.count), siopen_sqlite_transient())
                }
            }
            guard rc == SQLITE_OK else { throw error(rc, sql: sql).prefixed("binding argument \(index)") }
        }
    }

    private func layout(of statement: OpaquePointer) -> ColumnLayout {
        let count = sqlite3_column_count(statement)
        var names: [String] = []
        names.reserveCapacity(Int(count))
        for column in 0..<count {
            names.append(sqlite3_column_name(statement, column).map { String(cString: $0) } ?? "")
        }
        return ColumnLayout(names: names)
    }

    private func readRow(_ statement: OpaquePointer, layout: ColumnLayout, sql: String) throws -> Row {
        let count = sqlite3_column_count(statement)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            switch sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER:
                values.append(.integer(sqlite3_column_int64(statement, column)))
            case SQLITE_FLOAT:
                values.append(.real(sqlite3_column_double(statement, column)))
            case SQLITE_TEXT:
                // text before bytes: the byte count then refers to the UTF-8 form.
                guard let text = sqlite3_column_text(statement, column) else { throw outOfMemory(sql) }
                let length = Int(sqlite3_column_bytes(statement, column))
                values.append(.text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)))
            case SQLITE_BLOB:
                let bytes = sqlite3_column_blob(statement, column)
                let length = Int(sqlite3_column_bytes(statement, column))
                if let bytes, length > 0 {
                    values.append(.blob([UInt8](UnsafeRawBufferPointer(start: bytes, count: length))))
                } else {
                    values.append(.blob([]))
                }
            default:
                values.append(.null)
            }
        }
        return Row(values: values, layout: layout)
    }

    // MARK: Errors

    /// Builds an error from a failed call, reading SQLite's message before anything can overwrite it.
    func error(_ rc: Int32, sql: String?) -> StorageError {
        let extended = sqlite3_extended_errcode(handle)
        // The connection's last error can be stale when `rc` came from elsewhere; trust `rc` then.
        let extendedCode = (extended & 0xff) == (rc & 0xff) ? extended : rc
        let message = String(cString: sqlite3_errmsg(handle))
        return StorageError(
            code: rc & 0xff, extendedCode: extendedCode, message: "\(message) (on \(label) connection)", sql: sql)
    }

    private func prepareError(_ rc: Int32, sql: String) -> StorageError {
        if (rc & 0xff) == SQLITE_AUTH && deniedTransactionControl {
            deniedTransactionControl = false
            return StorageError(
                code: StorageError.Code.transactionControl, extendedCode: rc,
                message:
                    "transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) is not allowed here: the Database runs every closure and migration in its own transaction",
                sql: sql)
        }
        return error(rc, sql: sql)
    }

    private func outOfMemory(_ sql: String) -> StorageError {
        StorageError(code: SQLITE_NOMEM, message: "out of memory while reading a column", sql: sql)
    }
}

/// The Database hands connections between threads itself; user code must not.
@available(*, unavailable)
extension Connection: Sendable {}
