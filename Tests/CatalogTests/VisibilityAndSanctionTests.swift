import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

@Suite struct VisibilityAndSanctionTests {
    /// Product ids a PPK finds for `query`.
    func found(_ system: SystemFixture, _ query: String = "kertas", tenant: String? = nil) async throws -> [String] {
        try await system.catalog.call(
            CatalogSearch.self, CatalogSearchParams(tenant: tenant, query: query), token: system.balangan[.ppk]!.token
        ).products.map(\.productID)
    }

    @Test func vendorStandingFromIdentitysFeedHidesAndShowsProducts() async throws {
        try await withSystem { system in
            try await system.setUpCatalog()
            let (vendor, token) = try await system.activeVendor()
            let product = try await system.listedProduct(offer(), vendorToken: token)
            #expect(try await found(system) == [product.id])

            // Blocked by the verifier on the UKPBJ head's decision: gone once the feed says so.
            let current = try await system.identity.call(
                VendorGet.self, VendorRef(vendorID: vendor.id), token: system.balangan[.verifier]!.token)
            let blocked = try await system.identity.call(
                VendorBlock.self,
                VendorBlockParams(
                    vendorID: vendor.id, version: current.version, decisionNumber: "027/UKPBJ/2026",
                    decisionDate: "2026-11-20", reason: "pelanggaran"),
                token: system.balangan[.verifier]!.token)
            try await system.until("the block reaches the catalog") { try await found(system).isEmpty }
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductGet.self, ProductRef(productID: product.id), token: system.balangan[.ppk]!.token)
                }?.code == 404)

            // The catalog is down while the vendor is unblocked; it catches up from its cursor.
            try await system.withCatalogStopped {
                _ = try await system.identity.call(
                    VendorUnblock.self,
                    VendorBlockParams(
                        vendorID: vendor.id, version: blocked.version, decisionNumber: "028/UKPBJ/2026",
                        decisionDate: "2026-11-21", reason: "dipulihkan"),
                    token: system.balangan[.verifier]!.token)
            }
            try await system.until("the unblock reaches the restarted catalog") {
                try await found(system) == [product.id]
            }

            // Blacklisted by NPWP for a period that includes today.
            let today = CivilDate(system.clock.now())
            _ = try await system.identity.call(
                BlacklistAdd.self,
                BlacklistEntry(
                    tenant: "balangan", npwp: try NPWP(vendor.npwp), name: vendor.name, source: .budgetHolderRequest,
                    basis: "SK PA 12/2026",
                    startsOn: today.description, endsOn: today.adding(days: 30).description),
                token: system.superAdmin)
            try await system.until("the blacklist reaches the catalog") { try await found(system).isEmpty }
            system.clock.advance(days: 31)
            #expect(try await found(system) == [product.id])
        }
    }

    @Test func anAcceptedSanctionDelistsFromItsStartUntilItsEnd() async throws {
        try await withSystem { system in
            try await system.setUpCatalog()
            let (vendor, token) = try await system.activeVendor()
            let (other, otherToken) = try await system.activeVendor()
            let product = try await system.listedProduct(offer(), vendorToken: token)
            let unrelated = try await system.listedProduct(offer(name: "Kertas F4"), vendorToken: otherToken)
            #expect(Set(try await found(system)) == [product.id, unrelated.id])

            let ppk = system.balangan[.ppk]!.token
            // False data in the vendor's registration concerns no order (Pasal 14(1)); proposals
            // on an order are grounded with orders (OrdersTests' SanctionGroundingTests).
            let proposal = SanctionProposal(
                vendorID: vendor.id, grounds: .falseData, description: "Akta pendirian palsu", orderID: nil)
            let proposed = try await system.catalog.call(SanctionPropose.self, proposal, token: ppk)
            #expect(proposed.status == .proposed)
            #expect(proposed.agency == "DINKES")
            // A retried proposal on the same grounds, while pending, is the same sanction.
            #expect(try await system.catalog.call(SanctionPropose.self, proposal, token: ppk).id == proposed.id)
            // Proposed is not yet in force.
            #expect(Set(try await found(system)) == [product.id, unrelated.id])

            // Only the PA/KPA of the proposing agency decides.
            let today = CivilDate(system.clock.now())
            let decision = SanctionDecision(
                sanctionID: proposed.id, version: proposed.version, accept: true, decisionNumber: "800/45/DINKES/2026",
                decisionDate: today, startsOn: today.adding(days: 10))
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        SanctionDecide.self, decision, token: system.pupr[.budgetHolder]!.token)
                }?.code == 403)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        SanctionDecide.self, decision, token: system.polman[.budgetHolder]!.token)
                }?.code == 403)
            #expect(
                await rpcError { _ = try await system.catalog.call(SanctionDecide.self, decision, token: ppk) }?.code
                    == 403)
            let accepted = try await system.catalog.call(
                SanctionDecide.self, decision, token: system.balangan[.budgetHolder]!.token)
            #expect(accepted.status == .scheduled)
            #expect(accepted.startsOn == today.adding(days: 10))
            #expect(accepted.endsOn == today.adding(days: 10).adding(years: 2))
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        SanctionDecide.self,
                        SanctionDecision(
                            sanctionID: proposed.id, version: accepted.version, accept: false, decisionNumber: "x",
                            decisionDate: today, reason: "r"), token: system.balangan[.budgetHolder]!.token)
                }?.code == 409)

            // Before the start: listed. From the start: delisted, the other vendor untouched.
            system.clock.advance(days: 9)
            #expect(Set(try await found(system)) == [product.id, unrelated.id])
            system.clock.advance(days: 1)
            #expect(try await found(system) == [unrelated.id])
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(ProductGet.self, ProductRef(productID: product.id), token: ppk)
                }?.code == 404)
            let auditorView = try await system.catalog.call(
                SanctionList.self, SanctionListParams(), token: system.balangan[.auditor]!.token)
            #expect(auditorView.map(\.status) == [.inForce])

            // The day before the end: still delisted. On the end date it ends by itself.
            let endsOn = accepted.endsOn!
            system.clock.advance(days: CivilDate(system.clock.now()).days(until: endsOn) - 1)
            #expect(try await found(system) == [unrelated.id])
            system.clock.advance(days: 1)
            #expect(Set(try await found(system)) == [product.id, unrelated.id])
            #expect(
                try await system.catalog.call(
                    SanctionList.self, SanctionListParams(), token: system.balangan[.auditor]!.token
                ).map(\.status) == [.ended])
            _ = other

            // Reported on the feed, for other services and reports.
            // The start and the end are announced by the calendar, once each.
            let serviceToken = try String(contentsOfFile: system.directory + "/keys/orders.token", encoding: .utf8)
            try await system.until("the end is announced") {
                try await system.catalog.call(EventsRead.self, CursorParams(after: 0, limit: 1000), token: serviceToken)
                    .events.contains { $0.type == "sanction.ended" }
            }
            try await Task.sleep(for: .milliseconds(300))
            let events = try await system.catalog.call(
                EventsRead.self, CursorParams(after: 0, limit: 1000), token: serviceToken
            ).events
            #expect(
                events.filter { $0.subjectID == proposed.id }.map(\.type) == [
                    "sanction.proposed", "sanction.decided", "sanction.started", "sanction.ended",
                ])
        }
    }

    @Test func falseDataDelistsForTwoYearsAndRejectionsNeedReasons() async throws {
        try await withSystem { system in
            try await system.setUpCatalog()
            let (vendor, _) = try await system.activeVendor()
            try await system.until("the catalog knows the vendor") {
                (try? await system.catalog.call(
                    SanctionPropose.self,
                    SanctionProposal(
                        vendorID: vendor.id, grounds: .falseData, description: "Dokumen palsu", orderID: nil),
                    token: system.balangan[.ppk]!.token)) != nil
            }
            let sanction = try await system.catalog.call(
                SanctionList.self, SanctionListParams(vendorID: vendor.id), token: system.balangan[.budgetHolder]!.token
            )[0]
            let today = CivilDate(system.clock.now())
            let badRejection = await rpcError {
                _ = try await system.catalog.call(
                    SanctionDecide.self,
                    SanctionDecision(
                        sanctionID: sanction.id, version: sanction.version, accept: false, decisionNumber: "1",
                        decisionDate: today), token: system.balangan[.budgetHolder]!.token)
            }
            #expect(fieldNames(badRejection) == ["reason"])
            let early = await rpcError {
                _ = try await system.catalog.call(
                    SanctionDecide.self,
                    SanctionDecision(
                        sanctionID: sanction.id, version: sanction.version, accept: true, decisionNumber: "1",
                        decisionDate: today, startsOn: today.adding(days: -1)),
                    token: system.balangan[.budgetHolder]!.token)
            }
            #expect(fieldNames(early) == ["startsOn"])
            let accepted = try await system.catalog.call(
                SanctionDecide.self,
                SanctionDecision(
                    sanctionID: sanction.id, version: sanction.version, accept: true, decisionNumber: "800/1/2026",
                    decisionDate: today), token: system.balangan[.budgetHolder]!.token)
            #expect(accepted.status == .inForce)
            #expect(accepted.endsOn == today.adding(years: 2))
            // Another agency's PPK and PA/KPA do not see DINKES's sanctions; the auditor does.
            #expect(
                try await system.catalog.call(
                    SanctionList.self, SanctionListParams(), token: system.pupr[.budgetHolder]!.token
                ).isEmpty)
            #expect(
                try await system.catalog.call(
                    SanctionList.self, SanctionListParams(), token: system.balangan[.auditor]!.token
                ).count == 1)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        SanctionList.self, SanctionListParams(tenant: "balangan"),
                        token: system.polman[.budgetHolder]!.token)
                }?.code == 403)
        }
    }
}
