import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage
import SiOpenTestSupport
import Testing

/// How often `apply` was called per sequence, behind a lock (the apply closure is @Sendable).
private final class Attempts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int64: Int] = [:]

    /// Counts one more attempt of `sequence`; returns how many there have been.
    func next(_ sequence: Int64) -> Int {
        lock.withLock {
            counts[sequence, default: 0] += 1
            return counts[sequence]!
        }
    }
}

@Suite("FeedConsumer dead letters")
struct FeedDeadLetterTests {
    static let consumerSQL = EventFeedTests.appliedSQL + FeedDeadLetters.schemaSQL

    /// A payload that does not decode as the struct an applier expects.
    struct Expected: Decodable {
        let required: Int
    }

    @Test(
        "a poison event, then normal ones: the normal ones are applied; the poison is dead-lettered with its payload and error, audited, listed, and never retried"
    )
    func poisonThenNormal() async throws {
        try await withFeedAuditDatabase { producer in
            try await withFeedAuditDatabase(extraSQL: Self.consumerSQL) { consumerDatabase in
                try await withFeedAuditServer(database: consumerDatabase) { consumerClient in
                    try await withFeedAuditServer(database: producer) { client in
                        try await EventFeedTests.publish(6, into: producer)
                        let attempts = Attempts()
                        let apply: @Sendable (FeedEvent, Connection) throws -> Void = { event, connection in
                            _ = attempts.next(event.sequence)
                            // The effect is written before the refusal: it must not survive it.
                            try EventFeedTests.record(event, connection)
                            if event.sequence == 3 {
                                throw RPCError.conflict(
                                    "order o3 already has a proposal against another vendor", currentState: "proposed")
                            }
                            if event.sequence == 5 {
                                _ = try JSONCoding.decode(Expected.self, from: JSONCoding.encode(event.payload))
                            }
                        }
                        let at = Date(timeIntervalSince1970: 1_795_300_000)
                        let consumer = FeedConsumer(
                            source: "identity", client: client, database: consumerDatabase, token: { "service" },
                            now: { at })
                        #expect(try await consumer.poll(apply: apply) == 6)
                        #expect(try await consumer.cursor() == 6)
                        #expect(try await EventFeedTests.applied(consumerDatabase) == [1, 2, 4, 6])

                        // Listed by feed.deadLetters, with the event, the error and the time.
                        let page = try await consumerClient.call(
                            FeedDeadLettersRead.self, CursorParams(after: 0), token: "admin-without-tenant")
                        #expect(page.deadLetters.map(\.sequence) == [3, 5])
                        #expect(page.deadLetters.map(\.source) == ["identity", "identity"])
                        #expect(page.deadLetters.map(\.type) == ["vendor.verified", "vendor.verified"])
                        #expect(page.deadLetters.map(\.subjectID) == ["v3", "v5"])
                        #expect(page.deadLetters[0].payload == ["vendor": "v3", "score": 3, "note": "ok"])
                        #expect(page.deadLetters[0].errorCode == 409)
                        #expect(page.deadLetters[0].errorMessage.contains("another vendor"))
                        #expect(page.deadLetters[1].errorCode == nil)
                        #expect(page.deadLetters[1].at == Timestamp.iso8601(at))
                        #expect(page.nextCursor == page.deadLetters.last?.id)
                        // Tenant by tenant for auditors; refused to others.
                        #expect(
                            try await consumerClient.call(
                                FeedDeadLettersRead.self, CursorParams(after: 0), token: "auditor-t1"
                            ).deadLetters.count == 2)
                        #expect(
                            try await consumerClient.call(
                                FeedDeadLettersRead.self, CursorParams(after: 0), token: "auditor-t2"
                            ).deadLetters.isEmpty)
                        #expect(
                            try await consumerClient.call(
                                FeedDeadLettersRead.self, CursorParams(after: 0), token: "monitor"
                            ).deadLetters.count == 2)
                        #expect(
                            await rpcError {
                                _ = try await consumerClient.call(
                                    FeedDeadLettersRead.self, CursorParams(after: 0), token: "ppk-t1")
                            }?.code == 403)
                        #expect(
                            await rpcError {
                                _ = try await consumerClient.call(
                                    FeedDeadLettersRead.self, CursorParams(after: 0), token: "auditor-without-tenant")
                            }?.code == 403)
                        #expect(
                            await rpcError {
                                _ = try await consumerClient.call(
                                    FeedDeadLettersRead.self, CursorParams(after: 0, limit: 0), token: "monitor")
                            }?.code == 422)
                        // A service that consumes no feed (no table) has none.
                        #expect(
                            try await client.call(FeedDeadLettersRead.self, CursorParams(after: 0), token: "monitor")
                                .deadLetters.isEmpty)

                        // Audited, as every state change.
                        let audit = try await consumerDatabase.read {
                            try AuditTrail.entries($0, tenant: nil, after: 0, limit: 100)
                        }
                        #expect(audit.map(\.action) == ["dead_lettered", "dead_lettered"])
                        #expect(audit.map(\.targetID) == ["identity:3", "identity:5"])
                        #expect(try await consumerDatabase.read { try AuditTrail.verify($0) }.intact)

                        // Never retried: later events apply, the poison is not attempted again, also after a restart.
                        try await EventFeedTests.publish(1, into: producer, startingAt: 7)
                        let restarted = FeedConsumer(
                            source: "identity", client: client, database: consumerDatabase, token: { "service" })
                        #expect(try await restarted.drain(apply: apply) == 1)
                        #expect(try await EventFeedTests.applied(consumerDatabase) == [1, 2, 4, 6, 7])
                        // Attempted once (the dead letter commits with the events before it,
                        // without applying it again), never since.
                        #expect(attempts.next(3) == 2)
                        #expect(
                            try await consumerClient.call(
                                FeedDeadLettersRead.self, CursorParams(after: 0), token: "monitor"
                            ).deadLetters.count == 2)
                    }
                }
            }
        }
    }

    @Test("a page of nothing but poison moves the cursor past all of it")
    func allPoison() async throws {
        try await withFeedAuditDatabase { producer in
            try await withFeedAuditDatabase(extraSQL: Self.consumerSQL) { consumerDatabase in
                try await withFeedAuditServer(database: producer) { client in
                    try await EventFeedTests.publish(4, into: producer)
                    let consumer = FeedConsumer(
                        source: "orders", client: client, database: consumerDatabase, token: { "service" }, batchSize: 3
                    )
                    let refuse: @Sendable (FeedEvent, Connection) throws -> Void = { _, _ in
                        throw RPCError.validationFailed(field: "vendorID", reason: "unknown")
                    }
                    #expect(try await consumer.drain(apply: refuse) == 4)
                    #expect(try await consumer.cursor() == 4)
                    let letters = try await consumerDatabase.read {
                        try FeedDeadLetters.list($0, tenant: nil, after: 0, limit: 100)
                    }
                    #expect(letters.map(\.sequence) == [1, 2, 3, 4])
                    #expect(letters.allSatisfy { $0.source == "orders" && $0.errorCode == 422 })
                }
            }
        }
    }

    @Test(
        "a transient failure (database busy, peer unavailable) is retried, never dead-lettered, and the cursor waits before it"
    )
    func transientIsRetried() async throws {
        try await withFeedAuditDatabase { producer in
            try await withFeedAuditDatabase(extraSQL: Self.consumerSQL) { consumerDatabase in
                try await withFeedAuditServer(database: producer) { client in
                    try await EventFeedTests.publish(4, into: producer)
                    let attempts = Attempts()
                    let apply: @Sendable (FeedEvent, Connection) throws -> Void = { event, connection in
                        let attempt = attempts.next(event.sequence)
                        if event.sequence == 2 && attempt <= 2 {
                            throw StorageError(code: 5, message: "database is locked")
                        }
                        if event.sequence == 3 && attempt <= 2 {
                            throw RPCError.dependencyUnavailable("identity is not reachable")
                        }
                        try EventFeedTests.record(event, connection)
                    }
                    let consumer = FeedConsumer(
                        source: "identity", client: client, database: consumerDatabase, token: { "service" })
                    await #expect(throws: StorageError.self) { try await consumer.poll(apply: apply) }
                    #expect(try await consumer.cursor() == 1)
                    await #expect(throws: StorageError.self) { try await consumer.poll(apply: apply) }
                    await #expect(throws: RPCError.self) { try await consumer.poll(apply: apply) }
                    #expect(try await consumer.cursor() == 2)
                    await #expect(throws: RPCError.self) { try await consumer.poll(apply: apply) }
                    #expect(try await consumer.poll(apply: apply) == 2)
                    #expect(try await EventFeedTests.applied(consumerDatabase) == [1, 2, 3, 4])
                    #expect(
                        try await consumerDatabase.read {
                            try FeedDeadLetters.list($0, tenant: nil, after: 0, limit: 100)
                        }.isEmpty)
                }
            }
        }
    }

    @Test(
        "errors are classified: refusals and undecodable events are permanent; outages, busy databases and unknown errors transient"
    )
    func classification() {
        struct Unknown: Error {}
        let decoding = Result { try JSONCoding.decode(Expected.self, from: Array(#"{"required":"x"}"#.utf8)) }
        let permanent: [any Error] = [
            RPCError.conflict("c"), RPCError.validationFailed(field: "f", reason: "r"),
            RPCError.notFound("order", id: "o"), RPCError.forbidden("f"),
            RPCError.invalidParams(field: "f", reason: "r"), PermanentFeedFailure("never"),
            StorageError(code: 19, message: "UNIQUE constraint failed"),
            StorageError.typeMismatch(column: "c", expected: "TEXT"),
        ]
        for error in permanent { #expect(FeedDeadLetters.classify(error) == .permanent, "\(error)") }
        if case .failure(let error) = decoding {
            #expect(FeedDeadLetters.classify(error) == .permanent, "\(error)")
        } else {
            Issue.record("decoded")
        }
        #expect(FeedDeadLetters.classify(JSONParseErrorSample.make()) == .permanent)
        let transient: [any Error] = [
            RPCError.dependencyUnavailable("down"), RPCError.unauthenticated(),
            RPCError.rateLimited(retryAfterSeconds: 1), RPCError.internalError(requestID: nil),
            StorageError(code: 5, message: "database is locked"), StorageError(code: 10, message: "disk I/O error"),
            StorageError.closed,
            BlobStoreError("fsync failed"), Unknown(), CancellationError(),
        ]
        for error in transient { #expect(FeedDeadLetters.classify(error) == .transient, "\(error)") }
    }
}

/// A real ``JSONParseError``, from text that is not JSON.
private enum JSONParseErrorSample {
    static func make() -> any Error {
        do {
            _ = try JSONValue(parsing: Array("{not json".utf8))
            return PermanentFeedFailure("parsed")
        } catch {
            return error
        }
    }
}
