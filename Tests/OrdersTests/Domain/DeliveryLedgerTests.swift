import Foundation
import OrdersService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenTestSupport
import Testing

private func ledger() throws -> DeliveryLedger {
    try DeliveryLedger(ordered: [
        OfferLine(itemID: "A", unitPrice: 100_000, quantity: 10),
        OfferLine(itemID: "B", unitPrice: 50_000, quantity: 5),
    ])
}

private func delivery(_ id: String, _ lines: [(String, Int)], on date: String = "2026-12-01") -> Delivery {
    Delivery(deliveryID: id, deliveredOn: day(date), lines: lines.map { DeliveryLine(itemID: $0.0, quantity: $0.1) })
}

@Suite("Delivery ledger")
struct DeliveryLedgerTests {
    @Test func overDeliveryIsRefused() throws {
        var ledger = try ledger()
        try ledger.record(delivery("d1", [("A", 6)]))
        #expect(ledger.item("A")?.outstanding == 4)
        // 6 await inspection, so only 4 more may come.
        let over = refusal { try ledger.record(delivery("d2", [("A", 5)])) }
        expectValidation(over, fields: ["lines[0].quantity"])
        #expect(over?.message.contains("at most 4") == true)
        try ledger.record(delivery("d2", [("A", 4), ("B", 5)]))
        expectValidation(refusal { try ledger.record(delivery("d3", [("B", 1)])) }, fields: ["lines[0].quantity"])
        #expect(ledger.item("A")?.delivered == 10)
        #expect(ledger.item("A")?.pendingInspection == 10)
        #expect(ledger.deliveries.count == 2)
    }

    @Test func deliveriesAreChecked() throws {
        var ledger = try ledger()
        try ledger.record(delivery("d1", [("A", 1)]))
        #expect(refusal { try ledger.record(delivery("d1", [("A", 1)])) }?.code == 409)
        expectValidation(refusal { try ledger.record(delivery("", [("A", 1)])) }, fields: ["deliveryID"])
        expectValidation(refusal { try ledger.record(delivery("d2", [])) }, fields: ["lines"])
        expectValidation(
            refusal { try ledger.record(delivery("d2", [("C", 1), ("A", 0), ("B", 1), ("B", 1)])) },
            fields: ["lines[0].itemID", "lines[1].quantity", "lines[3].itemID"])
        #expect(ledger.deliveries.count == 1, "refused deliveries leave no trace")
        #expect(ledger.item("B")?.delivered == 0)
    }

    @Test func inspectionSplitsIntoAcceptedAndRejectedWithReasons() throws {
        var ledger = try ledger()
        try ledger.record(delivery("d1", [("A", 6), ("B", 5)]))
        let requests = try ledger.record(
            Inspection(
                deliveryID: "d1", inspectedOn: day("2026-12-02"),
                lines: [
                    InspectionLine(itemID: "A", accepted: 4, rejected: 2, reason: .damage, note: "cracked screens"),
                    InspectionLine(itemID: "B", accepted: 5),
                ]))
        #expect(requests.count == 1)
        #expect(requests.first?.itemID == "A" && requests.first?.quantity == 2 && requests.first?.reason == .damage)
        #expect(ledger.replacementRequests == requests)
        let a = try #require(ledger.item("A"))
        #expect((a.accepted, a.rejected, a.pendingInspection, a.awaitingReplacement, a.outstanding) == (4, 2, 0, 2, 6))
        #expect(!ledger.isFullyAccepted)
        #expect(ledger.deliveries[0].inspected)

        // The replacements come first out of the next delivery.
        try ledger.record(delivery("d2", [("A", 3)], on: "2026-12-05"))
        #expect(ledger.item("A")?.awaitingReplacement == 0)
        try ledger.record(
            Inspection(
                deliveryID: "d2", inspectedOn: day("2026-12-05"), lines: [InspectionLine(itemID: "A", accepted: 3)]))
        try ledger.record(delivery("d3", [("A", 3)], on: "2026-12-06"))
        try ledger.record(
            Inspection(
                deliveryID: "d3", inspectedOn: day("2026-12-07"), lines: [InspectionLine(itemID: "A", accepted: 3)]))
        #expect(ledger.isFullyAccepted)
        #expect(!ledger.hasPendingInspection)
        #expect(ledger.item("A")?.delivered == 12, "ten ordered plus two replacements")
        expectValidation(refusal { try ledger.record(delivery("d4", [("A", 1)])) }, fields: ["lines[0].quantity"])

        // The ledger feeds the state machine's condition for confirming receipt.
        let facts = OrderFacts(everythingAccepted: ledger.isFullyAccepted)
        #expect(
            try OrderStateMachine.next(from: .inDelivery, action: .confirmReceipt, by: .ppk, facts: facts) == .received)
    }

    @Test func inspectionsAreChecked() throws {
        var ledger = try ledger()
        try ledger.record(delivery("d1", [("A", 6), ("B", 2)]))
        #expect(
            refusal { try ledger.record(Inspection(deliveryID: "nope", inspectedOn: day("2026-12-02"), lines: [])) }?
                .code == 404)
        let mismatched = refusal {
            try ledger.record(
                Inspection(
                    deliveryID: "d1", inspectedOn: day("2026-11-30"),
                    lines: [
                        InspectionLine(itemID: "A", accepted: 4, rejected: 1, reason: .defect),
                        InspectionLine(itemID: "B", accepted: 1, rejected: 1),
                    ]))
        }
        expectValidation(mismatched, fields: ["inspectedOn", "lines[0].accepted", "lines[1].reason"])
        let wrongItems = refusal {
            try ledger.record(
                Inspection(
                    deliveryID: "d1", inspectedOn: day("2026-12-02"),
                    lines: [
                        InspectionLine(itemID: "A", accepted: 6, reason: .malfunction),
                        InspectionLine(itemID: "C", accepted: 1), InspectionLine(itemID: "A", accepted: 6),
                    ]))
        }
        expectValidation(wrongItems, fields: ["lines[0].reason", "lines[1].itemID", "lines[2].itemID", "lines"])
        let negative = refusal {
            try ledger.record(
                Inspection(
                    deliveryID: "d1", inspectedOn: day("2026-12-02"),
                    lines: [
                        InspectionLine(itemID: "A", accepted: 7, rejected: -1, reason: .defect),
                        InspectionLine(itemID: "B", accepted: 2),
                    ]))
        }
        expectValidation(negative, fields: ["lines[0].rejected"])
        #expect(ledger.item("A")?.pendingInspection == 6, "refused inspections change nothing")

        try ledger.record(
            Inspection(
                deliveryID: "d1", inspectedOn: day("2026-12-01"),
                lines: [
                    InspectionLine(itemID: "A", accepted: 0, rejected: 6, reason: .specificationMismatch),
                    InspectionLine(itemID: "B", accepted: 2),
                ]))
        let again = refusal {
            try ledger.record(
                Inspection(
                    deliveryID: "d1", inspectedOn: day("2026-12-02"),
                    lines: [InspectionLine(itemID: "A", accepted: 6), InspectionLine(itemID: "B", accepted: 2)]))
        }
        #expect(again?.code == 409)
        #expect(ledger.item("A")?.outstanding == 10, "rejected units are owed again")
    }

    @Test func aLedgerNeedsDistinctPositiveItems() {
        expectValidation(refusal { _ = try DeliveryLedger(ordered: []) }, fields: ["items"])
        expectValidation(
            refusal {
                _ = try DeliveryLedger(ordered: [
                    OfferLine(itemID: "A", unitPrice: 1, quantity: 1),
                    OfferLine(itemID: "A", unitPrice: 1, quantity: 1),
                ])
            }, fields: ["items"])
        expectValidation(
            refusal { _ = try DeliveryLedger(ordered: [OfferLine(itemID: "A", unitPrice: 1, quantity: 0)]) },
            fields: ["items[0].quantity"])
    }

    @Test func theLedgerRoundTripsThroughJSON() throws {
        var ledger = try ledger()
        try ledger.record(delivery("d1", [("A", 2)]))
        let decoded = try JSONDecoder().decode(DeliveryLedger.self, from: JSONEncoder().encode(ledger))
        #expect(decoded == ledger)
    }
}
