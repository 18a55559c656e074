// The taxes on one payment, from the order's facts and the tenant's dated rule table: pure, no I/O.
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// Computes the taxes the treasurer withholds and collects on one payment (see docs/tax-rules.md).
enum TaxComputation {
    /// The assessment of paying `facts` by `mechanism` on `paymentDate`: the tax lines with the rule
    /// row behind each, the taxes not applied with why, and gross = net + taxes + penalty.
    ///
    /// - `certificate`: the vendor's Surat Keterangan (PP 55/2022), when it registered one.
    /// - `isSplit`: whether the payment is part of a split purchase (thresholds then do not exempt).
    ///
    /// Refusals: 409 when the tenant's collector is the platform (PMK 58/2022, not implemented), or
    /// when the invoice's PPN does not match the tenant's PPN rule; 422 naming the field when an
    /// amount does not fit or no rule is in force.
    static func assess(
        facts: OrderPaymentFacts, mechanism: PaymentMechanism, paymentDate: CivilDate, certificate: UMKMCertificate?,
        isSplit: Bool, settings: TaxSettings
    ) throws(DomainRefusal) -> TaxAssessment {
        fatalError("not yet")
    }
}
