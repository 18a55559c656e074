// The treasurer's monthly register of payments and taxes (laporan bendahara): every payment of one
// agency in one month with its tax lines, their deposits and due dates, undeposited and overdue
// lines marked, totals per tax type; as CSV, and as a LegalDocument the shared renderers print to
// HTML and PDF.
import Foundation
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol

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
    /// The report of `input`; refuses a payment outside the period, a payment whose gross is not
    /// net + taxes + penalty to the rupiah, sums that overflow, or text with control characters.
    public static func build(_ input: TreasurerReportInput) throws(DomainRefusal) -> TreasurerMonthlyReport {
        var fields: [FieldError] = []
        func note(_ field: String, _ reason: String) {
            if fields.count < BPPUExport.maximumReportedProblems {
                fields.append(FieldError(field: field, reason: reason))
            }
        }
        func text(_ value: String, _ field: String, required: Bool = true) {
            if value.isEmpty && !required { return }
            if let reason = BPPUExport.textProblem(value, limit: 200) { note(field, reason) }
        }
        text(input.agencyName, "agencyName")
        text(input.documentNumber, "documentNumber")
        text(input.place, "place")
        text(input.signer.name, "signer.name")
        text(input.signer.nip, "signer.nip", required: false)
        text(input.signer.position, "signer.position")
        for (index, line) in input.letterhead.enumerated() { text(line, "letterhead[\(index)]") }
        for (index, payment) in input.payments.enumerated() {
            let at = "payments[\(index)]."
            text(payment.paymentID, at + "paymentID")
            text(payment.orderNumber, at + "orderNumber")
            text(payment.state, at + "state")
            text(payment.vendor.name, at + "vendor.name")
            text(payment.vendor.nitku, at + "vendor.nitku", required: false)
            if let sp2d = payment.sp2dNumber { text(sp2d, at + "sp2dNumber") }
            if !input.period.contains(payment.instructedOn) {
                note(at + "instructedOn", "must fall in the reported month \(input.period)")
            }
            for (lineIndex, line) in payment.taxLines.enumerated() {
                let lineAt = at + "taxLines[\(lineIndex)]."
                text(line.taxType, lineAt + "taxType")
                text(line.taxObjectCode, lineAt + "taxObjectCode", required: false)
                text(line.slipNumber, lineAt + "slipNumber", required: false)
                if let deposit = line.deposit {
                    text(deposit.billingCode, lineAt + "deposit.billingCode")
                    text(deposit.ntpn, lineAt + "deposit.ntpn")
                }
                if !(0...10_000).contains(line.rateBasisPoints) {
                    note(lineAt + "rateBasisPoints", "must be from 0 to 10000 (0 % to 100 %)")
                }
            }
            do {
                let taxes = try Rupiah.sum(payment.taxLines.map(\.amount))
                if try payment.net + taxes + payment.penalty != payment.gross {
                    note(
                        at + "gross",
                        "must equal net + taxes + penalty (\(payment.net.formatted) + \(taxes.formatted) + \(payment.penalty.formatted)), not \(payment.gross.formatted)"
                    )
                }
            } catch {
                note(at + "taxLines", "the amounts are too large to add up")
            }
        }
        if !fields.isEmpty { throw .validationFailed(fields) }

        let payments = input.payments.sorted { ($0.instructedOn, $0.paymentID) < ($1.instructedOn, $1.paymentID) }
        var rows: [TreasurerReportRow] = []
        var totals: [String: TreasurerReportTotal] = [:]
        do {
            for payment in payments {
                if payment.taxLines.isEmpty {
                    rows.append(TreasurerReportRow(payment: payment, taxLine: nil, status: nil))
                }
                for line in payment.taxLines {
                    let status = status(of: line, on: input.today)
                    rows.append(TreasurerReportRow(payment: payment, taxLine: line, status: status))
                    var total =
                        totals[line.taxType]
                        ?? TreasurerReportTotal(
                            taxType: line.taxType, lines: 0, base: .zero, amount: .zero, deposited: .zero,
                            undeposited: .zero, overdue: .zero)
                    total.lines += 1
                    total.base = try total.base + line.base
                    total.amount = try total.amount + line.amount
                    switch status {
                    case .deposited, .depositedLate: total.deposited = try total.deposited + line.amount
                    case .undeposited: total.undeposited = try total.undeposited + line.amount
                    case .overdue:
                        total.undeposited = try total.undeposited + line.amount
                        total.overdue = try total.overdue + line.amount
                    }
                    totals[line.taxType] = total
                }
            }
            return TreasurerMonthlyReport(
                input: input, rows: rows, totals: totals.values.sorted { $0.taxType < $1.taxType },
                gross: try Rupiah.sum(payments.map(\.gross)), penalty: try Rupiah.sum(payments.map(\.penalty)),
                net: try Rupiah.sum(payments.map(\.net)))
        } catch {
            throw .validationFailed(field: "payments", reason: "the month's amounts are too large to add up")
        }
    }

    /// The status of `line` on `today`: deposited (late when after its due date), or not, and
    /// then overdue once `today` is past its due date.
    public static func status(of line: TreasurerReportTaxLine, on today: CivilDate) -> TreasurerReportLineStatus {
        if let deposit = line.deposit { return deposit.depositedOn <= line.dueDate ? .deposited : .depositedLate }
        return today > line.dueDate ? .overdue : .undeposited
    }

    /// The status as printed.
    public static func label(_ status: TreasurerReportLineStatus) -> String {
        switch status {
        case .deposited: "Sudah disetor"
        case .depositedLate: "Disetor terlambat"
        case .undeposited: "Belum disetor"
        case .overdue: "TERLAMBAT - belum disetor"
        }
    }

    /// The register's CSV columns.
    public static let csvHeader: [String] = [
        "Tanggal", "ID Pembayaran", "Nomor SP", "Mekanisme", "Nomor SP2D", "Tanggal SP2D", "Status Pembayaran",
        "Nama Penyedia", "NPWP", "NIK", "NITKU", "Bruto", "Denda", "Neto", "Jenis Pajak", "Kode Objek Pajak",
        "Nomor Bukti Potong", "DPP", "Tarif (%)", "Jumlah Pajak", "Jatuh Tempo", "Kode Billing", "NTPN",
        "Tanggal Setor", "Status Setor",
    ]

    /// The register as CSV (RFC 4180, CRLF, header row ``csvHeader``, formula-injection-safe), one
    /// row per tax line (a payment without tax lines is one row with the tax columns empty).
    /// Amounts are whole rupiah without separators; the payment's own columns repeat on each of its lines.
    public static func csv(_ report: TreasurerMonthlyReport) -> String {
        var out = ""
        CSVText.append(csvHeader, to: &out)
        for row in report.rows {
            let payment = row.payment
            var cells = [
                payment.instructedOn.description, payment.paymentID, payment.orderNumber, payment.mechanism.rawValue,
                payment.sp2dNumber ?? "", payment.sp2dDate?.description ?? "", payment.state, payment.vendor.name,
                payment.vendor.npwp?.value ?? "", payment.vendor.nik?.value ?? "", payment.vendor.nitku,
                String(payment.gross.amount), String(payment.penalty.amount), String(payment.net.amount),
            ]
            if let line = row.taxLine, let status = row.status {
                cells += [
                    line.taxType, line.taxObjectCode, line.slipNumber, String(line.base.amount),
                    BPPUExport.rateText(basisPoints: line.rateBasisPoints), String(line.amount.amount),
                    line.dueDate.description, line.deposit?.billingCode ?? "", line.deposit?.ntpn ?? "",
                    line.deposit?.depositedOn.description ?? "", label(status),
                ]
            } else {
                cells += Array(repeating: "", count: 11)
            }
            CSVText.append(cells, to: &out)
        }
        return out
    }

    /// The totals per tax type as CSV (RFC 4180, CRLF, header row), then one row for all payments.
    public static func totalsCSV(_ report: TreasurerMonthlyReport) -> String {
        var out = ""
        CSVText.append(
            ["Jenis Pajak", "Jumlah Baris", "DPP", "Jumlah Pajak", "Sudah Disetor", "Belum Disetor", "Terlambat"],
            to: &out)
        for total in report.totals {
            CSVText.append(
                [
                    total.taxType, String(total.lines), String(total.base.amount), String(total.amount.amount),
                    String(total.deposited.amount), String(total.undeposited.amount), String(total.overdue.amount),
                ], to: &out)
        }
        return out
    }

    /// The printable document (Bahasa Indonesia), for the shared renderers: the agency and month,
    /// the payments, the tax lines with their deposits (overdue ones in capitals and listed again
    /// under their own heading), totals per tax type, and the treasurer's signature block, left
    /// blank for ink unless ``TreasurerReportSigner/signedNote`` records a signing that happened.
    public static func document(_ report: TreasurerMonthlyReport) -> LegalDocument {
        let input = report.input
        let month = IndonesianDate.monthNames[input.period.month - 1] + " \(input.period.year)"
        var blocks: [LegalDocument.Block] = [
            .fields([
                LegalDocument.Field("SKPD", input.agencyName),
                LegalDocument.Field("NPWP Bendahara", input.treasurerNPWP.displayText),
                LegalDocument.Field("Masa", month),
                LegalDocument.Field("Keadaan per", IndonesianDate.long(input.today)),
            ])
        ]
        let payments = uniquePayments(report)
        blocks.append(.heading("A. Pembayaran"))
        if payments.isEmpty {
            blocks.append(.paragraph("Tidak ada pembayaran pada masa \(month)."))
        } else {
            blocks.append(
                .table(
                    LegalDocument.Table(
                        columns: [
                            .init("No", alignment: .center), .init("Surat Pesanan / Pembayaran"), .init("Penyedia"),
                            .init("Bruto", alignment: .right), .init("Denda", alignment: .right),
                            .init("Neto", alignment: .right),
                        ],
                        rows: payments.enumerated().map { index, payment in
                            [
                                String(index + 1), paymentText(payment), vendorText(payment.vendor),
                                payment.gross.formatted, payment.penalty.formatted, payment.net.formatted,
                            ]
                        },
                        footer: [
                            ["", "Jumlah", "", report.gross.formatted, report.penalty.formatted, report.net.formatted]
                        ]
                    )))
        }
        let lines = report.rows.compactMap { row in row.taxLine.map { (row.payment, $0, row.status ?? .undeposited) } }
        blocks.append(.heading("B. Pajak yang Dipotong/Dipungut dan Penyetorannya"))
        if lines.isEmpty {
            blocks.append(.paragraph("Tidak ada pajak yang dipotong atau dipungut pada masa \(month)."))
        } else {
            blocks.append(.table(taxTable(lines)))
        }
        let overdue = lines.filter { $0.2 == .overdue }
        if !overdue.isEmpty {
            blocks.append(.heading("C. Pajak Belum Disetor yang Melewati Jatuh Tempo"))
            blocks.append(.table(taxTable(overdue)))
        }
        blocks.append(.heading(overdue.isEmpty ? "C. Jumlah per Jenis Pajak" : "D. Jumlah per Jenis Pajak"))
        if report.totals.isEmpty {
            blocks.append(.paragraph("Tidak ada."))
        } else {
            blocks.append(
                .table(
                    LegalDocument.Table(
                        columns: [
                            .init("Jenis Pajak"), .init("Baris", alignment: .center), .init("DPP", alignment: .right),
                            .init("Jumlah", alignment: .right), .init("Sudah Disetor", alignment: .right),
                            .init("Belum Disetor", alignment: .right), .init("Terlambat", alignment: .right),
                        ],
                        rows: report.totals.map { total in
                            [
                                total.taxType, String(total.lines), total.base.formatted, total.amount.formatted,
                                total.deposited.formatted, total.undeposited.formatted, total.overdue.formatted,
                            ]
                        })))
        }
        let signer = input.signer
        blocks.append(
            .signatures(
                LegalDocument.Signatures(
                    placeAndDate: "\(input.place), \(IndonesianDate.long(input.today))",
                    parties: [
                        LegalDocument.Signatory(
                            role: signer.position + "\n" + input.agencyName, name: signer.name,
                            detail: signer.nip.isEmpty ? nil : "NIP \(signer.nip)", signedNote: signer.signedNote,
                            party: "treasurer")
                    ])))
        blocks.append(
            .smallPrint(
                "Disusun dari catatan pembayaran dan penyetoran pajak SiOpen keadaan \(IndonesianDate.long(input.today)). "
                    + "Jatuh tempo penyetoran: tanggal 15 bulan berikutnya, bergeser ke hari kerja berikutnya menurut kalender libur daerah."
                    + (signer.signedNote == nil ? " Laporan ini belum ditandatangani." : "")))
        return LegalDocument(
            letterhead: input.letterhead, title: "LAPORAN BENDAHARA PENGELUARAN\nREGISTER PEMBAYARAN DAN PAJAK",
            documentNumber: input.documentNumber, issuedOn: input.today, blocks: blocks, emblem: input.emblem)
    }

    /// The printable HTML, by the shared ``HTMLRenderer``.
    public static func html(_ report: TreasurerMonthlyReport) -> String {
        HTMLRenderer.render(document(report))
    }

    /// The PDF, by the shared ``PDFRenderer``.
    public static func pdf(_ report: TreasurerMonthlyReport) -> [UInt8] {
        PDFRenderer.render(document(report))
    }

    // MARK: Pieces

    /// The report's payments once each, in row order.
    private static func uniquePayments(_ report: TreasurerMonthlyReport) -> [TreasurerReportPayment] {
        var seen: Set<String> = []
        return report.rows.compactMap { row in seen.insert(row.payment.paymentID).inserted ? row.payment : nil }
    }

    /// The SP's number, the instruction date and the mechanism, with the SP2D of an LS payment.
    private static func paymentText(_ payment: TreasurerReportPayment) -> String {
        var lines = [payment.orderNumber, IndonesianDate.long(payment.instructedOn), payment.mechanism.rawValue]
        if let sp2d = payment.sp2dNumber {
            lines.append("SP2D " + sp2d + (payment.sp2dDate.map { " tanggal " + IndonesianDate.long($0) } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    private static func vendorText(_ vendor: TreasurerReportVendor) -> String {
        var lines = [vendor.name]
        if let npwp = vendor.npwp { lines.append("NPWP " + npwp.displayText) }
        if let nik = vendor.nik { lines.append("NIK " + nik.value) }
        if !vendor.nitku.isEmpty { lines.append("NITKU " + vendor.nitku) }
        return lines.joined(separator: "\n")
    }

    private static func taxTable(
        _ lines: [(TreasurerReportPayment, TreasurerReportTaxLine, TreasurerReportLineStatus)]
    ) -> LegalDocument.Table {
        LegalDocument.Table(
            columns: [
                .init("No", alignment: .center), .init("Surat Pesanan / Bukti Potong"), .init("Pajak"),
                .init("DPP", alignment: .right), .init("Jumlah", alignment: .right), .init("Jatuh Tempo / Status"),
                .init("Setoran"),
            ],
            rows: lines.enumerated().map { index, entry in
                let (payment, line, status) = entry
                let rate = BPPUExport.rateText(basisPoints: line.rateBasisPoints).replacingOccurrences(
                    of: ".", with: ",")
                let deposit =
                    line.deposit.map {
                        "Billing \($0.billingCode)\nNTPN \($0.ntpn)\n\(IndonesianDate.long($0.depositedOn))"
                    } ?? "-"
                return [
                    String(index + 1), payment.orderNumber + (line.slipNumber.isEmpty ? "" : "\n" + line.slipNumber),
                    [line.taxType, line.taxObjectCode, rate + " %"].filter { !$0.isEmpty }.joined(separator: "\n"),
                    line.base.formatted, line.amount.formatted,
                    IndonesianDate.long(line.dueDate) + "\n" + label(status),
                    deposit,
                ]
            })
    }
}
