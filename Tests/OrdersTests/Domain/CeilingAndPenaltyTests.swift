import Foundation
import OrdersService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenTestSupport
import Testing

@Suite("Purchase ceiling (Pasal 2)")
struct CeilingTests {
    @Test func apbnAndApbdStopAtTenMillionInclusive() throws {
        for source in [FundingSource.apbn, .apbd] {
            let applied = try CeilingCheck.check(
                total: 10_000_000, source: source, ceilings: .balanganDefaults, on: day("2026-11-21"), field: "total")
            #expect(applied.amount == 10_000_000)
            #expect(applied.legalBasis == "Perbup Balangan 92/2023 Pasal 2")
            let error = refusal {
                try CeilingCheck.check(
                    total: 10_000_001, source: source, ceilings: .balanganDefaults, on: day("2026-11-21"),
                    field: "offer.total")
            }
            expectValidation(error, fields: ["offer.total"])
        }
    }

    @Test func bludAndBumdNeedTheTenantsCeiling() throws {
        for source in [FundingSource.blud, .bumd] {
            let error = refusal {
                try CeilingCheck.check(
                    total: 1, source: source, ceilings: .balanganDefaults, on: day("2026-11-21"), field: "total")
            }
            expectValidation(error, fields: ["fundingSource"])
        }
        let blud = try PurchaseCeiling(
            source: .blud, amount: 50_000_000, legalBasis: "Perbup BLUD RSUD 1/2024", effectiveFrom: day("2024-01-01"))
        let ceilings = PurchaseCeilings.balanganDefaults.setting(blud)
        #expect(
            try CeilingCheck.check(
                total: 50_000_000, source: .blud, ceilings: ceilings, on: day("2026-11-21"), field: "total") == blud)
        expectValidation(
            refusal {
                try CeilingCheck.check(
                    total: 50_000_001, source: .blud, ceilings: ceilings, on: day("2026-11-21"), field: "total")
            }, fields: ["total"])
        expectValidation(
            refusal {
                try CeilingCheck.check(
                    total: 1, source: .bumd, ceilings: ceilings, on: day("2026-11-21"), field: "total")
            }, fields: ["fundingSource"])
    }

    @Test func theCeilingInForceOnTheDayApplies() throws {
        // Before the Perbup was enacted there is no ceiling at all.
        expectValidation(
            refusal {
                try CeilingCheck.check(
                    total: 1, source: .apbd, ceilings: .balanganDefaults, on: day("2023-12-27"), field: "total")
            }, fields: ["fundingSource"])
        #expect(throws: Never.self) {
            try CeilingCheck.check(
                total: 1, source: .apbd, ceilings: .balanganDefaults, on: day("2023-12-28"), field: "total")
        }
        let raised = try PurchaseCeiling(
            source: .apbd, amount: 15_000_000, legalBasis: "Perbup amendment", effectiveFrom: day("2027-01-01"))
        let ceilings = PurchaseCeilings.balanganDefaults.setting(raised)
        #expect(ceilings.inForce(for: .apbd, on: day("2026-12-31"))?.amount == 10_000_000)
        #expect(ceilings.inForce(for: .apbd, on: day("2027-01-01"))?.amount == 15_000_000)
        #expect(ceilings.inForce(for: .apbn, on: day("2027-01-01"))?.amount == 10_000_000)
        // Setting an entry for the same source and day replaces it.
        let corrected = try PurchaseCeiling(
            source: .apbd, amount: 12_000_000, legalBasis: "Perbup amendment (corrected)",
            effectiveFrom: day("2027-01-01"))
        let replaced = ceilings.setting(corrected)
        #expect(replaced.entries.count == 3)
        #expect(replaced.inForce(for: .apbd, on: day("2027-02-01")) == corrected)
    }

    @Test func aCeilingNeedsAnAmountAndABasis() {
        expectValidation(
            refusal {
                _ = try PurchaseCeiling(source: .blud, amount: .zero, legalBasis: "x", effectiveFrom: day("2024-01-01"))
            }, fields: ["amount"])
        expectValidation(
            refusal {
                _ = try PurchaseCeiling(source: .blud, amount: 1, legalBasis: "  ", effectiveFrom: day("2024-01-01"))
            }, fields: ["legalBasis"])
    }
}

@Suite("Late-delivery penalty (Perpres 16/2018 Pasal 79)")
struct LatePenaltyTests {
    @Test func onePerMillePerDayRoundedHalfUpPerPart() throws {
        let result = try LatePenalty.compute(
            lateParts: [
                LatePart(valueBeforePPN: 9_000_000, dueDate: day("2026-01-10"), deliveredOn: day("2026-01-13")),
                LatePart(valueBeforePPN: 1_234_567, dueDate: day("2026-01-10"), deliveredOn: day("2026-01-17")),
            ],
            today: day("2026-02-01"))
        #expect(result.parts.map(\.daysLate) == [3, 7])
        #expect(result.parts.map(\.amount) == [27_000, 8_642])  // 8,641.969 → 8,642
        #expect(result.total == 35_642)
    }

    @Test func halfARupiahRoundsUp() throws {
        let parts = [
            LatePart(valueBeforePPN: 500, dueDate: day("2026-01-10"), deliveredOn: day("2026-01-11")),
            LatePart(valueBeforePPN: 499, dueDate: day("2026-01-10"), deliveredOn: day("2026-01-11")),
        ]
        #expect(try LatePenalty.compute(lateParts: parts, today: day("2026-02-01")).parts.map(\.amount) == [1, 0])
    }

    @Test func onTimeIsFreeAndUndeliveredCountsToToday() throws {
        let result = try LatePenalty.compute(
            lateParts: [
                LatePart(valueBeforePPN: 1_000_000, dueDate: day("2026-01-10"), deliveredOn: day("2026-01-10")),
                LatePart(valueBeforePPN: 1_000_000, dueDate: day("2026-01-10"), deliveredOn: day("2026-01-05")),
                LatePart(valueBeforePPN: 1_000_000, dueDate: day("2026-01-10"), deliveredOn: nil),
                LatePart(valueBeforePPN: 1_000_000, dueDate: day("2026-01-30"), deliveredOn: nil),
            ],
            today: day("2026-01-14"))
        #expect(result.parts.map(\.daysLate) == [0, 0, 4, 0])
        #expect(result.parts.map(\.amount) == [0, 0, 4_000, 0])
        #expect(result.total == 4_000)
    }

    @Test func daysChargedAreCapped() throws {
        // 60 days late.
        let part = LatePart(valueBeforePPN: 9_000_000, dueDate: day("2026-01-10"), deliveredOn: day("2026-03-11"))
        let standard = try LatePenalty.compute(lateParts: [part], today: day("2026-04-01"))
        #expect(standard.parts[0].daysLate == 60)
        #expect(standard.parts[0].daysCharged == 50)
        #expect(standard.total == 450_000, "5% of the value")
        let tenant = try LatePenalty.compute(lateParts: [part], today: day("2026-04-01"), maxDays: 10)
        #expect(tenant.total == 90_000)
        #expect(try LatePenalty.compute(lateParts: [part], today: day("2026-04-01"), maxDays: 0).total == .zero)
        expectValidation(
            refusal { _ = try LatePenalty.compute(lateParts: [part], today: day("2026-04-01"), maxDays: -1) },
            fields: ["maxDays"])
        #expect(try LatePenalty.compute(lateParts: [], today: day("2026-04-01")).total == .zero)
    }

    @Test func theRateIsDataAndOverflowIsRefused() throws {
        #expect(LatePenaltyRate.perpres16of2018.perMille == 1)
        let steep = try LatePenaltyRate(perMille: 1_000, effectiveFrom: day("2026-01-01"), legalBasis: "test")
        let part = LatePart(valueBeforePPN: rp(.max), dueDate: day("2026-01-10"), deliveredOn: day("2026-01-12"))
        expectValidation(
            refusal { _ = try LatePenalty.compute(lateParts: [part], today: day("2026-02-01"), rate: steep) },
            fields: ["lateParts[0].valueBeforePPN"])
        // The largest value at the default rate is exact: max × 2 / 1000, rounded half up.
        let exact = try LatePenalty.compute(lateParts: [part], today: day("2026-02-01"))
        #expect(exact.total.amount == 18_446_744_073_709_552)
        expectValidation(
            refusal { _ = try LatePenaltyRate(perMille: 0, effectiveFrom: day("2026-01-01"), legalBasis: "x") },
            fields: ["perMille"])
    }
}

@Suite("Late penalty base: goods and supporting costs (Pasal 79)")
struct LatePenaltyBaseTests {
    /// A PKP order of 3 × Rp1,869,900 (excluding PPN) with Rp135,000 delivery, all delivered
    /// three days late.
    private func order(deliveredOn: String?) throws -> (NegotiationOffer, DeliveryLedger) {
        let agreed = NegotiationOffer(
            by: .vendor, round: 1, items: [OfferLine(itemID: "item-1", unitPrice: 1_869_900, quantity: 3)],
            deliveryCost: 135_000, deliveryDate: day("2026-03-10"))
        var ledger = try DeliveryLedger(ordered: agreed.items)
        if let deliveredOn {
            try ledger.record(
                Delivery(
                    deliveryID: "delivery-1", deliveredOn: day(deliveredOn),
                    lines: [DeliveryLine(itemID: "item-1", quantity: 3)]))
            _ = try ledger.record(
                Inspection(
                    deliveryID: "delivery-1", inspectedOn: day(deliveredOn),
                    lines: [InspectionLine(itemID: "item-1", accepted: 3)]))
        }
        return (agreed, ledger)
    }

    private let ppn = PPNTerms(vendorStatus: .pkp, priceBasis: .ppnExcluded, rate: .from2025)

    @Test func theAuditCaseCountsTheDeliveryLine() throws {
        // Goods alone: 5,609,700 × 3‰ = 16,829.1 → Rp16,829 (what was computed); with the late
        // delivery line, 135,000 × 3‰ = 405: Rp17,234 (what is due).
        let (agreed, ledger) = try order(deliveredOn: "2026-03-13")
        let assessment = try LatePenalty.assess(
            ledger: ledger, agreed: agreed, ppn: ppn, received: true, today: day("2026-03-20"), maxDays: 50)
        #expect(assessment.total == 17_234)
        #expect(assessment.parts.map(\.amount) == [16_829, 405])
        #expect(assessment.parts.map(\.kind) == [.item, .supportingCosts])
        #expect(assessment.parts.map(\.itemID) == ["item-1", nil])
        #expect(assessment.parts.map(\.base) == [5_609_700, 135_000])
        #expect(assessment.parts.allSatisfy { $0.daysLate == 3 && $0.daysCharged == 3 })
        #expect(assessment.parts.allSatisfy { $0.dueDate == day("2026-03-10") && $0.deliveredOn == day("2026-03-13") })
        // What the BAST prints: days, base, rate and amount.
        #expect(assessment.base == 5_744_700 && assessment.perMille == 1 && assessment.maxDays == 50)
        #expect(assessment.legalBasis.contains("Perpres 16/2018 Pasal 79"))
    }

    @Test func inclusivePricesUseTheValueBeforePPN() throws {
        // The same, priced including PPN: each part's base is its DPP.
        let included = PPNTerms(vendorStatus: .pkp, priceBasis: .ppnIncluded, rate: .from2025)
        let (agreed, ledger) = try order(deliveredOn: "2026-03-13")
        let assessment = try LatePenalty.assess(
            ledger: ledger, agreed: agreed, ppn: included, received: true, today: day("2026-03-20"), maxDays: 50)
        // 5,609,700 × 100/111 = 5,053,784 and 135,000 × 100/111 = 121,622 (half up).
        #expect(assessment.parts.map(\.base) == [5_053_784, 121_622])
        #expect(assessment.parts.map(\.amount) == [15_161, 365])
    }

    @Test func onTimeCostsAreFreeAndOutstandingOnesCountToToday() throws {
        let (agreed, onTime) = try order(deliveredOn: "2026-03-10")
        #expect(
            try LatePenalty.assess(
                ledger: onTime, agreed: agreed, ppn: ppn, received: true, today: day("2026-03-20"), maxDays: 50
            ).total == .zero)
        let (_, nothing) = try order(deliveredOn: nil)
        let open = try LatePenalty.assess(
            ledger: nothing, agreed: agreed, ppn: ppn, received: false, today: day("2026-03-15"), maxDays: 50)
        #expect(open.parts.map(\.kind) == [.item, .supportingCosts])
        #expect(open.parts.map(\.daysLate) == [5, 5])
        #expect(open.parts.map(\.deliveredOn) == [nil, nil])
        #expect(open.total == 28_724)
    }

    @Test func storedAssessmentsOfTheOlderShapeStillRead() throws {
        let json = #"{"parts":[{"daysLate":3,"daysCharged":3,"amount":936}],"total":936}"#
        let old = try JSONDecoder().decode(LatePenaltyAssessment.self, from: Data(json.utf8))
        #expect(old.total == 936 && old.perMille == 1 && old.base == .zero && old.parts[0].base == nil)
        #expect(old.legalBasis == LatePenaltyRate.perpres16of2018.legalBasis)
    }
}
