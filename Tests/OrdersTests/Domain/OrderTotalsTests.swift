import Foundation
import OrdersService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenTestSupport
import Testing

private func terms(_ status: VendorTaxStatus, _ basis: PriceBasis, _ rate: PPNRate = .from2025) -> PPNTerms {
    PPNTerms(vendorStatus: status, priceBasis: basis, rate: rate)
}

private func totals(_ amount: Int64, _ ppn: PPNTerms) throws -> OrderTotals {
    try OrderTotals(
        lines: [OfferLine(itemID: "A", unitPrice: rp(amount), quantity: 1)], deliveryCost: 0, installationCost: 0,
        trainingCost: 0, ppn: ppn)
}

@Suite("Order totals and PPN")
struct OrderTotalsTests {
    @Test func linesAndCostsAddUp() throws {
        let result = try OrderTotals(
            lines: [
                OfferLine(itemID: "A", unitPrice: 1_234_567, quantity: 3),
                OfferLine(itemID: "B", unitPrice: 45_000, quantity: 10),
            ],
            deliveryCost: 150_000, installationCost: 200_000, trainingCost: 75_000, ppn: terms(.nonPKP, .ppnIncluded))
        #expect(result.lines.map(\.amount) == [3_703_701, 450_000])
        #expect(result.itemsSubtotal == 4_153_701)
        #expect(result.totalIncludingPPN == 4_578_701)
        #expect(result.ppn == .zero, "a non-PKP vendor charges no PPN")
        #expect(result.totalBeforePPN == 4_578_701)
    }

    @Test func theAuditVectorComputesAsTheTaxInvoiceDoes() throws {
        // Rp5,000,000 including PPN (PMK 131/2024, faktur pajak kode 04):
        // DPP = 5,000,000 × 100/111 = 4,504,504.50 → 4,504,505 (half up);
        // DPP nilai lain = 4,504,505 × 11/12 = 4,129,129.58 → 4,129,130;
        // PPN = 12% × 4,129,130 = 495,495.6 → 495,496 (not 495,495 = 11/111 of the inclusive price).
        let five = try totals(5_000_000, terms(.pkp, .ppnIncluded))
        #expect(five.statedTotal == 5_000_000)
        #expect(five.totalBeforePPN == 4_504_505)
        #expect(five.dppNilaiLain == 4_129_130)
        #expect(five.ppn == 495_496)
        #expect(five.totalIncludingPPN == 5_000_001, "DPP + PPN, as the invoice bills it")
        #expect(five.roundingDifference == 1)
        #expect(five.totalBeforePPN.amount + five.ppn.amount == five.totalIncludingPPN.amount)
    }

    @Test func anInclusiveTableAddsUp() throws {
        // The audit's table: goods 6,150,000 + delivery 150,000, both including PPN.
        let result = try OrderTotals(
            lines: [OfferLine(itemID: "A", unitPrice: 2_050_000, quantity: 3)], deliveryCost: 150_000,
            installationCost: 0, trainingCost: 0, ppn: terms(.pkp, .ppnIncluded))
        #expect(result.itemsSubtotal == 6_150_000)
        #expect(result.statedTotal == 6_300_000)
        #expect(result.totalBeforePPN == 5_675_676)
        #expect(result.dppNilaiLain == 5_202_703)
        #expect(result.ppn == 624_324)
        #expect(result.totalIncludingPPN == 6_300_000)
        #expect(result.roundingDifference == 0)
        #expect(result.totalBeforePPN.amount + result.ppn.amount == result.totalIncludingPPN.amount)
        #expect(result.statedTotal.amount + result.roundingDifference == result.totalIncludingPPN.amount)
    }

    @Test func includedPricesFrom2025() throws {
        let ten = try totals(10_000_000, terms(.pkp, .ppnIncluded))
        #expect(
            [ten.totalBeforePPN, ten.dppNilaiLain, ten.ppn, ten.totalIncludingPPN] == [
                9_009_009, 8_258_258, 990_991, 10_000_000,
            ])
        let exact = try totals(111, terms(.pkp, .ppnIncluded))
        #expect([exact.totalBeforePPN, exact.dppNilaiLain, exact.ppn] == [100, 92, 11])
        // The rounding can also fall below the stated amount.
        let odd = try totals(123_456_789, terms(.pkp, .ppnIncluded))
        #expect(
            [odd.totalBeforePPN, odd.dppNilaiLain, odd.ppn, odd.totalIncludingPPN] == [
                111_222_332, 101_953_804, 12_234_456, 123_456_788,
            ])
        #expect(odd.roundingDifference == -1)
        // Rp0 and Rp1.
        let zero = try totals(0, terms(.pkp, .ppnIncluded))
        #expect([zero.totalBeforePPN, zero.dppNilaiLain, zero.ppn, zero.totalIncludingPPN] == [0, 0, 0, 0])
        let one = try totals(1, terms(.pkp, .ppnIncluded))
        #expect([one.totalBeforePPN, one.dppNilaiLain, one.ppn, one.totalIncludingPPN] == [1, 1, 0, 1])
    }

    @Test func excludedPricesFrom2025() throws {
        // DJP's example: harga jual 10,000,000, DPP nilai lain 9,166,667, PPN 1,100,000 (1,100,000.04).
        let ten = try totals(10_000_000, terms(.pkp, .ppnExcluded))
        #expect(
            [ten.totalBeforePPN, ten.dppNilaiLain, ten.ppn, ten.totalIncludingPPN] == [
                10_000_000, 9_166_667, 1_100_000, 11_100_000,
            ])
        #expect(ten.roundingDifference == 0)
        // The audit's split-purchase figures: 4,600,000 → 5,106,000; 9,200,000 → 10,212,000.
        #expect(try totals(4_600_000, terms(.pkp, .ppnExcluded)).totalIncludingPPN == 5_106_000)
        #expect(try totals(9_200_000, terms(.pkp, .ppnExcluded)).totalIncludingPPN == 10_212_000)
        let odd = try totals(123_456_789, terms(.pkp, .ppnExcluded))
        #expect([odd.dppNilaiLain, odd.ppn, odd.totalIncludingPPN] == [113_168_723, 13_580_247, 137_037_036])
        #expect(try totals(123_456_789, terms(.nonPKP, .ppnExcluded)).totalIncludingPPN == 123_456_789)
        let one = try totals(1, terms(.pkp, .ppnExcluded))
        #expect([one.dppNilaiLain, one.ppn, one.totalIncludingPPN] == [1, 0, 1])
    }

    @Test func eachStepRoundsByItsOwnRule() throws {
        // DPP nilai lain of 6 is 5.5: half up 6, down 5.
        #expect(try totals(6, terms(.pkp, .ppnExcluded)).dppNilaiLain == 6)
        let down = try PPNRate(
            numerator: 12, denominator: 100, otherBaseNumerator: 11, otherBaseDenominator: 12,
            effectiveFrom: day("2025-01-01"), rounding: .halfUp, otherBaseRounding: .down, legalBasis: "test")
        #expect(try totals(6, terms(.pkp, .ppnExcluded, down)).dppNilaiLain == 5)
        // 11% of 50 is 5.5: down before 2025, half up under a half-up rule.
        #expect(try totals(50, terms(.pkp, .ppnExcluded, .from2022)).ppn == 5)
        let halfUp2022 = try PPNRate(
            numerator: 11, denominator: 100, effectiveFrom: day("2022-04-01"), rounding: .halfUp, legalBasis: "test")
        #expect(try totals(50, terms(.pkp, .ppnExcluded, halfUp2022)).ppn == 6)
    }

    @Test func before2025TaxLinesRoundDown() throws {
        let five = try totals(5_000_000, terms(.pkp, .ppnIncluded, .from2022))
        #expect(
            [five.totalBeforePPN, five.dppNilaiLain, five.ppn, five.totalIncludingPPN] == [
                4_504_505, 4_504_505, 495_495, 5_000_000,
            ])
        #expect(try totals(10_000_000, terms(.pkp, .ppnIncluded, .from2022)).ppn == 990_990)
        #expect(try totals(123_456_789, terms(.pkp, .ppnIncluded, .from2022)).ppn == 12_234_456)
    }

    @Test func luxuryGoodsPayTwelvePercentOfTheFullPrice() throws {
        let rate = try #require(PPNRate.inForce(on: day("2025-06-01"), goodsClass: .luxury))
        #expect(rate == .luxuryFrom2025)
        let excluded = try totals(10_000_000, terms(.pkp, .ppnExcluded, rate))
        #expect(
            [excluded.dppNilaiLain, excluded.ppn, excluded.totalIncludingPPN] == [
                10_000_000, 1_200_000, 11_200_000,
            ])
        // 5,000,000 × 100/112 = 4,464,285.71 → 4,464,286; PPN 535,714.32 → 535,714.
        let included = try totals(5_000_000, terms(.pkp, .ppnIncluded, rate))
        #expect(
            [included.totalBeforePPN, included.ppn, included.totalIncludingPPN] == [
                4_464_286, 535_714, 5_000_000,
            ])
    }

    @Test func largestAmountsAreExact() throws {
        // Int64.max × 1200/1332 needs 128-bit intermediate arithmetic.
        let max = try totals(Int64.max, terms(.pkp, .ppnIncluded))
        #expect(max.ppn.amount == 914_027_859_508_130_936)
        #expect(max.totalBeforePPN.amount == 8_309_344_177_346_644_871)
        #expect(max.dppNilaiLain.amount == 7_616_898_829_234_424_465)
        #expect(max.totalIncludingPPN.amount == Int64.max)
        // PPN on top of the largest amount no longer fits.
        expectValidation(refusal { _ = try totals(Int64.max, terms(.pkp, .ppnExcluded)) }, fields: ["total"])
    }

    @Test func storedTotalsOfTheOlderShapeStillRead() throws {
        // What an event stored before the DPP nilai lain was kept looks like.
        let json = """
            {"lines":[{"itemID":"A","unitPrice":5000000,"quantity":1,"amount":5000000}],"itemsSubtotal":5000000,
            "deliveryCost":0,"installationCost":0,"trainingCost":0,"ppn":495495,"totalBeforePPN":4504505,
            "totalIncludingPPN":5000000,"ppnTerms":{"vendorStatus":"pkp","priceBasis":"ppn_included",
            "rate":{"numerator":11,"denominator":100,"effectiveFrom":"2025-01-01","rounding":"half_up",
            "legalBasis":"old"}}}
            """
        let old = try JSONDecoder().decode(OrderTotals.self, from: Data(json.utf8))
        #expect(old.ppn == 495_495 && old.totalIncludingPPN == 5_000_000)
        #expect(old.statedTotal == 5_000_000 && old.dppNilaiLain == 4_504_505 && old.roundingDifference == 0)
        #expect(old.ppnTerms.rate.otherBaseNumerator == nil && old.ppnTerms.rate.dppRounding == .halfUp)
        #expect(old.ppnTerms.rate.effectiveRate == (11, 100))
        let again = try JSONDecoder().decode(OrderTotals.self, from: try JSONEncoder().encode(old))
        #expect(again == old)
    }

    @Test func overflowIsRefusedNamingTheField() {
        let half = rp(4_611_686_018_427_387_904)
        let product = refusal {
            _ = try OrderTotals(
                lines: [
                    OfferLine(itemID: "A", unitPrice: 1, quantity: 1),
                    OfferLine(itemID: "B", unitPrice: half, quantity: 2),
                ],
                deliveryCost: 0, installationCost: 0, trainingCost: 0, ppn: terms(.nonPKP, .ppnIncluded))
        }
        expectValidation(product, fields: ["items[1].quantity"])
        let sum = refusal {
            _ = try OrderTotals(
                lines: [
                    OfferLine(itemID: "A", unitPrice: half, quantity: 1),
                    OfferLine(itemID: "B", unitPrice: half, quantity: 1),
                ],
                deliveryCost: 0, installationCost: 0, trainingCost: 0, ppn: terms(.nonPKP, .ppnIncluded))
        }
        expectValidation(sum, fields: ["items"])
        let costs = refusal {
            _ = try OrderTotals(
                lines: [OfferLine(itemID: "A", unitPrice: half, quantity: 1)], deliveryCost: half, installationCost: 0,
                trainingCost: 0,
                ppn: terms(.nonPKP, .ppnIncluded))
        }
        expectValidation(costs, fields: ["total"])
        let negative = refusal {
            _ = try OrderTotals(
                lines: [OfferLine(itemID: "A", unitPrice: 1, quantity: -1)], deliveryCost: 0, installationCost: 0,
                trainingCost: 0,
                ppn: terms(.nonPKP, .ppnIncluded))
        }
        expectValidation(negative, fields: ["items[0].quantity"])
    }

    @Test func theRateInForceIsData() throws {
        #expect(PPNRate.inForce(on: day("2022-03-31")) == nil)
        #expect(PPNRate.inForce(on: day("2022-04-01")) == .from2022)
        #expect(PPNRate.inForce(on: day("2024-12-31")) == .from2022)
        #expect(PPNRate.inForce(on: day("2025-01-01")) == .from2025)
        #expect(PPNRate.from2025.numerator == 12 && PPNRate.from2025.denominator == 100)
        #expect(PPNRate.from2025.otherBaseNumerator == 11 && PPNRate.from2025.otherBaseDenominator == 12)
        #expect(PPNRate.from2025.effectiveRate == (132, 1200))
        #expect(PPNRate.from2025.legalBasis.contains("PMK 131/2024"))
        #expect(PPNRate.from2025.rounding == .halfUp && PPNRate.from2022.rounding == .down)
        let other = try PPNRate(
            numerator: 12, denominator: 100, effectiveFrom: day("2025-01-01"), rounding: .halfUp,
            legalBasis: "PMK 131/2024")
        #expect(PPNRate.inForce(on: day("2025-06-01"), schedule: [.from2022, other]) == other)
        expectValidation(
            refusal {
                _ = try PPNRate(
                    numerator: 100, denominator: 100, effectiveFrom: day("2025-01-01"), rounding: .halfUp,
                    legalBasis: "x")
            }, fields: ["numerator"])
        expectValidation(
            refusal {
                _ = try PPNRate(
                    numerator: 1, denominator: 0, effectiveFrom: day("2025-01-01"), rounding: .halfUp, legalBasis: "x")
            }, fields: ["denominator"])
        expectValidation(
            refusal {
                _ = try PPNRate(
                    numerator: 12, denominator: 100, otherBaseNumerator: 13, otherBaseDenominator: 12,
                    effectiveFrom: day("2025-01-01"), rounding: .halfUp, legalBasis: "x")
            }, fields: ["otherBaseNumerator"])
        expectValidation(
            refusal {
                _ = try PPNRate(
                    numerator: 12, denominator: 100, otherBaseNumerator: 11, effectiveFrom: day("2025-01-01"),
                    rounding: .halfUp, legalBasis: "x")
            }, fields: ["otherBaseDenominator"])
        expectValidation(
            refusal {
                _ = try PPNRate(
                    numerator: 12, denominator: 100, effectiveFrom: day("2025-01-01"), rounding: .halfUp,
                    legalBasis: " ")
            }, fields: ["legalBasis"])
    }

    @Test func anOrderHasOnePriceBasis() throws {
        #expect(try PriceBasis.common([.ppnIncluded, .ppnIncluded]) == .ppnIncluded)
        expectValidation(refusal { _ = try PriceBasis.common([.ppnIncluded, .ppnExcluded]) }, fields: ["items"])
        expectValidation(refusal { _ = try PriceBasis.common([]) }, fields: ["items"])
        #expect(PriceBasis(includesPPN: true) == .ppnIncluded && PriceBasis(includesPPN: false) == .ppnExcluded)
        #expect(VendorTaxStatus(isPKP: true) == .pkp && VendorTaxStatus(isPKP: false) == .nonPKP)
    }
}
