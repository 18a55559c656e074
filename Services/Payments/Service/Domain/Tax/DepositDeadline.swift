// When collected tax is due: the dated deadline rule, moved over weekends and the tenant's holidays.
import SiOpenContracts
import SiOpenDomain

/// The deposit deadline of a tax line.
enum DepositDeadline {
    /// The last day to deposit `taxType` withheld or collected on `paymentDate`: the rule's day of the
    /// following month (the 15th, PMK 81/2024 Pasal 94(2)), moved to the next working day when it
    /// falls on a Saturday, Sunday or one of the tenant's holidays (Pasal 100). 422 naming
    /// `depositDeadlines` when no rule covers the tax on that date.
    static func due(paymentDate: CivilDate, taxType: TaxType, settings: TaxSettings) throws(DomainRefusal) -> CivilDate {
        fatalError("not yet")
    }

    /// Whether `date` is a working day: not a Saturday or Sunday, and not one of `holidays`.
    static func isWorkingDay(_ date: CivilDate, holidays: [TaxHoliday]) -> Bool {
        fatalError("not yet")
    }
}
