internal import CSQLite

/// An error from SiOpenStorage: either an SQLite result code or one of this module's own kinds
/// (negative codes, see ``StorageError/Code``).
public struct StorageError: Error, CustomStringConvertible, Sendable {
    /// Codes for errors raised by SiOpenStorage itself rather than SQLite; all negative so they
    /// never collide with SQLite result codes.
    public enum Code {
        /// The database was closed; no further reads or writes are accepted.
        public static let closed: Int32 = -1
        /// The file's schema version is newer than any migration this code knows.
        public static let schemaTooNew: Int32 = -2
        /// A column value had a different type than the accessor asked for.
        public static let typeMismatch: Int32 = -3
        /// A row has no column with the requested name or index.
        public static let noSuchColumn: Int32 = -4
        /// The API was used in a way that cannot work (wrong argument count, deadlocking call, ...).
        public static let misuse: Int32 = -5
        /// The migration list is invalid (duplicate or non-positive versions).
        public static let invalidMigration: Int32 = -6
        /// A file-system operation outside SQLite failed (creating directories, renaming a backup).
        public static let fileSystem: Int32 = -7
        /// A closure tried to control transactions, which the Database does itself.
        public static let transactionControl: Int32 = -8
        /// SQLite rolled back the whole write transaction (ON CONFLICT ROLLBACK, RAISE(ROLLBACK),
        /// I/O error), so a write that had succeeded was lost.
        public static let transactionRolledBack: Int32 = -9
        /// The configuration has a value out of range.
        public static let invalidConfiguration: Int32 = -10
    }

    /// Primary SQLite result code (low 8 bits), or a negative ``Code`` for this module's own kinds.
    public let code: Int32
    /// Extended SQLite result code (equals `code` when SQLite gave no extended code).
    public let extendedCode: Int32
    /// A message meant for a person: SQLite's own text plus context.
    public let message: String
    /// The SQL being run when the error happened, if any.
    public let sql: String?

    /// Creates an error; `extendedCode` defaults to `code`.
    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        self.code = code
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    /// Any constraint failure (UNIQUE, PRIMARY KEY, FOREIGN KEY, CHECK, NOT NULL, ...).
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }

    /// A UNIQUE or PRIMARY KEY constraint failure: the row already exists.
    public var isUniqueViolation: Bool {
        extendedCode == ExtendedCode.constraintUnique || extendedCode == ExtendedCode.constraintPrimaryKey
    }

    /// The database was locked by another connection for longer than the busy timeout.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    /// The database has been closed.
    public var isClosed: Bool { code == Code.closed }

    /// The file's schema is newer than this code.
    public var isSchemaTooNew: Bool { code == Code.schemaTooNew }

    /// A typed row accessor found a value of another type (or NULL).
    public var isTypeMismatch: Bool { code == Code.typeMismatch }

    /// The API was misused (see ``message``).
    public var isMisuse: Bool { code == Code.misuse || code == Code.transactionControl }

    /// Human-readable summary including the code and, when known, the SQL.
    public var description: String {
        var text: String
        if code >= 0 {
            let name = String(cString: sqlite3_errstr(extendedCode))
            text = "SQLite error \(code)"
            if extendedCode != code { text += "/\(extendedCode)" }
            text += " (\(name)): \(message)"
        } else {
            text = "storage error \(code): \(message)"
        }
        if let sql {
            // Long scripts would drown the message; the start identifies the statement.
            let shown = sql.count > 400 ? String(sql.prefix(400)) + "…" : sql
            text += " [SQL: \(shown)]"
        }
        return text
    }

    // MARK: Factories for this module's own kinds

    /// The database was closed before or while the operation was submitted.
    public static let closed = StorageError(code: Code.closed, message: "the database is closed")

    /// The file's `user_version` is newer than the highest migration known to this code, so the
    /// code may misread data written by a newer release.
    public static func schemaTooNew(found: Int, known: Int) -> StorageError {
        StorageError(
            code: Code.schemaTooNew,
            message:
                "database schema version \(found) is newer than the newest version this program knows (\(known)); refusing to open it"
        )
    }

    /// A typed accessor found another type; `found` names the actual storage class.
    public static func typeMismatch(column: String, expected: String, found: String? = nil) -> StorageError {
        var message = "column \(column): expected \(expected)"
        if let found { message += " but found \(found)" }
        return StorageError(code: Code.typeMismatch, message: message)
    }

    /// A row has no such column.
    public static func noSuchColumn(_ column: String) -> StorageError {
        StorageError(code: Code.noSuchColumn, message: "the row has no column \(column)")
    }

    /// The API was used in a way that cannot work.
    public static func misuse(_ message: String, sql: String? = nil) -> StorageError {
        StorageError(code: Code.misuse, message: message, sql: sql)
    }

    /// A copy of this error whose message starts with `context`, keeping codes and SQL.
    func prefixed(_ context: String) -> StorageError {
        StorageError(code: code, extendedCode: extendedCode, message: "\(context): \(message)", sql: sql)
    }
}

/// Extended result codes that Swift cannot import because SQLite defines them as expressions.
enum ExtendedCode {
    static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
}
