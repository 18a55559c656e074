// Deliveries, inspections and replacements per item (annex I.D.3.f–j): what was ordered, what
// arrived, what the PPK accepted or rejected, and what the vendor still owes.
import SiOpenProtocol

/// Why the PPK rejects delivered units (annex I.D.3.h); each obliges the vendor to replace
/// them at its own cost (I.D.3.i).
public enum RejectionReason: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Defective (cacat).
    case defect
    /// Damaged (rusak).
    case damage
    /// Does not work (malfungsi).
    case malfunction
    /// Does not match the technical specification.
    case specificationMismatch = "specification_mismatch"
}

/// One item's running account.
public struct LedgerItem: Sendable, Hashable, Codable {
    /// The order item's id.
    public let itemID: String
    /// Units the Surat Pesanan orders.
    public let ordered: Int
    /// Units delivered so far, replacements and rejected units included.
    public fileprivate(set) var delivered: Int
    /// Units accepted on inspection.
    public fileprivate(set) var accepted: Int
    /// Units rejected on inspection so far.
    public fileprivate(set) var rejected: Int
    /// Units delivered and not yet inspected.
    public fileprivate(set) var pendingInspection: Int
    /// Rejected units the vendor has not yet brought a replacement for.
    public fileprivate(set) var awaitingReplacement: Int

    /// Units the vendor may still deliver: ordered − accepted − pending inspection (rejected
    /// units count here again, since they must be replaced).
    public var outstanding: Int { ordered - accepted - pendingInspection }
}

/// One item's quantity in a delivery.
public struct DeliveryLine: Sendable, Hashable, Codable {
    /// The order item's id.
    public var itemID: String
    /// Units delivered. From callers: ``InputLimits/quantity``.
    public var quantity: Int

    /// Creates a line.
    public init(itemID: String, quantity: Int) {
        self.itemID = itemID
        self.quantity = quantity
    }
}

/// A delivery (or a replacement delivery) by the vendor.
public struct Delivery: Sendable, Hashable, Codable {
    /// The delivery's id, unique in the order.
    public var deliveryID: String
    /// The day the goods arrived.
    public var deliveredOn: CivilDate
    /// What arrived.
    public var lines: [DeliveryLine]
    /// Whether the PPK has recorded its inspection.
    public var inspected: Bool

    /// Creates a delivery, not yet inspected.
    public init(deliveryID: String, deliveredOn: CivilDate, lines: [DeliveryLine]) {
        self.deliveryID = deliveryID
        self.deliveredOn = deliveredOn
        self.lines = lines
        self.inspected = false
    }
}

/// The inspection result for one item of a delivery.
public struct InspectionLine: Sendable, Hashable, Codable {
    /// The order item's id.
    public var itemID: String
    /// Units accepted. From callers: ``InputLimits/quantity``.
    public var accepted: Int
    /// Units rejected. From callers: ``InputLimits/quantity``.
    public var rejected: Int
    /// Why units were rejected; required exactly when `rejected` > 0.
    public var reason: RejectionReason?
    /// What was found, for the vendor.
    public var note: String

    /// Creates a line.
    public init(itemID: String, accepted: Int, rejected: Int = 0, reason: RejectionReason? = nil, note: String = "") {
        self.itemID = itemID
        self.accepted = accepted
        self.rejected = rejected
        self.reason = reason
        self.note = note
    }
}

/// The PPK's inspection of one delivery (annex I.D.3.g).
public struct Inspection: Sendable, Hashable, Codable {
    /// The delivery inspected.
    public var deliveryID: String
    /// The day of the inspection.
    public var inspectedOn: CivilDate
    /// One line per item of the delivery.
    public var lines: [InspectionLine]

    /// Creates an inspection.
    public init(deliveryID: String, inspectedOn: CivilDate, lines: [InspectionLine]) {
        self.deliveryID = deliveryID
        self.inspectedOn = inspectedOn
        self.lines = lines
    }
}

/// The PPK's request that the vendor replace rejected units at its own cost (annex I.D.3.h–i).
public struct ReplacementRequest: Sendable, Hashable, Codable {
    /// The delivery the units came in.
    public let deliveryID: String
    /// The order item.
    public let itemID: String
    /// Units to replace.
    public let quantity: Int
    /// Why they were rejected.
    public let reason: RejectionReason
    /// What was found.
    public let note: String
    /// The day of the inspection that rejected them.
    public let requestedOn: CivilDate
}

/// The running account of an order's deliveries and inspections, as a pure value.
public struct DeliveryLedger: Sendable, Hashable, Codable {
    /// One account per ordered item, in the order's order.
    public private(set) var items: [LedgerItem]
    /// Every delivery, oldest first.
    public private(set) var deliveries: [Delivery]
    /// Every replacement request, oldest first.
    public private(set) var replacementRequests: [ReplacementRequest]

    /// A ledger for `ordered` quantities, e.g. the agreed offer's lines. Items must be distinct
    /// with quantities of at least 1 (422 naming `items` or `items[i].quantity`).
    public init(ordered: [OfferLine]) throws(DomainRefusal) {
        guard !ordered.isEmpty else { throw .validationFailed(field: "items", reason: "must list at least one item") }
        guard Set(ordered.map(\.itemID)).count == ordered.count else {
            throw .validationFailed(field: "items", reason: "must not list the same item twice")
        }
        if let index = ordered.firstIndex(where: { $0.quantity < 1 }) {
            throw .validationFailed(field: "items[\(index)].quantity", reason: "must be at least 1")
        }
        items = ordered.map {
            LedgerItem(
                itemID: $0.itemID, ordered: $0.quantity, delivered: 0, accepted: 0, rejected: 0, pendingInspection: 0,
                awaitingReplacement: 0)
        }
        deliveries = []
        replacementRequests = []
    }

    /// Whether every ordered unit is accepted (nothing pending, nothing to replace): the
    /// condition for confirming receipt.
    public var isFullyAccepted: Bool { items.allSatisfy { $0.accepted == $0.ordered } }

    /// Whether a delivery still waits for its inspection.
    public var hasPendingInspection: Bool { items.contains { $0.pendingInspection > 0 } }

    /// The account of `itemID`, if it is an item of the order.
    public func item(_ itemID: String) -> LedgerItem? { items.first { $0.itemID == itemID } }

    /// Records a delivery. 409 when its id is already recorded; 422 naming `deliveryID` when it
    /// is empty, `lines` when there are none, and `lines[i].itemID` / `lines[i].quantity` for an
    /// unknown or repeated item, a quantity below 1, or more than is still outstanding.
    public mutating func record(_ delivery: Delivery) throws(DomainRefusal) {
        guard !delivery.deliveryID.isEmpty else {
            throw .validationFailed(field: "deliveryID", reason: "must not be empty")
        }
        guard !deliveries.contains(where: { $0.deliveryID == delivery.deliveryID }) else {
            throw .conflict("delivery \(delivery.deliveryID) is already recorded")
        }
        guard !delivery.lines.isEmpty else {
            throw .validationFailed(field: "lines", reason: "must list at least one item")
        }
        var problems: [FieldError] = []
        var seen: Set<String> = []
        for (index, line) in delivery.lines.enumerated() {
            let path = "lines[\(index)]"
            guard let account = item(line.itemID) else {
                problems.append(FieldError(field: "\(path).itemID", reason: "must be an item of this order"))
                continue
            }
            if !seen.insert(line.itemID).inserted {
                problems.append(FieldError(field: "\(path).itemID", reason: "must not repeat an item already listed"))
            } else if line.quantity < 1 {
                problems.append(FieldError(field: "\(path).quantity", reason: "must be at least 1"))
            } else if line.quantity > account.outstanding {
                problems.append(
                    FieldError(
                        field: "\(path).quantity",
                        reason:
                            "must be at most \(account.outstanding): that is all still outstanding of \(account.ordered) ordered (accepted \(account.accepted), awaiting inspection \(account.pendingInspection))"
                    ))
            }
        }
        guard problems.isEmpty else { throw .validationFailed(problems) }
        // Counted with checked arithmetic on a copy, so an account that cannot grow any further
        // is a 422 and leaves the ledger as it was.
        var updated = items
        for (index, line) in delivery.lines.enumerated() {
            guard let position = updated.firstIndex(where: { $0.itemID == line.itemID }) else { continue }
            var account = updated[position]
            guard let delivered = ExactArithmetic.adding(account.delivered, line.quantity),
                let pending = ExactArithmetic.adding(account.pendingInspection, line.quantity)
            else {
                throw .validationFailed(
                    field: "lines[\(index)].quantity", reason: "makes the units delivered too many to count")
            }
            account.delivered = delivered
            account.pendingInspection = pending
            // Delivered units first make good what was rejected: that is what the vendor owes first.
            account.awaitingReplacement -= min(line.quantity, account.awaitingReplacement)
            updated[position] = account
        }
        items = updated
        var recorded = delivery
        recorded.inspected = false
        deliveries.append(recorded)
    }

    /// Records the inspection of a delivery and returns the replacement requests it raises.
    /// 404 for an unknown delivery; 409 when it was already inspected; 422 naming
    /// `inspectedOn` (before the delivery), `lines` (an item of the delivery left out),
    /// `lines[i].itemID`, `lines[i].accepted` (accepted + rejected must equal the units of that
    /// delivery, none negative), `lines[i].rejected` and `lines[i].reason` (required exactly
    /// when units are rejected).
    @discardableResult
    public mutating func record(_ inspection: Inspection) throws(DomainRefusal) -> [ReplacementRequest] {
        guard let deliveryIndex = deliveries.firstIndex(where: { $0.deliveryID == inspection.deliveryID }) else {
            throw .notFound("delivery", id: inspection.deliveryID)
        }
        let delivery = deliveries[deliveryIndex]
        guard !delivery.inspected else { throw .conflict("delivery \(delivery.deliveryID) is already inspected") }
        var problems: [FieldError] = []
        if inspection.inspectedOn < delivery.deliveredOn {
            problems.append(
                FieldError(field: "inspectedOn", reason: "must not be before the delivery (\(delivery.deliveredOn))"))
        }
        // A recorded delivery lists each item once.
        let delivered = Dictionary(
            delivery.lines.map { ($0.itemID, $0.quantity) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        for (index, line) in inspection.lines.enumerated() {
            let path = "lines[\(index)]"
            guard let quantity = delivered[line.itemID] else {
                problems.append(
                    FieldError(field: "\(path).itemID", reason: "must be an item of delivery \(delivery.deliveryID)"))
                continue
            }
            if !seen.insert(line.itemID).inserted {
                problems.append(FieldError(field: "\(path).itemID", reason: "must not repeat an item already listed"))
                continue
            }
            if line.accepted < 0 {
                problems.append(FieldError(field: "\(path).accepted", reason: "must be zero or more"))
            }
            if line.rejected < 0 {
                problems.append(FieldError(field: "\(path).rejected", reason: "must be zero or more"))
            }
            // Checked: a caller's accepted + rejected may not even fit in an Int.
            if line.accepted >= 0, line.rejected >= 0, ExactArithmetic.adding(line.accepted, line.rejected) != quantity
            {
                problems.append(
                    FieldError(
                        field: "\(path).accepted",
                        reason: "plus rejected must equal the \(quantity) delivered in \(delivery.deliveryID)"))
            }
            if line.rejected > 0 && line.reason == nil {
                problems.append(
                    FieldError(
                        field: "\(path).reason",
                        reason:
                            "is required when units are rejected: defect, damage, malfunction or specification_mismatch"
                    ))
            }
            if line.rejected == 0 && line.reason != nil {
                problems.append(FieldError(field: "\(path).reason", reason: "must be empty when nothing is rejected"))
            }
        }
        let missing = delivery.lines.map(\.itemID).filter { !seen.contains($0) }
        if !missing.isEmpty {
            problems.append(
                FieldError(
                    field: "lines",
                    reason: "must cover every item of the delivery; missing \(missing.joined(separator: ", "))"))
        }
        guard problems.isEmpty else { throw .validationFailed(problems) }

        var requests: [ReplacementRequest] = []
        var updated = items
        for (index, line) in inspection.lines.enumerated() {
            // accepted + rejected is the delivered quantity (checked above), so pending covers it.
            guard let position = updated.firstIndex(where: { $0.itemID == line.itemID }) else { continue }
            var account = updated[position]
            guard let accepted = ExactArithmetic.adding(account.accepted, line.accepted),
                let rejected = ExactArithmetic.adding(account.rejected, line.rejected),
                let awaiting = ExactArithmetic.adding(account.awaitingReplacement, line.rejected),
                let inspected = ExactArithmetic.adding(line.accepted, line.rejected),
                let pending = ExactArithmetic.subtracting(account.pendingInspection, inspected)
            else {
                throw .validationFailed(
                    field: "lines[\(index)].accepted", reason: "makes the units inspected too many to count")
            }
            account.pendingInspection = pending
            account.accepted = accepted
            account.rejected = rejected
            account.awaitingReplacement = awaiting
            updated[position] = account
            if line.rejected > 0, let reason = line.reason {
                requests.append(
                    ReplacementRequest(
                        deliveryID: delivery.deliveryID, itemID: line.itemID, quantity: line.rejected, reason: reason,
                        note: line.note,
                        requestedOn: inspection.inspectedOn))
            }
        }
        items = updated
        deliveries[deliveryIndex].inspected = true
        replacementRequests += requests
        return requests
    }
}
