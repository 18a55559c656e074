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
    public init(perMille: Int64, effectiveFrom: CivilDate, legalBasis: String) throws(RPCError) {
        guard (1...1_000).contains(perMille) else { throw .validationFailed(field: "perMille", reason: "must be from 1 to 1000") }
        self.init(unchecked: perMille, effectiveFrom, legalBasis)
    }

    private init(unchecked perMille: Int64, _ effectiveFrom: CivilDate, _ legalBasis: String) {
        self.perMille = perMille
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
    }

    /// 1‰ per day of the late part's value before PPN, from the day Perpres 16/2018 took effect.
    public static let perpres16of2018 = LatePenaltyRate(
        unchecked: 1, .fixed("2018-07-01"), "Perpres 16/2018 Pasal 79 ayat (4) (amended by Perpres 12/2021 and 46/2025)")
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
}

/// The penalty on an order: per part and in total.
public struct LatePenaltyAssessment: Sendable, Hashable, Codable {
    /// One entry per late part, in the order given.
    public let parts: [LatePartPenalty]
    /// The sum of the parts' penalties.
    public let total: Rupiah
}

/// Computes the late-delivery penalty.
///
/// Decisions:
/// - Days late run from the day after the due date to the delivery day, both counted; a part
///   still outstanding counts to `today`. On time or early is 0.
/// - Days charged are capped at `maxDays` (tenant setting, default 50: the extra time Pasal 93
///   allows before termination, which also caps the penalty at 5%).
/// - Each part's amount is `value × days × perMille ÷ 1000`, rounded half up to the whole rupiah
///   per part (as tax lines are from 2025), in integers; the total is the sum of the parts.
///   Rp9,000,000 three days late is Rp27,000; Rp1,234,567 seven days late is 8,641.969 → Rp8,642.
public enum LatePenalty {
    /// The default cap on days charged.
    public static let defaultMaxDays = 50

    /// The penalty on `lateParts` as of `today`. A negative `maxDays` is 422 naming `maxDays`;
    /// an amount too large is 422 naming `lateParts[i].valueBeforePPN`.
    public static func compute(
        lateParts: [LatePart], today: CivilDate, maxDays: Int = defaultMaxDays, rate: LatePenaltyRate = .perpres16of2018
    ) throws(RPCError) -> LatePenaltyAssessment {
        guard maxDays >= 0 else { throw .validationFailed(field: "maxDays", reason: "must be zero or more") }
        var parts: [LatePartPenalty] = []
        var total = Rupiah.zero
        for (index, part) in lateParts.enumerated() {
            let daysLate = max(0, part.dueDate.days(until: part.deliveredOn ?? today))
            let daysCharged = min(daysLate, maxDays)
            let field = "lateParts[\(index)].valueBeforePPN"
            let (factor, overflow) = Int64(daysCharged).multipliedReportingOverflow(by: rate.perMille)
            guard !overflow, let raw = ExactArithmetic.scaled(part.valueBeforePPN.amount, times: factor, over: 1_000, rounding: .halfUp)
            else { throw .validationFailed(field: field, reason: "must be an amount whose penalty fits") }
            let amount: Rupiah
            do {
                amount = try Rupiah(checked: raw)
                total = try total + amount
            } catch { throw error.validationFailed(field: field) }
            parts.append(LatePartPenalty(daysLate: daysLate, daysCharged: daysCharged, amount: amount))
        }
        return LatePenaltyAssessment(parts: parts, total: total)
    }
}
