// The order aggregate: its state and everything the rules need to decide its next step (the
// negotiation, the delivery ledger, the BAST acknowledgements), changed only through intents.
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// One order as its rules see it, changed only through its intents.
///
/// Each intent checks, in this order, what the RPC layer used to check by hand: the transition
/// in ``OrderStateMachine`` (403 for a party that may never do it, 409 for the wrong state, turn
/// or condition), then the intent's own rules (422 naming each field, 409 for a stale round or a
/// repeated delivery), and returns the changed order with what happened; the order it was called
/// on is left as it was. ``availableActions(for:)`` reads the same table with the same facts, so
/// an order offers exactly what its intents accept.
///
/// What is not a rule stays outside: the stored columns (ids, version), the documents issued
/// (numbers, seals, their ids) and the penalty fixed at receipt are kept by the store and the
/// handlers.
public struct Order: Sendable, Hashable {
    /// Where the order is in its life.
    public private(set) var state: OrderState
    /// The negotiation, from submission on (round 0 is the order itself).
    public private(set) var negotiation: Negotiation?
    /// Deliveries and inspections, from the Surat Pesanan on.
    public private(set) var ledger: DeliveryLedger?
    /// Who has acknowledged the BAST so far.
    public private(set) var bastAcknowledgedBy: Set<OrderParty>
    /// Why the order was cancelled, declined, expired or failed.
    public private(set) var closingReason: String?
    /// The sanction ground of a failed order (Pasal 14).
    public private(set) var failureGrounds: SanctionGrounds?

    /// Restores an order as stored, without re-checking it.
    public init(
        restoring state: OrderState, negotiation: Negotiation? = nil, ledger: DeliveryLedger? = nil,
        bastAcknowledgedBy: Set<OrderParty> = [],
        closingReason: String? = nil, failureGrounds: SanctionGrounds? = nil
    ) {
        self.state = state
        self.negotiation = negotiation
        self.ledger = ledger
        self.bastAcknowledgedBy = bastAcknowledgedBy
        self.closingReason = closingReason
        self.failureGrounds = failureGrounds
    }

    /// What the state machine needs to know beyond the state.
    public var facts: OrderFacts {
        OrderFacts(
            latestOfferBy: negotiation?.latestOffer?.by, everythingAccepted: ledger?.isFullyAccepted ?? false,
            bastAcknowledgedBy: bastAcknowledgedBy,
            unitsOutstanding: ledger.map { $0.items.contains { $0.outstanding > 0 } } ?? true,
            deliveryAwaitsInspection: ledger?.hasPendingInspection ?? false)
    }

    /// The terms both sides agreed on, once agreed.
    public var agreedTerms: NegotiationOffer? { negotiation?.agreedTerms }

    /// What `party` may do now: exactly the actions whose intents would not be refused for the
    /// state, the party, the turn or the ledger (an intent can still refuse its input, 422).
    public func availableActions(for party: OrderParty) -> [OrderAction] {
        OrderStateMachine.availableActions(in: state, for: party, facts: facts)
    }

    /// Refuses (403, 409) unless `party` may do `action` now, as the intent would: for checking
    /// before work that must not start otherwise (asking the catalogue, numbering a document).
    public func check(_ action: OrderAction, by party: OrderParty) throws(DomainRefusal) {
        _ = try OrderStateMachine.next(from: state, action: action, by: party, facts: facts)
    }

    // MARK: Intents

    /// The PPK places the prepared order: `opening` (round 0) opens the negotiation over `items`.
    public func submit(
        by party: OrderParty, items: [CatalogueItemSnapshot], opening: NegotiationOffer, context: OfferContext
    )
        throws(DomainRefusal) -> OrderOutcome
    {
        try change(.submit, by: party) { (order: inout Order, next: OrderState) throws(DomainRefusal) in
            order.negotiation = try Negotiation.open(items: items, order: opening, context: context)
            order.state = next
        }
    }

    /// The PPK cancels the order (until the Surat Pesanan), giving `reason`.
    public func cancel(by party: OrderParty, reason: String) throws(DomainRefusal) -> OrderOutcome {
        try change(.cancel, by: party) { (order: inout Order, next: OrderState) throws(DomainRefusal) in
            order.state = next
            order.closingReason = reason
        }
    }

    /// The vendor declines the order (until agreement), giving `reason`.
    public func decline(by party: OrderParty, reason: String) throws(DomainRefusal) -> OrderOutcome {
        try change(.vendorDecline, by: party) { (order: inout Order, next: OrderState) throws(DomainRefusal) in
            order.state = next
            order.closingReason = reason
        }
    }

    /// The party whose turn it is makes an offer; see ``Negotiation/make(_:orderState:context:)``.
    public func offer(_ offer: NegotiationOffer, context: OfferContext) throws(DomainRefusal) -> OrderOutcome {
        guard var negotiation else { throw .conflict("the order has not been placed", currentState: state.rawValue) }
        var order = self
        order.state = try negotiation.make(offer, orderState: state, context: context)
        order.negotiation = negotiation
        return OrderOutcome(order: order, action: .offer, by: offer.by, from: state)
    }

    /// `party` accepts the other side's latest offer, round `round`: the vendor accepting the
    /// order as it is (``OrderAction/vendorAccept``) or either side a counter-offer
    /// (``OrderAction/acceptOffer``); see ``Negotiation/accept(round:by:orderState:)``.
    public func accept(round: Int, by party: OrderParty) throws(DomainRefusal) -> OrderOutcome {
        guard var negotiation else { throw .conflict("the order has not been placed", currentState: state.rawValue) }
        guard negotiation.latestOffer?.by != party else {
            throw .conflict(
                "an offer is accepted by the other side; \(party.words) made round \(negotiation.latestOffer?.round ?? 0)",
                currentState: state.rawValue)
        }
        let action: OrderAction = state == .ordered ? .vendorAccept : .acceptOffer
        var order = self
        order.state = try negotiation.accept(round: round, by: party, orderState: state)
        order.negotiation = negotiation
        return OrderOutcome(order: order, action: action, by: party, from: state)
    }

    /// The PPK issues the Surat Pesanan on the agreed terms, which opens the delivery ledger.
    public func issueSuratPesanan(by party: OrderParty) throws(DomainRefusal) -> OrderOutcome {
        try change(.issueSuratPesanan, by: party) { (order: inout Order, next: OrderState) throws(DomainRefusal) in
            guard let agreed = order.agreedTerms else {
                throw DomainRefusal.conflict("nothing has been agreed", currentState: order.state.rawValue)
            }
            order.ledger = try DeliveryLedger(ordered: agreed.items)
            order.state = next
        }
    }

    /// The vendor acknowledges the Surat Pesanan, which starts delivery.
    public func acknowledgeSuratPesanan(by party: OrderParty) throws(DomainRefusal) -> OrderOutcome {
        try change(.acknowledgeSuratPesanan, by: party) {
            (order: inout Order, next: OrderState) throws(DomainRefusal) in order.state = next
        }
    }

    /// The vendor records a delivery of `lines` that arrived on `deliveredOn` (not after `today`),
    /// while units remain to deliver; see ``DeliveryLedger/record(_:)-(Delivery)``.
    public func recordDelivery(deliveredOn: CivilDate, lines: [DeliveryLine], by party: OrderParty, today: CivilDate)
        throws(DomainRefusal) -> OrderOutcome
    {
        try change(.recordDelivery, by: party) { (order: inout Order, next: OrderState) throws(DomainRefusal) in
            order.state = next
            guard deliveredOn <= today else {
                throw DomainRefusal.validationFailed(field: "deliveredOn", reason: "must not be after today (\(today))")
            }
            guard var ledger = order.ledger else {
                throw DomainRefusal.conflict("the order is not under contract", currentState: order.state.rawValue)
            }
            try ledger.record(
                Delivery(deliveryID: "delivery-\(ledger.deliveries.count + 1)", deliveredOn: deliveredOn, lines: lines))
            order.ledger = ledger
        }
    }

    /// The PPK records the inspection of a delivery, while one awaits inspection. Rejected
    /// units are the replacement request the vendor must fulfil (I.D.3.h–i), returned in
    /// ``OrderOutcome/replacementRequests``.
    public func inspect(_ inspection: Inspection, by party: OrderParty, today: CivilDate) throws(DomainRefusal)
        -> OrderOutcome
    {
        var requests: [ReplacementRequest] = []
        var outcome = try change(.inspect, by: party) { (order: inout Order, next: OrderState) throws(DomainRefusal) in
            order.state = next
            guard inspection.inspectedOn <= today else {
                throw DomainRefusal.validationFailed(field: "inspectedOn", reason: "must not be after today (\(today))")
            }
            guard var ledger = order.ledger else {
                throw DomainRefusal.conflict("the order is not under contract", currentState: order.state.rawValue)
            }
            requests = try ledger.record(inspection)
            order.ledger = ledger
        }
        outcome.replacementRequests = requests
        return outcome
    }

    /// The PPK confirms receipt once everything ordered is accepted.
    public func confirmReceipt(by party: OrderParty) throws(DomainRefusal) -> OrderOutcome {
        try change(.confirmReceipt, by: party) { (order: inout Order, next: OrderState) throws(DomainRefusal) in
            guard order.ledger != nil, order.agreedTerms != nil else {
                throw DomainRefusal.conflict("the order is not under contract", currentState: order.state.rawValue)
            }
            order.state = next
        }
    }

    /// One party acknowledges the BAST; the second acknowledgement completes the order.
    public func acknowledgeBAST(by party: OrderParty) throws(DomainRefusal) -> OrderOutcome {
        try change(.acknowledgeBAST, by: party) { (order: inout Order, next: OrderState) throws(DomainRefusal) in
            order.state = next
            order.bastAcknowledgedBy.insert(party)
        }
    }

    /// The PPK ends an unfinished contract for the vendor's default, on a sanction ground.
    public func fail(by party: OrderParty, grounds: SanctionGrounds, description: String) throws(DomainRefusal)
        -> OrderOutcome
    {
        try change(.fail, by: party) { (order: inout Order, next: OrderState) throws(DomainRefusal) in
            order.state = next
            order.failureGrounds = grounds
            order.closingReason = description
        }
    }

    /// The system expires an order whose vendor let its answer lapse (403 for anyone else).
    public func expire(by party: OrderParty = .system, reason: String) throws(DomainRefusal) -> OrderOutcome {
        try change(.expire, by: party) { (order: inout Order, next: OrderState) throws(DomainRefusal) in
            order.state = next
            order.closingReason = reason
        }
    }

    /// Checks `action` by `party` against the table, then lets `body` change a copy given the next state.
    private func change(
        _ action: OrderAction, by party: OrderParty, _ body: (inout Order, OrderState) throws(DomainRefusal) -> Void
    ) throws(DomainRefusal) -> OrderOutcome {
        let next = try OrderStateMachine.next(from: state, action: action, by: party, facts: facts)
        var order = self
        try body(&order, next)
        return OrderOutcome(order: order, action: action, by: party, from: state)
    }
}

/// What an intent did: the changed order, and the step, for the audit trail and the feed.
public struct OrderOutcome: Sendable, Hashable {
    /// The order after the step.
    public let order: Order
    /// What was done.
    public let action: OrderAction
    /// Who did it.
    public let by: OrderParty
    /// The state before.
    public let from: OrderState
    /// Units rejected on inspection, which the vendor must replace.
    public internal(set) var replacementRequests: [ReplacementRequest] = []

    /// The state after.
    public var to: OrderState { order.state }
}
