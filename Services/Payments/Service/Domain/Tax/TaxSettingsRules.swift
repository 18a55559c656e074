// The checks on a tenant's tax settings when Super Admin changes them.
import SiOpenContracts
import SiOpenDomain

/// Validates a tenant's ``TaxSettings``.
enum TaxSettingsRules {
    /// Refuses (422, every broken field named by its path, e.g. `rules[2].effectiveFrom`) settings whose
    /// rows overlap in time for the same tax, scope and goods class, whose rates are out of bounds
    /// (denominator 1 to 1,000,000, rate below 100%), whose texts are blank or too long, whose
    /// periods end before they start, or whose ids, holidays or deadlines repeat or are out of range.
    static func validate(_ settings: TaxSettings) throws(DomainRefusal) {
        fatalError("not yet")
    }
}
