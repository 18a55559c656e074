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

/// An order's totals as the Surat Pesanan shows them, computed with checked integer arithmetic.
///
/// With PPN-inclusive prices the PPN shown is the portion the total contains:
/// `round(total × r / (1 + r))`; with PPN-exclusive prices it is `round(total × r)` added on top.
/// A non-PKP vendor's PPN is 0. Rounding is the rate's own rule (half up from 2025). PPN is
/// computed once on the whole total, not per line, so the lines add up to what is shown.
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
    /// The PPN the total contains or carries; 0 for a non-PKP vendor.
    public let ppn: Rupiah
    /// The tax base (DPP): the total including PPN minus the PPN.
    public let totalBeforePPN: Rupiah
    /// What the buyer pays: lines, costs and PPN. This is what counts toward the ceiling.
    public let totalIncludingPPN: Rupiah
    /// The PPN terms used.
    public let ppnTerms: PPNTerms

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
        let beforeTax: Rupiah
        do { beforeTax = try Rupiah.sum([subtotal, deliveryCost, installationCost, trainingCost]) } catch {
            throw .validationFailed(field: "total", reason: "must be an amount that fits: the sum is too large")
        }
        let rate = terms.rate
        var ppnAmount: Int64 = 0
        var including = beforeTax.amount
        if terms.vendorStatus == .pkp {
            switch terms.priceBasis {
            case .ppnIncluded:
                // r / (1 + r) = n / (d + n), so the portion needs no fraction at all.
                let (base, overflow) = rate.denominator.addingReportingOverflow(rate.numerator)
                guard !overflow,
                    let portion = ExactArithmetic.scaled(
                        including, times: rate.numerator, over: base, rounding: rate.rounding)
                else {
                    throw .validationFailed(field: "total", reason: "must be an amount whose PPN can be computed")
                }
                ppnAmount = portion
            case .ppnExcluded:
                guard
                    let added = ExactArithmetic.scaled(
                        beforeTax.amount, times: rate.numerator, over: rate.denominator, rounding: rate.rounding)
                else {
                    throw .validationFailed(field: "total", reason: "must be an amount whose PPN can be computed")
                }
                let (sum, overflow) = beforeTax.amount.addingReportingOverflow(added)
                guard !overflow else {
                    throw .validationFailed(field: "total", reason: "must be an amount that fits: the sum is too large")
                }
                ppnAmount = added
                including = sum
            }
        }
        self.lines = computed
        self.itemsSubtotal = subtotal
        self.deliveryCost = deliveryCost
        self.installationCost = installationCost
        self.trainingCost = trainingCost
        // The portion never exceeds the total, so none of these is negative.
        self.ppn = try Self.amount(ppnAmount)
        self.totalIncludingPPN = try Self.amount(including)
        self.totalBeforePPN = try Self.amount(including - ppnAmount)
        self.ppnTerms = terms
    }

    private static func amount(_ value: Int64) throws(DomainRefusal) -> Rupiah {
        do { return try Rupiah(checked: value) } catch { throw error.validationFailed(field: "total") }
    }
}
