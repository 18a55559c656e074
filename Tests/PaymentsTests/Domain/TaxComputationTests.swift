// Worked examples of the tax rules, each naming the source it follows, on each side of each
// change (2022-04-01, 2025-01-01), with the boundaries, the exemptions and the identity
// gross = net + taxes + penalty. docs/tax-rules.md lists the sources.
import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import Testing

@testable import PaymentsService

@Suite struct TaxComputationTests {
    typealias F = TaxFixtures

    // MARK: PPh 22 and PPN, 2025 (PMK 131/2024; PMK 59/2022; PER-11/PJ/2025 Pasal 129)

    /// PMK 131/2024 Pasal 3 (DPP nilai lain 11/12 × 12%) on Rp5.000.000 including PPN gives DPP
    /// 4.504.505, DPP nilai lain 4.129.130, PPN 495.496 (the example of Shared/Domain/PPN.swift);
    /// PPh 22 is 1,5% of the price excluding PPN (PMK 231/2019 as amended by PMK 59/2022), rounded
    /// half up from 2025 (PER-11/PJ/2025 Pasal 129 ayat (3)).
    @Test func pph22AndPPNOnGoodsFrom2025() throws {
        let facts = try F.goods(5_000_000)
        let result = try F.assess(facts, on: "2025-01-01")
        let ppn = try #require(result.line(.ppn))
        #expect(ppn.base == 4_129_130)
        #expect(ppn.amount == 495_496)
        #expect(ppn.ruleID == "ppn-2025")
        #expect(ppn.rate == TaxRate(numerator: 12, denominator: 100))
        let pph22 = try #require(result.line(.pph22))
        #expect(pph22.base == 4_504_505)
        #expect(pph22.amount == 67_568)
        #expect(pph22.rounding == .halfUp)
        #expect(pph22.taxObjectCode == "22-910-01")
        #expect(pph22.ruleID == "pph22-goods-2022")
        #expect(pph22.explanation.contains("1,5% × Rp4.504.505 = Rp67.567,575 → Rp67.568"))
        #expect(pph22.explanationEnglish.contains("half-up, PER-11/PJ/2025 Pasal 129"))
        #expect(result.gross == 5_000_001)
        #expect(result.taxesCollected == 563_064)
        #expect(result.net == 4_436_937)
        #expect(result.reasons(.pph23) == [.nothingToTax])
        // PMK 81/2024 Pasal 94(2): the 15th of the following month; 2025-02-15 is a Saturday.
        #expect(pph22.depositDueOn == .fixed("2025-02-17"))
    }

    /// The same order priced in 2024 under 11% (UU HPP), paid on 2024-12-31 and on 2025-01-01:
    /// PPN stays the invoice's (495.495, rounded down then), PPh 22 1,5% × 4.504.505 = 67.567,575
    /// rounds down before 2025 and half up from 2025-01-01 (PER-11/PJ/2025 Pasal 129).
    @Test func roundingChangesOn20250101() throws {
        let facts = try F.goods(5_000_000, rate: .from2022)
        let before = try F.assess(facts, on: "2024-12-31")
        let after = try F.assess(facts, on: "2025-01-01")
        #expect(before.line(.ppn)?.amount == 495_495)
        #expect(after.line(.ppn)?.amount == 495_495)
        #expect(before.line(.ppn)?.ruleID == "ppn-2022")
        #expect(after.line(.ppn)?.ruleID == "ppn-2025")
        #expect(before.line(.pph22)?.amount == 67_567)
        #expect(before.line(.pph22)?.rounding == .down)
        #expect(after.line(.pph22)?.amount == 67_568)
        #expect(after.line(.pph22)?.rounding == .halfUp)
        #expect(before.gross == 5_000_000)
        #expect(before.net.amount == 5_000_000 - 495_495 - 67_567)
    }

    /// PER-11/PJ/2025 Pasal 129 ayat (3), DDTCNews 28 May 2025: "Rp1.900.000,50 → Rp1.900.001". PPh 23
    /// 2% (UU PPh Pasal 23) of Rp1.000.025 is Rp20.000,50: Rp20.001 from 2025, Rp20.000 in 2024.
    @Test func halfARupiahRoundsUpFrom2025() throws {
        let facts = try F.services(1_000_025)
        #expect(try F.assess(facts, on: "2025-01-01").line(.pph23)?.amount == 20_001)
        #expect(try F.assess(facts, on: "2024-12-31").line(.pph23)?.amount == 20_000)
        #expect(try F.assess(facts, on: "2025-01-01").line(.pph23)?.taxObjectCode == "24-104-65")
    }

    // MARK: PPN 10% → 11% and the threshold Rp1.000.000 → Rp2.000.000 (2022-04-01)

    /// UU HPP: PPN 11% from 2022-04-01 (10% before, UU 42/2009); the treasurer's PPN threshold
    /// Rp1.000.000 before (KMK 563/KMK.03/2003, the brief's "older rule"), Rp2.000.000 after (PMK
    /// 59/2022, as the brief states it). Rp1.500.000 excluding PPN: PPN 150.000 collected on
    /// 2022-03-31 (gross 1.650.000 > 1.000.000); PPN 165.000 not collected on 2022-04-01 (gross
    /// 1.665.000 ≤ 2.000.000). PPh 22 on 1.500.000 ≤ 2.000.000 is not collected on either day.
    @Test func ppnRateAndThresholdChangeOn20220401() throws {
        let old = try F.goods(1_500_000, includesPPN: false, rate: F.ppn10)
        let before = try F.assess(old, on: "2022-03-31")
        #expect(before.line(.ppn)?.amount == 150_000)
        #expect(before.line(.ppn)?.ruleID == "ppn-2010")
        #expect(before.reasons(.pph22) == [.belowThreshold])
        #expect(before.net == 1_500_000)

        let new = try F.goods(1_500_000, includesPPN: false, rate: .from2022)
        let after = try F.assess(new, on: "2022-04-01")
        #expect(after.line(.ppn) == nil)
        #expect(after.reasons(.ppn) == [.belowThreshold])
        #expect(after.reasons(.pph22) == [.belowThreshold])
        #expect(after.net == 1_665_000)
    }

    /// PPh 22 1,5% (PMK 231/2019 as amended by PMK 59/2022; the same rate before): Rp10.000.000
    /// excluding PPN, paid on each side of 2022-04-01, is Rp150.000 either way; PPN 10% then 11%.
    @Test func pph22OnEachSideOf20220401() throws {
        let before = try F.assess(try F.goods(10_000_000, includesPPN: false, rate: F.ppn10), on: "2022-03-31")
        let after = try F.assess(try F.goods(10_000_000, includesPPN: false, rate: .from2022), on: "2022-04-01")
        #expect(before.line(.pph22)?.amount == 150_000)
        #expect(before.line(.pph22)?.ruleID == "pph22-goods-2010")
        #expect(after.line(.pph22)?.amount == 150_000)
        #expect(after.line(.pph22)?.ruleID == "pph22-goods-2022")
        #expect(before.line(.ppn)?.amount == 1_000_000)
        #expect(after.line(.ppn)?.amount == 1_100_000)
    }

    // MARK: PPh 23 and the allocation of the DPP

    /// UU PPh Pasal 23: 2% of the gross excluding PPN on services. An order of goods Rp3.000.000 and
    /// services Rp2.000.000, prices including PPN (2025): the DPP 4.504.505 is allocated 2.702.703
    /// (half up) to goods and the rest, 1.801.802, to services; PPh 22 40.541, PPh 23 36.036.
    @Test func mixedOrderAllocatesTheDPPExactly() throws {
        let facts = try F.facts([
            .init(kind: .goods, unitPrice: 3_000_000), .init(kind: .services, unitPrice: 2_000_000),
        ])
        let result = try F.assess(facts, on: "2025-06-02")
        #expect(result.baseParts.map(\.base) == [2_702_703, 1_801_802])
        #expect(try Rupiah.sum(result.baseParts.map(\.base)) == facts.totalBeforePPN)
        #expect(result.line(.pph22)?.amount == 40_541)
        #expect(result.line(.pph23)?.amount == 36_036)
        #expect(result.line(.pph23)?.part == .services)
    }

    /// Delivery follows the goods; installation and training are services (PMK 141/2015: jasa
    /// instalasi, jasa pelatihan), unless the tenant says otherwise.
    @Test func supportingCostsFollowTheirKind() throws {
        let facts = try F.facts(
            [.init(kind: .goods, unitPrice: 4_000_000)], delivery: 500_000, installation: 300_000, training: 200_000,
            pkp: false)
        let result = try F.assess(facts, on: "2025-06-02")
        #expect(result.baseParts.map(\.stated) == [4_500_000, 500_000])
        #expect(result.line(.pph22)?.amount == 67_500)
        #expect(result.line(.pph23)?.amount == 10_000)
        var settings = TaxSettings.defaults
        settings.supportingCosts = SupportingCostKinds(delivery: .goods, installation: .goods, training: .goods)
        let allGoods = try F.assess(facts, on: "2025-06-02", settings: settings)
        #expect(allGoods.line(.pph22)?.amount == 75_000)
        #expect(allGoods.line(.pph23) == nil)
    }

    // MARK: Exemptions

    /// KKPD (PMK 59/2022 Pasal 12(2)(b) and 18(1)(b), DDTCNews 2 Oct 2025; LLDIKTI V): the treasurer
    /// collects neither PPN nor PPh 22 on a credit-card payment; PPh 23 is still withheld.
    @Test func kkpdCollectsNeitherPPNNorPPh22() throws {
        let facts = try F.facts([
            .init(kind: .goods, unitPrice: 5_000_000), .init(kind: .services, unitPrice: 1_000_000),
        ])
        let result = try F.assess(facts, on: "2025-06-02", mechanism: .kkpd)
        #expect(result.line(.ppn) == nil)
        #expect(result.line(.pph22) == nil)
        #expect(result.reasons(.ppn) == [.mechanismExempt])
        #expect(result.reasons(.pph22) == [.mechanismExempt])
        #expect(result.line(.pph23) != nil)
        #expect(PaymentMechanism.kkpd.coretaxGovTreasurerOpt == "Imprest")
        #expect(PaymentMechanism.ls.coretaxGovTreasurerOpt == "Direct")
        #expect(PaymentMechanism.upGu.coretaxGovTreasurerOpt == "Imprest")
    }

    /// Only a PKP charges PPN (UU PPN Pasal 3A): a non-PKP vendor's invoice has none to collect;
    /// PPh 22 1,5% of Rp3.000.000 is Rp45.000.
    @Test func nonPKPVendorHasNoPPN() throws {
        let result = try F.assess(try F.goods(3_000_000, pkp: false), on: "2025-06-02")
        #expect(result.line(.ppn) == nil)
        #expect(result.reasons(.ppn) == [.vendorNotPKP])
        #expect(result.line(.pph22)?.amount == 45_000)
        #expect(result.net == 2_955_000)
    }

    // MARK: Final UMKM 0,5% (PP 55/2022)

    static let certificate = UMKMCertificate(
        number: "KET-00123/PP55/WPJ.23/2025", validFrom: .fixed("2025-01-01"), validUntil: .fixed("2025-12-31"),
        npwp: "0012345678901000", taxpayerName: "CV Maju")

    /// PP 55/2022: 0,5% of the gross turnover instead of PPh 22/23 while the Surat Keterangan is
    /// valid: Rp10.000.000 of services gives Rp50.000 (Coretax 28-423-01).
    @Test func finalUMKMWithAValidCertificate() throws {
        let facts = try F.facts(
            [.init(kind: .services, unitPrice: 6_000_000), .init(kind: .goods, unitPrice: 4_000_000)], pkp: false,
            umkm: true)
        let result = try F.assess(facts, on: "2025-12-31", certificate: Self.certificate)
        let line = try #require(result.line(.pphFinalUMKM))
        #expect(line.amount == 50_000)
        #expect(line.base == 10_000_000)
        #expect(line.taxObjectCode == "28-423-01")
        #expect(line.umkmCertificateNumber == Self.certificate.number)
        #expect(result.line(.pph22) == nil)
        #expect(result.line(.pph23) == nil)
        #expect(result.reasons(.pph22) == [.replacedByFinalUMKM])
        #expect(result.reasons(.pph23) == [.replacedByFinalUMKM])
    }

    /// An expired Surat Keterangan is not applied (the issue; PP 55/2022): PPh 23 2% instead.
    @Test func expiredCertificateIsNotApplied() throws {
        let facts = try F.services(10_000_000)
        let result = try F.assess(facts, on: "2026-01-01", certificate: Self.certificate)
        #expect(result.line(.pphFinalUMKM) == nil)
        #expect(result.reasons(.pphFinalUMKM) == [.certificateExpired])
        #expect(result.line(.pph23)?.amount == 200_000)
    }

    /// A Surat Keterangan not yet valid on the payment date is not applied either.
    @Test func notYetValidCertificateIsNotApplied() throws {
        let result = try F.assess(try F.services(10_000_000), on: "2024-12-31", certificate: Self.certificate)
        #expect(result.reasons(.pphFinalUMKM) == [.certificateNotYetValid])
        #expect(result.line(.pph23)?.amount == 200_000)
    }

    /// A UMKM vendor without a certificate is listed, and PPh 22/23 applies.
    @Test func umkmWithoutCertificateIsListed() throws {
        let facts = try F.facts([.init(kind: .services, unitPrice: 10_000_000)], pkp: false, umkm: true)
        let result = try F.assess(facts, on: "2025-06-02")
        #expect(result.reasons(.pphFinalUMKM) == [.noCertificate])
        #expect(result.line(.pph23)?.amount == 200_000)
    }

    // MARK: Boundaries

    /// The brief: no PPh 22 on purchases up to Rp2.000.000 not split; Rp2.000.001 is collected
    /// (1,5% × 2.000.001 = 30.000,015 → 30.000); a split purchase is collected at any amount.
    @Test func pph22ThresholdBoundary() throws {
        let exactly = try F.assess(try F.goods(2_000_000, pkp: false), on: "2025-06-02")
        #expect(exactly.line(.pph22) == nil)
        #expect(exactly.reasons(.pph22) == [.belowThreshold])
        let above = try F.assess(try F.goods(2_000_001, pkp: false), on: "2025-06-02")
        #expect(above.line(.pph22)?.amount == 30_000)
        let split = try F.assess(try F.goods(1_000_000, pkp: false), on: "2025-06-02", isSplit: true)
        #expect(split.line(.pph22)?.amount == 15_000)
    }

    /// The brief: PPN not collected on payments up to Rp2.000.000 including PPN, not split. Rp2.000.000
    /// including PPN is not collected; Rp2.000.001 is (PPN 198.198). Whether the threshold includes PPN
    /// is a tenant setting: excluding it, the DPP 1.801.803 is under the threshold.
    @Test func ppnThresholdBoundaryAndItsSetting() throws {
        let exactly = try F.assess(try F.goods(2_000_000), on: "2025-06-02")
        #expect(exactly.line(.ppn) == nil)
        #expect(exactly.reasons(.ppn) == [.belowThreshold])
        let above = try F.goods(2_000_001)
        #expect(try F.assess(above, on: "2025-06-02").line(.ppn)?.amount == 198_198)
        var settings = TaxSettings.defaults
        settings.rules = settings.rules.map { rule in
            var rule = rule
            if rule.taxType == .ppn { rule.thresholdIncludesPPN = false }
            return rule
        }
        #expect(try F.assess(above, on: "2025-06-02", settings: settings).line(.ppn) == nil)
    }

    /// Rp0: nothing is taxed, and the identity holds.
    @Test func zeroAmount() throws {
        let result = try F.assess(try F.goods(0), on: "2025-06-02")
        #expect(result.lines.isEmpty)
        #expect(result.gross == .zero)
        #expect(result.net == .zero)
    }

    /// The largest amount a caller may state (Rp1.000.000.000.000, InputLimits.amount) computes.
    @Test func largestAmount() throws {
        let result = try F.assess(try F.goods(Rupiah(checked: InputLimits.amount.upperBound)), on: "2025-06-02")
        #expect(try Rupiah.sum([result.net, result.taxesCollected, result.penalty]) == result.gross)
        #expect(result.line(.ppn) != nil)
    }

    /// Overflow and amounts that do not add up are typed refusals naming the field.
    @Test func overflowAndTamperingAreRefused() throws {
        var facts = try F.goods(5_000_000)
        facts.penaltyAmount = Rupiah(integerLiteral: Int64.max)
        facts.penalty = LatePenaltyAssessment(parts: [], total: facts.penaltyAmount)
        #expect(throws: DomainRefusal.self) { try F.assess(facts, on: "2025-06-02") }
        do { _ = try F.assess(facts, on: "2025-06-02") } catch let refusal as DomainRefusal {
            #expect(refusal.fields.map(\.field) == ["penaltyAmount"])
        }
        var bigPenalty = try F.goods(5_000_000)
        bigPenalty.penaltyAmount = 4_500_000
        bigPenalty.penalty = LatePenaltyAssessment(parts: [], total: 4_500_000)
        #expect(refusalFields { try F.assess(bigPenalty, on: "2025-06-02") } == ["penaltyAmount"])
        var tampered = try F.goods(5_000_000)
        tampered.totalIncludingPPN = 6_000_000
        #expect(refusalFields { try F.assess(tampered, on: "2025-06-02") } == ["totalIncludingPPN"])
        var wrongPPN = try F.goods(5_000_000)
        wrongPPN.ppn = 1
        #expect(refusalFields { try F.assess(wrongPPN, on: "2025-06-02") } == ["ppn"])
        var wrongItem = try F.goods(5_000_000)
        wrongItem.items[0].amount = 1
        #expect(refusalFields { try F.assess(wrongItem, on: "2025-06-02") } == ["items[0].amount"])
    }

    /// The penalty is deducted: net = gross − penalty − taxes (Perpres 16/2018 Pasal 79 for the penalty).
    @Test func penaltyIsDeducted() throws {
        let facts = try F.facts([.init(kind: .goods, unitPrice: 5_000_000)], penalty: 45_045)
        let result = try F.assess(facts, on: "2025-06-02")
        #expect(result.penalty == 45_045)
        #expect(result.net.amount == 5_000_001 - 495_496 - 67_568 - 45_045)
    }

    /// The platform regime (PMK 58/2022) is not implemented: refused as a conflict, never computed.
    @Test func platformCollectorIsRefused() throws {
        var settings = TaxSettings.defaults
        settings.collector = .platform
        do {
            _ = try F.assess(try F.goods(5_000_000), on: "2025-06-02", settings: settings)
            Issue.record("expected a refusal")
        } catch let refusal as DomainRefusal {
            #expect(refusal.kind == .conflict)
            #expect(refusal.currentState == "platform")
        }
    }

    /// A PPN rate on the invoice that the tenant's table does not have is a conflict.
    @Test func invoiceRateMustMatchTheTable() throws {
        var settings = TaxSettings.defaults
        settings.rules = settings.rules.map { rule in
            var rule = rule
            if rule.id == "ppn-2025" { rule.rate = TaxRate(numerator: 11, denominator: 100) }
            return rule
        }
        do {
            _ = try F.assess(try F.goods(5_000_000), on: "2025-06-02", settings: settings)
            Issue.record("expected a refusal")
        } catch let refusal as DomainRefusal {
            #expect(refusal.kind == .conflict)
        }
    }

    /// A missing rule for a part with money is refused (422 naming `rules`), never silently untaxed.
    @Test func missingRuleIsRefused() throws {
        var settings = TaxSettings.defaults
        settings.rules.removeAll { $0.taxType == .pph23 }
        #expect(
            refusalFields { try F.assess(try F.services(5_000_000), on: "2025-06-02", settings: settings) } == ["rules"]
        )
    }

    /// Exempt categories (the brief: fuel, electricity, gas, water, postal items) leave PPh 22's base.
    @Test func exemptCategoriesLeaveTheBase() throws {
        var settings = TaxSettings.defaults
        settings.rules = settings.rules.map { rule in
            var rule = rule
            if rule.taxType == .pph22 { rule.exemptCategoryCodes = ["BBM"] }
            return rule
        }
        let facts = try F.facts(
            [
                .init(kind: .goods, unitPrice: 3_000_000),
                .init(kind: .goods, unitPrice: 1_000_000, categoryCode: "BBM"),
            ],
            pkp: false)
        #expect(try F.assess(facts, on: "2025-06-02", settings: settings).line(.pph22)?.amount == 45_000)
        let fuelOnly = try F.facts([.init(kind: .goods, unitPrice: 3_000_000, categoryCode: "BBM")], pkp: false)
        #expect(try F.assess(fuelOnly, on: "2025-06-02", settings: settings).reasons(.pph22) == [.exemptCategory])
    }

    /// The assessment itself refuses figures that do not add up.
    @Test func assessmentChecksTheIdentity() {
        #expect(throws: DomainRefusal.self) {
            try TaxAssessment(
                lines: [], notApplied: [], baseParts: [], gross: 100, penalty: 0, taxesCollected: 0, net: 99,
                mechanism: .ls, paymentDate: .fixed("2025-01-01"))
        }
    }

    /// Rates written the Indonesian way.
    @Test func rateDisplay() {
        #expect(TaxRate(numerator: 15, denominator: 1000).display == "1,5%")
        #expect(TaxRate(numerator: 12, denominator: 100).display == "12%")
        #expect(TaxRate(numerator: 5, denominator: 1000).display == "0,5%")
        #expect(TaxRate(numerator: 1, denominator: 3).display == "1/3")
        #expect(TaxRate(numerator: 15, denominator: 1000).isSameRate(as: TaxRate(numerator: 3, denominator: 200)))
    }

    /// What the treasurer and the auditor read: the PPN line says it is the invoice's, the base parts
    /// say how the DPP was shared, and the wire keys are camelCase with snake_case values.
    @Test func explanationsAndWireForm() throws {
        let facts = try F.facts([
            .init(kind: .goods, unitPrice: 3_000_000), .init(kind: .services, unitPrice: 2_000_000),
        ])
        let result = try F.assess(facts, on: "2025-06-02")
        let ppn = try #require(result.line(.ppn))
        #expect(ppn.explanation.contains("PPN 12% × Rp4.129.130 (DPP nilai lain = 11/12 × DPP Rp4.504.505)"))
        #expect(ppn.explanation.contains("= Rp495.495,6 → Rp495.496"))
        #expect(ppn.explanationEnglish.contains("as on the tax invoice"))
        #expect(
            result.baseParts[0].explanation.contains(
                "Rp4.504.505 × Rp3.000.000 / Rp5.000.000 = Rp2.702.703 → Rp2.702.703"))
        #expect(result.baseParts[1].explanation == "Rp4.504.505 − Rp2.702.703 = Rp1.801.802 (sisa DPP)")
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains("\"ruleId\":\"pph22-goods-2022\""))
        #expect(json.contains("\"taxType\":\"pph_22\""))
        #expect(json.contains("\"rounding\":\"half_up\""))
        #expect(json.contains("\"depositDueOn\":\"2025-07-15\""))
        let decoded = try JSONDecoder().decode(TaxAssessment.self, from: Data(json.utf8))
        #expect(decoded == result)
    }

    // MARK: The identity over many amounts

    /// gross = net + taxes + penalty, the lines add up, and the base parts add up to the DPP, over
    /// 3,000 generated payments (seeded, so a failure repeats).
    @Test func identityHoldsForGeneratedPayments() throws {
        var random = SplitMix64(seed: 20_250_101)
        let dates = ["2022-03-31", "2022-04-01", "2024-12-31", "2025-01-01", "2025-06-15", "2026-02-01"]
        var checked = 0
        for _ in 0..<3_000 {
            let count = Int(random.next() % 4) + 1
            var lines: [TaxFixtures.Line] = []
            for _ in 0..<count {
                let magnitude = [1_000, 100_000, 10_000_000, 1_000_000_000][Int(random.next() % 4)]
                lines.append(
                    .init(
                        kind: random.next() % 2 == 0 ? .goods : .services,
                        unitPrice: try Rupiah(checked: Int64(random.next() % UInt64(magnitude))),
                        quantity: Int(random.next() % 5)))
            }
            let date = dates[Int(random.next() % UInt64(dates.count))]
            let rate: PPNRate = date < "2022-04-01" ? F.ppn10 : (date < "2025-01-01" ? .from2022 : .from2025)
            let pkp = random.next() % 2 == 0
            let base = try F.facts(
                lines, delivery: try Rupiah(checked: Int64(random.next() % 200_000)),
                installation: try Rupiah(checked: Int64(random.next() % 100_000)), pkp: pkp,
                includesPPN: random.next() % 2 == 0, rate: rate)
            // A penalty up to 5% of the DPP (the brief's cap).
            let penalty = try Rupiah(checked: Int64(random.next() % UInt64(base.totalBeforePPN.amount / 20 + 1)))
            let facts = try F.facts(
                lines, delivery: base.totals.deliveryCost, installation: base.totals.installationCost, pkp: pkp,
                includesPPN: base.totals.ppnTerms.priceBasis == .ppnIncluded, rate: rate, penalty: penalty,
                umkm: random.next() % 3 == 0)
            let mechanism = PaymentMechanism.allCases[Int(random.next() % 3)]
            let certificate: UMKMCertificate? = random.next() % 3 == 0 ? Self.certificate : nil
            let result = try F.assess(
                facts, on: date, mechanism: mechanism, certificate: certificate, isSplit: random.next() % 5 == 0)
            #expect(try Rupiah.sum([result.net, result.taxesCollected, result.penalty]) == result.gross)
            #expect(try Rupiah.sum(result.lines.map(\.amount)) == result.taxesCollected)
            #expect(try Rupiah.sum(result.baseParts.map(\.base)) == facts.totalBeforePPN)
            #expect(result.gross == facts.totalIncludingPPN)
            // The shipped rows exempt KKPD from PPN and PPh 22 from 2022-04-01 (PMK 59/2022).
            if mechanism == .kkpd && date >= "2022-04-01" {
                #expect(result.line(.ppn) == nil)
                #expect(result.line(.pph22) == nil)
            }
            checked += 1
        }
        #expect(checked == 3_000)
    }

    func refusalFields(_ body: () throws -> TaxAssessment) -> [String]? {
        do {
            _ = try body()
            return nil
        } catch let refusal as DomainRefusal {
            return refusal.fields.map(\.field)
        } catch {
            return nil
        }
    }
}

/// A small seeded generator, so a failing generated case repeats.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
