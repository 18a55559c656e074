// The catalog service's contract: categories, product offers and their revisions, verification,
// catalogue search, price references and delisting sanctions (Perbup Balangan 92/2023 annex
// I.B.3, I.C.1.e–g, I.D.2 and Pasal 14).
import SiOpenDomain
import SiOpenProtocol

// MARK: - Tenant settings

/// A delivery region of a tenant (a kecamatan, say): vendors price delivery per region.
public struct DeliveryRegion: Codable, Sendable, Hashable {
    /// Short code, unique in the tenant (`PARINGIN`).
    public var code: String
    /// Name for people.
    public var name: String

    /// Creates it.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// The catalogue settings of a tenant.
public struct CatalogSettings: Codable, Sendable, Hashable {
    /// The tenant.
    public var tenant: String
    /// The regions vendors deliver to and price delivery for.
    public var deliveryRegions: [DeliveryRegion]

    /// Creates it.
    public init(tenant: String, deliveryRegions: [DeliveryRegion]) {
        self.tenant = tenant
        self.deliveryRegions = deliveryRegions
    }
}

/// `catalog.settings.set`: a tenant's delivery regions (Super Admin).
public enum CatalogSettingsSet: RPCMethod {
    public static let name = "catalog.settings.set"
    public static let summary = "Sets a tenant's catalogue settings: its delivery regions. Regions in use by listed products cannot be removed."
    public static let access = Access.roles(.superAdmin)
    public typealias Params = CatalogSettings
    public typealias Result = CatalogSettings
}

/// `catalog.settings.get`: a tenant's catalogue settings.
public enum CatalogSettingsGet: RPCMethod {
    public static let name = "catalog.settings.get"
    public static let summary = "A tenant's catalogue settings (its delivery regions); any signed-in user of the tenant."
    public static let access = Access.authenticated
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = CatalogSettings
}

// MARK: - Categories

/// Whether a category's products are goods or services; payments withholds PPh 22 on goods and
/// PPh 23 on services.
public enum ProductKind: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Barang.
    case goods
    /// Jasa lainnya.
    case services
}

/// A category of the tenant's catalogue tree.
public struct Category: Codable, Sendable, Hashable {
    /// Tenant.
    public var tenant: String
    /// Code, unique in the tenant (`ATK`, `ATK-KERTAS`).
    public var code: String
    /// Name.
    public var name: String
    /// The parent's code; nil for a top-level category.
    public var parentCode: String?
    /// Goods or services.
    public var kind: ProductKind
    /// Whether offers need a partnership or permit document from the producer or distributor (annex I.C.1.g).
    public var requiresPartnershipDocument: Bool
    /// Optimistic-concurrency version (assigned; send it back to update).
    public var version: Int64?

    /// Creates it.
    public init(
        tenant: String, code: String, name: String, parentCode: String? = nil, kind: ProductKind,
        requiresPartnershipDocument: Bool = false, version: Int64? = nil
    ) {
        self.tenant = tenant
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.kind = kind
        self.requiresPartnershipDocument = requiresPartnershipDocument
        self.version = version
    }
}

/// `category.create`: adds a category (Super Admin).
public enum CategoryCreate: RPCMethod {
    public static let name = "category.create"
    public static let summary = "Adds a category to a tenant's tree, under an existing parent or at the top; says goods or services and whether a partnership/permit document is required."
    public static let access = Access.roles(.superAdmin)
    public typealias Params = Category
    public typealias Result = Category
}

/// `category.update`: renames a category or changes its rules (Super Admin).
public enum CategoryUpdate: RPCMethod {
    public static let name = "category.update"
    public static let summary = "Changes a category's name, parent, kind or document requirement; send the version read. A category cannot become its own ancestor."
    public static let access = Access.roles(.superAdmin)
    public typealias Params = Category
    public typealias Result = Category
}

/// `category.list`: a tenant's category tree, parents before children.
public enum CategoryList: RPCMethod {
    public static let name = "category.list"
    public static let summary = "A tenant's categories, parents before their children."
    public static let access = Access.authenticated
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = [Category]
}

// MARK: - Product offers

/// One named attribute of a technical specification (`Processor`: `Intel Core i5-1335U`).
public struct SpecificationAttribute: Codable, Sendable, Hashable {
    /// Attribute name.
    public var name: String
    /// Its value.
    public var value: String

    /// Creates it.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Domestic or imported.
public enum OriginKind: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Made in Indonesia.
    case domestic
    /// Imported.
    case imported
}

/// Where a product comes from.
public struct ProductOrigin: Codable, Sendable, Hashable {
    /// Domestic or imported.
    public var kind: OriginKind
    /// Country of origin, ISO 3166-1 alpha-2 (`ID` for domestic products).
    public var country: String

    /// Creates it.
    public init(kind: OriginKind, country: String) {
        self.kind = kind
        self.country = country
    }
}

/// The certified domestic content (TKDN) of a product.
public struct TKDNDeclaration: Codable, Sendable, Hashable {
    /// The certified value in basis points: 4327 is 43.27%; 0 to 10000. Integers, so filters and
    /// sorting never meet floating-point rounding.
    public var basisPoints: Int
    /// The certificate number from the Ministry of Industry.
    public var certificateNumber: String

    /// Creates it.
    public init(basisPoints: Int, certificateNumber: String) {
        self.basisPoints = basisPoints
        self.certificateNumber = certificateNumber
    }
}

/// The unit price delivered to one region: product cost + this delivery cost + tax + overhead and profit.
public struct RegionalPrice: Codable, Sendable, Hashable {
    /// The tenant's delivery region.
    public var regionCode: String
    /// Delivery cost to this region, per unit. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var deliveryCost: Rupiah
    /// The unit price stated for this region; must equal the sum of the components. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var unitPrice: Rupiah

    /// Creates it.
    public init(regionCode: String, deliveryCost: Rupiah, unitPrice: Rupiah) {
        self.regionCode = regionCode
        self.deliveryCost = deliveryCost
        self.unitPrice = unitPrice
    }
}

/// A unit price broken into the components annex I.C.1.e requires.
public struct PriceBreakdown: Codable, Sendable, Hashable {
    /// (1) The product's own cost. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var productCost: Rupiah
    /// (3) Applicable tax per unit. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var tax: Rupiah
    /// (4) Overhead and profit per unit. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var overheadAndProfit: Rupiah
    /// Whether the unit price includes PPN (so payments does not add it again).
    public var includesPPN: Bool
    /// (2) Delivery cost and resulting unit price, per delivery region served (at least one).
    public var regions: [RegionalPrice]

    /// Creates it.
    public init(productCost: Rupiah, tax: Rupiah, overheadAndProfit: Rupiah, includesPPN: Bool, regions: [RegionalPrice]) {
        self.productCost = productCost
        self.tax = tax
        self.overheadAndProfit = overheadAndProfit
        self.includesPPN = includesPPN
        self.regions = regions
    }
}

/// The warranty offered.
public struct Warranty: Codable, Sendable, Hashable {
    /// Months of warranty (0 for none). At the RPC boundary 0 to 1,200 (``InputLimits/months``).
    public var months: Int
    /// Terms in words (who services it, what is covered).
    public var terms: String?

    /// Creates it.
    public init(months: Int, terms: String? = nil) {
        self.months = months
        self.terms = terms
    }
}

/// A new image (base64 of JPEG or PNG bytes) or one already stored with this product (by its SHA-256).
public struct ImageInput: Codable, Sendable, Hashable {
    /// Base64 of the image bytes (JPEG or PNG, at most 2 MiB decoded).
    public var contentBase64: String?
    /// The hex SHA-256 of an image already stored with an earlier revision of this product.
    public var sha256: String?

    /// Creates it.
    public init(contentBase64: String? = nil, sha256: String? = nil) {
        self.contentBase64 = contentBase64
        self.sha256 = sha256
    }
}

/// Partnership (kemitraan) or permit (izin) from the producer or distributor.
public enum PartnershipKind: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Kemitraan.
    case partnership
    /// Izin / letter of authorisation.
    case permit
}

/// The partnership or permit document an offer carries where its category requires one.
public struct PartnershipDocumentInput: Codable, Sendable, Hashable {
    /// Partnership or permit.
    public var kind: PartnershipKind
    /// The letter's number.
    public var number: String
    /// The producer or distributor that issued it.
    public var issuer: String
    /// Last day it is valid, if it expires.
    public var validUntil: CivilDate?
    /// Base64 of the scanned letter (PDF, JPEG or PNG); or give `sha256` of one already stored.
    public var contentBase64: String?
    /// The hex SHA-256 of a document stored with an earlier revision.
    public var sha256: String?

    /// Creates it.
    public init(kind: PartnershipKind, number: String, issuer: String, validUntil: CivilDate? = nil, contentBase64: String? = nil, sha256: String? = nil) {
        self.kind = kind
        self.number = number
        self.issuer = issuer
        self.validUntil = validUntil
        self.contentBase64 = contentBase64
        self.sha256 = sha256
    }
}

/// What a vendor offers: everything annex I.B.3, I.C.1.e–g and I.D.2 list.
public struct ProductOfferInput: Codable, Sendable, Hashable {
    /// The category's code.
    public var categoryCode: String
    /// Product name.
    public var name: String
    /// Description.
    public var description: String
    /// What it is for (fungsi).
    public var function: String
    /// Technical specification, as named attributes.
    public var specification: [SpecificationAttribute]
    /// Origin.
    public var origin: ProductOrigin
    /// Certified TKDN, when certified.
    public var tkdn: TKDNDeclaration?
    /// Unit of sale (`unit`, `rim`, `paket`, `jam`).
    public var unit: String
    /// The unit price and its components.
    public var price: PriceBreakdown
    /// Units available now. At the RPC boundary 0 to 10,000,000 (``InputLimits/stock``).
    public var stock: Int
    /// Days from the Surat Pesanan to delivery. At the RPC boundary 0 to 3,650 (``InputLimits/days``).
    public var deliveryDays: Int
    /// Warranty.
    public var warranty: Warranty
    /// Bonus or discount offered, in words.
    public var bonusOrDiscount: String?
    /// Installation cost per order, where offered. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var installationCost: Rupiah?
    /// Training cost per order, where offered. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var trainingCost: Rupiah?
    /// Images, 1 to 8.
    public var images: [ImageInput]
    /// The partnership or permit document, where the category requires it.
    public var partnershipDocument: PartnershipDocumentInput?

    /// Creates it.
    public init(
        categoryCode: String, name: String, description: String, function: String, specification: [SpecificationAttribute],
        origin: ProductOrigin, tkdn: TKDNDeclaration? = nil, unit: String, price: PriceBreakdown, stock: Int, deliveryDays: Int,
        warranty: Warranty, bonusOrDiscount: String? = nil, installationCost: Rupiah? = nil, trainingCost: Rupiah? = nil,
        images: [ImageInput], partnershipDocument: PartnershipDocumentInput? = nil
    ) {
        self.categoryCode = categoryCode
        self.name = name
        self.description = description
        self.function = function
        self.specification = specification
        self.origin = origin
        self.tkdn = tkdn
        self.unit = unit
        self.price = price
        self.stock = stock
        self.deliveryDays = deliveryDays
        self.warranty = warranty
        self.bonusOrDiscount = bonusOrDiscount
        self.installationCost = installationCost
        self.trainingCost = trainingCost
        self.images = images
        self.partnershipDocument = partnershipDocument
    }
}

/// A stored image or document of a product, named by its content hash.
public struct StoredFile: Codable, Sendable, Hashable {
    /// Hex SHA-256: its name in the store.
    public var sha256: String
    /// `image/jpeg`, `image/png` or `application/pdf`, detected from the bytes.
    public var contentType: String
    /// Size in bytes.
    public var byteCount: Int64

    /// Creates it.
    public init(sha256: String, contentType: String, byteCount: Int64) {
        self.sha256 = sha256
        self.contentType = contentType
        self.byteCount = byteCount
    }
}

/// A stored partnership or permit document.
public struct PartnershipDocument: Codable, Sendable, Hashable {
    /// Partnership or permit.
    public var kind: PartnershipKind
    /// Letter number.
    public var number: String
    /// Issuing producer or distributor.
    public var issuer: String
    /// Last valid day, if any.
    public var validUntil: CivilDate?
    /// The stored scan.
    public var file: StoredFile

    /// Creates it.
    public init(kind: PartnershipKind, number: String, issuer: String, validUntil: CivilDate?, file: StoredFile) {
        self.kind = kind
        self.number = number
        self.issuer = issuer
        self.validUntil = validUntil
        self.file = file
    }
}

/// One revision of an offer as stored: the input with files replaced by their stored form.
public struct ProductOffer: Codable, Sendable, Hashable {
    /// Category code.
    public var categoryCode: String
    /// Name.
    public var name: String
    /// Description.
    public var description: String
    /// Function.
    public var function: String
    /// Specification.
    public var specification: [SpecificationAttribute]
    /// Origin.
    public var origin: ProductOrigin
    /// TKDN, when certified.
    public var tkdn: TKDNDeclaration?
    /// Unit.
    public var unit: String
    /// Price and components.
    public var price: PriceBreakdown
    /// Stock.
    public var stock: Int
    /// Delivery days.
    public var deliveryDays: Int
    /// Warranty.
    public var warranty: Warranty
    /// Bonus or discount.
    public var bonusOrDiscount: String?
    /// Installation cost.
    public var installationCost: Rupiah?
    /// Training cost.
    public var trainingCost: Rupiah?
    /// Images.
    public var images: [StoredFile]
    /// Partnership or permit document.
    public var partnershipDocument: PartnershipDocument?

    /// Creates it.
    public init(
        categoryCode: String, name: String, description: String, function: String, specification: [SpecificationAttribute],
        origin: ProductOrigin, tkdn: TKDNDeclaration?, unit: String, price: PriceBreakdown, stock: Int, deliveryDays: Int,
        warranty: Warranty, bonusOrDiscount: String?, installationCost: Rupiah?, trainingCost: Rupiah?, images: [StoredFile],
        partnershipDocument: PartnershipDocument?
    ) {
        self.categoryCode = categoryCode
        self.name = name
        self.description = description
        self.function = function
        self.specification = specification
        self.origin = origin
        self.tkdn = tkdn
        self.unit = unit
        self.price = price
        self.stock = stock
        self.deliveryDays = deliveryDays
        self.warranty = warranty
        self.bonusOrDiscount = bonusOrDiscount
        self.installationCost = installationCost
        self.trainingCost = trainingCost
        self.images = images
        self.partnershipDocument = partnershipDocument
    }

    /// The lowest regional unit price: the price the catalogue lists ("from").
    public var listedPrice: Rupiah { price.regions.map(\.unitPrice).min() ?? .zero }
}

/// Where a revision stands with the verifier.
public enum RevisionStatus: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Awaiting (or held by) the verifier.
    case pending
    /// Accepted: listed while the vendor may be listed.
    case accepted
    /// Rejected with reasons.
    case rejected
    /// Replaced by a later edit before it was decided.
    case superseded
}

/// One revision of a product, kept forever.
public struct ProductRevision: Codable, Sendable, Hashable {
    /// 1, 2, …
    public var revision: Int64
    /// The offer.
    public var offer: ProductOffer
    /// Verification status.
    public var status: RevisionStatus
    /// The verifier's reasons (required for a rejection).
    public var reasons: String?
    /// When the vendor submitted it.
    public var submittedAt: String
    /// When the verifier last decided it.
    public var decidedAt: String?
    /// The verifier's account.
    public var decidedBy: String?

    /// Creates it.
    public init(revision: Int64, offer: ProductOffer, status: RevisionStatus, reasons: String?, submittedAt: String, decidedAt: String?, decidedBy: String?) {
        self.revision = revision
        self.offer = offer
        self.status = status
        self.reasons = reasons
        self.submittedAt = submittedAt
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
    }
}

/// A product as its vendor and verifiers see it: every revision, and which one is listed.
public struct ProductRecord: Codable, Sendable, Hashable {
    /// Product id.
    public var id: String
    /// Tenant.
    public var tenant: String
    /// The offering vendor.
    public var vendorID: String
    /// The accepted revision buyers see, if any.
    public var listedRevision: Int64?
    /// The newest revision.
    public var latestRevision: Int64
    /// Whether the vendor withdrew it from sale.
    public var withdrawn: Bool
    /// Every revision, newest first.
    public var revisions: [ProductRevision]
    /// Optimistic-concurrency version: send it back with edits and decisions.
    public var version: Int64

    /// Creates it.
    public init(id: String, tenant: String, vendorID: String, listedRevision: Int64?, latestRevision: Int64, withdrawn: Bool, revisions: [ProductRevision], version: Int64) {
        self.id = id
        self.tenant = tenant
        self.vendorID = vendorID
        self.listedRevision = listedRevision
        self.latestRevision = latestRevision
        self.withdrawn = withdrawn
        self.revisions = revisions
        self.version = version
    }
}

/// `product.submit`: an active vendor offers a new product.
public enum ProductSubmit: RPCMethod {
    public static let name = "product.submit"
    public static let summary = "An active vendor offers a product with its full data and price breakdown; the first revision awaits verification."
    public static let access = Access.roles(.vendor)
    public static let maxRequestBytes = 32 << 20
    public typealias Params = ProductOfferInput
    public typealias Result = ProductRecord
}

/// An edit of an existing product.
public struct ProductEdit: Codable, Sendable, Hashable {
    /// Product id.
    public var productID: String
    /// The version read.
    public var version: Int64
    /// The whole new offer.
    public var offer: ProductOfferInput

    /// Creates it.
    public init(productID: String, version: Int64, offer: ProductOfferInput) {
        self.productID = productID
        self.version = version
        self.offer = offer
    }
}

/// `product.edit`: the vendor edits its product; the edit is a new revision awaiting verification.
public enum ProductEditMethod: RPCMethod {
    public static let name = "product.edit"
    public static let summary = "The vendor edits its product: a new revision that waits for verification while the accepted one stays listed. An undecided earlier edit is superseded."
    public static let access = Access.roles(.vendor)
    public static let maxRequestBytes = 32 << 20
    public typealias Params = ProductEdit
    public typealias Result = ProductRecord
}

/// Names a product and the version read.
public struct ProductRef: Codable, Sendable, Hashable {
    /// Product id.
    public var productID: String
    /// The version read (required for changes).
    public var version: Int64?

    /// Creates it.
    public init(productID: String, version: Int64? = nil) {
        self.productID = productID
        self.version = version
    }
}

/// `product.withdraw`: the vendor takes its product off sale (it can be edited back on).
public enum ProductWithdraw: RPCMethod {
    public static let name = "product.withdraw"
    public static let summary = "The vendor takes its product off the catalogue; a later edit that the verifier accepts lists it again."
    public static let access = Access.roles(.vendor)
    public typealias Params = ProductRef
    public typealias Result = ProductRecord
}

/// `product.record`: a product with all its revisions (its vendor, verifiers, auditors).
public enum ProductRecordGet: RPCMethod {
    public static let name = "product.record"
    public static let summary = "A product with every revision and its verification history: for its vendor, the tenant's verifiers, auditors and Super Admin."
    public static let access = Access.roles(.vendor, .verifier, .auditor, .ukpbjHead, .superAdmin)
    public static let isIdempotent = true
    public typealias Params = ProductRef
    public typealias Result = ProductRecord
}

/// Filters for a list of product records.
public struct ProductRecordListParams: Codable, Sendable, Hashable {
    /// Tenant (Super Admin names one; others act in their own).
    public var tenant: String?
    /// Only products whose newest revision has this status (verifiers use `pending` as their queue).
    public var latestStatus: RevisionStatus?
    /// Resume after this product id.
    public var after: String?
    /// Page size, 1–200 (default 50).
    public var limit: Int?

    /// Creates it.
    public init(tenant: String? = nil, latestStatus: RevisionStatus? = nil, after: String? = nil, limit: Int? = nil) {
        self.tenant = tenant
        self.latestStatus = latestStatus
        self.after = after
        self.limit = limit
    }
}

/// A page of product records.
public struct ProductRecordPage: Codable, Sendable, Hashable {
    /// The records, by id.
    public var products: [ProductRecord]
    /// Pass as `after` for the next page; nil at the end.
    public var nextCursor: String?

    /// Creates it.
    public init(products: [ProductRecord], nextCursor: String?) {
        self.products = products
        self.nextCursor = nextCursor
    }
}

/// `product.list`: a vendor's own products, or a verifier's queue.
public enum ProductRecordList: RPCMethod {
    public static let name = "product.list"
    public static let summary = "Product records: a vendor sees its own; verifiers, auditors and Super Admin see the tenant's (filter `latestStatus: pending` for the verification queue)."
    public static let access = Access.roles(.vendor, .verifier, .auditor, .ukpbjHead, .superAdmin)
    public static let isIdempotent = true
    public typealias Params = ProductRecordListParams
    public typealias Result = ProductRecordPage
}

/// A verifier's decision on a revision.
public enum VerificationDecision: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Accept: this revision becomes the listed one.
    case accepted
    /// Reject, with reasons.
    case rejected
    /// Keep it pending (e.g. documents to be checked offline), with a note.
    case pending
}

/// What a verifier decides.
public struct ProductVerification: Codable, Sendable, Hashable {
    /// Product id.
    public var productID: String
    /// The revision decided (must be the newest).
    public var revision: Int64
    /// The product version read.
    public var version: Int64
    /// The decision.
    public var decision: VerificationDecision
    /// Reasons; required to reject.
    public var reasons: String?

    /// Creates it.
    public init(productID: String, revision: Int64, version: Int64, decision: VerificationDecision, reasons: String? = nil) {
        self.productID = productID
        self.revision = revision
        self.version = version
        self.decision = decision
        self.reasons = reasons
    }
}

/// `product.verify`: a verifier accepts, rejects or keeps pending a submitted revision.
public enum ProductVerify: RPCMethod {
    public static let name = "product.verify"
    public static let summary = "A verifier of the product's tenant sets its newest revision accepted (it becomes the listed one), rejected (with reasons) or pending."
    public static let access = Access.roles(.verifier)
    public typealias Params = ProductVerification
    public typealias Result = ProductRecord
}

/// Names a stored file of a product.
public struct ProductFileRef: Codable, Sendable, Hashable {
    /// Product id.
    public var productID: String
    /// The file's hex SHA-256.
    public var sha256: String

    /// Creates it.
    public init(productID: String, sha256: String) {
        self.productID = productID
        self.sha256 = sha256
    }
}

/// A stored file's bytes.
public struct ProductFileContent: Codable, Sendable, Hashable {
    /// The file.
    public var file: StoredFile
    /// Base64 of its bytes.
    public var contentBase64: String

    /// Creates it.
    public init(file: StoredFile, contentBase64: String) {
        self.file = file
        self.contentBase64 = contentBase64
    }
}

/// `product.file`: an image or document of a product.
public enum ProductFileRead: RPCMethod {
    public static let name = "product.file"
    public static let summary = "An image or partnership document of a product, by hash: images of listed revisions for any signed-in user of the tenant; everything for its vendor and verifiers."
    public static let access = Access.authenticated
    public static let isIdempotent = true
    public typealias Params = ProductFileRef
    public typealias Result = ProductFileContent
}

// MARK: - What buyers see

/// A vendor as buyers see it next to its products.
public struct ListedVendor: Codable, Sendable, Hashable {
    /// Vendor id.
    public var id: String
    /// Name.
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
    /// Product id.
    public var productID: String
    /// The listed revision.
    public var revision: Int64
    /// Name.
    public var name: String
    /// Category code.
    public var categoryCode: String
    /// Vendor.
    public var vendor: ListedVendor
    /// The unit price for the region searched, or the lowest regional price.
    public var unitPrice: Rupiah
    /// Whether the price includes PPN.
    public var includesPPN: Bool
    /// Unit.
    public var unit: String
    /// TKDN in basis points (0 when not certified).
    public var tkdnBasisPoints: Int
    /// Origin.
    public var origin: ProductOrigin
    /// Delivery days.
    public var deliveryDays: Int
    /// Warranty months.
    public var warrantyMonths: Int
    /// Stock.
    public var stock: Int
    /// The first image, if any.
    public var image: StoredFile?

    /// Creates it.
    public init(
        productID: String, revision: Int64, name: String, categoryCode: String, vendor: ListedVendor, unitPrice: Rupiah, includesPPN: Bool,
        unit: String, tkdnBasisPoints: Int, origin: ProductOrigin, deliveryDays: Int, warrantyMonths: Int, stock: Int, image: StoredFile?
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
    /// Only this origin.
    public var origin: OriginKind?
    /// At most this many delivery days. At the RPC boundary 0 to 3,650 (``InputLimits/days``).
    public var maxDeliveryDays: Int?
    /// At least this many warranty months. At the RPC boundary 0 to 1,200 (``InputLimits/months``).
    public var minWarrantyMonths: Int?
    /// Only products in stock.
    public var inStockOnly: Bool?
    /// Only this vendor's products.
    public var vendorID: String?
    /// Only UMKM vendors.
    public var umkmOnly: Bool?
    /// Order of results (default relevance).
    public var sort: SearchSort?
    /// The `nextCursor` of the previous page.
    public var cursor: String?
    /// Page size, 1–100 (default 20).
    public var limit: Int?

    /// Creates it.
    public init(
        tenant: String? = nil, query: String? = nil, categoryCode: String? = nil, regionCode: String? = nil, minPrice: Rupiah? = nil,
        maxPrice: Rupiah? = nil, minTKDNBasisPoints: Int? = nil, origin: OriginKind? = nil, maxDeliveryDays: Int? = nil,
        minWarrantyMonths: Int? = nil, inStockOnly: Bool? = nil, vendorID: String? = nil, umkmOnly: Bool? = nil, sort: SearchSort? = nil,
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
    /// The hits.
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
    public static let summary = "Searches the listed products (accepted revisions of active, unsanctioned vendors) by words and the annex's criteria, sorted by relevance, price, TKDN or delivery time, with stable cursors."
    public static let access = Access.authenticated
    public static let isIdempotent = true
    public typealias Params = CatalogSearchParams
    public typealias Result = CatalogSearchPage
}

/// A listed product in full, as buyers see it.
public struct ProductDetail: Codable, Sendable, Hashable {
    /// Product id.
    public var productID: String
    /// Tenant.
    public var tenant: String
    /// The listed revision.
    public var revision: Int64
    /// The vendor.
    public var vendor: ListedVendor
    /// The category.
    public var category: Category
    /// The offer: every field the annex lists.
    public var offer: ProductOffer
    /// When the listed revision was accepted.
    public var acceptedAt: String

    /// Creates it.
    public init(productID: String, tenant: String, revision: Int64, vendor: ListedVendor, category: Category, offer: ProductOffer, acceptedAt: String) {
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
    public static let summary = "A listed product with everything annex I.D.2 lists; not found when it is not listed (pending only, withdrawn, or its vendor inactive, blocked, blacklisted or delisted)."
    public static let access = Access.authenticated
    public static let isIdempotent = true
    public typealias Params = ProductRef
    public typealias Result = ProductDetail
}

/// Lowest, median and highest of a set of listed prices.
public struct PriceStatistics: Codable, Sendable, Hashable {
    /// How many prices.
    public var count: Int
    /// Lowest.
    public var lowest: Rupiah
    /// Median; with an even count, the mean of the two middle prices rounded half up to a whole rupiah.
    public var median: Rupiah
    /// Highest.
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
    public init(tenant: String? = nil, productID: String? = nil, categoryCode: String? = nil, regionCode: String? = nil) {
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
    /// Training cost.
    public var trainingCost: Rupiah?
    /// When computed.
    public var computedAt: String

    /// Creates it.
    public init(product: PriceStatistics?, category: PriceStatistics?, categoryCode: String, installationCost: Rupiah?, trainingCost: Rupiah?, computedAt: String) {
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
    public static let summary = "Price references for a PPK's estimate: the lowest, median and highest listed unit prices of a product (across its regions) and of a category."
    public static let access = Access.authenticated
    public static let isIdempotent = true
    public typealias Params = PriceReferenceParams
    public typealias Result = PriceReference
}

// MARK: - Sanctions (turun tayang)

/// The grounds of a sanction (Perbup Balangan 92/2023 Pasal 14).
public enum SanctionGrounds: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// False data about the company or the products: 2 years (Pasal 14(1)).
    case falseData = "false_data"
    /// Withdrew without acceptable reason after the Surat Pesanan: 1 year (Pasal 14(2)).
    case withdrawal
    /// Did not perform the work per the Surat Pesanan: 1 year.
    case nonPerformance = "non_performance"
    /// Did not finish the work: 1 year.
    case notFinished = "not_finished"
    /// Refused to replace damaged, defective or malfunctioning goods: 1 year.
    case refusedReplacement = "refused_replacement"

    /// How long the delisting lasts, in years.
    public var delistingYears: Int { self == .falseData ? 2 : 1 }
}

/// Where a sanction stands.
public enum SanctionStatus: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Proposed, awaiting the PA/KPA.
    case proposed
    /// Rejected by the PA/KPA.
    case rejected
    /// Accepted, starting later.
    case scheduled
    /// Accepted and in force today: the vendor's products are delisted.
    case inForce = "in_force"
    /// Accepted and over.
    case ended
}

/// What a PPK proposes.
public struct SanctionProposal: Codable, Sendable, Hashable {
    /// The vendor.
    public var vendorID: String
    /// Grounds.
    public var grounds: SanctionGrounds
    /// What happened, with the facts.
    public var description: String
    /// The order it concerns: an order of the proposer's agency with this vendor, failed on these
    /// grounds (any state of it for false data). Omitted only for false data in the vendor's
    /// registration (company requirements, Pasal 14(1)), which concerns no order.
    public var orderID: String?
    /// The order's Surat Pesanan number, where issued; when given it must be the order's.
    public var suratPesananNumber: String?

    /// Creates it.
    public init(vendorID: String, grounds: SanctionGrounds, description: String, orderID: String?, suratPesananNumber: String? = nil) {
        self.vendorID = vendorID
        self.grounds = grounds
        self.description = description
        self.orderID = orderID
        self.suratPesananNumber = suratPesananNumber
    }
}

/// A sanction and its decision.
public struct Sanction: Codable, Sendable, Hashable {
    /// Sanction id.
    public var id: String
    /// Tenant.
    public var tenant: String
    /// The proposing PPK's agency, whose PA/KPA decides.
    public var agency: String
    /// The proposal.
    public var proposal: SanctionProposal
    /// The vendor's name when proposed.
    public var vendorName: String
    /// The proposing PPK's account.
    public var proposedBy: String
    /// When proposed.
    public var proposedAt: String
    /// Status today.
    public var status: SanctionStatus
    /// The PA/KPA's decision number.
    public var decisionNumber: String?
    /// The decision's date.
    public var decisionDate: CivilDate?
    /// The PA/KPA's account.
    public var decidedBy: String?
    /// Reasons of the decision (required to reject).
    public var decisionReason: String?
    /// First day of the delisting.
    public var startsOn: CivilDate?
    /// The day the delisting ends: the vendor's products are listed again from this day.
    public var endsOn: CivilDate?
    /// Optimistic-concurrency version.
    public var version: Int64

    /// Creates it.
    public init(
        id: String, tenant: String, agency: String, proposal: SanctionProposal, vendorName: String, proposedBy: String, proposedAt: String,
        status: SanctionStatus, decisionNumber: String?, decisionDate: CivilDate?, decidedBy: String?, decisionReason: String?,
        startsOn: CivilDate?, endsOn: CivilDate?, version: Int64
    ) {
        self.id = id
        self.tenant = tenant
        self.agency = agency
        self.proposal = proposal
        self.vendorName = vendorName
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
        self.status = status
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.decidedBy = decidedBy
        self.decisionReason = decisionReason
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.version = version
    }
}

/// `sanction.propose`: a PPK proposes a delisting sanction against a vendor.
public enum SanctionPropose: RPCMethod {
    public static let name = "sanction.propose"
    public static let summary = "A PPK (procurement official) proposes a delisting sanction (turun tayang) against a vendor of its tenant, with grounds and the order concerned, which orders confirms with the PPK's own token: an order of the PPK's agency with that vendor, failed on those grounds (any order of the vendor, or no order for its registration data, for false data); its agency's PA/KPA decides. Repeating a proposal for the same order and grounds returns the first."
    public static let access = Access.roles(.ppk)
    public typealias Params = SanctionProposal
    public typealias Result = Sanction
}

/// A PA/KPA's decision.
public struct SanctionDecision: Codable, Sendable, Hashable {
    /// Sanction id.
    public var sanctionID: String
    /// The version read.
    public var version: Int64
    /// Accept (impose) or reject.
    public var accept: Bool
    /// The decision letter's number.
    public var decisionNumber: String
    /// Its date.
    public var decisionDate: CivilDate
    /// First day of the delisting (default: the decision date; not before it).
    public var startsOn: CivilDate?
    /// Reasons (required to reject).
    public var reason: String?

    /// Creates it.
    public init(sanctionID: String, version: Int64, accept: Bool, decisionNumber: String, decisionDate: CivilDate, startsOn: CivilDate? = nil, reason: String? = nil) {
        self.sanctionID = sanctionID
        self.version = version
        self.accept = accept
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.startsOn = startsOn
        self.reason = reason
    }
}

/// `sanction.decide`: the PA/KPA of the proposing agency accepts or rejects.
public enum SanctionDecide: RPCMethod {
    public static let name = "sanction.decide"
    public static let summary = "The PA/KPA of the proposing PPK's agency accepts (with a decision number; delisting for 2 years for false data, 1 year otherwise, from the start date) or rejects a proposed sanction."
    public static let access = Access.roles(.budgetHolder)
    public typealias Params = SanctionDecision
    public typealias Result = Sanction
}

/// Filters for the sanction list.
public struct SanctionListParams: Codable, Sendable, Hashable {
    /// Tenant (Super Admin and the national monitor name one).
    public var tenant: String?
    /// Only this vendor.
    public var vendorID: String?
    /// Only this status (as of today).
    public var status: SanctionStatus?

    /// Creates it.
    public init(tenant: String? = nil, vendorID: String? = nil, status: SanctionStatus? = nil) {
        self.tenant = tenant
        self.vendorID = vendorID
        self.status = status
    }
}

/// `sanction.list`: sanctions for auditors, the UKPBJ head, PA/KPA and PPK.
public enum SanctionList: RPCMethod {
    public static let name = "sanction.list"
    public static let summary = "Sanctions with their status as of today: all of the tenant for auditors, the UKPBJ head, verifiers and Super Admin; an agency's own for its PA/KPA and PPK."
    public static let access = Access.roles(.auditor, .ukpbjHead, .superAdmin, .monitor, .verifier, .budgetHolder, .ppk)
    public static let isIdempotent = true
    public typealias Params = SanctionListParams
    public typealias Result = [Sanction]
}
