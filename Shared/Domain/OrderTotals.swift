// An order's money: lines, supporting costs, PPN and the totals printed on the Surat Pesanan.
import SiOpenProtocol

/// One line of an order or offer: an item of the order at a unit price and quantity.
public struct OfferLine: Sendable, Hashable, Codable {
    /// The order item's id (one per product in the order).
    public var itemID: String
    /// The unit price, stated on the order's ``PriceBasis``. From callers: ``InputLimits/amount``.
    public var unitPrice: Rupiah
    /// How many units. From callers: ``InputLimits/quantity``.
    public var quantity: Int

    /// Creates a line.
    public init(itemID: String, unitPrice: Rupiah, quantity: Int) {
        self.itemID = itemID
        self.unitPrice = unitPrice
        self.quantity = quantity
    }
}

/// One line's amount.
public struct LineTotal: Sendable, Hashable, Codable {
    /// The order item's id.
    public let itemID: String
    /// The unit price.
    public let unitPrice: Rupiah
    /// How many units.
    public let quantity: Int
    /// unitPrice × quantity.
    public let amount: Rupiah
}

/// An order's totals as the Surat Pesanan shows them and the tax invoice (faktur pajak) computes
/// them, with checked integer arithmetic.
///
/// The lines and supporting costs add up to `statedTotal`, on the order's ``PriceBasis``. PPN is
/// computed once on that whole amount, step by step as ``PPNRate`` sets out: the DPP (`totalBeforePPN`),
/// the DPP nilai lain (`dppNilaiLain`) and the PPN (`ppn`), each rounded by its own rule; what the
/// buyer pays is `totalIncludingPPN = totalBeforePPN + ppn`, so the printed table adds up.
///
/// With PPN-exclusive prices the DPP is `statedTotal` and PPN is added on top. With PPN-inclusive
/// prices the DPP is taken out of `statedTotal`; because the DPP and the PPN are each whole
/// rupiah, DPP + PPN can differ from the stated amount by Rp1 either way (Rp5,000,000 including
/// PPN: DPP 4,504,505 + PPN 495,496 = 5,000,001). The tax invoice is what counts, so the total is
/// DPP + PPN and the difference is shown as `roundingDifference`. A non-PKP vendor charges no
/// PPN: DPP, DPP nilai lain and total are the stated amount.
public struct OrderTotals: Sendable, Hashable, Codable {
    /// Each line with its amount.
    public let lines: [LineTotal]
    /// The sum of the lines.
    public let itemsSubtotal: Rupiah
    /// Delivery (ongkos kirim).
    public let deliveryCost: Rupiah
    /// Installation.
    public let installationCost: Rupiah
    /// Training.
    public let trainingCost: Rupiah
    /// The lines and costs as priced (including PPN when the prices include it): `itemsSubtotal + deliveryCost + installationCost + trainingCost`.
    public let statedTotal: Rupiah
    /// The tax base (DPP, harga jual): the stated total without PPN, as the tax invoice states it.
    public let totalBeforePPN: Rupiah
    /// The DPP nilai lain the tariff applies to (11/12 of the DPP from 2025); the DPP itself when the rule has no other base, or for a non-PKP vendor.
    public let dppNilaiLain: Rupiah
    /// The PPN: the tariff on the DPP nilai lain, rounded; 0 for a non-PKP vendor.
    public let ppn: Rupiah
    /// What the buyer pays: `totalBeforePPN + ppn`. This is what counts toward the ceiling.
    public let totalIncludingPPN: Rupiah
    /// For PPN-inclusive prices of a PKP, `totalIncludingPPN − statedTotal` in rupiah (−1, 0 or 1): the rounding of the price into whole-rupiah DPP and PPN; 0 otherwise.
    public let roundingDifference: Int64
    /// The PPN terms used (status, price basis and the dated rule with its legal basis).
    public let ppnTerms: PPNTerms

    private enum CodingKeys: String, CodingKey {
        case lines, itemsSubtotal, deliveryCost, installationCost, trainingCost, statedTotal, totalBeforePPN,
            dppNilaiLain, ppn, totalIncludingPPN, roundingDifference, ppnTerms
    }

    /// Computes the totals. A product or sum too large for an amount is 422 naming
    /// `items[i].quantity` or `items`/`total`; a negative quantity is 422 naming `items[i].quantity`.
    public init(
        lines: [OfferLine], deliveryCost: Rupiah, installationCost: Rupiah, trainingCost: Rupiah, ppn terms: PPNTerms
    )
        throws(DomainRefusal)
    {
        var computed: [LineTotal] = []
        var subtotal = Rupiah.zero
        for (index, line) in lines.enumerated() {
            let amount: Rupiah
            do { amount = try line.unitPrice * line.quantity } catch {
                throw .validationFailed(field: "items[\(index)].quantity", reason: error.reason)
            }
            computed.append(
                LineTotal(itemID: line.itemID, unitPrice: line.unitPrice, quantity: line.quantity, amount: amount))
            do { subtotal = try subtotal + amount } catch {
                throw .validationFailed(
                    field: "items", reason: "must add up to an amount that fits: the sum is too large")
            }
        }
        let stated: Rupiah
        do { stated = try Rupiah.sum([subtotal, deliveryCost, installationCost, trainingCost]) } catch {
            throw .validationFailed(field: "total", reason: "must be an amount that fits: the sum is too large")
        }
        let steps = try PPNComputation(stated: stated, terms: terms)
        self.lines = computed
        self.itemsSubtotal = subtotal
        self.deliveryCost = deliveryCost
        self.installationCost = installationCost
        self.trainingCost = trainingCost
        self.statedTotal = stated
        self.totalBeforePPN = steps.dpp
        self.dppNilaiLain = steps.dppNilaiLain
        self.ppn = steps.ppn
        self.totalIncludingPPN = steps.total
        let inclusive = terms.vendorStatus == .pkp && terms.priceBasis == .ppnIncluded
        self.roundingDifference = inclusive ? steps.total.amount - stated.amount : 0
        self.ppnTerms = terms
    }

    /// Decodes stored totals, also those stored before the DPP nilai lain and the stated total
    /// were kept: then the stated total is what the buyer paid (PPN-inclusive) or the DPP
    /// (PPN-exclusive, non-PKP), the DPP nilai lain is the DPP, and there was no rounding difference.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lines = try container.decode([LineTotal].self, forKey: .lines)
        itemsSubtotal = try container.decode(Rupiah.self, forKey: .itemsSubtotal)
        deliveryCost = try container.decode(Rupiah.self, forKey: .deliveryCost)
        installationCost = try container.decode(Rupiah.self, forKey: .installationCost)
        trainingCost = try container.decode(Rupiah.self, forKey: .trainingCost)
        totalBeforePPN = try container.decode(Rupiah.self, forKey: .totalBeforePPN)
        ppn = try container.decode(Rupiah.self, forKey: .ppn)
        totalIncludingPPN = try container.decode(Rupiah.self, forKey: .totalIncludingPPN)
        ppnTerms = try container.decode(PPNTerms.self, forKey: .ppnTerms)
        dppNilaiLain = try container.decodeIfPresent(Rupiah.self, forKey: .dppNilaiLain) ?? totalBeforePPN
        let legacyStated =
            ppnTerms.vendorStatus == .pkp && ppnTerms.priceBasis == .ppnIncluded ? totalIncludingPPN : totalBeforePPN
        statedTotal = try container.decodeIfPresent(Rupiah.self, forKey: .statedTotal) ?? legacyStated
        roundingDifference = try container.decodeIfPresent(Int64.self, forKey: .roundingDifference) ?? 0
    }
}

/// The tax invoice's steps on one stated amount (see ``PPNRate``): DPP, DPP nilai lain, PPN, total.
public struct PPNComputation: Sendable, Hashable {
    /// The DPP (harga jual without PPN).
    public let dpp: Rupiah
    /// The DPP nilai lain (the DPP when the rule has none).
    public let dppNilaiLain: Rupiah
    /// The PPN.
    public let ppn: Rupiah
    /// DPP + PPN.
    public let total: Rupiah

    /// The steps for `stated` under `terms`. An amount whose steps do not fit is 422 naming `total`.
    public init(stated: Rupiah, terms: PPNTerms) throws(DomainRefusal) {
        func refuse() -> DomainRefusal {
            .validationFailed(field: "total", reason: "must be an amount whose PPN can be computed: it is too large")
        }
        guard terms.vendorStatus == .pkp else {
            self.dpp = stated
            self.dppNilaiLain = stated
            self.ppn = .zero
            self.total = stated
            return
        }
        let rule = terms.rate
        var dpp = stated.amount
        if terms.priceBasis == .ppnIncluded {
            // stated ÷ (1 + n/d) = stated × d ÷ (d + n), with n/d the effective rate.
            let (top, bottom) = rule.effectiveRate
            let (sum, overflow) = bottom.addingReportingOverflow(top)
            guard !overflow,
                let taken = ExactArithmetic.scaled(dpp, times: bottom, over: sum, rounding: rule.dppRounding)
            else { throw refuse() }
            dpp = taken
        }
        var base = dpp
        if let top = rule.otherBaseNumerator, let bottom = rule.otherBaseDenominator {
            guard let other = ExactArithmetic.scaled(dpp, times: top, over: bottom, rounding: rule.otherBaseRounding)
            else { throw refuse() }
            base = other
        }
        guard
            let tax = ExactArithmetic.scaled(
                base, times: rule.numerator, over: rule.denominator, rounding: rule.rounding)
        else { throw refuse() }
        let (total, overflow) = dpp.addingReportingOverflow(tax)
        guard !overflow else { throw refuse() }
        do {
            self.dpp = try Rupiah(checked: dpp)
            self.dppNilaiLain = try Rupiah(checked: base)
            self.ppn = try Rupiah(checked: tax)
            self.total = try Rupiah(checked: total)
        } catch { throw error.validationFailed(field: "total") }
    }
}
