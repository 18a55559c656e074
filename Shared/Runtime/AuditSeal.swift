import Foundation
import SiOpenProtocol
import SiOpenSecurity
import SiOpenStorage

/// A signed copy of the audit log's head, kept outside the database: the sequence and hash of
/// the newest entry at a moment.
public struct AuditCheckpoint: Codable, Sendable, Hashable {
    /// The newest entry's sequence then (0 for an empty log).
    public var sequence: Int64
    /// Its hash (`""` for an empty log).
    public var hash: String
    /// When the checkpoint was taken, ISO 8601 UTC.
    public var at: String

    /// Creates a checkpoint.
    public init(sequence: Int64, hash: String, at: String) {
        self.sequence = sequence
        self.hash = hash
        self.at = at
    }
}

/// What makes one service's audit trail tamper-evident against someone who can write its
/// database file: a secret HMAC key and an append-only file of checkpoints, both under
/// `<data>/keys/` and never in the database.
///
/// - `<service>.audit.key` (0600): JSON `{"key": hex, "keyedFrom": N, "createdAt": …}`. Entries
///   with a sequence above `keyedFrom` are chained with HMAC-SHA-256 under the key; entries up to
///   `keyedFrom` were appended before the key existed and keep their plain SHA-256 chain (the
///   first keyed entry links to the last of them, and the first checkpoint records it).
/// - `<service>.audit.checkpoints` (0600): one JSON line per checkpoint,
///   `{"sequence", "hash", "at", "mac"}`, the MAC under the same key. Written on start, at least
///   every minute while the head moves, and on a clean stop; never with a sequence lower than
///   the last one, nor when the entry at the last one's sequence no longer has its hash, so a
///   cut log cannot be checkpointed over.
public final class AuditSeal: Sendable {
    /// The HMAC-SHA-256 key of the chain and the checkpoints.
    let key: [UInt8]
    /// Entries up to this sequence predate the key and are chained with plain SHA-256.
    public let keyedFrom: Int64
    /// The checkpoint file.
    public let checkpointPath: String
    private let lock = NSLock()

    /// A seal with an explicit key (tests); services use ``open(configuration:database:)``.
    public init(key: [UInt8], keyedFrom: Int64, checkpointPath: String) {
        self.key = key
        self.keyedFrom = keyedFrom
        self.checkpointPath = checkpointPath
    }

    /// `<data>/keys/<service>.audit.key`.
    public static func keyPath(_ configuration: ServiceConfiguration) -> String {
        "\(configuration.keysDirectory)/\(configuration.serviceName).audit.key"
    }

    /// `<data>/keys/<service>.audit.checkpoints`.
    public static func checkpointPath(_ configuration: ServiceConfiguration) -> String {
        "\(configuration.keysDirectory)/\(configuration.serviceName).audit.checkpoints"
    }

    /// Loads the service's audit key, making it now if there is none (recording the log's
    /// current head as where the keyed chain begins), and registers the seal for `database`, so
    /// ``AuditTrail/append(_:tenant:actor:method:targetType:targetID:action:before:after:at:)``
    /// and ``AuditTrail/verify(_:)`` use it on that database.
    @discardableResult
    public static func open(configuration: ServiceConfiguration, database: Database) throws -> AuditSeal {
        let path = keyPath(configuration)
        let allowInsecure = configuration.allowInsecurePermissions
        if try SecureFiles.readSecret(at: path, allowInsecure: allowInsecure) == nil {
            let head = try database.readSync { db in try AuditTrail.highestSequence(db) }
            let record: JSONValue = [
                "key": .string(Hex.encode(SecureRandom.bytes(32))), "keyedFrom": .integer(head),
                "createdAt": .string(Timestamp.iso8601(Date())),
            ]
            try SecureFiles.createPrivateDirectory(configuration.keysDirectory)
            _ = try SecureFiles.createSecretIfAbsent(record.serialized, at: path)
        }
        guard let seal = try existing(configuration: configuration) else {
            throw SecureFileError("the audit key \(path) disappeared while it was being made")
        }
        AuditSeal.register(seal, databasePath: database.path)
        return seal
    }

    /// The seal of a service's data folder as its key file holds it, without making a key (nil
    /// when there is no key file): for checks made outside the service, such as `siopen restore`
    /// verifying a restored audit chain before any service starts.
    public static func existing(configuration: ServiceConfiguration) throws -> AuditSeal? {
        let path = keyPath(configuration)
        guard let bytes = try SecureFiles.readSecret(at: path, allowInsecure: configuration.allowInsecurePermissions)
        else { return nil }
        guard let record = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)),
            let key = record["key"]?.stringValue.flatMap(Hex.decode), key.count == 32,
            let keyedFrom = record["keyedFrom"]?.int64Value, keyedFrom >= 0
        else {
            throw SecureFileError(
                "the audit key \(path) is damaged: expected JSON with a 64-hex-digit key and keyedFrom")
        }
        return AuditSeal(key: key, keyedFrom: keyedFrom, checkpointPath: checkpointPath(configuration))
    }

    // MARK: Chain

    /// The hash `entry` should carry: HMAC-SHA-256 under the key above ``keyedFrom``, the plain
    /// SHA-256 of ``AuditEntry/computedHash`` up to it.
    func expectedHash(of entry: AuditEntry) -> String {
        guard entry.sequence > keyedFrom else { return entry.computedHash }
        return Hex.encode(HMACSHA256.authenticationCode(for: entry.hashedText, key: key))
    }

    // MARK: Checkpoints

    /// What a checkpoint's MAC covers.
    private static func macMessage(_ checkpoint: AuditCheckpoint) -> [UInt8] {
        Array("siopen-audit-checkpoint-v1\n\(checkpoint.sequence)\n\(checkpoint.hash)\n\(checkpoint.at)".utf8)
    }

    private func mac(_ checkpoint: AuditCheckpoint) -> String {
        Hex.encode(HMACSHA256.authenticationCode(for: Self.macMessage(checkpoint), key: key))
    }

    /// The last checkpoint in the file, nil when there is none. Only the file's tail is read.
    /// Throws when the last complete line is not a checkpoint made with this key. A last line
    /// without its newline (a write cut by a crash) is skipped.
    public func latestCheckpoint() throws -> AuditCheckpoint? {
        guard let handle = FileHandle(forReadingAtPath: checkpointPath) else { return nil }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        let start = size > 8192 ? size - 8192 : 0
        try handle.seek(toOffset: start)
        let tail = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        var lines = tail.split(separator: "\n", omittingEmptySubsequences: false)
        _ = lines.popLast()  // "" after the final newline, or a torn last line
        guard let line = lines.last(where: { !$0.isEmpty }) else { return nil }
        guard let value = try? JSONValue(parsing: String(line)),
            let sequence = value["sequence"]?.int64Value, let hash = value["hash"]?.stringValue,
            let at = value["at"]?.stringValue, let mac = value["mac"]?.stringValue
        else {
            throw SecureFileError("the last line of \(checkpointPath) is not a checkpoint")
        }
        let checkpoint = AuditCheckpoint(sequence: sequence, hash: hash, at: at)
        guard let code = Hex.decode(mac),
            HMACSHA256.isValidAuthenticationCode(code, for: Self.macMessage(checkpoint), key: key)
        else {
            throw SecureFileError(
                "the last checkpoint in \(checkpointPath) is not signed with this service's audit key")
        }
        return checkpoint
    }

    /// Checkpoints the head of `connection`'s audit log unless it is the last checkpoint already.
    /// Throws, writing nothing, when the log no longer reaches the last checkpoint or the entry
    /// there has another hash: the evidence stays as it is for ``AuditTrail/verify(_:)``.
    @discardableResult
    public func checkpoint(_ connection: Connection, at now: Date = Date()) throws -> AuditCheckpoint? {
        guard let head = try AuditTrail.head(connection) else { return nil }
        return try lock.withLock {
            let last = try latestCheckpoint()
            if let last {
                if head.sequence == last.sequence && head.hash == last.hash { return nil }
                guard head.sequence >= last.sequence else {
                    throw SecureFileError(
                        "audit log head \(head.sequence) is below the last checkpoint \(last.sequence): entries were removed; not checkpointing"
                    )
                }
                if last.sequence > 0 {
                    let stored = try connection.queryOne(
                        "SELECT hash FROM audit_log WHERE sequence = ?", last.sequence)?.string(0)
                    guard stored == last.hash else {
                        throw SecureFileError(
                            "audit entry \(last.sequence) no longer matches its checkpoint of \(last.at); not checkpointing"
                        )
                    }
                }
            }
            let checkpoint = AuditCheckpoint(sequence: head.sequence, hash: head.hash, at: Timestamp.iso8601(now))
            let line: JSONValue = [
                "sequence": .integer(checkpoint.sequence), "hash": .string(checkpoint.hash),
                "at": .string(checkpoint.at),
                "mac": .string(mac(checkpoint)),
            ]
            try SecureFiles.appendLine(line.serializedString, to: checkpointPath)
            return checkpoint
        }
    }

    // MARK: Registry

    private static let registry = Registry()

    /// Registers `seal` for the database file at `databasePath` (replacing any earlier one).
    public static func register(_ seal: AuditSeal, databasePath: String) {
        registry.set(seal, for: databasePath)
    }

    /// The seal registered for the database of `connection`, if any.
    static func registered(for connection: Connection) -> AuditSeal? {
        registry.get(connection.databasePath)
    }

    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var seals: [String: AuditSeal] = [:]
        func set(_ seal: AuditSeal, for path: String) { lock.withLock { seals[path] = seal } }
        func get(_ path: String) -> AuditSeal? { lock.withLock { seals[path] } }
    }
}
