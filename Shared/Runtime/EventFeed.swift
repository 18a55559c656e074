import Foundation
import SiOpenProtocol
import SiOpenStorage

/// A fact a service publishes for other services, read in order with a cursor.
public struct FeedEvent: Codable, Sendable, Hashable {
    /// Position in the publishing service's feed; strictly increasing, never reused.
    public var sequence: Int64
    /// What happened, `<aggregate>.<event>` in the past tense, e.g. `"vendor.verified"`: the
    /// name of an ``EventContract`` declared in `Shared/Contracts`.
    public var type: String
    /// The payload's version under that declaration (1 for events stored before versions were kept).
    public var version: Int
    /// The tenant it concerns; `nil` for system-wide facts.
    public var tenant: String?
    /// The id of the record it is about.
    public var subjectID: String
    /// The fact's data, as the publisher defines it for `type`.
    public var payload: JSONValue
    /// When it was published, ISO 8601 UTC with milliseconds.
    public var at: String

    /// Creates an event as read from storage or from the wire; ``EventFeed/publish(_:_:db:tenant:subjectID:at:)`` makes new ones.
    public init(
        sequence: Int64, type: String, version: Int = 1, tenant: String?, subjectID: String, payload: JSONValue,
        at: String
    ) {
        self.sequence = sequence
        self.type = type
        self.version = version
        self.tenant = tenant
        self.subjectID = subjectID
        self.payload = payload
        self.at = at
    }

    private enum CodingKeys: String, CodingKey { case sequence, type, version, tenant, subjectID, payload, at }

    /// Decodes an event; one without a `version` (from a build before versions) is version 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try container.decode(Int64.self, forKey: .sequence)
        type = try container.decode(String.self, forKey: .type)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        tenant = try container.decodeIfPresent(String.self, forKey: .tenant)
        subjectID = try container.decode(String.self, forKey: .subjectID)
        payload = try container.decode(JSONValue.self, forKey: .payload)
        at = try container.decode(String.self, forKey: .at)
    }

    /// Whether this event was published under `event`'s declaration (its name or a former one).
    public func `is`<E: EventContract>(_ event: E.Type) -> Bool {
        E.matches(type: type)
    }

    /// The payload as `event` declares it: the only way a consumer reads an event.
    ///
    /// An event of another type, of a newer version than this build knows, or whose payload does
    /// not decode, is a ``PermanentFeedFailure`` (or a `DecodingError`): ``FeedConsumer`` keeps
    /// it as a dead letter and the feed goes on.
    public func decode<E: EventContract>(_ event: E.Type) throws -> E.Payload {
        guard E.matches(type: type) else {
            throw PermanentFeedFailure("event \(sequence) is \(type), not \(E.type)")
        }
        guard (1...E.version).contains(version) else {
            throw PermanentFeedFailure(
                "event \(sequence) is \(type) version \(version); this build reads up to version \(E.version)")
        }
        return try JSONCoding.decode(E.Payload.self, from: payload)
    }

    /// The payload under whichever of `declarations` this event was published as, or `nil`
    /// when none declares it; for consumers and tests that hold a service's list of declarations.
    public func decode(among declarations: [any EventContract.Type]) throws -> (any Sendable)? {
        guard let declaration = declarations.first(where: { $0.matches(type: type) }) else { return nil }
        func open<E: EventContract>(_ event: E.Type) throws -> any Sendable { try decode(event) }
        return try open(declaration)
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

    /// SQL adding the payload version (``EventContract/version``) to `event_feed`; services that
    /// created the feed with ``schemaSQL`` put it in a later migration. Events stored before it are version 1.
    public static let versionSQL = "ALTER TABLE event_feed ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"

    /// The page size of `events.read` when the caller names none.
    public static let defaultLimit = 100
    /// The largest page `events.read` and `audit.read` return.
    public static let maxLimit = 1000

    /// Publishes one event of the declared kind `event`, inside the caller's write transaction,
    /// under the declaration's name and version; returns its sequence. The only way a service publishes.
    @discardableResult
    public static func publish<E: EventContract>(
        _ event: E.Type, _ payload: E.Payload, db connection: Connection, tenant: String?, subjectID: String, at: Date
    ) throws -> Int64 {
        try connection.run(
            "INSERT INTO event_feed (type, version, tenant, subject_id, payload, at) VALUES (?, ?, ?, ?, ?, ?)",
            E.type, E.version, tenant, subjectID, try JSONCoding.value(payload).serializedString, Timestamp.iso8601(at))
        return connection.lastInsertRowID
    }

    /// Events with a sequence above `cursor`, strictly ascending, at most `limit`. Events are
    /// never changed or removed, so the same cursor always gives the same events.
    public static func read(_ connection: Connection, after cursor: Int64, limit: Int) throws -> [FeedEvent] {
        // SQLite reads a negative LIMIT as "no limit"; a caller asking for none gets none.
        guard limit > 0 else { return [] }
        return try connection.query(
            "SELECT sequence, type, version, tenant, subject_id, payload, at FROM event_feed WHERE sequence > ? ORDER BY sequence LIMIT ?",
            cursor, limit
        ).map { row in
            FeedEvent(
                sequence: try row.int64("sequence"), type: try row.string("type"),
                version: Int(try row.int64("version")),
                tenant: try row.optionalString("tenant"),
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
                throw RPCError.forbidden(
                    "audit.read needs a tenant, or the monitor or super admin role to read across tenants")
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
