// PPN (value added tax) as data: who charges it, how prices state it, and the rate in force.
import Foundation
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

/// Which goods and services a PPN rule covers (PMK 131/2024 distinguishes two).
public enum PPNGoodsClass: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Ordinary goods and services: from 2025 12% of the DPP nilai lain, 11/12 of the price
    /// (PMK 131/2024 Pasal 3).
    case ordinary
    /// Luxury goods subject to PPnBM: from 2025 12% of the full price (PMK 131/2024 Pasal 2).
    case luxury
}

/// One dated PPN rule as the tax invoice (faktur pajak) applies it, every step as data.
///
/// The steps, each rounded to whole rupiah by its own rule:
/// 1. DPP (dasar pengenaan pajak, the harga jual): the stated amount when prices exclude PPN; when
///    they include it, `stated × 1 ÷ (1 + effective rate)`, rounded by `dppRounding`.
/// 2. DPP nilai lain: `DPP × otherBaseNumerator ÷ otherBaseDenominator`, rounded by
///    `otherBaseRounding`; without an other base the tariff applies to the DPP itself.
/// 3. PPN: `tax base × numerator ÷ denominator` (the tariff), rounded by `rounding`.
///
/// From 2025 for ordinary goods: DPP nilai lain 11/12, tariff 12/100 (PMK 131/2024 Pasal 3, the
/// faktur's "DPP Nilai Lain" column, kode transaksi 04). Rp5,000,000 including PPN gives DPP
/// 4,504,505 (5,000,000 × 100/111 = 4,504,504.50 → half up), DPP nilai lain 4,129,130
/// (4,129,129.58 → half up), PPN 495,496 (495,495.6 → half up).
///
/// Decoding trusts what was stored; values from a caller go through the throwing initializer.
/// A stored rule of the older shape (`numerator`, `denominator`, `rounding` only) decodes as the
/// tariff applied to the DPP itself, with every step rounded by `rounding`: the same figures it gave.
public struct PPNRate: Sendable, Hashable, Codable {
    /// The tariff's numerator (12 for 12%), applied to the tax base.
    public let numerator: Int64
    /// The tariff's denominator (100 for 12%).
    public let denominator: Int64
    /// The DPP nilai lain factor's numerator (11 for 11/12), or nil when the tariff applies to the DPP itself.
    public let otherBaseNumerator: Int64?
    /// The DPP nilai lain factor's denominator (12 for 11/12), or nil with `otherBaseNumerator`.
    public let otherBaseDenominator: Int64?
    /// The goods and services the rule covers.
    public let goodsClass: PPNGoodsClass
    /// The first day the rule applies (the tax date: the day the order is placed).
    public let effectiveFrom: CivilDate
    /// How the PPN line is rounded to whole rupiah.
    public let rounding: RupiahRounding
    /// How the DPP taken out of a PPN-inclusive amount is rounded to whole rupiah.
    public let dppRounding: RupiahRounding
    /// How the DPP nilai lain is rounded to whole rupiah.
    public let otherBaseRounding: RupiahRounding
    /// The rules it rests on.
    public let legalBasis: String

    private enum CodingKeys: String, CodingKey {
        case numerator, denominator, otherBaseNumerator, otherBaseDenominator, goodsClass, effectiveFrom, rounding,
            dppRounding, otherBaseRounding, legalBasis
    }

    /// A rule with a tariff of `numerator / denominator` (0 up to but not including 100%) applied
    /// to the DPP, or to `otherBaseNumerator / otherBaseDenominator` of it (more than 0, at most 1).
    /// Anything else is 422 naming the field; a blank legal basis is 422 naming `legalBasis`.
    public init(
        numerator: Int64, denominator: Int64, otherBaseNumerator: Int64? = nil, otherBaseDenominator: Int64? = nil,
        goodsClass: PPNGoodsClass = .ordinary, effectiveFrom: CivilDate, rounding: RupiahRounding,
        dppRounding: RupiahRounding? = nil, otherBaseRounding: RupiahRounding? = nil, legalBasis: String
    ) throws(DomainRefusal) {
        guard denominator > 0, denominator <= 1_000_000 else {
            throw .validationFailed(field: "denominator", reason: "must be from 1 to 1000000")
        }
        guard numerator >= 0, numerator < denominator else {
            throw .validationFailed(field: "numerator", reason: "must be zero or more and less than the denominator")
        }
        switch (otherBaseNumerator, otherBaseDenominator) {
        case (nil, nil): break
        case (let top?, let bottom?):
            guard bottom > 0, bottom <= 1_000_000 else {
                throw .validationFailed(field: "otherBaseDenominator", reason: "must be from 1 to 1000000")
            }
            guard top > 0, top <= bottom else {
                throw .validationFailed(
                    field: "otherBaseNumerator", reason: "must be more than zero and at most the denominator")
            }
        case (nil, _):
            throw .validationFailed(field: "otherBaseNumerator", reason: "must be given with otherBaseDenominator")
        case (_, nil):
            throw .validationFailed(field: "otherBaseDenominator", reason: "must be given with otherBaseNumerator")
        }
        guard !legalBasis.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .validationFailed(field: "legalBasis", reason: "must name the rule the rate rests on")
        }
        self.init(
            unchecked: numerator, denominator, otherBaseNumerator, otherBaseDenominator, goodsClass, effectiveFrom,
            rounding, dppRounding ?? rounding, otherBaseRounding ?? rounding, legalBasis)
    }

    private init(
        unchecked numerator: Int64, _ denominator: Int64, _ otherBaseNumerator: Int64?,
        _ otherBaseDenominator: Int64?, _ goodsClass: PPNGoodsClass, _ effectiveFrom: CivilDate,
        _ rounding: RupiahRounding, _ dppRounding: RupiahRounding, _ otherBaseRounding: RupiahRounding,
        _ legalBasis: String
    ) {
        self.numerator = numerator
        self.denominator = denominator
        self.otherBaseNumerator = otherBaseNumerator
        self.otherBaseDenominator = otherBaseDenominator
        self.goodsClass = goodsClass
        self.effectiveFrom = effectiveFrom
        self.rounding = rounding
        self.dppRounding = dppRounding
        self.otherBaseRounding = otherBaseRounding
        self.legalBasis = legalBasis
    }

    /// Decodes a stored rule, of this shape or the older one (see the type's documentation).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rounding = try container.decode(RupiahRounding.self, forKey: .rounding)
        self.init(
            unchecked: try container.decode(Int64.self, forKey: .numerator),
            try container.decode(Int64.self, forKey: .denominator),
            try container.decodeIfPresent(Int64.self, forKey: .otherBaseNumerator),
            try container.decodeIfPresent(Int64.self, forKey: .otherBaseDenominator),
            try container.decodeIfPresent(PPNGoodsClass.self, forKey: .goodsClass) ?? .ordinary,
            try container.decode(CivilDate.self, forKey: .effectiveFrom), rounding,
            try container.decodeIfPresent(RupiahRounding.self, forKey: .dppRounding) ?? rounding,
            try container.decodeIfPresent(RupiahRounding.self, forKey: .otherBaseRounding) ?? rounding,
            try container.decode(String.self, forKey: .legalBasis))
    }

    /// The same rule checked as a caller's value would be (stored settings are decoded unchecked).
    public func validated() throws(DomainRefusal) -> PPNRate {
        try PPNRate(
            numerator: numerator, denominator: denominator, otherBaseNumerator: otherBaseNumerator,
            otherBaseDenominator: otherBaseDenominator, goodsClass: goodsClass, effectiveFrom: effectiveFrom,
            rounding: rounding, dppRounding: dppRounding, otherBaseRounding: otherBaseRounding, legalBasis: legalBasis)
    }

    /// The effective rate on the DPP as one fraction (`numerator`, `denominator`): the tariff
    /// times the other-base factor (12/100 × 11/12 = 132/1200, i.e. 11%). Both fit: each factor is
    /// at most 1,000,000.
    public var effectiveRate: (numerator: Int64, denominator: Int64) {
        (numerator * (otherBaseNumerator ?? 1), denominator * (otherBaseDenominator ?? 1))
    }

    /// 11% of the DPP from 2022-04-01, tax lines rounded down as then in force.
    public static let from2022 = PPNRate(
        unchecked: 11, 100, nil, nil, .ordinary, .fixed("2022-04-01"), .down, .halfUp, .down,
        "UU 8/1983 Pasal 7 ayat (1) huruf a as amended by UU 7/2021 (HPP): 11% from 1 April 2022")

    /// From 2025-01-01 for ordinary goods and services: 12% of a DPP nilai lain of 11/12 of the
    /// DPP (effectively 11%); every step rounds half up.
    public static let from2025 = PPNRate(
        unchecked: 12, 100, 11, 12, .ordinary, .fixed("2025-01-01"), .halfUp, .halfUp, .halfUp,
        "UU 8/1983 Pasal 7 ayat (1) huruf b as amended by UU 7/2021 (HPP); PMK 131/2024 Pasal 3: 12% × DPP nilai lain 11/12 of the harga jual; rounding half up per PER-11/PJ/2025 Pasal 129"
    )

    /// From 2025-01-01 for luxury goods subject to PPnBM: 12% of the full DPP.
    public static let luxuryFrom2025 = PPNRate(
        unchecked: 12, 100, nil, nil, .luxury, .fixed("2025-01-01"), .halfUp, .halfUp, .halfUp,
        "UU 8/1983 Pasal 7 ayat (1) huruf b as amended by UU 7/2021 (HPP); PMK 131/2024 Pasal 2: 12% × harga jual of goods subject to PPnBM; rounding half up per PER-11/PJ/2025 Pasal 129"
    )

    /// The shipped default schedule, oldest first (every tenant starts with it; `orders.settings.set` changes it).
    public static let schedule: [PPNRate] = [from2022, from2025, luxuryFrom2025]

    /// The entry of `schedule` for `goodsClass` in force on `date` (the latest one that has
    /// started), or nil when `date` is before every such entry.
    public static func inForce(
        on date: CivilDate, goodsClass: PPNGoodsClass = .ordinary, schedule: [PPNRate] = PPNRate.schedule
    ) -> PPNRate? {
        schedule.filter { $0.goodsClass == goodsClass && $0.effectiveFrom <= date }
            .max { $0.effectiveFrom < $1.effectiveFrom }
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
