import Foundation
import OrdersService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenTestSupport
import Testing

private func record(
    _ id: String, _ total: Rupiah, _ date: String, agency: String = "dinkes", vendor: String = "v1",
    product: String = "p1"
) -> PurchaseRecord {
    PurchaseRecord(orderID: id, agencyID: agency, vendorID: vendor, productID: product, total: total, date: day(date))
}

@Suite("Split purchase detection")
struct SplitPurchaseTests {
    let detector = SplitPurchaseDetector.standard
    let new = record("new", 4_000_000, "2026-03-31")

    @Test func flagsRelatedOrdersAboveTheCeiling() {
        let earlier = [
            record("o2", 3_000_000, "2026-03-20"),
            record("o1", 3_000_001, "2026-03-10"),
            record("other-agency", 9_000_000, "2026-03-20", agency: "dishub"),
            record("other-vendor", 9_000_000, "2026-03-20", vendor: "v2"),
        ]
        let finding = detector.check(new: new, earlier: earlier, ceiling: 10_000_000)
        #expect(finding?.relatedOrderIDs == ["o1", "o2"], "oldest first, only same agency and vendor")
        #expect(finding?.sum == 10_000_001)
        #expect(finding?.ceiling == 10_000_000)
    }

    @Test func ordersCountAcrossProductsWithTheirPPN() {
        // The audit: two orders of Rp4,600,000 + 11% PPN = Rp5,106,000 each, of different products
        // of one vendor, are Rp10,212,000 together: above the Rp10,000,000 ceiling.
        let second = record("o2", 5_106_000, "2026-03-31", product: "p2")
        let finding = detector.check(
            new: second, earlier: [record("o1", 5_106_000, "2026-03-20", product: "p1")], ceiling: 10_000_000)
        #expect(finding?.relatedOrderIDs == ["o1"])
        #expect(finding?.sum == 10_212_000)
        // Without PPN (4,600,000 each) they would not have been flagged.
        #expect(
            detector.check(
                new: record("o2", 4_600_000, "2026-03-31"), earlier: [record("o1", 4_600_000, "2026-03-20")],
                ceiling: 10_000_000) == nil)
    }

    @Test func theRuleIsDatedData() {
        let old = SplitPurchaseRule(windowDays: 14, legalBasis: "Perpres 16/2018", effectiveFrom: day("2018-07-01"))
        let new = SplitPurchaseRule(windowDays: 60, legalBasis: "Perpres 12/2021", effectiveFrom: day("2021-02-02"))
        #expect(SplitPurchaseRule.inForce(on: day("2020-12-31"), among: [old, new]) == old)
        #expect(SplitPurchaseRule.inForce(on: day("2021-02-02"), among: [old, new]) == new)
        #expect(SplitPurchaseRule.inForce(on: day("2018-06-30"), among: [old, new]) == nil)
        #expect(SplitPurchaseRule.standard.windowDays == 30)
        #expect(SplitPurchaseRule.standard.legalBasis.contains("Pasal 20 ayat (2) huruf d"))
    }

    @Test func exactlyTheCeilingIsNotFlagged() {
        let earlier = [record("o1", 3_000_000, "2026-03-10"), record("o2", 3_000_000, "2026-03-20")]
        #expect(detector.check(new: new, earlier: earlier, ceiling: 10_000_000) == nil)
    }

    @Test func windowEdgesAreInclusive() throws {
        #expect(detector.windowDays == 30)
        let thirtyBefore = record("o1", 6_000_001, "2026-03-01")
        let thirtyOneBefore = record("o0", 6_000_001, "2026-02-28")
        let thirtyAfter = record("o9", 6_000_001, "2026-04-30")
        let thirtyOneAfter = record("o10", 6_000_001, "2026-05-01")
        #expect(detector.check(new: new, earlier: [thirtyBefore], ceiling: 10_000_000)?.relatedOrderIDs == ["o1"])
        #expect(detector.check(new: new, earlier: [thirtyOneBefore], ceiling: 10_000_000) == nil)
        #expect(detector.check(new: new, earlier: [thirtyAfter], ceiling: 10_000_000)?.relatedOrderIDs == ["o9"])
        #expect(detector.check(new: new, earlier: [thirtyOneAfter], ceiling: 10_000_000) == nil)
        let sameDay = try SplitPurchaseDetector(windowDays: 0)
        #expect(sameDay.check(new: new, earlier: [record("o1", 6_000_001, "2026-03-31")], ceiling: 10_000_000) != nil)
        #expect(sameDay.check(new: new, earlier: [record("o1", 6_000_001, "2026-03-30")], ceiling: 10_000_000) == nil)
    }

    @Test func aLoneOrderIsNotASplit() {
        let big = record("new", 12_000_000, "2026-03-31")
        #expect(detector.check(new: big, earlier: [], ceiling: 10_000_000) == nil)
        #expect(
            detector.check(new: big, earlier: [record("new", 1, "2026-03-31")], ceiling: 10_000_000) == nil,
            "the new order itself is skipped")
    }

    @Test func hugeSumsAreStillFlagged() {
        let finding = detector.check(
            new: record("new", rp(.max), "2026-03-31"), earlier: [record("o1", 1, "2026-03-30")], ceiling: 10_000_000)
        #expect(finding?.sum.amount == .max)
    }

    @Test func theWindowIsValidated() {
        expectValidation(refusal { _ = try SplitPurchaseDetector(windowDays: -1) }, fields: ["windowDays"])
        expectValidation(refusal { _ = try SplitPurchaseDetector(windowDays: 367) }, fields: ["windowDays"])
    }
}

@Suite("Order settings stored before the dated rules")
struct LegacySettingsTests {
    @Test func oldSettingsReadWithTheirWindowAndTheShippedPPNSchedule() throws {
        let json = """
            {"tenant":"balangan","ceilings":[],"vendorResponseDays":5,"splitPurchaseWindowDays":14,
            "maxPenaltyDays":50,"suratPesananNumberTemplate":"{seq}/SP/{agency}/{roman month}/{year}",
            "bastNumberTemplate":"{seq}/BAST/{agency}/{roman month}/{year}",
            "terms":{"rightsAndObligations":"a","workExecution":"b","price":"c","payment":"d","sanctions":"e",
            "latePenalty":"f","forceMajeure":"g","disputeSettlement":"h","antiGratification":"i"},
            "documentPlace":"Paringin"}
            """
        let settings = try JSONDecoder().decode(OrdersSettings.self, from: Data(json.utf8))
        #expect(settings.splitPurchaseRules.map(\.windowDays) == [14])
        #expect(settings.splitPurchaseRules[0].legalBasis == SplitPurchaseRule.standard.legalBasis)
        #expect(settings.ppnRates == PPNRate.schedule)
        #expect(settings.allowsDeliveryBeyondBudgetYear == false)
        // Written back, it has the new shape and reads the same.
        let again = try JSONDecoder().decode(OrdersSettings.self, from: try JSONEncoder().encode(settings))
        #expect(again == settings)
    }
}
