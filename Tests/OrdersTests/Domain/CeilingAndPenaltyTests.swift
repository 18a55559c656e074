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
