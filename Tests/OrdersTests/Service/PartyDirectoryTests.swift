import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenSecurity
import SiOpenStorage
import SiOpenTestSupport
import Testing

@testable import OrdersService

/// The party directory against a real SQLite file with the orders schema: events applied twice
/// or out of order change nothing, emblems are kept by hash, bad events refuse permanently.
@Suite struct PartyDirectoryTests {
    func withDatabase(_ body: (Database) async throws -> Void) async throws {
        let directory = try makeShortTemporaryDirectory(prefix: "sipd")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try Database(
            path: directory + "/orders.sqlite",
            configuration: DatabaseConfiguration(migrations: OrdersSchema.migrations))
        try await body(database)
    }

    func event<E: EventContract>(_ type: E.Type, _ payload: E.Payload, sequence: Int64) throws -> FeedEvent {
        FeedEvent(
            sequence: sequence, type: E.type, tenant: "balangan", subjectID: "x",
            payload: try JSONCoding.value(payload),
            at: "2026-12-03T10:00:00.000Z")
    }

    @Test func olderVersionsNeverOverwriteNewerAndEmblemsAreKeptByHash() async throws {
        try await withDatabase { database in
            var tenant = ScenarioData.balangan
            tenant.version = 1
            var renamed = tenant
            renamed.seat = "Paringin Kota"
            renamed.version = 3
            let png = SampleFiles.emblemPNG
            let sha = SHA256.hexDigest(png)
            let emblem = TenantEmblem(
                tenant: "balangan", sha256: sha, contentType: "image/png", width: 32, height: 32,
                contentBase64: Data(png).base64EncodedString(), tenantVersion: 2)
            let created = try event(TenantCreated.self, tenant, sequence: 1)
            let emblemSet = try event(TenantEmblemSet.self, emblem, sequence: 2)
            let updated = try event(TenantUpdated.self, renamed, sequence: 3)
            // Replayed and out of order at the end: the older ones change nothing.
            let events = [created, emblemSet, updated, created, emblemSet]
            try await database.write { db in
                for event in events { try PartyDirectory.apply(event, db) }
            }
            let stored = try await database.read { db in try PartyDirectory.tenant(db, code: "balangan") }
            #expect(stored?.seat == "Paringin Kota" && stored?.version == 3)
            let kept = try await database.read { db in try PartyDirectory.emblem(db, sha256: sha) }
            #expect(kept?.bytes == png && kept?.contentType == "image/png")
        }
    }

    @Test func anEmblemNotMatchingItsHashOrAnUndecodablePayloadIsRefusedPermanently() async throws {
        try await withDatabase { database in
            let forged = TenantEmblem(
                tenant: "balangan", sha256: String(repeating: "0", count: 64), contentType: "image/png", width: 32,
                height: 32, contentBase64: Data(SampleFiles.emblemPNG).base64EncodedString(), tenantVersion: 2)
            let bad = FeedEvent(
                sequence: 9, type: AgencyUpdated.type, tenant: "balangan", subjectID: "x",
                payload: ["tenant": "balangan", "code": "DINKES", "name": "Dinas", "npwp": "123"],
                at: "2026-12-03T10:00:00.000Z")
            for candidate in [try event(TenantEmblemSet.self, forged, sequence: 8), bad] {
                var failure: (any Error)?
                do { try await database.write { db in try PartyDirectory.apply(candidate, db) } } catch {
                    failure = error
                }
                #expect(failure.map { FeedDeadLetters.classify($0) } == .permanent, "\(candidate.type)")
            }
        }
    }
}
