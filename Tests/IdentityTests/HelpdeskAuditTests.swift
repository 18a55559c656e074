import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Identity helpdesk, announcements and audit")
struct HelpdeskAuditTests {
    @Test func ticketLifecycle() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let ppk = fixture.tokens[.ppk]!
            let admin = fixture.tokens[.agencyAdmin]!
            let ticket = try await client.call(
                HelpdeskOpen.self, TicketOpenParams(subject: "Cannot print SP", body: "The PDF is blank"), token: ppk)
            #expect(ticket.status == .open && ticket.tenant == "balangan")
            let early = await rpcError {
                _ = try await client.call(HelpdeskClose.self, TicketActionParams(ticketID: ticket.id), token: ppk)
            }
            #expect(early?.code == 409)
            let foreign = await rpcError {
                _ = try await client.call(
                    HelpdeskForward.self, TicketActionParams(ticketID: ticket.id), token: fixture.polmanAgencyAdmin)
            }
            #expect(foreign?.code == 404)
            let forwarded = try await client.call(
                HelpdeskForward.self, TicketActionParams(ticketID: ticket.id, comment: "needs the developers"),
                token: admin)
            #expect(forwarded.status == .forwarded)
            let again = await rpcError {
                _ = try await client.call(HelpdeskForward.self, TicketActionParams(ticketID: ticket.id), token: admin)
            }
            #expect(again?.code == 409)
            let byAdmin = await rpcError {
                _ = try await client.call(
                    HelpdeskResolve.self, TicketActionParams(ticketID: ticket.id, comment: "x"), token: admin)
            }
            #expect(byAdmin?.code == 403)
            let superList = try await client.call(HelpdeskList.self, EmptyParams(), token: fixture.superAdmin)
            #expect(superList.map(\.id).contains(ticket.id))
            let resolved = try await client.call(
                HelpdeskResolve.self, TicketActionParams(ticketID: ticket.id, comment: "fixed in 0.1.1"),
                token: fixture.superAdmin)
            #expect(resolved.status == .resolved)
            let closed = try await client.call(
                HelpdeskClose.self, TicketActionParams(ticketID: ticket.id, comment: "thanks"), token: ppk)
            #expect(closed.status == .closed)
            #expect(closed.comments.count == 4)
            let comment = await rpcError {
                _ = try await client.call(
                    HelpdeskComment.self, TicketActionParams(ticketID: ticket.id, comment: "more"), token: ppk)
            }
            #expect(comment?.code == 409)
            let mine = try await client.call(HelpdeskList.self, EmptyParams(), token: ppk)
            #expect(mine.map(\.id) == [ticket.id])
            let others = try await client.call(HelpdeskList.self, EmptyParams(), token: fixture.tokens[.treasurer]!)
            #expect(others.isEmpty)
        }
    }

    @Test func announcementsByTenantAndWindow() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let iso = ISO8601DateFormatter()
            let now = fixture.clock.now()
            let current = try await client.call(
                AnnouncementPublish.self,
                AnnouncementInfo(
                    kind: .maintenance, title: "Maintenance", body: "Saturday night", tenants: ["balangan"],
                    startsAt: iso.string(from: now.addingTimeInterval(3600)),
                    endsAt: iso.string(from: now.addingTimeInterval(7200))),
                token: fixture.superAdmin)
            _ = try await client.call(
                AnnouncementPublish.self,
                AnnouncementInfo(
                    kind: .outage, title: "Past outage", body: "over", tenants: ["balangan"],
                    startsAt: iso.string(from: now.addingTimeInterval(-7200)),
                    endsAt: iso.string(from: now.addingTimeInterval(-3600))),
                token: fixture.superAdmin)
            let unknown = await rpcError {
                _ = try await client.call(
                    AnnouncementPublish.self,
                    AnnouncementInfo(
                        kind: .notice, title: "x", body: "y", tenants: ["nowhere"], startsAt: iso.string(from: now),
                        endsAt: iso.string(from: now.addingTimeInterval(60))),
                    token: fixture.superAdmin)
            }
            #expect(unknown?.code == 422)
            let balangan = try await client.call(AnnouncementList.self, EmptyParams(), token: fixture.tokens[.ppk]!)
            #expect(balangan.map(\.id) == [current.id])
            let polman = try await client.call(AnnouncementList.self, EmptyParams(), token: fixture.polmanVerifier)
            #expect(polman.isEmpty)
            let vendor = try await client.call(AnnouncementList.self, EmptyParams(), token: fixture.tokens[.vendor]!)
            #expect(vendor.map(\.id) == [current.id])
        }
    }

    @Test func auditTrailAfterVendorActions() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let verifier = fixture.tokens[.verifier]!
            let vendor = try await fixture.scenario.uploadRequiredDocuments(
                fixture.vendor!, vendorToken: fixture.tokens[.vendor]!)
            let verified = try await client.call(
                VendorVerify.self,
                VendorVerification(vendorID: vendor.id, version: vendor.version, domicileConfirmed: true),
                token: verifier)
            _ = try await client.call(
                VendorActivate.self, VendorDecision(vendorID: vendor.id, version: verified.version), token: verifier)
            let auditor = fixture.tokens[.auditor]!
            let verification = try await client.call(AuditVerify.self, EmptyParams(), token: auditor)
            #expect(verification.intact, "\(verification)")
            #expect(verification.checkedEntries > 10)
            var entries: [AuditEntry] = []
            var cursor: Int64 = 0
            while true {
                let page = try await client.call(
                    AuditRead.self, CursorParams(after: cursor, limit: 1000), token: auditor)
                entries += page.entries
                if page.entries.isEmpty { break }
                cursor = page.nextCursor
            }
            #expect(entries.allSatisfy { $0.tenant == "balangan" })
            let vendorEntries = entries.filter {
                $0.targetType == "vendor" && $0.targetID == vendor.id && $0.action != "document_uploaded"
            }
            #expect(vendorEntries.map(\.action) == ["registered", "verified", "activated"])
            let verifierID = fixture.accounts[.verifier]!.id
            for entry in vendorEntries.dropFirst() {
                #expect(entry.actor == verifierID)
                #expect(entry.before?["status"] != nil && entry.after?["status"] != nil)
            }
            #expect(vendorEntries.last?.before?["status"]?.stringValue == "verified")
            #expect(vendorEntries.last?.after?["status"]?.stringValue == "active")
            // The polman auditor side sees none of it: polman has no auditor, but its verifier cannot read the audit log.
            let polman = await rpcError {
                _ = try await client.call(AuditRead.self, CursorParams(after: 0), token: fixture.polmanVerifier)
            }
            #expect(polman?.code == 403)
            // The monitor reads across tenants.
            let monitor = try await client.call(
                AuditRead.self, CursorParams(after: 0, limit: 1000), token: fixture.tokens[.monitor]!)
            #expect(monitor.entries.contains { $0.tenant == "polman" })
        }
    }
}
