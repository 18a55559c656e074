import SiOpenContracts
import SiOpenProtocol
import SiOpenStorage

/// SQL parameters numbered as they are bound (`?1`, `?2`, …), so conditions can be added in any
/// order and still refer to the tenant and today that ``Listings/visibleToday`` expects first.
struct NumberedParameters {
    private(set) var values: [SQLValue] = []

    /// Binds `value` and returns its placeholder.
    mutating func bind(_ value: SQLValue) -> String {
        values.append(value)
        return "?\(values.count)"
    }
}

/// The one statement a catalogue search page runs: the listings visible today that match the
/// words and filters, in the requested order, after the cursor, one row more than the page.
/// `package` so the benchmark runs exactly this statement directly on the database file.
package struct SearchStatement: Sendable {
    /// The page query; its rows are docid, sort key, summary JSON, vendor id, vendor name,
    /// UMKM, PKP, and the unit price (for the region searched, or the lowest).
    package let sql: String
    /// Its parameters.
    package let arguments: [SQLValue]
    /// How many listings match, regardless of cursor and page.
    package let countSQL: String
    /// Its parameters.
    package let countArguments: [SQLValue]
    /// Rows a page shows; the page query asks for one more, to know whether another follows.
    package let pageSize: Int

    /// The statement for `params` in `tenant` on `today`; `categoryCodes` is the requested
    /// category and every one below it (empty for no category filter), `cursor` the sort key and
    /// docid of the previous page's last row. Throws 422 for a page size or words it cannot use.
    package init(
        _ params: CatalogSearchParams, tenant: String, today: String, categoryCodes: [String],
        after cursor: (key: SQLValue, docid: Int64)?
    ) throws {
        var parameters = NumberedParameters()
        _ = parameters.bind(.text(tenant))  // ?1, as Listings.visibleToday expects
        _ = parameters.bind(.text(today))  // ?2
        var from = "listing l JOIN vendor_state v ON v.vendor_id = l.vendor_id"
        var conditions = [Listings.visibleToday]
        var rank: String?
        if let words = try params.query.flatMap(SearchText.matchExpression) {
            // CROSS JOIN keeps the full-text index in the lead: left to itself, SQLite may walk
            // a filter's index and run the MATCH once per listing (430 ms against 10 ms over
            // 100,000 products for a word within a category and price range).
            from =
                "listing_text CROSS JOIN listing l ON l.docid = listing_text.rowid JOIN vendor_state v ON v.vendor_id = l.vendor_id"
            conditions.append("listing_text MATCH \(parameters.bind(.text(words)))")
            // Name matches weigh most, then specification, then description.
            rank = "bm25(listing_text, 10.0, 2.0, 4.0)"
        }
        var price = "l.unit_price"
        if let region = params.regionCode {
            from +=
                " JOIN listing_price rp ON rp.docid = l.docid AND rp.region_code = \(parameters.bind(.text(region)))"
            price = "rp.unit_price"
        }
        if !categoryCodes.isEmpty {
            conditions.append(
                "l.category_code IN (\(categoryCodes.map { parameters.bind(.text($0)) }.joined(separator: ", ")))")
        }
        if let minimum = params.minPrice {
            conditions.append("\(price) >= \(parameters.bind(.integer(minimum.amount)))")
        }
        if let maximum = params.maxPrice {
            conditions.append("\(price) <= \(parameters.bind(.integer(maximum.amount)))")
        }
        if let minimum = params.minTKDNBasisPoints {
            conditions.append("l.tkdn_bp >= \(parameters.bind(.integer(Int64(minimum))))")
        }
        if let origin = params.origin { conditions.append("l.origin = \(parameters.bind(.text(origin.rawValue)))") }
        if let days = params.maxDeliveryDays {
            conditions.append("l.delivery_days <= \(parameters.bind(.integer(Int64(days))))")
        }
        if let months = params.minWarrantyMonths {
            conditions.append("l.warranty_months >= \(parameters.bind(.integer(Int64(months))))")
        }
        if params.inStockOnly == true { conditions.append("l.stock > 0") }
        if let vendor = params.vendorID { conditions.append("l.vendor_id = \(parameters.bind(.text(vendor)))") }
        if params.umkmOnly == true { conditions.append("l.is_umkm = 1") }
        let filter = conditions.joined(separator: " AND ")
        // Counting without words drives from `listing` too, so every join keeps its written order.
        countSQL =
            "SELECT count(*) FROM \(from.replacingOccurrences(of: " JOIN ", with: " CROSS JOIN ")) WHERE \(filter)"
        countArguments = parameters.values

        // Every order ends with docid, so ties are broken the same way on every page.
        let (key, ascending): (String, Bool) =
            switch params.sort ?? .relevance {
            case .relevance: rank.map { ($0, true) } ?? ("-l.docid", true)
            case .priceAscending: (price, true)
            case .priceDescending: (price, false)
            case .tkdnDescending: ("l.tkdn_bp", false)
            case .deliveryAscending: ("l.delivery_days", true)
            }
        var after = ""
        if let cursor {
            let keyValue = parameters.bind(cursor.key)
            let docid = parameters.bind(.integer(cursor.docid))
            after =
                "WHERE sort_key \(ascending ? ">" : "<") \(keyValue) OR (sort_key = \(keyValue) AND docid > \(docid))"
        }
        pageSize = try CursorParams.pageLimit(params.limit, default: 20, maximum: 100)
        sql = """
            SELECT docid, sort_key, summary, vendor_id, vendor_name, is_umkm, is_pkp, price FROM (
                SELECT l.docid AS docid, \(key) AS sort_key, l.summary AS summary, l.vendor_id AS vendor_id, v.name AS vendor_name,
                    l.is_umkm AS is_umkm, v.is_pkp AS is_pkp, \(price) AS price
                FROM \(from) WHERE \(filter))
            \(after)
            ORDER BY sort_key \(ascending ? "ASC" : "DESC"), docid ASC
            LIMIT \(parameters.bind(.integer(Int64(pageSize + 1))))
            """
        arguments = parameters.values
    }
}
