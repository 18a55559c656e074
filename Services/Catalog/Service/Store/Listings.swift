import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Keeps the buyers' view (`listing`, its regional prices and its full-text row) in step with
/// products and vendors, inside the caller's transaction.
enum Listings {
    /// The SQL condition that a listing `l` may be shown today: its vendor is active and neither
    /// delisted by a sanction in force nor blacklisted. Binds `?1` = tenant, `?2` = today.
    static let visibleToday = """
        l.tenant = ?1 AND l.vendor_active = 1
        AND l.vendor_id NOT IN (
            SELECT vendor_id FROM sanction
            WHERE tenant = ?1 AND decision = 'accepted' AND starts_on <= ?2 AND ends_on > ?2)
        AND l.vendor_npwp NOT IN (
            SELECT npwp FROM blacklist WHERE (tenant IS NULL OR tenant = ?1) AND starts_on <= ?2 AND ends_on >= ?2)
        """

    /// Rebuilds the listing of `productID` from its listed revision, or removes it when nothing
    /// is listed (no accepted revision yet, or withdrawn).
    static func refresh(_ db: Connection, productID: String) throws {
        guard
            let product = try db.queryOne(
                "SELECT tenant, vendor_id, listed_revision, withdrawn FROM product WHERE id = ?", productID)
        else { return }
        let existing = try db.queryOne("SELECT docid FROM listing WHERE product_id = ?", productID)?.int64(0)
        guard let revision = try product.optionalInt64(2), try product.int64(3) == 0 else {
            if let existing { try remove(db, docid: existing) }
            return
        }
        let offer = try Products.offer(db, productID: productID, revision: revision)
        let vendorID = try product.string(1)
        let vendor = try db.queryOne("SELECT status, npwp, is_umkm FROM vendor_state WHERE vendor_id = ?", vendorID)
        let summary = ProductSummary(
            productID: productID, revision: revision, name: offer.name, categoryCode: offer.categoryCode,
            vendor: ListedVendor(id: vendorID, name: "", isUMKM: false, isPKP: false), unitPrice: offer.listedPrice,
            includesPPN: offer.price.includesPPN, unit: offer.unit, tkdnBasisPoints: offer.tkdn?.basisPoints ?? 0,
            origin: offer.origin,
            deliveryDays: offer.deliveryDays, warrantyMonths: offer.warranty.months, stock: offer.stock,
            image: offer.images.first)
        let columns: [any SQLBindable] = [
            productID, try product.string(0), vendorID, try vendor?.string(1) ?? "", try vendor?.string(0) == "active",
            try vendor?.int64(2) == 1, offer.categoryCode, revision, offer.listedPrice.amount,
            offer.tkdn?.basisPoints ?? 0,
            offer.origin.kind.rawValue, offer.deliveryDays, offer.warranty.months, offer.stock,
            try JSONColumn.text(summary),
        ]
        let docid: Int64
        if let existing {
            docid = existing
            try db.run(
                """
                UPDATE listing SET product_id = ?, tenant = ?, vendor_id = ?, vendor_npwp = ?, vendor_active = ?, is_umkm = ?,
                    category_code = ?, revision = ?, unit_price = ?, tkdn_bp = ?, origin = ?, delivery_days = ?, warranty_months = ?,
                    stock = ?, summary = ?
                WHERE docid = ?
                """, arguments: columns + [docid])
            try db.run("DELETE FROM listing_price WHERE docid = ?", docid)
            try db.run("DELETE FROM listing_text WHERE rowid = ?", docid)
        } else {
            try db.run(
                """
                INSERT INTO listing (product_id, tenant, vendor_id, vendor_npwp, vendor_active, is_umkm, category_code, revision,
                    unit_price, tkdn_bp, origin, delivery_days, warranty_months, stock, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: columns)
            docid = try db.queryOne("SELECT last_insert_rowid()")!.int64(0)
        }
        for regional in offer.price.regions {
            try db.run(
                "INSERT INTO listing_price (docid, region_code, unit_price) VALUES (?, ?, ?)", docid,
                regional.regionCode, regional.unitPrice.amount)
        }
        let specification = offer.specification.map { "\($0.name) \($0.value)" }.joined(separator: "\n")
        try db.run(
            "INSERT INTO listing_text (rowid, name, description, specification) VALUES (?, ?, ?, ?)",
            docid, offer.name, offer.description + "\n" + offer.function, specification)
    }

    /// Copies a vendor's standing onto its listings after the feed changed it.
    static func refreshVendor(_ db: Connection, vendorID: String) throws {
        try db.run(
            """
            UPDATE listing SET
                vendor_active = (SELECT status = 'active' FROM vendor_state WHERE vendor_id = ?1),
                is_umkm = (SELECT is_umkm FROM vendor_state WHERE vendor_id = ?1),
                vendor_npwp = (SELECT npwp FROM vendor_state WHERE vendor_id = ?1)
            WHERE vendor_id = ?1
            """, vendorID)
    }

    private static func remove(_ db: Connection, docid: Int64) throws {
        try db.run("DELETE FROM listing_text WHERE rowid = ?", docid)
        try db.run("DELETE FROM listing_price WHERE docid = ?", docid)
        try db.run("DELETE FROM listing WHERE docid = ?", docid)
    }

    /// The listing row of `productID` if it is visible today in `tenant`.
    static func visible(_ db: Connection, tenant: String, productID: String, today: String) throws -> (
        docid: Int64, revision: Int64, vendorID: String
    )? {
        try db.queryOne(
            "SELECT l.docid, l.revision, l.vendor_id FROM listing l WHERE \(Listings.visibleToday) AND l.product_id = ?3",
            tenant, today, productID
        ).map { (try $0.int64(0), try $0.int64(1), try $0.string(2)) }
    }

    /// The lowest, median and highest unit price (for `regionCode`, or each listing's own) of the
    /// listings visible today in `categoryCodes`; nil when there are none.
    static func priceStatistics(
        _ db: Connection, tenant: String, today: String, categoryCodes: [String], regionCode: String?
    ) throws -> PriceStatistics? {
        var query = NumberedParameters()
        _ = query.bind(.text(tenant))
        _ = query.bind(.text(today))
        var from = "listing l"
        var price = "l.unit_price"
        if let region = regionCode {
            from += " JOIN listing_price rp ON rp.docid = l.docid AND rp.region_code = \(query.bind(.text(region)))"
            price = "rp.unit_price"
        }
        let prices =
            "SELECT \(price) AS price FROM \(from) WHERE \(Listings.visibleToday) AND l.category_code IN (\(categoryCodes.map { query.bind(.text($0)) }.joined(separator: ", ")))"
        let summary = try db.queryOne(
            "SELECT count(*), min(price), max(price) FROM (\(prices))", arguments: query.values)!
        let count = try summary.int64(0)
        guard count > 0 else { return nil }
        // The middle one (odd count) or two (even count), in price order.
        let middle = try db.query(
            "SELECT price FROM (\(prices)) ORDER BY price LIMIT \(count % 2 == 1 ? 1 : 2) OFFSET \((count - 1) / 2)",
            arguments: query.values
        ).map { try Rupiah(checked: try $0.int64(0)) }
        return PriceStatistics(
            count: Int(count), lowest: try Rupiah(checked: try summary.int64(1)),
            median: middle.count == 1 ? middle[0] : PriceStatisticsRule.median(lower: middle[0], upper: middle[1]),
            highest: try Rupiah(checked: try summary.int64(2)))
    }
}
