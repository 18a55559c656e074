// The Coretax e-Bupot Unifikasi bulk import (BPPU, Bukti Pemotongan/Pemungutan Unifikasi) of one
// withholder's slips for one tax period, as XML for the Coretax upload and as CSV of the same rows.
//
// The element names, their order and their value sets follow DJP's "BPPU Excel to XML" converter
// template (v.3, 4 September 2025) as reproduced by public converters, and the sample Odoo's
// `l10n_id_efaktur_coretax` module tests against (tests/results/sample_ebupot.xml). DJP publishes no
// XSD alongside the template that we could find; Tests/PaymentsTests/Exports/Fixtures/bppu.xsd is
// our transcription of the template's field rules, not a DJP file.
import Foundation
import SiOpenDomain

/// How a government treasurer paid the income the slip withholds from (`GovTreasurerOpt`).
public enum BPPUGovTreasurerOption: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not a government treasurer's payment.
    case notApplicable = "N/A"
    /// Paid from the treasurer's advance (UP/GU).
    case imprest = "Imprest"
    /// Paid directly by SP2D from the regional treasury (LS); the slip then carries the SP2D number.
    case direct = "Direct"
}

/// The tax facility the slip applies (`TaxCertificate`, "Fasilitas"), as the Coretax template lists them.
public enum BPPUTaxCertificate: String, Sendable, Hashable, Codable, CaseIterable {
    /// No facility.
    case none = "N/A"
    /// Surat Keterangan Bebas PPh 22.
    case exemptionArticle22 = "TaxExAr22"
    /// Surat Keterangan Bebas PPh 23.
    case exemptionArticle23 = "TaxExAr23"
    /// Exemption for interest on deposits.
    case exemptionInterestDeposit = "TaxExIntDep"
    /// Exemption on land and building transfers.
    case exemptionLandBuildingTransfer = "TaxExIntPhtb"
    /// Tax borne by the government (Ditanggung Pemerintah).
    case borneByGovernment = "DTP"
    /// The UMKM final income tax Surat Keterangan (PP 55/2022, which replaced PP 23/2018; Coretax
    /// still names the facility `PP23`).
    case umkmFinal = "PP23"
    /// Another facility.
    case other = "ETC"
}

/// The kind of document the withholding is based on (`Document`, "Jenis Dok. Referensi"), spelled
/// exactly as Coretax spells them (its own typos included).
public enum BPPUDocumentType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A tax invoice (faktur pajak).
    case taxInvoice = "TaxInvoice"
    /// A commercial invoice.
    case commercialInvoice = "CommercialInvoice"
    /// An announcement.
    case announcement = "Announchment"
    /// A contract (a Surat Pesanan is one).
    case contract = "Contract"
    /// A payment proof (a kuitansi is one).
    case paymentProof = "PaymentProof"
    /// A deed of engagement.
    case deedOfEngagement = "DeedofEngangement"
    /// A deed of a general meeting of shareholders.
    case deedOfGeneralMeeting = "DeedofGeneralMeetingStakeholder"
    /// A statement letter.
    case statementLetter = "StatementLetter"
    /// A bank account number.
    case bankAccountNumber = "BankAccountNumber"
}

/// A tax period: one calendar month.
public struct BPPUTaxPeriod: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2026.
    public let year: Int
    /// The month, 1-12.
    public let month: Int

    /// The period `month` of `year`; refuses a month outside 1-12 or a year outside 2000-9999.
    public init(year: Int, month: Int) throws(DomainRefusal) {
        guard (1...12).contains(month) else {
            throw .validationFailed(field: "period.month", reason: "must be a month from 1 to 12")
        }
        guard (2000...9999).contains(year) else {
            throw .validationFailed(field: "period.year", reason: "must be a year from 2000 to 9999")
        }
        self.year = year
        self.month = month
    }

    /// The period `date` falls in.
    public init(containing date: CivilDate) {
        year = date.year
        month = date.month
    }

    /// Whether `date` falls in this period.
    public func contains(_ date: CivilDate) -> Bool { date.year == year && date.month == month }

    /// `2026-11`.
    public var description: String { String(format: "%04d-%02d", year, month) }

    /// Earlier periods first.
    public static func < (lhs: BPPUTaxPeriod, rhs: BPPUTaxPeriod) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}

/// One withholding/collection slip (bukti potong/pungut) as Coretax imports it: one `Bpu` element.
///
/// h-core fills it from a payment and one of its PPh tax lines (PPN collected by the treasurer is
/// not a BPPU slip: it goes to the VAT return).
public struct BPPUSlip: Sendable, Hashable, Codable {
    /// Our slip number (not sent to Coretax, which numbers slips itself; kept in the CSV).
    public var slipNumber: String
    /// The income recipient's name (not in the XML; kept in the CSV for the treasurer).
    public var counterpartName: String
    /// The income recipient's NPWP (or NIK, which is an NPWP since 2024): `CounterpartTin`, sent as 16 digits.
    public var counterpartNPWP: NPWP
    /// The recipient's NITKU (`IDPlaceOfBusinessActivityOfIncomeRecipient`): its 16-digit NPWP
    /// followed by a 6-digit place code, `000000` for the head office.
    public var counterpartNITKU: String
    /// The facility applied (`TaxCertificate`).
    public var taxCertificate: BPPUTaxCertificate
    /// The tax object code (`TaxObjectCode`), e.g. `22-100-09`, from the tenant's dated tax rules.
    public var taxObjectCode: String
    /// The tax base (`TaxBase`, DPP), in whole rupiah; must be above zero.
    public var taxBase: Rupiah
    /// The rate in basis points (hundredths of a percent): 150 is 1.5 %, written `1.5` in `Rate`.
    public var rateBasisPoints: Int
    /// The tax withheld (not in the XML, where Coretax computes it; kept in the CSV).
    public var taxAmount: Rupiah
    /// The basis document's kind (`Document`).
    public var documentType: BPPUDocumentType
    /// The basis document's number (`DocumentNumber`), e.g. the kuitansi's or the SP's number.
    public var documentNumber: String
    /// The basis document's date (`DocumentDate`); nil sends `xsi:nil`.
    public var documentDate: CivilDate?
    /// The withholder's NITKU (`IDPlaceOfBusinessActivity`): the treasurer's NPWP and place code.
    public var withholderNITKU: String
    /// How the treasurer paid (`GovTreasurerOpt`).
    public var govTreasurerOption: BPPUGovTreasurerOption
    /// The SP2D number (`SP2DNumber`) of an LS payment; nil sends `xsi:nil`.
    public var sp2dNumber: String?
    /// The day the tax was withheld (`WithholdingDate`); it fixes the slip's tax period.
    public var withholdingDate: CivilDate

    /// A slip.
    public init(
        slipNumber: String, counterpartName: String, counterpartNPWP: NPWP, counterpartNITKU: String,
        taxCertificate: BPPUTaxCertificate, taxObjectCode: String, taxBase: Rupiah, rateBasisPoints: Int,
        taxAmount: Rupiah, documentType: BPPUDocumentType, documentNumber: String, documentDate: CivilDate?,
        withholderNITKU: String, govTreasurerOption: BPPUGovTreasurerOption, sp2dNumber: String?,
        withholdingDate: CivilDate
    ) {
        self.slipNumber = slipNumber
        self.counterpartName = counterpartName
        self.counterpartNPWP = counterpartNPWP
        self.counterpartNITKU = counterpartNITKU
        self.taxCertificate = taxCertificate
        self.taxObjectCode = taxObjectCode
        self.taxBase = taxBase
        self.rateBasisPoints = rateBasisPoints
        self.taxAmount = taxAmount
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.documentDate = documentDate
        self.withholderNITKU = withholderNITKU
        self.govTreasurerOption = govTreasurerOption
        self.sp2dNumber = sp2dNumber
        self.withholdingDate = withholdingDate
    }
}

/// One withholder's slips for one tax period: one `BpuBulk` file.
public struct BPPUBatch: Sendable, Hashable, Codable {
    /// The withholder's NPWP (the agency treasurer's), sent as `TIN` in 16 digits.
    public var withholderNPWP: NPWP
    /// The tax period every slip's withholding date must fall in.
    public var period: BPPUTaxPeriod
    /// The slips, in the order they are written.
    public var slips: [BPPUSlip]

    /// A batch.
    public init(withholderNPWP: NPWP, period: BPPUTaxPeriod, slips: [BPPUSlip]) {
        self.withholderNPWP = withholderNPWP
        self.period = period
        self.slips = slips
    }
}

/// Writes a ``BPPUBatch`` as the Coretax bulk XML and as CSV. Pure: no I/O, deterministic bytes.
public enum BPPUExport {
    /// The XML Schema instance namespace the file declares for `xsi:nil`.
    public static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// The CSV header: the Coretax element names in file order, then our own columns.
    public static let csvHeader: [String] = [
        "TaxPeriodMonth", "TaxPeriodYear", "CounterpartTin", "IDPlaceOfBusinessActivityOfIncomeRecipient",
        "TaxCertificate", "TaxObjectCode", "TaxBase", "Rate", "Document", "DocumentNumber", "DocumentDate",
        "IDPlaceOfBusinessActivity", "GovTreasurerOpt", "SP2DNumber", "WithholdingDate",
        "SlipNumber", "CounterpartName", "TaxAmount",
    ]

    /// Checks every slip and returns the refusal naming each field that breaks a rule (nil when all hold):
    /// withholding date outside the period, NITKU not the NPWP + 6 digits, base not above zero,
    /// negative rate, empty or control-character text, an `Imprest`/`N/A` slip with an SP2D number.
    public static func problems(_ batch: BPPUBatch) -> DomainRefusal? {
        fatalError("not yet")
    }

    /// The UTF-8 bytes of the `BpuBulk` file; refuses a batch ``problems(_:)`` objects to.
    public static func xml(_ batch: BPPUBatch) throws(DomainRefusal) -> [UInt8] {
        fatalError("not yet")
    }

    /// The same rows as CSV (RFC 4180, CRLF, header row ``csvHeader``, formula-injection-safe);
    /// refuses what ``xml(_:)`` refuses.
    public static func csv(_ batch: BPPUBatch) throws(DomainRefusal) -> String {
        fatalError("not yet")
    }

    /// `Rate` text for `basisPoints`: 150 → `1.5`, 200 → `2`, 25 → `0.25`.
    public static func rateText(basisPoints: Int) -> String {
        fatalError("not yet")
    }
}
