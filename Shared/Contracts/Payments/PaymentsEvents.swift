import SiOpenDomain
import SiOpenProtocol

// MARK: - Payloads

/// A payment as it stands after a change: what every payment event carries. Orders reads it to
/// show the order as paid (only `settled` and `confirmed` mean the money arrived).
public struct PaymentStateChange: Codable, Sendable, Hashable {
    /// The payment.
    public var paymentID: String
    /// The order paid.
    public var orderID: String
    /// Its tenant.
    public var tenant: String
    /// The paying agency.
    public var agency: String
    /// The vendor paid.
    public var vendorID: String
    /// Its state after the change.
    public var state: PaymentState
    /// UP/GU, LS or KKPD.
    public var mechanism: PaymentMechanism
    /// The gross paid for, integer rupiah.
    public var gross: Rupiah
    /// The net transfer to the vendor, integer rupiah.
    public var net: Rupiah
    /// The transfer's reference (or SP2D number), once instructed.
    public var transferReference: String?
    /// The bank's reference, once settled.
    public var bankReference: String?
    /// When it settled, once settled: an instant, ISO 8601 UTC with milliseconds.
    public var settledAt: String?
    /// Why the bank returned the transfer, for `payment.rejected`.
    public var rejectionReason: String?
    /// Its version after the change.
    public var version: Int64

    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId"
        case orderID = "orderId"
        case vendorID = "vendorId"
        case tenant, agency, state, mechanism, gross, net, transferReference, bankReference, settledAt,
            rejectionReason, version
    }

    /// Creates it.
    public init(
        paymentID: String, orderID: String, tenant: String, agency: String, vendorID: String, state: PaymentState,
        mechanism: PaymentMechanism, gross: Rupiah, net: Rupiah, transferReference: String?, bankReference: String?,
        settledAt: String?, rejectionReason: String?, version: Int64
    ) {
        self.paymentID = paymentID
        self.orderID = orderID
        self.tenant = tenant
        self.agency = agency
        self.vendorID = vendorID
        self.state = state
        self.mechanism = mechanism
        self.gross = gross
        self.net = net
        self.transferReference = transferReference
        self.bankReference = bankReference
        self.settledAt = settledAt
        self.rejectionReason = rejectionReason
        self.version = version
    }
}

/// One tax line withheld or deposited.
public struct TaxLineEvent: Codable, Sendable, Hashable {
    /// The payment.
    public var paymentID: String
    /// The order paid.
    public var orderID: String
    /// Its tenant.
    public var tenant: String
    /// The paying agency (the collector).
    public var agency: String
    /// The vendor taxed.
    public var vendorID: String
    /// The line, with its deadline, deposit and slip.
    public var taxLine: PaymentTaxLine

    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId"
        case orderID = "orderId"
        case vendorID = "vendorId"
        case tenant, agency, taxLine
    }

    /// Creates it.
    public init(
        paymentID: String, orderID: String, tenant: String, agency: String, vendorID: String, taxLine: PaymentTaxLine
    ) {
        self.paymentID = paymentID
        self.orderID = orderID
        self.tenant = tenant
        self.agency = agency
        self.vendorID = vendorID
        self.taxLine = taxLine
    }
}

// MARK: - Declarations

/// Every payment event whose payload is the payment as it stands after the change.
public protocol PaymentChangeEvent: EventContract where Payload == PaymentStateChange {}

/// `payment.prepared`.
public enum PaymentPrepared: PaymentChangeEvent {
    /// The wire name.
    public static let type = "payment.prepared"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The treasurer prepared a payment: taxes computed, not yet instructed."
}

/// `payment.approved`.
public enum PaymentApproved: PaymentChangeEvent {
    /// The wire name.
    public static let type = "payment.approved"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The agency's PA/KPA approved the payment (\"setuju dibayar\")."
}

/// `payment.instructed`.
public enum PaymentInstructed: PaymentChangeEvent {
    /// The wire name.
    public static let type = "payment.instructed"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The transfer was sent or the SP2D issued; the money has not arrived yet."
}

/// `payment.settled`.
public enum PaymentSettled: PaymentChangeEvent {
    /// The wire name.
    public static let type = "payment.settled"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The bank's reference says the money reached the vendor: the order is paid."
}

/// `payment.rejected`.
public enum PaymentRejected: PaymentChangeEvent {
    /// The wire name.
    public static let type = "payment.rejected"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The bank returned the transfer, with its reason: the payment is prepared again."
}

/// `payment.confirmed`.
public enum PaymentConfirmed: PaymentChangeEvent {
    /// The wire name.
    public static let type = "payment.confirmed"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The vendor confirmed it received the money."
}

/// `tax.withheld`.
public enum TaxWithheld: EventContract {
    /// The wire name.
    public static let type = "tax.withheld"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A settled payment withheld or collected one tax line; its slip is issued."
    /// The line.
    public typealias Payload = TaxLineEvent
}

/// `tax.deposited`.
public enum TaxDeposited: EventContract {
    /// The wire name.
    public static let type = "tax.deposited"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The treasurer deposited one collected tax line (kode billing, NTPN, date)."
    /// The line with its deposit.
    public typealias Payload = TaxLineEvent
}

/// `taxCertificate.registered`.
public enum TaxCertificateRegistered: EventContract {
    /// The wire name.
    public static let type = "taxCertificate.registered"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A vendor registered its UMKM Surat Keterangan (PP 55/2022)."
    /// The certificate.
    public typealias Payload = VendorTaxCertificate
}

/// The events payments publishes.
public enum PaymentsEvents {
    /// Every payment event whose payload is the payment as it stands.
    public static let paymentChanges: [any PaymentChangeEvent.Type] = [
        PaymentPrepared.self, PaymentApproved.self, PaymentInstructed.self, PaymentSettled.self, PaymentRejected.self,
        PaymentConfirmed.self,
    ]

    /// Every event payments publishes.
    public static let declarations: [any EventContract.Type] =
        paymentChanges.map { $0 as any EventContract.Type } + [
            TaxWithheld.self, TaxDeposited.self, TaxCertificateRegistered.self,
        ]

    /// Every event payments publishes, for its `rpc.discover`.
    public static var all: [EventDescriptor] { declarations.map { $0.descriptor } }
}
