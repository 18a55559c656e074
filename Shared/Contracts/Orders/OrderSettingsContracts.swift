// The orders service's contract: the purchase procedure of Perbup Balangan 92/2023 annex I.D
// from the PPK's preparation to the Surat Pesanan, deliveries, inspection and the BAST, plus
// force-majeure orders (I.E) and the legal documents' verification (Pasal 8, I.F).
import SiOpenDomain
import SiOpenProtocol

// MARK: - Tenant settings

/// A purchase ceiling as a tenant states it.
public struct CeilingSetting: Codable, Sendable, Hashable {
    /// The funding source it limits.
    public var fundingSource: FundingSource
    /// The most one purchase may cost, PPN and supporting costs included. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var amount: Rupiah
    /// The rule it rests on (`Perbup Balangan 92/2023 Pasal 2`).
    public var legalBasis: String
    /// The first day it applies.
    public var effectiveFrom: CivilDate

    /// Creates it.
    public init(fundingSource: FundingSource, amount: Rupiah, legalBasis: String, effectiveFrom: CivilDate) {
        self.fundingSource = fundingSource
        self.amount = amount
        self.legalBasis = legalBasis
        self.effectiveFrom = effectiveFrom
    }
}

/// The clauses of a Surat Pesanan (annex I.D.1.c and Pasal 16), as the tenant's template sets
/// them and the PPK adapts them while preparing an order.
public struct SuratPesananTerms: Codable, Sendable, Hashable {
    /// Rights and obligations of both parties.
    public var rightsAndObligations: String
    /// How the work is carried out and delivered.
    public var workExecution: String
    /// The price clause's text as written on the Surat Pesanan (plain text, line breaks allowed).
    public var price: String
    /// The payment clause's text as written on the Surat Pesanan (plain text, line breaks allowed).
    public var payment: String
    /// The sanctions clause's text as written on the Surat Pesanan (plain text, line breaks allowed).
    public var sanctions: String
    /// The late-delivery penalty clause's text as written on the Surat Pesanan (plain text, line breaks allowed).
    public var latePenalty: String
    /// Force majeure (keadaan kahar).
    public var forceMajeure: String
    /// The dispute-settlement clause's text as written on the Surat Pesanan (plain text, line breaks allowed).
    public var disputeSettlement: String
    /// The ban on commissions and gratification (Pasal 16).
    public var antiGratification: String

    /// Creates it.
    public init(
        rightsAndObligations: String, workExecution: String, price: String, payment: String, sanctions: String,
        latePenalty: String,
        forceMajeure: String, disputeSettlement: String, antiGratification: String
    ) {
        self.rightsAndObligations = rightsAndObligations
        self.workExecution = workExecution
        self.price = price
        self.payment = payment
        self.sanctions = sanctions
        self.latePenalty = latePenalty
        self.forceMajeure = forceMajeure
        self.disputeSettlement = disputeSettlement
        self.antiGratification = antiGratification
    }
}

/// The split-purchase rule (pemecahan paket) as a tenant states it: orders of one agency to one
/// vendor within the window are added up, PPN included, across products, and flagged when the
/// sum exceeds the ceiling.
public struct SplitPurchaseRule: Codable, Sendable, Hashable {
    /// Days within which orders of one agency to one vendor are added up (default 30; no regulation sets a number). At the RPC boundary 0 to 3,650 (``InputLimits/days``); the rule allows 0 to 366.
    public var windowDays: Int
    /// The rule it rests on (`Perpres 16/2018 Pasal 20 ayat (2) huruf d, as amended by Perpres 12/2021`).
    public var legalBasis: String
    /// The first day it applies.
    public var effectiveFrom: CivilDate

    /// Creates it.
    public init(windowDays: Int, legalBasis: String, effectiveFrom: CivilDate) {
        self.windowDays = windowDays
        self.legalBasis = legalBasis
        self.effectiveFrom = effectiveFrom
    }

    /// The shipped default: a 30-day window under Perpres 16/2018 Pasal 20(2)(d), which forbids
    /// splitting a package to avoid e-purchasing or tender rules; Perpres 12/2021 keeps that
    /// prohibition. The window itself is the tenant's choice.
    public static let standard = SplitPurchaseRule(
        windowDays: 30,
        legalBasis:
            "Perpres 16/2018 Pasal 20 ayat (2) huruf d (dilarang memecah paket untuk menghindari ketentuan), as amended by Perpres 12/2021",
        effectiveFrom: .fixed("2018-07-01"))

    /// The rule among `rules` in force on `date` (the latest that has started), or nil.
    public static func inForce(on date: CivilDate, among rules: [SplitPurchaseRule]) -> SplitPurchaseRule? {
        rules.filter { $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }
    }
}

/// A tenant's order rules, held as data.
public struct OrdersSettings: Codable, Sendable, Hashable {
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// Ceilings per funding source (defaults: APBN and APBD Rp10,000,000, Pasal 2; BLUD and BUMD unset).
    public var ceilings: [CeilingSetting]
    /// Days a vendor has to answer an order before it expires (default 5). At the RPC boundary 0 to 3,650 (``InputLimits/days``).
    public var vendorResponseDays: Int
    /// The split-purchase rules, dated: the one in force on an order's date applies (default: 30 days, Perpres 16/2018 Pasal 20(2)(d)). Settings stored before these rules existed read their `splitPurchaseWindowDays` as the default rule's window.
    public var splitPurchaseRules: [SplitPurchaseRule]
    /// The most days of late-delivery penalty charged (default 50). At the RPC boundary 0 to 3,650 (``InputLimits/days``).
    public var maxPenaltyDays: Int
    /// The PPN rules, dated, with their legal basis: the one for the goods class in force on the order's tax date applies (default: 11% from 2022-04-01; from 2025-01-01 12% of DPP nilai lain 11/12, and 12% of the full price for luxury goods, PMK 131/2024). Settings stored before these rules existed read as the default.
    public var ppnRates: [PPNRate]
    /// Whether an order's delivery date may fall after 31 December of the year it is prepared in (the budget year, UU 17/2003 Pasal 4; default false: refused).
    public var allowsDeliveryBeyondBudgetYear: Bool
    /// The Surat Pesanan number template (default `{seq}/SP/{agency}/{roman month}/{year}`).
    public var suratPesananNumberTemplate: String
    /// The BAST number template (default `{seq}/BAST/{agency}/{roman month}/{year}`).
    public var bastNumberTemplate: String
    /// The default clauses of a Surat Pesanan.
    public var terms: SuratPesananTerms
    /// The place printed on documents (`Paringin`).
    public var documentPlace: String
    /// Optimistic-concurrency version (send it back to change the settings).
    public var version: Int64?
    /// The texts the tenant's documents print and the stamp-duty rule; nil for the tenant's shipped example.
    public var documents: DocumentSettings?

    private enum CodingKeys: String, CodingKey {
        case tenant, ceilings, vendorResponseDays, splitPurchaseRules, maxPenaltyDays, ppnRates,
            allowsDeliveryBeyondBudgetYear, suratPesananNumberTemplate, bastNumberTemplate, terms, documentPlace,
            version
    }

    private enum LegacyKeys: String, CodingKey {
        case splitPurchaseWindowDays
    }

    /// Creates it.
    public init(
        tenant: String, ceilings: [CeilingSetting], vendorResponseDays: Int,
        splitPurchaseRules: [SplitPurchaseRule] = [.standard], maxPenaltyDays: Int,
        ppnRates: [PPNRate] = PPNRate.schedule, allowsDeliveryBeyondBudgetYear: Bool = false,
        suratPesananNumberTemplate: String, bastNumberTemplate: String, terms: SuratPesananTerms, documentPlace: String,
        version: Int64? = nil, documents: DocumentSettings? = nil
    ) {
        self.documents = documents
        self.tenant = tenant
        self.ceilings = ceilings
        self.vendorResponseDays = vendorResponseDays
        self.splitPurchaseRules = splitPurchaseRules
        self.maxPenaltyDays = maxPenaltyDays
        self.ppnRates = ppnRates
        self.allowsDeliveryBeyondBudgetYear = allowsDeliveryBeyondBudgetYear
        self.suratPesananNumberTemplate = suratPesananNumberTemplate
        self.bastNumberTemplate = bastNumberTemplate
        self.terms = terms
        self.documentPlace = documentPlace
        self.version = version
    }

    /// Decodes settings, also those stored before the dated split-purchase and PPN rules existed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tenant = try container.decode(String.self, forKey: .tenant)
        ceilings = try container.decode([CeilingSetting].self, forKey: .ceilings)
        vendorResponseDays = try container.decode(Int.self, forKey: .vendorResponseDays)
        if let rules = try container.decodeIfPresent([SplitPurchaseRule].self, forKey: .splitPurchaseRules) {
            splitPurchaseRules = rules
        } else {
            let legacy = try decoder.container(keyedBy: LegacyKeys.self)
            var rule = SplitPurchaseRule.standard
            rule.windowDays =
                try legacy.decodeIfPresent(Int.self, forKey: .splitPurchaseWindowDays) ?? rule.windowDays
            splitPurchaseRules = [rule]
        }
        maxPenaltyDays = try container.decode(Int.self, forKey: .maxPenaltyDays)
        ppnRates = try container.decodeIfPresent([PPNRate].self, forKey: .ppnRates) ?? PPNRate.schedule
        allowsDeliveryBeyondBudgetYear =
            try container.decodeIfPresent(Bool.self, forKey: .allowsDeliveryBeyondBudgetYear) ?? false
        suratPesananNumberTemplate = try container.decode(String.self, forKey: .suratPesananNumberTemplate)
        bastNumberTemplate = try container.decode(String.self, forKey: .bastNumberTemplate)
        terms = try container.decode(SuratPesananTerms.self, forKey: .terms)
        documentPlace = try container.decode(String.self, forKey: .documentPlace)
        version = try container.decodeIfPresent(Int64.self, forKey: .version)
    }
}

// MARK: - Document texts and stamp duty

/// What a tenant's documents print and when they bear stamp duty, as dated data with legal
/// basis: the version in force on a document's date applies.
public struct DocumentSettings: Codable, Sendable, Hashable {
    /// The printed texts, one entry per version (at least one).
    public var texts: [DocumentTexts]
    /// The stamp-duty rule (bea meterai), one entry per version (at least one).
    public var meterai: [BeaMeteraiRule]

    /// Creates it.
    public init(texts: [DocumentTexts], meterai: [BeaMeteraiRule]) {
        self.texts = texts
        self.meterai = meterai
    }
}

/// One version of the texts a tenant's documents print.
public struct DocumentTexts: Codable, Sendable, Hashable {
    /// The first day these texts apply.
    public var effectiveFrom: CivilDate
    /// The rule these texts rest on, e.g. "Perbup Balangan 92/2023".
    public var legalBasis: String
    /// The system's name as documents print it, e.g. "SiOpen Balangan".
    public var systemName: String
    /// Why the documents are the legal proof of the purchase, printed at their end, e.g.
    /// "Perbup Balangan 92/2023 Pasal 8 dan Lampiran I huruf F".
    public var contractBasis: String
    /// The rule a force-majeure order rests on, printed in its Berita Acara, e.g.
    /// "Lampiran I huruf E Perbup Balangan 92/2023".
    public var forceMajeureBasis: String
    /// The rule that lets the PPK be assisted by an inspection team, printed on the BAST, e.g.
    /// "Lampiran I huruf D angka 3 huruf g Perbup Balangan 92/2023".
    public var inspectionBasis: String
    /// The seal note printed at the end of every document: how to check it. `{kode}` stands
    /// for the document's verification code, `{dasar}` for ``contractBasis``.
    public var sealNote: String
    /// The verification page's address, to which the QR code appends the verification code,
    /// e.g. `https://siopen.balangankab.go.id/verifikasi/`; empty while there is no portal
    /// (the QR code then holds the code alone).
    public var verificationURLPrefix: String

    /// Creates it.
    public init(
        effectiveFrom: CivilDate, legalBasis: String, systemName: String, contractBasis: String,
        forceMajeureBasis: String, inspectionBasis: String, sealNote: String, verificationURLPrefix: String
    ) {
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
        self.systemName = systemName
        self.contractBasis = contractBasis
        self.forceMajeureBasis = forceMajeureBasis
        self.inspectionBasis = inspectionBasis
        self.sealNote = sealNote
        self.verificationURLPrefix = verificationURLPrefix
    }
}

/// One version of the stamp-duty rule: documents stating more than `threshold` bear a meterai
/// of `amount` (UU 10/2020 Pasal 3 ayat (2) huruf g and Pasal 5).
public struct BeaMeteraiRule: Codable, Sendable, Hashable {
    /// The first day it applies.
    public var effectiveFrom: CivilDate
    /// The rule it rests on, e.g. "UU 10/2020 Pasal 3 ayat (2) huruf g dan Pasal 5".
    public var legalBasis: String
    /// Documents stating an amount above this bear the meterai (Rp5,000,000). At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var threshold: Rupiah
    /// The meterai's value (Rp10,000). At the RPC boundary Rp1 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var amount: Rupiah

    /// Creates it.
    public init(effectiveFrom: CivilDate, legalBasis: String, threshold: Rupiah, amount: Rupiah) {
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
        self.threshold = threshold
        self.amount = amount
    }
}

/// `orders.settings.get`: a tenant's order rules (defaults until Super Admin sets them).
public enum OrdersSettingsGet: RPCMethod {
    public static let name = "orders.settings.get"
    public static let summary =
        "A tenant's order rules: ceilings per funding source, the vendor response period, the dated split-purchase and PPN rules, the penalty cap, the budget-year delivery rule, document number templates and the Surat Pesanan clauses."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = OrdersSettings
}

/// `orders.settings.set`: Super Admin sets a tenant's order rules.
public enum OrdersSettingsSet: RPCMethod {
    public static let name = "orders.settings.set"
    public static let summary = "Super Admin sets a tenant's order rules; send the version read (none the first time)."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .conflict, .validationFailed]
    public typealias Params = OrdersSettings
    public typealias Result = OrdersSettings
}
