// Which params members take which documented bound (``InputLimits``): every quantity, amount of
// money, count and day count a caller sends. The dispatch table checks them before any handler
// runs (422 naming the field, e.g. `items[0].quantity`) and rpc.discover shows them as
// minimum/maximum. A new params type with such a member adds its conformance here.
import SiOpenDomain
import SiOpenProtocol

// MARK: - Catalog

extension ProductOfferInput: BoundedParams {
    /// Prices and costs within ``InputLimits/amount``, TKDN in ``InputLimits/basisPoints``, stock
    /// within ``InputLimits/stock``, delivery days within ``InputLimits/days``, warranty months within
    /// ``InputLimits/months``.
    public static var integerBounds: [IntegerBound] {
        [
            IntegerBound("tkdn.basisPoints", InputLimits.basisPoints),
            IntegerBound("price.productCost", InputLimits.amount),
            IntegerBound("price.tax", InputLimits.amount),
            IntegerBound("price.overheadAndProfit", InputLimits.amount),
            IntegerBound("price.regions[].deliveryCost", InputLimits.amount),
            IntegerBound("price.regions[].unitPrice", InputLimits.amount),
            IntegerBound("stock", InputLimits.stock),
            IntegerBound("deliveryDays", InputLimits.days),
            IntegerBound("warranty.months", InputLimits.months),
            IntegerBound("installationCost", InputLimits.amount),
            IntegerBound("trainingCost", InputLimits.amount),
        ]
    }
}

extension ProductEdit: BoundedParams {
    /// The bounds of the new offer (``ProductOfferInput``).
    public static var integerBounds: [IntegerBound] { ProductOfferInput.integerBounds.nested(under: "offer") }
}

extension CatalogSearchParams: BoundedParams {
    /// Price filters within ``InputLimits/amount``, TKDN in ``InputLimits/basisPoints``, days and
    /// months within ``InputLimits/days`` and ``InputLimits/months``.
    public static var integerBounds: [IntegerBound] {
        [
            IntegerBound("minPrice", InputLimits.amount),
            IntegerBound("maxPrice", InputLimits.amount),
            IntegerBound("minTKDNBasisPoints", InputLimits.basisPoints),
            IntegerBound("maxDeliveryDays", InputLimits.days),
            IntegerBound("minWarrantyMonths", InputLimits.months),
        ]
    }
}

// MARK: - Orders

extension OrdersSettings: BoundedParams {
    /// Ceilings within ``InputLimits/amount``; every period within ``InputLimits/days``; PPN rule
    /// fractions within ``InputLimits/quantity`` (0 to 1,000,000).
    public static var integerBounds: [IntegerBound] {
        [
            IntegerBound("ceilings[].amount", InputLimits.amount),
            IntegerBound("vendorResponseDays", InputLimits.days),
            IntegerBound("splitPurchaseRules[].windowDays", InputLimits.days),
            IntegerBound("maxPenaltyDays", InputLimits.days),
            IntegerBound("ppnRates[].numerator", InputLimits.quantity),
            IntegerBound("ppnRates[].denominator", InputLimits.quantity),
            IntegerBound("ppnRates[].otherBaseNumerator", InputLimits.quantity),
            IntegerBound("ppnRates[].otherBaseDenominator", InputLimits.quantity),
        ]
    }
}

extension OrderPreparation: BoundedParams {
    /// Quantities within ``InputLimits/quantity``.
    public static var integerBounds: [IntegerBound] { [IntegerBound("items[].quantity", InputLimits.quantity)] }
}

extension OrderOfferParams: BoundedParams {
    /// The round within ``InputLimits/round``; quantities within ``InputLimits/quantity``; unit
    /// prices and costs within ``InputLimits/amount``.
    public static var integerBounds: [IntegerBound] {
        [
            IntegerBound("round", InputLimits.round),
            IntegerBound("items[].quantity", InputLimits.quantity),
            IntegerBound("items[].unitPrice", InputLimits.amount),
            IntegerBound("deliveryCost", InputLimits.amount),
            IntegerBound("installationCost", InputLimits.amount),
            IntegerBound("trainingCost", InputLimits.amount),
        ]
    }
}

extension OrderAcceptParams: BoundedParams {
    /// The round within ``InputLimits/round``.
    public static var integerBounds: [IntegerBound] { [IntegerBound("round", InputLimits.round)] }
}

extension DeliveryParams: BoundedParams {
    /// Quantities within ``InputLimits/quantity``.
    public static var integerBounds: [IntegerBound] { [IntegerBound("lines[].quantity", InputLimits.quantity)] }
}

extension InspectionParams: BoundedParams {
    /// Accepted and rejected units within ``InputLimits/quantity``.
    public static var integerBounds: [IntegerBound] {
        [
            IntegerBound("lines[].accepted", InputLimits.quantity),
            IntegerBound("lines[].rejected", InputLimits.quantity),
        ]
    }
}

extension ForceMajeureRecordParams: BoundedParams {
    /// Quantities within ``InputLimits/quantity``; unit prices within ``InputLimits/amount``.
    public static var integerBounds: [IntegerBound] {
        [IntegerBound("items[].quantity", InputLimits.quantity), IntegerBound("items[].unitPrice", InputLimits.amount)]
    }
}

// MARK: - Payments

extension PaymentPreparation: BoundedParams {
    /// The gross stated within ``InputLimits/amount``.
    public static var integerBounds: [IntegerBound] { [IntegerBound("gross", InputLimits.amount)] }
}

extension PaymentsSettings: BoundedParams {
    /// Mechanism limits within ``InputLimits/amount``.
    public static var integerBounds: [IntegerBound] { [IntegerBound("mechanismLimits[].maximum", InputLimits.amount)] }
}
