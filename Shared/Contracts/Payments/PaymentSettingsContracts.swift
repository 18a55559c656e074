import SiOpenDomain
import SiOpenProtocol

/// A tenant's payment rules, held as data: the dated tax rule table (rates, thresholds, object
/// codes, legal bases), the deposit deadline rule and the holiday calendar (``TaxSettings``).
public struct PaymentsSettings: Codable, Sendable, Hashable {
    /// The tenant.
    public var tenant: String
    /// The tax rules, validated by the tax computation's own rules.
    public var tax: TaxSettings
    /// The version read, for optimistic concurrency; null for a tenant that has none stored yet.
    public var version: Int64?

    /// Creates it.
    public init(tenant: String, tax: TaxSettings, version: Int64? = nil) {
        self.tenant = tenant
        self.tax = tax
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
