import Foundation
import SiOpenProtocol
import SiOpenSecurity
import SiOpenStorage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One state change: who, in which tenant, when, through which method, on what, before and after.
///
/// Entries form a hash chain: each `hash` covers the entry's content and the previous entry's
/// hash, so editing or removing a stored row breaks the chain from that row on.
public struct AuditEntry: Codable, Sendable, Hashable {
    /// Position in the log, assigned on append: 1, 2, 3, … with no gaps.
    public var sequence: Int64
    /// The tenant the change belongs to; `nil` for system-wide changes.
    public var tenant: String?
    /// The principal id that caused the change, or `"system"`.
    public var actor: String
    /// `"user"`, `"service"` or `"system"`.
    public var actorKind: String
    /// The RPC method name that caused it.
    public var method: String
    /// What kind of record changed, e.g. `"vendor"`, `"account"`.
    public var targetType: String
    /// The id of the record that changed.
    public var targetID: String
    /// What happened to it, e.g. `"verified"`, `"created"`.
    public var action: String
    /// The state before (`nil` on create).
    public var before: JSONValue?
    /// The state after (`nil` on delete).
    public var after: JSONValue?
    /// When, as ISO 8601 UTC with milliseconds, e.g. `2026-11-21T10:00:00.000Z`.
    public var at: String
    /// Hex SHA-256 of the previous entry (`""` for the first).
    public var previousHash: String
    /// Hex SHA-256 over `previousHash + "\n" + ` the canonical JSON of the other fields; for
    /// entries appended under an ``AuditSeal``, the HMAC-SHA-256 of the same text under the
    /// service's audit key, which is kept outside the database.
    public var hash: String

    /// Creates an entry as read from storage or from the wire; ``AuditTrail/append(_:tenant:actor:method:targetType:targetID:action:before:after:at:)`` makes new ones.
    public init(
        sequence: Int64, tenant: String?, actor: String, actorKind: String, method: String, targetType: String,
        targetID: String, action: String, before: JSONValue?, after: JSONValue?, at: String, previousHash: String,
        hash: String
    ) {
        self.sequence = sequence
        self.tenant = tenant
        self.actor = actor
        self.actorKind = actorKind
        self.method = method
        self.targetType = targetType
        self.targetID = targetID
        self.action = action
        self.before = before
        self.after = after
        self.at = at
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash this entry should carry given its content and `previousHash`.
    ///
    /// The hashed text is `previousHash`, a newline, then the compact JSON (keys sorted) of
    /// tenant, actor, actorKind, method, targetType, targetID, action, before, after, at and
    /// sequence, with `nil` members left out, exactly as the entry's own JSON encoding leaves
    /// them out, so anyone holding the entries (e.g. from `audit.read`) can recompute it.
    public var computedHash: String {
        SHA256.hexDigest(hashedText)
    }

    /// The text ``computedHash`` hashes (and a keyed chain authenticates).
    var hashedText: [UInt8] {
        var members: [String: JSONValue] = [
            "actor": .string(actor), "actorKind": .string(actorKind), "method": .string(method),
            "targetType": .string(targetType), "targetID": .string(targetID), "action": .string(action),
            "at": .string(at), "sequence": .integer(sequence),
        ]
        if let tenant { members["tenant"] = .string(tenant) }
        if let before { members["before"] = before }
        if let after { members["after"] = after }
        return Array(previousHash.utf8) + [0x0A] + JSONValue.object(members).serialized
    }
}

/// The result of recomputing the audit chain.
public struct AuditVerification: Codable, Sendable, Hashable {
    /// True when every entry's sequence, link and hash are as appended.
    public var intact: Bool
    /// Entries examined: all of them when intact, up to and including the first broken one otherwise.
    public var checkedEntries: Int64
    /// The first entry whose sequence, link or hash does not match; `nil` when intact.
    public var firstBrokenSequence: Int64?
    /// Why that entry is broken, for a person; `nil` when intact.
    public var reason: String?
    /// The checkpoint (kept outside the database) the log was compared with: the entry at its
    /// sequence must carry its hash, and no entry up to it may be missing. `nil` when the
    /// service has no audit seal or no checkpoint yet.
    public var checkpoint: AuditCheckpoint?
    /// Entries above this sequence are chained with the service's audit key (HMAC-SHA-256);
    /// those up to it predate the key and keep plain SHA-256. `nil` without an audit seal.
    public var keyedFromSequence: Int64?

    /// Creates a verification result.
    public init(
        intact: Bool, checkedEntries: Int64, firstBrokenSequence: Int64? = nil, reason: String? = nil,
        checkpoint: AuditCheckpoint? = nil, keyedFromSequence: Int64? = nil
    ) {
        self.intact = intact
        self.checkedEntries = checkedEntries
        self.firstBrokenSequence = firstBrokenSequence
        self.reason = reason
        self.checkpoint = checkpoint
        self.keyedFromSequence = keyedFromSequence
    }
}

/// The append-only, hash-chained audit log every service keeps in its own database.
///
/// Services append inside the same write transaction as the change itself, so a change never
/// commits without its audit row, nor an audit row without its change.
public enum AuditTrail {
    /// SQL creating `audit_log` and the triggers that refuse UPDATE and DELETE on it; services put
    /// it in their first migration.
    ///
    /// The triggers stop the application (and any bug in it) from rewriting history; someone with
    /// file access can still drop them, which is what the hash chain and ``verify(_:)`` catch.
    /// `RAISE(ABORT)` rather than `ROLLBACK`, so only the offending statement fails and the
    /// Database's own transaction stays intact.
    public static let schemaSQL = """
        CREATE TABLE audit_log (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant TEXT,
            actor TEXT NOT NULL,
            actor_kind TEXT NOT NULL CHECK (actor_kind IN ('user', 'service', 'system')),
            method TEXT NOT NULL,
            target_type TEXT NOT NULL,
            target_id TEXT NOT NULL,
            action TEXT NOT NULL,
            before_json TEXT,
            after_json TEXT,
            at TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_by_tenant ON audit_log (tenant, sequence);
        CREATE INDEX audit_log_by_target ON audit_log (target_type, target_id, sequence);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;

        """

    /// Appends one entry inside the caller's write transaction, so the change and its audit row
    /// commit together. Computes the chain hash from the last row.
    ///
    /// `actor` nil records `"system"` as both actor and kind. `before` and `after` are stored in
    /// the form any client will read them back in (numbers as JSON encoders print them), so the
    /// hash can be recomputed from `audit.read` output.
    @discardableResult
    public static func append(
        _ connection: Connection, tenant: String?, actor: Principal?, method: String, targetType: String,
        targetID: String, action: String, before: JSONValue?, after: JSONValue?, at: Date
    ) throws -> AuditEntry {
        let last = try connection.queryOne("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")
        let lastSequence = try last?.int64("sequence") ?? 0
        // AUTOINCREMENT remembers the highest number ever used: if rows at the tail were removed
        // by someone with file access, the next entry leaves a gap that verify() reports.
        let highWater =
            try connection.queryOne("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")?.int64("seq") ?? 0
        var entry = AuditEntry(
            sequence: max(lastSequence, highWater) + 1, tenant: tenant, actor: actor?.id ?? "system",
            actorKind: actor?.kind.rawValue ?? "system", method: method, targetType: targetType, targetID: targetID,
            action: action, before: try before.map(canonical), after: try after.map(canonical),
            at: Timestamp.iso8601(at), previousHash: try last?.string("hash") ?? "", hash: "")
        entry.hash = AuditSeal.registered(for: connection)?.expectedHash(of: entry) ?? entry.computedHash
        try connection.run(
            """
            INSERT INTO audit_log (sequence, tenant, actor, actor_kind, method, target_type, target_id, action,
                before_json, after_json, at, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            entry.sequence, entry.tenant, entry.actor, entry.actorKind, entry.method, entry.targetType,
            entry.targetID, entry.action, entry.before?.serializedString, entry.after?.serializedString, entry.at,
            entry.previousHash, entry.hash)
        return entry
    }

    /// Entries with a sequence above `sequence`, ascending, at most `limit`; `tenant` nil means
    /// every tenant (and system-wide entries), otherwise only that tenant's.
    public static func entries(_ connection: Connection, tenant: String?, after sequence: Int64, limit: Int) throws
        -> [AuditEntry]
    {
        // SQLite reads a negative LIMIT as "no limit"; a caller asking for none gets none.
        guard limit > 0 else { return [] }
        let rows: [Row]
        if let tenant {
            rows = try connection.query(
                "SELECT * FROM audit_log WHERE tenant = ? AND sequence > ? ORDER BY sequence LIMIT ?", tenant, sequence,
                limit)
        } else {
            rows = try connection.query(
                "SELECT * FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?", sequence, limit)
        }
        return try rows.map(entry)
    }

    /// Recomputes every hash in order and checks each link and sequence number; stops at the
    /// first entry that does not match.
    ///
    /// Catches edited rows (hash mismatch), removed rows (a gap, or a link to the wrong hash)
    /// and a removed first row. Without a seal, a chain rewritten from the tampered row to the
    /// end, or cut at the tail with nothing appended since, looks intact.
    ///
    /// Under the service's ``AuditSeal`` (registered when the service opened its database),
    /// keyed entries are checked with the audit key, which someone who can only write the
    /// database does not have, and the log is compared with the latest checkpoint: an entry at
    /// the checkpoint's sequence with another hash, or a log that ends before it (a deleted tail,
    /// a truncated log), is not intact.
    public static func verify(_ connection: Connection) throws -> AuditVerification {
        try verify(connection, seal: AuditSeal.registered(for: connection))
    }

    /// ``verify(_:)`` with an explicit seal (`nil`: the plain SHA-256 chain only).
    public static func verify(_ connection: Connection, seal: AuditSeal?) throws -> AuditVerification {
        let checkpoint: AuditCheckpoint?
        do {
            checkpoint = try seal?.latestCheckpoint()
        } catch {
            return AuditVerification(
                intact: false, checkedEntries: 0, reason: "\(error)", keyedFromSequence: seal?.keyedFrom)
        }
        if let seal, checkpoint == nil {
            return AuditVerification(
                intact: false, checkedEntries: 0,
                reason:
                    "no checkpoint in \(seal.checkpointPath): the checkpoint file was removed, so a cut log cannot be ruled out",
                keyedFromSequence: seal.keyedFrom)
        }
        var checked: Int64 = 0
        var expectedSequence: Int64 = 1
        var previousHash = ""
        var broken: (sequence: Int64, reason: String)?
        // Row by row, so a long log is checked without holding it all in memory.
        try connection.forEachRow("SELECT * FROM audit_log ORDER BY sequence") { row in
            guard broken == nil else { return }
            checked += 1
            let sequence = try row.int64("sequence")
            let stored: AuditEntry
            do {
                stored = try entry(row)
            } catch {
                broken = (sequence, "entry \(sequence) cannot be read: \(error)")
                return
            }
            if sequence != expectedSequence {
                broken = (sequence, "entry \(sequence) follows entry \(expectedSequence - 1): entries are missing")
            } else if stored.previousHash != previousHash {
                broken = (sequence, "entry \(sequence) does not link to the hash of the entry before it")
            } else if (seal?.expectedHash(of: stored) ?? stored.computedHash) != stored.hash {
                broken = (sequence, "entry \(sequence) does not match its hash: its content was changed")
            } else if let checkpoint, sequence == checkpoint.sequence, stored.hash != checkpoint.hash {
                broken = (sequence, "entry \(sequence) differs from the checkpoint of \(checkpoint.at)")
            }
            expectedSequence = sequence + 1
            previousHash = stored.hash
        }
        if broken == nil, let checkpoint, expectedSequence - 1 < checkpoint.sequence {
            let last = expectedSequence - 1
            broken = (
                last + 1,
                "the log ends at entry \(last) but the checkpoint of \(checkpoint.at) recorded entry \(checkpoint.sequence): entries \(last + 1) to \(checkpoint.sequence) were removed"
            )
        }
        guard let broken else {
            return AuditVerification(
                intact: true, checkedEntries: checked, checkpoint: checkpoint, keyedFromSequence: seal?.keyedFrom)
        }
        return AuditVerification(
            intact: false, checkedEntries: checked, firstBrokenSequence: broken.sequence, reason: broken.reason,
            checkpoint: checkpoint, keyedFromSequence: seal?.keyedFrom)
    }

    /// The newest entry's sequence and hash (`0` and `""` for an empty log); nil when the
    /// database has no audit log.
    public static func head(_ connection: Connection) throws -> (sequence: Int64, hash: String)? {
        guard try connection.queryOne("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'") != nil
        else { return nil }
        guard let row = try connection.queryOne("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")
        else { return (0, "") }
        return (try row.int64(0), try row.string(1))
    }

    /// The highest sequence the log has used (its last entry's, or higher when tail entries
    /// were removed); 0 for an empty log or none.
    static func highestSequence(_ connection: Connection) throws -> Int64 {
        guard let head = try head(connection) else { return 0 }
        let highWater =
            try connection.queryOne("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")?.int64(0) ?? 0
        return max(head.sequence, highWater)
    }

    /// An entry from an `audit_log` row.
    static func entry(_ row: Row) throws -> AuditEntry {
        AuditEntry(
            sequence: try row.int64("sequence"), tenant: try row.optionalString("tenant"),
            actor: try row.string("actor"),
            actorKind: try row.string("actor_kind"), method: try row.string("method"),
            targetType: try row.string("target_type"), targetID: try row.string("target_id"),
            action: try row.string("action"),
            before: try row.optionalString("before_json").map(JSONValue.init(parsing:)),
            after: try row.optionalString("after_json").map(JSONValue.init(parsing:)), at: try row.string("at"),
            previousHash: try row.string("previous_hash"), hash: try row.string("hash"))
    }

    /// `value` as it reads after a trip through Codable (how every client sees it), so a hash
    /// computed now matches one recomputed from an `audit.read` answer.
    static func canonical(_ value: JSONValue) throws -> JSONValue {
        try JSONCoding.value(value)
    }

}
