// PPN (value added tax) as data: who charges it, how prices state it, and the rate in force.
import SiOpenProtocol

/// Whether a vendor is registered for VAT (Pengusaha Kena Pajak). Only a PKP charges PPN.
public enum VendorTaxStatus: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Pengusaha Kena Pajak: charges PPN.
    case pkp
    /// Not a PKP (most small vendors): no PPN.
    case nonPKP = "non_pkp"

    /// The status from the catalogue's `isPKP` flag.
    public init(isPKP: Bool) { self = isPKP ? .pkp : .nonPKP }
}

/// Whether catalogue prices already contain PPN (the catalogue states it per product).
public enum PriceBasis: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Prices include PPN; the PPN shown is the portion they contain.
    case ppnIncluded = "ppn_included"
    /// Prices exclude PPN; PPN is added on top.
    case ppnExcluded = "ppn_excluded"

    /// The basis from the catalogue's `includesPPN` flag.
    public init(includesPPN: Bool) { self = includesPPN ? .ppnIncluded : .ppnExcluded }

    /// The one basis shared by all `bases` (an order's products). Mixed bases are 422 naming
    /// `items`: one order shows one PPN computation, so its products must agree; none is 422 too.
    public static func common(_ bases: [PriceBasis]) throws(DomainRefusal) -> PriceBasis {
        guard let first = bases.first else {
            throw .validationFailed(field: "items", reason: "must list at least one item")
        }
        guard bases.allSatisfy({ $0 == first }) else {
            throw .validationFailed(
                field: "items",
                reason: "must all state their prices the same way (all including PPN or all excluding it)")
        }
        return first
    }
}

/// The effective PPN rate in force from a date, as data: `numerator / denominator` of the price
/// (the tax base), and how the tax line is rounded to whole rupiah.
///
/// Decoding trusts what was stored; values from a caller go through the throwing initializer.
public struct PPNRate: Sendable, Hashable, Codable {
    /// The effective rate's numerator (11 for 11%).
    public let numerator: Int64
    /// The effective rate's denominator (100 for 11%).
    public let denominator: Int64
    /// The first day the rate applies.
    public let effectiveFrom: CivilDate
    /// How the PPN line is rounded to whole rupiah under the rule in force.
    public let rounding: RupiahRounding
    /// The rules it rests on.
    public let legalBasis: String

    /// A rate of `numerator / denominator`, from 0 up to but not including 100%; anything else
    /// is 422 naming `numerator` or `denominator`.
    public init(
        numerator: Int64, denominator: Int64, effectiveFrom: CivilDate, rounding: RupiahRounding, legalBasis: String
    ) throws(DomainRefusal) {
        guard denominator > 0 else { throw .validationFailed(field: "denominator", reason: "must be more than zero") }
        guard numerator >= 0, numerator < denominator else {
            throw .validationFailed(field: "numerator", reason: "must be zero or more and less than the denominator")
        }
        self.init(unchecked: numerator, denominator, effectiveFrom, rounding, legalBasis)
    }

    private init(
        unchecked numerator: Int64, _ denominator: Int64, _ effectiveFrom: CivilDate, _ rounding: RupiahRounding,
        _ legalBasis: String
    ) {
        self.numerator = numerator
        self.denominator = denominator
        self.effectiveFrom = effectiveFrom
        self.rounding = rounding
        self.legalBasis = legalBasis
    }

    /// 11% from 2022-04-01, tax lines rounded down as then in force.
    public static let from2022 = PPNRate(
        unchecked: 11, 100, .fixed("2022-04-01"), .down,
        "UU 7/2021 (HPP) Pasal 7 ayat (1) huruf a: 11% from 1 April 2022")

    /// From 2025-01-01: 12% of a tax base of 11/12 of the price for ordinary goods and services,
    /// which is exactly 11/100 (12/100 × 11/12), so the integer rate stays 11/100. Tax lines round
    /// half up. Luxury goods (12% of the full price) are not sold here and have no entry.
    public static let from2025 = PPNRate(
        unchecked: 11, 100, .fixed("2025-01-01"), .halfUp,
        "UU 7/2021 (HPP) Pasal 7 ayat (1) huruf b and PMK 131/2024: 12% × DPP nilai lain 11/12; rounding half up per PER-11/PJ/2025 Pasal 129"
    )

    /// The default schedule, oldest first.
    public static let schedule: [PPNRate] = [from2022, from2025]

    /// The entry of `schedule` in force on `date` (the latest one that has started), or nil
    /// when `date` is before every entry.
    public static func inForce(on date: CivilDate, schedule: [PPNRate] = PPNRate.schedule) -> PPNRate? {
        schedule.filter { $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }
    }
}

/// How PPN applies to an order: the vendor's status, how its prices are stated, and the rate.
public struct PPNTerms: Sendable, Hashable, Codable {
    /// Whether the vendor charges PPN at all.
    public var vendorStatus: VendorTaxStatus
    /// Whether the prices contain PPN.
    public var priceBasis: PriceBasis
    /// The rate in force on the order's date.
    public var rate: PPNRate

    /// Creates the terms.
    public init(vendorStatus: VendorTaxStatus, priceBasis: PriceBasis, rate: PPNRate) {
        self.vendorStatus = vendorStatus
        self.priceBasis = priceBasis
        self.rate = rate
    }
}
