import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// The most a mechanism may pay one payee in one payment, by the tenant's dated limits.
enum MechanismLimits {
    /// Refuses (422 naming `mechanism`) a payment of `gross` by `mechanism` on `date` above the
    /// limit in force then (KKPD: Rp200,000,000 per payee, Permendagri 79/2022).
    static func check(
        _ mechanism: PaymentMechanism, gross: Rupiah, on date: CivilDate, limits: [PaymentMechanismLimit]
    ) throws(DomainRefusal) {
        guard let limit = limits.first(where: { $0.mechanism == mechanism && $0.isInForce(on: date) }),
            gross > limit.maximum
        else { return }
        throw .validationFailed(
            field: "mechanism",
            reason:
                "\(mechanism.rawValue) pays at most \(limit.maximum.formatted) per payee (\(limit.legalBasis)); this payment is \(gross.formatted): pay it by LS or UP/GU"
        )
    }

    /// The problems of a tenant's limits: one per mechanism and date, periods that end before they start, a legal basis each.
    static func problems(_ limits: [PaymentMechanismLimit]) -> [FieldError] {
        var problems: [FieldError] = []
        for (index, limit) in limits.enumerated() {
            if let until = limit.effectiveUntil, until < limit.effectiveFrom {
                problems.append(
                    FieldError(
                        field: "mechanismLimits[\(index)].effectiveUntil", reason: "must not be before effectiveFrom"))
            }
            if limit.legalBasis.trimmingCharacters(in: .whitespaces).isEmpty || limit.legalBasis.count > 500 {
                problems.append(
                    FieldError(field: "mechanismLimits[\(index)].legalBasis", reason: "must be 1 to 500 characters"))
            }
            for other in limits[..<index] where other.mechanism == limit.mechanism {
                let overlaps =
                    limit.effectiveFrom <= (other.effectiveUntil ?? .fixed("9999-12-31"))
                    && other.effectiveFrom <= (limit.effectiveUntil ?? .fixed("9999-12-31"))
                if overlaps {
                    problems.append(
                        FieldError(
                            field: "mechanismLimits[\(index)].effectiveFrom",
                            reason: "overlaps another limit of \(limit.mechanism.rawValue)"))
                }
            }
        }
        return problems
    }
}
