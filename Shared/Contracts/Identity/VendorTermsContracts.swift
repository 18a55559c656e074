import SiOpenProtocol

// The vendor terms (syarat dan ketentuan penyedia, Perbup Balangan annex I.C.1.a) a registration
// accepts by version: readable by anyone, so a client shows them before `vendor.register`.

/// The vendor terms in force: what `vendor.register`'s `acceptedTermsVersion` must name.
public struct VendorTerms: Codable, Sendable, Hashable {
    /// The version a registration must accept (`acceptedTermsVersion`), e.g. `2026-1`.
    public var version: String
    /// The first calendar day they apply, `YYYY-MM-DD` in the tenant's time zone.
    public var effectiveFrom: String
    /// Where the duty to accept them comes from.
    public var legalBasis: String
    /// The full text (Indonesian), paragraphs separated by blank lines.
    public var text: String

    /// Creates them.
    public init(version: String, effectiveFrom: String, legalBasis: String, text: String) {
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
        self.text = text
    }
}

/// `vendor.terms`: the current vendor terms, for anyone (a vendor reads them before registering).
public enum VendorTermsGet: RPCMethod {
    public static let name = "vendor.terms"
    public static let summary =
        "The vendor terms in force: version (what vendor.register's acceptedTermsVersion must name), the day they apply from, their legal basis and full text. Anyone may read them."
    public static let access = Access.anyone
    /// Nothing beyond malformed params can go wrong.
    public static let errors: [ApplicationErrorCode]? = []
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = VendorTerms
}
