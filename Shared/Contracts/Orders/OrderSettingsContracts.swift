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

/// A tenant's order rules, held as data.
public struct OrdersSettings: Codable, Sendable, Hashable {
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// Ceilings per funding source (defaults: APBN and APBD Rp10,000,000, Pasal 2; BLUD and BUMD unset).
    public var ceilings: [CeilingSetting]
    /// Days a vendor has to answer an order before it expires (default 5). At the RPC boundary 0 to 3,650 (``InputLimits/days``).
    public var vendorResponseDays: Int
    /// Days within which orders of one agency to one vendor for one product are added up to detect split purchases (default 30). At the RPC boundary 0 to 3,650 (``InputLimits/days``).
    public var splitPurchaseWindowDays: Int
    /// The most days of late-delivery penalty charged (default 50). At the RPC boundary 0 to 3,650 (``InputLimits/days``).
    public var maxPenaltyDays: Int
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

    /// Creates it.
    public init(
        tenant: String, ceilings: [CeilingSetting], vendorResponseDays: Int, splitPurchaseWindowDays: Int,
        maxPenaltyDays: Int,
        suratPesananNumberTemplate: String, bastNumberTemplate: String, terms: SuratPesananTerms, documentPlace: String,
        version: Int64? = nil
    ) {
        self.tenant = tenant
        self.ceilings = ceilings
        self.vendorResponseDays = vendorResponseDays
        self.splitPurchaseWindowDays = splitPurchaseWindowDays
        self.maxPenaltyDays = maxPenaltyDays
        self.suratPesananNumberTemplate = suratPesananNumberTemplate
        self.bastNumberTemplate = bastNumberTemplate
        self.terms = terms
        self.documentPlace = documentPlace
        self.version = version
    }
}

/// `orders.settings.get`: a tenant's order rules (defaults until Super Admin sets them).
public enum OrdersSettingsGet: RPCMethod {
    public static let name = "orders.settings.get"
    public static let summary =
        "A tenant's order rules: ceilings per funding source, the vendor response period, the split-purchase window, the penalty cap, document number templates and the Surat Pesanan clauses."
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
