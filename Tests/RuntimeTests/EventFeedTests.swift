import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Support shared with AuditTrailTests (prefixed, so other test files' helpers never clash)

/// A fresh directory under /tmp, short enough for a socket path.
func feedAuditTemporaryDirectory() throws -> String {
    var template = Array("/tmp/sifeed-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
        guard let result = mkdtemp(buffer.baseAddress!) else { return nil }
        return String(cString: result)
    }
    guard let made else { throw FeedAuditTestError("mkdtemp failed: \(String(cString: strerror(errno)))") }
    return made
}

/// A failure raised by the feed and audit tests themselves.
struct FeedAuditTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` with a fresh database file holding the audit and feed schemas (plus `extraSQL`),
/// closed and removed afterwards.
func withFeedAuditDatabase<R>(extraSQL: String = "", _ body: (Database) async throws -> R) async throws -> R {
    let directory = try feedAuditTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database = try Database(
        path: directory + "/service.sqlite",
        configuration: DatabaseConfiguration(migrations: [
            Migration(
                version: 1, name: "audit and feed",
                sql: AuditTrail.schemaSQL + EventFeed.schemaSQL + EventFeed.versionSQL + extraSQL)
        ]))
    defer { database.close() }
    return try await body(database)
}

/// Test tokens and the principals they stand for.
struct FeedAuditTestAuthenticator: RequestAuthenticator {
    static let principals: [String: Principal] = [
        "service": Principal(kind: .service, id: "reporting"),
        "auditor-t1": Principal(kind: .user, id: "auditor-1", tenant: "t1", roles: [.auditor]),
        "auditor-t2": Principal(kind: .user, id: "auditor-2", tenant: "t2", roles: [.auditor]),
        "monitor": Principal(kind: .user, id: "monitor-1", roles: [.monitor]),
        "admin-without-tenant": Principal(kind: .user, id: "admin-1", roles: [.superAdmin]),
        "auditor-without-tenant": Principal(kind: .user, id: "auditor-0", roles: [.auditor]),
        "ppk-t1": Principal(kind: .user, id: "ppk-1", tenant: "t1", roles: [.ppk]),
    ]

    func authenticate(token: String) async throws -> Principal {
        guard let principal = Self.principals[token] else { throw RPCError.unauthenticated() }
        return principal
    }
}

/// Serves `registerFeedAndAudit` over `database` on a real Unix socket and hands `body` a client.
func withFeedAuditServer<R>(database: Database, _ body: (RPCClient) async throws -> R) async throws -> R {
    let directory = try feedAuditTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var table = RPCMethodTable()
    EventFeed.registerFeedAndAudit(into: &table, database: database)
    let server = RPCServer(
        socketPath: directory + "/feed.sock",
        dispatcher: RPCDispatcher(table: table, authenticator: FeedAuditTestAuthenticator()))
    try server.start()
    let client = RPCClient(socketPath: server.socketPath, defaultTimeout: .seconds(30))
    // Close the client and wait until the server dropped it before shutting down: shutting down
    // with a connection closing on its own races inside RPCServer (see RuntimeTests' stop()).
    func stopServer() async {
        client.close()
        let deadline = ContinuousClock.now + .seconds(30)
        while server.connectionCount > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        await server.shutdown()
    }
    do {
        let result = try await body(client)
        await stopServer()
        return result
    } catch {
        await stopServer()
        throw error
    }
}

/// The `data.fields[0].field` of a validation error.
func feedAuditFirstField(_ error: RPCError?) -> String? {
    error?.data?["fields"]?.arrayValue?.first?["field"]?.stringValue
}

/// The test feed's declared events.
struct TestVendorScore: Codable, Sendable, Hashable {
    var vendor: String
    var score: Int64
    var note: String
}

enum TestVendorVerified: EventContract {
    static let type = "vendor.verified"
    static let version = 1
    static let summary = "A test vendor was scored."
    typealias Payload = TestVendorScore
}

struct TestNested: Codable, Sendable, Hashable {
    var nested: JSONValue
}

enum TestSystemStarted: EventContract {
    static let type = "system.started"
    static let version = 1
    static let summary = "A test system started."
    typealias Payload = TestNested
}

// MARK: - Tests

@Suite("EventFeed and FeedConsumer")
struct EventFeedTests {
    static let at = Date(timeIntervalSince1970: 1_795_255_200)  // 2026-11-21T10:00:00Z

    /// Publishes `count` events `vendor.verified` for subjects v1, v2, … in one transaction.
    static func publish(_ count: Int, into database: Database, startingAt first: Int = 1) async throws {
        try await database.write { connection in
            for number in first..<(first + count) {
                try EventFeed.publish(
                    TestVendorVerified.self, TestVendorScore(vendor: "v\(number)", score: Int64(number), note: "ok"),
                    db: connection,
                    tenant: number % 2 == 0 ? "t2" : "t1", subjectID: "v\(number)", at: at)
            }
        }
    }

    @Test("published events read back ascending by cursor; the same cursor gives the same events")
    func readWithCursor() async throws {
        try await withFeedAuditDatabase { database in
            let first = try await database.write { connection in
                try EventFeed.publish(
                    TestSystemStarted.self, TestNested(nested: [1, "two", nil]), db: connection, tenant: nil,
                    subjectID: "s", at: Self.at)
            }
            #expect(first == 1)
            try await Self.publish(24, into: database, startingAt: 2)

            var cursor: Int64 = 0
            var seen: [Int64] = []
            while true {
                let page = try await database.read { [cursor] connection in
                    try EventFeed.read(connection, after: cursor, limit: 10)
                }
                if page.isEmpty { break }
                seen += page.map(\.sequence)
                cursor = page.last!.sequence
            }
            #expect(seen == Array(1...25))

            let once = try await database.read { try EventFeed.read($0, after: 10, limit: 7) }
            let again = try await database.read { try EventFeed.read($0, after: 10, limit: 7) }
            #expect(once == again)
            #expect(once.map(\.sequence) == Array(11...17))
            #expect(once.first?.subjectID == "v11")
            #expect(once.first?.tenant == "t1")
            #expect(once.first?.payload == ["vendor": "v11", "score": 11, "note": "ok"])

            let start = try await database.read { try EventFeed.read($0, after: 0, limit: 1) }
            #expect(
                start == [
                    FeedEvent(
                        sequence: 1, type: "system.started", tenant: nil, subjectID: "s",
                        payload: ["nested": [1, "two", nil]],
                        at: "2026-11-21T10:00:00.000Z")
                ])
            #expect(try await database.read { try EventFeed.read($0, after: 25, limit: 10) }.isEmpty)
            #expect(try await database.read { try EventFeed.read($0, after: 0, limit: 0) }.isEmpty)
        }
    }

    @Test("events are published under their declaration's name and version, and read back only through it")
    func typedPublishAndDecode() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.publish(1, into: database)
            let event = try #require(try await database.read { try EventFeed.read($0, after: 0, limit: 1) }.first)
            #expect(event.type == TestVendorVerified.type && event.version == TestVendorVerified.version)
            #expect(try event.decode(TestVendorVerified.self) == TestVendorScore(vendor: "v1", score: 1, note: "ok"))
            #expect(try event.decode(among: [TestSystemStarted.self]) == nil)

            // Another type, a version newer than the declaration, a payload that does not fit:
            // each can never apply, so the consumer keeps it as a dead letter and goes on.
            var failures: [any Error] = []
            do { _ = try event.decode(TestSystemStarted.self) } catch { failures.append(error) }
            var newer = event
            newer.version = TestVendorVerified.version + 1
            do { _ = try newer.decode(TestVendorVerified.self) } catch { failures.append(error) }
            var unfit = event
            unfit.payload = ["vendor": 7]
            do { _ = try unfit.decode(TestVendorVerified.self) } catch { failures.append(error) }
            #expect(failures.count == 3)
            #expect(failures.allSatisfy { FeedDeadLetters.classify($0) == .permanent })

            // An event from a build before versions (no `version` member) is version 1.
            let old = try JSONCoding.decode(
                FeedEvent.self,
                from: Array(#"{"sequence":1,"type":"vendor.verified","subjectID":"v1","payload":{},"at":"x"}"#.utf8))
            #expect(old.version == 1)
        }
    }

    @Test("published events cannot be updated or deleted")
    func feedIsAppendOnly() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.publish(3, into: database)
            await #expect(throws: StorageError.self) {
                try await database.write { try $0.run("UPDATE event_feed SET payload = '{}' WHERE sequence = 2") }
            }
            await #expect(throws: StorageError.self) {
                try await database.write { try $0.run("DELETE FROM event_feed WHERE sequence = 2") }
            }
            let events = try await database.read { try EventFeed.read($0, after: 0, limit: 10) }
            #expect(events.map(\.sequence) == [1, 2, 3])
            #expect(events[1].payload["vendor"] == "v2")
        }
    }

    @Test("events.read over a socket: pages, cursor, default limit, service-only access")
    func eventsReadOverSocket() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.publish(150, into: database)
            try await withFeedAuditServer(database: database) { client in
                let defaultPage = try await client.call(EventsRead.self, CursorParams(after: 0), token: "service")
                #expect(defaultPage.events.map(\.sequence) == Array(1...100))
                #expect(defaultPage.nextCursor == 100)

                let next = try await client.call(EventsRead.self, CursorParams(after: 100, limit: 30), token: "service")
                #expect(next.events.map(\.sequence) == Array(101...130))
                #expect(next.nextCursor == 130)
                let again = try await client.call(
                    EventsRead.self, CursorParams(after: 100, limit: 30), token: "service")
                #expect(again == next)

                let tail = try await client.call(
                    EventsRead.self, CursorParams(after: 130, limit: 1000), token: "service")
                #expect(tail.events.map(\.sequence) == Array(131...150))
                let empty = try await client.call(EventsRead.self, CursorParams(after: 150), token: "service")
                #expect(empty.events.isEmpty)
                #expect(empty.nextCursor == 150)
                let beyond = try await client.call(EventsRead.self, CursorParams(after: 9999), token: "service")
                #expect(beyond.events.isEmpty)
                #expect(beyond.nextCursor == 9999)

                let anonymous = await rpcError {
                    _ = try await client.call(EventsRead.self, CursorParams(after: 0))
                }
                #expect(anonymous?.code == 401)
                let user = await rpcError {
                    _ = try await client.call(EventsRead.self, CursorParams(after: 0), token: "monitor")
                }
                #expect(user?.code == 403)
            }
        }
    }

    @Test("events.read refuses a limit outside 1…1000 and a negative cursor with 422")
    func eventsReadLimitValidation() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.publish(2, into: database)
            try await withFeedAuditServer(database: database) { client in
                for (params, field) in [
                    (CursorParams(after: 0, limit: 0), "limit"),
                    (CursorParams(after: 0, limit: -5), "limit"),
                    (CursorParams(after: 0, limit: 1001), "limit"),
                    (CursorParams(after: -1), "after"),
                ] {
                    let error = await rpcError {
                        _ = try await client.call(EventsRead.self, params, token: "service")
                    }
                    #expect(error?.code == 422, "\(params)")
                    #expect(error?.data?["kind"] == "validation_failed")
                    #expect(feedAuditFirstField(error) == field, "\(params)")
                }
                let smallest = try await client.call(
                    EventsRead.self, CursorParams(after: 0, limit: 1), token: "service")
                #expect(smallest.events.map(\.sequence) == [1])
                let largest = try await client.call(
                    EventsRead.self, CursorParams(after: 0, limit: 1000), token: "service")
                #expect(largest.events.map(\.sequence) == [1, 2])
            }
        }
    }

    static let appliedSQL =
        "CREATE TABLE applied (id INTEGER PRIMARY KEY AUTOINCREMENT, sequence INTEGER NOT NULL, subject TEXT NOT NULL);"

    /// Records the event in the consumer's `applied` table: a double application shows as a duplicate row.
    static let record: @Sendable (FeedEvent, Connection) throws -> Void = { event, connection in
        try connection.run("INSERT INTO applied (sequence, subject) VALUES (?, ?)", event.sequence, event.subjectID)
    }

    /// The sequences recorded in `applied`, in the order they were applied.
    static func applied(_ database: Database) async throws -> [Int64] {
        try await database.read { try $0.query("SELECT sequence FROM applied ORDER BY id").map { try $0.int64(0) } }
    }

    @Test("FeedConsumer applies each event once: a second poll applies nothing, new events are picked up")
    func consumerAppliesOnce() async throws {
        try await withFeedAuditDatabase { producer in
            try await withFeedAuditDatabase(extraSQL: Self.appliedSQL) { consumerDatabase in
                try await withFeedAuditServer(database: producer) { client in
                    let consumer = FeedConsumer(
                        source: "identity", client: client, database: consumerDatabase, token: { "service" })
                    #expect(try await consumer.cursor() == 0)
                    #expect(try await consumer.poll(apply: Self.record) == 0)

                    try await Self.publish(5, into: producer)
                    #expect(try await consumer.poll(apply: Self.record) == 5)
                    #expect(try await consumer.cursor() == 5)
                    #expect(try await consumer.poll(apply: Self.record) == 0)
                    #expect(try await Self.applied(consumerDatabase) == [1, 2, 3, 4, 5])

                    try await Self.publish(3, into: producer, startingAt: 6)
                    #expect(try await consumer.poll(apply: Self.record) == 3)
                    #expect(try await consumer.poll(apply: Self.record) == 0)
                    #expect(try await consumer.cursor() == 8)
                    #expect(try await Self.applied(consumerDatabase) == Array(1...8))

                    // The cursor is in the database: a new consumer (a restarted service) resumes there.
                    let restarted = FeedConsumer(
                        source: "identity", client: client, database: consumerDatabase, token: { "service" })
                    #expect(try await restarted.cursor() == 8)
                    #expect(try await restarted.poll(apply: Self.record) == 0)
                    let subjects = try await consumerDatabase.read {
                        try $0.query("SELECT subject FROM applied ORDER BY id").map { try $0.string(0) }
                    }
                    #expect(subjects == (1...8).map { "v\($0)" })
                }
            }
        }
    }

    @Test("FeedConsumer pages by batchSize and keeps a cursor per source")
    func consumerPagesAndKeepsCursorPerSource() async throws {
        try await withFeedAuditDatabase { producer in
            try await withFeedAuditDatabase(extraSQL: Self.appliedSQL) { consumerDatabase in
                try await withFeedAuditServer(database: producer) { client in
                    try await Self.publish(5, into: producer)
                    let consumer = FeedConsumer(
                        source: "catalog", client: client, database: consumerDatabase, token: { "service" },
                        batchSize: 2)
                    #expect(try await consumer.poll(apply: Self.record) == 2)
                    #expect(try await consumer.poll(apply: Self.record) == 2)
                    #expect(try await consumer.poll(apply: Self.record) == 1)
                    #expect(try await consumer.poll(apply: Self.record) == 0)
                    #expect(try await Self.applied(consumerDatabase) == [1, 2, 3, 4, 5])

                    let other = FeedConsumer(
                        source: "orders", client: client, database: consumerDatabase, token: { "service" })
                    #expect(try await other.cursor() == 0)
                    #expect(try await consumer.cursor() == 5)
                }
            }
        }
    }

    @Test("a failure on the 3rd event keeps the first 2 applied, the cursor at 2, and the next poll resumes at 3")
    func consumerFailureResumes() async throws {
        struct Crash: Error {}
        try await withFeedAuditDatabase { producer in
            try await withFeedAuditDatabase(extraSQL: Self.appliedSQL) { consumerDatabase in
                try await withFeedAuditServer(database: producer) { client in
                    try await Self.publish(6, into: producer)
                    let consumer = FeedConsumer(
                        source: "identity", client: client, database: consumerDatabase, token: { "service" })
                    await #expect(throws: Crash.self) {
                        try await consumer.poll { event, connection in
                            // The effect is written before the crash: it must not survive it.
                            try Self.record(event, connection)
                            if event.sequence == 3 { throw Crash() }
                        }
                    }
                    #expect(try await consumer.cursor() == 2)
                    #expect(try await Self.applied(consumerDatabase) == [1, 2])

                    // A crash on the very first event of a page applies nothing.
                    await #expect(throws: Crash.self) {
                        try await consumer.poll { event, connection in
                            try Self.record(event, connection)
                            throw Crash()
                        }
                    }
                    #expect(try await consumer.cursor() == 2)
                    #expect(try await Self.applied(consumerDatabase) == [1, 2])

                    #expect(try await consumer.poll(apply: Self.record) == 4)
                    #expect(try await consumer.cursor() == 6)
                    #expect(try await Self.applied(consumerDatabase) == [1, 2, 3, 4, 5, 6])
                }
            }
        }
    }

    @Test("concurrent polls of the same source apply every event exactly once in total")
    func concurrentPollsApplyOnce() async throws {
        try await withFeedAuditDatabase { producer in
            try await withFeedAuditDatabase(extraSQL: Self.appliedSQL) { consumerDatabase in
                try await withFeedAuditServer(database: producer) { client in
                    try await Self.publish(40, into: producer)
                    // Two consumers of one database, as a service restarted while the old one drains.
                    let consumers = (0..<2).map { _ in
                        FeedConsumer(
                            source: "identity", client: client, database: consumerDatabase, token: { "service" },
                            batchSize: 3)
                    }
                    var total = 0
                    while try await consumers[0].cursor() < 40 {
                        total += try await withThrowingTaskGroup(of: Int.self) { group in
                            for index in 0..<8 {
                                group.addTask { try await consumers[index % 2].poll(apply: Self.record) }
                            }
                            return try await group.reduce(0, +)
                        }
                    }
                    #expect(total == 40)
                    #expect(try await Self.applied(consumerDatabase) == Array(1...40))
                }
            }
        }
    }
}
