import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

/// PPN, ceilings, split purchases and the budget year through the running services, and who
/// may order and reassign (issue 11).
@Suite struct MoneyRulesTests {
    /// A PKP vendor with two products priced excluding PPN at Rp4,600,000 delivered to PARINGIN.
    private func pkpMarket(_ system: SystemFixture) async throws -> (vendor: String, a: ProductRecord, b: ProductRecord)
    {
        try await system.setUpCatalog()
        let (_, token) = try await system.activeVendor(isPKP: true)
        let a = try await system.listedProduct(
            offer(name: "Laptop A", category: "ATK", price: 4_595_000, includesPPN: false), vendorToken: token)
        let b = try await system.listedProduct(
            offer(name: "Laptop B", category: "ATK", price: 4_595_000, includesPPN: false), vendorToken: token)
        return (token, a, b)
    }

    @Test func theCeilingAtPreparationIncludesPPNAndSplitsCountAcrossProducts() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await pkpMarket(system)
            // 2 × 4,600,000 = 9,200,000 before PPN, 10,212,000 with it: refused at preparation.
            let tooMuch = await rpcError {
                _ = try await system.orders.call(
                    OrderPrepare.self, system.preparation([OrderItemRequest(productID: market.a.id, quantity: 2)]),
                    token: system.ppk)
            }
            #expect(fieldNames(tooMuch) == ["items"])
            #expect(tooMuch?.message.contains("Rp10.212.000") == true)
            // Two orders of 5,106,000 with PPN, of different products: the second is flagged.
            let first = try await system.scenario.placedOrder(
                system.preparation([OrderItemRequest(productID: market.a.id, quantity: 1)]), ppk: system.ppk)
            #expect(first.priceEstimate == 5_106_000)
            #expect(first.splitPurchase == nil)
            let second = try await system.scenario.placedOrder(
                system.preparation([OrderItemRequest(productID: market.b.id, quantity: 1)]), ppk: system.ppk)
            #expect(second.splitPurchase?.relatedOrderIDs == [first.id])
            #expect(second.splitPurchase?.sum == 10_212_000)
            #expect(second.splitPurchase?.ceiling == 10_000_000)
            #expect(second.splitPurchase?.windowDays == 30)
            #expect(second.splitPurchase?.legalBasis?.contains("Perpres 16/2018 Pasal 20") == true)
            // The opening totals show each step of the tax invoice.
            let opening = try #require(second.offers.first)
            let totals = try OrderTotals(
                lines: opening.items, deliveryCost: opening.deliveryCost, installationCost: opening.installationCost,
                trainingCost: opening.trainingCost,
                ppn: PPNTerms(vendorStatus: .pkp, priceBasis: .ppnExcluded, rate: .from2025))
            #expect([totals.totalBeforePPN, totals.dppNilaiLain, totals.ppn] == [4_600_000, 4_216_667, 506_000])
        }
    }

    @Test func catalogueRefusesPPNThatCannotBeCharged() async throws {
        try await withSystem([.catalog, .orders]) { system in
            try await system.setUpCatalog()
            let (_, nonPKP) = try await system.activeVendor()
            // Once the catalog knows the vendor (a valid offer goes through) …
            _ = try await system.submitWhenKnown(offer(), vendorToken: nonPKP)
            // … a vendor that is not a PKP cannot state a price including PPN, nor a tax component.
            let claimed = await rpcError {
                _ = try await system.catalog.call(ProductSubmit.self, offer(includesPPN: true), token: nonPKP)
            }
            #expect(fieldNames(claimed) == ["price.includesPPN", "price.tax"])
            let (_, pkp) = try await system.activeVendor(isPKP: true)
            _ = try await system.submitWhenKnown(offer(includesPPN: true), vendorToken: pkp)
            // A PKP pricing without PPN cannot also carry a tax component (PPN twice).
            var twice = offer(includesPPN: false)
            twice.price.tax = 1_000
            twice.price.overheadAndProfit = 1_000
            #expect(
                fieldNames(await rpcError { _ = try await system.catalog.call(ProductSubmit.self, twice, token: pkp) })
                    == [
                        "price.tax"
                    ])
            // A PKP pricing with PPN must state it.
            var unstated = offer(includesPPN: true)
            unstated.price.tax = 0
            unstated.price.overheadAndProfit = 2_000
            #expect(
                fieldNames(
                    await rpcError { _ = try await system.catalog.call(ProductSubmit.self, unstated, token: pkp) }) == [
                        "price.tax"
                    ])
            _ = try await system.catalog.call(ProductSubmit.self, offer(includesPPN: false), token: pkp)
        }
    }

    @Test func deliveriesBeyondTheBudgetYearNeedTheTenantsLeave() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let today = CivilDate(system.clock.now())
            var late = system.preparation(system.items(market, paper: 1, printers: 0))
            late.deliveryDate = .fixed("\(today.year + 1)-01-05")
            #expect(
                fieldNames(
                    await rpcError { _ = try await system.orders.call(OrderPrepare.self, late, token: system.ppk) })
                    == ["deliveryDate"])
            var settings = try await system.orders.call(
                OrdersSettingsGet.self, TenantScope(tenant: "balangan"), token: system.superAdmin)
            #expect(settings.allowsDeliveryBeyondBudgetYear == false)
            settings.allowsDeliveryBeyondBudgetYear = true
            _ = try await system.orders.call(OrdersSettingsSet.self, settings, token: system.superAdmin)
            let prepared = try await system.orders.call(OrderPrepare.self, late, token: system.ppk)
            #expect(prepared.preparation.deliveryDate == late.deliveryDate)
        }
    }

    @Test func eachTenantHasItsOwnDatedPPNSchedule() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market(isPKP: true)
            let today = CivilDate(system.clock.now())
            // Balangan states a rule of its own from today: 12% of the full price, rounded down.
            var balangan = try await system.orders.call(
                OrdersSettingsGet.self, TenantScope(tenant: "balangan"), token: system.superAdmin)
            #expect(balangan.ppnRates == PPNRate.schedule)
            let own = try PPNRate(
                numerator: 12, denominator: 100, effectiveFrom: today, rounding: .down,
                legalBasis: "Contoh: tarif penuh 12% (uji)")
            balangan.ppnRates = PPNRate.schedule + [own]
            _ = try await system.orders.call(OrdersSettingsSet.self, balangan, token: system.superAdmin)
            // Polman keeps the shipped schedule.
            let polman = try await system.orders.call(
                OrdersSettingsGet.self, TenantScope(tenant: "polman"), token: system.superAdmin)
            #expect(polman.ppnRates == PPNRate.schedule)
            // A Balangan order placed today uses Balangan's rule: 165,000 including 12% of the full price.
            let order = try await system.contractedOrder(market, paper: 3, printers: 0)
            // 165,000 × 100/112 = 147,321.43 → 147,321 (the rule's DPP rounding is down too); PPN 17,678.52 → 17,678.
            #expect(order.agreedTotals?.ppnTerms.rate == own)
            #expect(order.agreedTotals?.totalBeforePPN == 147_321)
            #expect(order.agreedTotals?.ppn == 17_678)
            #expect(order.agreedTotals?.totalIncludingPPN == 164_999)
            #expect(order.agreedTotals?.roundingDifference == -1)
            // A rule from a caller is checked: a tariff of 100% is refused naming the field.
            var bad = try await system.orders.call(
                OrdersSettingsGet.self, TenantScope(tenant: "polman"), token: system.superAdmin)
            bad.ppnRates = [
                try PPNRate(numerator: 11, denominator: 100, effectiveFrom: today, rounding: .halfUp, legalBasis: "x")
            ]
            bad.ppnRates.append(bad.ppnRates[0])
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(OrdersSettingsSet.self, bad, token: system.superAdmin)
                    }) == ["ppnRates[1].effectiveFrom"])
        }
    }

    @Test func aPejabatPengadaanOrdersAndOrdersCanBeReassigned() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let pejabat = try await system.official(
                "b-pejabat", .procurementOfficial, tenant: "balangan", agency: "DINKES")
            // The Pejabat Pengadaan orders like a PPK (Perbup Balangan 92/2023 Pasal 9 and 14(3)).
            let byPejabat = try await system.scenario.placedOrder(
                system.preparation(system.items(market, paper: 2, printers: 0)), ppk: pejabat.token)
            #expect(byPejabat.ppkAccountID == pejabat.account.id)
            #expect(byPejabat.state == .ordered)
            // … and proposes sanctions like a PPK (Pasal 14 ayat (3)).
            let proposal = try await system.catalog.call(
                SanctionPropose.self,
                SanctionProposal(
                    vendorID: market.vendor.id, grounds: .falseData, description: "Sertifikat palsu",
                    orderID: byPejabat.id), token: pejabat.token)
            #expect(proposal.status == .proposed)

            // The PPK's order, handed to the Pejabat Pengadaan by the PA/KPA.
            let order = try await system.placedOrder(market, paper: 1, printers: 0)
            func reassign(_ to: String, by token: String, reason: String = "PPK dimutasi") async -> RPCError? {
                await rpcError {
                    _ = try await system.orders.call(
                        OrderReassign.self,
                        OrderReassignParams(
                            orderID: order.id, version: order.version, newHolderAccountID: to, reason: reason),
                        token: token)
                }
            }
            let puprPPK = system.pupr[.ppk]!
            // Denied to the PPK itself, the vendor, and the PA/KPA of another agency.
            #expect(await reassign(pejabat.account.id, by: system.ppk)?.code == 403)
            #expect(await reassign(pejabat.account.id, by: market.vendorToken)?.code == 403)
            #expect(await reassign(pejabat.account.id, by: system.pupr[.budgetHolder]!.token)?.code == 403)
            let holder = system.balangan[.budgetHolder]!.token
            // Only an ordering official of the same agency takes it over; a reason is required.
            #expect(fieldNames(await reassign(puprPPK.account.id, by: holder)) == ["newHolderAccountID"])
            #expect(
                fieldNames(await reassign(system.balangan[.treasurer]!.account.id, by: holder)) == [
                    "newHolderAccountID"
                ])
            #expect(fieldNames(await reassign("no-such-account", by: holder)) == ["newHolderAccountID"])
            #expect(fieldNames(await reassign(pejabat.account.id, by: holder, reason: " ")) == ["reason"])
            let moved = try await system.orders.call(
                OrderReassign.self,
                OrderReassignParams(
                    orderID: order.id, version: order.version, newHolderAccountID: pejabat.account.id,
                    reason: "PPK dimutasi ke dinas lain"),
                token: holder)
            #expect(moved.ppkAccountID == pejabat.account.id)
            #expect(moved.version == order.version + 1)
            // The old PPK no longer acts on it; the new holder does.
            let cancel = OrderAct(orderID: moved.id, version: moved.version, reason: "Tidak jadi")
            #expect(
                await rpcError { _ = try await system.orders.call(OrderCancel.self, cancel, token: system.ppk) }?.code
                    == 403)
            let cancelled = try await system.orders.call(OrderCancel.self, cancel, token: pejabat.token)
            #expect(cancelled.state == .cancelled)
            // A closed order stays where it is; the agency administrator may reassign open ones.
            let admin = try await system.official("b-admin", .agencyAdmin, tenant: "balangan", agency: "DINKES")
            let closed = await rpcError {
                _ = try await system.orders.call(
                    OrderReassign.self,
                    OrderReassignParams(
                        orderID: cancelled.id, version: cancelled.version,
                        newHolderAccountID: system.balangan[.ppk]!.account.id, reason: "kembali"),
                    token: admin.token)
            }
            #expect(closed?.code == 409)
            // Audited, with the reason, the actor and both holders.
            let trail = try await system.orders.call(
                AuditRead.self, CursorParams(after: 0, limit: 1000), token: system.balangan[.auditor]!.token)
            let entry = try #require(trail.entries.first { $0.targetID == order.id && $0.action == "reassigned" })
            #expect(entry.actor == system.balangan[.budgetHolder]!.account.id)
            #expect(entry.before?["ppkAccountID"]?.stringValue == system.balangan[.ppk]!.account.id)
            #expect(entry.after?["ppkAccountID"]?.stringValue == pejabat.account.id)
            #expect(entry.after?["reason"]?.stringValue == "PPK dimutasi ke dinas lain")
        }
    }

    @Test func forceMajeureRecordsCheckTheCeilingAndPPN() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let today = CivilDate(system.clock.now())
            func params(_ price: Rupiah, pkp: Bool?, included: Bool?) -> ForceMajeureRecordParams {
                ForceMajeureRecordParams(
                    reason: .naturalDisaster, description: "Banjir: perahu karet darurat", vendorName: "Toko Makmur",
                    items: [ForceMajeureItem(description: "Perahu karet", quantity: 2, unit: "unit", unitPrice: price)],
                    orderedOn: today, beritaAcaraNumber: "BA-\(price.amount)/DINKES", fundingSource: .apbd,
                    budgetAccountCode: "5.1.02.99", vendorIsPKP: pkp, pricesIncludePPN: included)
            }
            // 2 × 4,600,000 + PPN = 10,212,000: above the ceiling.
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(
                            ForceMajeureRecord.self, params(4_600_000, pkp: true, included: false), token: system.ppk)
                    }) == ["items"])
            // A vendor that is not a PKP does not charge PPN.
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(
                            ForceMajeureRecord.self, params(1_000_000, pkp: false, included: true), token: system.ppk)
                    }) == ["pricesIncludePPN"])
            let recorded = try await system.orders.call(
                ForceMajeureRecord.self, params(2_000_000, pkp: true, included: false), token: system.ppk)
            #expect(recorded.total == 4_440_000)
            #expect(recorded.totals?.ppn == 440_000 && recorded.totals?.dppNilaiLain == 3_666_667)
        }
    }
}
