// Negotiation rounds between the PPK and the vendor (annex I.D.3.b–d): who may offer when,
// what an offer may contain, and accepting the other side's latest offer unchanged.
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// An order item as the catalogue priced it when the order was made; offers may not exceed it.
public struct CatalogueItemSnapshot: Sendable, Hashable, Codable {
    /// The order item's id, unique in the order.
    public let itemID: String
    /// The catalogue product it is.
    public let productID: String
    /// The catalogue unit price at the time of ordering, on the order's ``PriceBasis``.
    public let catalogueUnitPrice: Rupiah

    /// Creates a snapshot.
    public init(itemID: String, productID: String, catalogueUnitPrice: Rupiah) {
        self.itemID = itemID
        self.productID = productID
        self.catalogueUnitPrice = catalogueUnitPrice
    }
}

extension NegotiationOffer {
    /// The offer's totals under `ppn`.
    public func totals(ppn: PPNTerms) throws(DomainRefusal) -> OrderTotals {
        try OrderTotals(
            lines: items, deliveryCost: deliveryCost, installationCost: installationCost, trainingCost: trainingCost,
            ppn: ppn)
    }
}

/// The most an offer may ask on top of its unit prices. The catalogue's unit prices are
/// delivered prices (delivery to the order's region is one of their components), and it lists
/// installation and training once per product; the order (round 0) carries exactly those
/// figures for what the PPK asked for in preparation, and nothing else. So no later offer may
/// ask more than the order did: a vendor cannot add costs the catalogue does not list.
public struct AdditionalCostLimits: Sendable, Hashable {
    /// The most for delivery beyond the delivered unit prices.
    public var deliveryCost: Rupiah
    /// The most for installation.
    public var installationCost: Rupiah
    /// The most for training.
    public var trainingCost: Rupiah

    /// Creates limits.
    public init(deliveryCost: Rupiah, installationCost: Rupiah, trainingCost: Rupiah) {
        self.deliveryCost = deliveryCost
        self.installationCost = installationCost
        self.trainingCost = trainingCost
    }

    /// The limits the order (round 0, made from the catalogue) sets.
    public init(order: NegotiationOffer) {
        self.init(
            deliveryCost: order.deliveryCost, installationCost: order.installationCost, trainingCost: order.trainingCost
        )
    }
}

/// What an offer is checked against besides the order's items: taxes, ceiling and today.
public struct OfferContext: Sendable, Hashable {
    /// How PPN applies to this order.
    public var ppn: PPNTerms
    /// Who pays, which selects the ceiling.
    public var fundingSource: FundingSource
    /// The tenant's ceilings.
    public var ceilings: PurchaseCeilings
    /// The day of the check, in the tenant's zone.
    public var today: CivilDate

    /// Creates the context.
    public init(ppn: PPNTerms, fundingSource: FundingSource, ceilings: PurchaseCeilings, today: CivilDate) {
        self.ppn = ppn
        self.fundingSource = fundingSource
        self.ceilings = ceilings
        self.today = today
    }
}

/// The negotiation of one order: the catalogue snapshot, every offer in order, and the accepted round.
///
/// Decisions:
/// - The submitted order is the PPK's offer of round 0. So the vendor moves first, which is why
///   the PPK cannot open a negotiation before the vendor has responded.
/// - Turns alternate; whose turn it is comes from the latest offer and is checked by
///   ``OrderStateMachine`` (the one place transitions are decided), which this type calls.
/// - An offer names its round; it must be the next one, so an offer written against an older
///   view of the negotiation is refused (409) rather than silently answering the wrong offer.
/// - Accepting names the round accepted; only the other party's latest round is acceptable,
///   and a stale round is 409. The accepted offer becomes the agreed terms unchanged.
/// - Every offer, including round 0, must satisfy the content rules in ``validate(_:items:context:)``.
public struct Negotiation: Sendable, Hashable, Codable {
    /// The order's items as priced by the catalogue when ordered.
    public let items: [CatalogueItemSnapshot]
    /// Every offer so far, oldest first; `offers[0]` is the order (round 0, by the PPK).
    public private(set) var offers: [NegotiationOffer]
    /// The round both sides agreed on, once one side accepted.
    public private(set) var acceptedRound: Int?

    /// The longest note an offer may carry, in characters.
    public static let maximumNoteLength = 2_000

    /// Restores a negotiation as stored, without re-validating it: rules and dates may have
    /// changed since the offers were made, and they were valid then.
    public init(restoring items: [CatalogueItemSnapshot], offers: [NegotiationOffer], acceptedRound: Int?) {
        self.items = items
        self.offers = offers
        self.acceptedRound = acceptedRound
    }

    /// Starts a negotiation from the order the PPK submits: `order` must be the PPK's round 0
    /// (422 naming `by` or `round` otherwise) and satisfy every content rule. Items must be
    /// non-empty with distinct ids (422 naming `items`).
    public static func open(items: [CatalogueItemSnapshot], order: NegotiationOffer, context: OfferContext)
        throws(DomainRefusal) -> Negotiation
    {
        guard !items.isEmpty else { throw .validationFailed(field: "items", reason: "must list at least one item") }
        guard Set(items.map(\.itemID)).count == items.count else {
            throw .validationFailed(field: "items", reason: "must not list the same item twice")
        }
        guard order.by == .ppk else {
            throw .validationFailed(field: "by", reason: "must be the PPK: the order is the PPK's opening offer")
        }
        guard order.round == 0 else {
            throw .validationFailed(field: "round", reason: "must be 0 for the order itself")
        }
        try validate(order, items: items, context: context)
        return Negotiation(restoring: items, offers: [order], acceptedRound: nil)
    }

    /// The latest offer (the order itself until someone counters).
    public var latestOffer: NegotiationOffer? { offers.last }

    /// The round the next offer must carry.
    public var nextRound: Int { (offers.last?.round ?? -1) + 1 }

    /// Whose move it is, or nil once agreed (or before the order exists).
    public var partyToMove: OrderParty? {
        acceptedRound == nil ? latestOffer?.by.counterparty : nil
    }

    /// The offer both sides agreed on, once accepted.
    public var agreedTerms: NegotiationOffer? {
        acceptedRound.flatMap { round in offers.first { $0.round == round } }
    }

    /// The facts the state machine needs from the negotiation.
    public var facts: OrderFacts { OrderFacts(latestOfferBy: latestOffer?.by) }

    /// Records `offer` on an order in `orderState` and returns the order's next state.
    ///
    /// Throws what ``OrderStateMachine/next(from:action:by:facts:)`` throws (403 wrong party,
    /// 409 wrong state or not this party's turn); 409 when `offer.round` is not ``nextRound``;
    /// 422 naming each field that breaks a content rule.
    public mutating func make(_ offer: NegotiationOffer, orderState: OrderState, context: OfferContext)
        throws(DomainRefusal) -> OrderState
    {
        let next = try OrderStateMachine.next(from: orderState, action: .offer, by: offer.by, facts: facts)
        try refuseIfConcluded(orderState)
        guard offer.round == nextRound else {
            throw .conflict(
                "round \(offer.round) is not the next round: the latest offer is round \(nextRound - 1), so the next is \(nextRound)",
                currentState: orderState.rawValue)
        }
        try Self.validate(
            offer, items: items, limits: offers.first.map(AdditionalCostLimits.init(order:)), context: context)
        offers.append(offer)
        return next
    }

    /// `party` accepts the other side's latest offer, named by its `round`, unchanged; returns
    /// the order's next state (`agreed`). In `ordered` this is the vendor accepting the order as
    /// it is (round 0, ``OrderAction/vendorAccept``); otherwise ``OrderAction/acceptOffer``.
    ///
    /// Throws what the state machine throws (403, 409), and 409 when `round` is not the latest.
    public mutating func accept(round: Int, by party: OrderParty, orderState: OrderState) throws(DomainRefusal)
        -> OrderState
    {
        let action: OrderAction = orderState == .ordered ? .vendorAccept : .acceptOffer
        let next = try OrderStateMachine.next(from: orderState, action: action, by: party, facts: facts)
        try refuseIfConcluded(orderState)
        guard let latest = latestOffer, round == latest.round else {
            throw .conflict(
                "round \(round) is not the latest offer: round \(latestOffer?.round ?? 0) is; review it before accepting",
                currentState: orderState.rawValue)
        }
        acceptedRound = round
        return next
    }

    private func refuseIfConcluded(_ orderState: OrderState) throws(DomainRefusal) {
        if let acceptedRound {
            throw .conflict(
                "the negotiation is concluded: round \(acceptedRound) was accepted", currentState: orderState.rawValue)
        }
    }

    /// Checks an offer's content and returns its totals. Each broken rule is a 422 field error:
    /// the items must be exactly the order's items (`items`, `items[i].itemID`); quantities at
    /// least 1 (`items[i].quantity`); unit prices above zero and at most the catalogue snapshot
    /// (`items[i].unitPrice`); the delivery date not before today (`deliveryDate`); the note at
    /// most ``maximumNoteLength`` characters (`note`); delivery, installation and training costs
    /// at most `limits` (`deliveryCost`, `installationCost`, `trainingCost`; see
    /// ``AdditionalCostLimits``). Then the total including PPN must be within the ceiling
    /// (`total`, or `fundingSource` when there is none).
    @discardableResult
    public static func validate(
        _ offer: NegotiationOffer, items: [CatalogueItemSnapshot], limits: AdditionalCostLimits? = nil,
        context: OfferContext
    ) throws(DomainRefusal) -> OrderTotals {
        var problems: [FieldError] = []
        let catalogue = Dictionary(items.map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        for (index, line) in offer.items.enumerated() {
            let path = "items[\(index)]"
            if let snapshot = catalogue[line.itemID] {
                if !seen.insert(line.itemID).inserted {
                    problems.append(
                        FieldError(field: "\(path).itemID", reason: "must not repeat an item already listed"))
                }
                if line.unitPrice == .zero {
                    problems.append(FieldError(field: "\(path).unitPrice", reason: "must be more than zero"))
                } else if line.unitPrice > snapshot.catalogueUnitPrice {
                    problems.append(
                        FieldError(
                            field: "\(path).unitPrice",
                            reason:
                                "must be at most \(snapshot.catalogueUnitPrice.formatted), the catalogue price when the order was made"
                        ))
                }
            } else {
                problems.append(FieldError(field: "\(path).itemID", reason: "must be an item of this order"))
            }
            if line.quantity < 1 {
                problems.append(FieldError(field: "\(path).quantity", reason: "must be at least 1"))
            }
        }
        let missing = items.map(\.itemID).filter { !seen.contains($0) }
        if !missing.isEmpty {
            problems.append(
                FieldError(
                    field: "items",
                    reason: "must list every item of the order; missing \(missing.joined(separator: ", "))"))
        }
        if offer.deliveryDate < context.today {
            problems.append(FieldError(field: "deliveryDate", reason: "must not be before today (\(context.today))"))
        }
        if offer.note.count > maximumNoteLength {
            problems.append(FieldError(field: "note", reason: "must have at most \(maximumNoteLength) characters"))
        }
        if let limits {
            let why = [
                "deliveryCost": "the catalogue's unit prices already include delivery to the order's region",
                "installationCost":
                    "installation is what the catalogue lists, and only when the PPK asked for it in preparation",
                "trainingCost":
                    "training is what the catalogue lists, and only when the PPK asked for it in preparation",
            ]
            for (field, asked, most) in [
                ("deliveryCost", offer.deliveryCost, limits.deliveryCost),
                ("installationCost", offer.installationCost, limits.installationCost),
                ("trainingCost", offer.trainingCost, limits.trainingCost),
            ] where asked > most {
                problems.append(
                    FieldError(
                        field: field, reason: "must be at most \(most.formatted), as in the order: \(why[field]!)"))
            }
        }
        guard problems.isEmpty else { throw .validationFailed(problems) }
        let totals = try offer.totals(ppn: context.ppn)
        try CeilingCheck.check(
            total: totals.totalIncludingPPN, source: context.fundingSource, ceilings: context.ceilings,
            on: context.today, field: "total")
        return totals
    }
}
