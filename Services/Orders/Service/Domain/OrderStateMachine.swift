// The one place that decides which action moves an order from which state to which, by whom,
// and on what condition. Everything else (negotiation, deliveries, the RPC layer) asks here.
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// A condition a transition needs beyond its state, action and party, read from ``OrderFacts``.
public enum OrderTransitionCondition: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Nothing more.
    case none
    /// The latest offer is the counterparty's, so it is this party's turn to offer.
    case partysTurn = "partys_turn"
    /// The latest offer is the counterparty's, so this party may accept it.
    case counterpartysOfferOpen = "counterpartys_offer_open"
    /// The latest offer is the PPK's, so the vendor owes the next move (and may let it lapse).
    case vendorsTurn = "vendors_turn"
    /// Every ordered unit has been delivered and accepted on inspection.
    case everythingAccepted = "everything_accepted"
    /// Some ordered units are neither accepted nor awaiting inspection, so the vendor may deliver.
    case unitsOutstanding = "units_outstanding"
    /// A recorded delivery waits for its inspection.
    case deliveryAwaitsInspection = "delivery_awaits_inspection"
    /// Neither side has acknowledged the BAST yet.
    case firstBASTAcknowledgement = "first_bast_acknowledgement"
    /// The counterparty has acknowledged the BAST and this party has not.
    case secondBASTAcknowledgement = "second_bast_acknowledgement"
}

/// What the state machine needs to know about an order besides its state, to check conditions.
public struct OrderFacts: Sendable, Hashable, Codable {
    /// Who made the latest offer; the submitted order counts as the PPK's offer of round 0, so
    /// this is `.ppk` from `ordered` on until the vendor makes an offer. Nil before submission.
    public var latestOfferBy: OrderParty?
    /// Whether everything ordered is accepted (``DeliveryLedger/isFullyAccepted``).
    public var everythingAccepted: Bool
    /// Who has acknowledged the BAST so far.
    public var bastAcknowledgedBy: Set<OrderParty>
    /// Whether some ordered units are neither accepted nor awaiting inspection (``LedgerItem/outstanding``).
    public var unitsOutstanding: Bool
    /// Whether a recorded delivery waits for its inspection (``DeliveryLedger/hasPendingInspection``).
    public var deliveryAwaitsInspection: Bool

    /// Creates the facts; the defaults describe an order with no offers or BAST whose units are
    /// all still to be delivered.
    public init(
        latestOfferBy: OrderParty? = nil, everythingAccepted: Bool = false, bastAcknowledgedBy: Set<OrderParty> = [],
        unitsOutstanding: Bool = true, deliveryAwaitsInspection: Bool = false
    ) {
        self.latestOfferBy = latestOfferBy
        self.everythingAccepted = everythingAccepted
        self.bastAcknowledgedBy = bastAcknowledgedBy
        self.unitsOutstanding = unitsOutstanding
        self.deliveryAwaitsInspection = deliveryAwaitsInspection
    }

    /// Why `condition` does not hold for `party`, or nil when it holds.
    func refusal(of condition: OrderTransitionCondition, by party: OrderParty) -> String? {
        let other = party.counterparty
        switch condition {
        case .none:
            return nil
        case .partysTurn, .counterpartysOfferOpen:
            if let other, latestOfferBy == other { return nil }
            if latestOfferBy == party {
                return "\(party.words) made the latest offer; it is \(other?.words ?? "the other party")'s turn"
            }
            return "there is no offer from \(other?.words ?? "the other party") to answer"
        case .vendorsTurn:
            return latestOfferBy == .ppk ? nil : "it is not the vendor's turn, so no vendor answer is overdue"
        case .everythingAccepted:
            return everythingAccepted ? nil : "not everything ordered has been delivered and accepted"
        case .unitsOutstanding:
            return unitsOutstanding
                ? nil : "nothing is left to deliver: every ordered unit is accepted or awaiting inspection"
        case .deliveryAwaitsInspection:
            return deliveryAwaitsInspection ? nil : "no delivery awaits inspection"
        case .firstBASTAcknowledgement, .secondBASTAcknowledgement:
            if bastAcknowledgedBy.contains(party) { return "\(party.words) has already acknowledged the BAST" }
            let otherHas = other.map { bastAcknowledgedBy.contains($0) } ?? false
            if condition == .firstBASTAcknowledgement {
                return otherHas ? "the other party has already acknowledged the BAST" : nil
            }
            return otherHas ? nil : "the other party has not acknowledged the BAST yet"
        }
    }
}

/// One allowed transition: `by` may do `action` to an order in `from` when `condition` holds,
/// and the order is then in `to`.
public struct OrderTransition: Sendable, Hashable, Codable {
    /// The state the order is in.
    public let from: OrderState
    /// What is done.
    public let action: OrderAction
    /// Who does it.
    public let by: OrderParty
    /// What must also hold.
    public let condition: OrderTransitionCondition
    /// The state the order is in afterwards.
    public let to: OrderState

    /// Creates a transition.
    public init(
        from: OrderState, action: OrderAction, by: OrderParty, condition: OrderTransitionCondition = .none,
        to: OrderState
    ) {
        self.from = from
        self.action = action
        self.by = by
        self.condition = condition
        self.to = to
    }
}

/// The order's life as one explicit state machine.
///
/// Decisions:
/// - The submitted order is the PPK's opening offer (round 0), so the vendor answers first:
///   accept it as is, decline, or counter with an offer. The PPK cannot open a negotiation before
///   the vendor has responded; it may cancel instead.
/// - Offers alternate: after the vendor's offer it is the PPK's turn and vice versa. Either side
///   accepts the other side's latest offer; the vendor may decline at any point before agreement.
/// - The system expires an order only while the vendor owes the next move (`ordered`, or
///   `negotiating` after a PPK offer). A PPK that lets its own turn lapse is not expired: it
///   can cancel, and its silence is not the vendor's failure.
/// - The PPK may cancel until the Surat Pesanan (prepared, ordered, negotiating, agreed); after
///   it only `fail` ends an unfinished order, with a sanction ground (Pasal 14).
/// - A wrong party gets 403 when that party may never do the action; otherwise a refusal is 409.
/// - ``Order`` enforces this table in its intents, and its ``Order/availableActions(for:)`` are
///   read from it, so what an order offers is exactly what it accepts.
public enum OrderStateMachine {
    /// Every allowed transition. Anything not listed is refused.
    public static let allowed: [OrderTransition] = [
        OrderTransition(from: .prepared, action: .submit, by: .ppk, to: .ordered),
        OrderTransition(from: .prepared, action: .cancel, by: .ppk, to: .cancelled),

        OrderTransition(from: .ordered, action: .cancel, by: .ppk, to: .cancelled),
        OrderTransition(from: .ordered, action: .vendorAccept, by: .vendor, to: .agreed),
        OrderTransition(from: .ordered, action: .vendorDecline, by: .vendor, to: .declined),
        OrderTransition(from: .ordered, action: .offer, by: .vendor, to: .negotiating),
        OrderTransition(from: .ordered, action: .expire, by: .system, to: .expired),

        OrderTransition(from: .negotiating, action: .cancel, by: .ppk, to: .cancelled),
        OrderTransition(from: .negotiating, action: .vendorDecline, by: .vendor, to: .declined),
        OrderTransition(from: .negotiating, action: .offer, by: .ppk, condition: .partysTurn, to: .negotiating),
        OrderTransition(from: .negotiating, action: .offer, by: .vendor, condition: .partysTurn, to: .negotiating),
        OrderTransition(
            from: .negotiating, action: .acceptOffer, by: .ppk, condition: .counterpartysOfferOpen, to: .agreed),
        OrderTransition(
            from: .negotiating, action: .acceptOffer, by: .vendor, condition: .counterpartysOfferOpen, to: .agreed),
        OrderTransition(from: .negotiating, action: .expire, by: .system, condition: .vendorsTurn, to: .expired),

        OrderTransition(from: .agreed, action: .cancel, by: .ppk, to: .cancelled),
        OrderTransition(from: .agreed, action: .issueSuratPesanan, by: .ppk, to: .contracted),

        OrderTransition(from: .contracted, action: .acknowledgeSuratPesanan, by: .vendor, to: .inDelivery),
        OrderTransition(from: .contracted, action: .fail, by: .ppk, to: .failed),

        OrderTransition(
            from: .inDelivery, action: .recordDelivery, by: .vendor, condition: .unitsOutstanding, to: .inDelivery),
        // Rejecting units on inspection is the replacement request (I.D.3.h–i): there is no
        // separate `request_replacement` step, so no row offers one.
        OrderTransition(
            from: .inDelivery, action: .inspect, by: .ppk, condition: .deliveryAwaitsInspection, to: .inDelivery),
        OrderTransition(
            from: .inDelivery, action: .confirmReceipt, by: .ppk, condition: .everythingAccepted, to: .received),
        OrderTransition(from: .inDelivery, action: .fail, by: .ppk, to: .failed),

        OrderTransition(
            from: .received, action: .acknowledgeBAST, by: .ppk, condition: .firstBASTAcknowledgement, to: .received),
        OrderTransition(
            from: .received, action: .acknowledgeBAST, by: .ppk, condition: .secondBASTAcknowledgement, to: .completed),
        OrderTransition(
            from: .received, action: .acknowledgeBAST, by: .vendor, condition: .firstBASTAcknowledgement, to: .received),
        OrderTransition(
            from: .received, action: .acknowledgeBAST, by: .vendor, condition: .secondBASTAcknowledgement,
            to: .completed),
    ]

    /// The state after `party` does `action` to an order in `state`.
    ///
    /// Throws 403 `forbidden` when `party` may never do `action`, and 409 `conflict` (with the
    /// current state) when the state does not allow it or a condition in `facts` does not hold.
    public static func next(
        from state: OrderState, action: OrderAction, by party: OrderParty, facts: OrderFacts = OrderFacts()
    )
        throws(DomainRefusal) -> OrderState
    {
        guard allowed.contains(where: { $0.action == action && $0.by == party }) else {
            throw .forbidden("\(party.words) may not \(action.verbPhrase) an order")
        }
        let refusedHere = "cannot \(action.verbPhrase) an order that is \(state.words)"
        let candidates = allowed.filter { $0.from == state && $0.action == action && $0.by == party }
        guard let first = candidates.first else {
            throw .conflict(refusedHere, currentState: state.rawValue)
        }
        if let met = candidates.first(where: { facts.refusal(of: $0.condition, by: party) == nil }) {
            return met.to
        }
        let reason = facts.refusal(of: first.condition, by: party) ?? "a condition does not hold"
        throw .conflict("\(refusedHere): \(reason)", currentState: state.rawValue)
    }

    /// The actions `party` could take now, for showing buttons: exactly those ``next(from:action:by:facts:)`` accepts.
    public static func availableActions(in state: OrderState, for party: OrderParty, facts: OrderFacts = OrderFacts())
        -> [OrderAction]
    {
        OrderAction.allCases.filter { action in
            allowed.contains {
                $0.from == state && $0.action == action && $0.by == party
                    && facts.refusal(of: $0.condition, by: party) == nil
            }
        }
    }
}
