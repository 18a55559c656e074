import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

@Suite struct OrderRulesTests {
    @Test func negotiationRefusesWhatTheRegulationDoesNotAllow() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let ppk = system.ppk
            let placed = try await system.placedOrder(market)

            // The PPK cannot bargain against its own order; the vendor moves first.
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderOffer.self, system.offerParams(placed, prices: [50_000, 2_000_000]), token: ppk)
                }?.code == 409)
            // Above the catalogue price, zero prices, quantities ≤ 0, a delivery date in the past.
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(
                            OrderOffer.self, system.offerParams(placed, prices: [55_001, 2_505_000]),
                            token: market.vendorToken)
                    }) == ["items[0].unitPrice"])
            var zero = system.offerParams(placed, prices: [55_000, 2_505_000])
            zero.items[1].quantity = 0
            zero.items[0].unitPrice = 0
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(OrderOffer.self, zero, token: market.vendorToken)
                    }) == ["items[0].unitPrice", "items[1].quantity"])
            let past = system.offerParams(
                placed, prices: [55_000, 2_505_000], deliveryDate: CivilDate(system.clock.now()).adding(days: -1))
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(OrderOffer.self, past, token: market.vendorToken)
                    }) == ["deliveryDate"])
            // Above the ceiling (Rp10,000,000 for APBD): 4 printers.
            var costly = system.offerParams(placed, prices: [55_000, 2_505_000])
            costly.items[1].quantity = 4
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(OrderOffer.self, costly, token: market.vendorToken)
                    }) == ["total"])
            // Stale versions and wrong rounds are conflicts.
            var wrongRound = system.offerParams(placed, prices: [54_000, 2_500_000])
            wrongRound.round = 5
            #expect(
                await rpcError {
                    _ = try await system.orders.call(OrderOffer.self, wrongRound, token: market.vendorToken)
                }?.code == 409)
            let offered = try await system.orders.call(
                OrderOffer.self, system.offerParams(placed, prices: [54_000, 2_500_000]), token: market.vendorToken)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderOffer.self, system.offerParams(placed, prices: [54_000, 2_500_000]),
                        token: market.vendorToken)
                }?.code == 409)
            // Nobody accepts their own offer, nor a round that is not the latest.
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderAccept.self, OrderAcceptParams(orderID: offered.id, version: offered.version, round: 1),
                        token: market.vendorToken)
                }?.code == 409)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderAccept.self, OrderAcceptParams(orderID: offered.id, version: offered.version, round: 0),
                        token: ppk)
                }?.code == 409)

            // Other agencies, other vendors and other tenants can neither act nor read.
            let (_, otherVendor) = try await system.activeVendor()
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderAccept.self, OrderAcceptParams(orderID: offered.id, version: offered.version, round: 1),
                        token: system.pupr[.ppk]!.token)
                }?.code == 403)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderGet.self, OrderRef(orderID: offered.id), token: system.pupr[.ppk]!.token)
                }?.code == 403)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(OrderGet.self, OrderRef(orderID: offered.id), token: otherVendor)
                }?.code == 403)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderGet.self, OrderRef(orderID: offered.id), token: system.polman[.ppk]!.token)
                }?.code == 403)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderPrepare.self, system.preparation([]), token: market.vendorToken)
                }?.code == 403)
            // The agency's PA/KPA and treasurer and the tenant's auditor read it.
            for reader in [
                system.balangan[.budgetHolder]!.token, system.balangan[.treasurer]!.token,
                system.balangan[.auditor]!.token,
            ] {
                #expect(
                    try await system.orders.call(OrderGet.self, OrderRef(orderID: offered.id), token: reader).id
                        == offered.id)
            }
            // The vendor declines with reasons; then nothing more happens.
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(
                            OrderDecline.self, OrderAct(orderID: offered.id, version: offered.version),
                            token: market.vendorToken)
                    }) == ["reason"])
            let declined = try await system.orders.call(
                OrderDecline.self, OrderAct(orderID: offered.id, version: offered.version, reason: "stok habis"),
                token: market.vendorToken)
            #expect(declined.state == .declined)
            #expect(
                try await system.orders.call(
                    OrderList.self, OrderListParams(state: .declined), token: market.vendorToken
                ).orders.map(\.id) == [declined.id])
            #expect(try await system.orders.call(OrderList.self, OrderListParams(), token: otherVendor).orders.isEmpty)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderCancel.self, OrderAct(orderID: declined.id, version: declined.version, reason: "x"),
                        token: ppk)
                }?.code == 409)
        }
    }

    @Test func preparationChecksItsInput() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let ppk = system.ppk
            var bad = system.preparation([
                OrderItemRequest(productID: market.paper.id, quantity: 0),
                OrderItemRequest(productID: market.paper.id, quantity: 1),
            ])
            bad.packageName = " "
            #expect(
                fieldNames(await rpcError { _ = try await system.orders.call(OrderPrepare.self, bad, token: ppk) }) == [
                    "packageName", "items[0].quantity", "items[1].productID",
                ])
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(
                            OrderPrepare.self, system.preparation([OrderItemRequest(productID: "nope", quantity: 1)]),
                            token: ppk)
                    }) == ["items[0].productID"])
            // Over the ceiling already at preparation.
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(
                            OrderPrepare.self,
                            system.preparation([OrderItemRequest(productID: market.printer.id, quantity: 4)]),
                            token: ppk)
                    }) == ["items"])
            // BLUD has no ceiling until the tenant sets one.
            let blud = system.preparation([OrderItemRequest(productID: market.paper.id, quantity: 1)], funding: .blud)
            #expect(
                fieldNames(await rpcError { _ = try await system.orders.call(OrderPrepare.self, blud, token: ppk) })
                    == ["fundingSource"])
            var settings = try await system.orders.call(OrdersSettingsGet.self, TenantScope(), token: ppk)
            settings.ceilings.append(
                CeilingSetting(
                    fundingSource: .blud, amount: 50_000_000, legalBasis: "Perbup BLUD RSUD 2025",
                    effectiveFrom: try CivilDate("2025-01-01")))
            #expect(
                await rpcError { _ = try await system.orders.call(OrdersSettingsSet.self, settings, token: ppk) }?.code
                    == 403)
            var badSettings = settings
            badSettings.suratPesananNumberTemplate = "SP/{unknown}"
            badSettings.terms.antiGratification = ""
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(OrdersSettingsSet.self, badSettings, token: system.superAdmin)
                    }) == ["suratPesananNumberTemplate", "terms.antiGratification"])
            _ = try await system.orders.call(OrdersSettingsSet.self, settings, token: system.superAdmin)
            #expect(try await system.orders.call(OrderPrepare.self, blud, token: ppk).state == .prepared)
            // A retried preparation with the same idempotency key is the same order.
            let once = try await system.orders.call(OrderPrepare.self, blud, token: ppk, idempotencyKey: "prep-42")
            let again = try await system.orders.call(OrderPrepare.self, blud, token: ppk, idempotencyKey: "prep-42")
            #expect(once.id == again.id)
            #expect(try await system.orders.call(OrderList.self, OrderListParams(), token: ppk).orders.count == 2)
        }
    }

    @Test func conflictingActionsAtOnceHaveOneWinner() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let order = try await system.contractedOrder(market, paper: 4, printers: 0)
            let delivered = try await system.orders.call(
                OrderRecordDelivery.self,
                DeliveryParams(
                    orderID: order.id, version: order.version, deliveredOn: CivilDate(system.clock.now()),
                    lines: [DeliveryLine(itemID: "item-1", quantity: 4)]),
                token: market.vendorToken)
            let today = CivilDate(system.clock.now())
            func inspection(_ accepted: Int) -> InspectionParams {
                InspectionParams(
                    orderID: delivered.id, version: delivered.version, deliveryID: "delivery-1", inspectedOn: today,
                    lines: [
                        InspectionLine(
                            itemID: "item-1", accepted: accepted, rejected: 4 - accepted,
                            reason: accepted < 4 ? .damage : nil)
                    ])
            }
            async let first = rpcError {
                _ = try await system.orders.call(OrderInspect.self, inspection(4), token: system.ppk)
            }
            async let second = rpcError {
                _ = try await system.orders.call(OrderInspect.self, inspection(2), token: system.ppk)
            }
            let outcomes = await [first, second]
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.compactMap { $0?.code } == [409])
        }
    }

    @Test func anUnansweredOrderExpiresAfterTheResponsePeriod() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let placed = try await system.placedOrder(market, printers: 0)
            system.clock.advance(days: 5)
            try await Task.sleep(for: .milliseconds(500))
            #expect(
                try await system.orders.call(OrderGet.self, OrderRef(orderID: placed.id), token: system.ppk).state
                    == .ordered)
            system.clock.advance(days: 1)
            try await system.until("the order expires") {
                try await system.orders.call(OrderGet.self, OrderRef(orderID: placed.id), token: system.ppk).state
                    == .expired
            }
            let expired = try await system.orders.call(OrderGet.self, OrderRef(orderID: placed.id), token: system.ppk)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderAccept.self, OrderAcceptParams(orderID: placed.id, version: expired.version, round: 0),
                        token: market.vendorToken)
                }?.code == 409)
        }
    }

    @Test func ordersAddingUpAboveTheCeilingAreFlaggedAsPossibleSplitPurchases() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let first = try await system.placedOrder(market, paper: 0, printers: 2)
            let second = try await system.placedOrder(market, paper: 0, printers: 2)
            #expect(first.splitPurchase == nil)
            let flag = try #require(second.splitPurchase)
            #expect(flag.relatedOrderIDs == [first.id])
            #expect(flag.sum == 10_020_000)
            let audited = try await system.orders.call(
                SplitPurchaseList.self, TenantScope(), token: system.balangan[.auditor]!.token)
            #expect(audited.map(\.orderID) == [second.id])
            #expect(
                try await system.orders.call(OrderList.self, OrderListParams(), token: system.balangan[.auditor]!.token)
                    .orders.first { $0.id == second.id }?.splitPurchaseFlagged == true)
            // Another agency's orders of the same product do not count.
            let pupr = system.pupr[.ppk]!.token
            let prepared = try await system.orders.call(
                OrderPrepare.self, system.preparation([OrderItemRequest(productID: market.printer.id, quantity: 2)]),
                token: pupr)
            #expect(
                try await system.orders.call(
                    OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: pupr
                ).splitPurchase == nil)
        }
    }

    @Test func failingAnOrderFilesASanctionProposalThroughTheFeed() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let order = try await system.contractedOrder(market, paper: 2, printers: 0)
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(
                            OrderFail.self,
                            FailureParams(
                                orderID: order.id, version: order.version, grounds: .refusedReplacement, description: ""
                            ), token: system.ppk)
                    }) == ["description"])
            let failed = try await system.orders.call(
                OrderFail.self,
                FailureParams(
                    orderID: order.id, version: order.version, grounds: .refusedReplacement,
                    description: "Penyedia menolak mengganti kertas rusak"),
                token: system.ppk)
            #expect(failed.state == .failed)
            let budgetHolder = system.balangan[.budgetHolder]!.token
            var proposals: [Sanction] = []
            try await system.until("the catalog files the proposal") {
                proposals = try await system.catalog.call(
                    SanctionList.self, SanctionListParams(vendorID: market.vendor.id), token: budgetHolder)
                return proposals.count == 1
            }
            let proposal = proposals[0]
            #expect(proposal.status == .proposed)
            #expect(proposal.agency == "DINKES")
            #expect(proposal.proposal.orderID == order.id)
            #expect(proposal.proposal.suratPesananNumber == order.suratPesanan?.number)
            #expect(proposal.proposedBy == system.balangan[.ppk]!.account.id)
            // The PA/KPA accepts: one year, the vendor's products leave the catalogue.
            let today = CivilDate(system.clock.now())
            let accepted = try await system.catalog.call(
                SanctionDecide.self,
                SanctionDecision(
                    sanctionID: proposal.id, version: proposal.version, accept: true,
                    decisionNumber: "800/9/DINKES/2026", decisionDate: today),
                token: budgetHolder)
            #expect(accepted.endsOn == today.adding(years: 1))
            #expect(
                try await system.catalog.call(
                    CatalogSearch.self, CatalogSearchParams(vendorID: market.vendor.id), token: system.ppk
                ).products.isEmpty)
            // A failed order is final.
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderRecordDelivery.self,
                        DeliveryParams(
                            orderID: failed.id, version: failed.version, deliveredOn: today,
                            lines: [DeliveryLine(itemID: "item-1", quantity: 1)]), token: market.vendorToken)
                }?.code == 409)
        }
    }

    @Test func forceMajeureOrdersAreRecordedAcknowledgedAndMarked() async throws {
        try await withSystem([.catalog, .orders]) { system in
            try await system.setUpCatalog()
            let today = CivilDate(system.clock.now())
            let params = ForceMajeureRecordParams(
                reason: .naturalDisaster, description: "Banjir di Kecamatan Awayan: pengadaan darurat perahu karet",
                vendorName: "Toko Sumber Makmur",
                items: [ForceMajeureItem(description: "Perahu karet", quantity: 2, unit: "unit", unitPrice: 4_500_000)],
                orderedOn: today,
                beritaAcaraNumber: "BA-01/DINKES/2026", fundingSource: .apbd, budgetAccountCode: "5.1.02.99")
            let recorded = try await system.orders.call(ForceMajeureRecord.self, params, token: system.ppk)
            #expect(!recorded.acknowledged)
            #expect(recorded.total == 9_000_000)
            #expect(
                try await system.orders.call(
                    DocumentVerify.self, DocumentVerifyParams(sha256: recorded.beritaAcara.seal.sha256)
                ).type == "berita_acara_force_majeure")
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        ForceMajeureAcknowledge.self, ForceMajeureRef(id: recorded.id, version: recorded.version),
                        token: system.pupr[.budgetHolder]!.token)
                }?.code == 403)
            let acknowledged = try await system.orders.call(
                ForceMajeureAcknowledge.self, ForceMajeureRef(id: recorded.id, version: recorded.version),
                token: system.balangan[.budgetHolder]!.token)
            #expect(acknowledged.acknowledged)
            #expect(acknowledged.beritaAcara.acknowledgements.map(\.party) == ["ppk", "budget_holder"])
            let listed = try await system.orders.call(
                OrderList.self, OrderListParams(), token: system.balangan[.auditor]!.token
            ).orders
            #expect(listed.map(\.forceMajeure) == [true])
            // A PA/KPA who is also the PPK: their own record suffices.
            let both = try await system.official(
                "pa-ppk", roles: [.ppk, .budgetHolder], tenant: "balangan", agency: "PUPR")
            var own = params
            own.beritaAcaraNumber = "BA-02/PUPR/2026"
            #expect(try await system.orders.call(ForceMajeureRecord.self, own, token: both.token).acknowledged)
            // Bad input.
            var bad = params
            bad.items = [ForceMajeureItem(description: "", quantity: 0, unit: "unit", unitPrice: 0)]
            bad.orderedOn = today.adding(days: 1)
            #expect(
                fieldNames(
                    await rpcError { _ = try await system.orders.call(ForceMajeureRecord.self, bad, token: system.ppk) }
                ) == ["items[0].quantity", "items[0].unitPrice", "items[0].description", "orderedOn"])
        }
    }
}
