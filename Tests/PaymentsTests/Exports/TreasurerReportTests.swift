import Foundation
import PaymentsService
import SiOpenDomain
import SiOpenTestSupport
import Testing

/// The treasurer's monthly register of payments and taxes.
@Suite struct TreasurerReportTests {
    typealias F = ExportFixtures

    static func line(
        _ type: String, code: String = "", slip: String = "", base: Rupiah, bp: Int, amount: Rupiah,
        due: String = "2026-12-15", deposit: TreasurerReportDeposit? = nil
    ) -> TreasurerReportTaxLine {
        TreasurerReportTaxLine(
            taxType: type, taxObjectCode: code, slipNumber: slip, base: base, rateBasisPoints: bp, amount: amount,
            dueDate: F.date(due), deposit: deposit)
    }

    /// Three payments of November 2026: LS goods from a PKP vendor (PPN and PPh 22, the PPN
    /// deposited), UP services from a vendor with a Surat Keterangan (PPh final), a KKPD purchase
    /// without tax lines, and a late penalty on the first.
    static func input(today: String = "2026-12-10") -> TreasurerReportInput {
        let goods = TreasurerReportPayment(
            paymentID: "pay-001", orderNumber: "SP-027/DISDIK/XI/2026", mechanism: .ls,
            sp2dNumber: "00123/SP2D/LS/2026", sp2dDate: F.date("2026-11-20"), state: "settled",
            instructedOn: F.date("2026-11-20"),
            vendor: TreasurerReportVendor(
                name: "CV <Maju> & \"Jaya\"", npwp: F.goodsVendor, nik: nil, nitku: F.goodsVendor.value + "000000"),
            gross: 11_100_000, penalty: 50_000, net: 9_800_000,
            taxLines: [
                line(
                    "PPN", slip: "", base: 10_000_000, bp: 1100, amount: 1_100_000,
                    deposit: TreasurerReportDeposit(
                        billingCode: "123456789012345", ntpn: "A1B2C3D4E5F6G7H8", depositedOn: F.date("2026-11-25"))),
                line("PPh 22", code: "22-910-01", slip: "BP-0001", base: 10_000_000, bp: 150, amount: 150_000),
            ])
        let services = TreasurerReportPayment(
            paymentID: "pay-002", orderNumber: "SP-031/DISDIK/XI/2026", mechanism: .upGU, sp2dNumber: nil,
            sp2dDate: nil, state: "instructed", instructedOn: F.date("2026-11-28"),
            vendor: TreasurerReportVendor(
                name: "=HYPERLINK(\"http://evil\")", npwp: F.servicesVendor, nik: try! NIK("6311011501900001"),
                nitku: F.servicesVendor.value + "000000"),
            gross: 4_000_000, penalty: 0, net: 3_980_000,
            taxLines: [
                line(
                    "PPh Final UMKM", code: "28-423-01", slip: "BP-0002", base: 4_000_000, bp: 50, amount: 20_000,
                    due: "2026-12-09")
            ])
        let card = TreasurerReportPayment(
            paymentID: "pay-003", orderNumber: "SP-040/DISDIK/XI/2026", mechanism: .kkpd, sp2dNumber: nil,
            sp2dDate: nil, state: "settled", instructedOn: F.date("2026-11-05"),
            vendor: TreasurerReportVendor(name: "Toko Sinar", npwp: nil, nik: nil, nitku: ""),
            gross: 1_500_000, penalty: 0, net: 1_500_000, taxLines: [])
        return TreasurerReportInput(
            letterhead: ["PEMERINTAH KABUPATEN BALANGAN", "DINAS PENDIDIKAN"], agencyName: "Dinas Pendidikan",
            treasurerNPWP: F.treasurer, period: F.period, today: F.date(today), place: "Paringin",
            documentNumber: "LPJ-BP/DISDIK/XI/2026",
            signer: TreasurerReportSigner(
                name: "Rahmah", nip: "198701012010012001", position: "Bendahara Pengeluaran", signedNote: nil),
            payments: [goods, services, card])
    }

    @Test func rowsAreInOrderAndTotalsAddUp() throws {
        let report = try TreasurerReport.build(Self.input())
        #expect(report.rows.map(\.payment.paymentID) == ["pay-003", "pay-001", "pay-001", "pay-002"])
        #expect(report.rows.map { $0.taxLine?.taxType } == [nil, "PPN", "PPh 22", "PPh Final UMKM"])
        #expect(report.totals.map(\.taxType) == ["PPN", "PPh 22", "PPh Final UMKM"])
        for total in report.totals {
            let lines = report.rows.compactMap(\.taxLine).filter { $0.taxType == total.taxType }
            #expect(total.lines == lines.count)
            #expect(total.amount == (try Rupiah.sum(lines.map(\.amount))))
            #expect(total.base == (try Rupiah.sum(lines.map(\.base))))
            #expect((try total.deposited + total.undeposited) == total.amount)
            #expect(total.overdue <= total.undeposited)
        }
        #expect(report.gross == 16_600_000)
        #expect(report.penalty == 50_000)
        #expect(report.net == 15_280_000)
        let taxes = try Rupiah.sum(report.totals.map(\.amount))
        #expect((try report.net + taxes + report.penalty) == report.gross)
    }

    @Test func overdueIsMarkedByTheGivenDay() throws {
        // The PPh final line is due 9 December; PPh 22 on 15 December.
        let early = try TreasurerReport.build(Self.input(today: "2026-12-09"))
        #expect(early.rows.compactMap(\.status) == [.deposited, .undeposited, .undeposited])
        let later = try TreasurerReport.build(Self.input(today: "2026-12-10"))
        #expect(later.rows.compactMap(\.status) == [.deposited, .undeposited, .overdue])
        #expect(later.totals.first { $0.taxType == "PPh Final UMKM" }?.overdue == 20_000)
        let pastAll = try TreasurerReport.build(Self.input(today: "2026-12-16"))
        #expect(pastAll.rows.compactMap(\.status) == [.deposited, .overdue, .overdue])
        let late = Self.line(
            "PPh 23", base: 1, bp: 200, amount: 0,
            deposit: TreasurerReportDeposit(billingCode: "1", ntpn: "2", depositedOn: F.date("2026-12-16")))
        #expect(TreasurerReport.status(of: late, on: F.date("2026-12-20")) == .depositedLate)
    }

    @Test func refusesWhatDoesNotAddUpOrBelong() throws {
        var input = Self.input()
        input.payments[0].gross = 11_100_001
        input.payments[1].instructedOn = F.date("2026-10-31")
        input.payments[2].vendor.name = "Toko\u{0}Sinar"
        let refusal = #expect(throws: DomainRefusal.self) { try TreasurerReport.build(input) }
        #expect(
            Set(refusal?.fields.map(\.field) ?? []) == [
                "payments[0].gross", "payments[1].instructedOn", "payments[2].vendor.name",
            ])
    }

    @Test func csvIsOneRowPerTaxLineDefused() throws {
        let report = try TreasurerReport.build(Self.input())
        let rows = F.parseCSV(TreasurerReport.csv(report))
        #expect(rows.count == 5)
        #expect(rows[0] == TreasurerReport.csvHeader)
        #expect(rows.allSatisfy { $0.count == TreasurerReport.csvHeader.count })
        let column = { (name: String) in TreasurerReport.csvHeader.firstIndex(of: name)! }
        #expect(rows[2][column("Nama Penyedia")] == "CV <Maju> & \"Jaya\"")
        #expect(rows[4][column("Nama Penyedia")] == "'=HYPERLINK(\"http://evil\")")
        #expect(rows[2][column("NTPN")] == "A1B2C3D4E5F6G7H8")
        #expect(rows[4][column("Status Setor")] == "TERLAMBAT - belum disetor")
        #expect(rows[1][column("Jenis Pajak")] == "")
        let totals = F.parseCSV(TreasurerReport.totalsCSV(report))
        #expect(totals.count == 4)
        #expect(totals[1] == ["PPN", "1", "10000000", "1100000", "1100000", "0", "0"])
    }

    @Test func printsWithTheSharedRenderersWithoutClaimingASignature() throws {
        let report = try TreasurerReport.build(Self.input())
        let html = TreasurerReport.html(report)
        #expect(html.contains("CV &lt;Maju&gt; &amp; &quot;Jaya&quot;"))
        #expect(!html.contains("<Maju>"))
        #expect(html.contains("TERLAMBAT - belum disetor"))
        #expect(html.contains("Pajak Belum Disetor yang Melewati Jatuh Tempo"))
        #expect(html.contains("Laporan ini belum ditandatangani."))
        #expect(!html.contains("Ditandatangani secara elektronik"))
        #expect(html.contains("00.631.101.3-731.000"))
        #expect(html.contains("NITKU 0021234562731000000000"))
        #expect(html.contains("Billing 123456789012345"))

        var signed = Self.input()
        signed.signer.signedNote = "Ditandatangani secara elektronik pada 10 Desember 2026 09.00 WITA"
        let signedHTML = TreasurerReport.html(try TreasurerReport.build(signed))
        #expect(signedHTML.contains("Ditandatangani secara elektronik pada 10 Desember 2026 09.00 WITA"))
        #expect(!signedHTML.contains("belum ditandatangani"))

        let pdf = TreasurerReport.pdf(report)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(TreasurerReport.pdf(report) == pdf, "the same report must give the same bytes")
        guard PDFTools.available("pdftotext") else {
            print("pdftotext is not installed (Debian: poppler-utils): PDF text not checked")
            return
        }
        let folder = try makeShortTemporaryDirectory(prefix: "report")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try PDFTools.text(of: pdf, in: folder)
        #expect(text.contains("REGISTER PEMBAYARAN DAN PAJAK"))
        #expect(text.contains("CV <Maju> & \"Jaya\""))
        #expect(text.contains("TERLAMBAT"))
    }

    @Test func anEmptyMonthStillPrints() throws {
        var input = Self.input()
        input.payments = []
        let report = try TreasurerReport.build(input)
        #expect(report.rows.isEmpty && report.totals.isEmpty && report.gross == .zero)
        #expect(TreasurerReport.csv(report) == CSVText.row(TreasurerReport.csvHeader))
        let html = TreasurerReport.html(report)
        #expect(html.contains("Tidak ada pembayaran pada masa November 2026."))
        #expect(TreasurerReport.pdf(report).starts(with: Array("%PDF-".utf8)))
    }
}
