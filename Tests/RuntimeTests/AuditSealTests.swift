import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The audit trail against someone who can write the database file but not the keys folder:
/// the chain is keyed with a key under `keys/`, and its head is checkpointed there. Each test
/// runs the real service host on a real file, stops it (a clean stop checkpoints), tampers with
/// the file as such a person could, starts the host again and asks `audit.verify` over the socket.
@Suite("Audit seal: keyed chain and checkpoints", .serialized)
struct AuditSealTests {
    static let definition = ServiceDefinition(
        name: "rtaudit", summary: "A service with an audit trail, for the audit seal tests.",
        migrations: [Migration(version: 1, name: "audit and feed", sql: SharedSchema.sql + EventFeed.versionSQL)])

    /// Starts the host on `directory` with the feed-and-audit test tokens.
    static func start(_ directory: String) throws -> ServiceHost {
        try ServiceHost.start(
            definition,
            configuration: ServiceConfiguration(
                serviceName: definition.name, dataDirectory: directory, logLevel: .error),
            authenticator: FeedAuditTestAuthenticator())
    }

    /// Appends `count` entries through the service's own database, as its handlers do.
    static func append(_ count: Int, to host: ServiceHost) async throws {
        for number in 1...count {
            try await host.environment.database.write { connection in
                try AuditTrail.append(
                    connection, tenant: "t1", actor: Principal(kind: .user, id: "ppk-1", tenant: "t1", roles: [.ppk]),
                    method: "note.add", targetType: "note", targetID: "n\(number)", action: "created", before: nil,
                    after: ["number": .integer(Int64(number))], at: Date())
            }
        }
    }

    /// `audit.verify` over the host's socket, as an auditor.
    static func verify(_ host: ServiceHost) async throws -> AuditVerification {
        let client = RPCClient(socketPath: host.environment.configuration.socketPath, defaultTimeout: .seconds(30))
        defer { client.close() }
        return try await client.call(AuditVerify.self, EmptyParams(), token: "auditor-t1")
    }

    /// Opens the stopped service's database file directly and runs `body` on it with the
    /// append-only triggers dropped: what someone with write access to the file can do.
    static func tamper(_ directory: String, _ body: @escaping @Sendable (Connection) throws -> Void) throws {
        let database = try Database(
            path: "\(directory)/db/\(definition.name).sqlite",
            configuration: DatabaseConfiguration(migrations: definition.migrations))
        defer { database.close() }
        try database.writeSync { connection in
            try connection.execute("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
            try body(connection)
        }
    }

    /// Five entries, a clean stop, `tampering`, a new start: the verification it reports.
    static func verification(after tampering: (@Sendable (Connection) throws -> Void)?) async throws
        -> AuditVerification
    {
        let directory = try makeShortTemporaryDirectory(prefix: "siaud")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try start(directory)
        try await append(5, to: first)
        await stop(first)
        if let tampering { try tamper(directory, tampering) }
        let second = try start(directory)
        let result = try await verify(second)
        await stop(second)
        return result
    }

    @Test("an untouched trail verifies intact against its checkpoint, keyed with a key outside the database")
    func untouchedTrailIsIntact() async throws {
        let directory = try makeShortTemporaryDirectory(prefix: "siaud")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try Self.start(directory)
        try await Self.append(5, to: first)
        await stop(first)
        let second = try Self.start(directory)
        try await Self.append(2, to: second)
        let result = try await Self.verify(second)
        let entries = try await second.environment.database.read {
            try AuditTrail.entries($0, tenant: nil, after: 0, limit: 100)
        }
        await stop(second)

        #expect(result.intact, "\(result)")
        #expect(result.checkedEntries == 7)
        // The clean stop checkpointed entry 5; the periodic job may have taken a later head since.
        let checkpoint = try #require(result.checkpoint, "\(result)")
        #expect((5...7).contains(checkpoint.sequence), "\(result)")
        #expect(checkpoint.hash == entries[Int(checkpoint.sequence) - 1].hash)
        #expect(result.keyedFromSequence == 0)
        // Keyed: nobody without the key can recompute a hash from the entries alone.
        #expect(entries.allSatisfy { $0.hash != $0.computedHash })
        // The key and the checkpoints live beside the other keys, private, and not in the database.
        let keyFile = "\(directory)/keys/\(Self.definition.name).audit.key"
        let checkpoints = "\(directory)/keys/\(Self.definition.name).audit.checkpoints"
        for path in [keyFile, checkpoints] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(path) has mode \(String(mode, radix: 8))")
        }
        let key = try #require(
            JSONValue(parsing: try String(contentsOfFile: keyFile, encoding: .utf8))["key"]?.stringValue)
        let database = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/db/\(Self.definition.name).sqlite"))
        #expect(database.range(of: Data(Hex.decode(key)!)) == nil && database.range(of: Data(key.utf8)) == nil)
        let lines = try String(contentsOfFile: checkpoints, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 2, "at least the empty head at the first start and entry 5 at the stop: \(lines)")
    }

    @Test("a changed row with every later hash recomputed is caught at that row")
    func changedRowWithRecomputedHashes() async throws {
        let result = try await Self.verification(after: { connection in
            try connection.run("UPDATE audit_log SET target_id = 'forged' WHERE sequence = 3")
            // Recompute the chain from the changed row on, as the unkeyed chain allowed.
            var previous = try connection.queryOne("SELECT hash FROM audit_log WHERE sequence = 2")!.string(0)
            for sequence in Int64(3)...5 {
                let row = try connection.queryOne("SELECT * FROM audit_log WHERE sequence = ?", sequence)!
                var entry = AuditEntry(
                    sequence: sequence, tenant: try row.optionalString("tenant"), actor: try row.string("actor"),
                    actorKind: try row.string("actor_kind"), method: try row.string("method"),
                    targetType: try row.string("target_type"),
                    targetID: try row.string("target_id"), action: try row.string("action"), before: nil,
                    after: try row.optionalString("after_json").map(JSONValue.init(parsing:)), at: try row.string("at"),
                    previousHash: previous, hash: "")
                entry.hash = entry.computedHash
                try connection.run(
                    "UPDATE audit_log SET previous_hash = ?, hash = ? WHERE sequence = ?", previous, entry.hash,
                    sequence)
                previous = entry.hash
            }
        })
        #expect(!result.intact, "\(result)")
        #expect(result.firstBrokenSequence == 3, "\(result)")
        #expect(result.checkpoint?.sequence == 5, "\(result)")
    }

    @Test("a deleted last row is caught against the checkpoint")
    func deletedLastRow() async throws {
        let result = try await Self.verification(after: { connection in
            try connection.run("DELETE FROM audit_log WHERE sequence = 5")
            try connection.run("UPDATE sqlite_sequence SET seq = 4 WHERE name = 'audit_log'")
        })
        #expect(!result.intact, "\(result)")
        #expect(result.firstBrokenSequence == 5, "\(result)")
        #expect(result.checkedEntries == 4)
        #expect(result.checkpoint?.sequence == 5, "\(result)")
        #expect(result.reason?.contains("removed") == true, "\(result)")
    }

    @Test("a truncated log is caught against the checkpoint")
    func truncatedLog() async throws {
        let result = try await Self.verification(after: { connection in
            try connection.run("DELETE FROM audit_log")
            try connection.run("DELETE FROM sqlite_sequence WHERE name = 'audit_log'")
        })
        #expect(!result.intact, "\(result)")
        #expect(result.firstBrokenSequence == 1, "\(result)")
        #expect(result.checkedEntries == 0)
        #expect(
            result.checkpoint?.sequence == 5,
            "the restart did not checkpoint the emptied log over the old head: \(result)")
    }

    @Test("entries from before the key keep their plain chain; the keyed chain continues it and covers them")
    func legacyEntriesBeforeTheKey() async throws {
        let directory = try makeShortTemporaryDirectory(prefix: "siaud")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // An older version: the database and its unkeyed entries, no audit key.
        try SecureFiles.createPrivateDirectory(directory + "/db")
        let path = "\(directory)/db/\(Self.definition.name).sqlite"
        try SecureFiles.createPrivateFile(path)
        let old = try Database(path: path, configuration: DatabaseConfiguration(migrations: Self.definition.migrations))
        try old.writeSync { connection in
            for number in 1...3 {
                try AuditTrail.append(
                    connection, tenant: "t1", actor: nil, method: "old.method", targetType: "note",
                    targetID: "o\(number)",
                    action: "created", before: nil, after: nil, at: Date())
            }
        }
        old.close()

        let host = try Self.start(directory)
        try await Self.append(2, to: host)
        let result = try await Self.verify(host)
        let entries = try await host.environment.database.read {
            try AuditTrail.entries($0, tenant: nil, after: 0, limit: 100)
        }
        await stop(host)
        #expect(result.intact, "\(result)")
        #expect(result.keyedFromSequence == 3)
        #expect(result.checkedEntries == 5)
        #expect(entries.prefix(3).allSatisfy { $0.hash == $0.computedHash })
        #expect(entries.suffix(2).allSatisfy { $0.hash != $0.computedHash })
        #expect(entries[3].previousHash == entries[2].hash)

        // Rewriting an old entry with its plain hash recomputed breaks the link after it.
        try Self.tamper(directory) { connection in
            try connection.run("UPDATE audit_log SET target_id = 'forged' WHERE sequence = 2")
            let row = try connection.queryOne("SELECT * FROM audit_log WHERE sequence = 2")!
            let forged = AuditEntry(
                sequence: 2, tenant: "t1", actor: "system", actorKind: "system", method: "old.method",
                targetType: "note",
                targetID: "forged", action: "created", before: nil, after: nil, at: try row.string("at"),
                previousHash: try row.string("previous_hash"), hash: "")
            try connection.run("UPDATE audit_log SET hash = ? WHERE sequence = 2", forged.computedHash)
        }
        let again = try Self.start(directory)
        let broken = try await Self.verify(again)
        await stop(again)
        #expect(!broken.intact, "\(broken)")
        #expect(broken.firstBrokenSequence == 3, "entry 3 no longer links to the rewritten entry 2: \(broken)")
    }
}
