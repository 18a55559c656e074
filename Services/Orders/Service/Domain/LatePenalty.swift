// The late-delivery penalty rule (Perpres 16/2018 Pasal 79), as orders computes it. Its inputs
// and result (late parts, the assessment) are shared: they travel in orders' contract to payments.
import SiOpenDomain

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
    ) throws(DomainRefusal) -> LatePenaltyAssessment {
        guard maxDays >= 0 else { throw .validationFailed(field: "maxDays", reason: "must be zero or more") }
        var parts: [LatePartPenalty] = []
        var total = Rupiah.zero
        for (index, part) in lateParts.enumerated() {
            let daysLate = max(0, part.dueDate.days(until: part.deliveredOn ?? today))
            let daysCharged = min(daysLate, maxDays)
            let field = "lateParts[\(index)].valueBeforePPN"
            let (factor, overflow) = Int64(daysCharged).multipliedReportingOverflow(by: rate.perMille)
            guard !overflow,
                let raw = ExactArithmetic.scaled(
                    part.valueBeforePPN.amount, times: factor, over: 1_000, rounding: .halfUp)
            else { throw .validationFailed(field: field, reason: "must be an amount whose penalty fits") }
            let amount: Rupiah
            do {
                amount = try Rupiah(checked: raw)
                total = try total + amount
            } catch { throw error.validationFailed(field: field) }
            parts.append(
                LatePartPenalty(
                    daysLate: daysLate, daysCharged: daysCharged, amount: amount, base: part.valueBeforePPN,
                    perMille: rate.perMille))
        }
        return LatePenaltyAssessment(parts: parts, total: total)
    }
}
