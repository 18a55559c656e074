import Foundation
import OrdersService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenTestSupport
import Testing

/// The order's life as the brief describes it, written out independently of the code's table.
private let specification: [OrderTransition] = {
    func t(_ from: OrderState, _ action: OrderAction, _ by: OrderParty, _ to: OrderState) -> OrderTransition {
        OrderTransition(from: from, action: action, by: by, to: to)
    }
    func t(
        _ from: OrderState, _ action: OrderAction, _ by: OrderParty, _ condition: OrderTransitionCondition,
        _ to: OrderState
    )
        -> OrderTransition
    { OrderTransition(from: from, action: action, by: by, condition: condition, to: to) }
    return [
        t(.prepared, .submit, .ppk, .ordered),
        t(.prepared, .cancel, .ppk, .cancelled),
        t(.ordered, .cancel, .ppk, .cancelled),
        t(.negotiating, .cancel, .ppk, .cancelled),
        t(.agreed, .cancel, .ppk, .cancelled),
        t(.ordered, .vendorAccept, .vendor, .agreed),
        t(.ordered, .vendorDecline, .vendor, .declined),
        t(.negotiating, .vendorDecline, .vendor, .declined),
        t(.ordered, .offer, .vendor, .negotiating),
        t(.negotiating, .offer, .vendor, .partysTurn, .negotiating),
        t(.negotiating, .offer, .ppk, .partysTurn, .negotiating),
        t(.negotiating, .acceptOffer, .vendor, .counterpartysOfferOpen, .agreed),
        t(.negotiating, .acceptOffer, .ppk, .counterpartysOfferOpen, .agreed),
        t(.ordered, .expire, .system, .expired),
        t(.negotiating, .expire, .system, .vendorsTurn, .expired),
        t(.agreed, .issueSuratPesanan, .ppk, .contracted),
        t(.contracted, .acknowledgeSuratPesanan, .vendor, .inDelivery),
        t(.inDelivery, .recordDelivery, .vendor, .unitsOutstanding, .inDelivery),
        t(.inDelivery, .inspect, .ppk, .deliveryAwaitsInspection, .inDelivery),
        t(.inDelivery, .confirmReceipt, .ppk, .everythingAccepted, .received),
        t(.received, .acknowledgeBAST, .ppk, .firstBASTAcknowledgement, .received),
        t(.received, .acknowledgeBAST, .vendor, .firstBASTAcknowledgement, .received),
        t(.received, .acknowledgeBAST, .ppk, .secondBASTAcknowledgement, .completed),
        t(.received, .acknowledgeBAST, .vendor, .secondBASTAcknowledgement, .completed),
        t(.contracted, .fail, .ppk, .failed),
        t(.inDelivery, .fail, .ppk, .failed),
    ]
}()

/// Facts under which `condition` holds for `party`.
private func facts(satisfying condition: OrderTransitionCondition, by party: OrderParty) -> OrderFacts {
    switch condition {
    case .none: OrderFacts()
    case .partysTurn, .counterpartysOfferOpen: OrderFacts(latestOfferBy: party == .ppk ? .vendor : .ppk)
    case .vendorsTurn: OrderFacts(latestOfferBy: .ppk)
    case .everythingAccepted: OrderFacts(everythingAccepted: true)
    case .unitsOutstanding: OrderFacts(unitsOutstanding: true)
    case .deliveryAwaitsInspection: OrderFacts(deliveryAwaitsInspection: true)
    case .firstBASTAcknowledgement: OrderFacts()
    case .secondBASTAcknowledgement: OrderFacts(bastAcknowledgedBy: [party == .ppk ? .vendor : .ppk])
    }
}

/// Facts under which `condition` does not hold for `party` (nil for `.none`, which always holds).
private func facts(breaking condition: OrderTransitionCondition, by party: OrderParty) -> OrderFacts? {
    switch condition {
    case .none: nil
    case .partysTurn, .counterpartysOfferOpen: OrderFacts(latestOfferBy: party)
    case .vendorsTurn: OrderFacts(latestOfferBy: .vendor)
    case .everythingAccepted: OrderFacts(everythingAccepted: false)
    case .unitsOutstanding: OrderFacts(unitsOutstanding: false)
    case .deliveryAwaitsInspection: OrderFacts(deliveryAwaitsInspection: false)
    case .firstBASTAcknowledgement, .secondBASTAcknowledgement: OrderFacts(bastAcknowledgedBy: [party])
    }
}

@Suite("Order state machine")
struct OrderStateMachineTests {
    @Test func theTableIsTheSpecification() {
        #expect(Set(OrderStateMachine.allowed) == Set(specification))
        #expect(OrderStateMachine.allowed.count == specification.count, "no duplicate rows")
    }

    /// Every (state × action × party): allowed ones lead where the specification says (under
    /// facts that satisfy their condition, and are 409 under facts that do not); every other
    /// combination is 403 when the party may never do the action, else 409 naming the state.
    @Test(arguments: OrderState.allCases)
    func everyCombinationFrom(_ state: OrderState) {
        for action in OrderAction.allCases {
            for party in OrderParty.allCases {
                let rows = specification.filter { $0.from == state && $0.action == action && $0.by == party }
                if rows.isEmpty {
                    let error = refusal { _ = try OrderStateMachine.next(from: state, action: action, by: party) }
                    let partyEverAllowed = specification.contains { $0.action == action && $0.by == party }
                    if partyEverAllowed {
                        #expect(error?.code == 409, "\(state) \(action) \(party): \(String(describing: error))")
                        #expect(currentState(error) == state.rawValue)
                        #expect(error?.message == "cannot \(action.verbPhrase) an order that is \(state.words)")
                    } else {
                        #expect(error?.code == 403, "\(state) \(action) \(party): \(String(describing: error))")
                    }
                    // No facts whatsoever make a refused combination allowed.
                    for extra in [
                        OrderFacts(latestOfferBy: .ppk, everythingAccepted: true, deliveryAwaitsInspection: true),
                        OrderFacts(latestOfferBy: .vendor, bastAcknowledgedBy: [.ppk, .vendor]),
                    ] {
                        #expect(throws: DomainRefusal.self) {
                            try OrderStateMachine.next(from: state, action: action, by: party, facts: extra)
                        }
                    }
                    continue
                }
                for row in rows {
                    let given = facts(satisfying: row.condition, by: party)
                    #expect(
                        (try? OrderStateMachine.next(from: state, action: action, by: party, facts: given)) == row.to,
                        "\(state) \(action) \(party) \(row.condition)")
                    if let broken = facts(breaking: row.condition, by: party) {
                        let error = refusal {
                            _ = try OrderStateMachine.next(from: state, action: action, by: party, facts: broken)
                        }
                        #expect(error?.code == 409, "\(state) \(action) \(party) with \(row.condition) broken")
                        #expect(currentState(error) == state.rawValue)
                    }
                }
            }
        }
    }

    @Test func terminalStatesHaveNoWayOut() {
        let terminal: Set<OrderState> = [.declined, .expired, .cancelled, .completed, .failed]
        #expect(Set(OrderState.allCases.filter(\.isTerminal)) == terminal)
        for state in OrderState.allCases {
            let outgoing = specification.contains { $0.from == state }
            #expect(outgoing == !state.isTerminal, "\(state)")
        }
        #expect(OrderState.allCases.filter(\.acceptsDraftChanges) == [.prepared])
        #expect(
            Set(OrderState.allCases.filter(\.isUnderContract)) == [
                .contracted, .inDelivery, .received, .completed, .failed,
            ])
    }

    @Test func bastNeedsBothAcknowledgements() throws {
        var acknowledged: Set<OrderParty> = []
        let afterPPK = try OrderStateMachine.next(
            from: .received, action: .acknowledgeBAST, by: .ppk, facts: OrderFacts(bastAcknowledgedBy: acknowledged))
        #expect(afterPPK == .received)
        acknowledged.insert(.ppk)
        let again = refusal {
            _ = try OrderStateMachine.next(
                from: .received, action: .acknowledgeBAST, by: .ppk, facts: OrderFacts(bastAcknowledgedBy: acknowledged)
            )
        }
        #expect(again?.code == 409)
        #expect(again?.message.contains("already acknowledged") == true)
        let afterVendor = try OrderStateMachine.next(
            from: .received, action: .acknowledgeBAST, by: .vendor, facts: OrderFacts(bastAcknowledgedBy: acknowledged))
        #expect(afterVendor == .completed)
        // The other order works too.
        #expect(try OrderStateMachine.next(from: .received, action: .acknowledgeBAST, by: .vendor) == .received)
        #expect(
            try OrderStateMachine.next(
                from: .received, action: .acknowledgeBAST, by: .ppk, facts: OrderFacts(bastAcknowledgedBy: [.vendor]))
                == .completed)
    }

    @Test func guardsExplainThemselves() throws {
        let receipt = refusal { _ = try OrderStateMachine.next(from: .inDelivery, action: .confirmReceipt, by: .ppk) }
        #expect(receipt?.code == 409)
        #expect(
            receipt?.message
                == "cannot confirm receipt of an order that is in delivery: not everything ordered has been delivered and accepted"
        )
        #expect(currentState(receipt) == "in_delivery")

        let ppkTurnLapse = refusal {
            _ = try OrderStateMachine.next(
                from: .negotiating, action: .expire, by: .system, facts: OrderFacts(latestOfferBy: .vendor))
        }
        #expect(ppkTurnLapse?.code == 409)
        #expect(
            try OrderStateMachine.next(
                from: .negotiating, action: .expire, by: .system, facts: OrderFacts(latestOfferBy: .ppk)) == .expired)

        let twice = refusal {
            _ = try OrderStateMachine.next(
                from: .negotiating, action: .offer, by: .vendor, facts: OrderFacts(latestOfferBy: .vendor))
        }
        #expect(twice?.message.contains("it is the PPK's turn") == true)

        let vendorCancels = refusal { _ = try OrderStateMachine.next(from: .ordered, action: .cancel, by: .vendor) }
        #expect(vendorCancels?.code == 403)
        #expect(vendorCancels?.message == "the vendor may not cancel an order")
        let ppkOpens = refusal { _ = try OrderStateMachine.next(from: .ordered, action: .offer, by: .ppk) }
        #expect(ppkOpens?.code == 409, "the PPK cannot open a negotiation before the vendor responds")
        let afterContract = refusal { _ = try OrderStateMachine.next(from: .contracted, action: .cancel, by: .ppk) }
        #expect(afterContract?.message == "cannot cancel an order that is contracted")
    }

    @Test func availableActionsFollowTheTable() {
        #expect(
            OrderStateMachine.availableActions(in: .ordered, for: .vendor, facts: OrderFacts(latestOfferBy: .ppk)) == [
                .vendorAccept, .vendorDecline, .offer,
            ])
        #expect(
            OrderStateMachine.availableActions(in: .ordered, for: .ppk, facts: OrderFacts(latestOfferBy: .ppk)) == [
                .cancel
            ])
        #expect(
            OrderStateMachine.availableActions(in: .negotiating, for: .ppk, facts: OrderFacts(latestOfferBy: .vendor))
                == [.cancel, .offer, .acceptOffer])
        #expect(
            OrderStateMachine.availableActions(in: .negotiating, for: .ppk, facts: OrderFacts(latestOfferBy: .ppk)) == [
                .cancel
            ])
        // No step is ever offered for request_replacement: rejecting units on inspection is the request.
        #expect(OrderStateMachine.availableActions(in: .inDelivery, for: .ppk) == [.fail])
        #expect(
            OrderStateMachine.availableActions(
                in: .inDelivery, for: .ppk, facts: OrderFacts(deliveryAwaitsInspection: true)) == [.inspect, .fail])
        #expect(
            OrderStateMachine.availableActions(
                in: .inDelivery, for: .vendor, facts: OrderFacts(unitsOutstanding: false)
            ).isEmpty)
        #expect(OrderStateMachine.availableActions(in: .completed, for: .ppk).isEmpty)
    }

    @Test func wireNamesAreSnakeCase() throws {
        let encoded = try JSONEncoder().encode([OrderState.inDelivery])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["in_delivery"]"#)
        #expect(OrderAction.issueSuratPesanan.rawValue == "issue_surat_pesanan")
        #expect(OrderAction.acknowledgeBAST.rawValue == "acknowledge_bast")
        let decoded = try JSONDecoder().decode(
            [OrderAction].self, from: Data(#"["vendor_accept","accept_offer"]"#.utf8))
        #expect(decoded == [.vendorAccept, .acceptOffer])
    }

    @Test func vendorResponseDeadline() throws {
        let deadline = VendorResponseDeadline.standard
        #expect(deadline.days == 5)
        #expect(deadline.lastDay(sentOn: day("2026-11-21")) == day("2026-11-26"))
        #expect(!deadline.hasLapsed(sentOn: day("2026-11-21"), today: day("2026-11-26")))
        #expect(deadline.hasLapsed(sentOn: day("2026-11-21"), today: day("2026-11-27")))
        expectValidation(refusal { _ = try VendorResponseDeadline(days: 0) }, fields: ["days"])
        #expect(try VendorResponseDeadline(days: 3).days == 3)
    }
}
