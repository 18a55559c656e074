// The treasurer's monthly register of payments and taxes (laporan bendahara): every payment of one
// agency in one month with its tax lines, their deposits and due dates, undeposited and overdue
// lines marked, totals per tax type; as CSV, and as a LegalDocument the shared renderers print to
// HTML and PDF.
import Foundation
import SiOpenDocuments
import SiOpenDomain

/// How a payment was made; each selects its tax path.
public enum TreasurerReportMechanism: String, Sendable, Hashable, Codable, CaseIterable {
    /// Paid by the treasurer from the advance (UP/GU).
    case upGU = "UP/GU"
    /// Paid by SP2D from the regional treasury (LS).
    case ls = "LS"
    /// Paid with the regional government credit card (KKPD).
    case kkpd = "KKPD"
}

/// The deposit of one tax line to the state treasury, as the treasurer recorded it.
public struct TreasurerReportDeposit: Sendable, Hashable, Codable {
    /// The billing code (kode billing, 15 digits).
    public var billingCode: String
    /// The state revenue transaction number (NTPN, 16 characters) of the deposit.
    public var ntpn: String
    /// The day the deposit was made.
    public var depositedOn: CivilDate

    /// A deposit.
    public init(billingCode: String, ntpn: String, depositedOn: CivilDate) {
        self.billingCode = billingCode
        self.ntpn = ntpn
        self.depositedOn = depositedOn
    }
}

/// One tax line of a payment: withheld or collected by the treasurer.
public struct TreasurerReportTaxLine: Sendable, Hashable, Codable {
    /// The tax type as printed and totalled, e.g. `PPN`, `PPh 22`, `PPh 23`, `PPh Final UMKM`.
    public var taxType: String
    /// The tax object code (kode objek pajak), empty for PPN.
    public var taxObjectCode: String
    /// The slip's number (bukti potong/pungut), empty while there is none.
    public var slipNumber: String
    /// The tax base (DPP).
    public var base: Rupiah
    /// The rate in basis points (150 is 1.5 %); for PPN the effective rate on the price (1100 for 12 % × 11/12).
    public var rateBasisPoints: Int
    /// The tax withheld or collected.
    public var amount: Rupiah
    /// The deposit deadline (the 15th of the next month, moved by the holiday calendar).
    public var dueDate: CivilDate
    /// The deposit, nil while the line is not deposited.
    public var deposit: TreasurerReportDeposit?

    /// A tax line.
    public init(
        taxType: String, taxObjectCode: String, slipNumber: String, base: Rupiah, rateBasisPoints: Int, amount: Rupiah,
        dueDate: CivilDate, deposit: TreasurerReportDeposit?
    ) {
        self.taxType = taxType
        self.taxObjectCode = taxObjectCode
        self.slipNumber = slipNumber
        self.base = base
        self.rateBasisPoints = rateBasisPoints
        self.amount = amount
        self.dueDate = dueDate
        self.deposit = deposit
    }
}

/// The vendor paid, with the identities the tax office knows it by.
public struct TreasurerReportVendor: Sendable, Hashable, Codable {
    /// The vendor's name.
    public var name: String
    /// The vendor's NPWP (16 digits; a NIK-based NPWP prints as the NIK).
    public var npwp: NPWP?
    /// The vendor's NIK when it is paid under its NIK without an NPWP.
    public var nik: NIK?
    /// The vendor's NITKU (NPWP + 6-digit place code); empty when unknown.
    public var nitku: String

    /// A vendor.
    public init(name: String, npwp: NPWP?, nik: NIK?, nitku: String) {
        self.name = name
        self.npwp = npwp
        self.nik = nik
        self.nitku = nitku
    }
}

/// One payment of the month and its tax lines.
public struct TreasurerReportPayment: Sendable, Hashable, Codable {
    /// The payment's id.
    public var paymentID: String
    /// The Surat Pesanan's number the payment pays.
    public var orderNumber: String
    /// The mechanism.
    public var mechanism: TreasurerReportMechanism
    /// The SP2D number of an LS payment, nil otherwise or while none is issued.
    public var sp2dNumber: String?
    /// The SP2D's date.
    public var sp2dDate: CivilDate?
    /// The payment's state as printed (e.g. `settled`); the report does not interpret it.
    public var state: String
    /// The day the payment was instructed (transfer or SP2D issued); it places the payment in a month.
    public var instructedOn: CivilDate
    /// The vendor.
    public var vendor: TreasurerReportVendor
    /// The gross amount paid for (price including PPN).
    public var gross: Rupiah
    /// The late penalty deducted.
    public var penalty: Rupiah
    /// The net transfer to the vendor.
    public var net: Rupiah
    /// The tax lines.
    public var taxLines: [TreasurerReportTaxLine]

    /// A payment.
    public init(
        paymentID: String, orderNumber: String, mechanism: TreasurerReportMechanism, sp2dNumber: String?,
        sp2dDate: CivilDate?, state: String, instructedOn: CivilDate, vendor: TreasurerReportVendor, gross: Rupiah,
        penalty: Rupiah, net: Rupiah, taxLines: [TreasurerReportTaxLine]
    ) {
        self.paymentID = paymentID
        self.orderNumber = orderNumber
        self.mechanism = mechanism
        self.sp2dNumber = sp2dNumber
        self.sp2dDate = sp2dDate
        self.state = state
        self.instructedOn = instructedOn
        self.vendor = vendor
        self.gross = gross
        self.penalty = penalty
        self.net = net
        self.taxLines = taxLines
    }
}

/// The official who signs the report, and whether that signing happened.
public struct TreasurerReportSigner: Sendable, Hashable, Codable {
    /// The treasurer's name.
    public var name: String
    /// The treasurer's NIP, empty when unknown.
    public var nip: String
    /// The capacity, e.g. "Bendahara Pengeluaran".
    public var position: String
    /// The signing as it happened ("Ditandatangani secara elektronik pada …"), nil when the report
    /// has not been signed: the space is then left blank for ink and nothing claims a signature.
    public var signedNote: String?

    /// A signer.
    public init(name: String, nip: String, position: String, signedNote: String?) {
        self.name = name
        self.nip = nip
        self.position = position
        self.signedNote = signedNote
    }
}

/// What the report is built from: the agency, the month, "today", and the month's payments.
public struct TreasurerReportInput: Sendable, Hashable, Codable {
    /// The letterhead lines (regency, agency, address).
    public var letterhead: [String]
    /// The agency's name as printed.
    public var agencyName: String
    /// The treasurer's NPWP (the agency's withholder NPWP).
    public var treasurerNPWP: NPWP
    /// The month reported.
    public var period: BPPUTaxPeriod
    /// The day the report is made: lines past their due date without a deposit on this day are overdue.
    public var today: CivilDate
    /// The place of signing.
    public var place: String
    /// The report's document number.
    public var documentNumber: String
    /// Who signs.
    public var signer: TreasurerReportSigner
    /// The month's payments (a payment outside ``period`` is refused).
    public var payments: [TreasurerReportPayment]
    /// The regency's emblem file, nil for none.
    public var emblem: Data?

    /// An input.
    public init(
        letterhead: [String], agencyName: String, treasurerNPWP: NPWP, period: BPPUTaxPeriod, today: CivilDate,
        place: String, documentNumber: String, signer: TreasurerReportSigner, payments: [TreasurerReportPayment],
        emblem: Data? = nil
    ) {
        self.letterhead = letterhead
        self.agencyName = agencyName
        self.treasurerNPWP = treasurerNPWP
        self.period = period
        self.today = today
        self.place = place
        self.documentNumber = documentNumber
        self.signer = signer
        self.payments = payments
        self.emblem = emblem
    }
}

/// Where a tax line stands on the report's day.
public enum TreasurerReportLineStatus: String, Sendable, Hashable, Codable {
    /// Deposited on or before its due date.
    case deposited
    /// Deposited after its due date.
    case depositedLate
    /// Not deposited; its due date has not passed.
    case undeposited
    /// Not deposited and its due date has passed: it stands out.
    case overdue
}

/// The totals of one tax type.
public struct TreasurerReportTotal: Sendable, Hashable, Codable {
    /// The tax type.
    public var taxType: String
    /// How many lines.
    public var lines: Int
    /// The sum of their bases.
    public var base: Rupiah
    /// The sum withheld or collected.
    public var amount: Rupiah
    /// The part deposited.
    public var deposited: Rupiah
    /// The part not deposited.
    public var undeposited: Rupiah
    /// The part not deposited and overdue.
    public var overdue: Rupiah
}

/// One line of the register: a tax line with its payment, or a payment without tax lines.
public struct TreasurerReportRow: Sendable, Hashable, Codable {
    /// The payment.
    public var payment: TreasurerReportPayment
    /// The tax line, nil for a payment with none.
    public var taxLine: TreasurerReportTaxLine?
    /// The tax line's status, nil for a payment with none.
    public var status: TreasurerReportLineStatus?
}

/// The built report: its rows in order, and its totals.
public struct TreasurerMonthlyReport: Sendable, Hashable, Codable {
    /// What it was built from.
    public var input: TreasurerReportInput
    /// The rows: payments by instruction date then id, each payment's tax lines in order.
    public var rows: [TreasurerReportRow]
    /// Totals per tax type, by tax type name.
    public var totals: [TreasurerReportTotal]
    /// The sums over all payments: gross, penalty, net.
    public var gross: Rupiah
    /// The penalties deducted.
    public var penalty: Rupiah
    /// The net transfers.
    public var net: Rupiah
}

/// Builds and renders the treasurer's monthly report. Pure: no I/O.
public enum TreasurerReport {
    /// The report of `input`; refuses a payment outside the period, sums that overflow, or text
    /// with control characters.
    public static func build(_ input: TreasurerReportInput) throws(DomainRefusal) -> TreasurerMonthlyReport {
        fatalError("not yet")
    }

    /// The status of `line` on `today`.
    public static func status(of line: TreasurerReportTaxLine, on today: CivilDate) -> TreasurerReportLineStatus {
        fatalError("not yet")
    }

    /// The register as CSV (RFC 4180, CRLF, header row, formula-injection-safe), one row per tax line.
    public static func csv(_ report: TreasurerMonthlyReport) -> String {
        fatalError("not yet")
    }

    /// The printable document (Bahasa Indonesia), for the shared renderers.
    public static func document(_ report: TreasurerMonthlyReport) -> LegalDocument {
        fatalError("not yet")
    }

    /// The printable HTML, by the shared ``HTMLRenderer``.
    public static func html(_ report: TreasurerMonthlyReport) -> String {
        HTMLRenderer.render(document(report))
    }

    /// The PDF, by the shared ``PDFRenderer``.
    public static func pdf(_ report: TreasurerMonthlyReport) -> [UInt8] {
        PDFRenderer.render(document(report))
    }
}
