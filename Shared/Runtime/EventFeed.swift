import Foundation
import SiOpenProtocol
import SiOpenStorage

/// A fact a service publishes for other services, read in order with a cursor.
public struct FeedEvent: Codable, Sendable, Hashable {
    /// Position in the publishing service's feed; strictly increasing, never reused.
    public var sequence: Int64
    /// What happened, `<entity>.<past tense>`, e.g. `"vendor.verified"`.
    public var type: String
    /// The tenant it concerns; `nil` for system-wide facts.
    public var tenant: String?
    /// The id of the record it is about.
    public var subjectID: String
    /// The fact's data, as the publisher defines it for `type`.
    public var payload: JSONValue
    /// When it was published, ISO 8601 UTC with milliseconds.
    public var at: String

    /// Creates an event as read from storage or from the wire; ``EventFeed/publish(_:type:tenant:subjectID:payload:at:)`` makes new ones.
    public init(sequence: Int64, type: String, tenant: String?, subjectID: String, payload: JSONValue, at: String) {
        self.sequence = sequence
        self.type = type
        self.tenant = tenant
        self.subjectID = subjectID
        self.payload = payload
        self.at = at
    }
}

/// The outbox of facts a service publishes, and the cursors of the feeds it consumes.
///
/// A service publishes inside the write transaction of the change the event reports, so other
/// services never hear of a change that did not commit, nor miss one that did.
public enum EventFeed {
    /// SQL creating `event_feed` (the published events) and `feed_cursor` (per consumed source,
    /// the last sequence applied); services put it in their first migration.
    ///
    /// AUTOINCREMENT so a sequence number is never handed out twice, and triggers refuse UPDATE
    /// and DELETE: consumers rely on the same cursor always giving the same events.
    public static let schemaSQL = """
        CREATE TABLE event_feed (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            type TEXT NOT NULL,
            tenant TEXT,
            subject_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TRIGGER event_feed_no_update BEFORE UPDATE ON event_feed
        BEGIN SELECT RAISE(ABORT, 'event_feed is append-only: UPDATE refused'); END;
        CREATE TRIGGER event_feed_no_delete BEFORE DELETE ON event_feed
        BEGIN SELECT RAISE(ABORT, 'event_feed is append-only: DELETE refused'); END;
        CREATE TABLE feed_cursor (
            source TEXT PRIMARY KEY,
            cursor INTEGER NOT NULL
        );

        """

    /// The page size of `events.read` when the caller names none.
    public static let defaultLimit = 100
    /// The largest page `events.read` and `audit.read` return.
    public static let maxLimit = 1000

    /// Publishes one event inside the caller's write transaction; returns its sequence.
    @discardableResult
    public static func publish(
        _ connection: Connection, type: String, tenant: String?, subjectID: String, payload: JSONValue, at: Date
    ) throws -> Int64 {
        try connection.run(
            "INSERT INTO event_feed (type, tenant, subject_id, payload, at) VALUES (?, ?, ?, ?, ?)",
            type, tenant, subjectID, payload.serializedString, Timestamp.iso8601(at))
        return connection.lastInsertRowID
    }

    /// Events with a sequence above `cursor`, strictly ascending, at most `limit`. Events are
    /// never changed or removed, so the same cursor always gives the same events.
    public static func read(_ connection: Connection, after cursor: Int64, limit: Int) throws -> [FeedEvent] {
        // SQLite reads a negative LIMIT as "no limit"; a caller asking for none gets none.
        guard limit > 0 else { return [] }
        return try connection.query(
            "SELECT sequence, type, tenant, subject_id, payload, at FROM event_feed WHERE sequence > ? ORDER BY sequence LIMIT ?",
            cursor, limit
        ).map { row in
            FeedEvent(
                sequence: try row.int64("sequence"), type: try row.string("type"), tenant: try row.optionalString("tenant"),
                subjectID: try row.string("subject_id"), payload: try JSONValue(parsing: try row.string("payload")),
                at: try row.string("at"))
        }
    }

    /// Registers `events.read`, `audit.read`, `audit.verify` and `feed.deadLetters` on `table`,
    /// served from `database`.
    ///
    /// `audit.read` shows a caller only its own tenant's entries, except to the national monitor
    /// and the super admin, who read across tenants; any other caller without a tenant is refused
    /// rather than shown everything.
    public static func registerFeedAndAudit(into table: inout RPCMethodTable, database: Database) {
        table.register(EventsRead.self) { params, _ in
            let limit = try params.pageLimit(default: defaultLimit, maximum: maxLimit)
            let events = try await database.read { try read($0, after: params.after, limit: limit) }
            return EventsPage(events: events, nextCursor: events.last?.sequence ?? params.after)
        }
        table.register(AuditRead.self) { params, context in
            let limit = try params.pageLimit(default: defaultLimit, maximum: maxLimit)
            guard let principal = context.principal else { throw RPCError.unauthenticated() }
            let tenant: String?
            if principal.has(.monitor) || principal.has(.superAdmin) {
                // Both are admitted by AuditRead.access and neither has a tenant: they read across tenants.
                tenant = nil
            } else if let own = principal.tenant {
                tenant = own
            } else {
                throw RPCError.forbidden("audit.read needs a tenant, or the monitor or super admin role to read across tenants")
            }
            let entries = try await database.read {
                try AuditTrail.entries($0, tenant: tenant, after: params.after, limit: limit)
            }
            return AuditPage(entries: entries, nextCursor: entries.last?.sequence ?? params.after)
        }
        table.register(AuditVerify.self) { _, _ in
            // One read transaction: the whole chain is checked as of one snapshot.
            try await database.read { try AuditTrail.verify($0) }
        }
        FeedDeadLetters.register(into: &table, database: database)
    }

}

/// A page of a service's feed.
public struct EventsPage: Codable, Sendable, Hashable {
    /// The events, strictly ascending by sequence.
    public var events: [FeedEvent]
    /// The cursor for the next call: the last sequence returned, or the `after` given when none were.
    public var nextCursor: Int64

    /// Creates a page.
    public init(events: [FeedEvent], nextCursor: Int64) {
        self.events = events
        self.nextCursor = nextCursor
    }
}

/// `events.read`: served by every service that publishes; other services read it with a cursor.
public enum EventsRead: RPCMethod {
    /// The wire name.
    public static let name = "events.read"
    /// What it does.
    public static let summary =
        "Events this service published after a cursor, in ascending order; the same cursor always gives the same events."
    /// Services only: the feed carries every tenant's facts.
    public static let access = Access.service
    public static let errors: [ApplicationErrorCode]? = [.validationFailed]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The cursor and page size.
    public typealias Params = CursorParams
    /// The events and the next cursor.
    public typealias Result = EventsPage
}

/// A page of the audit log.
public struct AuditPage: Codable, Sendable, Hashable {
    /// The entries the caller may see, ascending by sequence.
    public var entries: [AuditEntry]
    /// The cursor for the next call: the last sequence returned, or the `after` given when none were.
    public var nextCursor: Int64

    /// Creates a page.
    public init(entries: [AuditEntry], nextCursor: Int64) {
        self.entries = entries
        self.nextCursor = nextCursor
    }
}

/// `audit.read`: the audit log for auditors, the UKPBJ head and the national monitor.
public enum AuditRead: RPCMethod {
    /// The wire name.
    public static let name = "audit.read"
    /// What it does.
    public static let summary =
        "Audit entries after a cursor, in ascending order: the caller's tenant only, every tenant for the monitor."
    /// Oversight roles only.
    public static let access = Access.roles(.auditor, .superAdmin, .ukpbjHead, .monitor)
    public static let errors: [ApplicationErrorCode]? = [.validationFailed]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The cursor and page size.
    public typealias Params = CursorParams
    /// The entries and the next cursor.
    public typealias Result = AuditPage
}

/// `audit.verify`: recomputes the audit log's hash chain.
public enum AuditVerify: RPCMethod {
    /// The wire name.
    public static let name = "audit.verify"
    /// What it does.
    public static let summary =
        "Recomputes every audit entry's hash in order and reports whether the log is intact, or the first entry that is not."
    /// Oversight roles only, as for audit.read.
    public static let access = Access.roles(.auditor, .superAdmin, .ukpbjHead, .monitor)
    public static let errors: [ApplicationErrorCode]? = []
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// None.
    public typealias Params = EmptyParams
    /// Whether the chain is intact, and where it breaks.
    public typealias Result = AuditVerification
}
