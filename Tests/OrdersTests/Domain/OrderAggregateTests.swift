import OrdersService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

private let today = day("2026-11-21")
private let catalogue = [CatalogueItemSnapshot(itemID: "A", productID: "laptop", catalogueUnitPrice: 2_000_000)]
private let context = OfferContext(
    ppn: PPNTerms(vendorStatus: .nonPKP, priceBasis: .ppnIncluded, rate: .from2025), fundingSource: .apbd,
    ceilings: .balanganDefaults, today: today)

/// An offer of round `round` by `party` for the two units of item A.
private func makeOffer(_ party: OrderParty, round: Int, price: Rupiah = 2_000_000) -> NegotiationOffer {
    NegotiationOffer(
        by: party, round: round, items: [OfferLine(itemID: "A", unitPrice: price, quantity: 2)],
        deliveryDate: day("2026-12-01"))
}

/// One RPC method's intent, called with the input a well-behaved client would send for the
/// order as it is, so that only the state, the party, the turn or the ledger can refuse it.
private enum Intent: CaseIterable, CustomStringConvertible {
    case submit, cancel, decline, offer, accept, issueSuratPesanan, acknowledgeSuratPesanan, recordDelivery
    case inspectAccepting, inspectRejecting, confirmReceipt, acknowledgeBAST, fail, expire

    /// The table's actions this intent performs (accepting is the vendor's `vendor_accept` on
    /// the order as placed, and `accept_offer` on a counter-offer: one method, `order.accept`).
    var actions: Set<OrderAction> {
        switch self {
        case .submit: [.submit]
        case .cancel: [.cancel]
        case .decline: [.vendorDecline]
        case .offer: [.offer]
        case .accept: [.vendorAccept, .acceptOffer]
        case .issueSuratPesanan: [.issueSuratPesanan]
        case .acknowledgeSuratPesanan: [.acknowledgeSuratPesanan]
        case .recordDelivery: [.recordDelivery]
        case .inspectAccepting, .inspectRejecting: [.inspect]
        case .confirmReceipt: [.confirmReceipt]
        case .acknowledgeBAST: [.acknowledgeBAST]
        case .fail: [.fail]
        case .expire: [.expire]
        }
    }

    var description: String {
        String(describing: actions.map(\.rawValue).sorted()) + (self == .inspectRejecting ? " (rejecting)" : "")
    }

    func run(on order: Order, by party: OrderParty) throws(DomainRefusal) -> Order {
        switch self {
        case .submit:
            return try order.submit(by: party, items: catalogue, opening: makeOffer(.ppk, round: 0), context: context)
                .order
        case .cancel: return try order.cancel(by: party, reason: "tidak jadi").order
        case .decline: return try order.decline(by: party, reason: "stok habis").order
        case .offer:
            return try order.offer(
                makeOffer(party, round: order.negotiation?.nextRound ?? 1, price: 1_900_000), context: context
            ).order
        case .accept: return try order.accept(round: order.negotiation?.latestOffer?.round ?? 0, by: party).order
        case .issueSuratPesanan: return try order.issueSuratPesanan(by: party).order
        case .acknowledgeSuratPesanan: return try order.acknowledgeSuratPesanan(by: party).order
        case .recordDelivery:
            let item = order.ledger?.items.first { $0.outstanding > 0 }
            return try order.recordDelivery(
                deliveredOn: today, lines: [DeliveryLine(itemID: item?.itemID ?? "A", quantity: 1)], by: party,
                today: today
            ).order
        case .inspectAccepting, .inspectRejecting:
            let delivery = order.ledger?.deliveries.first { !$0.inspected } ?? order.ledger?.deliveries.last
            let lines = (delivery?.lines ?? [DeliveryLine(itemID: "A", quantity: 1)]).map { line in
                self == .inspectRejecting
                    ? InspectionLine(
                        itemID: line.itemID, accepted: line.quantity - 1, rejected: 1, reason: .defect, note: "retak")
                    : InspectionLine(itemID: line.itemID, accepted: line.quantity)
            }
            return try order.inspect(
                Inspection(deliveryID: delivery?.deliveryID ?? "delivery-1", inspectedOn: today, lines: lines),
                by: party, today: today
            ).order
        case .confirmReceipt: return try order.confirmReceipt(by: party).order
        case .acknowledgeBAST: return try order.acknowledgeBAST(by: party).order
        case .fail: return try order.fail(by: party, grounds: .nonPerformance, description: "tidak mengirim").order
        case .expire: return try order.expire(by: party, reason: "tidak dijawab").order
        }
    }
}

/// Every order reachable from a prepared one through accepted intents, with at most three offers
/// and three deliveries (negotiation and replacement could go on forever), each found once.
private let reachable: [Order] = {
    var seen: Set<Order> = []
    var queue = [Order(restoring: .prepared)]
    var found: [Order] = []
    while let order = queue.popLast() {
        guard seen.insert(order).inserted else { continue }
        found.append(order)
        for intent in Intent.allCases {
            for party in OrderParty.allCases {
                guard let next = try? intent.run(on: order, by: party), (next.negotiation?.offers.count ?? 0) <= 3,
                    (next.ledger?.deliveries.count ?? 0) <= 3
                else { continue }
                queue.append(next)
            }
        }
    }
    return found
}()

@Suite("Order aggregate")
struct OrderAggregateTests {
    @Test func theExplorationReachesEveryState() {
        #expect(Set(reachable.map(\.state)) == Set(OrderState.allCases))
        #expect(reachable.count > 50)
    }

    /// For every reachable order, party and intent: what the order offers its party is accepted,
    /// and everything else is refused, so a client never shows a button that fails.
    @Test func whatIsOfferedIsAcceptedAndNothingElse() {
        for order in reachable {
            for party in OrderParty.allCases {
                let offered = Set(order.availableActions(for: party))
                #expect(!offered.contains(.requestReplacement), "request_replacement has no method: \(order.state)")
                for intent in Intent.allCases {
                    let isOffered = !offered.isDisjoint(with: intent.actions)
                    do {
                        _ = try intent.run(on: order, by: party)
                        #expect(
                            isOffered,
                            "\(intent) by \(party) in \(order.state) succeeded but is not offered (\(offered.map(\.rawValue)))"
                        )
                    } catch {
                        #expect(!isOffered, "\(intent) by \(party) in \(order.state) is offered but refused: \(error)")
                    }
                }
            }
        }
    }

    @Test func nothingIsOfferedAfterEverythingIsDeliveredAndInspected() throws {
        var order = Order(restoring: .prepared)
        for (intent, party) in [
            (Intent.submit, OrderParty.ppk), (.accept, .vendor), (.issueSuratPesanan, .ppk),
            (.acknowledgeSuratPesanan, .vendor),
        ] {
            order = try intent.run(on: order, by: party)
        }
        #expect(order.availableActions(for: .vendor) == [.recordDelivery])
        #expect(order.availableActions(for: .ppk) == [.fail])
        order = try order.recordDelivery(
            deliveredOn: today, lines: [DeliveryLine(itemID: "A", quantity: 2)], by: .vendor, today: today
        ).order
        // Everything delivered: the vendor has nothing left to deliver until a rejection.
        #expect(order.availableActions(for: .vendor).isEmpty)
        let over = refusal {
            _ = try order.recordDelivery(
                deliveredOn: today, lines: [DeliveryLine(itemID: "A", quantity: 1)], by: .vendor, today: today)
        }
        #expect(over?.code == 409)
        #expect(currentState(over) == "in_delivery")
        #expect(order.availableActions(for: .ppk) == [.inspect, .fail])
        let rejected = try order.inspect(
            Inspection(
                deliveryID: "delivery-1", inspectedOn: today,
                lines: [InspectionLine(itemID: "A", accepted: 1, rejected: 1, reason: .damage)]),
            by: .ppk, today: today)
        #expect(rejected.replacementRequests.count == 1)
        #expect(rejected.to == .inDelivery)
        order = rejected.order
        // Everything inspected: no inspect, and no separate replacement step.
        #expect(order.availableActions(for: .ppk) == [.fail])
        #expect(order.availableActions(for: .vendor) == [.recordDelivery])
        let again = refusal {
            _ = try order.inspect(
                Inspection(
                    deliveryID: "delivery-1", inspectedOn: today, lines: [InspectionLine(itemID: "A", accepted: 2)]),
                by: .ppk, today: today)
        }
        #expect(again?.code == 409)
    }

    @Test func intentsLeaveTheOrderTheyAreCalledOnUnchanged() throws {
        let placed = try Order(restoring: .prepared).submit(
            by: .ppk, items: catalogue, opening: makeOffer(.ppk, round: 0), context: context)
        #expect(placed.from == .prepared)
        #expect(placed.to == .ordered)
        #expect(placed.action == .submit)
        let declined = try placed.order.decline(by: .vendor, reason: "stok habis")
        #expect(declined.order.closingReason == "stok habis")
        #expect(placed.order.state == .ordered)
        #expect(placed.order.closingReason == nil)
        // A refusal changes nothing and says why, in the state it found.
        let wrongParty = refusal { _ = try placed.order.decline(by: .ppk, reason: "x") }
        #expect(wrongParty?.code == 403)
    }
}

@Suite("Domain refusal on the wire")
struct DomainRefusalMappingTests {
    /// The one mapping gives exactly what the wire errors of the same names give, so moving a
    /// rule from `RPCError` to `DomainRefusal` changes nothing a client sees.
    @Test func eachKindBecomesTheWireErrorOfTheSameName() {
        let fields = [
            FieldError(field: "items[0].quantity", reason: "must be at least 1"),
            FieldError(field: "note", reason: "is too long"),
        ]
        #expect(DomainRefusal.forbidden("no").rpcError == RPCError.forbidden("no"))
        #expect(
            DomainRefusal.conflict("late", currentState: "agreed").rpcError
                == RPCError.conflict("late", currentState: "agreed"))
        #expect(DomainRefusal.conflict("late").rpcError == RPCError.conflict("late"))
        #expect(DomainRefusal.validationFailed(fields).rpcError == RPCError.validationFailed(fields))
        #expect(
            DomainRefusal.validationFailed(field: "note", reason: "x").rpcError
                == RPCError.validationFailed(field: "note", reason: "x"))
        #expect(DomainRefusal.notFound("delivery", id: "d-9").rpcError == RPCError.notFound("delivery", id: "d-9"))
        #expect(DomainRefusal.validationFailed(fields).message == RPCError.validationFailed(fields).message)
    }

    /// A feed consumer whose rule refuses an event records it as a dead letter and goes on,
    /// exactly as for the wire error it maps to (a refusal is never worth retrying).
    @Test func aRefusedEventIsAPermanentFeedFailure() {
        for refusal in [
            DomainRefusal.forbidden("no"), .conflict("late", currentState: "failed"),
            .validationFailed(field: "grounds", reason: "x"),
            .notFound("order", id: "o-1"),
        ] {
            #expect(FeedDeadLetters.classify(refusal) == .permanent, "\(refusal)")
        }
    }
}
