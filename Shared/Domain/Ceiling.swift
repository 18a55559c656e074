// The value limit of one purchase through SiOpen (Pasal 2), held as data per funding source.
import SiOpenProtocol

/// Where the money for a purchase comes from (Pasal 2).
public enum FundingSource: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// The state budget.
    case apbn
    /// The regional budget.
    case apbd
    /// A regional public service agency's own budget.
    case blud
    /// A regional state-owned enterprise's budget.
    case bumd
}

/// The most one purchase funded by `source` may cost, from `effectiveFrom`, and why.
///
/// Decoding trusts what was stored; values from a caller go through the throwing initializer.
public struct PurchaseCeiling: Sendable, Hashable, Codable {
    /// The funding source it limits.
    public let source: FundingSource
    /// The highest allowed total, inclusive.
    public let amount: Rupiah
    /// The rule that sets it, e.g. `Perbup Balangan 92/2023 Pasal 2`.
    public let legalBasis: String
    /// The first day it applies.
    public let effectiveFrom: CivilDate

    /// A ceiling; a zero amount (422 `amount`) or an empty legal basis (422 `legalBasis`) is refused.
    public init(source: FundingSource, amount: Rupiah, legalBasis: String, effectiveFrom: CivilDate)
        throws(DomainRefusal)
    {
        guard amount > .zero else { throw .validationFailed(field: "amount", reason: "must be more than zero") }
        guard !legalBasis.allSatisfy(\.isWhitespace) else {
            throw .validationFailed(field: "legalBasis", reason: "must name the rule that sets the ceiling")
        }
        self.init(unchecked: source, amount, legalBasis, effectiveFrom)
    }

    private init(unchecked source: FundingSource, _ amount: Rupiah, _ legalBasis: String, _ effectiveFrom: CivilDate) {
        self.source = source
        self.amount = amount
        self.legalBasis = legalBasis
        self.effectiveFrom = effectiveFrom
    }

    /// Rp10,000,000 for APBN and APBD from the day Perbup Balangan 92/2023 was enacted.
    static func balangan(_ source: FundingSource) -> PurchaseCeiling {
        PurchaseCeiling(unchecked: source, 10_000_000, "Perbup Balangan 92/2023 Pasal 2", .fixed("2023-12-28"))
    }
}

/// A tenant's ceilings, possibly several per source over time.
public struct PurchaseCeilings: Sendable, Hashable, Codable {
    /// Every entry, in no particular order.
    public let entries: [PurchaseCeiling]

    /// The ceilings `entries`.
    public init(_ entries: [PurchaseCeiling]) { self.entries = entries }

    /// APBN and APBD at Rp10,000,000 per purchase (Pasal 2). BLUD and BUMD have no default:
    /// Pasal 2 leaves their limits to their own rules, so the tenant must set them.
    public static let balanganDefaults = PurchaseCeilings([.balangan(.apbn), .balangan(.apbd)])

    /// The entry for `source` in force on `date` (the latest that has started), or nil.
    public func inForce(for source: FundingSource, on date: CivilDate) -> PurchaseCeiling? {
        entries.filter { $0.source == source && $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }
    }

    /// These ceilings with `ceiling` added, replacing an entry of the same source and start day.
    public func setting(_ ceiling: PurchaseCeiling) -> PurchaseCeilings {
        PurchaseCeilings(
            entries.filter { !($0.source == ceiling.source && $0.effectiveFrom == ceiling.effectiveFrom) } + [ceiling])
    }
}
