import SiOpenDomain
import SiOpenProtocol

/// The most one payment by a mechanism may pay one payee, as dated data with its legal basis
/// (KKPD: Rp200,000,000 per payee, Permendagri 79/2022).
public struct PaymentMechanismLimit: Codable, Sendable, Hashable {
    /// The mechanism limited.
    public var mechanism: PaymentMechanism
    /// The most one payment may be, PPN included, integer rupiah. 0 to 1,000,000,000,000 (``InputLimits/amount``).
    public var maximum: Rupiah
    /// The first day it applies.
    public var effectiveFrom: CivilDate
    /// The last day it applies; null while in force.
    public var effectiveUntil: CivilDate?
    /// The regulation that sets it.
    public var legalBasis: String

    /// Creates it.
    public init(
        mechanism: PaymentMechanism, maximum: Rupiah, effectiveFrom: CivilDate, effectiveUntil: CivilDate? = nil,
        legalBasis: String
    ) {
        self.mechanism = mechanism
        self.maximum = maximum
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.legalBasis = legalBasis
    }

    /// Whether it applies on `date`.
    public func isInForce(on date: CivilDate) -> Bool {
        effectiveFrom <= date && (effectiveUntil.map { date <= $0 } ?? true)
    }

    /// The shipped default: KKPD at most Rp200,000,000 per payee.
    public static let defaults = [
        PaymentMechanismLimit(
            mechanism: .kkpd, maximum: 200_000_000, effectiveFrom: .fixed("2022-12-01"),
            legalBasis: "Permendagri 79/2022 (KKPD): at most Rp200.000.000 per payee")
    ]
}

/// A tenant's payment rules, held as data: the dated tax rule table (rates, thresholds, object
/// codes, legal bases), the deposit deadline rule and the holiday calendar (``TaxSettings``), the
/// mechanisms' limits, and what the payment documents print.
public struct PaymentsSettings: Codable, Sendable, Hashable {
    /// The tenant.
    public var tenant: String
    /// The tax rules, validated by the tax computation's own rules.
    public var tax: TaxSettings
    /// The mechanisms' dated limits per payment.
    public var mechanismLimits: [PaymentMechanismLimit]
    /// What the kuitansi, slips, proof and packet print, dated; the seed while none are stored.
    public var documents: PaymentDocumentSettings?
    /// The version read, for optimistic concurrency; null for a tenant that has none stored yet.
    public var version: Int64?

    /// Creates it.
    public init(
        tenant: String, tax: TaxSettings, mechanismLimits: [PaymentMechanismLimit] = PaymentMechanismLimit.defaults,
        documents: PaymentDocumentSettings? = nil, version: Int64? = nil
    ) {
        self.tenant = tenant
        self.tax = tax
        self.mechanismLimits = mechanismLimits
        self.documents = documents
        self.version = version
    }
}

/// `payments.settings.get`: a tenant's payment rules.
public enum PaymentsSettingsGet: RPCMethod {
    /// The wire name.
    public static let name = "payments.settings.get"
    /// What it does.
    public static let summary =
        "A tenant's payment rules: the dated tax rule table (PPN, PPh 22, PPh 23, the UMKM final rate, thresholds, exemptions, rounding, legal basis), the deposit deadline and the holiday calendar; the defaults while none are stored."
    /// Who may call it.
    public static let access = Access.authenticated
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The tenant.
    public typealias Params = TenantScope
    /// The settings.
    public typealias Result = PaymentsSettings
}

/// `payments.settings.set`: Super Admin sets a tenant's payment rules.
public enum PaymentsSettingsSet: RPCMethod {
    /// The wire name.
    public static let name = "payments.settings.set"
    /// What it does.
    public static let summary =
        "Super Admin sets a tenant's payment rules (validated, audited); send the version read (none the first time)."
    /// Who may call it.
    public static let access = Access.roles(.superAdmin)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .conflict, .validationFailed]
    /// The settings.
    public typealias Params = PaymentsSettings
    /// The settings as stored.
    public typealias Result = PaymentsSettings
}
