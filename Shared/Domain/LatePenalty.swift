// The late-delivery penalty (denda keterlambatan), Perpres 16/2018 Pasal 79.
import SiOpenProtocol

/// The penalty rate as data: `perMille` thousandths of the late part's value per day.
///
/// Decoding trusts what was stored; values from a caller go through the throwing initializer.
public struct LatePenaltyRate: Sendable, Hashable, Codable {
    /// Thousandths of the value per day late.
    public let perMille: Int64
    /// The first day it applies.
    public let effectiveFrom: CivilDate
    /// The rule that sets it.
    public let legalBasis: String

    /// A rate; `perMille` must be 1 to 1000 (422 naming `perMille`).
    public init(perMille: Int64, effectiveFrom: CivilDate, legalBasis: String) throws(DomainRefusal) {
        guard (1...1_000).contains(perMille) else {
            throw .validationFailed(field: "perMille", reason: "must be from 1 to 1000")
        }
        self.init(unchecked: perMille, effectiveFrom, legalBasis)
    }

    private init(unchecked perMille: Int64, _ effectiveFrom: CivilDate, _ legalBasis: String) {
        self.perMille = perMille
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
    }

    /// 1‰ per day of the late part's value before PPN, from the day Perpres 16/2018 took effect.
    public static let perpres16of2018 = LatePenaltyRate(
        unchecked: 1, .fixed("2018-07-01"), "Perpres 16/2018 Pasal 79 ayat (4) (amended by Perpres 12/2021 and 46/2025)"
    )
}

/// What a late part is: units of an item, or the order's supporting costs.
public enum LatePartKind: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Units of one item of the order.
    case item
    /// The agreed delivery (ongkos kirim), installation and training lines: done only when the
    /// whole order is delivered, so late when the last delivery is late.
    case supportingCosts = "supporting_costs"
}

/// A part of the order that was (or still is) late.
public struct LatePart: Sendable, Hashable, Codable {
    /// The part's value before PPN (its DPP): the penalty's base.
    public var valueBeforePPN: Rupiah
    /// The agreed delivery date.
    public var dueDate: CivilDate
    /// The day it was delivered, or nil while it is still outstanding.
    public var deliveredOn: CivilDate?
    /// What the part is.
    public var kind: LatePartKind
    /// The order item, for a part of kind `item`.
    public var itemID: String?

    /// Creates a late part.
    public init(
        valueBeforePPN: Rupiah, dueDate: CivilDate, deliveredOn: CivilDate?, kind: LatePartKind = .item,
        itemID: String? = nil
    ) {
        self.valueBeforePPN = valueBeforePPN
        self.dueDate = dueDate
        self.deliveredOn = deliveredOn
        self.kind = kind
        self.itemID = itemID
    }
}

/// The penalty on one late part: its base, days, rate and amount, as the BAST shows them.
public struct LatePartPenalty: Sendable, Hashable, Codable {
    /// Calendar days late, uncapped.
    public let daysLate: Int
    /// Days charged: `daysLate` capped at the maximum.
    public let daysCharged: Int
    /// The penalty for this part: `base × daysCharged × perMille ÷ 1000`, rounded half up.
    public let amount: Rupiah
    /// The part's value before PPN the rate applies to; nil in assessments stored before it was kept.
    public let base: Rupiah?
    /// What the part is; nil in assessments stored before it was kept.
    public let kind: LatePartKind?
    /// The order item, for a part of kind `item`.
    public let itemID: String?
    /// The agreed delivery date; nil in assessments stored before it was kept.
    public let dueDate: CivilDate?
    /// The day it was delivered; nil while outstanding (or in assessments stored before it was kept).
    public let deliveredOn: CivilDate?

    /// Creates a part's penalty.
    public init(
        daysLate: Int, daysCharged: Int, amount: Rupiah, base: Rupiah? = nil, kind: LatePartKind? = nil,
        itemID: String? = nil, dueDate: CivilDate? = nil, deliveredOn: CivilDate? = nil
    ) {
        self.daysLate = daysLate
        self.daysCharged = daysCharged
        self.amount = amount
        self.base = base
        self.kind = kind
        self.itemID = itemID
        self.dueDate = dueDate
        self.deliveredOn = deliveredOn
    }
}

/// The penalty on an order: per part and in total, with the rate and its legal basis.
public struct LatePenaltyAssessment: Sendable, Hashable, Codable {
    /// One entry per late part, in the order given.
    public let parts: [LatePartPenalty]
    /// The sum of the parts' penalties.
    public let total: Rupiah
    /// The sum of the parts' bases (the late value before PPN).
    public let base: Rupiah
    /// The rate: thousandths of the base per day late.
    public let perMille: Int64
    /// The most days charged per part.
    public let maxDays: Int?
    /// The rule the rate rests on.
    public let legalBasis: String

    private enum CodingKeys: String, CodingKey {
        case parts, total, base, perMille, maxDays, legalBasis
    }

    /// Creates an assessment.
    public init(
        parts: [LatePartPenalty], total: Rupiah, base: Rupiah = .zero,
        rate: LatePenaltyRate = .perpres16of2018, maxDays: Int? = nil
    ) {
        self.parts = parts
        self.total = total
        self.base = base
        self.perMille = rate.perMille
        self.maxDays = maxDays
        self.legalBasis = rate.legalBasis
    }

    /// Decodes a stored assessment; one stored before the base and rate were kept reads the
    /// parts' known bases and the rate it was computed at (1‰, Perpres 16/2018 Pasal 79).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parts = try container.decode([LatePartPenalty].self, forKey: .parts)
        total = try container.decode(Rupiah.self, forKey: .total)
        base =
            try container.decodeIfPresent(Rupiah.self, forKey: .base)
            ?? (try? Rupiah.sum(parts.compactMap(\.base))) ?? .zero
        perMille =
            try container.decodeIfPresent(Int64.self, forKey: .perMille) ?? LatePenaltyRate.perpres16of2018.perMille
        maxDays = try container.decodeIfPresent(Int.self, forKey: .maxDays)
        legalBasis =
            try container.decodeIfPresent(String.self, forKey: .legalBasis)
            ?? LatePenaltyRate.perpres16of2018.legalBasis
    }
}
