import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// The vendor's states and the actions that move between them (annex I.C; Polewali Mandar
/// Pasal 11): registered → verified | rejected; rejected → registered (resubmitted);
/// verified → active; active → blocked → active (unblocked); any but deactivated → deactivated.
enum VendorAction: String, Sendable, CaseIterable {
    case verify, reject, resubmit, activate, block, unblock, deactivate

    /// The states the action may start from.
    var from: Set<VendorStatus> {
        switch self {
        case .verify, .reject: [.registered]
        case .resubmit: [.rejected]
        case .activate: [.verified]
        case .block: [.active]
        case .unblock: [.blocked]
        case .deactivate: [.registered, .verified, .rejected, .active, .blocked]
        }
    }

    /// The state it leads to.
    var to: VendorStatus {
        switch self {
        case .verify: .verified
        case .reject: .rejected
        case .resubmit: .registered
        case .activate, .unblock: .active
        case .block: .blocked
        case .deactivate: .deactivated
        }
    }

    /// The event identity publishes when the action is taken.
    var event: any VendorStandingEvent.Type {
        switch self {
        case .verify: VendorVerified.self
        case .reject: VendorRejected.self
        case .resubmit: VendorResubmitted.self
        case .activate: VendorActivated.self
        case .block: VendorBlocked.self
        case .unblock: VendorUnblocked.self
        case .deactivate: VendorDeactivated.self
        }
    }

    /// Whether a blacklist entry in force stops this action.
    var refusedWhileBlacklisted: Bool { self == .verify || self == .activate || self == .unblock || self == .resubmit }

    /// The state after applying this action to `status`, or the conflict explaining why not.
    func apply(to status: VendorStatus) -> Result<VendorStatus, DomainRefusal> {
        guard from.contains(status) else {
            return .failure(
                .conflict("a vendor in status \(status.rawValue) cannot be \(pastTense)", currentState: status.rawValue)
            )
        }
        return .success(to)
    }

    var pastTense: String {
        switch self {
        case .verify: "verified"
        case .reject: "rejected"
        case .resubmit: "resubmitted"
        case .activate: "activated"
        case .block: "blocked"
        case .unblock: "unblocked"
        case .deactivate: "deactivated"
        }
    }
}

/// Who signs for a vendor: an entity's director (as "Direktur" unless another position was
/// given), or the individual vendor themself as "Pemilik".
struct VendorSigner: Sendable, Hashable {
    let name: String
    let position: String

    init(_ vendor: VendorInfo) {
        if vendor.kind == .entity, let director = vendor.director {
            name = director.name
            position = director.position ?? "Direktur"
        } else {
            name = vendor.name
            position = "Pemilik"
        }
    }
}
