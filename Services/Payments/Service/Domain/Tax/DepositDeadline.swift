// When collected tax is due: the dated deadline rule, moved over weekends and the tenant's holidays.
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain

/// The deposit deadline of a tax line.
enum DepositDeadline {
    /// The last day to deposit `taxType` withheld or collected on `paymentDate`: the rule's day of the
    /// following month (the 15th, PMK 81/2024 Pasal 94(2)), moved to the next working day when it
    /// falls on a Saturday, Sunday or one of the tenant's holidays (Pasal 100). 422 naming
    /// `depositDeadlines` when no rule covers the tax on that date.
    static func due(paymentDate: CivilDate, taxType: TaxType, settings: TaxSettings) throws(DomainRefusal) -> CivilDate
    {
        let covering = settings.depositDeadlines.filter { $0.covers(taxType, on: paymentDate) }
        // A rule naming the tax wins over one for every tax; then the latest start.
        guard
            let rule = covering.max(by: { lhs, rhs in
                (lhs.taxTypes.isEmpty ? 0 : 1, lhs.effectiveFrom) < (rhs.taxTypes.isEmpty ? 0 : 1, rhs.effectiveFrom)
            })
        else {
            throw .validationFailed(
                field: "depositDeadlines",
                reason: "must have a deposit deadline for \(taxType.rawValue) in force on \(paymentDate)")
        }
        let (year, month) =
            paymentDate.month == 12 ? (paymentDate.year + 1, 1) : (paymentDate.year, paymentDate.month + 1)
        let day = min(max(rule.dayOfFollowingMonth, 1), 28)
        guard var due = try? CivilDate(String(format: "%04d-%02d-%02d", year, month, day)) else {
            throw .validationFailed(field: "paymentDate", reason: "must leave a following month within the calendar")
        }
        guard rule.movesToNextWorkingDay else { return due }
        let holidays = Set(settings.holidays.map(\.date))
        // Bounded: a year of days off in a row would be a broken calendar, not a deadline.
        for _ in 0..<366 where !isWorkingDay(due, holidays: holidays) { due = due.adding(days: 1) }
        return due
    }

    /// Whether `date` is a working day: not a Saturday or Sunday, and not one of `holidays`.
    static func isWorkingDay(_ date: CivilDate, holidays: [TaxHoliday]) -> Bool {
        isWorkingDay(date, holidays: Set(holidays.map(\.date)))
    }

    static func isWorkingDay(_ date: CivilDate, holidays: Set<CivilDate>) -> Bool {
        !isWeekend(date) && !holidays.contains(date)
    }

    /// Whether `date` is a Saturday or a Sunday (the documents' one day-of-week computation).
    static func isWeekend(_ date: CivilDate) -> Bool {
        IndonesianDate.dayNames.suffix(2).contains(IndonesianDate.dayName(date))
    }
}
