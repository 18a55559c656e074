import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

extension SystemFixture {
    /// An order of `paper` rims placed, agreed at catalogue prices, contracted and fully
    /// delivered and accepted, by the PPK holding `ppkToken`: ready for `order.confirmReceipt`.
    func acceptedOrder(_ market: Market, paper: Int = 2, ppkToken: String) async throws -> OrderRecord {
        let prepared = try await orders.call(
            OrderPrepare.self, preparation([OrderItemRequest(productID: market.paper.id, quantity: paper)]),
            token: ppkToken)
        let placed = try await orders.call(
            OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: ppkToken)
        let agreed = try await orders.call(
            OrderAccept.self, OrderAcceptParams(orderID: placed.id, version: placed.version, round: 0),
            token: market.vendorToken)
        let issued = try await orders.call(
            OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), token: ppkToken)
        let started = try await orders.call(
            OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version),
            token: market.vendorToken)
        let today = CivilDate(clock.now())
        let delivered = try await orders.call(
            OrderRecordDelivery.self,
            DeliveryParams(
                orderID: started.id, version: started.version, deliveredOn: today,
                lines: [DeliveryLine(itemID: "item-1", quantity: paper)]),
            token: market.vendorToken)
        return try await orders.call(
            OrderInspect.self,
            InspectionParams(
                orderID: delivered.id, version: delivered.version, deliveryID: "delivery-1", inspectedOn: today,
                lines: [InspectionLine(itemID: "item-1", accepted: paper)]),
            token: ppkToken)
    }

    /// The default BAST number of DINKES for sequence `n` today.
    func dinkesBAST(_ n: Int) -> String {
        let today = CivilDate(clock.now())
        return "\(n)/BAST/DINKES/\(RomanNumeralForTest.month(today.month))/\(today.year)"
    }
}

@Suite struct NumberingAndTextTests {
    @Test func aTypedNumberCannotJamAnotherAgencysSequence() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let pupr = system.pupr[.ppk]!.token
            // PUPR's PPK types DINKES's next BAST number (and variants of it).
            let puprOrder = try await system.acceptedOrder(market, ppkToken: pupr)
            for typed in [
                system.dinkesBAST(1), system.dinkesBAST(1).lowercased(), system.dinkesBAST(2), "7/SP/DINKES/I/2030",
            ] {
                let error = await rpcError {
                    _ = try await system.orders.call(
                        OrderConfirmReceipt.self,
                        ReceiptParams(orderID: puprOrder.id, version: puprOrder.version, bastNumber: typed), token: pupr
                    )
                }
                #expect(error?.code == 422, "\(typed)")
                #expect(fieldNames(error) == ["bastNumber"], "\(typed)")
            }
            // A number of another form is the agency's own business.
            let typed = try await system.orders.call(
                OrderConfirmReceipt.self,
                ReceiptParams(orderID: puprOrder.id, version: puprOrder.version, bastNumber: "027/BA-PUPR/2026"),
                token: pupr)
            #expect(typed.bast?.number == "027/BA-PUPR/2026")
            // DINKES's automatic BASTs keep succeeding, gaplessly.
            for n in 1...2 {
                let order = try await system.acceptedOrder(market, ppkToken: system.ppk)
                let received = try await system.orders.call(
                    OrderConfirmReceipt.self, ReceiptParams(orderID: order.id, version: order.version),
                    token: system.ppk)
                #expect(received.bast?.number == system.dinkesBAST(n))
            }
        }
    }

    @Test func automaticNumberingSkipsANumberTakenBeforeTheRule() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let pupr = system.pupr[.ppk]!.token
            let year = CivilDate(system.clock.now()).year
            // A number that is not of the automatic form today…
            let puprOrder = try await system.acceptedOrder(market, ppkToken: pupr)
            _ = try await system.orders.call(
                OrderConfirmReceipt.self,
                ReceiptParams(orderID: puprOrder.id, version: puprOrder.version, bastNumber: "BAST-1-DINKES-\(year)"),
                token: pupr)
            // …becomes one when the tenant changes its template.
            var settings = try await system.orders.call(
                OrdersSettingsGet.self, TenantScope(tenant: "balangan"), token: system.superAdmin)
            settings.bastNumberTemplate = "BAST-{seq}-{agency}-{year}"
            _ = try await system.orders.call(OrdersSettingsSet.self, settings, token: system.superAdmin)
            // DINKES's first automatic BAST would be that number: it is skipped, not a 409 forever.
            var numbers: [String] = []
            for _ in 1...2 {
                let order = try await system.acceptedOrder(market, ppkToken: system.ppk)
                let received = try await system.orders.call(
                    OrderConfirmReceipt.self, ReceiptParams(orderID: order.id, version: order.version),
                    token: system.ppk)
                numbers.append(try #require(received.bast?.number))
            }
            #expect(numbers == ["BAST-2-DINKES-\(year)", "BAST-3-DINKES-\(year)"])
        }
    }

    @Test func documentNumbersAndFreeTextRefuseHiddenCharacters() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let order = try await system.acceptedOrder(market, ppkToken: system.ppk)
            // A right-to-left override makes "027/BA/2026‮6202‬" print differently than it is stored.
            for typed in [
                "027/BA/\u{202E}6202\u{202C}", "027/BA/2026\u{200B}", " 027/BA/2026", "027/BA/2026\n",
                "027/BA/DINK\u{0415}S/2026", String(repeating: "9", count: 101),
            ] {
                let error = await rpcError {
                    _ = try await system.orders.call(
                        OrderConfirmReceipt.self,
                        ReceiptParams(orderID: order.id, version: order.version, bastNumber: typed), token: system.ppk)
                }
                #expect(error?.code == 422, "\(typed.unicodeScalars.map { String($0.value, radix: 16) })")
                #expect(fieldNames(error) == ["bastNumber"])
            }
            let notes = await rpcError {
                _ = try await system.orders.call(
                    OrderConfirmReceipt.self,
                    ReceiptParams(orderID: order.id, version: order.version, inspectionNotes: "Lengkap\u{2067}"),
                    token: system.ppk)
            }
            #expect(fieldNames(notes) == ["inspectionNotes"])
            // Preparation: one-line fields refuse line breaks, multi-line ones keep them, hidden
            // characters are refused everywhere, also inside the clauses.
            var bad = system.preparation([OrderItemRequest(productID: market.paper.id, quantity: 1)])
            bad.packageName = "Pengadaan\u{202E} ATK"
            bad.deliveryAddress = "Jl. A. Yani\nParingin"
            bad.budgetAccountCode = "5.1.02\u{00A0}01"
            bad.technicalSpecification = "Kertas A4\n80 gsm\t(putih)"
            var terms = try await system.orders.call(OrdersSettingsGet.self, TenantScope(), token: system.ppk).terms
            terms.price = "Harga\u{200D} termasuk ongkos kirim"
            bad.terms = terms
            let error = await rpcError { _ = try await system.orders.call(OrderPrepare.self, bad, token: system.ppk) }
            #expect(fieldNames(error) == ["packageName", "deliveryAddress", "budgetAccountCode", "terms.price"])
            bad.packageName = "Pengadaan ATK"
            bad.deliveryAddress = "Jl. A. Yani, Paringin"
            bad.budgetAccountCode = "5.1.02.01"
            bad.terms = nil
            #expect(
                try await system.orders.call(OrderPrepare.self, bad, token: system.ppk).preparation
                    .technicalSpecification == "Kertas A4\n80 gsm\t(putih)")
        }
    }

    @Test func aCounterOfferCannotAddCostsTheCatalogueDoesNotList() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            // Two rims at Rp55,000 delivered: Rp110,000.
            let placed = try await system.placedOrder(market, paper: 2, printers: 0)
            #expect(placed.offers[0].items.map(\.unitPrice) == [55_000])
            var padded = system.offerParams(placed, prices: [55_000])
            padded.deliveryCost = 3_000_000
            padded.installationCost = 3_000_000
            padded.trainingCost = 3_000_000
            // Rp9,110,000: under the ceiling, but nothing the catalogue lists.
            let error = await rpcError {
                _ = try await system.orders.call(OrderOffer.self, padded, token: market.vendorToken)
            }
            #expect(error?.code == 422)
            #expect(fieldNames(error) == ["deliveryCost", "installationCost", "trainingCost"])
            padded.deliveryCost = 1
            padded.installationCost = 0
            padded.trainingCost = 0
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(OrderOffer.self, padded, token: market.vendorToken)
                    }) == ["deliveryCost"])

            // Installation the PPK asked for is bounded by what the catalogue lists (Rp150,000).
            let prepared = try await system.orders.call(
                OrderPrepare.self,
                system.preparation([OrderItemRequest(productID: market.printer.id, quantity: 1)], installation: true),
                token: system.ppk)
            let withInstallation = try await system.orders.call(
                OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: system.ppk)
            #expect(withInstallation.offers[0].installationCost == 150_000)
            var raised = system.offerParams(withInstallation, prices: [2_505_000])
            raised.installationCost = 150_001
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(OrderOffer.self, raised, token: market.vendorToken)
                    }) == ["installationCost"])
            var lowered = system.offerParams(withInstallation, prices: [2_505_000])
            lowered.installationCost = 120_000
            #expect(
                try await system.orders.call(OrderOffer.self, lowered, token: market.vendorToken).offers.last?
                    .installationCost == 120_000)
        }
    }
}
