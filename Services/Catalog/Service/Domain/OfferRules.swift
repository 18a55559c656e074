import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// What makes a product offer admissible (annex I.C.1.e–g), checked before anything is stored so
/// a refused offer leaves nothing behind. Every problem is reported at once, by field.
enum OfferRules {
    /// Images per product.
    static let imageCount = 1...8
    /// Largest image, decoded.
    static let maxImageBytes = 2 << 20
    /// Largest partnership or permit scan, decoded.
    static let maxDocumentBytes = 5 << 20

    /// The field problems of `offer` given the category (nil when unknown) and the tenant's regions.
    static func problems(_ offer: ProductOfferInput, category: Category?, regions: Set<String>) -> [FieldError] {
        var problems: [FieldError] = []
        func problem(_ field: String, _ reason: String) { problems.append(FieldError(field: field, reason: reason)) }
        func text(_ value: String, _ field: String, max: Int, multiline: Bool = false) {
            if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problem(field, "must not be empty")
            } else if let reason = InputRules.freeTextProblem(value, max: max, multiline: multiline) {
                problem(field, reason)
            }
        }

        if category == nil { problem("categoryCode", "no category \(offer.categoryCode) in this tenant") }
        text(offer.name, "name", max: 200)
        text(offer.description, "description", max: 5000, multiline: true)
        text(offer.function, "function", max: 2000, multiline: true)
        text(offer.unit, "unit", max: 30)
        if offer.specification.isEmpty { problem("specification", "must name at least one attribute") }
        if offer.specification.count > 100 { problem("specification", "must have at most 100 attributes") }
        var attributeNames = Set<String>()
        for (index, attribute) in offer.specification.enumerated() {
            text(attribute.name, "specification[\(index)].name", max: 100)
            text(attribute.value, "specification[\(index)].value", max: 1000, multiline: true)
            if !attributeNames.insert(attribute.name.lowercased()).inserted {
                problem("specification[\(index)].name", "is named twice")
            }
        }

        let country = offer.origin.country
        if country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            problem("origin.country", "must be an ISO 3166-1 alpha-2 code such as ID")
        } else if (offer.origin.kind == .domestic) != (country == "ID") {
            problem(
                "origin.country",
                offer.origin.kind == .domestic
                    ? "must be ID for a domestic product" : "must not be ID for an imported product")
        }
        if let tkdn = offer.tkdn {
            if !(0...10_000).contains(tkdn.basisPoints) {
                problem("tkdn.basisPoints", "must be 0 to 10000 (0–100%, in hundredths of a percent)")
            }
            text(tkdn.certificateNumber, "tkdn.certificateNumber", max: 100)
        }

        problems += priceProblems(offer.price, regions: regions)
        if !(0...10_000_000).contains(offer.stock) { problem("stock", "must be 0 to 10000000") }
        if !(1...365).contains(offer.deliveryDays) { problem("deliveryDays", "must be 1 to 365 days") }
        if !(0...120).contains(offer.warranty.months) { problem("warranty.months", "must be 0 to 120 months") }
        if let terms = offer.warranty.terms, let reason = InputRules.freeTextProblem(terms, max: 2000, multiline: true)
        {
            problem("warranty.terms", reason)
        }
        if let bonus = offer.bonusOrDiscount, let reason = InputRules.freeTextProblem(bonus, max: 1000, multiline: true)
        {
            problem("bonusOrDiscount", reason)
        }

        if !imageCount.contains(offer.images.count) {
            problem("images", "must have \(imageCount.lowerBound) to \(imageCount.upperBound) images")
        }
        for (index, image) in offer.images.enumerated() where (image.contentBase64 == nil) == (image.sha256 == nil) {
            problem("images[\(index)]", "must give either contentBase64 or sha256")
        }

        if let document = offer.partnershipDocument {
            text(document.number, "partnershipDocument.number", max: 100)
            text(document.issuer, "partnershipDocument.issuer", max: 200)
            if (document.contentBase64 == nil) == (document.sha256 == nil) {
                problem("partnershipDocument", "must give either contentBase64 or sha256")
            }
        } else if category?.requiresPartnershipDocument == true {
            problem(
                "partnershipDocument",
                "category \(offer.categoryCode) requires a partnership or permit from the producer or distributor (annex I.C.1.g)"
            )
        }
        return problems
    }

    /// PPN in a catalogue price (the "pajak yang berlaku" component, annex I.C.1.e): only a PKP
    /// charges PPN (UU 8/1983 as amended by UU 7/2021, Pasal 3A ayat (1) and Pasal 14 ayat (1): one
    /// not confirmed as PKP may not issue a tax invoice), and the order must never charge it twice.
    /// - A vendor that is not a PKP: `price.includesPPN` must be false (422 naming it) and the tax
    ///   component 0 (422 naming `price.tax`).
    /// - A PKP whose prices exclude PPN (the order adds it on top): the tax component must be 0, or
    ///   PPN would be charged twice (422 naming `price.tax`).
    /// - A PKP whose prices include PPN: the tax component is the PPN the price contains, so it
    ///   must be more than 0 (422 naming `price.tax`).
    static func ppnProblems(_ price: PriceBreakdown, vendorIsPKP: Bool) -> [FieldError] {
        var problems: [FieldError] = []
        if !vendorIsPKP {
            if price.includesPPN {
                problems.append(
                    FieldError(
                        field: "price.includesPPN",
                        reason: "must be false: this vendor is not a PKP (Pengusaha Kena Pajak) and charges no PPN"))
            }
            if price.tax > .zero {
                problems.append(
                    FieldError(
                        field: "price.tax",
                        reason:
                            "must be 0: this vendor is not a PKP, so its price carries no PPN (UU PPN Pasal 14 ayat (1))"
                    ))
            }
        } else if !price.includesPPN, price.tax > .zero {
            problems.append(
                FieldError(
                    field: "price.tax",
                    reason:
                        "must be 0 when the price excludes PPN: the order adds PPN on top, so a tax component would charge it twice"
                ))
        } else if price.includesPPN, price.tax == .zero {
            problems.append(
                FieldError(
                    field: "price.tax",
                    reason: "must state the PPN the price includes (more than 0), or set includesPPN to false"))
        }
        return problems
    }

    /// The price must add up: for every region, product cost + delivery + tax + overhead and
    /// profit equals the stated unit price, with no sum overflowing.
    static func priceProblems(_ price: PriceBreakdown, regions: Set<String>) -> [FieldError] {
        var problems: [FieldError] = []
        if price.productCost == .zero {
            problems.append(FieldError(field: "price.productCost", reason: "must be more than zero"))
        }
        if price.regions.isEmpty {
            problems.append(FieldError(field: "price.regions", reason: "must price delivery to at least one region"))
        }
        var seen = Set<String>()
        let common: Rupiah?
        do { common = try price.productCost + price.tax + price.overheadAndProfit } catch {
            problems.append(
                FieldError(
                    field: "price",
                    reason: "the components add up to more than the largest amount (\(Int64.max) rupiah)"))
            common = nil
        }
        for (index, regional) in price.regions.enumerated() {
            let field = "price.regions[\(index)]"
            if !regions.contains(regional.regionCode) {
                problems.append(
                    FieldError(field: "\(field).regionCode", reason: "is not a delivery region of this tenant"))
            }
            if !seen.insert(regional.regionCode).inserted {
                problems.append(FieldError(field: "\(field).regionCode", reason: "is priced twice"))
            }
            guard let common else { continue }
            do {
                let sum = try common + regional.deliveryCost
                if sum != regional.unitPrice {
                    problems.append(
                        FieldError(
                            field: "\(field).unitPrice",
                            reason:
                                "must equal product cost + delivery + tax + overhead and profit = \(sum.formatted), not \(regional.unitPrice.formatted)"
                        ))
                }
            } catch {
                problems.append(
                    FieldError(
                        field: "\(field).deliveryCost", reason: "makes the unit price larger than the largest amount"))
            }
        }
        return problems
    }
}

/// Lowest, median and highest of listed prices.
enum PriceStatisticsRule {
    /// The median of sorted prices: the middle one, or with an even count the mean of the two
    /// middle ones rounded half up to a whole rupiah (computed without overflow).
    static func median(lower: Rupiah, upper: Rupiah) -> Rupiah {
        let low = lower.amount
        let high = upper.amount
        // low + ⌈(high − low) / 2⌉ is (low + high) / 2 rounded half up, with no sum that can overflow
        // (high − low + 1 would, for a span of Int64.max).
        guard low <= high else { return upper }
        let span = high - low
        return (try? Rupiah(checked: low + span / 2 + span % 2)) ?? upper
    }
}

/// How long a sanction delists, and when it is in force.
enum SanctionRules {
    /// The day the delisting ends (products listed again): `years` after the first day.
    static func endsOn(startsOn: CivilDate, grounds: SanctionGrounds) -> CivilDate {
        startsOn.adding(years: grounds.delistingYears)
    }

    /// The status as of `today`.
    static func status(decision: String, startsOn: CivilDate?, endsOn: CivilDate?, today: CivilDate) -> SanctionStatus {
        switch decision {
        case "proposed": return .proposed
        case "rejected": return .rejected
        default:
            guard let startsOn, let endsOn else { return .proposed }
            if today < startsOn { return .scheduled }
            return today < endsOn ? .inForce : .ended
        }
    }

    /// Refuses a proposal the order does not ground (Pasal 14): the order must be of `tenant`
    /// and the proposer's `agency`, with the proposal's vendor; for false data (Pasal 14(1):
    /// company or product data) any such order will do, for the other grounds (14(2)) only an
    /// order the PPK failed on those same grounds. A Surat Pesanan number given must be the order's.
    static func requireGrounded(_ proposal: SanctionProposal, order: OrderRecord, tenant: String, agency: String) throws
    {
        guard order.tenant == tenant, order.agency == agency else {
            throw DomainRefusal.validationFailed(field: "orderID", reason: "is not an order of your agency")
        }
        guard order.vendor.id == proposal.vendorID else {
            throw DomainRefusal.validationFailed(field: "vendorID", reason: "is not the vendor of order \(order.id)")
        }
        if let number = proposal.suratPesananNumber, number != order.suratPesanan?.number {
            throw DomainRefusal.validationFailed(
                field: "suratPesananNumber", reason: "is not the Surat Pesanan number of order \(order.id)")
        }
        guard proposal.grounds != .falseData else { return }
        guard order.state == .failed else {
            throw DomainRefusal.conflict(
                "order \(order.id) is \(order.state.rawValue): a \(proposal.grounds.rawValue) proposal needs the order failed on those grounds (order.fail)",
                currentState: order.state.rawValue)
        }
        guard order.failureGrounds == proposal.grounds else {
            let failedOn = order.failureGrounds?.rawValue ?? "unknown grounds"
            throw DomainRefusal.conflict(
                "order \(order.id) failed on \(failedOn), not \(proposal.grounds.rawValue)",
                currentState: order.state.rawValue)
        }
    }
}
