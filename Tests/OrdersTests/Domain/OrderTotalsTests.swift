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

    @Test func includedPortionRoundsHalfUpFrom2025() throws {
        // 10,000,000 × 11/111 = 990,990.99… → 990,991; DPP 9,009,009.
        let ten = try totals(10_000_000, terms(.pkp, .ppnIncluded))
        #expect(ten.ppn == 990_991)
        #expect(ten.totalBeforePPN == 9_009_009)
        #expect(ten.totalIncludingPPN == 10_000_000)
        // 111 contains exactly 11.
        #expect(try totals(111, terms(.pkp, .ppnIncluded)).ppn == 11)
        // 5 × 11/111 = 0.495 → 0; 6 × 11/111 = 0.594 → 1.
        #expect(try totals(5, terms(.pkp, .ppnIncluded)).ppn == 0)
        #expect(try totals(6, terms(.pkp, .ppnIncluded)).ppn == 1)
        // 123,456,789 × 11/111 = 12,234,456.567… → 12,234,457.
        let odd = try totals(123_456_789, terms(.pkp, .ppnIncluded))
        #expect(odd.ppn == 12_234_457)
        #expect(odd.totalBeforePPN == 111_222_332)
    }

    @Test func before2025TaxLinesRoundDown() throws {
        #expect(try totals(10_000_000, terms(.pkp, .ppnIncluded, .from2022)).ppn == 990_990)
        #expect(try totals(123_456_789, terms(.pkp, .ppnIncluded, .from2022)).ppn == 12_234_456)
        #expect(try totals(6, terms(.pkp, .ppnIncluded, .from2022)).ppn == 0)
        #expect(try totals(50, terms(.pkp, .ppnExcluded, .from2022)).ppn == 5)
    }

    @Test func excludedPricesCarryPPNOnTop() throws {
        // 50 × 11% = 5.5 → 6 (an exact half rounds up).
        let half = try totals(50, terms(.pkp, .ppnExcluded))
        #expect(half.ppn == 6)
        #expect(half.totalIncludingPPN == 56)
        #expect(half.totalBeforePPN == 50)
        let odd = try totals(123_456_789, terms(.pkp, .ppnExcluded))
        #expect(odd.ppn == 13_580_247)
        #expect(odd.totalIncludingPPN == 137_037_036)
        #expect(try totals(123_456_789, terms(.nonPKP, .ppnExcluded)).totalIncludingPPN == 123_456_789)
    }

    @Test func largestAmountsAreExact() throws {
        // Int64.max × 11/111 needs 128-bit intermediate arithmetic.
        let max = try totals(Int64.max, terms(.pkp, .ppnIncluded))
        #expect(max.ppn.amount == 914_027_859_508_130_936)
        #expect(max.totalBeforePPN.amount == 8_309_344_177_346_644_871)
        // PPN on top of the largest amount no longer fits.
        expectValidation(refusal { _ = try totals(Int64.max, terms(.pkp, .ppnExcluded)) }, fields: ["total"])
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
        #expect(PPNRate.from2025.numerator == 11 && PPNRate.from2025.denominator == 100)
        #expect(PPNRate.from2025.rounding == .halfUp && PPNRate.from2022.rounding == .down)
        let luxury = try PPNRate(
            numerator: 12, denominator: 100, effectiveFrom: day("2025-01-01"), rounding: .halfUp,
            legalBasis: "PMK 131/2024")
        #expect(PPNRate.inForce(on: day("2025-06-01"), schedule: [.from2022, luxury]) == luxury)
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
    }

    @Test func anOrderHasOnePriceBasis() throws {
        #expect(try PriceBasis.common([.ppnIncluded, .ppnIncluded]) == .ppnIncluded)
        expectValidation(refusal { _ = try PriceBasis.common([.ppnIncluded, .ppnExcluded]) }, fields: ["items"])
        expectValidation(refusal { _ = try PriceBasis.common([]) }, fields: ["items"])
        #expect(PriceBasis(includesPPN: true) == .ppnIncluded && PriceBasis(includesPPN: false) == .ppnExcluded)
        #expect(VendorTaxStatus(isPKP: true) == .pkp && VendorTaxStatus(isPKP: false) == .nonPKP)
    }
}
