// The delivery ledger's arithmetic on caller counts is checked: numbers that do not add up in an
// Int are a 422 naming the field, never a trap, and a refused change leaves the ledger as it was.
import SiOpenDomain
import SiOpenProtocol
import Testing

@Suite("Delivery ledger arithmetic")
struct LedgerArithmeticTests {
    @Test func inspectionClaimingInt64MaxAcceptedIsRefusedNotTrapped() throws {
        var ledger = try DeliveryLedger(ordered: [OfferLine(itemID: "A", unitPrice: 1_000, quantity: 10)])
        try ledger.record(
            Delivery(deliveryID: "d1", deliveredOn: day("2026-12-01"), lines: [DeliveryLine(itemID: "A", quantity: 2)]))
        let before = ledger
        // The finding: accepted + rejected overflows Int.
        for (accepted, rejected) in [(Int.max, 1), (1, Int.max), (Int.max, Int.max)] {
            let error = refusal {
                try ledger.record(
                    Inspection(
                        deliveryID: "d1", inspectedOn: day("2026-12-01"),
                        lines: [InspectionLine(itemID: "A", accepted: accepted, rejected: rejected, reason: .defect)]))
            }
            expectValidation(error, fields: ["lines[0].accepted"])
            #expect(ledger == before)
        }
        // The inspection that adds up still goes through.
        try ledger.record(
            Inspection(
                deliveryID: "d1", inspectedOn: day("2026-12-01"),
                lines: [InspectionLine(itemID: "A", accepted: 1, rejected: 1, reason: .defect)]))
        #expect(ledger.item("A")?.accepted == 1)
        #expect(ledger.item("A")?.awaitingReplacement == 1)
    }

    @Test func deliveriesOfAHugeOrderNeverOverflowTheirCounts() throws {
        // An order of Int.max units (only a stored order could be so large; callers are bounded):
        // delivering all, rejecting all and delivering again would pass Int.max delivered.
        var ledger = try DeliveryLedger(ordered: [OfferLine(itemID: "A", unitPrice: 1, quantity: Int.max)])
        try ledger.record(
            Delivery(
                deliveryID: "d1", deliveredOn: day("2026-12-01"), lines: [DeliveryLine(itemID: "A", quantity: Int.max)])
        )
        try ledger.record(
            Inspection(
                deliveryID: "d1", inspectedOn: day("2026-12-01"),
                lines: [InspectionLine(itemID: "A", accepted: 0, rejected: Int.max, reason: .damage)]))
        let before = ledger
        let error = refusal {
            try ledger.record(
                Delivery(
                    deliveryID: "d2", deliveredOn: day("2026-12-02"), lines: [DeliveryLine(itemID: "A", quantity: 1)]))
        }
        expectValidation(error, fields: ["lines[0].quantity"])
        #expect(ledger == before)
    }
}
