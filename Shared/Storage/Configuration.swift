/// One schema step. Versions are applied in ascending order; each runs in its own transaction and
/// is recorded in `PRAGMA user_version`, so a migration is applied at most once per file.
public struct Migration: Sendable {
    /// Schema version this migration brings the file to; must be positive and unique.
    public let version: Int
    /// Short name, used in error messages.
    public let name: String
    /// One or more SQL statements. Transaction control is not allowed: the migration runner owns
    /// the transaction (so `PRAGMA foreign_keys=OFF` inside a migration has no effect).
    public let sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// How a ``Database`` opens and drives its SQLite file.
public struct DatabaseConfiguration: Sendable {
    /// SQLite `PRAGMA synchronous` level. FULL fsyncs the WAL at every commit, so an acknowledged
    /// write survives power loss; NORMAL only survives process crashes.
    public enum Synchronous: String, Sendable {
        /// fsync on every commit: durable against power loss.
        case full = "FULL"
        /// fsync only at checkpoints: durable against process crashes, faster.
        case normal = "NORMAL"
    }

    /// Durability level for commits.
    public var synchronous: Synchronous
    /// How long a connection waits on a lock held by another process before failing with SQLITE_BUSY.
    public var busyTimeoutMilliseconds: Int32
    /// Number of read-only connections, i.e. how many reads run at once (at least 1).
    public var readerCount: Int
    /// When true, queued writes share one transaction (one fsync) with a savepoint each.
    /// False gives one transaction per write, for benchmarks.
    public var groupCommit: Bool
    /// Most writes committed together in one group (at least 1).
    public var maxGroupSize: Int
    /// Prepared statements kept per connection; 0 disables the cache.
    public var statementCacheCapacity: Int
    /// Bytes of the file each connection maps into memory (`PRAGMA mmap_size`), so reads of a
    /// large database come from the page cache without a copy per page; 0 reads with `pread` only.
    public var memoryMapBytes: Int64
    /// Schema migrations, in any order; applied by ascending version when the database opens.
    public var migrations: [Migration]

    /// Creates a configuration; every value has a production-safe default.
    public init(
        synchronous: Synchronous = .full,
        busyTimeoutMilliseconds: Int32 = 5000,
        readerCount: Int = 4,
        groupCommit: Bool = true,
        maxGroupSize: Int = 64,
        statementCacheCapacity: Int = 256,
        memoryMapBytes: Int64 = 256 << 20,
        migrations: [Migration] = []
    ) {
        self.synchronous = synchronous
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.readerCount = readerCount
        self.groupCommit = groupCommit
        self.maxGroupSize = maxGroupSize
        self.statementCacheCapacity = statementCacheCapacity
        self.memoryMapBytes = memoryMapBytes
        self.migrations = migrations
    }

    /// Throws for values that cannot work, so a typo fails at open rather than at first use.
    func validate() throws {
        func invalid(_ message: String) -> StorageError {
            StorageError(code: StorageError.Code.invalidConfiguration, message: message)
        }
        guard readerCount >= 1 else { throw invalid("readerCount must be at least 1 (got \(readerCount))") }
        guard maxGroupSize >= 1 else { throw invalid("maxGroupSize must be at least 1 (got \(maxGroupSize))") }
        guard memoryMapBytes >= 0 else { throw invalid("memoryMapBytes must not be negative (got \(memoryMapBytes))") }
        guard statementCacheCapacity >= 0 else {
            throw invalid("statementCacheCapacity must not be negative (got \(statementCacheCapacity))")
        }
        guard busyTimeoutMilliseconds >= 0 else {
            throw invalid("busyTimeoutMilliseconds must not be negative (got \(busyTimeoutMilliseconds))")
        }
        var seen = Set<Int>()
        for migration in migrations {
            // user_version is a signed 32-bit field; a larger version could never be recorded.
            guard migration.version >= 1, migration.version <= Int(Int32.max) else {
                throw StorageError(
                    code: StorageError.Code.invalidMigration,
                    message:
                        "migration '\(migration.name)' has version \(migration.version); versions run from 1 to \(Int32.max)"
                )
            }
            guard seen.insert(migration.version).inserted else {
                throw StorageError(
                    code: StorageError.Code.invalidMigration,
                    message: "two migrations have version \(migration.version)")
            }
        }
    }
}
