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

    /// SQL text with numbered parameters, so conditions can be added in any order.
    struct Query {
        var arguments: [any SQLBindable] = []
        mutating func bind(_ value: any SQLBindable) -> String {
            arguments.append(value)
            return "?\(arguments.count)"
        }
    }

    // MARK: Search

    func search(_ params: CatalogSearchParams, _ request: RequestContext) async throws -> CatalogSearchPage {
        let principal = try request.requirePrincipal()
        let tenant = try CatalogContext.tenant(params.tenant, of: principal, reading: true)
        let limit = try CursorParams.pageLimit(params.limit, default: 20, maximum: 100)
        try Self.checkFilters(params)
        let words = try params.query.map(SearchText.matchExpression) ?? nil
        let sort = params.sort ?? .relevance
        let fingerprint = SearchCursor.fingerprint(of: params)
        let cursor = try params.cursor.map { try SearchCursor(decoding: $0, fingerprint: fingerprint) }
        let today = context.today.description

        return try await context.database.read { db in
            var query = Query()
            _ = query.bind(tenant)  // ?1, as Listings.visibleToday expects
            _ = query.bind(today)   // ?2
            var from = "listing l JOIN vendor_state v ON v.vendor_id = l.vendor_id"
            var conditions = [Listings.visibleToday]
            var rank = "0.0"
            if let words {
                // CROSS JOIN keeps the full-text index in the lead: left to itself, SQLite may walk
                // a filter's index and run the MATCH once per listing (430 ms against 10 ms over
                // 100,000 products for a word within a category and price range).
                from = "listing_text CROSS JOIN listing l ON l.docid = listing_text.rowid JOIN vendor_state v ON v.vendor_id = l.vendor_id"
                conditions.append("listing_text MATCH \(query.bind(words))")
                // Name matches weigh most, then specification, then description.
                rank = "bm25(listing_text, 10.0, 2.0, 4.0)"
            }
            var price = "l.unit_price"
            if let region = params.regionCode {
                from += " JOIN listing_price rp ON rp.docid = l.docid AND rp.region_code = \(query.bind(region))"
                price = "rp.unit_price"
            }
            if let code = params.categoryCode {
                let codes = try CategoryHandlers.subtree(db, tenant: tenant, code: code)
                if codes.isEmpty { throw RPCError.validationFailed(field: "categoryCode", reason: "no category \(code) in this tenant") }
                conditions.append("l.category_code IN (\(codes.map { query.bind($0) }.joined(separator: ", ")))")
            }
            if let minimum = params.minPrice { conditions.append("\(price) >= \(query.bind(minimum.amount))") }
            if let maximum = params.maxPrice { conditions.append("\(price) <= \(query.bind(maximum.amount))") }
            if let minimum = params.minTKDNBasisPoints { conditions.append("l.tkdn_bp >= \(query.bind(minimum))") }
            if let origin = params.origin { conditions.append("l.origin = \(query.bind(origin.rawValue))") }
            if let days = params.maxDeliveryDays { conditions.append("l.delivery_days <= \(query.bind(days))") }
            if let months = params.minWarrantyMonths { conditions.append("l.warranty_months >= \(query.bind(months))") }
            if params.inStockOnly == true { conditions.append("l.stock > 0") }
            if let vendor = params.vendorID { conditions.append("l.vendor_id = \(query.bind(vendor))") }
            if params.umkmOnly == true { conditions.append("l.is_umkm = 1") }

            // Every order ends with docid, so ties are broken the same way on every page.
            let (key, ascending): (String, Bool) = switch sort {
            case .relevance: words == nil ? ("-l.docid", true) : (rank, true)
            case .priceAscending: (price, true)
            case .priceDescending: (price, false)
            case .tkdnDescending: ("l.tkdn_bp", false)
            case .deliveryAscending: ("l.delivery_days", true)
            }
            var outer = ""
            if let cursor {
                let keyValue = query.bind(cursor.key)
                let docid = query.bind(cursor.docid)
                outer = "WHERE sort_key \(ascending ? ">" : "<") \(keyValue) OR (sort_key = \(keyValue) AND docid > \(docid))"
            }
            let sql = """
                SELECT docid, sort_key, summary, vendor_id, vendor_name, is_umkm, is_pkp, price FROM (
                    SELECT l.docid AS docid, \(key) AS sort_key, l.summary AS summary, l.vendor_id AS vendor_id, v.name AS vendor_name,
                        l.is_umkm AS is_umkm, v.is_pkp AS is_pkp, \(price) AS price
                    FROM \(from) WHERE \(conditions.joined(separator: " AND ")))
                \(outer)
                ORDER BY sort_key \(ascending ? "ASC" : "DESC"), docid ASC
                LIMIT \(query.bind(limit + 1))
                """
            var products: [ProductSummary] = []
            var last: SearchCursor?
            var more = false
            try db.forEachRow(sql, arguments: query.arguments) { row in
                guard products.count < limit else {
                    more = true
                    return
                }
                var summary = try JSONColumn.value(ProductSummary.self, try row.string(2))
                summary.vendor = ListedVendor(id: try row.string(3), name: try row.string(4), isUMKM: try row.bool(5), isPKP: try row.bool(6))
                summary.unitPrice = try Rupiah(checked: try row.int64(7))
                products.append(summary)
                last = SearchCursor(key: try SearchCursor.Key(row, column: 1), docid: try row.int64(0), fingerprint: fingerprint)
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
        if let days = params.maxDeliveryDays, days < 1 { problems.append(FieldError(field: "maxDeliveryDays", reason: "must be 1 or more")) }
        if let months = params.minWarrantyMonths, months < 0 { problems.append(FieldError(field: "minWarrantyMonths", reason: "must be 0 or more")) }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
    }

    // MARK: Detail

    /// The listing row of `productID` if it is visible today in `tenant`.
    static func visibleListing(_ db: Connection, tenant: String, productID: String, today: String) throws -> (docid: Int64, revision: Int64, vendorID: String)? {
        try db.queryOne(
            "SELECT l.docid, l.revision, l.vendor_id FROM listing l WHERE \(Listings.visibleToday) AND l.product_id = ?3", tenant, today, productID
        ).map { (try $0.int64(0), try $0.int64(1), try $0.string(2)) }
    }

    func detail(_ params: ProductRef, _ request: RequestContext) async throws -> ProductDetail {
        let principal = try request.requirePrincipal()
        let today = context.today.description
        return try await context.database.read { db in
            guard let tenant = try db.queryOne("SELECT tenant FROM product WHERE id = ?", params.productID)?.string(0) else {
                throw RPCError.notFound("product", id: params.productID)
            }
            try principal.requireTenant(tenant, reading: true)
            guard let listing = try Self.visibleListing(db, tenant: tenant, productID: params.productID, today: today) else {
                throw RPCError.notFound("listed product", id: params.productID)
            }
            let offer = try Products.offer(db, productID: params.productID, revision: listing.revision)
            guard let category = try CategoryHandlers.category(db, tenant: tenant, code: offer.categoryCode) else {
                throw RPCError.notFound("category", id: offer.categoryCode)
            }
            let acceptedAt = try db.queryOne(
                "SELECT decided_at FROM product_revision WHERE product_id = ? AND revision = ?", params.productID, listing.revision)?.optionalString(0) ?? ""
            return ProductDetail(
                productID: params.productID, tenant: tenant, revision: listing.revision,
                vendor: try Products.listedVendor(db, vendorID: listing.vendorID), category: category, offer: offer, acceptedAt: acceptedAt)
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
                guard let listing = try Self.visibleListing(db, tenant: tenant, productID: productID, today: today) else {
                    throw RPCError.notFound("listed product", id: productID)
                }
                let listed = try Products.offer(db, productID: productID, revision: listing.revision)
                let prices = listed.price.regions.filter { params.regionCode == nil || $0.regionCode == params.regionCode }.map(\.unitPrice).sorted()
                if let first = prices.first, let last = prices.last {
                    let middle = prices.count / 2
                    productStatistics = PriceStatistics(
                        count: prices.count, lowest: first,
                        median: prices.count % 2 == 1 ? prices[middle] : PriceStatisticsRule.median(lower: prices[middle - 1], upper: prices[middle]),
                        highest: last)
                }
                categoryCode = categoryCode ?? listed.categoryCode
                offer = listed
            }
            let code = categoryCode!
            let codes = try CategoryHandlers.subtree(db, tenant: tenant, code: code)
            if codes.isEmpty { throw RPCError.validationFailed(field: "categoryCode", reason: "no category \(code) in this tenant") }
            var query = Query()
            _ = query.bind(tenant)
            _ = query.bind(today)
            var from = "listing l"
            var price = "l.unit_price"
            if let region = params.regionCode {
                from += " JOIN listing_price rp ON rp.docid = l.docid AND rp.region_code = \(query.bind(region))"
                price = "rp.unit_price"
            }
            let prices = "SELECT \(price) AS price FROM \(from) WHERE \(Listings.visibleToday) AND l.category_code IN (\(codes.map { query.bind($0) }.joined(separator: ", ")))"
            let summary = try db.queryOne("SELECT count(*), min(price), max(price) FROM (\(prices))", arguments: query.arguments)!
            let count = try summary.int64(0)
            var categoryStatistics: PriceStatistics?
            if count > 0 {
                // The middle one (odd count) or two (even count), in price order.
                let middle = try db.query(
                    "SELECT price FROM (\(prices)) ORDER BY price LIMIT \(count % 2 == 1 ? 1 : 2) OFFSET \((count - 1) / 2)", arguments: query.arguments
                ).map { try Rupiah(checked: try $0.int64(0)) }
                categoryStatistics = PriceStatistics(
                    count: Int(count), lowest: try Rupiah(checked: try summary.int64(1)),
                    median: middle.count == 1 ? middle[0] : PriceStatisticsRule.median(lower: middle[0], upper: middle[1]),
                    highest: try Rupiah(checked: try summary.int64(2)))
            }
            return PriceReference(
                product: productStatistics, category: categoryStatistics, categoryCode: code,
                installationCost: offer?.installationCost, trainingCost: offer?.trainingCost, computedAt: computedAt)
        }
    }
}

/// Turns what a person types into an FTS5 query that cannot be a syntax error.
enum SearchText {
    /// Each word (letters and digits) as a quoted prefix term, all required; nil when `text` is blank.
    static func matchExpression(_ text: String) throws -> String? {
        if text.count > 200 { throw RPCError.validationFailed(field: "query", reason: "must have at most 200 characters") }
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).prefix(16)
        if words.isEmpty {
            if text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
            throw RPCError.validationFailed(field: "query", reason: "must contain letters or digits")
        }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}

/// A position in a sorted result: the sort key and docid of the last hit, and a fingerprint of
/// the filters, so a cursor is refused with other filters rather than silently skipping hits.
struct SearchCursor {
    /// A sort key: an integer column, or a relevance score (kept by its exact bits).
    enum Key: Codable {
        case integer(Int64)
        case real(Double)

        init(_ row: Row, column: Int) throws {
            if let value = try? row.int64(column) { self = .integer(value) } else { self = .real(try row.double(column)) }
        }
    }

    let key: Key
    let docid: Int64
    let fingerprint: String

    init(key: Key, docid: Int64, fingerprint: String) {
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
            throw RPCError.validationFailed(field: "cursor", reason: "belongs to a search with other filters or order; start again without it")
        }
        switch kind {
        case "i": guard let integer = Int64(bits) else { throw invalid }; key = .integer(integer)
        case "r": guard let raw = UInt64(bits) else { throw invalid }; key = .real(Double(bitPattern: raw))
        default: throw invalid
        }
        self.docid = docid
        self.fingerprint = fingerprint
    }

    var encoded: String {
        let (kind, bits): (String, String) = switch key {
        case .integer(let value): ("i", String(value))
        case .real(let value): ("r", String(value.bitPattern))
        }
        let value: JSONValue = ["t": .string(kind), "k": .string(bits), "d": .integer(docid), "f": .string(fingerprint)]
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

extension SearchCursor.Key: SQLBindable {
    var sqlValue: SQLValue {
        switch self {
        case .integer(let value): value.sqlValue
        case .real(let value): value.sqlValue
        }
    }
}
