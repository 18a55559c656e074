import SiOpenDomain
import SiOpenProtocol

// MARK: - Sanctions (turun tayang)

/// The grounds of a sanction (Perbup Balangan 92/2023 Pasal 14).
public enum SanctionGrounds: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// False data about the company or the products: 2 years (Pasal 14(1)).
    case falseData = "false_data"
    /// Withdrew without acceptable reason after the Surat Pesanan: 1 year (Pasal 14(2)).
    case withdrawal
    /// Did not perform the work per the Surat Pesanan: 1 year.
    case nonPerformance = "non_performance"
    /// Did not finish the work: 1 year.
    case notFinished = "not_finished"
    /// Refused to replace damaged, defective or malfunctioning goods: 1 year.
    case refusedReplacement = "refused_replacement"

    /// How long the delisting lasts, in years.
    public var delistingYears: Int { self == .falseData ? 2 : 1 }
}

/// Where a sanction stands.
public enum SanctionStatus: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Proposed, awaiting the PA/KPA.
    case proposed
    /// Rejected by the PA/KPA.
    case rejected
    /// Accepted, starting later.
    case scheduled
    /// Accepted and in force today: the vendor's products are delisted.
    case inForce = "in_force"
    /// Accepted and over.
    case ended
}

/// What a PPK proposes.
public struct SanctionProposal: Codable, Sendable, Hashable {
    /// The id of the vendor to be sanctioned.
    public var vendorID: String
    /// The grounds of the sanction (Perbup Balangan 92/2023).
    public var grounds: SanctionGrounds
    /// What happened, with the facts.
    public var description: String
    /// The order it concerns: an order of the proposer's agency with this vendor, failed on these
    /// grounds (any state of it for false data). Omitted only for false data in the vendor's
    /// registration (company requirements, Pasal 14(1)), which concerns no order.
    public var orderID: String?
    /// The order's Surat Pesanan number, where issued; when given it must be the order's.
    public var suratPesananNumber: String?

    /// Creates it.
    public init(
        vendorID: String, grounds: SanctionGrounds, description: String, orderID: String?,
        suratPesananNumber: String? = nil
    ) {
        self.vendorID = vendorID
        self.grounds = grounds
        self.description = description
        self.orderID = orderID
        self.suratPesananNumber = suratPesananNumber
    }
}

/// A sanction and its decision.
public struct Sanction: Codable, Sendable, Hashable {
    /// The sanction's id.
    public var id: String
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// The proposing PPK's agency, whose PA/KPA decides.
    public var agency: String
    /// What was proposed: vendor, grounds, description and the order concerned.
    public var proposal: SanctionProposal
    /// The vendor's name when proposed.
    public var vendorName: String
    /// The proposing PPK's account.
    public var proposedBy: String
    /// When it was proposed: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).
    public var proposedAt: String
    /// Where the sanction stands today.
    public var status: SanctionStatus
    /// The PA/KPA's decision number.
    public var decisionNumber: String?
    /// The date of the PA/KPA's decision letter, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8); null while proposed.
    public var decisionDate: CivilDate?
    /// The account id of the PA/KPA who decided; null while proposed.
    public var decidedBy: String?
    /// Reasons of the decision (required to reject).
    public var decisionReason: String?
    /// First day of the delisting.
    public var startsOn: CivilDate?
    /// The day the delisting ends: the vendor's products are listed again from this day.
    public var endsOn: CivilDate?
    /// Optimistic-concurrency version: starts at 1, grows by one with every change; send it back with a change.
    public var version: Int64

    /// Creates it.
    public init(
        id: String, tenant: String, agency: String, proposal: SanctionProposal, vendorName: String, proposedBy: String,
        proposedAt: String,
        status: SanctionStatus, decisionNumber: String?, decisionDate: CivilDate?, decidedBy: String?,
        decisionReason: String?,
        startsOn: CivilDate?, endsOn: CivilDate?, version: Int64
    ) {
        self.id = id
        self.tenant = tenant
        self.agency = agency
        self.proposal = proposal
        self.vendorName = vendorName
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
        self.status = status
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.decidedBy = decidedBy
        self.decisionReason = decisionReason
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.version = version
    }
}

/// `sanction.propose`: a PPK proposes a delisting sanction against a vendor.
public enum SanctionPropose: RPCMethod {
    public static let name = "sanction.propose"
    public static let summary =
        "A PPK (procurement official) proposes a delisting sanction (turun tayang) against a vendor of its tenant, with grounds and the order concerned, which orders confirms with the PPK's own token: an order of the PPK's agency with that vendor, failed on those grounds (any order of the vendor, or no order for its registration data, for false data); its agency's PA/KPA decides. Repeating a proposal for the same order and grounds returns the first."
    public static let access = Access.roles(.ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [
        .forbidden, .notFound, .conflict, .validationFailed, .dependencyUnavailable,
    ]
    public typealias Params = SanctionProposal
    public typealias Result = Sanction
}

/// A PA/KPA's decision.
public struct SanctionDecision: Codable, Sendable, Hashable {
    /// The sanction's id, as returned by `sanction.propose`.
    public var sanctionID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64
    /// Accept (impose) or reject.
    public var accept: Bool
    /// The decision letter's number.
    public var decisionNumber: String
    /// The date of the decision letter, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8).
    public var decisionDate: CivilDate
    /// First day of the delisting (default: the decision date; not before it).
    public var startsOn: CivilDate?
    /// Reasons (required to reject).
    public var reason: String?

    /// Creates it.
    public init(
        sanctionID: String, version: Int64, accept: Bool, decisionNumber: String, decisionDate: CivilDate,
        startsOn: CivilDate? = nil, reason: String? = nil
    ) {
        self.sanctionID = sanctionID
        self.version = version
        self.accept = accept
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.startsOn = startsOn
        self.reason = reason
    }
}

/// `sanction.decide`: the PA/KPA of the proposing agency accepts or rejects.
public enum SanctionDecide: RPCMethod {
    public static let name = "sanction.decide"
    public static let summary =
        "The PA/KPA of the proposing PPK's agency accepts (with a decision number; delisting for 2 years for false data, 1 year otherwise, from the start date) or rejects a proposed sanction."
    public static let access = Access.roles(.budgetHolder)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = SanctionDecision
    public typealias Result = Sanction
}

/// Filters for the sanction list.
public struct SanctionListParams: Codable, Sendable, Hashable {
    /// Tenant (Super Admin and the national monitor name one).
    public var tenant: String?
    /// Only sanctions of the vendor with this id; all when omitted.
    public var vendorID: String?
    /// Only this status (as of today).
    public var status: SanctionStatus?

    /// Creates it.
    public init(tenant: String? = nil, vendorID: String? = nil, status: SanctionStatus? = nil) {
        self.tenant = tenant
        self.vendorID = vendorID
        self.status = status
    }
}

/// `sanction.list`: sanctions for auditors, the UKPBJ head, PA/KPA and PPK.
public enum SanctionList: RPCMethod {
    public static let name = "sanction.list"
    public static let summary =
        "Sanctions with their status as of today: all of the tenant for auditors, the UKPBJ head, verifiers and Super Admin; an agency's own for its PA/KPA and PPK."
    public static let access = Access.roles(
        .auditor, .ukpbjHead, .superAdmin, .monitor, .verifier, .budgetHolder, .ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = SanctionListParams
    public typealias Result = [Sanction]
}
