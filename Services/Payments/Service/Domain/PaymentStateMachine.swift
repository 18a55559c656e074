// The one place that decides which action moves a payment from which state to which. The RPC
// layer asks here before it changes anything.
import SiOpenContracts
import SiOpenDomain

/// What may be done to a payment.
enum PaymentAction: String, Sendable, CaseIterable {
    /// The PA/KPA approves the payment ("setuju dibayar").
    case approve
    /// The transfer is sent or the SP2D issued.
    case instruct
    /// The bank says the money reached the vendor.
    case settle
    /// The bank returned the transfer.
    case reject
    /// The vendor confirms it received the money.
    case confirmReceipt = "confirm_receipt"
    /// A collected tax line is deposited.
    case recordDeposit = "record_deposit"
}

/// The payment lifecycle: prepared → instructed → settled → confirmed; a returned transfer goes
/// from instructed back to prepared. Deposits are recorded on settled (or confirmed) payments,
/// once the tax has actually been withheld.
enum PaymentStateMachine {
    /// Every legal transition: the action, the states it starts from, and where it leads
    /// (`nil`: the state does not change).
    static let transitions: [PaymentAction: (from: Set<PaymentState>, to: PaymentState?)] = [
        .approve: ([.prepared, .instructed], nil),
        .instruct: ([.prepared], .instructed),
        .settle: ([.instructed], .settled),
        .reject: ([.instructed], .prepared),
        .confirmReceipt: ([.settled], .confirmed),
        .recordDeposit: ([.settled, .confirmed], nil),
    ]

    /// The state `action` leads to from `state`, or a 409 saying why not.
    static func next(_ state: PaymentState, _ action: PaymentAction) throws(DomainRefusal) -> PaymentState {
        guard let transition = transitions[action], transition.from.contains(state) else {
            throw .conflict(refusal(state, action), currentState: state.rawValue)
        }
        return transition.to ?? state
    }

    private static func refusal(_ state: PaymentState, _ action: PaymentAction) -> String {
        switch (action, state) {
        case (.settle, .prepared):
            return "the payment is not instructed yet: record the transfer or the SP2D before its settlement"
        case (.settle, _), (.instruct, .settled), (.instruct, .confirmed), (.reject, .settled), (.reject, .confirmed):
            return "the payment is already \(state.rawValue)"
        case (.instruct, .instructed):
            return "the payment is already instructed; record its settlement or the bank's rejection"
        case (.reject, .prepared):
            return "the payment is not instructed: there is no transfer to reject"
        case (.confirmReceipt, _):
            return "only a settled payment can be confirmed (it is \(state.rawValue))"
        case (.approve, _):
            return "the PA/KPA approves a payment before it settles (it is \(state.rawValue))"
        case (.recordDeposit, _):
            return "tax is deposited once the payment has settled and withheld it (it is \(state.rawValue))"
        default:
            return "a \(state.rawValue) payment cannot be \(action.rawValue)"
        }
    }
}

/// Checks of the references treasurers type in.
enum PaymentReferenceRules {
    /// A kode billing is 15 digits.
    static func billingCodeProblem(_ code: String) -> String? {
        code.count == 15 && code.allSatisfy({ $0.isASCII && $0.isNumber }) ? nil : "must be exactly 15 digits"
    }

    /// An NTPN is 16 ASCII letters or digits.
    static func ntpnProblem(_ ntpn: String) -> String? {
        ntpn.count == 16 && ntpn.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            ? nil : "must be exactly 16 ASCII letters or digits"
    }
}
