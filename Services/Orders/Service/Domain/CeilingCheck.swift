// The purchase ceiling rule (Perbup Balangan 92/2023 Pasal 2), as orders applies it to an
// estimate, an offer and the Surat Pesanan. The ceilings themselves (tenant data) are shared.
import SiOpenDomain

/// Whether a purchase stays within its ceiling.
///
/// What counts is the order's total including PPN, delivery, installation and training
/// (``OrderTotals/totalIncludingPPN``): Pasal 2 limits the value of a purchase, and the budget
/// pays all of it. The ceiling itself is allowed (Rp10,000,000 passes, Rp10,000,001 does not).
public enum CeilingCheck {
    /// Returns the ceiling applied; throws 422 naming `fundingSource` when the tenant has not set
    /// one for `source` on `date`, and 422 naming `field` when `total` is above it.
    @discardableResult
    public static func check(
        total: Rupiah, source: FundingSource, ceilings: PurchaseCeilings, on date: CivilDate, field: String
    )
        throws(DomainRefusal) -> PurchaseCeiling
    {
        guard let ceiling = ceilings.inForce(for: source, on: date) else {
            throw .validationFailed(
                field: "fundingSource",
                reason:
                    "has no purchase ceiling for \(source.rawValue) on \(date); the tenant administrator must set one first"
            )
        }
        guard total <= ceiling.amount else {
            throw .validationFailed(
                field: field,
                reason:
                    "must be at most \(ceiling.amount.formatted) for \(source.rawValue) purchases (\(ceiling.legalBasis)); it is \(total.formatted)"
            )
        }
        return ceiling
    }
}
