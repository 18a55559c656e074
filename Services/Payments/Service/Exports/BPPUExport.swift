// The Coretax e-Bupot Unifikasi bulk import (BPPU, Bukti Pemotongan/Pemungutan Unifikasi) of one
// withholder's slips for one tax period, as XML for the Coretax upload and as CSV of the same rows.
//
// The element names, their order and their value sets follow DJP's "BPPU Excel to XML" converter
// template (v.3, 4 September 2025) as reproduced by public converters, and the sample Odoo's
// `l10n_id_efaktur_coretax` module tests against (tests/results/sample_ebupot.xml). DJP publishes no
// XSD alongside the template that we could find; docs/coretax/bppu.xsd is
// our transcription of the template's field rules, not a DJP file.
import Foundation
import SiOpenDomain
import SiOpenProtocol

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
    /// The tax object code (`TaxObjectCode`), e.g. `22-910-01`, from the tenant's dated tax rules.
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
    ///
    /// At most ``maximumReportedProblems`` fields are named, so a bad file of 100,000 slips gives a
    /// readable refusal.
    public static func problems(_ batch: BPPUBatch) -> DomainRefusal? {
        var fields: [FieldError] = []
        func note(_ field: @autoclosure () -> String, _ reason: String) {
            if fields.count < maximumReportedProblems { fields.append(FieldError(field: field(), reason: reason)) }
        }
        for (index, slip) in batch.slips.enumerated() {
            if fields.count >= maximumReportedProblems { break }
            let at = "slips[\(index)]."
            for (name, text, limit) in [
                ("slipNumber", slip.slipNumber, 100), ("counterpartName", slip.counterpartName, 200),
                ("documentNumber", slip.documentNumber, 100),
            ] {
                if let reason = textProblem(text, limit: limit) { note(at + name, reason) }
            }
            if let sp2d = slip.sp2dNumber, let reason = textProblem(sp2d, limit: 100) {
                note(at + "sp2dNumber", reason)
            }
            if let reason = nitkuProblem(slip.counterpartNITKU, of: slip.counterpartNPWP) {
                note(at + "counterpartNITKU", reason)
            }
            if let reason = nitkuProblem(slip.withholderNITKU, of: batch.withholderNPWP) {
                note(at + "withholderNITKU", reason)
            }
            if !isTaxObjectCode(slip.taxObjectCode) {
                note(at + "taxObjectCode", "must be a tax object code of the form 22-910-01")
            }
            if slip.taxBase.amount <= 0 { note(at + "taxBase", "must be above zero") }
            if !(0...10_000).contains(slip.rateBasisPoints) {
                note(at + "rateBasisPoints", "must be from 0 to 10000 (0 % to 100 %)")
            }
            if !batch.period.contains(slip.withholdingDate) {
                note(at + "withholdingDate", "must fall in the tax period \(batch.period)")
            }
            switch (slip.govTreasurerOption, slip.sp2dNumber) {
            case (.direct, nil): note(at + "sp2dNumber", "is required for an LS (Direct) payment")
            case (.imprest, .some), (.notApplicable, .some):
                note(at + "sp2dNumber", "is only given for an LS (Direct) payment")
            default: break
            }
        }
        return fields.isEmpty ? nil : .validationFailed(fields)
    }

    /// How many fields ``problems(_:)`` names at most.
    public static let maximumReportedProblems = 20

    /// The UTF-8 bytes of the `BpuBulk` file; refuses a batch ``problems(_:)`` objects to.
    ///
    /// Elements in the template's order, two-space indentation, LF line ends; an absent
    /// `DocumentDate` or `SP2DNumber` is written `xsi:nil="true"`, as Coretax's own sample does.
    public static func xml(_ batch: BPPUBatch) throws(DomainRefusal) -> [UInt8] {
        if let refusal = problems(batch) { throw refusal }
        var out: [UInt8] = []
        out.reserveCapacity(256 + batch.slips.count * 900)
        XMLText.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", to: &out)
        XMLText.append("<BpuBulk xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n", to: &out)
        XMLText.appendElement("TIN", batch.withholderNPWP.value, indent: 2, to: &out)
        if batch.slips.isEmpty {
            XMLText.append("  <ListOfBpu/>\n", to: &out)
        } else {
            XMLText.append("  <ListOfBpu>\n", to: &out)
            let month = String(batch.period.month)
            let year = String(batch.period.year)
            for slip in batch.slips {
                XMLText.append("    <Bpu>\n", to: &out)
                XMLText.appendElement("TaxPeriodMonth", month, indent: 6, to: &out)
                XMLText.appendElement("TaxPeriodYear", year, indent: 6, to: &out)
                XMLText.appendElement("CounterpartTin", slip.counterpartNPWP.value, indent: 6, to: &out)
                XMLText.appendElement(
                    "IDPlaceOfBusinessActivityOfIncomeRecipient", slip.counterpartNITKU, indent: 6, to: &out)
                XMLText.appendElement("TaxCertificate", slip.taxCertificate.rawValue, indent: 6, to: &out)
                XMLText.appendElement("TaxObjectCode", slip.taxObjectCode, indent: 6, to: &out)
                XMLText.appendElement("TaxBase", String(slip.taxBase.amount), indent: 6, to: &out)
                XMLText.appendElement("Rate", rateText(basisPoints: slip.rateBasisPoints), indent: 6, to: &out)
                XMLText.appendElement("Document", slip.documentType.rawValue, indent: 6, to: &out)
                XMLText.appendElement("DocumentNumber", slip.documentNumber, indent: 6, to: &out)
                if let date = slip.documentDate {
                    XMLText.appendElement("DocumentDate", date.description, indent: 6, to: &out)
                } else {
                    XMLText.appendNil("DocumentDate", indent: 6, to: &out)
                }
                XMLText.appendElement("IDPlaceOfBusinessActivity", slip.withholderNITKU, indent: 6, to: &out)
                XMLText.appendElement("GovTreasurerOpt", slip.govTreasurerOption.rawValue, indent: 6, to: &out)
                if let sp2d = slip.sp2dNumber {
                    XMLText.appendElement("SP2DNumber", sp2d, indent: 6, to: &out)
                } else {
                    XMLText.appendNil("SP2DNumber", indent: 6, to: &out)
                }
                XMLText.appendElement("WithholdingDate", slip.withholdingDate.description, indent: 6, to: &out)
                XMLText.append("    </Bpu>\n", to: &out)
            }
            XMLText.append("  </ListOfBpu>\n", to: &out)
        }
        XMLText.append("</BpuBulk>\n", to: &out)
        return out
    }

    /// The same rows as CSV (RFC 4180, CRLF, header row ``csvHeader``, formula-injection-safe);
    /// refuses what ``xml(_:)`` refuses. An absent date or SP2D number is an empty cell; the
    /// withholder's TIN, the same on every row, is not repeated (it is the file's, in the XML).
    public static func csv(_ batch: BPPUBatch) throws(DomainRefusal) -> String {
        if let refusal = problems(batch) { throw refusal }
        var out = ""
        out.reserveCapacity(256 + batch.slips.count * 300)
        CSVText.append(csvHeader, to: &out)
        let month = String(batch.period.month)
        let year = String(batch.period.year)
        for slip in batch.slips {
            CSVText.append(
                [
                    month, year, slip.counterpartNPWP.value, slip.counterpartNITKU, slip.taxCertificate.rawValue,
                    slip.taxObjectCode, String(slip.taxBase.amount), rateText(basisPoints: slip.rateBasisPoints),
                    slip.documentType.rawValue, slip.documentNumber, slip.documentDate?.description ?? "",
                    slip.withholderNITKU, slip.govTreasurerOption.rawValue, slip.sp2dNumber ?? "",
                    slip.withholdingDate.description, slip.slipNumber, slip.counterpartName,
                    String(slip.taxAmount.amount),
                ], to: &out)
        }
        return out
    }

    /// `Rate` text for `basisPoints`: 150 → `1.5`, 200 → `2`, 25 → `0.25`, 0 → `0`.
    public static func rateText(basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        let magnitude = basisPoints.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + "\(whole).\(fraction / 10)" }
        return sign + "\(whole)." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// Why `text` cannot be a one-line field of at most `limit` characters, or nil.
    static func textProblem(_ text: String, limit: Int) -> String? {
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return "must not be empty" }
        if text.count > limit { return "must be at most \(limit) characters" }
        return XMLText.problem(in: text)
    }

    /// Why `nitku` is not `npwp`'s NITKU (its 16 digits and a 6-digit place code), or nil.
    static func nitkuProblem(_ nitku: String, of npwp: NPWP) -> String? {
        let bytes = Array(nitku.utf8)
        guard bytes.count == 22, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return
                "must be a NITKU of 22 digits: the 16-digit NPWP and a 6-digit place code (000000 for the head office)"
        }
        guard bytes.prefix(16).elementsEqual(npwp.value.utf8) else {
            return "must begin with the NPWP it belongs to, \(npwp.value)"
        }
        return nil
    }

    /// Whether `code` has the form of a tax object code, `dd-ddd-dd`.
    static func isTaxObjectCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 9 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 2 || index == 6 {
                if byte != UInt8(ascii: "-") { return false }
            } else if !(0x30...0x39).contains(byte) {
                return false
            }
        }
        return true
    }
}
