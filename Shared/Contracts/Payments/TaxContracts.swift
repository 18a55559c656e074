// The payments service's tax vocabulary: the tenant's dated tax rule table (rates, thresholds,
// exemptions, rounding, deposit deadlines, holidays) and what the computation gives back (tax
// lines with the rule that produced each figure, and the reasons a tax was not applied).
// Every figure the law sets is a data row with its effective dates, legal basis and source;
// `TaxSettings.defaults` seeds them. See docs/tax-rules.md for what each row was confirmed against.
import SiOpenDomain
import SiOpenProtocol

// MARK: - Vocabulary

/// How the treasurer pays (each mechanism selects a tax path).
public enum PaymentMechanism: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// UP/GU (uang persediaan / ganti uang): paid by the treasurer from the advance. Coretax `Imprest`.
    case upGu = "up_gu"
    /// LS (langsung): paid by SP2D from the regional treasury straight to the vendor. Coretax `Direct`.
    case ls
    /// KKPD (kartu kredit pemerintah daerah, Permendagri 79/2022): the regional government credit
    /// card, at most Rp200,000,000 per payee; the treasurer collects neither PPN nor PPh 22 on it.
    case kkpd

    /// The value of Coretax's `GovTreasurerOpt` for a slip of a payment by this mechanism
    /// (`Imprest` for UP/GU, `Direct` for LS). KKPD spends the UP (Permendagri 79/2022: KKPD is a way
    /// of using the uang persediaan), so it is `Imprest`.
    public var coretaxGovTreasurerOpt: String {
        switch self {
        case .upGu, .kkpd: "Imprest"
        case .ls: "Direct"
        }
    }
}

/// A tax the treasurer withholds or collects.
public enum TaxType: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// PPN (value added tax) collected from a PKP vendor (PMK 59/2022).
    case ppn
    /// PPh Pasal 22 collected on purchases of goods (PMK 59/2022).
    case pph22 = "pph_22"
    /// PPh Pasal 23 withheld on services (UU PPh Pasal 23, PMK 141/2015).
    case pph23 = "pph_23"
    /// Final PPh 0.5% of a UMKM holding a Surat Keterangan (PP 55/2022), instead of PPh 22/23.
    case pphFinalUMKM = "pph_final_umkm"
}

/// How a tax line's fraction of a rupiah is rounded: the shared ``RupiahRounding`` (`down`, `half_up`).
public typealias TaxRounding = RupiahRounding

/// What a rule applies to: the goods part, the services part, or the whole payment.
public enum TaxRuleScope: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// The goods part (items of kind goods and the costs that follow goods).
    case goods
    /// The services part (items of kind services and the costs that count as services).
    case services
    /// The whole payment (PPN, the final UMKM tax).
    case any
}

/// Which amount a rule's rate applies to.
public enum TaxBaseKind: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// The price (DPP) of the part without PPN: PPh 22's "harga pembelian tidak termasuk PPN", PPh 23's
    /// "jumlah bruto tidak termasuk PPN", the final tax's gross turnover.
    case priceExcludingPPN = "price_excluding_ppn"
    /// The PPN tax base as the tax invoice states it (the DPP, or from 2025 the DPP nilai lain of 11/12).
    case ppnTaxBase = "ppn_tax_base"
}

/// Who collects PPN and PPh 22 on the tenant's purchases.
public enum TaxCollectorRegime: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// The agency's treasurer (bendahara) collects and withholds (PMK 59/2022). The default.
    case treasurer
    /// The platform itself is appointed collector ("Pihak Lain", PMK 58/2022). Not implemented:
    /// the computation refuses (409) rather than compute the treasurer's taxes under it.
    case platform
}

/// An exact rate as a fraction: 15/1000 is 1.5%.
public struct TaxRate: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The numerator (15 for 1.5%), zero or more.
    public var numerator: Int64
    /// The denominator (1000 for 1.5%), 1 to 1,000,000.
    public var denominator: Int64

    /// Creates it (unchecked; ``TaxSettingsRules`` in the payments service checks a tenant's rates).
    public init(numerator: Int64, denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The rate written the Indonesian way, with a decimal comma: `1,5%`, `12%`, `0,5%`; a rate
    /// that is no finite decimal percentage is written as the fraction (`1/3`).
    public var display: String { TaxFigures.percent(self) }

    /// The display, `1,5%`.
    public var description: String { display }

    /// Whether both rates are the same number (15/1000 equals 3/200).
    public func isSameRate(as other: TaxRate) -> Bool {
        let left = numerator.multipliedFullWidth(by: other.denominator)
        let right = other.numerator.multipliedFullWidth(by: denominator)
        return left.high == right.high && left.low == right.low
    }
}

/// The rounding of tax lines in force over a period.
public struct TaxRoundingRule: Codable, Sendable, Hashable {
    /// How each tax line is rounded to whole rupiah.
    public var rounding: TaxRounding
    /// The first day it applies (the transaction date: the payment date for withholding).
    public var effectiveFrom: CivilDate
    /// The last day it applies; null while in force.
    public var effectiveUntil: CivilDate?
    /// The rule it rests on (`PER-11/PJ/2025 Pasal 129`).
    public var legalBasis: String
    /// Where it was confirmed (URL or citation), or `unconfirmed: …`.
    public var source: String

    /// Creates it.
    public init(
        rounding: TaxRounding, effectiveFrom: CivilDate, effectiveUntil: CivilDate?, legalBasis: String, source: String
    ) {
        self.rounding = rounding
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.legalBasis = legalBasis
        self.source = source
    }
}

/// One row of the tenant's tax rule table.
public struct TaxRule: Codable, Sendable, Hashable {
    /// The row's id, unique in the table (`pph22-goods-2022`): every tax line names it.
    public var id: String
    /// The tax.
    public var taxType: TaxType
    /// The part of the payment it applies to.
    public var appliesTo: TaxRuleScope
    /// For PPN only: the goods class (ordinary or luxury) whose invoices it covers; null for PPh.
    public var ppnGoodsClass: PPNGoodsClass?
    /// The rate applied to the base (for PPN the tariff on the PPN tax base: 12% from 2025).
    public var rate: TaxRate
    /// For PPN only: the DPP nilai lain factor (11/12 from 2025), null when the tariff applies to the DPP itself.
    public var otherBase: TaxRate?
    /// Which amount the rate applies to.
    public var base: TaxBaseKind
    /// The Coretax tax object code (kode objek pajak) printed on the slip, e.g. `22-910-01`; null for PPN (collected on the tax invoice).
    public var taxObjectCode: String?
    /// Payments up to this amount (inclusive) that are not split are not taxed; Rp0 for no threshold.
    public var threshold: Rupiah
    /// Whether the payment compared with the threshold includes PPN (a tenant setting: sources
    /// disagree for PPN; the default is true for PPN as the brief says, false for PPh).
    public var thresholdIncludesPPN: Bool
    /// Mechanisms on which the treasurer does not collect this tax (KKPD for PPN and PPh 22).
    public var exemptMechanisms: [PaymentMechanism]
    /// Category codes of items this rule does not tax (fuel, electricity, gas, water, postal items for PPh 22).
    public var exemptCategoryCodes: [String]
    /// Whether only a PKP vendor bears it (PPN).
    public var requiresPKP: Bool
    /// The first day it applies.
    public var effectiveFrom: CivilDate
    /// The last day it applies; null while in force.
    public var effectiveUntil: CivilDate?
    /// The rules it rests on (`PMK 59/2022 Pasal 3`).
    public var legalBasis: String
    /// Where it was confirmed (URL or citation), or `unconfirmed: …` for what a finance office must confirm.
    public var source: String

    /// Creates it.
    public init(
        id: String, taxType: TaxType, appliesTo: TaxRuleScope, ppnGoodsClass: PPNGoodsClass? = nil, rate: TaxRate,
        otherBase: TaxRate? = nil, base: TaxBaseKind, taxObjectCode: String?, threshold: Rupiah,
        thresholdIncludesPPN: Bool, exemptMechanisms: [PaymentMechanism], exemptCategoryCodes: [String] = [],
        requiresPKP: Bool, effectiveFrom: CivilDate, effectiveUntil: CivilDate?, legalBasis: String, source: String
    ) {
        self.id = id
        self.taxType = taxType
        self.appliesTo = appliesTo
        self.ppnGoodsClass = ppnGoodsClass
        self.rate = rate
        self.otherBase = otherBase
        self.base = base
        self.taxObjectCode = taxObjectCode
        self.threshold = threshold
        self.thresholdIncludesPPN = thresholdIncludesPPN
        self.exemptMechanisms = exemptMechanisms
        self.exemptCategoryCodes = exemptCategoryCodes
        self.requiresPKP = requiresPKP
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.legalBasis = legalBasis
        self.source = source
    }

    /// Whether the rule is in force on `date`.
    public func isInForce(on date: CivilDate) -> Bool {
        effectiveFrom <= date && (effectiveUntil.map { date <= $0 } ?? true)
    }
}

/// When collected tax must be deposited: a day of the month after the payment.
public struct DepositDeadlineRule: Codable, Sendable, Hashable {
    /// The taxes it covers; empty for every tax.
    public var taxTypes: [TaxType]
    /// The day of the following month (15), 1 to 28.
    public var dayOfFollowingMonth: Int
    /// Whether a due date on a weekend, holiday or cuti bersama moves to the next working day (PMK 81/2024 Pasal 100).
    public var movesToNextWorkingDay: Bool
    /// The first payment date it applies to.
    public var effectiveFrom: CivilDate
    /// The last payment date it applies to; null while in force.
    public var effectiveUntil: CivilDate?
    /// The rule it rests on (`PMK 81/2024 Pasal 94 ayat (2)`).
    public var legalBasis: String
    /// Where it was confirmed, or `unconfirmed: …`.
    public var source: String

    /// Creates it.
    public init(
        taxTypes: [TaxType], dayOfFollowingMonth: Int, movesToNextWorkingDay: Bool, effectiveFrom: CivilDate,
        effectiveUntil: CivilDate?, legalBasis: String, source: String
    ) {
        self.taxTypes = taxTypes
        self.dayOfFollowingMonth = dayOfFollowingMonth
        self.movesToNextWorkingDay = movesToNextWorkingDay
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.legalBasis = legalBasis
        self.source = source
    }

    /// Whether the rule covers `taxType` for a payment on `date`.
    public func covers(_ taxType: TaxType, on date: CivilDate) -> Bool {
        (taxTypes.isEmpty || taxTypes.contains(taxType)) && effectiveFrom <= date
            && (effectiveUntil.map { date <= $0 } ?? true)
    }
}

/// What kind of day off a holiday is.
public enum TaxHolidayKind: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// A national holiday (hari libur nasional).
    case nationalHoliday = "national_holiday"
    /// A collective leave day (cuti bersama), which PMK 81/2024 Pasal 100 also counts as a holiday.
    case cutiBersama = "cuti_bersama"
    /// A regional holiday the tenant declares.
    case regional
}

/// A day the tenant's tax office is closed: a due date on it moves to the next working day.
public struct TaxHoliday: Codable, Sendable, Hashable {
    /// The day.
    public var date: CivilDate
    /// Its name (`Hari Raya Idul Fitri 1446 H`).
    public var name: String
    /// National holiday, cuti bersama or regional.
    public var kind: TaxHolidayKind
    /// The decree it rests on (`SKB 3 Menteri Nomor 1017, 2, 2 Tahun 2024`).
    public var legalBasis: String
    /// Where it was confirmed, or `unconfirmed: …`.
    public var source: String

    /// Creates it.
    public init(date: CivilDate, name: String, kind: TaxHolidayKind, legalBasis: String, source: String) {
        self.date = date
        self.name = name
        self.kind = kind
        self.legalBasis = legalBasis
        self.source = source
    }
}

/// A vendor's Surat Keterangan under PP 55/2022 (the final 0.5% regime), as the vendor registers it.
public struct UMKMCertificate: Codable, Sendable, Hashable {
    /// The certificate's number as printed.
    public var number: String
    /// The first day it is valid.
    public var validFrom: CivilDate
    /// The last day it is valid (the end of the regime's time limit, or of the tax year it is for).
    public var validUntil: CivilDate
    /// The taxpayer's NPWP printed on it, when recorded.
    public var npwp: String?
    /// The taxpayer's name printed on it, when recorded.
    public var taxpayerName: String?
    /// The day the tax office issued it, when recorded.
    public var issuedOn: CivilDate?

    /// Creates it.
    public init(
        number: String, validFrom: CivilDate, validUntil: CivilDate, npwp: String? = nil, taxpayerName: String? = nil,
        issuedOn: CivilDate? = nil
    ) {
        self.number = number
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.npwp = npwp
        self.taxpayerName = taxpayerName
        self.issuedOn = issuedOn
    }

    /// Whether it is valid on `date` (both ends inclusive).
    public func isValid(on date: CivilDate) -> Bool { validFrom <= date && date <= validUntil }
}

/// Whether an order's supporting costs count with the goods or with the services.
public struct SupportingCostKinds: Codable, Sendable, Hashable {
    /// Delivery (ongkos kirim): part of the goods' price (default goods).
    public var delivery: ProductKind
    /// Installation (default services: jasa instalasi, PMK 141/2015).
    public var installation: ProductKind
    /// Training (default services: jasa pelatihan).
    public var training: ProductKind

    /// Creates it.
    public init(delivery: ProductKind, installation: ProductKind, training: ProductKind) {
        self.delivery = delivery
        self.installation = installation
        self.training = training
    }

    /// Delivery with the goods; installation and training as services.
    public static let standard = SupportingCostKinds(delivery: .goods, installation: .services, training: .services)
}

/// A tenant's tax rules, all data: the rule table, rounding, deposit deadlines, holidays, and who collects.
public struct TaxSettings: Codable, Sendable, Hashable {
    /// The rule table.
    public var rules: [TaxRule]
    /// The rounding of tax lines, dated.
    public var roundingRules: [TaxRoundingRule]
    /// The deposit deadlines, dated.
    public var depositDeadlines: [DepositDeadlineRule]
    /// The tenant's holiday calendar (national holidays, cuti bersama, regional holidays).
    public var holidays: [TaxHoliday]
    /// Who collects PPN and PPh 22 (default treasurer).
    public var collector: TaxCollectorRegime
    /// Whether delivery, installation and training count with goods or services.
    public var supportingCosts: SupportingCostKinds

    private enum CodingKeys: String, CodingKey {
        case rules, roundingRules, depositDeadlines, holidays, collector, supportingCosts
    }

    /// Creates it.
    public init(
        rules: [TaxRule], roundingRules: [TaxRoundingRule], depositDeadlines: [DepositDeadlineRule],
        holidays: [TaxHoliday], collector: TaxCollectorRegime = .treasurer,
        supportingCosts: SupportingCostKinds = .standard
    ) {
        self.rules = rules
        self.roundingRules = roundingRules
        self.depositDeadlines = depositDeadlines
        self.holidays = holidays
        self.collector = collector
        self.supportingCosts = supportingCosts
    }

    /// Decodes stored settings; members added later read as their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rules = try container.decode([TaxRule].self, forKey: .rules)
        roundingRules =
            try container.decodeIfPresent([TaxRoundingRule].self, forKey: .roundingRules)
            ?? TaxSettings.defaultRoundingRules
        depositDeadlines = try container.decode([DepositDeadlineRule].self, forKey: .depositDeadlines)
        holidays = try container.decode([TaxHoliday].self, forKey: .holidays)
        collector = try container.decodeIfPresent(TaxCollectorRegime.self, forKey: .collector) ?? .treasurer
        supportingCosts =
            try container.decodeIfPresent(SupportingCostKinds.self, forKey: .supportingCosts) ?? .standard
    }

    /// The shipped defaults, every row with its legal basis and source (below; docs/tax-rules.md says what each was confirmed against).
    public static let defaults = TaxSettings(
        rules: defaultRules, roundingRules: defaultRoundingRules, depositDeadlines: defaultDepositDeadlines,
        holidays: defaultHolidays)
}

// MARK: - Results

/// One computed tax line, with the rule that produced it and how.
public struct TaxLine: Codable, Sendable, Hashable {
    /// The tax.
    public var taxType: TaxType
    /// The part of the payment it was computed on (null for the whole payment).
    public var part: ProductKind?
    /// The id of the rule row that produced it.
    public var ruleID: String
    /// The Coretax tax object code; null for PPN.
    public var taxObjectCode: String?
    /// The tax base.
    public var base: Rupiah
    /// The rate.
    public var rate: TaxRate
    /// The tax, rounded to whole rupiah.
    public var amount: Rupiah
    /// The rounding applied.
    public var rounding: TaxRounding
    /// The rule's legal basis (and the rounding's).
    public var legalBasis: String
    /// The last day to deposit it.
    public var depositDueOn: CivilDate
    /// The Surat Keterangan's number when the final UMKM regime was applied.
    public var umkmCertificateNumber: String?
    /// How it was computed, in Bahasa Indonesia: `1,5% × Rp4.504.505 = Rp67.567,575 → Rp67.568 (pembulatan ke atas setengah, PER-11/PJ/2025 Pasal 129)`.
    public var explanation: String
    /// The same in English.
    public var explanationEnglish: String

    private enum CodingKeys: String, CodingKey {
        case taxType, part
        case ruleID = "ruleId"
        case taxObjectCode, base, rate, amount, rounding, legalBasis, depositDueOn, umkmCertificateNumber, explanation,
            explanationEnglish
    }

    /// Creates it.
    public init(
        taxType: TaxType, part: ProductKind?, ruleID: String, taxObjectCode: String?, base: Rupiah, rate: TaxRate,
        amount: Rupiah, rounding: TaxRounding, legalBasis: String, depositDueOn: CivilDate,
        umkmCertificateNumber: String?, explanation: String, explanationEnglish: String
    ) {
        self.taxType = taxType
        self.part = part
        self.ruleID = ruleID
        self.taxObjectCode = taxObjectCode
        self.base = base
        self.rate = rate
        self.amount = amount
        self.rounding = rounding
        self.legalBasis = legalBasis
        self.depositDueOn = depositDueOn
        self.umkmCertificateNumber = umkmCertificateNumber
        self.explanation = explanation
        self.explanationEnglish = explanationEnglish
    }
}

/// Why a tax was not applied.
public enum TaxExemptionReason: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// The payment is at most the rule's threshold and not split.
    case belowThreshold = "below_threshold"
    /// The mechanism is exempt (KKPD for PPN and PPh 22).
    case mechanismExempt = "mechanism_exempt"
    /// The vendor is not a PKP: no PPN was charged.
    case vendorNotPKP = "vendor_not_pkp"
    /// The final UMKM tax applied instead (PP 55/2022).
    case replacedByFinalUMKM = "replaced_by_final_umkm"
    /// The vendor's Surat Keterangan had expired on the payment date: PPh 22/23 applied instead.
    case certificateExpired = "certificate_expired"
    /// The vendor's Surat Keterangan was not yet valid on the payment date: PPh 22/23 applied instead.
    case certificateNotYetValid = "certificate_not_yet_valid"
    /// The vendor is UMKM but registered no Surat Keterangan: PPh 22/23 applied instead.
    case noCertificate = "no_certificate"
    /// The payment has no part of this kind (no goods for PPh 22, no services for PPh 23), or the part is Rp0.
    case nothingToTax = "nothing_to_tax"
    /// Every item of the part is in a category the rule excludes (fuel, electricity, …).
    case exemptCategory = "exempt_category"
}

/// A tax that was not applied, and why: so the treasurer and the auditor see it.
public struct TaxExemption: Codable, Sendable, Hashable {
    /// The tax.
    public var taxType: TaxType
    /// The part it concerns (null for the whole payment).
    public var part: ProductKind?
    /// The rule row that would have applied, when there is one.
    public var ruleID: String?
    /// Why not.
    public var reason: TaxExemptionReason
    /// The rule's legal basis for the exemption.
    public var legalBasis: String
    /// The reason in Bahasa Indonesia (`Pembayaran Rp2.000.000 tidak melebihi batas Rp2.000.000 …`).
    public var explanation: String
    /// The same in English.
    public var explanationEnglish: String

    private enum CodingKeys: String, CodingKey {
        case taxType, part
        case ruleID = "ruleId"
        case reason, legalBasis, explanation, explanationEnglish
    }

    /// Creates it.
    public init(
        taxType: TaxType, part: ProductKind?, ruleID: String?, reason: TaxExemptionReason, legalBasis: String,
        explanation: String, explanationEnglish: String
    ) {
        self.taxType = taxType
        self.part = part
        self.ruleID = ruleID
        self.reason = reason
        self.legalBasis = legalBasis
        self.explanation = explanation
        self.explanationEnglish = explanationEnglish
    }
}

/// One part of the payment's tax base: the goods or the services, as priced and without PPN.
public struct TaxBasePart: Codable, Sendable, Hashable {
    /// Goods or services.
    public var kind: ProductKind
    /// The part as priced on the order (including PPN when the prices include it).
    public var stated: Rupiah
    /// The part's DPP (without PPN): the order's DPP allocated by the stated amounts, the goods part
    /// rounded half up and the services part the rest, so the parts add up to the DPP.
    public var base: Rupiah
    /// How the allocation was made (`Rp4.504.505 × 3.000.000 / 5.000.000 = 2.702.703`).
    public var explanation: String

    /// Creates it.
    public init(kind: ProductKind, stated: Rupiah, base: Rupiah, explanation: String) {
        self.kind = kind
        self.stated = stated
        self.base = base
        self.explanation = explanation
    }
}

/// The taxes on one payment: gross = net + taxes collected + penalty, to the rupiah.
public struct TaxAssessment: Codable, Sendable, Hashable {
    /// The tax lines.
    public var lines: [TaxLine]
    /// The taxes that were not applied, with why.
    public var notApplied: [TaxExemption]
    /// The base parts (goods, services) the PPh lines were computed on.
    public var baseParts: [TaxBasePart]
    /// What the contract is worth, PPN included (the order's `totalIncludingPPN`).
    public var gross: Rupiah
    /// The late-delivery penalty deducted.
    public var penalty: Rupiah
    /// The sum of the lines.
    public var taxesCollected: Rupiah
    /// What is transferred to the vendor: gross − penalty − taxes collected.
    public var net: Rupiah
    /// The mechanism.
    public var mechanism: PaymentMechanism
    /// The payment (withholding) date the rules were taken on.
    public var paymentDate: CivilDate

    /// Creates it, checking that the lines add up to `taxesCollected` and gross = net + taxes +
    /// penalty; anything else is 422 naming `taxesCollected` or `net`.
    public init(
        lines: [TaxLine], notApplied: [TaxExemption], baseParts: [TaxBasePart], gross: Rupiah, penalty: Rupiah,
        taxesCollected: Rupiah, net: Rupiah, mechanism: PaymentMechanism, paymentDate: CivilDate
    ) throws(DomainRefusal) {
        let lineSum: Rupiah
        do { lineSum = try Rupiah.sum(lines.map(\.amount)) } catch {
            throw .validationFailed(
                field: "taxesCollected", reason: "must be an amount that fits: the sum is too large")
        }
        guard lineSum == taxesCollected else {
            throw .validationFailed(
                field: "taxesCollected", reason: "must be the sum of the tax lines (\(lineSum.formatted))")
        }
        let total: Rupiah
        do { total = try Rupiah.sum([net, taxesCollected, penalty]) } catch {
            throw .validationFailed(field: "net", reason: "must add up with taxes and penalty to an amount that fits")
        }
        guard total == gross else {
            throw .validationFailed(
                field: "net",
                reason:
                    "must make gross = net + taxes + penalty: \(gross.formatted) ≠ \(net.formatted) + \(taxesCollected.formatted) + \(penalty.formatted)"
            )
        }
        self.lines = lines
        self.notApplied = notApplied
        self.baseParts = baseParts
        self.gross = gross
        self.penalty = penalty
        self.taxesCollected = taxesCollected
        self.net = net
        self.mechanism = mechanism
        self.paymentDate = paymentDate
    }
}

// MARK: - Figures written the Indonesian way

/// Writes rates and exact fractions of a rupiah the Indonesian way (decimal comma, dots between thousands).
public enum TaxFigures {
    /// `rate` as a percentage: `1,5%`, `12%`; a rate with no finite decimal is written `n/d`.
    public static func percent(_ rate: TaxRate) -> String {
        guard rate.denominator > 0, rate.numerator >= 0 else { return "\(rate.numerator)/\(rate.denominator)" }
        // percent = numerator × 100 / denominator
        let (hundredfold, overflow) = rate.numerator.multipliedReportingOverflow(by: 100)
        guard !overflow, let text = decimal(hundredfold, over: rate.denominator, grouping: false) else {
            return "\(rate.numerator)/\(rate.denominator)"
        }
        return text + "%"
    }

    /// `value / denominator` written exactly with a decimal comma (`67.567,575`), or nil when it has
    /// no finite decimal expansion within 12 places or an operand is out of range.
    public static func decimal(_ value: Int64, over denominator: Int64, grouping: Bool = true) -> String? {
        guard let written = fraction(value, times: 1, over: denominator, places: 12, grouping: grouping),
            written.isExact
        else { return nil }
        return written.text
    }

    /// `value × numerator ÷ denominator` written with a decimal comma to at most `places` decimal
    /// places (`67.567,575`), with whether that is exact; nil when an operand is negative, the
    /// denominator is not positive, or the whole part does not fit. The product is taken at 128 bits.
    public static func fraction(
        _ value: Int64, times numerator: Int64, over denominator: Int64, places: Int, grouping: Bool = true
    ) -> (text: String, isExact: Bool)? {
        guard let (whole, remainder) = ExactArithmetic.divided(value, times: numerator, over: denominator) else {
            return nil
        }
        let divisor = UInt64(denominator)
        var rest = UInt64(remainder)
        var digits = ""
        while rest != 0 && digits.count < places {
            let (tenfold, overflow) = rest.multipliedReportingOverflow(by: 10)
            guard !overflow else { break }
            digits.append(String(tenfold / divisor))
            rest = tenfold % divisor
        }
        let wholeText = grouping ? grouped(whole) : String(whole)
        return (digits.isEmpty ? wholeText : wholeText + "," + digits, rest == 0)
    }

    /// `value` with dots between thousands: `4.504.505` (``Rupiah/formatted`` without `Rp`).
    public static func grouped(_ value: Int64) -> String {
        guard let amount = try? Rupiah(checked: value) else { return String(value) }
        return String(amount.formatted.dropFirst(2))
    }
}

// MARK: - Shipped defaults (data rows; a tenant's Super Admin changes them)

extension TaxSettings {
    /// Where the Coretax tax object codes come from.
    static let taxObjectCodeSource =
        "Coretax BPPU tax object codes as in DJP's Excel Converter BPPU (REF sheet) and several public Coretax BPPU implementations; not checked against the PER-11/PJ/2025 annex itself"

    /// The shipped rule table, oldest first. Rates, thresholds and exemptions as the brief states
    /// them; each row's `source` says what was confirmed and what was not (docs/tax-rules.md).
    public static let defaultRules: [TaxRule] = [
        TaxRule(
            id: "ppn-2010", taxType: .ppn, appliesTo: .any, ppnGoodsClass: .ordinary,
            rate: TaxRate(numerator: 10, denominator: 100), base: .ppnTaxBase, taxObjectCode: nil,
            threshold: 1_000_000, thresholdIncludesPPN: true, exemptMechanisms: [], requiresPKP: true,
            effectiveFrom: .fixed("2010-04-01"), effectiveUntil: .fixed("2022-03-31"),
            legalBasis:
                "UU 8/1983 Pasal 7 ayat (1) as amended by UU 42/2009 (10%); KMK 563/KMK.03/2003 (no collection on payments up to Rp1.000.000 including PPN, not split)",
            source:
                "unconfirmed: the Rp1.000.000 threshold is the brief's 'older rule'; the day it rose to Rp2.000.000 (PMK 231/2019 from 2020, or PMK 59/2022 from 2022-04-01) was not confirmed, 2022-04-01 is assumed"
        ),
        TaxRule(
            id: "ppn-2022", taxType: .ppn, appliesTo: .any, ppnGoodsClass: .ordinary,
            rate: TaxRate(numerator: 11, denominator: 100), base: .ppnTaxBase, taxObjectCode: nil,
            threshold: 2_000_000, thresholdIncludesPPN: true, exemptMechanisms: [.kkpd], requiresPKP: true,
            effectiveFrom: .fixed("2022-04-01"), effectiveUntil: .fixed("2024-12-31"),
            legalBasis:
                "UU 8/1983 Pasal 7 ayat (1) huruf a as amended by UU 7/2021 (HPP): 11%; PMK 231/2019 as amended by PMK 59/2022 (collection by the treasurer; Pasal 18 ayat (1) huruf b and h: not on KKP)",
            source:
                "11% from 2022-04-01: UU HPP. KKP exemption: DDTCNews 2 Oct 2025 (news.ddtc.co.id/berita/daerah/1814163). Threshold Rp2.000.000 including PPN: unconfirmed (pajakku reads it as excluding PPN; a tenant setting)"
        ),
        TaxRule(
            id: "ppn-2025", taxType: .ppn, appliesTo: .any, ppnGoodsClass: .ordinary,
            rate: TaxRate(numerator: 12, denominator: 100), otherBase: TaxRate(numerator: 11, denominator: 12),
            base: .ppnTaxBase, taxObjectCode: nil, threshold: 2_000_000, thresholdIncludesPPN: true,
            exemptMechanisms: [.kkpd], requiresPKP: true, effectiveFrom: .fixed("2025-01-01"), effectiveUntil: nil,
            legalBasis:
                "UU 8/1983 Pasal 7 ayat (1) huruf b as amended by UU 7/2021 (HPP); PMK 131/2024 Pasal 3 (12% of DPP nilai lain 11/12); PMK 231/2019 as amended by PMK 59/2022",
            source:
                "PMK 131/2024 as the brief states it; KKP exemption: DDTCNews 2 Oct 2025; threshold including PPN: unconfirmed (tenant setting)"
        ),
        TaxRule(
            id: "ppn-luxury-2025", taxType: .ppn, appliesTo: .any, ppnGoodsClass: .luxury,
            rate: TaxRate(numerator: 12, denominator: 100), base: .ppnTaxBase, taxObjectCode: nil,
            threshold: 2_000_000, thresholdIncludesPPN: true, exemptMechanisms: [.kkpd], requiresPKP: true,
            effectiveFrom: .fixed("2025-01-01"), effectiveUntil: nil,
            legalBasis:
                "UU 8/1983 Pasal 7 ayat (1) huruf b as amended by UU 7/2021 (HPP); PMK 131/2024 Pasal 2 (12% of the full price of goods subject to PPnBM); PMK 231/2019 as amended by PMK 59/2022",
            source: "PMK 131/2024 as the brief states it; threshold including PPN: unconfirmed (tenant setting)"),
        TaxRule(
            id: "pph22-goods-2010", taxType: .pph22, appliesTo: .goods, rate: TaxRate(numerator: 15, denominator: 1000),
            base: .priceExcludingPPN, taxObjectCode: "22-910-01", threshold: 2_000_000, thresholdIncludesPPN: false,
            exemptMechanisms: [], requiresPKP: false, effectiveFrom: .fixed("2010-04-01"),
            effectiveUntil: .fixed("2022-03-31"),
            legalBasis: "UU PPh Pasal 22 ayat (1) huruf b; PMK 154/2010 as amended by PMK 34/2017; PMK 231/2019",
            source:
                "unconfirmed: rate, threshold and start as the brief states them for the period before PMK 59/2022; code 22-910-01 is today's Coretax code (\(taxObjectCodeSource))"
        ),
        TaxRule(
            id: "pph22-goods-2022", taxType: .pph22, appliesTo: .goods, rate: TaxRate(numerator: 15, denominator: 1000),
            base: .priceExcludingPPN, taxObjectCode: "22-910-01", threshold: 2_000_000, thresholdIncludesPPN: false,
            exemptMechanisms: [.kkpd], requiresPKP: false, effectiveFrom: .fixed("2022-04-01"), effectiveUntil: nil,
            legalBasis:
                "UU PPh Pasal 22 ayat (1) huruf b; PMK 231/2019 as amended by PMK 59/2022 (1,5% of the price excluding PPN; Pasal 12 ayat (2) huruf b: not on KKP)",
            source:
                "1,5% and KKP: LLDIKTI V, Seri Artikel Pajak Pemerintah #3 (Pasal 12 ayat (2) huruf b PMK 231/2019 s.t.d.d. PMK 59/2022) and DDTCNews 2 Oct 2025; code 22-910-01 'Pemungutan oleh Bendaharawan' (\(taxObjectCodeSource)); threshold Rp2.000.000 excluding PPN: as the brief states it, unconfirmed"
        ),
        TaxRule(
            id: "pph23-services-2009", taxType: .pph23, appliesTo: .services,
            rate: TaxRate(numerator: 2, denominator: 100),
            base: .priceExcludingPPN, taxObjectCode: "24-104-65", threshold: 0, thresholdIncludesPPN: false,
            exemptMechanisms: [], requiresPKP: false, effectiveFrom: .fixed("2009-01-01"), effectiveUntil: nil,
            legalBasis:
                "UU PPh Pasal 23 ayat (1) huruf c angka 2 as amended by UU 36/2008 (2% of the gross excluding PPN); PMK 141/2015; PMK 231/2019 as amended by PMK 59/2022 Pasal 13",
            source:
                "2%: UU PPh Pasal 23; no threshold and still withheld on KKP: LLDIKTI V, Seri Artikel Pajak Pemerintah #3 (the issue's 'same thresholds and exemptions' is not what that source says: a tenant may set them); code 24-104-65 'jasa lain dibebankan pada APBN/APBD' (\(taxObjectCodeSource)); specific services have their own 24-104-xx codes (24-104-28 instalasi, 24-104-60 pelatihan)"
        ),
        TaxRule(
            id: "pph-final-umkm-2018", taxType: .pphFinalUMKM, appliesTo: .any,
            rate: TaxRate(numerator: 5, denominator: 1000), base: .priceExcludingPPN, taxObjectCode: "28-423-01",
            threshold: 0, thresholdIncludesPPN: false, exemptMechanisms: [], requiresPKP: false,
            effectiveFrom: .fixed("2018-07-01"), effectiveUntil: .fixed("2022-12-19"), legalBasis: "PP 23/2018",
            source:
                "unconfirmed: the start (PP 23/2018 from 1 July 2018) and the end (PP 55/2022 from 20 December 2022) are not confirmed here; code 28-423-01 (\(taxObjectCodeSource))"
        ),
        TaxRule(
            id: "pph-final-umkm-2022", taxType: .pphFinalUMKM, appliesTo: .any,
            rate: TaxRate(numerator: 5, denominator: 1000), base: .priceExcludingPPN, taxObjectCode: "28-423-01",
            threshold: 0, thresholdIncludesPPN: false, exemptMechanisms: [], requiresPKP: false,
            effectiveFrom: .fixed("2022-12-20"), effectiveUntil: nil,
            legalBasis: "PP 55/2022 (replacing PP 23/2018): final PPh 0,5% of gross turnover with a Surat Keterangan",
            source:
                "0,5%: the brief; code 28-423-01 (\(taxObjectCodeSource)); the regime's time limits and the Rp500.000.000 untaxed turnover of individuals (code 28-423-03) are the vendor's and the tax office's to confirm (DDTC 18 Nov 2025: a revision agreed, not yet issued)"
        ),
    ]

    /// The shipped rounding rules: down before 2025, half up from 2025-01-01.
    public static let defaultRoundingRules: [TaxRoundingRule] = [
        TaxRoundingRule(
            rounding: .down, effectiveFrom: .fixed("1984-01-01"), effectiveUntil: .fixed("2024-12-31"),
            legalBasis: "practice before PER-11/PJ/2025: fractions of a rupiah dropped",
            source: "unconfirmed: as the brief states it (no earlier rule text was found)"),
        TaxRoundingRule(
            rounding: .halfUp, effectiveFrom: .fixed("2025-01-01"), effectiveUntil: nil,
            legalBasis: "PER-11/PJ/2025 Pasal 129",
            source:
                "Pasal 129 ayat (3): below 0,50 down, 0,50 or more up, for DPP and PPh on bukti potong unifikasi and DPP/PPN on faktur pajak: DDTCNews 28 May 2025 (news.ddtc.co.id/berita/nasional/1811072). From 2025-01-01 (Coretax): as the brief states it; PER-11/PJ/2025 itself was issued in May 2025"
        ),
    ]

    /// The shipped deposit deadlines.
    public static let defaultDepositDeadlines: [DepositDeadlineRule] = [
        DepositDeadlineRule(
            taxTypes: [.pph22, .pph23, .pphFinalUMKM], dayOfFollowingMonth: 10, movesToNextWorkingDay: true,
            effectiveFrom: .fixed("2015-01-01"), effectiveUntil: .fixed("2024-12-31"),
            legalBasis: "PMK 242/PMK.03/2014 as amended",
            source:
                "PPh 23 by the 10th before PMK 81/2024: DDTCNews on PMK 81/2024; the 10th for PPh 22 and the final tax collected by a treasurer: unconfirmed"
        ),
        DepositDeadlineRule(
            taxTypes: [.ppn], dayOfFollowingMonth: 15, movesToNextWorkingDay: true, effectiveFrom: .fixed("2015-01-01"),
            effectiveUntil: .fixed("2024-12-31"), legalBasis: "PMK 242/PMK.03/2014 as amended",
            source: "unconfirmed: PPN collected by a government treasurer before 2025"),
        DepositDeadlineRule(
            taxTypes: [], dayOfFollowingMonth: 15, movesToNextWorkingDay: true, effectiveFrom: .fixed("2025-01-01"),
            effectiveUntil: nil, legalBasis: "PMK 81/2024 Pasal 94 ayat (2); Pasal 100 (holidays)",
            source:
                "PPh 4(2), 15, 21, 22, 23, 26 by the 15th of the following month: DDTCNews on PMK 81/2024 (Pasal 94); the move over holidays (Pasal 100) and PPN collected by a government collector (Pasal 94 ayat (3) lists exceptions): unconfirmed"
        ),
    ]

    static let skb2025 =
        "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1017 Tahun 2024, Nomor 2 Tahun 2024, Nomor 2 Tahun 2024"
    static let skb2025Source =
        "news reports of the SKB of 14 Oct 2024 (koran-jakarta.com, rasikapekalongan.com citing Sekretariat Kabinet, lingkarwilis.com citing kemenkopmk.go.id): 17 holidays, 10 cuti bersama; not checked against the SKB text"
    static let skb2026 =
        "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025"
    static let skb2026Source =
        "news reports of the SKB of 19 Sep 2025 (okezone.com 12 Jan 2026 for the number and January-February; pembelajaranbermaknaid.blogspot.com for the full list): 17 holidays, 8 cuti bersama; unconfirmed against the SKB text"

    static func holiday(_ date: String, _ name: String, _ kind: TaxHolidayKind, _ basis: String, _ source: String)
        -> TaxHoliday
    {
        TaxHoliday(date: .fixed(date), name: name, kind: kind, legalBasis: basis, source: source)
    }

    /// The shipped holiday calendar: Indonesian national holidays and cuti bersama of 2025 and 2026.
    public static let defaultHolidays: [TaxHoliday] = [
        holiday("2025-01-01", "Tahun Baru 2025 Masehi", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-01-27", "Isra Mikraj Nabi Muhammad SAW", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-01-28", "Cuti bersama Tahun Baru Imlek", .cutiBersama, skb2025, skb2025Source),
        holiday("2025-01-29", "Tahun Baru Imlek 2576 Kongzili", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-03-28", "Cuti bersama Hari Suci Nyepi", .cutiBersama, skb2025, skb2025Source),
        holiday("2025-03-29", "Hari Suci Nyepi (Tahun Baru Saka 1947)", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-03-31", "Idulfitri 1446 Hijriah", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-04-01", "Idulfitri 1446 Hijriah", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-04-02", "Cuti bersama Idulfitri 1446 Hijriah", .cutiBersama, skb2025, skb2025Source),
        holiday("2025-04-03", "Cuti bersama Idulfitri 1446 Hijriah", .cutiBersama, skb2025, skb2025Source),
        holiday("2025-04-04", "Cuti bersama Idulfitri 1446 Hijriah", .cutiBersama, skb2025, skb2025Source),
        holiday("2025-04-07", "Cuti bersama Idulfitri 1446 Hijriah", .cutiBersama, skb2025, skb2025Source),
        holiday("2025-04-18", "Wafat Yesus Kristus", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-04-20", "Kebangkitan Yesus Kristus (Paskah)", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-05-01", "Hari Buruh Internasional", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-05-12", "Hari Raya Waisak 2569 BE", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-05-13", "Cuti bersama Hari Raya Waisak", .cutiBersama, skb2025, skb2025Source),
        holiday("2025-05-29", "Kenaikan Yesus Kristus", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-05-30", "Cuti bersama Kenaikan Yesus Kristus", .cutiBersama, skb2025, skb2025Source),
        holiday("2025-06-01", "Hari Lahir Pancasila", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-06-06", "Iduladha 1446 Hijriah", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-06-09", "Cuti bersama Iduladha 1446 Hijriah", .cutiBersama, skb2025, skb2025Source),
        holiday("2025-06-27", "1 Muharam Tahun Baru Islam 1447 Hijriah", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-08-17", "Proklamasi Kemerdekaan", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-09-05", "Maulid Nabi Muhammad SAW", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-12-25", "Kelahiran Yesus Kristus", .nationalHoliday, skb2025, skb2025Source),
        holiday("2025-12-26", "Cuti bersama Kelahiran Yesus Kristus", .cutiBersama, skb2025, skb2025Source),
        holiday("2026-01-01", "Tahun Baru 2026 Masehi", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-01-16", "Isra Mikraj Nabi Muhammad SAW", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-02-16", "Cuti bersama Tahun Baru Imlek", .cutiBersama, skb2026, skb2026Source),
        holiday("2026-02-17", "Tahun Baru Imlek 2577 Kongzili", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-03-18", "Cuti bersama Hari Suci Nyepi", .cutiBersama, skb2026, skb2026Source),
        holiday("2026-03-19", "Hari Suci Nyepi (Tahun Baru Saka 1948)", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-03-20", "Cuti bersama Idulfitri 1447 Hijriah", .cutiBersama, skb2026, skb2026Source),
        holiday("2026-03-21", "Idulfitri 1447 Hijriah", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-03-22", "Idulfitri 1447 Hijriah", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-03-23", "Cuti bersama Idulfitri 1447 Hijriah", .cutiBersama, skb2026, skb2026Source),
        holiday("2026-03-24", "Cuti bersama Idulfitri 1447 Hijriah", .cutiBersama, skb2026, skb2026Source),
        holiday("2026-04-03", "Wafat Yesus Kristus", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-05-01", "Hari Buruh Internasional", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-05-14", "Kenaikan Yesus Kristus", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus", .cutiBersama, skb2026, skb2026Source),
        holiday("2026-05-27", "Iduladha 1447 Hijriah", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-05-28", "Cuti bersama Iduladha 1447 Hijriah", .cutiBersama, skb2026, skb2026Source),
        holiday("2026-05-31", "Hari Raya Waisak 2570 BE", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-06-01", "Hari Lahir Pancasila", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-06-16", "1 Muharam Tahun Baru Islam 1448 Hijriah", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-08-17", "Proklamasi Kemerdekaan", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-08-25", "Maulid Nabi Muhammad SAW", .nationalHoliday, skb2026, skb2026Source),
        holiday("2026-12-24", "Cuti bersama Kelahiran Yesus Kristus", .cutiBersama, skb2026, skb2026Source),
        holiday("2026-12-25", "Kelahiran Yesus Kristus", .nationalHoliday, skb2026, skb2026Source),
    ]
}
