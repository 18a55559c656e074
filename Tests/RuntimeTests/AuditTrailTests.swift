import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage
import SiOpenTestSupport
import Testing

@Suite("AuditTrail")
struct AuditTrailTests {
    static let at = Date(timeIntervalSince1970: 1_795_255_200)  // 2026-11-21T10:00:00Z
    static let verifier = Principal(kind: .user, id: "verifier-7", tenant: "t1", roles: [.verifier])

    /// Appends `count` entries, tenants alternating t1, t2, t1, …, one write transaction each.
    static func appendMany(_ count: Int, into database: Database) async throws {
        for number in 1...count {
            try await database.write { connection in
                try AuditTrail.append(
                    connection, tenant: number % 2 == 1 ? "t1" : "t2", actor: verifier, method: "vendor.verify",
                    targetType: "vendor", targetID: "v\(number)", action: "verified", before: ["status": "pending"],
                    after: ["status": "verified", "number": .integer(Int64(number))], at: at)
            }
        }
    }

    static func all(_ database: Database) async throws -> [AuditEntry] {
        try await database.read { try AuditTrail.entries($0, tenant: nil, after: 0, limit: 1000) }
    }

    static func verify(_ database: Database) async throws -> AuditVerification {
        try await database.read { try AuditTrail.verify($0) }
    }

    /// Drops the append-only triggers, as someone with access to the file could.
    static func dropTriggers(_ database: Database) async throws {
        try await database.write { connection in
            try connection.execute("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
        }
    }

    @Test("an appended entry reads back with its actor, time, and chain links")
    func appendAndReadBack() async throws {
        try await withFeedAuditDatabase { database in
            let created = try await database.write { connection in
                try AuditTrail.append(
                    connection, tenant: "t1", actor: Self.verifier, method: "vendor.verify", targetType: "vendor",
                    targetID: "v1", action: "verified", before: ["status": "pending"], after: ["status": "verified"],
                    at: Self.at)
            }
            #expect(created.sequence == 1)
            #expect(created.actor == "verifier-7")
            #expect(created.actorKind == "user")
            #expect(created.at == "2026-11-21T10:00:00.000Z")
            #expect(created.previousHash == "")
            #expect(created.hash.count == 64)
            #expect(created.hash == created.computedHash)

            let system = try await database.write { connection in
                try AuditTrail.append(
                    connection, tenant: nil, actor: nil, method: "system.rotate", targetType: "key", targetID: "k1",
                    action: "created", before: nil, after: ["algorithm": "ed25519"],
                    at: Date(timeIntervalSince1970: 1_795_255_200.1239))
            }
            #expect(system.sequence == 2)
            #expect(system.actor == "system")
            #expect(system.actorKind == "system")
            #expect(system.at == "2026-11-21T10:00:00.123Z")
            #expect(system.previousHash == created.hash)

            let service = try await database.write { connection in
                try AuditTrail.append(
                    connection, tenant: "t2", actor: Principal(kind: .service, id: "orders"), method: "order.cancel",
                    targetType: "order", targetID: "o9", action: "deleted", before: ["total": 5], after: nil,
                    at: Date(timeIntervalSince1970: -0.25))
            }
            #expect(service.actor == "orders")
            #expect(service.actorKind == "service")
            #expect(service.at == "1969-12-31T23:59:59.750Z")

            #expect(try await Self.all(database) == [created, system, service])
            #expect(try await Self.verify(database) == AuditVerification(intact: true, checkedEntries: 3))
        }
    }

    @Test("the hash is SHA-256 of previousHash, a newline and the sorted-key JSON, and survives the wire")
    func hashFormulaAndWire() async throws {
        try await withFeedAuditDatabase { database in
            // A number as a client might write it (1.50) is stored as any client will read it back (1.5).
            let entry = try await database.write { connection in
                try AuditTrail.append(
                    connection, tenant: nil, actor: nil, method: "price.set", targetType: "product", targetID: "p1",
                    action: "updated", before: nil, after: ["price": .number("1.50"), "path": "a/b"], at: Self.at)
            }
            #expect(entry.after == ["price": .number("1.5"), "path": "a/b"])
            // Computed independently (Python hashlib) over "\n" followed by
            // {"action":"updated","actor":"system","actorKind":"system","after":{"path":"a/b","price":1.5},
            //  "at":"2026-11-21T10:00:00.000Z","method":"price.set","sequence":1,"targetID":"p1","targetType":"product"}
            #expect(entry.hash == "5250bcbb80ebb349c380a86f9a3ef4ecdad3470c8a671a8e606e083391e529d3")

            try await Self.appendMany(2, into: database)
            // Through JSON and back, as audit.read delivers it, every hash still recomputes.
            for stored in try await Self.all(database) {
                let received = try JSONCoding.decode(AuditEntry.self, from: try JSONCoding.encode(stored))
                #expect(received == stored)
                #expect(received.computedHash == stored.hash)
            }
        }
    }

    @Test("a change and its audit row commit or roll back together")
    func appendIsPartOfTheCallersTransaction() async throws {
        struct Refused: Error {}
        try await withFeedAuditDatabase(extraSQL: "CREATE TABLE vendors (id TEXT PRIMARY KEY, status TEXT NOT NULL);") {
            database in
            await #expect(throws: Refused.self) {
                try await database.write { connection in
                    try connection.run("INSERT INTO vendors VALUES ('v1', 'verified')")
                    try AuditTrail.append(
                        connection, tenant: "t1", actor: Self.verifier, method: "vendor.verify", targetType: "vendor",
                        targetID: "v1", action: "verified", before: nil, after: ["status": "verified"], at: Self.at)
                    throw Refused()
                }
            }
            #expect(try await Self.all(database).isEmpty)
            try await Self.appendMany(1, into: database)
            let entries = try await Self.all(database)
            #expect(entries.map(\.sequence) == [1])
            #expect(entries.first?.previousHash == "")
        }
    }

    @Test("the chain stays intact over many appends, concurrent ones included")
    func chainIntactAfterManyAppends() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.appendMany(50, into: database)
            // Concurrent writers share group-committed transactions; each must still link to the last row.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<25 {
                    group.addTask {
                        for step in 0..<6 {
                            try await database.write { connection in
                                try AuditTrail.append(
                                    connection, tenant: "t\(task % 3)",
                                    actor: Principal(kind: .service, id: "svc-\(task)"),
                                    method: "bulk.update", targetType: "item", targetID: "\(task)-\(step)",
                                    action: "updated",
                                    before: ["step": .integer(Int64(step))], after: ["step": .integer(Int64(step + 1))],
                                    at: Self.at)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let entries = try await Self.all(database)
            #expect(entries.map(\.sequence) == Array(1...200))
            for (previous, next) in zip(entries, entries.dropFirst()) {
                #expect(next.previousHash == previous.hash)
            }
            #expect(try await Self.verify(database) == AuditVerification(intact: true, checkedEntries: 200))
        }
    }

    @Test("UPDATE and DELETE of audit rows are refused")
    func triggersRefuseChanges() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.appendMany(3, into: database)
            let before = try await Self.all(database)
            for sql in [
                "UPDATE audit_log SET after_json = '{\"status\":\"rejected\"}' WHERE sequence = 2",
                "UPDATE audit_log SET actor = 'someone-else'",
                "DELETE FROM audit_log WHERE sequence = 2",
                "DELETE FROM audit_log",
            ] {
                let error = await #expect(throws: StorageError.self, "\(sql)") {
                    try await database.write { try $0.run(sql) }
                }
                #expect(error?.description.contains("append-only") == true, "\(String(describing: error))")
            }
            #expect(try await Self.all(database) == before)
            #expect(try await Self.verify(database).intact)
        }
    }

    @Test("an edited row (triggers dropped) breaks the chain at that row")
    func editedRowIsDetected() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.appendMany(10, into: database)
            try await Self.dropTriggers(database)
            try await database.write { connection in
                try connection.run(
                    "UPDATE audit_log SET after_json = ? WHERE sequence = 5", #"{"number":5,"status":"rejected"}"#)
            }
            let result = try await Self.verify(database)
            #expect(!result.intact)
            #expect(result.firstBrokenSequence == 5)
            #expect(result.checkedEntries == 5)
            #expect(result.reason?.isEmpty == false)
        }
    }

    @Test("an edited row whose hash was recomputed still breaks the link from the next row")
    func rehashedRowIsDetected() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.appendMany(6, into: database)
            try await Self.dropTriggers(database)
            var forged = try await Self.all(database)[2]
            forged.actor = "someone-else"
            forged.hash = forged.computedHash
            try await database.write { [forged] connection in
                try connection.run(
                    "UPDATE audit_log SET actor = ?, hash = ? WHERE sequence = 3", forged.actor, forged.hash)
            }
            let result = try await Self.verify(database)
            #expect(!result.intact)
            #expect(result.firstBrokenSequence == 4)
        }
    }

    @Test("a deleted row (triggers dropped) breaks the chain at the row after it")
    func deletedRowIsDetected() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.appendMany(10, into: database)
            try await Self.dropTriggers(database)
            try await database.write { try $0.run("DELETE FROM audit_log WHERE sequence = 5") }
            let middle = try await Self.verify(database)
            #expect(!middle.intact)
            #expect(middle.firstBrokenSequence == 6)
            #expect(middle.checkedEntries == 5)

            try await database.write { try $0.run("DELETE FROM audit_log WHERE sequence = 1") }
            #expect(try await Self.verify(database).firstBrokenSequence == 2)
        }
    }

    @Test("rows cut from the tail leave a gap that the next append exposes")
    func truncatedTailIsDetectedOnNextAppend() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.appendMany(5, into: database)
            try await Self.dropTriggers(database)
            try await database.write { try $0.run("DELETE FROM audit_log WHERE sequence >= 4") }
            try await Self.appendMany(1, into: database)
            let entries = try await Self.all(database)
            #expect(entries.map(\.sequence) == [1, 2, 3, 6])
            let result = try await Self.verify(database)
            #expect(!result.intact)
            #expect(result.firstBrokenSequence == 6)
        }
    }

    @Test("entries filter by tenant and page by cursor")
    func tenantFiltering() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.appendMany(9, into: database)
            try await database.write { connection in
                try AuditTrail.append(
                    connection, tenant: nil, actor: nil, method: "system.migrate", targetType: "schema", targetID: "1",
                    action: "updated", before: nil, after: nil, at: Self.at)
            }
            let t1 = try await database.read { try AuditTrail.entries($0, tenant: "t1", after: 0, limit: 100) }
            #expect(t1.map(\.sequence) == [1, 3, 5, 7, 9])
            #expect(t1.allSatisfy { $0.tenant == "t1" })
            let t2 = try await database.read { try AuditTrail.entries($0, tenant: "t2", after: 0, limit: 100) }
            #expect(t2.map(\.sequence) == [2, 4, 6, 8])
            let t1Page = try await database.read { try AuditTrail.entries($0, tenant: "t1", after: 3, limit: 2) }
            #expect(t1Page.map(\.sequence) == [5, 7])
            let everything = try await Self.all(database)
            #expect(everything.map(\.sequence) == Array(1...10))
            #expect(everything.last?.tenant == nil)
            #expect(try await database.read { try AuditTrail.entries($0, tenant: "t3", after: 0, limit: 100) }.isEmpty)
            #expect(try await database.read { try AuditTrail.entries($0, tenant: nil, after: 0, limit: 0) }.isEmpty)
        }
    }

    @Test(
        "audit.read over a socket: own tenant for auditors, every tenant for monitor and super admin, refused otherwise"
    )
    func auditReadOverSocket() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.appendMany(6, into: database)
            try await withFeedAuditServer(database: database) { client in
                let t1 = try await client.call(AuditRead.self, CursorParams(after: 0), token: "auditor-t1")
                #expect(t1.entries.map(\.sequence) == [1, 3, 5])
                #expect(t1.nextCursor == 5)
                let t2 = try await client.call(AuditRead.self, CursorParams(after: 2, limit: 1), token: "auditor-t2")
                #expect(t2.entries.map(\.sequence) == [4])
                #expect(t2.nextCursor == 4)
                let empty = try await client.call(AuditRead.self, CursorParams(after: 6), token: "auditor-t2")
                #expect(empty.entries.isEmpty)
                #expect(empty.nextCursor == 6)

                let all = try await client.call(AuditRead.self, CursorParams(after: 0), token: "monitor")
                #expect(all.entries.map(\.sequence) == Array(1...6))
                #expect(all.entries == (try await Self.all(database)))
                #expect(all.entries.allSatisfy { $0.computedHash == $0.hash })

                let admin = try await client.call(AuditRead.self, CursorParams(after: 4), token: "admin-without-tenant")
                #expect(admin.entries.map(\.sequence) == [5, 6])

                let noTenant = await rpcError {
                    _ = try await client.call(AuditRead.self, CursorParams(after: 0), token: "auditor-without-tenant")
                }
                #expect(noTenant?.code == 403)
                let wrongRole = await rpcError {
                    _ = try await client.call(AuditRead.self, CursorParams(after: 0), token: "ppk-t1")
                }
                #expect(wrongRole?.code == 403)
                let service = await rpcError {
                    _ = try await client.call(AuditRead.self, CursorParams(after: 0), token: "service")
                }
                #expect(service?.code == 403)
                let anonymous = await rpcError {
                    _ = try await client.call(AuditRead.self, CursorParams(after: 0))
                }
                #expect(anonymous?.code == 401)

                for (params, field) in [
                    (CursorParams(after: 0, limit: 0), "limit"),
                    (CursorParams(after: 0, limit: 1001), "limit"),
                    (CursorParams(after: -1), "after"),
                ] {
                    let error = await rpcError {
                        _ = try await client.call(AuditRead.self, params, token: "monitor")
                    }
                    #expect(error?.code == 422, "\(params)")
                    #expect(feedAuditFirstField(error) == field, "\(params)")
                }
            }
        }
    }

    @Test("audit.verify over a socket reports intact, then the first broken entry")
    func auditVerifyOverSocket() async throws {
        try await withFeedAuditDatabase { database in
            try await Self.appendMany(4, into: database)
            try await withFeedAuditServer(database: database) { client in
                let intact = try await client.call(AuditVerify.self, EmptyParams(), token: "auditor-t1")
                #expect(intact == AuditVerification(intact: true, checkedEntries: 4))

                try await Self.dropTriggers(database)
                try await database.write { try $0.run("UPDATE audit_log SET tenant = 't9' WHERE sequence = 2") }
                let broken = try await client.call(AuditVerify.self, EmptyParams(), token: "monitor")
                #expect(!broken.intact)
                #expect(broken.firstBrokenSequence == 2)

                let refused = await rpcError {
                    _ = try await client.call(AuditVerify.self, EmptyParams(), token: "ppk-t1")
                }
                #expect(refused?.code == 403)
            }
        }
    }
}
