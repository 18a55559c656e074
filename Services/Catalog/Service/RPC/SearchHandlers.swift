import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// What buyers see: search, product detail, price references. Only listings visible today
/// (``Listings/visibleToday``) are ever returned.
struct SearchHandlers {
    let context: CatalogContext

    func register(into table: inout RPCMethodTable) {
        table.register(CatalogSearch.self) { params, request in try await search(params, request) }
        table.register(ProductGet.self) { params, request in try await detail(params, request) }
        table.register(CatalogPriceReference.self) { params, request in try await priceReference(params, request) }
    }

    // MARK: Search

    func search(_ params: CatalogSearchParams, _ request: RequestContext) async throws -> CatalogSearchPage {
        let principal = try request.requirePrincipal()
        let tenant = try CatalogContext.tenant(params.tenant, of: principal, reading: true)
        try Self.checkFilters(params)
        let fingerprint = SearchCursor.fingerprint(of: params)
        let cursor = try params.cursor.map { try SearchCursor(decoding: $0, fingerprint: fingerprint) }
        let today = context.today.description

        return try await context.database.read { db in
            var codes: [String] = []
            if let code = params.categoryCode {
                codes = try CategoryStore.subtree(db, tenant: tenant, code: code)
                if codes.isEmpty {
                    throw RPCError.validationFailed(field: "categoryCode", reason: "no category \(code) in this tenant")
                }
            }
            let statement = try SearchStatement(
                params, tenant: tenant, today: today, categoryCodes: codes, after: cursor.map { ($0.key, $0.docid) })
            var products: [ProductSummary] = []
            var last: SearchCursor?
            var more = false
            try db.forEachRow(statement.sql, arguments: statement.arguments) { row in
                guard products.count < statement.pageSize else {
                    more = true
                    return
                }
                var summary = try JSONColumn.value(ProductSummary.self, try row.string(2))
                summary.vendor = ListedVendor(
                    id: try row.string(3), name: try row.string(4), isUMKM: try row.bool(5), isPKP: try row.bool(6))
                summary.unitPrice = try Rupiah(checked: try row.int64(7))
                products.append(summary)
                last = SearchCursor(key: row[1], docid: try row.int64(0), fingerprint: fingerprint)
            }
            return CatalogSearchPage(products: products, nextCursor: more ? last?.encoded : nil)
        }
    }

    /// Filter values out of range are refused by field rather than silently matching nothing.
    static func checkFilters(_ params: CatalogSearchParams) throws {
        var problems: [FieldError] = []
        if let minimum = params.minPrice, let maximum = params.maxPrice, minimum > maximum {
            problems.append(FieldError(field: "maxPrice", reason: "must not be below minPrice"))
        }
        if let tkdn = params.minTKDNBasisPoints, !(0...10_000).contains(tkdn) {
            problems.append(FieldError(field: "minTKDNBasisPoints", reason: "must be 0 to 10000 (0–100%)"))
        }
        if let days = params.maxDeliveryDays, days < 1 {
            problems.append(FieldError(field: "maxDeliveryDays", reason: "must be 1 or more"))
        }
        if let months = params.minWarrantyMonths, months < 0 {
            problems.append(FieldError(field: "minWarrantyMonths", reason: "must be 0 or more"))
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
    }

    // MARK: Detail

    func detail(_ params: ProductRef, _ request: RequestContext) async throws -> ProductDetail {
        let principal = try request.requirePrincipal()
        let today = context.today.description
        return try await context.database.read { db in
            guard let tenant = try Products.tenant(db, productID: params.productID) else {
                throw RPCError.notFound("product", id: params.productID)
            }
            try principal.requireTenant(tenant, reading: true)
            guard let listing = try Listings.visible(db, tenant: tenant, productID: params.productID, today: today)
            else {
                throw RPCError.notFound("listed product", id: params.productID)
            }
            let offer = try Products.offer(db, productID: params.productID, revision: listing.revision)
            guard let category = try CategoryStore.category(db, tenant: tenant, code: offer.categoryCode) else {
                throw RPCError.notFound("category", id: offer.categoryCode)
            }
            let acceptedAt = try Products.decidedAt(db, productID: params.productID, revision: listing.revision) ?? ""
            return ProductDetail(
                productID: params.productID, tenant: tenant, revision: listing.revision,
                vendor: try Products.listedVendor(db, vendorID: listing.vendorID), category: category, offer: offer,
                acceptedAt: acceptedAt)
        }
    }

    // MARK: Price references

    func priceReference(_ params: PriceReferenceParams, _ request: RequestContext) async throws -> PriceReference {
        let principal = try request.requirePrincipal()
        let tenant = try CatalogContext.tenant(params.tenant, of: principal, reading: true)
        guard params.productID != nil || params.categoryCode != nil else {
            throw RPCError.validationFailed(field: "productID", reason: "name a product or a category")
        }
        let today = context.today.description
        let computedAt = context.timestamp
        return try await context.database.read { db in
            var productStatistics: PriceStatistics?
            var categoryCode = params.categoryCode
            var offer: ProductOffer?
            if let productID = params.productID {
                guard let listing = try Listings.visible(db, tenant: tenant, productID: productID, today: today) else {
                    throw RPCError.notFound("listed product", id: productID)
                }
                let listed = try Products.offer(db, productID: productID, revision: listing.revision)
                let prices = listed.price.regions.filter {
                    params.regionCode == nil || $0.regionCode == params.regionCode
                }.map(\.unitPrice).sorted()
                if let first = prices.first, let last = prices.last {
                    let middle = prices.count / 2
                    productStatistics = PriceStatistics(
                        count: prices.count, lowest: first,
                        median: prices.count % 2 == 1
                            ? prices[middle]
                            : PriceStatisticsRule.median(lower: prices[middle - 1], upper: prices[middle]),
                        highest: last)
                }
                categoryCode = categoryCode ?? listed.categoryCode
                offer = listed
            }
            let code = categoryCode!
            let codes = try CategoryStore.subtree(db, tenant: tenant, code: code)
            if codes.isEmpty {
                throw RPCError.validationFailed(field: "categoryCode", reason: "no category \(code) in this tenant")
            }
            let categoryStatistics = try Listings.priceStatistics(
                db, tenant: tenant, today: today, categoryCodes: codes, regionCode: params.regionCode)
            return PriceReference(
                product: productStatistics, category: categoryStatistics, categoryCode: code,
                installationCost: offer?.installationCost, trainingCost: offer?.trainingCost, computedAt: computedAt)
        }
    }
}

/// A position in a sorted result: the sort key and docid of the last hit, and a fingerprint of
/// the filters, so a cursor is refused with other filters rather than silently skipping hits.
struct SearchCursor {
    /// The sort key: an integer column, or a relevance score (kept by its exact bits).
    let key: SQLValue
    let docid: Int64
    let fingerprint: String

    init(key: SQLValue, docid: Int64, fingerprint: String) {
        self.key = key
        self.docid = docid
        self.fingerprint = fingerprint
    }

    init(decoding text: String, fingerprint: String) throws {
        let invalid = RPCError.validationFailed(field: "cursor", reason: "is not a cursor this search returned")
        guard let bytes = Base64URL.decode(text), let value = try? JSONValue(parsing: bytes),
            let docid = value["d"]?.int64Value, let kind = value["t"]?.stringValue, let bits = value["k"]?.stringValue,
            let stored = value["f"]?.stringValue
        else { throw invalid }
        guard stored == fingerprint else {
            throw RPCError.validationFailed(
                field: "cursor", reason: "belongs to a search with other filters or order; start again without it")
        }
        switch kind {
        case "i":
            guard let integer = Int64(bits) else { throw invalid }
            key = .integer(integer)
        case "r":
            guard let raw = UInt64(bits) else { throw invalid }
            key = .real(Double(bitPattern: raw))
        default: throw invalid
        }
        self.docid = docid
        self.fingerprint = fingerprint
    }

    var encoded: String {
        let (kind, bits): (String, String) =
            switch key {
            case .real(let value): ("r", String(value.bitPattern))
            case .integer(let value): ("i", String(value))
            // Sort keys are integer columns or bm25 scores; nothing else reaches a cursor.
            default: ("i", "0")
            }
        let value: JSONValue = [
            "t": .string(kind), "k": .string(bits), "d": .integer(docid), "f": .string(fingerprint),
        ]
        return Base64URL.encode(value.serialized)
    }

    /// The filters and order of a search, hashed.
    static func fingerprint(of params: CatalogSearchParams) -> String {
        var filters = params
        filters.cursor = nil
        filters.limit = nil
        return String(SHA256.hexDigest(Array(String(describing: filters).utf8)).prefix(16))
    }
}
