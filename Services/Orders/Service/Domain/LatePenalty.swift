// The late-delivery penalty rule (Perpres 16/2018 Pasal 79), as orders computes it. Its inputs
// and result (late parts, the assessment) are shared: they travel in orders' contract to payments.
import SiOpenContracts
import SiOpenDomain

/// Computes the late-delivery penalty.
///
/// Decisions:
/// - Days late run from the day after the due date to the delivery day, both counted; a part
///   still outstanding counts to `today`. On time or early is 0.
/// - Days charged are capped at `maxDays` (tenant setting, default 50: the extra time Pasal 93
///   allows before termination, which also caps the penalty at 5%).
/// - Each part's amount is `value × days × perMille ÷ 1000`, rounded half up to the whole rupiah
///   per part (as tax lines are from 2025), in integers; the total is the sum of the parts.
///   Rp9,000,000 three days late is Rp27,000; Rp1,234,567 seven days late is 8,641.969 → Rp8,642.
/// - The base of each part is its value before PPN (Pasal 79 ayat (4): "nilai kontrak atau nilai
///   bagian kontrak ... tidak termasuk PPN"); the orders service makes the supporting costs
///   (delivery, installation, training) a part of their own, late with the last delivery.
public enum LatePenalty {
    /// The default cap on days charged.
    public static let defaultMaxDays = 50

    /// The penalty on `lateParts` as of `today`. A negative `maxDays` is 422 naming `maxDays`;
    /// an amount too large is 422 naming `lateParts[i].valueBeforePPN`.
    public static func compute(
        lateParts: [LatePart], today: CivilDate, maxDays: Int = defaultMaxDays, rate: LatePenaltyRate = .perpres16of2018
    ) throws(DomainRefusal) -> LatePenaltyAssessment {
        guard maxDays >= 0 else { throw .validationFailed(field: "maxDays", reason: "must be zero or more") }
        var parts: [LatePartPenalty] = []
        var total = Rupiah.zero
        var base = Rupiah.zero
        for (index, part) in lateParts.enumerated() {
            let daysLate = max(0, part.dueDate.days(until: part.deliveredOn ?? today))
            let daysCharged = min(daysLate, maxDays)
            let field = "lateParts[\(index)].valueBeforePPN"
            let (factor, overflow) = Int64(daysCharged).multipliedReportingOverflow(by: rate.perMille)
            guard !overflow,
                let raw = ExactArithmetic.scaled(
                    part.valueBeforePPN.amount, times: factor, over: 1_000, rounding: .halfUp)
            else { throw .validationFailed(field: field, reason: "must be an amount whose penalty fits") }
            let amount: Rupiah
            do {
                amount = try Rupiah(checked: raw)
                total = try total + amount
                base = try base + part.valueBeforePPN
            } catch { throw error.validationFailed(field: field) }
            parts.append(
                LatePartPenalty(
                    daysLate: daysLate, daysCharged: daysCharged, amount: amount, base: part.valueBeforePPN,
                    kind: part.kind, itemID: part.itemID, dueDate: part.dueDate, deliveredOn: part.deliveredOn))
        }
        return LatePenaltyAssessment(parts: parts, total: total, base: base, rate: rate, maxDays: maxDays)
    }

    /// The penalty on an order from its ledger and agreed terms: each unit counts once, in the
    /// delivery in which it was accepted (units rejected there count where their replacement
    /// arrives); units not yet delivered are late until `today` unless the order was `received`.
    /// The agreed delivery, installation and training lines are one part of kind
    /// `supportingCosts`: done only when the whole order is, so late from the due date to the last
    /// delivery (to `today` while units are outstanding). Every base is the value before PPN under `ppn`.
    public static func assess(
        ledger: DeliveryLedger, agreed: NegotiationOffer, ppn: PPNTerms, received: Bool, today: CivilDate, maxDays: Int
    ) throws -> LatePenaltyAssessment {
        let due = agreed.deliveryDate
        let prices = Dictionary(uniqueKeysWithValues: agreed.items.map { ($0.itemID, $0.unitPrice) })
        func valueBeforePPN(_ itemID: String, _ quantity: Int) throws -> Rupiah {
            guard quantity > 0, let price = prices[itemID] else { return .zero }
            return try OrderTotals(
                lines: [OfferLine(itemID: itemID, unitPrice: price, quantity: quantity)], deliveryCost: .zero,
                installationCost: .zero, trainingCost: .zero, ppn: ppn
            ).totalBeforePPN
        }
        var parts: [LatePart] = []
        for delivery in ledger.deliveries where delivery.deliveredOn > due {
            for line in delivery.lines {
                let rejected = ledger.replacementRequests.filter {
                    $0.deliveryID == delivery.deliveryID && $0.itemID == line.itemID
                }.reduce(0) { $0 + $1.quantity }
                let value = try valueBeforePPN(line.itemID, line.quantity - rejected)
                if value > .zero {
                    parts.append(
                        LatePart(
                            valueBeforePPN: value, dueDate: due, deliveredOn: delivery.deliveredOn, itemID: line.itemID)
                    )
                }
            }
        }
        var outstanding = false
        if !received {
            for item in ledger.items {
                let missing = item.ordered - item.accepted - item.pendingInspection
                if missing > 0 { outstanding = true }
                let value = try valueBeforePPN(item.itemID, missing)
                if value > .zero {
                    parts.append(LatePart(valueBeforePPN: value, dueDate: due, deliveredOn: nil, itemID: item.itemID))
                }
            }
        }
        let costs = try OrderTotals(
            lines: [], deliveryCost: agreed.deliveryCost, installationCost: agreed.installationCost,
            trainingCost: agreed.trainingCost, ppn: ppn
        ).totalBeforePPN
        let lastDelivery = ledger.deliveries.map(\.deliveredOn).max()
        if costs > .zero {
            if outstanding || lastDelivery == nil {
                parts.append(LatePart(valueBeforePPN: costs, dueDate: due, deliveredOn: nil, kind: .supportingCosts))
            } else if let lastDelivery, lastDelivery > due {
                parts.append(
                    LatePart(valueBeforePPN: costs, dueDate: due, deliveredOn: lastDelivery, kind: .supportingCosts))
            }
        }
        return try LatePenalty.compute(lateParts: parts, today: today, maxDays: maxDays)
    }
}
