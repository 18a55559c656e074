import Foundation
import SiOpenProtocol
import SiOpenStorage

/// Reads another service's feed and applies each event exactly once.
///
/// The cursor lives in the consumer's own database (`feed_cursor`, from ``EventFeed/schemaSQL``)
/// and moves in the same transaction as the events' effects, so after a crash the consumer
/// resumes exactly where its committed state ends. An event that can never apply becomes a dead
/// letter (``FeedDeadLetters``) and the feed goes on; a passing failure is retried.
public final class FeedConsumer: Sendable {
    /// The name of the service whose feed is read; the key of its cursor.
    public let source: String
    let client: RPCClient
    let database: Database
    let token: @Sendable () -> String?
    let batchSize: Int
    let now: @Sendable () -> Date
    let logger: Logger?

    /// Creates a consumer of `source`'s feed, reached through `client`, applying into `database`.
    /// `token` is asked for the service token at every poll, so a rotated token is picked up.
    /// `now` dates the dead letters; `logger` warns of each (without its payload). The database
    /// needs ``FeedDeadLetters/schemaSQL``.
    public init(
        source: String, client: RPCClient, database: Database, token: @escaping @Sendable () -> String?,
        batchSize: Int = 100, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger? = nil
    ) {
        self.source = source
        self.now = now
        self.logger = logger
        self.client = client
        self.database = database
        self.token = token
        // events.read refuses pages outside 1...1000.
        self.batchSize = min(max(batchSize, 1), EventFeed.maxLimit)
    }

    /// Reads one page (up to `batchSize` events) from the stored cursor and applies each event;
    /// the event's effect and the cursor advance commit in ONE write transaction, so a crash
    /// between them cannot apply an event twice or skip it. Returns the number of events the
    /// cursor moved past (applied or dead-lettered); a full batch means more may be waiting.
    ///
    /// When `apply` throws, ``FeedDeadLetters/classify(_:)`` decides:
    /// - permanent (the event can never apply): the events before it are applied, the event is
    ///   recorded in `feed_dead_letter` with its payload, the error and the time, audited, and the
    ///   cursor moves past it, all in one transaction; the page goes on with the next event. One
    ///   bad event never stops the feed.
    /// - transient: the events before it stay applied, the cursor stops just before it, and the
    ///   error is rethrown; the next poll (``BackgroundWork`` backs off) starts with it again.
    ///
    /// `apply` must keep its effects to the connection it is given: it may run again for an event
    /// whose transaction was rolled back. Concurrent polls (even from two consumers of the same
    /// database) are safe: an event is applied only while the stored cursor is where this poll
    /// found it.
    public func poll(apply: @escaping @Sendable (FeedEvent, Connection) throws -> Void) async throws -> Int {
        let start = try await cursor()
        let page = try await client.call(EventsRead.self, CursorParams(after: start, limit: batchSize), token: token())
        // Exactly-once rests on strictly ascending sequences above the cursor; refuse anything else.
        var previous = start
        for event in page.events {
            guard event.sequence > previous else {
                throw RPCError.dependencyUnavailable(
                    "\(source) answered events.read after \(start) with event \(event.sequence) after \(previous): not strictly ascending"
                )
            }
            previous = event.sequence
        }

        // The whole page in one transaction (one fsync, not one per event). If an event fails,
        // that transaction rolls back entirely, so the events before it are committed on their
        // own: with the dead letter when the failure is permanent, without when it is transient.
        var events = page.events[...]
        var from = start
        var done = 0
        while !events.isEmpty {
            do {
                let applied = try await applyInOneTransaction(events, from: from, deadLetter: nil, apply: apply)
                return done + applied
            } catch let failure as EventApplyFailure {
                let before = events[..<failure.index]
                switch FeedDeadLetters.classify(failure.underlying) {
                case .transient:
                    if !before.isEmpty {
                        do {
                            _ = try await applyInOneTransaction(before, from: from, deadLetter: nil, apply: apply)
                        } catch let again as EventApplyFailure {
                            throw again.underlying
                        }
                    }
                    throw failure.underlying
                case .permanent:
                    let poison = events[failure.index]
                    let moved: Int
                    do {
                        moved = try await applyInOneTransaction(
                            before, from: from, deadLetter: (poison, failure.underlying), apply: apply)
                    } catch let again as EventApplyFailure {
                        // An event before the poison failed this time: the next poll sorts it out.
                        throw again.underlying
                    }
                    // Another poll moved the cursor first: those events are its to apply.
                    if moved == 0 { return done }
                    logger?.warning(
                        "feed event can never apply: kept as a dead letter (feed.deadLetters)",
                        [
                            "source": .string(source), "sequence": .integer(poison.sequence),
                            "type": .string(poison.type),
                            "errorCode": FeedDeadLetters.describe(failure.underlying).code.map { .integer(Int64($0)) }
                                ?? .null,
                        ])
                    done += moved
                    from = poison.sequence
                    events = events[(failure.index + 1)...]
                }
            }
        }
        return done
    }

    /// Polls until the feed has nothing more waiting; returns how many events the cursor moved past.
    @discardableResult
    public func drain(apply: @escaping @Sendable (FeedEvent, Connection) throws -> Void) async throws -> Int {
        var total = 0
        while true {
            let applied = try await poll(apply: apply)
            total += applied
            if applied == 0 { return total }
        }
    }

    /// The sequence of the last event applied (0 before the first).
    public func cursor() async throws -> Int64 {
        let source = self.source
        return try await database.read { try Self.storedCursor($0, source: source) }
    }

    /// Applies `events`, records `deadLetter` (the event right after them) when given, and moves
    /// the cursor to the last of them, all in one write transaction; returns how many events the
    /// cursor moved past (0 when another poll moved the cursor first).
    private func applyInOneTransaction(
        _ events: ArraySlice<FeedEvent>, from start: Int64, deadLetter: (event: FeedEvent, error: any Error)?,
        apply: @escaping @Sendable (FeedEvent, Connection) throws -> Void
    ) async throws -> Int {
        let source = self.source
        let now = self.now
        let deadLetterEvent = deadLetter?.event
        let deadLetterError = deadLetter.map { FeedDeadLetters.describe($0.error) }
        return try await database.write { connection in
            // Compare-and-set: if the cursor moved since we read it, those events are someone
            // else's to have applied; applying them here would apply them twice.
            guard try Self.storedCursor(connection, source: source) == start else { return 0 }
            for index in events.indices {
                do {
                    try apply(events[index], connection)
                } catch {
                    throw EventApplyFailure(index: index, underlying: error)
                }
            }
            var last = events.last?.sequence
            if let deadLetterEvent, let deadLetterError {
                try FeedDeadLetters.record(
                    connection, source: source, event: deadLetterEvent, code: deadLetterError.code,
                    message: deadLetterError.message, at: now())
                last = deadLetterEvent.sequence
            }
            guard let last else { return 0 }
            try connection.run(
                "INSERT INTO feed_cursor (source, cursor) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor",
                source, last)
            return events.count + (deadLetterEvent == nil ? 0 : 1)
        }
    }

    private static func storedCursor(_ connection: Connection, source: String) throws -> Int64 {
        try connection.queryOne("SELECT cursor FROM feed_cursor WHERE source = ?", source)?.int64("cursor") ?? 0
    }

    /// `apply` threw for the event at `index` of the page; carries its error out of the rolled-back write.
    private struct EventApplyFailure: Error {
        let index: Int
        let underlying: any Error
    }
}
