import SiOpenDomain
import SiOpenProtocol

// MARK: - What buyers see

/// A vendor as buyers see it next to its products.
public struct ListedVendor: Codable, Sendable, Hashable {
    /// The vendor's id.
    public var id: String
    /// The name as listed in the catalogue.
    public var name: String
    /// Whether it is UMKM.
    public var isUMKM: Bool
    /// Whether it is a PKP (charges PPN).
    public var isPKP: Bool

    /// Creates it.
    public init(id: String, name: String, isUMKM: Bool, isPKP: Bool) {
        self.id = id
        self.name = name
        self.isUMKM = isUMKM
        self.isPKP = isPKP
    }
}

/// One search hit.
public struct ProductSummary: Codable, Sendable, Hashable {
    /// The product's id, as returned by `product.submit` and listed by `catalog.search`.
    public var productID: String
    /// The number of the accepted revision buyers see.
    public var revision: Int64
    /// The name as listed in the catalogue.
    public var name: String
    /// The code of the category in the tenant's tree (`category.list`).
    public var categoryCode: String
    /// The offering vendor.
    public var vendor: ListedVendor
    /// The unit price for the region searched, or the lowest regional price.
    public var unitPrice: Rupiah
    /// Whether the price includes PPN.
    public var includesPPN: Bool
    /// The unit of sale as the vendor states it (`rim`, `unit`, `paket`), at most 30 characters.
    public var unit: String
    /// TKDN in basis points (0 when not certified).
    public var tkdnBasisPoints: Int
    /// Domestic or imported, with the country and TKDN details.
    public var origin: ProductOrigin
    /// Days from the Surat Pesanan to delivery that the vendor promises, at most 3,650.
    public var deliveryDays: Int
    /// Months of warranty offered, 0 to 1,200.
    public var warrantyMonths: Int
    /// Units in stock, 0 to 10,000,000.
    public var stock: Int
    /// The first image, if any.
    public var image: StoredFile?

    /// Creates it.
    public init(
        productID: String, revision: Int64, name: String, categoryCode: String, vendor: ListedVendor, unitPrice: Rupiah,
        includesPPN: Bool,
        unit: String, tkdnBasisPoints: Int, origin: ProductOrigin, deliveryDays: Int, warrantyMonths: Int, stock: Int,
        image: StoredFile?
    ) {
        self.productID = productID
        self.revision = revision
        self.name = name
        self.categoryCode = categoryCode
        self.vendor = vendor
        self.unitPrice = unitPrice
        self.includesPPN = includesPPN
        self.unit = unit
        self.tkdnBasisPoints = tkdnBasisPoints
        self.origin = origin
        self.deliveryDays = deliveryDays
        self.warrantyMonths = warrantyMonths
        self.stock = stock
        self.image = image
    }
}

/// Search orders.
public enum SearchSort: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Best text match first (needs a query; without one, newest listed first).
    case relevance
    /// Cheapest first.
    case priceAscending = "price_asc"
    /// Dearest first.
    case priceDescending = "price_desc"
    /// Highest TKDN first.
    case tkdnDescending = "tkdn_desc"
    /// Fastest delivery first.
    case deliveryAscending = "delivery_asc"
}

/// A catalogue search with the annex I.D.2 criteria as filters.
public struct CatalogSearchParams: Codable, Sendable, Hashable {
    /// Tenant (Super Admin and the national monitor name one; others search their own).
    public var tenant: String?
    /// Words to find in name, description and specification (accent- and case-insensitive).
    public var query: String?
    /// Only this category and its sub-categories.
    public var categoryCode: String?
    /// Delivered to this region, priced for it.
    public var regionCode: String?
    /// Lowest unit price. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var minPrice: Rupiah?
    /// Highest unit price. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var maxPrice: Rupiah?
    /// Lowest TKDN, basis points. At the RPC boundary 0 to 10,000 (``InputLimits/basisPoints``).
    public var minTKDNBasisPoints: Int?
    /// Only domestic or only imported products; both when omitted.
    public var origin: OriginKind?
    /// At most this many delivery days. At the RPC boundary 0 to 3,650 (``InputLimits/days``).
    public var maxDeliveryDays: Int?
    /// At least this many warranty months. At the RPC boundary 0 to 1,200 (``InputLimits/months``).
    public var minWarrantyMonths: Int?
    /// Only products in stock.
    public var inStockOnly: Bool?
    /// Only this vendor's products.
    public var vendorID: String?
    /// Only products of micro, small and medium vendors (UMKM) when true.
    public var umkmOnly: Bool?
    /// Order of results (default relevance).
    public var sort: SearchSort?
    /// The `nextCursor` of the previous page.
    public var cursor: String?
    /// Page size, 1–100 (default 20).
    public var limit: Int?

    /// Creates it.
    public init(
        tenant: String? = nil, query: String? = nil, categoryCode: String? = nil, regionCode: String? = nil,
        minPrice: Rupiah? = nil,
        maxPrice: Rupiah? = nil, minTKDNBasisPoints: Int? = nil, origin: OriginKind? = nil, maxDeliveryDays: Int? = nil,
        minWarrantyMonths: Int? = nil, inStockOnly: Bool? = nil, vendorID: String? = nil, umkmOnly: Bool? = nil,
        sort: SearchSort? = nil,
        cursor: String? = nil, limit: Int? = nil
    ) {
        self.tenant = tenant
        self.query = query
        self.categoryCode = categoryCode
        self.regionCode = regionCode
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.minTKDNBasisPoints = minTKDNBasisPoints
        self.origin = origin
        self.maxDeliveryDays = maxDeliveryDays
        self.minWarrantyMonths = minWarrantyMonths
        self.inStockOnly = inStockOnly
        self.vendorID = vendorID
        self.umkmOnly = umkmOnly
        self.sort = sort
        self.cursor = cursor
        self.limit = limit
    }
}

/// A page of search results.
public struct CatalogSearchPage: Codable, Sendable, Hashable {
    /// The products found, in the requested order.
    public var products: [ProductSummary]
    /// Opaque; pass as `cursor` with the same filters for the next page. Nil at the end.
    public var nextCursor: String?

    /// Creates it.
    public init(products: [ProductSummary], nextCursor: String?) {
        self.products = products
        self.nextCursor = nextCursor
    }
}

/// `catalog.search`: full-text search with filters, sorting and stable cursors.
public enum CatalogSearch: RPCMethod {
    public static let name = "catalog.search"
    public static let summary =
        "Searches the listed products (accepted revisions of active, unsanctioned vendors) by words and the annex's criteria, sorted by relevance, price, TKDN or delivery time, with stable cursors."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = CatalogSearchParams
    public typealias Result = CatalogSearchPage
}

/// A listed product in full, as buyers see it.
public struct ProductDetail: Codable, Sendable, Hashable {
    /// The product's id, as returned by `product.submit` and listed by `catalog.search`.
    public var productID: String
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// The number of the accepted revision buyers see.
    public var revision: Int64
    /// The vendor: id, name and tax identities.
    public var vendor: ListedVendor
    /// The product's category.
    public var category: Category
    /// The offer: every field the annex lists.
    public var offer: ProductOffer
    /// When the listed revision was accepted.
    public var acceptedAt: String

    /// Creates it.
    public init(
        productID: String, tenant: String, revision: Int64, vendor: ListedVendor, category: Category,
        offer: ProductOffer, acceptedAt: String
    ) {
        self.productID = productID
        self.tenant = tenant
        self.revision = revision
        self.vendor = vendor
        self.category = category
        self.offer = offer
        self.acceptedAt = acceptedAt
    }
}

/// `product.get`: a listed product in full.
public enum ProductGet: RPCMethod {
    public static let name = "product.get"
    public static let summary =
        "A listed product with everything annex I.D.2 lists; not found when it is not listed (pending only, withdrawn, or its vendor inactive, blocked, blacklisted or delisted)."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    public static let isIdempotent = true
    public typealias Params = ProductRef
    public typealias Result = ProductDetail
}

/// Lowest, median and highest of a set of listed prices.
public struct PriceStatistics: Codable, Sendable, Hashable {
    /// How many accepted offers the statistics cover.
    public var count: Int
    /// The lowest unit price among the accepted offers.
    public var lowest: Rupiah
    /// Median; with an even count, the mean of the two middle prices rounded half up to a whole rupiah.
    public var median: Rupiah
    /// The highest unit price among the accepted offers.
    public var highest: Rupiah

    /// Creates it.
    public init(count: Int, lowest: Rupiah, median: Rupiah, highest: Rupiah) {
        self.count = count
        self.lowest = lowest
        self.median = median
        self.highest = highest
    }
}

/// What a PPK asks a price reference for.
public struct PriceReferenceParams: Codable, Sendable, Hashable {
    /// Tenant (Super Admin names one).
    public var tenant: String?
    /// A product: its listed regional prices.
    public var productID: String?
    /// A category (with sub-categories): the listed prices of its products. Defaults to the product's category.
    public var categoryCode: String?
    /// Price for this region where given.
    public var regionCode: String?

    /// Creates it.
    public init(tenant: String? = nil, productID: String? = nil, categoryCode: String? = nil, regionCode: String? = nil)
    {
        self.tenant = tenant
        self.productID = productID
        self.categoryCode = categoryCode
        self.regionCode = regionCode
    }
}

/// A price reference for a PPK's estimate (annex I.D.1.b).
public struct PriceReference: Codable, Sendable, Hashable {
    /// The product's listed regional unit prices, when a product was named.
    public var product: PriceStatistics?
    /// The listed unit prices of the category's products (one per product: for the region, or its lowest).
    public var category: PriceStatistics?
    /// The category the statistics cover.
    public var categoryCode: String
    /// The listed installation and training costs of the product, for the estimate's supporting costs.
    public var installationCost: Rupiah?
    /// Training cost per order; null when not offered.
    public var trainingCost: Rupiah?
    /// When the statistics were computed: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).
    public var computedAt: String

    /// Creates it.
    public init(
        product: PriceStatistics?, category: PriceStatistics?, categoryCode: String, installationCost: Rupiah?,
        trainingCost: Rupiah?, computedAt: String
    ) {
        self.product = product
        self.category = category
        self.categoryCode = categoryCode
        self.installationCost = installationCost
        self.trainingCost = trainingCost
        self.computedAt = computedAt
    }
}

/// `catalog.priceReference`: lowest, median and highest listed prices for a product and its category.
public enum CatalogPriceReference: RPCMethod {
    public static let name = "catalog.priceReference"
    public static let summary =
        "Price references for a PPK's estimate: the lowest, median and highest listed unit prices of a product (across its regions) and of a category."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = PriceReferenceParams
    public typealias Result = PriceReference
}
