import SiOpenDomain
import SiOpenProtocol

// MARK: - Payloads

/// An order as it stands after a change: what every order event carries.
public struct OrderStateChange: Codable, Sendable, Hashable {
    /// The order.
    public var orderID: String
    /// Its tenant.
    public var tenant: String
    /// The buying agency.
    public var agency: String
    /// The vendor.
    public var vendorID: String
    /// The PPK who prepared it.
    public var ppkAccountID: String
    /// Its state after the change.
    public var state: OrderState
    /// Its version after the change.
    public var version: Int64

    private enum CodingKeys: String, CodingKey {
        case orderID = "orderId"
        case tenant, agency
        case vendorID = "vendorId"
        case ppkAccountID = "ppkAccountId"
        case state, version
    }

    /// Creates it.
    public init(
        orderID: String, tenant: String, agency: String, vendorID: String, ppkAccountID: String, state: OrderState,
        version: Int64
    ) {
        self.orderID = orderID
        self.tenant = tenant
        self.agency = agency
        self.vendorID = vendorID
        self.ppkAccountID = ppkAccountID
        self.state = state
        self.version = version
    }
}

/// A failed order (Pasal 14): the order as it stands, with what the catalog needs to file the
/// delisting proposal on the PPK's behalf.
public struct OrderFailure: Codable, Sendable, Hashable {
    /// The order.
    public var orderID: String
    /// Its tenant.
    public var tenant: String
    /// The buying agency.
    public var agency: String
    /// The vendor.
    public var vendorID: String
    /// The PPK who failed it: the proposer of the sanction.
    public var ppkAccountID: String
    /// Its state after the change (`failed`).
    public var state: OrderState
    /// Its version after the change.
    public var version: Int64
    /// Why: the vendor's default the sanction is for.
    public var grounds: SanctionGrounds
    /// The PPK's account of the failure.
    public var description: String
    /// The Surat Pesanan's number, when one was issued.
    public var suratPesananNumber: String?

    private enum CodingKeys: String, CodingKey {
        case orderID = "orderId"
        case tenant, agency
        case vendorID = "vendorId"
        case ppkAccountID = "ppkAccountId"
        case state, version, grounds, description,
            suratPesananNumber
    }

    /// Creates it.
    public init(_ order: OrderStateChange, grounds: SanctionGrounds, description: String, suratPesananNumber: String?) {
        orderID = order.orderID
        tenant = order.tenant
        agency = order.agency
        vendorID = order.vendorID
        ppkAccountID = order.ppkAccountID
        state = order.state
        version = order.version
        self.grounds = grounds
        self.description = description
        self.suratPesananNumber = suratPesananNumber
    }
}

/// The buying side of a payment: who pays, from which budget.
public struct PaymentBuyer: Codable, Sendable, Hashable {
    /// The tenant (the kabupaten/kota).
    public var tenant: String
    /// The buying agency (perangkat daerah).
    public var agency: String
    /// The PPK who signed the Surat Pesanan and the BAST.
    public var ppkAccountID: String
    /// The PPK's name as on the documents.
    public var ppkName: String
    /// The agency's (its treasurer's) NPWP, the withholder of PPh 22/23, as it stood in the parties
    /// snapshotted when the Surat Pesanan was issued (`OrderParties`); `nil` when the order has no
    /// snapshot (issued before orders kept one) or identity held no NPWP for the agency then, and
    /// payments takes it from its own settings.
    public var npwp: String?

    private enum CodingKeys: String, CodingKey {
        case tenant, agency
        case ppkAccountID = "ppkAccountId"
        case ppkName, npwp
    }

    /// Creates it.
    public init(tenant: String, agency: String, ppkAccountID: String, ppkName: String, npwp: String? = nil) {
        self.tenant = tenant
        self.agency = agency
        self.ppkAccountID = ppkAccountID
        self.ppkName = ppkName
        self.npwp = npwp
    }
}

/// The vendor as payments needs it: who is paid and how it is taxed.
public struct PaymentVendor: Codable, Sendable, Hashable {
    /// Vendor id.
    public var id: String
    /// Name.
    public var name: String
    /// Whether it is a PKP: it charged PPN, and payments collects it.
    public var isPKP: Bool
    /// Whether it is UMKM (final PPh 0.5% under PP 55/2022 when it holds the certificate).
    public var isUMKM: Bool
    /// Its NPWP, from identity's `vendor.*` events; `nil` only when orders had not yet read the
    /// vendor's events from identity's feed when the order completed.
    public var npwp: String?
    /// Where it is paid, from identity's `vendor.*` events; `nil` as for `npwp`.
    public var bankAccount: BankAccount?

    /// Creates it.
    public init(
        id: String, name: String, isPKP: Bool, isUMKM: Bool, npwp: String? = nil, bankAccount: BankAccount? = nil
    ) {
        self.id = id
        self.name = name
        self.isPKP = isPKP
        self.isUMKM = isUMKM
        self.npwp = npwp
        self.bankAccount = bankAccount
    }
}

/// One line of what is paid for, with the agreed price and whether it is goods or services.
public struct PaymentItem: Codable, Sendable, Hashable {
    /// Item id within the order (`item-1`).
    public var itemID: String
    /// The product.
    public var productID: String
    /// Name.
    public var name: String
    /// Unit.
    public var unit: String
    /// Category code.
    public var categoryCode: String
    /// Goods (PPh 22) or services (PPh 23).
    public var kind: ProductKind
    /// Quantity agreed.
    public var quantity: Int
    /// Agreed unit price, integer rupiah (PPN included or not as the totals' PPN terms say).
    public var unitPrice: Rupiah
    /// Unit price × quantity, integer rupiah.
    public var amount: Rupiah

    private enum CodingKeys: String, CodingKey {
        case itemID = "itemId"
        case productID = "productId"
        case name, unit, categoryCode, kind, quantity, unitPrice, amount
    }

    /// Creates it.
    public init(
        itemID: String, productID: String, name: String, unit: String, categoryCode: String, kind: ProductKind,
        quantity: Int, unitPrice: Rupiah, amount: Rupiah
    ) {
        self.itemID = itemID
        self.productID = productID
        self.name = name
        self.unit = unit
        self.categoryCode = categoryCode
        self.kind = kind
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = amount
    }
}

/// Everything payments needs to pay a completed order, so it never calls back: the parties with
/// their tax standing, the lines by goods or services, the money with and without PPN, the
/// penalty to withhold and the sealed documents (numbers and hashes) the payment rests on.
public struct OrderPaymentFacts: Codable, Sendable, Hashable {
    /// The order.
    public var orderID: String
    /// Its tenant.
    public var tenant: String
    /// The buying agency.
    public var agency: String
    /// The package name (nama paket).
    public var packageName: String
    /// The budget it is paid from.
    public var fundingSource: FundingSource
    /// The budget account (kode rekening).
    public var budgetAccountCode: String
    /// Who pays.
    public var buyer: PaymentBuyer
    /// Who is paid.
    public var vendor: PaymentVendor
    /// The agreed lines, with goods or services.
    public var items: [PaymentItem]
    /// The agreed totals as the Surat Pesanan shows them (lines, costs, PPN terms).
    public var totals: OrderTotals
    /// The total including PPN, integer rupiah: what the contract is worth.
    public var totalIncludingPPN: Rupiah
    /// The total without PPN (DPP), integer rupiah.
    public var totalBeforePPN: Rupiah
    /// The PPN in the total, integer rupiah; 0 for a non-PKP vendor.
    public var ppn: Rupiah
    /// The late-delivery penalty assessed at receipt, per part; `nil` when none was assessed.
    public var penalty: LatePenaltyAssessment?
    /// The penalty to withhold, integer rupiah (0 when none).
    public var penaltyAmount: Rupiah
    /// The Surat Pesanan: number, date, SHA-256 and signature.
    public var suratPesanan: DocumentInfo
    /// The BAST: number, date, SHA-256, signature and who acknowledged it.
    public var bast: DocumentInfo
    /// The parties (regency, agency with its NPWP, the signing PPK with NIP, the vendor with its
    /// address, NPWP and bank account) as snapshotted when the Surat Pesanan was issued, for the
    /// payment documents; `nil` in version 1 and 2 events and for orders issued before orders
    /// kept a snapshot.
    public var parties: OrderParties?

    private enum CodingKeys: String, CodingKey {
        case orderID = "orderId"
        case tenant, agency, packageName, fundingSource, budgetAccountCode, buyer, vendor, items, totals,
            totalIncludingPPN, totalBeforePPN, ppn, penalty, penaltyAmount, suratPesanan, bast, parties
    }

    /// Creates it.
    public init(
        orderID: String, tenant: String, agency: String, packageName: String, fundingSource: FundingSource,
        budgetAccountCode: String,
        buyer: PaymentBuyer, vendor: PaymentVendor, items: [PaymentItem], totals: OrderTotals,
        penalty: LatePenaltyAssessment?,
        suratPesanan: DocumentInfo, bast: DocumentInfo, parties: OrderParties? = nil
    ) {
        self.orderID = orderID
        self.tenant = tenant
        self.agency = agency
        self.packageName = packageName
        self.fundingSource = fundingSource
        self.budgetAccountCode = budgetAccountCode
        self.buyer = buyer
        self.vendor = vendor
        self.items = items
        self.totals = totals
        self.totalIncludingPPN = totals.totalIncludingPPN
        self.totalBeforePPN = totals.totalBeforePPN
        self.ppn = totals.ppn
        self.penalty = penalty
        self.penaltyAmount = penalty?.total ?? .zero
        self.suratPesanan = suratPesanan
        self.bast = bast
        self.parties = parties
    }
}

// MARK: - Declarations

/// Every order event whose payload is the order as it stands after the change.
public protocol OrderChangeEvent: EventContract where Payload == OrderStateChange {}

/// `order.prepared`.
public enum OrderPrepared: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.prepared"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A PPK prepared an order (not yet sent to the vendor)."
}

/// `order.submitted`.
public enum OrderSubmitted: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.submitted"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The PPK sent the order to the vendor, at the products' prices as listed then."
}

/// `order.cancelled`.
public enum OrderCancelled: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.cancelled"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The PPK cancelled the order before the Surat Pesanan, with a reason."
    /// Published as `order.cancel` before events were declared.
    public static let formerTypes = ["order.cancel"]
}

/// `order.declinedByVendor`.
public enum OrderDeclinedByVendor: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.declinedByVendor"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The vendor declined the order before agreement, with a reason."
    /// Published as `order.vendor_decline` before events were declared.
    public static let formerTypes = ["order.vendor_decline"]
}

/// `order.offered`.
public enum OrderOffered: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.offered"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A party made an offer: a negotiation round."
}

/// `order.agreed`.
public enum OrderAgreed: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.agreed"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The parties agreed: one accepted the other's latest offer unchanged."
}

/// `order.expired`.
public enum OrderExpired: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.expired"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The vendor did not answer in time: the system closed the order."
}

/// `order.suratPesananIssued`.
public enum OrderSuratPesananIssued: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.suratPesananIssued"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The PPK issued the Surat Pesanan, the contract."
}

/// `order.suratPesananAcknowledged`.
public enum OrderSuratPesananAcknowledged: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.suratPesananAcknowledged"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The vendor acknowledged the Surat Pesanan and starts delivering."
}

/// `order.deliveryRecorded`.
public enum OrderDeliveryRecorded: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.deliveryRecorded"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The vendor recorded a delivery (or a replacement)."
}

/// `order.inspected`.
public enum OrderInspected: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.inspected"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The PPK recorded the inspection of a delivery; rejected units ask for a replacement."
}

/// `order.received`.
public enum OrderReceived: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.received"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The PPK confirmed receipt of everything ordered; the BAST was issued."
}

/// `order.bastAcknowledged`.
public enum OrderBASTAcknowledged: OrderChangeEvent {
    /// The wire name.
    public static let type = "order.bastAcknowledged"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A party acknowledged the BAST; once both have, the order is completed."
}

/// `order.failed`.
public enum OrderFailed: EventContract {
    /// The wire name.
    public static let type = "order.failed"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary =
        "The PPK failed the order for the vendor's default: the catalog files the delisting proposal (Pasal 14)."
    /// The order with the grounds.
    public typealias Payload = OrderFailure
}

/// `order.splitPurchaseFlagged`.
public enum OrderSplitPurchaseFlagged: EventContract {
    /// The wire name.
    public static let type = "order.splitPurchaseFlagged"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary =
        "A submitted order, with the agency's earlier ones, looks like a purchase split to stay under a ceiling."
    /// The flag.
    public typealias Payload = SplitPurchaseFlag
}

/// `order.readyForPayment`.
public enum OrderReadyForPayment: EventContract {
    /// The wire name.
    public static let type = "order.readyForPayment"
    /// The payload's version: 2 adds the buyer, the vendor's tax identity, the lines by kind, the
    /// totals with and without PPN and the penalty amount; version 1 events lack them. 3 adds the
    /// optional `parties` snapshot (additive: a version 2 payload decodes with `parties` nil).
    public static let version = 3
    /// What it means.
    public static let summary =
        "Both parties acknowledged the BAST: the order is completed and payments may pay it, from this payload alone."
    /// Everything payments needs.
    public typealias Payload = OrderPaymentFacts
}

/// `forceMajeure.recorded`.
public enum ForceMajeureRecorded: EventContract {
    /// The wire name.
    public static let type = "forceMajeure.recorded"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A PPK recorded an order made in a force-majeure emergency, outside the catalogue."
    /// The record.
    public typealias Payload = ForceMajeureOrder
}

/// `forceMajeure.acknowledged`.
public enum ForceMajeureAcknowledged: EventContract {
    /// The wire name.
    public static let type = "forceMajeure.acknowledged"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The PA/KPA acknowledged a force-majeure order."
    /// The record after acknowledgement.
    public typealias Payload = ForceMajeureOrder
}

/// The events orders publishes.
public enum OrdersEvents {
    /// Every order event whose payload is the order as it stands.
    public static let orderChanges: [any OrderChangeEvent.Type] = [
        OrderPrepared.self, OrderSubmitted.self, OrderCancelled.self, OrderDeclinedByVendor.self, OrderOffered.self,
        OrderAgreed.self,
        OrderExpired.self, OrderSuratPesananIssued.self, OrderSuratPesananAcknowledged.self, OrderDeliveryRecorded.self,
        OrderInspected.self, OrderReceived.self, OrderBASTAcknowledged.self,
    ]

    /// Every event orders publishes.
    public static let declarations: [any EventContract.Type] =
        orderChanges.map { $0 as any EventContract.Type } + [
            OrderFailed.self, OrderSplitPurchaseFlagged.self, OrderReadyForPayment.self, ForceMajeureRecorded.self,
            ForceMajeureAcknowledged.self,
        ]

    /// Every event orders publishes, for its `rpc.discover`.
    public static var all: [EventDescriptor] { declarations.map { $0.descriptor } }
}
