import SiOpenDomain
import SiOpenProtocol

// MARK: - Preparation and the order

/// One item the PPK wants.
public struct OrderItemRequest: Codable, Sendable, Hashable {
    /// The product's id, as listed by `catalog.search`; its accepted revision is ordered.
    public var productID: String
    /// How many units. At the RPC boundary 0 to 1,000,000 (``InputLimits/quantity``).
    public var quantity: Int

    /// Creates it.
    public init(productID: String, quantity: Int) {
        self.productID = productID
        self.quantity = quantity
    }
}

/// The PPK's preparation (annex I.D.1): what, why, for how much, and the draft Surat Pesanan.
public struct OrderPreparation: Codable, Sendable, Hashable {
    /// Package name (`Pengadaan ATK Triwulan IV`).
    public var packageName: String
    /// Where the money comes from.
    public var fundingSource: FundingSource
    /// Budget account code (kode rekening).
    public var budgetAccountCode: String
    /// The technical specification the PPK sets.
    public var technicalSpecification: String
    /// The PPK's written justification.
    public var justification: String
    /// The catalogue items, all from one vendor.
    public var items: [OrderItemRequest]
    /// The tenant's delivery region, which prices delivery.
    public var regionCode: String
    /// Where the goods are delivered or the service performed.
    public var deliveryAddress: String
    /// The delivery date asked for.
    public var deliveryDate: CivilDate
    /// Whether the vendor's listed installation is wanted.
    public var withInstallation: Bool
    /// Whether the vendor's listed training is wanted.
    public var withTraining: Bool
    /// The draft clauses; the tenant's template when absent.
    public var terms: SuratPesananTerms?

    /// Creates it.
    public init(
        packageName: String, fundingSource: FundingSource, budgetAccountCode: String, technicalSpecification: String,
        justification: String,
        items: [OrderItemRequest], regionCode: String, deliveryAddress: String, deliveryDate: CivilDate,
        withInstallation: Bool = false,
        withTraining: Bool = false, terms: SuratPesananTerms? = nil
    ) {
        self.packageName = packageName
        self.fundingSource = fundingSource
        self.budgetAccountCode = budgetAccountCode
        self.technicalSpecification = technicalSpecification
        self.justification = justification
        self.items = items
        self.regionCode = regionCode
        self.deliveryAddress = deliveryAddress
        self.deliveryDate = deliveryDate
        self.withInstallation = withInstallation
        self.withTraining = withTraining
        self.terms = terms
    }
}

/// An item of an order with the catalogue data snapshotted when it was ordered.
public struct OrderItem: Codable, Sendable, Hashable {
    /// Item id within the order (`item-1`).
    public var itemID: String
    /// The product's id in the catalog.
    public var productID: String
    /// The listed revision snapshotted.
    public var productRevision: Int64
    /// The name as snapshotted when the order was placed.
    public var name: String
    /// The unit of sale as the vendor states it (`rim`, `unit`, `paket`), at most 30 characters.
    public var unit: String
    /// The code of the category in the tenant's tree (`category.list`).
    public var categoryCode: String
    /// Goods or services (payments withholds PPh 22 or 23 by it).
    public var kind: ProductKind
    /// The listed unit price delivered to the order's region: the most any offer may ask.
    public var catalogueUnitPrice: Rupiah
    /// Whether that price includes PPN.
    public var includesPPN: Bool
    /// TKDN in basis points.
    public var tkdnBasisPoints: Int
    /// Domestic or imported, with the country and TKDN details.
    public var origin: ProductOrigin
    /// Quantity asked in preparation.
    public var quantity: Int
    /// The price reference for the estimate: the product's listed prices.
    public var priceReference: PriceStatistics?
    /// The technical specification as it stood when the order was prepared.
    public var specification: [SpecificationAttribute]

    /// Creates it.
    public init(
        itemID: String, productID: String, productRevision: Int64, name: String, unit: String, categoryCode: String,
        kind: ProductKind,
        catalogueUnitPrice: Rupiah, includesPPN: Bool, tkdnBasisPoints: Int, origin: ProductOrigin, quantity: Int,
        priceReference: PriceStatistics?,
        specification: [SpecificationAttribute]
    ) {
        self.itemID = itemID
        self.productID = productID
        self.productRevision = productRevision
        self.name = name
        self.unit = unit
        self.categoryCode = categoryCode
        self.kind = kind
        self.catalogueUnitPrice = catalogueUnitPrice
        self.includesPPN = includesPPN
        self.tkdnBasisPoints = tkdnBasisPoints
        self.origin = origin
        self.quantity = quantity
        self.priceReference = priceReference
        self.specification = specification
    }
}

/// The vendor of an order as snapshotted.
public struct OrderVendor: Codable, Sendable, Hashable {
    /// The vendor's id.
    public var id: String
    /// The name as snapshotted when the order was placed.
    public var name: String
    /// Whether it charges PPN.
    public var isPKP: Bool
    /// Whether it is UMKM.
    public var isUMKM: Bool

    /// Creates it.
    public init(id: String, name: String, isPKP: Bool, isUMKM: Bool) {
        self.id = id
        self.name = name
        self.isPKP = isPKP
        self.isUMKM = isUMKM
    }
}

/// A sealed legal document of an order (Surat Pesanan, BAST) or a force-majeure record.
public struct DocumentInfo: Codable, Sendable, Hashable {
    /// The sealed document's id (`document.get`).
    public var id: String
    /// `surat_pesanan`, `bast` or `berita_acara_force_majeure`.
    public var type: String
    /// The document's number from the tenant's gapless yearly sequence (e.g. `001/SP/DISDIK/2026`).
    public var number: String
    /// The document's date, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8).
    public var issuedOn: CivilDate
    /// SHA-256 of the PDF and the service's Ed25519 signature.
    public var seal: DocumentSealInfo
    /// Who acknowledged it, by party, with when.
    public var acknowledgements: [Acknowledgement]

    /// Creates it.
    public init(
        id: String, type: String, number: String, issuedOn: CivilDate, seal: DocumentSealInfo,
        acknowledgements: [Acknowledgement]
    ) {
        self.id = id
        self.type = type
        self.number = number
        self.issuedOn = issuedOn
        self.seal = seal
        self.acknowledgements = acknowledgements
    }
}

/// A document's seal, as published.
public struct DocumentSealInfo: Codable, Sendable, Hashable {
    /// Hex SHA-256 of the PDF.
    public var sha256: String
    /// Base64url Ed25519 signature over the seal statement.
    public var signature: String
    /// The signing key's id (see `document.verify`'s `publicKey`).
    public var keyID: String
    /// When it was sealed: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).
    public var sealedAt: String
    /// Standard base64 Ed25519 signature over the PDF bytes themselves, for offline checking
    /// with `openssl pkeyutl -verify -rawin` (see the README); absent on documents sealed before.
    public var pdfSignature: String?

    /// Creates it.
    public init(sha256: String, signature: String, keyID: String, sealedAt: String, pdfSignature: String? = nil) {
        self.sha256 = sha256
        self.signature = signature
        self.keyID = keyID
        self.sealedAt = sealedAt
        self.pdfSignature = pdfSignature
    }
}

/// A party's acknowledgement of a document.
public struct Acknowledgement: Codable, Sendable, Hashable {
    /// PPK, vendor or PA/KPA.
    public var party: String
    /// The account's id.
    public var accountID: String
    /// When it happened: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).
    public var at: String
    /// What the acknowledged copy prints in the party's signature block, e.g. "Diterima secara
    /// elektronik pada 2 Desember 2026 pukul 10.15 WITA"; nil on records made before copies existed.
    public var signedNote: String?
    /// The SHA-256 of the sealed copy that first shows this acknowledgement (`document.verify`
    /// accepts it); nil for the issuer's own signature, which the original carries.
    public var copySha256: String?
    /// The signer as the copy prints them under a signature block that names no one before it is
    /// acknowledged (the PA/KPA of a force-majeure Berita Acara): name, then e.g. "NIP 19820315
    /// 200801 1 002"; nil where the block already names its signer.
    public var signerName: String?
    /// The line printed under ``signerName``; nil for none.
    public var signerDetail: String?

    /// Creates it.
    public init(
        party: String, accountID: String, at: String, signedNote: String? = nil, copySha256: String? = nil,
        signerName: String? = nil, signerDetail: String? = nil
    ) {
        self.party = party
        self.accountID = accountID
        self.at = at
        self.signedNote = signedNote
        self.copySha256 = copySha256
        self.signerName = signerName
        self.signerDetail = signerDetail
    }
}

/// A sealed copy of a document that records its acknowledgements so far: the original
/// re-rendered with them in the signature blocks, sealed against the original's SHA-256.
public struct AcknowledgedCopy: Codable, Sendable, Hashable {
    /// 1 for the copy made at the first acknowledgement, 2 at the second, ...
    public var sequence: Int
    /// The acknowledgements the copy shows, in the order they happened.
    public var acknowledgements: [Acknowledgement]
    /// The SHA-256 of the original PDF the copy was sealed against.
    public var originalSha256: String
    /// The copy's own seal (its SHA-256 and the service's signatures).
    public var seal: DocumentSealInfo
    /// Base64 of the copy's PDF, whose SHA-256 is its seal's.
    public var pdfBase64: String
    /// The copy as printable HTML.
    public var html: String

    /// Creates it.
    public init(
        sequence: Int, acknowledgements: [Acknowledgement], originalSha256: String, seal: DocumentSealInfo,
        pdfBase64: String, html: String
    ) {
        self.sequence = sequence
        self.acknowledgements = acknowledgements
        self.originalSha256 = originalSha256
        self.seal = seal
        self.pdfBase64 = pdfBase64
        self.html = html
    }
}

/// A possible split purchase (pemecahan paket) found when an order was placed.
public struct SplitPurchaseFlag: Codable, Sendable, Hashable {
    /// The id of the order flagged as a possible split purchase.
    public var orderID: String
    /// The earlier orders of the same agency to the same vendor in the window, whatever their products.
    public var relatedOrderIDs: [String]
    /// Their sum with this one, PPN included.
    public var sum: Rupiah
    /// The ceiling it exceeds.
    public var ceiling: Rupiah
    /// The flagged order's first product (orders are added up across products).
    public var productID: String
    /// When the split was flagged: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).
    public var flaggedAt: String
    /// The window of the rule applied, in days; nil for flags raised before it was kept.
    public var windowDays: Int?
    /// The rule applied (Perpres 16/2018 Pasal 20 ayat (2) huruf d …); nil for flags raised before it was kept.
    public var legalBasis: String?

    /// Creates it.
    public init(
        orderID: String, relatedOrderIDs: [String], sum: Rupiah, ceiling: Rupiah, productID: String, flaggedAt: String,
        windowDays: Int? = nil, legalBasis: String? = nil
    ) {
        self.windowDays = windowDays
        self.legalBasis = legalBasis
        self.orderID = orderID
        self.relatedOrderIDs = relatedOrderIDs
        self.sum = sum
        self.ceiling = ceiling
        self.productID = productID
        self.flaggedAt = flaggedAt
    }
}

/// Deliveries, inspections and the penalty so far.
public struct OrderExecution: Codable, Sendable, Hashable {
    /// Per item, deliveries, inspections and replacement requests.
    public var ledger: DeliveryLedger
    /// The agreed delivery date.
    public var dueDate: CivilDate
    /// Late-delivery penalty as of today (or as of completion).
    public var penalty: LatePenaltyAssessment
    /// When the PPK confirmed receipt.
    public var receivedOn: CivilDate?

    /// Creates it.
    public init(ledger: DeliveryLedger, dueDate: CivilDate, penalty: LatePenaltyAssessment, receivedOn: CivilDate?) {
        self.ledger = ledger
        self.dueDate = dueDate
        self.penalty = penalty
        self.receivedOn = receivedOn
    }
}

/// An order with everything that happened to it.
public struct OrderRecord: Codable, Sendable, Hashable {
    /// The order's id.
    public var id: String
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// The code of the PPK's agency (satuan kerja) within the tenant.
    public var agency: String
    /// The account id of the PPK who prepared the order.
    public var ppkAccountID: String
    /// The vendor: id, name and tax identities.
    public var vendor: OrderVendor
    /// Where the order stands in the purchase procedure.
    public var state: OrderState
    /// What the PPK prepared: agency, funding, budget account, delivery address and lines.
    public var preparation: OrderPreparation
    /// The clauses in force (the preparation's or the template's).
    public var terms: SuratPesananTerms
    /// Items with their catalogue snapshot.
    public var items: [OrderItem]
    /// The PPK's price estimate: catalogue prices × quantities plus supporting costs.
    public var priceEstimate: Rupiah
    /// Every negotiation round, the submitted order being round 0.
    public var offers: [NegotiationOffer]
    /// The round agreed, once agreed.
    public var agreedRound: Int?
    /// The agreed money: lines, supporting costs, PPN and totals.
    public var agreedTotals: OrderTotals?
    /// The last day the vendor may answer, while it is the vendor's turn.
    public var vendorResponseDue: CivilDate?
    /// Why it was declined, cancelled or failed.
    public var closingReason: String?
    /// The grounds, when failed.
    public var failureGrounds: SanctionGrounds?
    /// The Surat Pesanan, once issued.
    public var suratPesanan: DocumentInfo?
    /// Deliveries and inspections, once under contract.
    public var execution: OrderExecution?
    /// The handover record, once made.
    public var bast: DocumentInfo?
    /// A possible split purchase, when flagged.
    public var splitPurchase: SplitPurchaseFlag?
    /// What each party may do now.
    public var availableActions: [OrderAction]
    /// Optimistic-concurrency version: send it back with every action.
    public var version: Int64
    /// When created and last changed.
    public var createdAt: String
    /// When it last changed: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).
    public var updatedAt: String
    /// The parties (regency, agency, the signing PPK, the vendor) as identity had them when the
    /// Surat Pesanan was issued, kept with the order whatever identity says later; null before.
    public var parties: OrderParties?
    /// The order's payment as payments' feed last told it (prepared, instructed, settled,
    /// confirmed); null before the treasurer prepared one. The order is paid only once the
    /// state is `settled` or `confirmed`.
    public var payment: OrderPaymentStatus?

    /// Creates it.
    public init(
        id: String, tenant: String, agency: String, ppkAccountID: String, vendor: OrderVendor, state: OrderState,
        preparation: OrderPreparation,
        terms: SuratPesananTerms, items: [OrderItem], priceEstimate: Rupiah, offers: [NegotiationOffer],
        agreedRound: Int?, agreedTotals: OrderTotals?,
        vendorResponseDue: CivilDate?, closingReason: String?, failureGrounds: SanctionGrounds?,
        suratPesanan: DocumentInfo?, execution: OrderExecution?,
        bast: DocumentInfo?, splitPurchase: SplitPurchaseFlag?, availableActions: [OrderAction], version: Int64,
        createdAt: String, updatedAt: String, parties: OrderParties? = nil, payment: OrderPaymentStatus? = nil
    ) {
        self.parties = parties
        self.payment = payment
        self.id = id
        self.tenant = tenant
        self.agency = agency
        self.ppkAccountID = ppkAccountID
        self.vendor = vendor
        self.state = state
        self.preparation = preparation
        self.terms = terms
        self.items = items
        self.priceEstimate = priceEstimate
        self.offers = offers
        self.agreedRound = agreedRound
        self.agreedTotals = agreedTotals
        self.vendorResponseDue = vendorResponseDue
        self.closingReason = closingReason
        self.failureGrounds = failureGrounds
        self.suratPesanan = suratPesanan
        self.execution = execution
        self.bast = bast
        self.splitPurchase = splitPurchase
        self.availableActions = availableActions
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// An order's payment as payments' feed (`payment.*` events) last told orders.
public struct OrderPaymentStatus: Codable, Sendable, Hashable {
    /// The payment's id in the payments service (`payment.get`).
    public var paymentID: String
    /// Where the payment stands: `prepared`, `instructed` (money on its way), `settled` (money
    /// arrived: the order is paid) or `confirmed` (the vendor confirmed it).
    public var state: PaymentState
    /// Whether the money reached the vendor (`settled` or `confirmed`).
    public var paid: Bool
    /// The transfer's reference (or SP2D number) once instructed.
    public var reference: String?
    /// The bank's reference once settled.
    public var bankReference: String?
    /// When it settled: an instant, ISO 8601 UTC with milliseconds.
    public var settledAt: String?

    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId"
        case state, paid, reference, bankReference, settledAt
    }

    /// Creates it.
    public init(
        paymentID: String, state: PaymentState, reference: String?, bankReference: String?, settledAt: String?
    ) {
        self.paymentID = paymentID
        self.state = state
        self.paid = state == .settled || state == .confirmed
        self.reference = reference
        self.bankReference = bankReference
        self.settledAt = settledAt
    }
}

/// `order.prepare`: the PPK prepares an order from catalogue products.
public enum OrderPrepare: RPCMethod {
    public static let name = "order.prepare"
    public static let summary =
        "A PPK prepares an order (annex I.D.1): package, funding source and account, specification with justification, items of listed products of one vendor, delivery, and the draft Surat Pesanan clauses; prices and references are taken from the catalogue."
    public static let access = Access.roles(.ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [
        .forbidden, .notFound, .conflict, .validationFailed, .dependencyUnavailable,
    ]
    public typealias Params = OrderPreparation
    public typealias Result = OrderRecord
}

/// Names an order and the version read, with an optional reason.
public struct OrderAct: Codable, Sendable, Hashable {
    /// The order's id, as returned by `order.prepare`.
    public var orderID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64
    /// Reasons, where the action needs them (decline, cancel).
    public var reason: String?

    /// Creates it.
    public init(orderID: String, version: Int64, reason: String? = nil) {
        self.orderID = orderID
        self.version = version
        self.reason = reason
    }
}

/// `order.submit`: the PPK sends the prepared order to the vendor.
public enum OrderSubmit: RPCMethod {
    public static let name = "order.submit"
    public static let summary =
        "The PPK orders (annex I.D.3.a): the items' catalogue data and prices are snapshotted, the ceiling checked, possible split purchases flagged, and the vendor has the tenant's response period to answer."
    public static let access = Access.roles(.ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = OrderAct
    public typealias Result = OrderRecord
}

/// `order.cancel`: the PPK cancels before the Surat Pesanan.
public enum OrderCancel: RPCMethod {
    public static let name = "order.cancel"
    public static let summary = "The PPK cancels an order before the Surat Pesanan, with reasons."
    public static let access = Access.roles(.ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = OrderAct
    public typealias Result = OrderRecord
}

/// `order.decline`: the vendor declines the order, with reasons.
public enum OrderDecline: RPCMethod {
    public static let name = "order.decline"
    public static let summary = "The vendor declines the order (annex I.D.3.b), with reasons, before agreement."
    public static let access = Access.roles(.vendor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = OrderAct
    public typealias Result = OrderRecord
}

/// An offer in a negotiation round.
public struct OrderOfferParams: Codable, Sendable, Hashable {
    /// The order's id, as returned by `order.prepare`.
    public var orderID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64
    /// The round this offer is (the latest round + 1). At the RPC boundary 0 to 10,000 (``InputLimits/round``).
    public var round: Int
    /// Unit price and quantity per item: every item of the order.
    public var items: [OfferLine]
    /// Delivery cost on top of the unit prices; at most the order's (the catalogue's unit prices
    /// are delivered prices, so the order has none). At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var deliveryCost: Rupiah
    /// Installation cost; at most the order's: what the catalogue lists, if the PPK asked for it.
    /// At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var installationCost: Rupiah
    /// Training cost; at most the order's: what the catalogue lists, if the PPK asked for it.
    /// At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var trainingCost: Rupiah
    /// The delivery date offered, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8).
    public var deliveryDate: CivilDate
    /// A note to the other side.
    public var note: String?

    /// Creates it.
    public init(
        orderID: String, version: Int64, round: Int, items: [OfferLine], deliveryCost: Rupiah = .zero,
        installationCost: Rupiah = .zero,
        trainingCost: Rupiah = .zero, deliveryDate: CivilDate, note: String? = nil
    ) {
        self.orderID = orderID
        self.version = version
        self.round = round
        self.items = items
        self.deliveryCost = deliveryCost
        self.installationCost = installationCost
        self.trainingCost = trainingCost
        self.deliveryDate = deliveryDate
        self.note = note
    }
}

/// `order.offer`: the vendor or the PPK makes the next offer.
public enum OrderOffer: RPCMethod {
    public static let name = "order.offer"
    public static let summary =
        "The vendor answers the order with an offer, or either side makes the next offer in turn (annex I.D.3.c): unit prices, quantities, delivery, installation and training costs, delivery date. No unit price may exceed the catalogue price, nor the total the ceiling."
    public static let access = Access.roles(.vendor, .ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = OrderOfferParams
    public typealias Result = OrderRecord
}

/// Accepting the other side's latest offer.
public struct OrderAcceptParams: Codable, Sendable, Hashable {
    /// The order's id, as returned by `order.prepare`.
    public var orderID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64
    /// The round accepted: must be the other side's latest. At the RPC boundary 0 to 10,000 (``InputLimits/round``).
    public var round: Int

    /// Creates it.
    public init(orderID: String, version: Int64, round: Int) {
        self.orderID = orderID
        self.version = version
        self.round = round
    }
}

/// `order.accept`: accept the other side's latest offer unchanged (the vendor accepting the order itself is round 0).
public enum OrderAccept: RPCMethod {
    public static let name = "order.accept"
    public static let summary =
        "Agreement (annex I.D.3.d): the vendor accepts the order as placed (round 0), or either side accepts the other's latest offer unchanged."
    public static let access = Access.roles(.vendor, .ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = OrderAcceptParams
    public typealias Result = OrderRecord
}

/// `order.issueSuratPesanan`: the PPK issues the Surat Pesanan.
public enum OrderIssueSuratPesanan: RPCMethod {
    public static let name = "order.issueSuratPesanan"
    public static let summary =
        "The PPK issues the Surat Pesanan after agreement (annex I.D.3.e): numbered from the tenant's template with a gapless yearly sequence, rendered as PDF and HTML, sealed with SHA-256 and the service's Ed25519 signature, and immutable from then on. The parties (regency, agency, PPK, vendor) are snapshotted into the order as identity's feed last told them; 503 (retry) while the feed has not yet told of one."
    public static let access = Access.roles(.ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [
        .forbidden, .notFound, .conflict, .validationFailed, .dependencyUnavailable,
    ]
    public typealias Params = OrderAct
    public typealias Result = OrderRecord
}

/// `order.acknowledgeSuratPesanan`: the vendor acknowledges the Surat Pesanan.
public enum OrderAcknowledgeSuratPesanan: RPCMethod {
    public static let name = "order.acknowledgeSuratPesanan"
    public static let summary = "The vendor acknowledges the Surat Pesanan and starts delivery."
    public static let access = Access.roles(.vendor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict]
    public typealias Params = OrderAct
    public typealias Result = OrderRecord
}

/// A delivery the vendor records.
public struct DeliveryParams: Codable, Sendable, Hashable {
    /// The order's id, as returned by `order.prepare`.
    public var orderID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64
    /// The day it was delivered (not after today).
    public var deliveredOn: CivilDate
    /// Units per item (a partial delivery lists what arrived; replacements count here too).
    public var lines: [DeliveryLine]
    /// Delivery note number or remarks.
    public var note: String?

    /// Creates it.
    public init(orderID: String, version: Int64, deliveredOn: CivilDate, lines: [DeliveryLine], note: String? = nil) {
        self.orderID = orderID
        self.version = version
        self.deliveredOn = deliveredOn
        self.lines = lines
        self.note = note
    }
}

/// `order.recordDelivery`: the vendor records a (partial) delivery or a replacement.
public enum OrderRecordDelivery: RPCMethod {
    public static let name = "order.recordDelivery"
    public static let summary =
        "The vendor records a delivery (annex I.D.3.f); partial deliveries are allowed, and units owed as replacements are delivered the same way."
    public static let access = Access.roles(.vendor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = DeliveryParams
    public typealias Result = OrderRecord
}

/// The PPK's inspection of one delivery.
public struct InspectionParams: Codable, Sendable, Hashable {
    /// The order's id, as returned by `order.prepare`.
    public var orderID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64
    /// The id of the delivery inspected (`deliveries[].id`).
    public var deliveryID: String
    /// The day inspected (not after today).
    public var inspectedOn: CivilDate
    /// Accepted and rejected units per item of that delivery; rejections need a reason and
    /// become a replacement request the vendor must fulfil at its own cost.
    public var lines: [InspectionLine]
    /// The inspection team that assisted the PPK (annex I.D.3.g), printed on the BAST; when
    /// given it replaces the team recorded on the order, when left out the team stays as it is.
    /// At most 20 members.
    public var team: [InspectionTeamMember]?

    /// Creates it.
    public init(
        orderID: String, version: Int64, deliveryID: String, inspectedOn: CivilDate, lines: [InspectionLine],
        team: [InspectionTeamMember]? = nil
    ) {
        self.orderID = orderID
        self.version = version
        self.deliveryID = deliveryID
        self.inspectedOn = inspectedOn
        self.lines = lines
        self.team = team
    }
}

/// A member of the team that assists the PPK in inspecting (tim pemeriksa, annex I.D.3.g).
public struct InspectionTeamMember: Codable, Sendable, Hashable {
    /// The member's full name, with titles (1 to 200 characters).
    public var name: String
    /// The member's NIP (18 digits, checked: birth date, appointment month, sex, serial).
    public var nip: NIP
    /// The member's role in the team, e.g. "Ketua", "Anggota" (1 to 100 characters).
    public var role: String

    /// Creates it.
    public init(name: String, nip: NIP, role: String) {
        self.name = name
        self.nip = nip
        self.role = role
    }
}

/// `order.inspect`: the PPK inspects a delivery.
public enum OrderInspect: RPCMethod {
    public static let name = "order.inspect"
    public static let summary =
        "The PPK inspects a delivery (annex I.D.3.g–i): accepted units per item; defective, damaged, malfunctioning or mismatching units are rejected with a reason and requested as replacements at the vendor's cost."
    public static let access = Access.roles(.ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = InspectionParams
    public typealias Result = OrderRecord
}

/// The PPK's confirmation of receipt, which makes the BAST.
public struct ReceiptParams: Codable, Sendable, Hashable {
    /// The order's id, as returned by `order.prepare`.
    public var orderID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64
    /// The BAST number, if the PPK enters one (printable ASCII, at most 100 characters, not of the
    /// form of the tenant's automatic numbers); otherwise from the tenant's template.
    public var bastNumber: String?
    /// Inspection notes for the record.
    public var inspectionNotes: String?

    /// Creates it.
    public init(orderID: String, version: Int64, bastNumber: String? = nil, inspectionNotes: String? = nil) {
        self.orderID = orderID
        self.version = version
        self.bastNumber = bastNumber
        self.inspectionNotes = inspectionNotes
    }
}

/// `order.confirmReceipt`: the PPK confirms receipt of everything; the BAST is generated.
public enum OrderConfirmReceipt: RPCMethod {
    public static let name = "order.confirmReceipt"
    public static let summary =
        "When every unit is accepted, the PPK confirms receipt (annex I.D.3.j–k) and the handover record (BAST) is generated, numbered, rendered and sealed, with the late-delivery penalty fixed."
    public static let access = Access.roles(.ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = ReceiptParams
    public typealias Result = OrderRecord
}

/// `order.acknowledgeBAST`: the PPK and the vendor each acknowledge the BAST.
public enum OrderAcknowledgeBAST: RPCMethod {
    public static let name = "order.acknowledgeBAST"
    public static let summary =
        "The PPK and the vendor each acknowledge the BAST; after both, the order is completed and ready for payment (announced on the feed as order.readyForPayment)."
    public static let access = Access.roles(.vendor, .ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict]
    public typealias Params = OrderAct
    public typealias Result = OrderRecord
}

/// The PPK's finding that the vendor failed the order.
public struct FailureParams: Codable, Sendable, Hashable {
    /// The order's id, as returned by `order.prepare`.
    public var orderID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64
    /// Grounds (Pasal 14): false data proposes 2 years' delisting, the others 1 year.
    public var grounds: SanctionGrounds
    /// What the vendor did.
    public var description: String

    /// Creates it.
    public init(orderID: String, version: Int64, grounds: SanctionGrounds, description: String) {
        self.orderID = orderID
        self.version = version
        self.grounds = grounds
        self.description = description
    }
}

/// `order.fail`: after the Surat Pesanan, the PPK fails the order for the vendor's default.
public enum OrderFail: RPCMethod {
    public static let name = "order.fail"
    public static let summary =
        "After the Surat Pesanan, the PPK fails the order for the vendor's withdrawal without acceptable reason, non-performance, not finishing, refusing replacement, or false data; a sanction proposal goes to the catalog's sanction flow through the order feed."
    public static let access = Access.roles(.ppk, .procurementOfficial)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = FailureParams
    public typealias Result = OrderRecord
}

/// Names an order.
public struct OrderRef: Codable, Sendable, Hashable {
    /// The order's id, as returned by `order.prepare`.
    public var orderID: String

    /// Creates it.
    public init(orderID: String) { self.orderID = orderID }
}

/// `order.get`: one order.
public enum OrderGet: RPCMethod {
    public static let name = "order.get"
    public static let summary =
        "One order with everything that happened to it: for its PPK's agency (PPK, PA/KPA, treasurer), its vendor, and the tenant's auditors, UKPBJ head and Super Admin."
    public static let access = Access.roles(
        .ppk, .procurementOfficial, .vendor, .budgetHolder, .treasurer, .agencyAdmin, .auditor, .ukpbjHead,
        .superAdmin, .monitor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    public static let isIdempotent = true
    public typealias Params = OrderRef
    public typealias Result = OrderRecord
}

/// Filters for the order list.
public struct OrderListParams: Codable, Sendable, Hashable {
    /// Tenant (Super Admin and the national monitor name one).
    public var tenant: String?
    /// Only orders in this state; every state when omitted.
    public var state: OrderState?
    /// Resume after this order id.
    public var after: String?
    /// Page size 1–200 (default 50).
    public var limit: Int?

    /// Creates it.
    public init(tenant: String? = nil, state: OrderState? = nil, after: String? = nil, limit: Int? = nil) {
        self.tenant = tenant
        self.state = state
        self.after = after
        self.limit = limit
    }
}

/// One line of the order list; force-majeure orders are listed too, and marked.
public struct OrderSummary: Codable, Sendable, Hashable {
    /// Order or force-majeure record id.
    public var id: String
    /// Whether it was ordered outside the system under force majeure (annex I.E).
    public var forceMajeure: Bool
    /// The agency's code within the tenant (ASCII letters, digits, `-`, `_` and `.`).
    public var agency: String
    /// Package name or force-majeure description.
    public var title: String
    /// The vendor's name.
    public var vendorName: String
    /// State (`completed` for an acknowledged force-majeure record, `prepared` before).
    public var state: OrderState
    /// The agreed or recorded value, including PPN.
    public var total: Rupiah?
    /// Whether flagged as a possible split purchase.
    public var splitPurchaseFlagged: Bool
    /// When it last changed: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).
    public var updatedAt: String

    /// Creates it.
    public init(
        id: String, forceMajeure: Bool, agency: String, title: String, vendorName: String, state: OrderState,
        total: Rupiah?, splitPurchaseFlagged: Bool, updatedAt: String
    ) {
        self.id = id
        self.forceMajeure = forceMajeure
        self.agency = agency
        self.title = title
        self.vendorName = vendorName
        self.state = state
        self.total = total
        self.splitPurchaseFlagged = splitPurchaseFlagged
        self.updatedAt = updatedAt
    }
}

/// A page of orders.
public struct OrderPage: Codable, Sendable, Hashable {
    /// The orders, by id.
    public var orders: [OrderSummary]
    /// Pass as `after` for the next page; nil at the end.
    public var nextCursor: String?

    /// Creates it.
    public init(orders: [OrderSummary], nextCursor: String?) {
        self.orders = orders
        self.nextCursor = nextCursor
    }
}

/// `order.list`: the orders a caller may see.
public enum OrderList: RPCMethod {
    public static let name = "order.list"
    public static let summary =
        "Orders and force-majeure records the caller may see: a vendor its own, an agency's officials their agency's, auditors and the UKPBJ head the tenant's; force-majeure records are marked."
    public static let access = Access.roles(
        .ppk, .procurementOfficial, .vendor, .budgetHolder, .treasurer, .agencyAdmin, .auditor, .ukpbjHead,
        .superAdmin, .monitor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = OrderListParams
    public typealias Result = OrderPage
}

/// `splitPurchase.list`: possible split purchases, for auditors.
public enum SplitPurchaseList: RPCMethod {
    public static let name = "splitPurchase.list"
    public static let summary =
        "Orders flagged as possible split purchases (pemecahan paket): orders of one agency to one vendor for one product within the tenant's window whose sum exceeds the ceiling."
    public static let access = Access.roles(.auditor, .ukpbjHead, .superAdmin, .monitor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = [SplitPurchaseFlag]
}

/// Hands an order to another ordering official of its agency.
public struct OrderReassignParams: Codable, Sendable, Hashable {
    /// The order's id.
    public var orderID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64
    /// The account that takes the order over: an active PPK or Pejabat Pengadaan of the order's agency.
    public var newHolderAccountID: String
    /// Why (the PPK left, was reassigned, …); kept in the audit trail. 1 to 2,000 characters.
    public var reason: String

    /// Creates it.
    public init(orderID: String, version: Int64, newHolderAccountID: String, reason: String) {
        self.orderID = orderID
        self.version = version
        self.newHolderAccountID = newHolderAccountID
        self.reason = reason
    }
}

/// `order.reassign`: the PA/KPA or the agency administrator hands an order to another PPK.
public enum OrderReassign: RPCMethod {
    public static let name = "order.reassign"
    public static let summary =
        "The PA/KPA or the agency administrator hands an order whose PPK has left to another PPK or Pejabat Pengadaan of the same agency, with a reason; audited. Closed orders (completed, failed, cancelled, declined, expired) stay with their PPK."
    public static let access = Access.roles(.budgetHolder, .agencyAdmin)
    public static let errors: [ApplicationErrorCode]? = [
        .forbidden, .notFound, .conflict, .validationFailed, .dependencyUnavailable,
    ]
    public typealias Params = OrderReassignParams
    public typealias Result = OrderRecord
}
