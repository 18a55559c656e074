import SiOpenDomain
import SiOpenProtocol

// MARK: - Product offers

/// One named attribute of a technical specification (`Processor`: `Intel Core i5-1335U`).
public struct SpecificationAttribute: Codable, Sendable, Hashable {
    /// The attribute's name (`Processor`).
    public var name: String
    /// The attribute's value (`Intel Core i5-1335U`).
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
    /// Whether the product is made in Indonesia or imported.
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
    /// (3) Applicable tax per unit: the PPN the unit price contains. Must be 0 for a vendor that is not a PKP, and for a PKP whose prices exclude PPN (the order adds it); more than 0 for a PKP whose prices include it. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var tax: Rupiah
    /// (4) Overhead and profit per unit. At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var overheadAndProfit: Rupiah
    /// Whether the unit price includes PPN (so the order does not add it again); must be false for a vendor that is not a PKP.
    public var includesPPN: Bool
    /// (2) Delivery cost and resulting unit price, per delivery region served (at least one).
    public var regions: [RegionalPrice]

    /// Creates it.
    public init(
        productCost: Rupiah, tax: Rupiah, overheadAndProfit: Rupiah, includesPPN: Bool, regions: [RegionalPrice]
    ) {
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
    /// Whether the letter is a partnership agreement or a permit (annex I.C.1.g).
    public var kind: PartnershipKind
    /// The letter's number as written on it, printable ASCII.
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
    public init(
        kind: PartnershipKind, number: String, issuer: String, validUntil: CivilDate? = nil,
        contentBase64: String? = nil, sha256: String? = nil
    ) {
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
    /// The code of the category in the tenant's tree (`category.list`).
    public var categoryCode: String
    /// The product's name as buyers see it, at most 200 characters.
    public var name: String
    /// The product's description for buyers, at most 5,000 characters.
    public var description: String
    /// What it is for (fungsi).
    public var function: String
    /// Technical specification, as named attributes.
    public var specification: [SpecificationAttribute]
    /// Domestic or imported, with the country and TKDN details.
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
    /// The warranty offered: months and terms.
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
        categoryCode: String, name: String, description: String, function: String,
        specification: [SpecificationAttribute],
        origin: ProductOrigin, tkdn: TKDNDeclaration? = nil, unit: String, price: PriceBreakdown, stock: Int,
        deliveryDays: Int,
        warranty: Warranty, bonusOrDiscount: String? = nil, installationCost: Rupiah? = nil,
        trainingCost: Rupiah? = nil,
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
    /// Size of the file in bytes.
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
    /// Whether the letter is a partnership agreement or a permit (annex I.C.1.g).
    public var kind: PartnershipKind
    /// The letter's number as written on it, printable ASCII.
    public var number: String
    /// Issuing producer or distributor.
    public var issuer: String
    /// Last valid day, if any.
    public var validUntil: CivilDate?
    /// The stored scan of the letter.
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
    /// The code of the category in the tenant's tree (`category.list`).
    public var categoryCode: String
    /// The product's name, at most 200 characters.
    public var name: String
    /// The product's description for buyers, at most 5,000 characters.
    public var description: String
    /// What the product is for, at most 2,000 characters.
    public var function: String
    /// The technical specification as attribute and value pairs.
    public var specification: [SpecificationAttribute]
    /// Domestic or imported, with the country and TKDN details.
    public var origin: ProductOrigin
    /// The TKDN (domestic component level) declaration, when the product is certified; null otherwise.
    public var tkdn: TKDNDeclaration?
    /// The unit of sale as the vendor states it (`rim`, `unit`, `paket`), at most 30 characters.
    public var unit: String
    /// The unit price broken into its components; the unit price is their sum.
    public var price: PriceBreakdown
    /// Units in stock, 0 to 10,000,000.
    public var stock: Int
    /// Days from the Surat Pesanan to delivery that the vendor promises, at most 3,650.
    public var deliveryDays: Int
    /// The warranty offered: months and terms.
    public var warranty: Warranty
    /// A bonus or discount offered, free text; null when none.
    public var bonusOrDiscount: String?
    /// Installation cost per order; null when not offered.
    public var installationCost: Rupiah?
    /// Training cost per order; null when not offered.
    public var trainingCost: Rupiah?
    /// The product's images as stored (JPEG or PNG).
    public var images: [StoredFile]
    /// Partnership or permit document.
    public var partnershipDocument: PartnershipDocument?

    /// Creates it.
    public init(
        categoryCode: String, name: String, description: String, function: String,
        specification: [SpecificationAttribute],
        origin: ProductOrigin, tkdn: TKDNDeclaration?, unit: String, price: PriceBreakdown, stock: Int,
        deliveryDays: Int,
        warranty: Warranty, bonusOrDiscount: String?, installationCost: Rupiah?, trainingCost: Rupiah?,
        images: [StoredFile],
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
    /// The revision number: 1 for the first offer, one more for each edit.
    public var revision: Int64
    /// The offer as submitted in this revision.
    public var offer: ProductOffer
    /// Where this revision stands in verification.
    public var status: RevisionStatus
    /// The verifier's reasons (required for a rejection).
    public var reasons: String?
    /// When the vendor submitted it.
    public var submittedAt: String
    /// When the verifier last decided it.
    public var decidedAt: String?
    /// The account id of the verifier who decided; null while pending.
    public var decidedBy: String?

    /// Creates it.
    public init(
        revision: Int64, offer: ProductOffer, status: RevisionStatus, reasons: String?, submittedAt: String,
        decidedAt: String?, decidedBy: String?
    ) {
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
    /// The product's id.
    public var id: String
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// The id of the vendor offering the product.
    public var vendorID: String
    /// The accepted revision buyers see, if any.
    public var listedRevision: Int64?
    /// The number of the newest revision, accepted or not.
    public var latestRevision: Int64
    /// Whether the vendor withdrew it from sale.
    public var withdrawn: Bool
    /// Every revision, newest first.
    public var revisions: [ProductRevision]
    /// Optimistic-concurrency version: send it back with edits and decisions.
    public var version: Int64

    /// Creates it.
    public init(
        id: String, tenant: String, vendorID: String, listedRevision: Int64?, latestRevision: Int64, withdrawn: Bool,
        revisions: [ProductRevision], version: Int64
    ) {
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
    public static let summary =
        "An active vendor offers a product with its full data and price breakdown; the first revision awaits verification."
    public static let access = Access.roles(.vendor)
    public static let errors: [ApplicationErrorCode]? = [
        .forbidden, .notFound, .conflict, .validationFailed, .dependencyUnavailable,
    ]
    public static let maxRequestBytes = 32 << 20
    public typealias Params = ProductOfferInput
    public typealias Result = ProductRecord
}

/// An edit of an existing product.
public struct ProductEdit: Codable, Sendable, Hashable {
    /// The product's id, as returned by `product.submit` and listed by `catalog.search`.
    public var productID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
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
    public static let summary =
        "The vendor edits its product: a new revision that waits for verification while the accepted one stays listed. An undecided earlier edit is superseded."
    public static let access = Access.roles(.vendor)
    public static let errors: [ApplicationErrorCode]? = [
        .forbidden, .notFound, .conflict, .validationFailed, .dependencyUnavailable,
    ]
    public static let maxRequestBytes = 32 << 20
    public typealias Params = ProductEdit
    public typealias Result = ProductRecord
}

/// Names a product and the version read.
public struct ProductRef: Codable, Sendable, Hashable {
    /// The product's id, as returned by `product.submit` and listed by `catalog.search`.
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
    public static let summary =
        "The vendor takes its product off the catalogue; a later edit that the verifier accepts lists it again."
    public static let access = Access.roles(.vendor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict]
    public typealias Params = ProductRef
    public typealias Result = ProductRecord
}

/// `product.record`: a product with all its revisions (its vendor, verifiers, auditors).
public enum ProductRecordGet: RPCMethod {
    public static let name = "product.record"
    public static let summary =
        "A product with every revision and its verification history: for its vendor, the tenant's verifiers, auditors and Super Admin."
    public static let access = Access.roles(.vendor, .verifier, .auditor, .ukpbjHead, .superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
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
    public static let summary =
        "Product records: a vendor sees its own; verifiers, auditors and Super Admin see the tenant's (filter `latestStatus: pending` for the verification queue)."
    public static let access = Access.roles(.vendor, .verifier, .auditor, .ukpbjHead, .superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
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
    /// The product's id, as returned by `product.submit` and listed by `catalog.search`.
    public var productID: String
    /// The revision decided (must be the newest).
    public var revision: Int64
    /// The product version read.
    public var version: Int64
    /// Accept, reject or hold, with the reasons.
    public var decision: VerificationDecision
    /// Reasons; required to reject.
    public var reasons: String?

    /// Creates it.
    public init(
        productID: String, revision: Int64, version: Int64, decision: VerificationDecision, reasons: String? = nil
    ) {
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
    public static let summary =
        "A verifier of the product's tenant sets its newest revision accepted (it becomes the listed one), rejected (with reasons) or pending."
    public static let access = Access.roles(.verifier)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = ProductVerification
    public typealias Result = ProductRecord
}

/// Names a stored file of a product.
public struct ProductFileRef: Codable, Sendable, Hashable {
    /// The product's id, as returned by `product.submit` and listed by `catalog.search`.
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
    /// The stored file's metadata.
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
    public static let summary =
        "An image or partnership document of a product, by hash: images of listed revisions for any signed-in user of the tenant; everything for its vendor and verifiers."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    public static let isIdempotent = true
    public typealias Params = ProductFileRef
    public typealias Result = ProductFileContent
}
