import Foundation
import SiOpenProtocol
import SiOpenStorage

/// Whether an event that failed to apply may apply later.
public enum FeedFailureKind: String, Sendable, Hashable {
    /// The event can never apply (it cannot be decoded, or the domain refuses it): it is recorded
    /// as a dead letter and the feed goes on.
    case permanent
    /// The failure is of the moment (database busy, I/O, a peer unavailable): the event is
    /// retried with backoff and the cursor stays before it.
    case transient
}

/// An error an `apply` closure throws to say the event can never apply, when the refusal is not
/// already an ``RPCError`` 4xx or a decoding failure (which ``FeedDeadLetters/classify(_:)``
/// recognises by itself).
public struct PermanentFeedFailure: Error, CustomStringConvertible, Sendable {
    /// Why the event cannot apply.
    public let reason: String

    /// Creates it.
    public init(_ reason: String) {
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}

/// One event a consumer could never apply, kept with its payload and the error.
public struct FeedDeadLetter: Codable, Sendable, Hashable {
    /// Position in this service's dead-letter list; the cursor of `feed.deadLetters`.
    public var id: Int64
    /// The service whose feed carried the event.
    public var source: String
    /// The event's sequence in that feed.
    public var sequence: Int64
    /// The event's type, `<aggregate>.<event>`.
    public var type: String
    /// The tenant it concerns; `nil` for system-wide facts.
    public var tenant: String?
    /// The record the event is about.
    public var subjectID: String
    /// The event's payload as published.
    public var payload: JSONValue
    /// The error's code: the RPC error code, the SQLite result code, or `nil` for other errors.
    public var errorCode: Int?
    /// The error, for a person.
    public var errorMessage: String
    /// When the consumer gave up on it, ISO 8601 UTC with milliseconds.
    public var at: String

    /// Creates it.
    public init(
        id: Int64, source: String, sequence: Int64, type: String, tenant: String?, subjectID: String,
        payload: JSONValue,
        errorCode: Int?, errorMessage: String, at: String
    ) {
        self.id = id
        self.source = source
        self.sequence = sequence
        self.type = type
        self.tenant = tenant
        self.subjectID = subjectID
        self.payload = payload
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.at = at
    }
}

/// A page of dead letters.
public struct FeedDeadLetterPage: Codable, Sendable, Hashable {
    /// The dead letters the caller may see, ascending by id.
    public var deadLetters: [FeedDeadLetter]
    /// The cursor for the next call: the last id returned, or the `after` given when none were.
    public var nextCursor: Int64

    /// Creates a page.
    public init(deadLetters: [FeedDeadLetter], nextCursor: Int64) {
        self.deadLetters = deadLetters
        self.nextCursor = nextCursor
    }
}

/// `feed.deadLetters`: the events this service's feed consumers could never apply.
public enum FeedDeadLettersRead: RPCMethod {
    /// The wire name.
    public static let name = "feed.deadLetters"
    /// What it does.
    public static let summary =
        "Events of other services' feeds that this service could never apply (with the payload, the error and the time), after a cursor: the caller's tenant only, every tenant for Super Admin and the monitor. A service that consumes no feed has none."
    /// Oversight roles only, as for audit.read.
    public static let access = Access.roles(.auditor, .superAdmin, .ukpbjHead, .monitor)
    public static let errors: [ApplicationErrorCode]? = [.validationFailed]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The cursor (a dead letter's id) and page size (1–1000, default 100).
    public typealias Params = CursorParams
    /// The dead letters and the next cursor.
    public typealias Result = FeedDeadLetterPage
}

/// The events a ``FeedConsumer`` could never apply: recorded in the consumer's database in the
/// same transaction that moves its cursor past them, audited, and listed by `feed.deadLetters`.
public enum FeedDeadLetters {
    /// SQL creating `feed_dead_letter`; a service that consumes a feed puts it in a migration.
    public static let schemaSQL = """
        CREATE TABLE feed_dead_letter (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            type TEXT NOT NULL,
            tenant TEXT,
            subject_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            error_code INTEGER,
            error_message TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (source, sequence)
        ) STRICT;
        CREATE INDEX feed_dead_letter_by_tenant ON feed_dead_letter (tenant, id);

        """

    /// The longest error message kept.
    static let maxMessageCharacters = 2000

    /// Whether `error`, thrown while applying an event, means the event can never apply.
    ///
    /// Permanent: ``PermanentFeedFailure``; decoding failures (`DecodingError`, ``JSONParseError``);
    /// an ``RPCError`` of a refusal (4xx other than 401 and 429, and the JSON-RPC codes for
    /// invalid params or requests); a storage error the event itself causes (a constraint, a type
    /// mismatch, a value too big). Transient: everything else, notably a busy or closed database,
    /// I/O, 401, 429, 503 and internal errors, and errors of unknown kinds, so a bug or an outage
    /// holds the feed (and is logged by the background job) rather than discarding events.
    public static func classify(_ error: any Error) -> FeedFailureKind {
        switch error {
        case is PermanentFeedFailure, is DecodingError, is JSONParseError:
            return .permanent
        case let error as any RPCErrorConvertible:
            let error = error.rpcError
            if error.code == ApplicationErrorCode.unauthenticated.rawValue
                || error.code == ApplicationErrorCode.rateLimited.rawValue
            {
                return .transient
            }
            if (400...499).contains(error.code) || error.code == -32602 || error.code == -32600 { return .permanent }
            return .transient
        case let error as StorageError:
            // SQLITE_CONSTRAINT 19, SQLITE_TOOBIG 18, SQLITE_MISMATCH 20, SQLITE_RANGE 25, and our type mismatch.
            if [18, 19, 20, 25].contains(error.code) || error.isTypeMismatch { return .permanent }
            return .transient
        default:
            return .transient
        }
    }

    /// The error's code and message as recorded.
    static func describe(_ error: any Error) -> (code: Int?, message: String) {
        let code: Int?
        let message: String
        switch error {
        case let error as any RPCErrorConvertible:
            let error = error.rpcError
            code = error.code
            message = error.message
        case let error as StorageError:
            code = Int(error.code)
            message = error.message
        default:
            code = nil
            message = String(describing: error)
        }
        return (code, String(message.prefix(maxMessageCharacters)))
    }

    /// Records `event` of `source` as a dead letter with the error's `code` and `message` (see
    /// ``describe(_:)``) and audits it, inside the caller's write transaction (the one that moves
    /// the cursor past it). Recording the same event twice keeps the first record.
    static func record(
        _ connection: Connection, source: String, event: FeedEvent, code: Int?, message: String, at: Date
    ) throws {
        let inserted = try connection.run(
            """
            INSERT INTO feed_dead_letter (source, sequence, type, tenant, subject_id, payload, error_code, error_message, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, sequence) DO NOTHING
            """,
            arguments: [
                source, event.sequence, event.type, event.tenant, event.subjectID, event.payload.serializedString,
                code.map { Int64($0) }, message, Timestamp.iso8601(at),
            ])
        guard inserted > 0 else { return }
        try AuditTrail.append(
            connection, tenant: event.tenant, actor: nil, method: "feed.apply", targetType: "feed_event",
            targetID: "\(source):\(event.sequence)",
            action: "dead_lettered", before: nil,
            after: [
                "source": .string(source), "sequence": .integer(event.sequence), "type": .string(event.type),
                "subjectId": .string(event.subjectID), "errorCode": code.map { .integer(Int64($0)) } ?? .null,
                "errorMessage": .string(message),
            ],
            at: at)
    }

    /// Dead letters after `cursor` (an id), ascending, at most `limit`; only `tenant`'s when given.
    /// A database without the table (a service that consumes no feed) has none.
    public static func list(_ connection: Connection, tenant: String?, after cursor: Int64, limit: Int) throws
        -> [FeedDeadLetter]
    {
        guard limit > 0,
            try connection.queryOne("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feed_dead_letter'")
                != nil
        else {
            return []
        }
        var sql =
            "SELECT id, source, sequence, type, tenant, subject_id, payload, error_code, error_message, at FROM feed_dead_letter WHERE id > ?"
        var arguments: [any SQLBindable] = [cursor]
        if let tenant {
            sql += " AND tenant = ?"
            arguments.append(tenant)
        }
        arguments.append(limit)
        return try connection.query(sql + " ORDER BY id LIMIT ?", arguments: arguments).map { row in
            FeedDeadLetter(
                id: try row.int64(0), source: try row.string(1), sequence: try row.int64(2), type: try row.string(3),
                tenant: try row.optionalString(4), subjectID: try row.string(5),
                payload: try JSONValue(parsing: try row.string(6)),
                errorCode: try row.optionalInt64(7).map { Int($0) }, errorMessage: try row.string(8),
                at: try row.string(9))
        }
    }

    /// Registers `feed.deadLetters` on `table`, served from `database`: a caller's own tenant,
    /// every tenant for the monitor and Super Admin, refused for any other caller without a tenant.
    public static func register(into table: inout RPCMethodTable, database: Database) {
        table.register(FeedDeadLettersRead.self) { params, context in
            let limit = try params.pageLimit(default: EventFeed.defaultLimit, maximum: EventFeed.maxLimit)
            guard let principal = context.principal else { throw RPCError.unauthenticated() }
            let tenant: String?
            if principal.has(.monitor) || principal.has(.superAdmin) {
                tenant = nil
            } else if let own = principal.tenant {
                tenant = own
            } else {
                throw RPCError.forbidden(
                    "feed.deadLetters needs a tenant, or the monitor or super admin role to read across tenants")
            }
            let letters = try await database.read { try list($0, tenant: tenant, after: params.after, limit: limit) }
            return FeedDeadLetterPage(deadLetters: letters, nextCursor: letters.last?.id ?? params.after)
        }
    }
}
