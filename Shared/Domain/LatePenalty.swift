// The late-delivery penalty (denda keterlambatan), Perpres 16/2018 Pasal 79.
import SiOpenProtocol

/// The penalty rate as data: `perMille` thousandths of the late part's value per day.
///
/// Decoding trusts what was stored; values from a caller go through the throwing initializer.
public struct LatePenaltyRate: Sendable, Hashable, Codable {
    /// Thousandths of the value per day late.
    public let perMille: Int64
    /// The first day it applies.
    public let effectiveFrom: CivilDate
    /// The rule that sets it.
    public let legalBasis: String

    /// A rate; `perMille` must be 1 to 1000 (422 naming `perMille`).
    public init(perMille: Int64, effectiveFrom: CivilDate, legalBasis: String) throws(DomainRefusal) {
        guard (1...1_000).contains(perMille) else {
            throw .validationFailed(field: "perMille", reason: "must be from 1 to 1000")
        }
        self.init(unchecked: perMille, effectiveFrom, legalBasis)
    }

    private init(unchecked perMille: Int64, _ effectiveFrom: CivilDate, _ legalBasis: String) {
        self.perMille = perMille
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
    }

    /// 1‰ per day of the late part's value before PPN, from the day Perpres 16/2018 took effect.
    public static let perpres16of2018 = LatePenaltyRate(
        unchecked: 1, .fixed("2018-07-01"), "Perpres 16/2018 Pasal 79 ayat (4) (amended by Perpres 12/2021 and 46/2025)"
    )
}

/// A part of the order that was (or still is) late.
public struct LatePart: Sendable, Hashable, Codable {
    /// The part's value before PPN.
    public var valueBeforePPN: Rupiah
    /// The agreed delivery date.
    public var dueDate: CivilDate
    /// The day it was delivered, or nil while it is still outstanding.
    public var deliveredOn: CivilDate?

    /// Creates a late part.
    public init(valueBeforePPN: Rupiah, dueDate: CivilDate, deliveredOn: CivilDate?) {
        self.valueBeforePPN = valueBeforePPN
        self.dueDate = dueDate
        self.deliveredOn = deliveredOn
    }
}

/// The penalty on one late part.
public struct LatePartPenalty: Sendable, Hashable, Codable {
    /// Calendar days late, uncapped.
    public let daysLate: Int
    /// Days charged: `daysLate` capped at the maximum.
    public let daysCharged: Int
    /// The penalty for this part.
    public let amount: Rupiah
    /// The part's value before PPN the penalty is charged on; nil on assessments stored before it was kept.
    public let base: Rupiah?
    /// The rate applied, thousandths per day; nil on assessments stored before it was kept.
    public let perMille: Int64?

    /// Creates a part's penalty.
    public init(daysLate: Int, daysCharged: Int, amount: Rupiah, base: Rupiah? = nil, perMille: Int64? = nil) {
        self.daysLate = daysLate
        self.daysCharged = daysCharged
        self.amount = amount
        self.base = base
        self.perMille = perMille
    }
}

/// The penalty on an order: per part and in total.
public struct LatePenaltyAssessment: Sendable, Hashable, Codable {
    /// One entry per late part, in the order given.
    public let parts: [LatePartPenalty]
    /// The sum of the parts' penalties.
    public let total: Rupiah

    /// Creates an assessment.
    public init(parts: [LatePartPenalty], total: Rupiah) {
        self.parts = parts
        self.total = total
    }
}
