import SiOpenDomain
import SiOpenProtocol

// The payments service's contract (issue 12): payables read from orders' feed, the payment of a
// payable through its states (prepared → instructed → settled → confirmed; a rejected transfer
// goes back to prepared with its reason), the tax each payment collects (h-tax's TaxAssessment),
// its deposit, the vendors' UMKM Surat Keterangan, the treasurer's monthly data and the exports.

// MARK: - Vocabulary

/// Where a payable stands.
public enum PayableState: String, Codable, Sendable, Hashable, CaseIterable, JSONSchemaDescribing {
    /// Completed by orders and not yet paid: the treasurer may prepare its payment.
    case due
    /// A payment of it is prepared or instructed, not yet settled.
    case inPayment = "in_payment"
    /// Its payment settled: the money reached the vendor's account.
    case paid
    /// Orders cancelled or failed the order after it was due: nothing is to be paid.
    case withdrawn
}

/// Where a payment stands. "Instructed" is kept apart from "settled": a payment is shown paid
/// only once the bank's reference says the money reached the vendor.
public enum PaymentState: String, Codable, Sendable, Hashable, CaseIterable, JSONSchemaDescribing {
    /// Taxes computed; waiting for the transfer or the SP2D.
    case prepared
    /// The transfer was sent or the SP2D issued, with its reference; the money is on its way.
    case instructed
    /// The bank's reference says the money reached the vendor's account; the kuitansi and the slips are issued.
    case settled
    /// The vendor confirmed it received the money (optional).
    case confirmed
}

/// An SP2D (Surat Perintah Pencairan Dana), by which the regional treasury pays an LS payment.
public struct SP2DReference: Codable, Sendable, Hashable {
    /// The SP2D number as printed (printable ASCII, at most 60 characters).
    public var number: String
    /// The SP2D's date.
    public var date: CivilDate

    /// Creates it.
    public init(number: String, date: CivilDate) {
        self.number = number
        self.date = date
    }
}

/// A deposit of one collected tax line into the state treasury.
public struct TaxDeposit: Codable, Sendable, Hashable {
    /// The kode billing the deposit was paid under: 15 digits.
    public var billingCode: String
    /// The NTPN (Nomor Transaksi Penerimaan Negara) of the deposit: 16 letters or digits.
    public var ntpn: String
    /// The day it was deposited.
    public var depositedOn: CivilDate
    /// The treasurer who recorded it.
    public var recordedBy: String
    /// When it was recorded: an instant, ISO 8601 UTC with milliseconds.
    public var recordedAt: String

    /// Creates it.
    public init(billingCode: String, ntpn: String, depositedOn: CivilDate, recordedBy: String, recordedAt: String) {
        self.billingCode = billingCode
        self.ntpn = ntpn
        self.depositedOn = depositedOn
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// One tax line of a payment, with its deposit deadline and deposit.
public struct PaymentTaxLine: Codable, Sendable, Hashable {
    /// The line's id within the payment (`tax-1`, …), for `tax.recordDeposit`.
    public var lineID: String
    /// The line as the tax computation produced it: type, base, rate, amount, the rule behind it
    /// and its deposit deadline (`depositDueOn`).
    public var line: TaxLine
    /// The deposit, once recorded.
    public var deposit: TaxDeposit?
    /// The withholding slip (bukti potong/pungut) of this line, once the payment settled.
    public var slip: DocumentInfo?

    private enum CodingKeys: String, CodingKey {
        case lineID = "lineId"
        case line, deposit, slip
    }

    /// Creates it.
    public init(lineID: String, line: TaxLine, deposit: TaxDeposit? = nil, slip: DocumentInfo? = nil) {
        self.lineID = lineID
        self.line = line
        self.deposit = deposit
        self.slip = slip
    }
}

/// The treasurer (bendahara pengeluaran) who prepared a payment, as identity had them then.
public struct PaymentTreasurer: Codable, Sendable, Hashable {
    /// The treasurer's account id.
    public var accountID: String
    /// The full name, as printed on the kuitansi and the slips.
    public var name: String
    /// The NIP; empty for a treasurer who has none.
    public var nip: String
    /// The NPWP the agency's treasurer collects tax under (the collector on the slips); empty when identity holds none.
    public var npwp: String

    private enum CodingKeys: String, CodingKey {
        case accountID = "accountId"
        case name, nip, npwp
    }

    /// Creates it.
    public init(accountID: String, name: String, nip: String, npwp: String) {
        self.accountID = accountID
        self.name = name
        self.nip = nip
        self.npwp = npwp
    }
}

/// A transfer the bank returned, with its reason.
public struct PaymentRejection: Codable, Sendable, Hashable {
    /// The reference of the transfer that was returned.
    public var reference: String
    /// Why the bank returned it (closed account, wrong name, …).
    public var reason: String
    /// Who recorded it.
    public var recordedBy: String
    /// When it was recorded: an instant, ISO 8601 UTC with milliseconds.
    public var at: String

    /// Creates it.
    public init(reference: String, reason: String, recordedBy: String, at: String) {
        self.reference = reference
        self.reason = reason
        self.recordedBy = recordedBy
        self.at = at
    }
}

/// A vendor's registered UMKM Surat Keterangan (PP 55/2022): with it the final income tax of
/// 0.5% applies instead of PPh 22/23, on the days it is valid.
public struct VendorTaxCertificate: Codable, Sendable, Hashable {
    /// The vendor.
    public var vendorID: String
    /// The Surat Keterangan: number, validity, and what the tax office printed on it.
    public var certificate: UMKMCertificate
    /// When the vendor registered it: an instant, ISO 8601 UTC with milliseconds.
    public var registeredAt: String

    private enum CodingKeys: String, CodingKey {
        case vendorID = "vendorId"
        case certificate, registeredAt
    }

    /// Creates it.
    public init(vendorID: String, certificate: UMKMCertificate, registeredAt: String) {
        self.vendorID = vendorID
        self.certificate = certificate
        self.registeredAt = registeredAt
    }
}

// MARK: - Payables

/// What the agency owes on a completed order, as orders' `order.readyForPayment` told it.
public struct PayableRecord: Codable, Sendable, Hashable {
    /// The order paid for.
    public var orderID: String
    /// Where it stands.
    public var state: PayableState
    /// The payment of it, once prepared.
    public var paymentID: String?
    /// Whether orders flagged the order as a possible split purchase (the small-payment exemptions then do not apply).
    public var splitPurchaseFlagged: Bool
    /// Why it was withdrawn (the order was cancelled or failed), when it was.
    public var withdrawnReason: String?
    /// Everything orders told: parties, lines, totals with and without PPN, penalty, the Surat Pesanan and the BAST with their hashes.
    public var facts: OrderPaymentFacts
    /// When payments learned of it: an instant, ISO 8601 UTC with milliseconds.
    public var recordedAt: String

    private enum CodingKeys: String, CodingKey {
        case orderID = "orderId"
        case paymentID = "paymentId"
        case state, splitPurchaseFlagged, withdrawnReason, facts, recordedAt
    }

    /// Creates it.
    public init(
        orderID: String, state: PayableState, paymentID: String?, splitPurchaseFlagged: Bool, withdrawnReason: String?,
        facts: OrderPaymentFacts, recordedAt: String
    ) {
        self.orderID = orderID
        self.state = state
        self.paymentID = paymentID
        self.splitPurchaseFlagged = splitPurchaseFlagged
        self.withdrawnReason = withdrawnReason
        self.facts = facts
        self.recordedAt = recordedAt
    }
}

/// Names a payable by its order.
public struct PayableRef: Codable, Sendable, Hashable {
    /// The order's id.
    public var orderID: String

    private enum CodingKeys: String, CodingKey {
        case orderID = "orderId"
    }

    /// Creates it.
    public init(orderID: String) { self.orderID = orderID }
}

/// Filters for the payable list.
public struct PayableListParams: Codable, Sendable, Hashable {
    /// Tenant (Super Admin and the national monitor name one).
    public var tenant: String?
    /// Only payables in this state; every state when omitted.
    public var state: PayableState?
    /// Resume after this order id.
    public var after: String?
    /// Page size 1–200 (default 50).
    public var limit: Int?

    /// Creates it.
    public init(tenant: String? = nil, state: PayableState? = nil, after: String? = nil, limit: Int? = nil) {
        self.tenant = tenant
        self.state = state
        self.after = after
        self.limit = limit
    }
}

/// A page of payables.
public struct PayablePage: Codable, Sendable, Hashable {
    /// The payables, by order id.
    public var payables: [PayableRecord]
    /// The cursor of the next page (`after`), or null on the last.
    public var nextCursor: String?

    /// Creates it.
    public init(payables: [PayableRecord], nextCursor: String?) {
        self.payables = payables
        self.nextCursor = nextCursor
    }
}

/// `payable.list`: what the agency owes.
public enum PayableList: RPCMethod {
    /// The wire name.
    public static let name = "payable.list"
    /// What it does.
    public static let summary =
        "What is due: the completed orders of the caller's agency (treasurer, PA/KPA, PPK), the tenant's (auditor, UKPBJ head, Super Admin, monitor) or the vendor's own, with the Surat Pesanan and BAST and their hashes, totals with and without PPN, and the penalty."
    /// Who may call it.
    public static let access = Access.roles(
        .treasurer, .budgetHolder, .ppk, .auditor, .ukpbjHead, .superAdmin, .monitor, .vendor)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The filters.
    public typealias Params = PayableListParams
    /// A page of payables.
    public typealias Result = PayablePage
}

/// `payable.get`: one payable.
public enum PayableGet: RPCMethod {
    /// The wire name.
    public static let name = "payable.get"
    /// What it does.
    public static let summary = "One payable, by its order, for those who may list it."
    /// Who may call it.
    public static let access = PayableList.access
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The order.
    public typealias Params = PayableRef
    /// The payable.
    public typealias Result = PayableRecord
}

// MARK: - Payments

/// A payment as it stands.
public struct PaymentRecord: Codable, Sendable, Hashable {
    /// The payment's id.
    public var id: String
    /// The order paid.
    public var orderID: String
    /// The tenant.
    public var tenant: String
    /// The paying agency.
    public var agency: String
    /// The vendor paid.
    public var vendorID: String
    /// The vendor's name.
    public var vendorName: String
    /// The package name (nama paket) of the order.
    public var packageName: String
    /// Where it stands.
    public var state: PaymentState
    /// UP/GU, LS or KKPD: it selects the tax path.
    public var mechanism: PaymentMechanism
    /// The day the vendor is paid (the tax period and the deposit deadline follow from it).
    public var paymentDate: CivilDate
    /// The SP2D of an LS payment, once known.
    public var sp2d: SP2DReference?
    /// The treasurer who prepared it, as identity had them then.
    public var treasurer: PaymentTreasurer
    /// The PA/KPA: named at preparation (name from identity), or the one who approved the payment
    /// (`payment.approve`: name and NIP as identity had them then).
    public var budgetHolder: OfficialParty?
    /// When the PA/KPA approved the payment ("setuju dibayar" on the kuitansi), if they did.
    public var approvedAt: String?
    /// The money: gross, penalty, each tax and the net transfer, with the rule behind each figure.
    public var assessment: TaxAssessment
    /// The tax lines with their deposit deadline, deposit and slip.
    public var taxLines: [PaymentTaxLine]
    /// The vendor's UMKM Surat Keterangan when it had registered one at preparation (applied only
    /// if valid on the payment date: see the assessment's lines and `notApplied`).
    public var certificate: UMKMCertificate?
    /// The transfer's reference (or the SP2D number) once instructed.
    public var transferReference: String?
    /// When it was instructed: an instant, ISO 8601 UTC with milliseconds.
    public var instructedAt: String?
    /// The bank's reference that the money reached the vendor, once settled.
    public var bankReference: String?
    /// The day the money reached the vendor, once settled.
    public var settledOn: CivilDate?
    /// When it was settled: an instant, ISO 8601 UTC with milliseconds.
    public var settledAt: String?
    /// When the vendor confirmed receipt, if it did.
    public var confirmedAt: String?
    /// Transfers the bank returned, oldest first, each with its reason.
    public var rejections: [PaymentRejection]
    /// The kuitansi, once settled.
    public var kuitansi: DocumentInfo?
    /// The payment proof, once settled.
    public var proof: DocumentInfo?
    /// The payment packet for the accountability file (SPJ), once settled.
    public var packet: DocumentInfo?
    /// Optimistic-concurrency version: send it back with every action.
    public var version: Int64
    /// When it was prepared: an instant, ISO 8601 UTC with milliseconds.
    public var createdAt: String
    /// When it last changed: an instant, ISO 8601 UTC with milliseconds.
    public var updatedAt: String

    private enum CodingKeys: String, CodingKey {
        case orderID = "orderId"
        case vendorID = "vendorId"
        case id, tenant, agency, vendorName, packageName, state, mechanism, paymentDate, sp2d, treasurer, budgetHolder,
            approvedAt, assessment,
            taxLines, certificate, transferReference, instructedAt, bankReference, settledOn, settledAt, confirmedAt,
            rejections, kuitansi, proof, packet, version, createdAt, updatedAt
    }

    /// Creates it.
    public init(
        id: String, orderID: String, tenant: String, agency: String, vendorID: String, vendorName: String,
        packageName: String, state: PaymentState, mechanism: PaymentMechanism, paymentDate: CivilDate,
        sp2d: SP2DReference?, treasurer: PaymentTreasurer, budgetHolder: OfficialParty? = nil,
        approvedAt: String? = nil, assessment: TaxAssessment, taxLines: [PaymentTaxLine],
        certificate: UMKMCertificate?, transferReference: String? = nil, instructedAt: String? = nil,
        bankReference: String? = nil, settledOn: CivilDate? = nil, settledAt: String? = nil,
        confirmedAt: String? = nil, rejections: [PaymentRejection] = [], kuitansi: DocumentInfo? = nil,
        proof: DocumentInfo? = nil, packet: DocumentInfo? = nil, version: Int64, createdAt: String,
        updatedAt: String
    ) {
        self.id = id
        self.orderID = orderID
        self.tenant = tenant
        self.agency = agency
        self.vendorID = vendorID
        self.vendorName = vendorName
        self.packageName = packageName
        self.state = state
        self.mechanism = mechanism
        self.paymentDate = paymentDate
        self.sp2d = sp2d
        self.treasurer = treasurer
        self.budgetHolder = budgetHolder
        self.approvedAt = approvedAt
        self.assessment = assessment
        self.taxLines = taxLines
        self.certificate = certificate
        self.transferReference = transferReference
        self.instructedAt = instructedAt
        self.bankReference = bankReference
        self.settledOn = settledOn
        self.settledAt = settledAt
        self.confirmedAt = confirmedAt
        self.rejections = rejections
        self.kuitansi = kuitansi
        self.proof = proof
        self.packet = packet
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The treasurer's preparation of a payment.
public struct PaymentPreparation: Codable, Sendable, Hashable {
    /// The order whose payable is paid.
    public var orderID: String
    /// UP/GU (the treasurer's advance), LS (SP2D from the regional treasury) or KKPD (the regional government credit card).
    public var mechanism: PaymentMechanism
    /// The day the vendor is paid; not before the BAST. Today when omitted.
    public var paymentDate: CivilDate?
    /// The gross the treasurer means to pay, integer rupiah, when stated: it must be what the
    /// Surat Pesanan and BAST allow (the payable's total including PPN), or it is refused.
    /// At the RPC boundary 0 to 1,000,000,000,000 (``InputLimits/amount``).
    public var gross: Rupiah?
    /// The SP2D of an LS payment, when already issued (else given at `payment.instruct`).
    public var sp2d: SP2DReference?
    /// The account of the agency's PA/KPA whose "setuju dibayar" the kuitansi carries, when the
    /// treasurer names one (identity confirms the role and agency); the block stays blank otherwise.
    public var budgetHolderAccountID: String?

    private enum CodingKeys: String, CodingKey {
        case orderID = "orderId"
        case budgetHolderAccountID = "budgetHolderAccountId"
        case mechanism, paymentDate, gross, sp2d
    }

    /// Creates it.
    public init(
        orderID: String, mechanism: PaymentMechanism, paymentDate: CivilDate? = nil, gross: Rupiah? = nil,
        sp2d: SP2DReference? = nil, budgetHolderAccountID: String? = nil
    ) {
        self.orderID = orderID
        self.mechanism = mechanism
        self.paymentDate = paymentDate
        self.gross = gross
        self.sp2d = sp2d
        self.budgetHolderAccountID = budgetHolderAccountID
    }
}

/// `payment.prepare`: the treasurer prepares the payment of a payable.
public enum PaymentPrepare: RPCMethod {
    /// The wire name.
    public static let name = "payment.prepare"
    /// What it does.
    public static let summary =
        "The agency's treasurer prepares the payment of a due payable (annex I.D.3.l): mechanism (UP/GU, LS, KKPD), payment date, the taxes the treasurer collects computed by the tenant's dated rules (PPN, PPh 22/23 or the UMKM final 0.5% under a valid Surat Keterangan), the late penalty deducted, and the net transfer. An order is paid at most once; send an idempotency key so a retry returns the same payment."
    /// Who may call it.
    public static let access = Access.roles(.treasurer)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [
        .forbidden, .notFound, .conflict, .validationFailed, .dependencyUnavailable,
    ]
    /// The preparation.
    public typealias Params = PaymentPreparation
    /// The prepared payment.
    public typealias Result = PaymentRecord
}

/// Names a payment and the version read.
public struct PaymentAct: Codable, Sendable, Hashable {
    /// The payment's id.
    public var paymentID: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64

    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId"
        case version
    }

    /// Creates it.
    public init(paymentID: String, version: Int64) {
        self.paymentID = paymentID
        self.version = version
    }
}

/// `payment.approve`: the PA/KPA approves the payment.
public enum PaymentApprove: RPCMethod {
    /// The wire name.
    public static let name = "payment.approve"
    /// What it does.
    public static let summary =
        "The agency's PA/KPA approves a prepared or instructed payment (\"setuju dibayar\"): the kuitansi issued at settlement prints the approval with its date; once per payment."
    /// Who may call it.
    public static let access = Access.roles(.budgetHolder)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .dependencyUnavailable]
    /// The payment and version.
    public typealias Params = PaymentAct
    /// The approved payment.
    public typealias Result = PaymentRecord
}

/// The transfer or SP2D that instructs a payment.
public struct PaymentInstruction: Codable, Sendable, Hashable {
    /// The payment's id.
    public var paymentID: String
    /// The record's `version` as last read (optimistic concurrency).
    public var version: Int64
    /// The transfer's reference (UP/GU, KKPD); for LS the SP2D number when omitted. Printable ASCII, at most 60 characters.
    public var transferReference: String?
    /// The SP2D (LS), when not given at preparation.
    public var sp2d: SP2DReference?

    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId"
        case version, transferReference, sp2d
    }

    /// Creates it.
    public init(paymentID: String, version: Int64, transferReference: String? = nil, sp2d: SP2DReference? = nil) {
        self.paymentID = paymentID
        self.version = version
        self.transferReference = transferReference
        self.sp2d = sp2d
    }
}

/// `payment.instruct`: the transfer is sent or the SP2D issued.
public enum PaymentInstruct: RPCMethod {
    /// The wire name.
    public static let name = "payment.instruct"
    /// What it does.
    public static let summary =
        "The treasurer records that the transfer was sent (UP/GU, KKPD: its reference) or the SP2D issued (LS: its number and date). The payment is instructed, not yet paid."
    /// Who may call it.
    public static let access = Access.roles(.treasurer)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    /// The instruction.
    public typealias Params = PaymentInstruction
    /// The instructed payment.
    public typealias Result = PaymentRecord
}

/// The bank's confirmation that the money reached the vendor.
public struct PaymentSettlement: Codable, Sendable, Hashable {
    /// The payment's id.
    public var paymentID: String
    /// The record's `version` as last read (optimistic concurrency).
    public var version: Int64
    /// The bank's reference of the credit to the vendor's account. Printable ASCII, at most 60 characters.
    public var bankReference: String
    /// The day the money reached the vendor; today when omitted; not after today.
    public var settledOn: CivilDate?

    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId"
        case version, bankReference, settledOn
    }

    /// Creates it.
    public init(paymentID: String, version: Int64, bankReference: String, settledOn: CivilDate? = nil) {
        self.paymentID = paymentID
        self.version = version
        self.bankReference = bankReference
        self.settledOn = settledOn
    }
}

/// `payment.settle`: the money reached the vendor.
public enum PaymentSettle: RPCMethod {
    /// The wire name.
    public static let name = "payment.settle"
    /// What it does.
    public static let summary =
        "The treasurer records the bank's reference that the money reached the vendor's account: the payment is settled, the order shown paid, the taxes withheld, and the kuitansi, one withholding slip per tax line, the payment proof and the payment packet issued and sealed. Refused before instruction."
    /// Who may call it.
    public static let access = Access.roles(.treasurer)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    /// The settlement.
    public typealias Params = PaymentSettlement
    /// The settled payment.
    public typealias Result = PaymentRecord
}

/// A transfer the bank returned.
public struct PaymentRejectionParams: Codable, Sendable, Hashable {
    /// The payment's id.
    public var paymentID: String
    /// The record's `version` as last read (optimistic concurrency).
    public var version: Int64
    /// Why the bank returned it; at most 1,000 characters.
    public var reason: String

    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId"
        case version, reason
    }

    /// Creates it.
    public init(paymentID: String, version: Int64, reason: String) {
        self.paymentID = paymentID
        self.version = version
        self.reason = reason
    }
}

/// `payment.reject`: the bank returned the transfer.
public enum PaymentReject: RPCMethod {
    /// The wire name.
    public static let name = "payment.reject"
    /// What it does.
    public static let summary =
        "The treasurer records that the bank returned an instructed transfer, with its reason: the payment goes back to prepared, to be instructed again."
    /// Who may call it.
    public static let access = Access.roles(.treasurer)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    /// The rejection.
    public typealias Params = PaymentRejectionParams
    /// The payment, prepared again.
    public typealias Result = PaymentRecord
}

/// `payment.confirmReceipt`: the vendor confirms it received the money.
public enum PaymentConfirmReceipt: RPCMethod {
    /// The wire name.
    public static let name = "payment.confirmReceipt"
    /// What it does.
    public static let summary = "The vendor confirms that the money of a settled payment reached it (optional)."
    /// Who may call it.
    public static let access = Access.roles(.vendor)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict]
    /// The payment and version.
    public typealias Params = PaymentAct
    /// The confirmed payment.
    public typealias Result = PaymentRecord
}

/// Names a payment.
public struct PaymentRef: Codable, Sendable, Hashable {
    /// The payment's id.
    public var paymentID: String

    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId"
    }

    /// Creates it.
    public init(paymentID: String) { self.paymentID = paymentID }
}

/// `payment.get`: one payment.
public enum PaymentGet: RPCMethod {
    /// The wire name.
    public static let name = "payment.get"
    /// What it does.
    public static let summary =
        "One payment with its taxes, deposits and documents: the agency's treasurer, PA/KPA and PPK, the tenant's supervisors, and the vendor paid."
    /// Who may call it.
    public static let access = PayableList.access
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The payment.
    public typealias Params = PaymentRef
    /// The payment.
    public typealias Result = PaymentRecord
}

/// Filters for the payment list.
public struct PaymentListParams: Codable, Sendable, Hashable {
    /// Tenant (Super Admin and the national monitor name one).
    public var tenant: String?
    /// Only payments in this state; every state when omitted.
    public var state: PaymentState?
    /// Resume after this payment id.
    public var after: String?
    /// Page size 1–200 (default 50).
    public var limit: Int?

    /// Creates it.
    public init(tenant: String? = nil, state: PaymentState? = nil, after: String? = nil, limit: Int? = nil) {
        self.tenant = tenant
        self.state = state
        self.after = after
        self.limit = limit
    }
}

/// A page of payments.
public struct PaymentPage: Codable, Sendable, Hashable {
    /// The payments, by id.
    public var payments: [PaymentRecord]
    /// The cursor of the next page (`after`), or null on the last.
    public var nextCursor: String?

    /// Creates it.
    public init(payments: [PaymentRecord], nextCursor: String?) {
        self.payments = payments
        self.nextCursor = nextCursor
    }
}

/// `payment.list`: payments the caller may see.
public enum PaymentList: RPCMethod {
    /// The wire name.
    public static let name = "payment.list"
    /// What it does.
    public static let summary =
        "Payments of the caller's agency, the tenant's (supervisors), or the vendor's own, by id."
    /// Who may call it.
    public static let access = PayableList.access
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The filters.
    public typealias Params = PaymentListParams
    /// A page of payments.
    public typealias Result = PaymentPage
}

// MARK: - Surat Keterangan

/// `vendor.registerTaxCertificate`: the vendor registers its Surat Keterangan.
public enum VendorRegisterTaxCertificate: RPCMethod {
    /// The wire name.
    public static let name = "vendor.registerTaxCertificate"
    /// What it does.
    public static let summary =
        "A UMKM vendor registers its Surat Keterangan (PP 55/2022) with its number and validity: payments prepared on a day it is valid apply the final 0.5% instead of PPh 22/23; an expired one is not applied. A newer registration replaces the older."
    /// Who may call it.
    public static let access = Access.roles(.vendor)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    /// The certificate: number (printable ASCII, 5 to 60 characters), validity, and optionally the NPWP, name and date printed on it.
    public typealias Params = UMKMCertificate
    /// The certificate as registered.
    public typealias Result = VendorTaxCertificate
}

/// Names a vendor.
public struct VendorTaxCertificateRef: Codable, Sendable, Hashable {
    /// The vendor's id; the caller's own vendor when omitted.
    public var vendorID: String?

    private enum CodingKeys: String, CodingKey {
        case vendorID = "vendorId"
    }

    /// Creates it.
    public init(vendorID: String? = nil) { self.vendorID = vendorID }
}

/// A vendor's registered Surat Keterangan, if any.
public struct VendorTaxCertificateView: Codable, Sendable, Hashable {
    /// The certificate, or null when the vendor registered none.
    public var certificate: VendorTaxCertificate?
    /// Whether it is valid today.
    public var validToday: Bool

    /// Creates it.
    public init(certificate: VendorTaxCertificate?, validToday: Bool) {
        self.certificate = certificate
        self.validToday = validToday
    }
}

/// `vendor.taxCertificate`: a vendor's Surat Keterangan.
public enum VendorTaxCertificateGet: RPCMethod {
    /// The wire name.
    public static let name = "vendor.taxCertificate"
    /// What it does.
    public static let summary =
        "A vendor's registered Surat Keterangan and whether it is valid today: the vendor its own; treasurers and supervisors any vendor's."
    /// Who may call it.
    public static let access = Access.roles(.vendor, .treasurer, .auditor, .ukpbjHead, .superAdmin, .monitor)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The vendor.
    public typealias Params = VendorTaxCertificateRef
    /// The certificate, if any.
    public typealias Result = VendorTaxCertificateView
}

// MARK: - Deposits and the monthly report

/// The deposit of one collected tax line.
public struct TaxDepositParams: Codable, Sendable, Hashable {
    /// The payment's id.
    public var paymentID: String
    /// The record's `version` as last read (optimistic concurrency).
    public var version: Int64
    /// The tax line (`taxLines[].lineId`).
    public var lineID: String
    /// The kode billing: exactly 15 digits.
    public var billingCode: String
    /// The NTPN: exactly 16 ASCII letters or digits.
    public var ntpn: String
    /// The day it was deposited; not after today, not before the payment date.
    public var depositedOn: CivilDate

    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId"
        case lineID = "lineId"
        case version, billingCode, ntpn, depositedOn
    }

    /// Creates it.
    public init(
        paymentID: String, version: Int64, lineID: String, billingCode: String, ntpn: String, depositedOn: CivilDate
    ) {
        self.paymentID = paymentID
        self.version = version
        self.lineID = lineID
        self.billingCode = billingCode
        self.ntpn = ntpn
        self.depositedOn = depositedOn
    }
}

/// `tax.recordDeposit`: the treasurer records the deposit of a collected tax line.
public enum TaxRecordDeposit: RPCMethod {
    /// The wire name.
    public static let name = "tax.recordDeposit"
    /// What it does.
    public static let summary =
        "The treasurer records the deposit of one tax line of a settled payment into the state treasury: kode billing (15 digits), NTPN (16 letters or digits) and date; once per line."
    /// Who may call it.
    public static let access = Access.roles(.treasurer)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    /// The deposit.
    public typealias Params = TaxDepositParams
    /// The payment with the deposit.
    public typealias Result = PaymentRecord
}

/// A tax period (masa pajak) of an agency.
public struct TaxPeriodParams: Codable, Sendable, Hashable {
    /// Tenant (supervisors may name one; others their own).
    public var tenant: String?
    /// The agency (supervisors name one; the agency's officials their own).
    public var agency: String?
    /// The year, 2000–2100.
    public var year: Int
    /// The month, 1–12.
    public var month: Int

    /// Creates it.
    public init(tenant: String? = nil, agency: String? = nil, year: Int, month: Int) {
        self.tenant = tenant
        self.agency = agency
        self.year = year
        self.month = month
    }
}

/// One tax line of the treasurer's monthly report.
public struct TaxReportLine: Codable, Sendable, Hashable {
    /// The payment.
    public var paymentID: String
    /// The order.
    public var orderID: String
    /// The mechanism.
    public var mechanism: PaymentMechanism
    /// The SP2D, for LS payments.
    public var sp2d: SP2DReference?
    /// The payment date.
    public var paymentDate: CivilDate
    /// The payment's state.
    public var paymentState: PaymentState
    /// The vendor's id.
    public var vendorID: String
    /// The vendor's name.
    public var vendorName: String
    /// The vendor's NPWP.
    public var vendorNPWP: String
    /// The tax line (type, base, rate, amount, rule).
    public var taxLine: PaymentTaxLine
    /// Whether the line is not yet deposited.
    public var undeposited: Bool
    /// Whether it is undeposited after its due date, or was deposited late.
    public var overdue: Bool

    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId"
        case orderID = "orderId"
        case vendorID = "vendorId"
        case vendorNPWP = "vendorNpwp"
        case mechanism, sp2d, paymentDate, paymentState, vendorName, taxLine, undeposited, overdue
    }

    /// Creates it.
    public init(
        paymentID: String, orderID: String, mechanism: PaymentMechanism, sp2d: SP2DReference?, paymentDate: CivilDate,
        paymentState: PaymentState, vendorID: String, vendorName: String, vendorNPWP: String, taxLine: PaymentTaxLine,
        undeposited: Bool, overdue: Bool
    ) {
        self.paymentID = paymentID
        self.orderID = orderID
        self.mechanism = mechanism
        self.sp2d = sp2d
        self.paymentDate = paymentDate
        self.paymentState = paymentState
        self.vendorID = vendorID
        self.vendorName = vendorName
        self.vendorNPWP = vendorNPWP
        self.taxLine = taxLine
        self.undeposited = undeposited
        self.overdue = overdue
    }
}

/// The treasurer's monthly data: every payment of the period and every tax line.
public struct TaxPeriodReport: Codable, Sendable, Hashable {
    /// The tenant.
    public var tenant: String
    /// The agency.
    public var agency: String
    /// The year.
    public var year: Int
    /// The month.
    public var month: Int
    /// Every payment dated in the period, by id.
    public var payments: [PaymentRecord]
    /// Every tax line of those payments.
    public var lines: [TaxReportLine]
    /// How many lines are not yet deposited.
    public var undepositedCount: Int
    /// How many lines are overdue.
    public var overdueCount: Int

    /// Creates it.
    public init(
        tenant: String, agency: String, year: Int, month: Int, payments: [PaymentRecord], lines: [TaxReportLine],
        undepositedCount: Int, overdueCount: Int
    ) {
        self.tenant = tenant
        self.agency = agency
        self.year = year
        self.month = month
        self.payments = payments
        self.lines = lines
        self.undepositedCount = undepositedCount
        self.overdueCount = overdueCount
    }
}

/// `tax.lines`: the treasurer's monthly report data.
public enum TaxLines: RPCMethod {
    /// The wire name.
    public static let name = "tax.lines"
    /// What it does.
    public static let summary =
        "The treasurer's monthly report data for a tax period: every payment and tax line with its mechanism, SP2D, vendor identities, base, rate, amount, deposit reference and due date; undeposited and overdue lines marked."
    /// Who may call it.
    public static let access = Access.roles(.treasurer, .budgetHolder, .auditor, .ukpbjHead, .superAdmin, .monitor)
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The period.
    public typealias Params = TaxPeriodParams
    /// The report data.
    public typealias Result = TaxPeriodReport
}

// MARK: - Documents

/// Names one payment document.
public struct PaymentDocumentRef: Codable, Sendable, Hashable {
    /// The document's id (`kuitansi.id`, `taxLines[].slip.id`, `proof.id`, `packet.id`).
    public var documentID: String

    private enum CodingKeys: String, CodingKey {
        case documentID = "documentId"
    }

    /// Creates it.
    public init(documentID: String) { self.documentID = documentID }
}

/// `payment.document`: a payment's sealed document.
public enum PaymentDocumentGet: RPCMethod {
    /// The wire name.
    public static let name = "payment.document"
    /// What it does.
    public static let summary =
        "A sealed payment document (kuitansi, withholding slip, payment proof, payment packet) as PDF and HTML, with its seal: the agency's officials, the tenant's supervisors, and the vendor paid (which needs its slips to credit the tax)."
    /// Who may call it.
    public static let access = PayableList.access
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The document.
    public typealias Params = PaymentDocumentRef
    /// Its content and seal.
    public typealias Result = DocumentContent
}
