import CatalogService
import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenStorage
import SiOpenTestSupport
import Testing

/// Sanction proposals are grounded in real orders (Perbup Balangan 92/2023 Pasal 14): the
/// catalog asks orders, with the proposing PPK's own token, and refuses a proposal on nothing.
@Suite struct SanctionGroundingTests {
    func sanctions(_ system: SystemFixture) async throws -> [Sanction] {
        try await system.catalog.call(SanctionList.self, SanctionListParams(), token: system.balangan[.auditor]!.token)
    }

    @Test func aProposalMustReferenceAnOrderOfTheAgencyWithThatVendorFailedOnThoseGrounds() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let (other, otherToken) = try await system.activeVendor()
            _ = try await system.listedProduct(offer(name: "Kertas F4"), vendorToken: otherToken)
            let ppk = system.ppk
            let contracted = try await system.contractedOrder(market, paper: 2, printers: 0)
            func propose(
                _ grounds: SanctionGrounds, order: String?, vendor: String? = nil, sp: String? = nil,
                token: String? = nil
            ) async -> RPCError? {
                await rpcError {
                    _ = try await system.catalog.call(
                        SanctionPropose.self,
                        SanctionProposal(
                            vendorID: vendor ?? market.vendor.id, grounds: grounds, description: "Penyedia wanprestasi",
                            orderID: order, suratPesananNumber: sp),
                        token: token ?? ppk)
                }
            }

            // An order that does not exist, and another agency's order: refused on orderID.
            #expect(fieldNames(await propose(.nonPerformance, order: "no-such-order")) == ["orderID"])
            #expect(
                fieldNames(await propose(.nonPerformance, order: contracted.id, token: system.pupr[.ppk]!.token)) == [
                    "orderID"
                ])
            // Another tenant's PPK does not even reach orders: the vendor is not of its tenant.
            #expect(
                fieldNames(await propose(.nonPerformance, order: contracted.id, token: system.polman[.ppk]!.token)) == [
                    "vendorID"
                ])
            // An order that has not failed cannot ground a non-performance proposal.
            let notFailed = await propose(.refusedReplacement, order: contracted.id)
            #expect(notFailed?.code == 409)
            #expect(notFailed?.data?["currentState"] == "in_delivery")
            // Only false data needs no order; a Surat Pesanan number needs one.
            #expect(fieldNames(await propose(.withdrawal, order: nil)) == ["orderID"])
            #expect(
                fieldNames(await propose(.falseData, order: nil, sp: "001/SP/DINKES/XII/2026")) == [
                    "suratPesananNumber"
                ])
            #expect(try await sanctions(system).isEmpty)

            // Failed on refused replacement: grounds a proposal on those grounds only, against its vendor only.
            let failed = try await system.orders.call(
                OrderFail.self,
                FailureParams(
                    orderID: contracted.id, version: contracted.version, grounds: .refusedReplacement,
                    description: "Menolak mengganti kertas rusak"),
                token: ppk)
            #expect(fieldNames(await propose(.refusedReplacement, order: failed.id, vendor: other.id)) == ["vendorID"])
            #expect(await propose(.notFinished, order: failed.id)?.code == 409)
            #expect(
                fieldNames(await propose(.refusedReplacement, order: failed.id, sp: "999/SP/X/I/2026")) == [
                    "suratPesananNumber"
                ])
            // The feed files it; the direct proposal for the same order and grounds is that one.
            try await system.until("the catalog files the proposal from the feed") {
                try await sanctions(system).count == 1
            }
            let direct = try await system.catalog.call(
                SanctionPropose.self,
                SanctionProposal(
                    vendorID: market.vendor.id, grounds: .refusedReplacement, description: "Menolak mengganti",
                    orderID: failed.id),
                token: ppk)
            #expect(try await sanctions(system).map(\.id) == [direct.id])
            #expect(direct.proposal.suratPesananNumber == failed.suratPesanan?.number)

            // False data: any order of the vendor (whatever its state), or the vendor's registration.
            let placed = try await system.placedOrder(market, paper: 1, printers: 0)
            let onOrder = try await system.catalog.call(
                SanctionPropose.self,
                SanctionProposal(
                    vendorID: market.vendor.id, grounds: .falseData, description: "Sertifikat palsu", orderID: placed.id
                ), token: ppk)
            #expect(onOrder.proposal.orderID == placed.id)
            #expect(fieldNames(await propose(.falseData, order: placed.id, vendor: other.id)) == ["vendorID"])
            let onRegistration = try await system.catalog.call(
                SanctionPropose.self,
                SanctionProposal(
                    vendorID: other.id, grounds: .falseData, description: "Akta pendirian palsu", orderID: nil),
                token: ppk)
            #expect(onRegistration.proposal.orderID == nil)
            #expect(onRegistration.status == .proposed)
            // Repeated while pending, it is the same proposal.
            let again = try await system.catalog.call(
                SanctionPropose.self,
                SanctionProposal(
                    vendorID: other.id, grounds: .falseData, description: "Akta pendirian palsu", orderID: nil),
                token: ppk)
            #expect(again.id == onRegistration.id)
            #expect(try await sanctions(system).count == 3)
        }
    }

    @Test func ordersUnreachableIsA503AndNothingIsRecorded() async throws {
        // The catalog alone: orders does not listen.
        try await withSystem([.catalog]) { system in
            try await system.setUpCatalog()
            let (vendor, token) = try await system.activeVendor()
            _ = try await system.listedProduct(offer(), vendorToken: token)
            let error = await rpcError {
                _ = try await system.catalog.call(
                    SanctionPropose.self,
                    SanctionProposal(
                        vendorID: vendor.id, grounds: .nonPerformance, description: "Tidak melaksanakan pekerjaan",
                        orderID: "order-1"),
                    token: system.balangan[.ppk]!.token)
            }
            #expect(error?.code == 503)
            #expect(try await sanctions(system).isEmpty)
        }
    }

    @Test func aConflictingProposalNoLongerStopsTheOrdersFeedAcrossARestart() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let (other, otherToken) = try await system.activeVendor()
            _ = try await system.listedProduct(offer(name: "Kertas F4"), vendorToken: otherToken)
            let poisoned = try await system.contractedOrder(market, paper: 2, printers: 0)
            let later = try await system.contractedOrder(market, paper: 2, printers: 0)
            let afterRestart = try await system.contractedOrder(market, paper: 2, printers: 0)

            // A proposal filed before proposals were checked against orders: the poisoned order's, against another vendor.
            try await system.withCatalogStopped {
                let database = try Database(
                    path: system.directory + "/db/catalog.sqlite",
                    configuration: DatabaseConfiguration(migrations: CatalogService.definition.migrations))
                defer { database.close() }
                try await database.write { db in
                    let proposal = SanctionProposal(
                        vendorID: other.id, grounds: .refusedReplacement, description: "Usulan lama",
                        orderID: poisoned.id)
                    try db.run(
                        """
                        INSERT INTO sanction (id, tenant, agency, vendor_id, vendor_name, proposal, order_id, grounds, proposed_by, proposed_at, decision, version)
                        VALUES ('legacy-1', 'balangan', 'DINKES', ?, ?, ?, ?, 'refused_replacement', 'someone', '2026-01-01T00:00:00.000Z', 'proposed', 1)
                        """,
                        arguments: [
                            other.id, other.name, String(decoding: try JSONCoding.encode(proposal), as: UTF8.self),
                            poisoned.id,
                        ])
                }
            }
            let ppk = system.ppk
            for order in [poisoned, later] {
                _ = try await system.orders.call(
                    OrderFail.self,
                    FailureParams(
                        orderID: order.id, version: order.version, grounds: .refusedReplacement,
                        description: "Menolak mengganti kertas rusak"),
                    token: ppk)
            }
            // The later failed order gets its proposal: the conflicting event did not stop the feed.
            try await system.until("the later order's proposal is filed") {
                try await system.catalog.call(
                    SanctionList.self, SanctionListParams(vendorID: market.vendor.id),
                    token: system.balangan[.auditor]!.token
                )
                .contains { $0.proposal.orderID == later.id }
            }
            let auditor = system.balangan[.auditor]!.token
            let letters = try await system.catalog.call(
                FeedDeadLettersRead.self, CursorParams(after: 0), token: auditor
            ).deadLetters
            #expect(letters.map(\.source) == ["orders"])
            #expect(letters.map(\.type) == ["order.failed"])
            #expect(letters.map(\.subjectID) == [poisoned.id])
            #expect(letters.first?.errorCode == 409)
            #expect(letters.first?.tenant == "balangan")
            // Another tenant's auditor does not see it; Super Admin does.
            #expect(
                try await system.catalog.call(
                    FeedDeadLettersRead.self, CursorParams(after: 0), token: system.superAdmin
                ).deadLetters.count == 1)

            // Across a restart: an order failed while the catalog is down gets its proposal, and the poison stays one dead letter.
            try await system.withCatalogStopped {
                _ = try await system.orders.call(
                    OrderFail.self,
                    FailureParams(
                        orderID: afterRestart.id, version: afterRestart.version, grounds: .refusedReplacement,
                        description: "Menolak mengganti kertas rusak"),
                    token: ppk)
            }
            try await system.until("the order failed during the restart gets its proposal") {
                try await system.catalog.call(
                    SanctionList.self, SanctionListParams(vendorID: market.vendor.id), token: auditor
                )
                .contains { $0.proposal.orderID == afterRestart.id }
            }
            #expect(
                try await system.catalog.call(FeedDeadLettersRead.self, CursorParams(after: 0), token: auditor)
                    .deadLetters.count == 1)
        }
    }
}
