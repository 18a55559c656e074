import OrdersService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenTestSupport
import Testing

private let today = day("2026-11-21")
private let catalogue = [
    CatalogueItemSnapshot(itemID: "A", productID: "laptop", catalogueUnitPrice: 2_000_000),
    CatalogueItemSnapshot(itemID: "B", productID: "printer", catalogueUnitPrice: 500_000),
]
private let nonPKP = PPNTerms(vendorStatus: .nonPKP, priceBasis: .ppnIncluded, rate: .from2025)
private let context = OfferContext(ppn: nonPKP, fundingSource: .apbd, ceilings: .balanganDefaults, today: today)

private func offer(
    _ by: OrderParty, round: Int, a: Rupiah = 2_000_000, aQuantity: Int = 2, b: Rupiah = 500_000, bQuantity: Int = 4,
    delivery: Rupiah = 100_000, date: CivilDate = day("2026-12-01")
) -> NegotiationOffer {
    NegotiationOffer(
        by: by, round: round,
        items: [
            OfferLine(itemID: "A", unitPrice: a, quantity: aQuantity),
            OfferLine(itemID: "B", unitPrice: b, quantity: bQuantity),
        ],
        deliveryCost: delivery, deliveryDate: date)
}

private func opened() throws -> Negotiation {
    try Negotiation.open(items: catalogue, order: offer(.ppk, round: 0), context: context)
}

@Suite("Negotiation")
struct NegotiationTests {
    @Test func theOrderIsThePPKsRoundZero() throws {
        let negotiation = try opened()
        #expect(negotiation.latestOffer?.round == 0)
        #expect(negotiation.nextRound == 1)
        #expect(negotiation.partyToMove == .vendor)
        #expect(negotiation.facts.latestOfferBy == .ppk)
        #expect(try negotiation.latestOffer?.totals(ppn: nonPKP).totalIncludingPPN == 6_100_000)
        expectValidation(
            refusal { _ = try Negotiation.open(items: catalogue, order: offer(.vendor, round: 0), context: context) },
            fields: ["by"])
        expectValidation(
            refusal { _ = try Negotiation.open(items: catalogue, order: offer(.ppk, round: 1), context: context) },
            fields: ["round"])
        expectValidation(
            refusal { _ = try Negotiation.open(items: [], order: offer(.ppk, round: 0), context: context) },
            fields: ["items"])
        expectValidation(
            refusal {
                _ = try Negotiation.open(
                    items: catalogue + [catalogue[0]], order: offer(.ppk, round: 0), context: context)
            }, fields: ["items"])
    }

    @Test func turnsAlternateAndTheVendorMovesFirst() throws {
        var negotiation = try opened()
        // The PPK cannot open a negotiation before the vendor has responded.
        let ppkFirst = refusal {
            _ = try negotiation.make(offer(.ppk, round: 1, a: 1_800_000), orderState: .ordered, context: context)
        }
        #expect(ppkFirst?.code == 409)
        #expect(currentState(ppkFirst) == "ordered")

        var state = try negotiation.make(offer(.vendor, round: 1, a: 1_950_000), orderState: .ordered, context: context)
        #expect(state == .negotiating)
        #expect(negotiation.partyToMove == .ppk)

        let vendorAgain = refusal {
            _ = try negotiation.make(offer(.vendor, round: 2, a: 1_940_000), orderState: state, context: context)
        }
        #expect(vendorAgain?.code == 409)
        #expect(vendorAgain?.message.contains("it is the PPK's turn") == true)

        let system = refusal { _ = try negotiation.make(offer(.system, round: 2), orderState: state, context: context) }
        #expect(system?.code == 403)

        state = try negotiation.make(offer(.ppk, round: 2, a: 1_900_000), orderState: state, context: context)
        #expect(state == .negotiating)
        #expect(negotiation.partyToMove == .vendor)
        #expect(negotiation.offers.map(\.round) == [0, 1, 2])
        #expect(negotiation.offers.map(\.by) == [.ppk, .vendor, .ppk])
    }

    @Test func anOfferMustCarryTheNextRound() throws {
        var negotiation = try opened()
        let state = try negotiation.make(offer(.vendor, round: 1, a: 1_950_000), orderState: .ordered, context: context)
        for stale in [0, 1, 3] {
            let error = refusal {
                _ = try negotiation.make(offer(.ppk, round: stale, a: 1_900_000), orderState: state, context: context)
            }
            #expect(error?.code == 409, "round \(stale)")
            #expect(error?.message.contains("the next is 2") == true)
        }
        #expect(negotiation.offers.count == 2)
    }

    @Test func acceptingTakesTheOtherSidesLatestRoundUnchanged() throws {
        var negotiation = try opened()
        var state = try negotiation.make(offer(.vendor, round: 1, a: 1_950_000), orderState: .ordered, context: context)
        state = try negotiation.make(offer(.ppk, round: 2, a: 1_900_000), orderState: state, context: context)
        state = try negotiation.make(offer(.vendor, round: 3, a: 1_920_000), orderState: state, context: context)

        // The PPK accepting an older round (here the vendor's round 1) is stale.
        let stale = refusal { _ = try negotiation.accept(round: 1, by: .ppk, orderState: state) }
        #expect(stale?.code == 409)
        #expect(stale?.message.contains("round 3 is") == true)
        // The vendor cannot accept its own offer.
        let own = refusal { _ = try negotiation.accept(round: 3, by: .vendor, orderState: state) }
        #expect(own?.code == 409)

        state = try negotiation.accept(round: 3, by: .ppk, orderState: state)
        #expect(state == .agreed)
        #expect(negotiation.acceptedRound == 3)
        #expect(negotiation.agreedTerms == offer(.vendor, round: 3, a: 1_920_000))
        #expect(negotiation.partyToMove == nil)

        let afterwards = refusal {
            _ = try negotiation.make(offer(.vendor, round: 4), orderState: state, context: context)
        }
        #expect(afterwards?.code == 409)
        #expect(currentState(afterwards) == "agreed")
        let acceptAgain = refusal { _ = try negotiation.accept(round: 3, by: .ppk, orderState: .negotiating) }
        #expect(acceptAgain?.code == 409, "a concluded negotiation refuses even when the caller's state lags")
    }

    @Test func vendorAcceptsTheOrderAsIs() throws {
        var negotiation = try opened()
        #expect(refusal { _ = try negotiation.accept(round: 0, by: .ppk, orderState: .ordered) }?.code == 403)
        #expect(refusal { _ = try negotiation.accept(round: 1, by: .vendor, orderState: .ordered) }?.code == 409)
        #expect(try negotiation.accept(round: 0, by: .vendor, orderState: .ordered) == .agreed)
        #expect(negotiation.agreedTerms == offer(.ppk, round: 0))
    }

    @Test func contentRulesNameEachField() throws {
        var negotiation = try opened()
        var bad = offer(.vendor, round: 1, a: 2_000_001, aQuantity: 0, b: 0, date: day("2026-11-20"))
        bad.note = String(repeating: "x", count: Negotiation.maximumNoteLength + 1)
        let error = refusal { _ = try negotiation.make(bad, orderState: .ordered, context: context) }
        expectValidation(
            error, fields: ["items[0].unitPrice", "items[0].quantity", "items[1].unitPrice", "deliveryDate", "note"])
        #expect(negotiation.offers.count == 1, "a refused offer leaves no trace")

        var foreign = offer(.vendor, round: 1)
        foreign.items[1].itemID = "C"
        expectValidation(
            refusal { _ = try negotiation.make(foreign, orderState: .ordered, context: context) },
            fields: ["items[1].itemID", "items"])

        var repeated = offer(.vendor, round: 1)
        repeated.items.append(OfferLine(itemID: "A", unitPrice: 1, quantity: 1))
        expectValidation(
            refusal { _ = try negotiation.make(repeated, orderState: .ordered, context: context) },
            fields: ["items[2].itemID"])

        var missing = offer(.vendor, round: 1)
        missing.items.removeLast()
        let missingError = refusal { _ = try negotiation.make(missing, orderState: .ordered, context: context) }
        expectValidation(missingError, fields: ["items"])
        #expect(missingError?.message.contains("missing B") == true)

        // Today is a valid delivery date; the catalogue price itself is allowed.
        #expect(
            try negotiation.make(offer(.vendor, round: 1, date: today), orderState: .ordered, context: context)
                == .negotiating)
    }

    @Test func theOfferTotalMustStayWithinTheCeiling() throws {
        // A: 5 × 2,000,000 = 10,000,000 with no other costs: exactly the APBD ceiling.
        let atCeiling = offer(.vendor, round: 1, aQuantity: 5, bQuantity: 0, delivery: 0)
        var onlyA = atCeiling
        onlyA.items = [atCeiling.items[0]]
        let single = [catalogue[0]]
        #expect(try Negotiation.validate(onlyA, items: single, context: context).totalIncludingPPN == 10_000_000)
        var above = onlyA
        above.deliveryCost = 1
        let error = refusal { _ = try Negotiation.validate(above, items: single, context: context) }
        expectValidation(error, fields: ["total"])
        #expect(error?.message.contains("Rp10.000.000") == true)

        // PPN added on top counts: 9,009,009 + 990,991 PPN = 10,000,000 passes; one rupiah more does not.
        let pkpExcluded = OfferContext(
            ppn: PPNTerms(vendorStatus: .pkp, priceBasis: .ppnExcluded, rate: .from2025), fundingSource: .apbn,
            ceilings: .balanganDefaults, today: today)
        var taxed = onlyA
        taxed.items = [OfferLine(itemID: "A", unitPrice: 1_001_001, quantity: 9)]
        #expect(try Negotiation.validate(taxed, items: single, context: pkpExcluded).totalIncludingPPN == 10_000_000)
        taxed.deliveryCost = 1
        expectValidation(
            refusal { _ = try Negotiation.validate(taxed, items: single, context: pkpExcluded) }, fields: ["total"])

        // BLUD has no default ceiling: refused until the tenant sets one.
        let blud = OfferContext(ppn: nonPKP, fundingSource: .blud, ceilings: .balanganDefaults, today: today)
        expectValidation(
            refusal { _ = try Negotiation.validate(onlyA, items: single, context: blud) }, fields: ["fundingSource"])
    }

    @Test func quantityTimesPriceOverflowIsRefused() throws {
        var negotiation = try opened()
        let huge = offer(.vendor, round: 1, aQuantity: Int.max)
        expectValidation(
            refusal { _ = try negotiation.make(huge, orderState: .ordered, context: context) },
            fields: ["items[0].quantity"])
    }

    @Test func noOfferAsksMoreForDeliveryInstallationOrTrainingThanTheOrder() throws {
        // The order: delivery Rp100,000, no installation, no training.
        var negotiation = try opened()
        var padded = offer(.vendor, round: 1, delivery: 100_001)
        padded.installationCost = 3_000_000
        padded.trainingCost = 1
        expectValidation(
            refusal { _ = try negotiation.make(padded, orderState: .ordered, context: context) },
            fields: ["deliveryCost", "installationCost", "trainingCost"])
        #expect(negotiation.offers.count == 1)
        let state = try negotiation.make(
            offer(.vendor, round: 1, delivery: 50_000), orderState: .ordered, context: context)
        // The bound is the order's, not the latest offer's: the PPK may go back up to it.
        _ = try negotiation.make(offer(.ppk, round: 2, delivery: 100_000), orderState: state, context: context)
        #expect(negotiation.offers.count == 3)
    }
}
