import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// Fills h-exports' records (`Exports/`) from a tax period's payments and answers the files:
/// the Coretax e-Bupot BPPU bulk (XML or CSV) and the treasurer's monthly report (PDF or CSV).
enum PaymentExportFiles {
    /// The BPPU batch of the period: one slip per PPh line (PPN is reported by the treasurer's
    /// e-Faktur/SPT Masa PPN, not in BPPU) of the payments settled, withheld in the period.
    static func bppu(_ report: TaxPeriodReport, facts: [String: OrderPaymentFacts], format: TaxExportFormat) throws
        -> ExportedFile
    {
        let withheld = report.payments.filter { $0.state == .settled || $0.state == .confirmed }
        guard let first = withheld.first else {
            throw DomainRefusal.conflict(
                "no payment of \(report.agency) settled in \(report.year)-\(report.month): there is nothing to report",
                currentState: "empty_period")
        }
        // The withholder is the agency's treasurer: its NPWP as the latest payment that knew it recorded it.
        let withholder = withheld.last { !$0.treasurer.npwp.isEmpty } ?? first
        let withholderNPWP = try npwp(withholder.treasurer.npwp, field: "treasurer.npwp")
        var slips: [BPPUSlip] = []
        for payment in withheld {
            let vendorNPWPText =
                facts[payment.orderID]?.parties?.vendor.npwp ?? facts[payment.orderID]?.vendor.npwp ?? ""
            let option = BPPUGovTreasurerOption(rawValue: payment.mechanism.coretaxGovTreasurerOpt) ?? .notApplicable
            for line in payment.taxLines where line.line.taxType != .ppn {
                slips.append(
                    BPPUSlip(
                        slipNumber: line.slip?.number ?? line.lineID, counterpartName: payment.vendorName,
                        counterpartNPWP: try npwp(vendorNPWPText, field: "vendor.npwp"),
                        counterpartNITKU: TaxIdentities.headOfficeNITKU(npwp: vendorNPWPText),
                        taxCertificate: line.line.umkmCertificateNumber == nil ? .none : .umkmFinal,
                        taxObjectCode: line.line.taxObjectCode ?? "", taxBase: line.line.base,
                        rateBasisPoints: basisPoints(line.line.rate), taxAmount: line.line.amount,
                        documentType: .contract, documentNumber: payment.kuitansi?.number ?? payment.id,
                        documentDate: payment.kuitansi?.issuedOn ?? payment.paymentDate,
                        withholderNITKU: TaxIdentities.headOfficeNITKU(npwp: payment.treasurer.npwp),
                        govTreasurerOption: option, sp2dNumber: payment.sp2d?.number,
                        withholdingDate: payment.settledOn ?? payment.paymentDate))
            }
        }
        let batch = BPPUBatch(
            withholderNPWP: withholderNPWP, period: try BPPUTaxPeriod(year: report.year, month: report.month),
            slips: slips)
        let name = String(format: "bppu-%@-%@-%04d-%02d", report.tenant, report.agency, report.year, report.month)
        switch format {
        case .xml:
            let bytes = try BPPUExport.xml(batch)
            return ExportedFile(
                fileName: name + ".xml", contentType: "application/xml",
                contentBase64: Data(bytes).base64EncodedString(), rowCount: slips.count)
        default:
            let text = try BPPUExport.csv(batch)
            return ExportedFile(
                fileName: name + ".csv", contentType: "text/csv",
                contentBase64: Data(text.utf8).base64EncodedString(), rowCount: slips.count)
        }
    }

    /// The treasurer's monthly report of the period, rendered.
    static func monthlyReport(
        _ report: TaxPeriodReport, facts: [String: OrderPaymentFacts], today: CivilDate, format: TaxExportFormat
    ) throws -> ExportedFile {
        guard let first = report.payments.first, let parties = facts[first.orderID]?.parties else {
            throw DomainRefusal.conflict(
                "no payment of \(report.agency) in \(report.year)-\(report.month): there is nothing to report",
                currentState: "empty_period")
        }
        let payments = report.payments.map { payment -> TreasurerReportPayment in
            let orderFacts = facts[payment.orderID]
            let vendorNPWP = orderFacts?.parties?.vendor.npwp ?? orderFacts?.vendor.npwp ?? ""
            let mechanism: TreasurerReportMechanism =
                switch payment.mechanism {
                case .upGu: .upGU
                case .ls: .ls
                case .kkpd: .kkpd
                }
            return TreasurerReportPayment(
                paymentID: payment.id, orderNumber: orderFacts?.suratPesanan.number ?? payment.orderID,
                mechanism: mechanism, sp2dNumber: payment.sp2d?.number, sp2dDate: payment.sp2d?.date,
                state: payment.state.rawValue, instructedOn: payment.paymentDate,
                vendor: TreasurerReportVendor(
                    name: payment.vendorName, npwp: try? NPWP(vendorNPWP), nik: nil,
                    nitku: TaxIdentities.headOfficeNITKU(npwp: vendorNPWP)),
                gross: payment.assessment.gross, penalty: payment.assessment.penalty, net: payment.assessment.net,
                taxLines: payment.taxLines.map { line in
                    TreasurerReportTaxLine(
                        taxType: TaxIdentities.label(line.line.taxType), taxObjectCode: line.line.taxObjectCode ?? "",
                        slipNumber: line.slip?.number ?? "", base: line.line.base,
                        rateBasisPoints: basisPoints(line.line.rate), amount: line.line.amount,
                        dueDate: line.line.depositDueOn,
                        deposit: line.deposit.map {
                            TreasurerReportDeposit(
                                billingCode: $0.billingCode, ntpn: $0.ntpn, depositedOn: $0.depositedOn)
                        })
                })
        }
        let input = TreasurerReportInput(
            letterhead: [parties.regency.governmentName, parties.agency.name, parties.agency.address].filter {
                !$0.isEmpty
            }, agencyName: parties.agency.name,
            treasurerNPWP: try npwp(
                (report.payments.last { !$0.treasurer.npwp.isEmpty } ?? first).treasurer.npwp, field: "treasurer.npwp"),
            period: try BPPUTaxPeriod(year: report.year, month: report.month), today: today,
            place: parties.regency.seat,
            documentNumber: String(format: "LB/%@/%04d/%02d", report.agency, report.year, report.month),
            signer: TreasurerReportSigner(
                name: first.treasurer.name, nip: first.treasurer.nip, position: "Bendahara Pengeluaran",
                signedNote: nil),
            payments: payments)
        let built = try TreasurerReport.build(input)
        let name = String(
            format: "laporan-bendahara-%@-%@-%04d-%02d", report.tenant, report.agency, report.year, report.month)
        switch format {
        case .pdf:
            return ExportedFile(
                fileName: name + ".pdf", contentType: "application/pdf",
                contentBase64: Data(TreasurerReport.pdf(built)).base64EncodedString(), rowCount: built.rows.count)
        default:
            return ExportedFile(
                fileName: name + ".csv", contentType: "text/csv",
                contentBase64: Data(TreasurerReport.csv(built).utf8).base64EncodedString(), rowCount: built.rows.count)
        }
    }

    /// A rate in basis points (1.5% → 150); the rates the rule table holds are whole basis points.
    static func basisPoints(_ rate: TaxRate) -> Int {
        guard rate.denominator > 0 else { return 0 }
        return Int(rate.numerator * 10_000 / rate.denominator)
    }

    /// An NPWP the exports need, or 409 naming whose is missing.
    static func npwp(_ text: String, field: String) throws -> NPWP {
        do { return try NPWP(text) } catch {
            throw DomainRefusal.conflict(
                "\(field) is missing or not a valid NPWP: the tax office's files need it", currentState: "no_npwp")
        }
    }
}
