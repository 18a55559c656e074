import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenSecurity

/// The printed forms of a payment's documents (Pasal 8, annex I.D.3.l and I.F): the kuitansi,
/// one slip per tax line, the payment proof and the SPJ packet. Each is issued through the
/// shared ``DocumentRegister`` (the packet with ``DocumentRegister/issue(_:bundle:kind:tenant:subjectID:sealer:verificationPrefix:at:)``).
///
/// A signature block whose event has not happened leaves its signature space blank and its
/// caption neutral (the office, not "Setuju dibayar" or "Lunas dibayar"): the statement is the
/// note printed once the event happened, either from the facts or by the register's
/// acknowledgement with ``actedNote(party:at:calendar:)``.
enum PaymentDocuments {
    /// The register parties of the kuitansi's signature blocks, for ``DocumentRegister/acknowledge(_:id:_:signedNote:sealer:at:)``.
    enum Party {
        /// The vendor's "Yang menerima".
        static let vendor = "vendor"
        /// The PA/KPA's "Setuju dibayar".
        static let budgetHolder = "budget_holder"
        /// The treasurer's "Lunas dibayar" (only once settled).
        static let treasurer = "treasurer"
        /// The PPK's "Barang telah diterima".
        static let ppk = "ppk"
    }

    // MARK: Shared pieces

    /// The kop surat of the paying agency.
    static func letterhead(_ parties: PaymentParties) -> [String] {
        PrintedParties.letterhead(regency: parties.regency, agency: parties.agency)
    }

    /// "NIP 19870101 201001 1 001", or nil for an official without one.
    static func nipLine(_ official: OfficialParty) -> String? {
        PrintedParties.nip(official.nip).map { "NIP \($0)" }
    }

    /// "Bank Kalsel nomor 0012345678 atas nama CV Karya Banua Mandiri".
    static func account(_ account: BankAccount) -> String {
        account.number.isEmpty ? "-" : "\(account.bank) nomor \(account.number) atas nama \(account.holderName)"
    }

    /// How the net reaches the vendor, as the documents word it: a transfer to its account (UP/GU,
    /// LS), or a charge on the regional government's card (KKPD), which pays the vendor through
    /// the card's bank rather than by a transfer to the account on record.
    static func payee(_ mechanism: PaymentDocumentMechanism, _ bankAccount: BankAccount) -> LegalDocument.Field {
        if case .kkpd = mechanism {
            return .init("Dibayar dengan", "transaksi Kartu Kredit Pemerintah Daerah (KKPD) kepada Penyedia")
        }
        return .init("Ditransfer ke", account(bankAccount))
    }

    /// "ditransfer" for a transfer, "dibayarkan" for a card payment (KKPD).
    static func paidVerb(_ mechanism: PaymentDocumentMechanism) -> String {
        if case .kkpd = mechanism { return "dibayarkan" }
        return "ditransfer"
    }

    /// The mechanism as printed, with its SP2D or card reference; `short` uses the abbreviations
    /// a treasurer writes (UP/GU, LS, KKPD), where a line is tight.
    static func mechanism(_ mechanism: PaymentDocumentMechanism, short: Bool = false) -> String {
        switch mechanism {
        case .upGU: short ? "UP/GU" : "Uang Persediaan/Ganti Uang (UP/GU), dibayar oleh Bendahara Pengeluaran"
        case .ls(let number, let date):
            (short ? "LS" : "Langsung (LS)") + ", SP2D Nomor \(number) tanggal \(IndonesianDate.long(date))"
        case .kkpd(let reference):
            (short ? "KKPD" : "Kartu Kredit Pemerintah Daerah (KKPD)")
                + (reference.isEmpty ? "" : ", referensi \(reference)")
        }
    }

    /// "Surat Pesanan Nomor 001/SP/... tanggal 23 November 2026".
    static func reference(_ kind: String, _ document: ReferencedDocument) -> String {
        "\(kind) Nomor \(document.number) tanggal \(IndonesianDate.long(document.date))"
    }

    /// What the payment is for: the package, its SP and its BAST.
    static func purpose(_ purchase: PaidPurchase, systemName: String) -> String {
        "Pembelian \(purchase.packageName) melalui \(systemName), berdasarkan "
            + "\(reference("Surat Pesanan", purchase.suratPesanan)) dan "
            + "\(reference("Berita Acara Serah Terima", purchase.bast))"
    }

    /// Refuses (422) a breakdown that does not add up: gross = net + taxes + penalty, every amount known.
    static func requireBalanced(_ breakdown: PaymentBreakdown) throws(DomainRefusal) {
        let sum: Rupiah
        do {
            sum = try Rupiah.sum([breakdown.net, breakdown.penalty] + breakdown.taxes.map(\.amount))
        } catch {
            throw .validationFailed([FieldError(field: "breakdown", reason: "the amounts overflow")])
        }
        guard sum == breakdown.gross else {
            throw .validationFailed([
                FieldError(
                    field: "breakdown.net",
                    reason:
                        "net \(breakdown.net.printed) + taxes + penalty \(breakdown.penalty.printed) is \(sum.printed), not the gross \(breakdown.gross.printed)"
                )
            ])
        }
    }

    /// A tax line's row label: "Dipungut PPN (DPP Rp…, 12% × 11/12)", "Dipotong PPh Pasal 23 (…)".
    static func taxRowLabel(_ tax: SlipTaxFigures) -> String {
        let verb = tax.kind == .ppn || tax.kind == .pph22 ? "Dipungut" : "Dipotong"
        return "\(verb) \(tax.label) (DPP \(tax.base.printed) × \(tax.rateText))"
    }

    /// The breakdown table: gross, each tax, the penalty, and the net transferred.
    static func breakdownTable(_ breakdown: PaymentBreakdown, mechanism: PaymentDocumentMechanism)
        -> LegalDocument.Block
    {
        var rows: [[String]] = [["1", "Nilai pembayaran (bruto, termasuk PPN bila ada)", breakdown.gross.printed]]
        for tax in breakdown.taxes {
            rows.append([String(rows.count + 1), taxRowLabel(tax), "-" + tax.amount.printed])
        }
        if breakdown.penalty > .zero {
            rows.append([String(rows.count + 1), "Denda keterlambatan", "-" + breakdown.penalty.printed])
        }
        return .table(
            .init(
                columns: [.init("No", alignment: .center), .init("Uraian"), .init("Jumlah", alignment: .right)],
                rows: rows,
                footer: [
                    [
                        "",
                        "Jumlah bersih yang \(paidVerb(mechanism)) kepada Penyedia "
                            + Terbilang.inParentheses(breakdown.net),
                        breakdown.net.printed,
                    ]
                ]))
    }

    /// What a signature block prints once `party` acted at `instant` (for acknowledgements through the register).
    static func actedNote(party: String, at instant: Date, calendar: TenantCalendar) -> String {
        let when = IndonesianDate.instant(instant, calendar: calendar)
        switch party {
        case Party.budgetHolder: return "Setuju dibayar; disetujui secara elektronik pada \(when)"
        case Party.treasurer: return "Lunas dibayar; dana diterima di rekening Penyedia pada \(when)"
        case Party.vendor: return "Diterima secara elektronik pada \(when)"
        default: return "Ditandatangani secara elektronik pada \(when)"
        }
    }

    /// The issuer's signature, which the sealed original carries.
    static func signedNote(at instant: Date, calendar: TenantCalendar) -> String {
        "Ditandatangani secara elektronik pada \(IndonesianDate.instant(instant, calendar: calendar))"
    }

    // MARK: Kuitansi

    /// The kuitansi. Throws 422 when the breakdown does not add up (gross = net + taxes + penalty).
    static func kuitansi(_ facts: KuitansiFacts, setting: PaymentDocumentSetting) throws(DomainRefusal)
        -> LegalDocument
    {
        try requireBalanced(facts.breakdown)
        let parties = facts.parties
        let gross = facts.breakdown.gross
        var fields: [LegalDocument.Field] = [
            .init("Telah terima dari", "Bendahara Pengeluaran \(parties.agency.name)"),
            .init("Uang sejumlah", Terbilang.amount(gross)),
            .init("Untuk pembayaran", purpose(facts.purchase, systemName: setting.texts.systemName)),
        ]
        if !facts.purchase.budgetAccountCode.isEmpty {
            fields.append(.init("Kode Rekening", facts.purchase.budgetAccountCode))
        }
        fields.append(.init("Cara Pembayaran", mechanism(facts.mechanism, short: true)))
        fields.append(payee(facts.mechanism, parties.vendor.bankAccount))
        let vendor = parties.vendor
        let ppkNote =
            "Barang/jasa telah diterima sesuai \(reference("BAST", facts.purchase.bast))"
        let blocks: [LegalDocument.Block] = [
            .fields(fields),
            .heading("Rincian Pembayaran"),
            breakdownTable(facts.breakdown, mechanism: facts.mechanism),
            .signatures(
                .init(
                    placeAndDate: "\(setting.place), \(IndonesianDate.long(facts.issuedOn))",
                    parties: [
                        .init(
                            role: "Yang menerima,\nPenyedia \(vendor.name)", name: vendor.signerName,
                            detail: vendor.signerPosition.isEmpty ? nil : vendor.signerPosition,
                            signedNote: facts.vendorAcknowledgedAt.map {
                                actedNote(party: Party.vendor, at: $0, calendar: setting.calendar)
                            }, party: Party.vendor, meterai: setting.meterai?.place(for: gross))
                    ])),
            .signatures(
                .init(parties: [
                    .init(
                        role: "Pengguna Anggaran/\nKuasa Pengguna Anggaran", name: parties.budgetHolder.name,
                        detail: nipLine(parties.budgetHolder),
                        signedNote: facts.approvedAt.map {
                            actedNote(party: Party.budgetHolder, at: $0, calendar: setting.calendar)
                        }, party: Party.budgetHolder),
                    .init(
                        role: "Bendahara Pengeluaran", name: parties.treasurer.name,
                        detail: nipLine(parties.treasurer),
                        signedNote: facts.settledAt.map {
                            actedNote(party: Party.treasurer, at: $0, calendar: setting.calendar)
                        }, party: Party.treasurer),
                    .init(
                        role: "Pejabat Pembuat Komitmen", name: parties.ppk.name,
                        detail: nipLine(parties.ppk), signedNote: ppkNote, party: Party.ppk),
                ])),
            .smallPrint(
                "Pajak yang dipungut/dipotong disetor Bendahara Pengeluaran atas nama Penyedia, dengan bukti pemotongan/pemungutan tersendiri. Blok tanda tangan yang kosong belum terjadi. Dasar pembayaran: \(setting.texts.paymentBasis)."
            ),
            .smallPrint(PaymentDocumentTextRules.sealNote(setting.texts)),
        ]
        return LegalDocument(
            letterhead: letterhead(parties), title: "KUITANSI", documentNumber: facts.number, issuedOn: facts.issuedOn,
            blocks: blocks, emblem: setting.emblem)
    }

    // MARK: Withholding and collection slips

    /// The slip's title by its tax: Coretax's Bukti Pemotongan/Pemungutan Unifikasi (BPPU) for
    /// PPh Pasal 22, 23 and final PPh; a Bukti Pemungutan PPN for PPN collected by the treasurer.
    static func slipTitle(_ tax: SlipTaxFigures) -> String {
        switch tax.kind {
        case .ppn: "BUKTI PEMUNGUTAN PAJAK PERTAMBAHAN NILAI\nOLEH BENDAHARA INSTANSI PEMERINTAH"
        case .pph22, .pph23, .pphFinal: "BUKTI PEMOTONGAN/PEMUNGUTAN UNIFIKASI\n\(tax.label)"
        }
    }

    /// What the slip records, under its title.
    static func slipSubject(_ tax: SlipTaxFigures) -> String {
        switch tax.kind {
        case .ppn: "PPN yang dipungut oleh Bendahara Pengeluaran sebagai Pemungut PPN"
        case .pph22: "\(tax.label) yang dipungut oleh Bendahara Pengeluaran atas pembelian barang"
        case .pph23: "\(tax.label) yang dipotong oleh Bendahara Pengeluaran atas imbalan jasa"
        case .pphFinal:
            "\(tax.label) yang dipotong atas penghasilan dari usaha Wajib Pajak yang memiliki peredaran bruto tertentu"
        }
    }

    /// The slip of one tax line, titled by its tax (Coretax's Bukti Pemotongan/Pemungutan Unifikasi for PPh).
    static func withholdingSlip(_ facts: WithholdingSlipFacts, setting: PaymentDocumentSetting) -> LegalDocument {
        let parties = facts.parties
        let vendor = parties.vendor
        let tax = facts.tax
        let month = (1...12).contains(facts.taxPeriodMonth) ? IndonesianDate.monthNames[facts.taxPeriodMonth - 1] : "?"
        var identity: [LegalDocument.Field] = []
        if vendor.npwp.isEmpty, let nik = facts.parties.vendorNIK {
            identity.append(.init("NIK", nik))
        } else {
            identity.append(.init("NPWP", vendor.npwp.isEmpty ? "-" : PrintedParties.npwp(vendor.npwp)))
        }
        identity.append(.init("NITKU", parties.vendorNITKU.isEmpty ? "-" : parties.vendorNITKU))
        identity.append(.init("Nama", vendor.name))
        if !vendor.address.isEmpty { identity.append(.init("Alamat", vendor.address)) }
        identity.append(
            .init("Status", vendor.isPKP ? "Pengusaha Kena Pajak (PKP)" : "Bukan Pengusaha Kena Pajak"))

        var figures: [LegalDocument.Field] = [
            .init("Masa Pajak", "\(month) \(facts.taxPeriodYear)"),
            .init("Jenis Pajak", tax.label),
        ]
        if !tax.objectCode.isEmpty { figures.append(.init("Kode Objek Pajak", tax.objectCode)) }
        figures += [
            .init("Dasar Pengenaan Pajak (DPP)", tax.base.printed),
            .init("Tarif", tax.rateText),
            .init("Pajak yang dipotong/dipungut", Terbilang.amount(tax.amount)),
            .init("Dasar Hukum", tax.legalBasis),
        ]
        var basis: [LegalDocument.Field] = [
            .init("Dokumen Dasar", reference(facts.basisDocumentKind, facts.basisDocument)),
            .init("Nama Paket", facts.purchase.packageName),
            .init("Cara Pembayaran", mechanism(facts.mechanism, short: true)),
        ]
        if let sk = facts.suratKeterangan {
            basis.append(
                .init(
                    "Surat Keterangan PP 55/2022",
                    "Nomor \(sk.number), berlaku \(IndonesianDate.long(sk.validFrom)) s.d. \(IndonesianDate.long(sk.validUntil))"
                ))
        }
        let collector: [LegalDocument.Field] = [
            .init("NPWP", parties.agency.npwp.isEmpty ? "-" : PrintedParties.npwp(parties.agency.npwp)),
            .init("NITKU", parties.treasurerNITKU.isEmpty ? "-" : parties.treasurerNITKU),
            .init("Nama", "Bendahara Pengeluaran \(parties.agency.name)"),
        ]
        let treasurer = parties.treasurer
        let blocks: [LegalDocument.Block] = [
            .paragraph(slipSubject(tax) + "."),
            .heading("A. Identitas Wajib Pajak yang Dipotong/Dipungut"),
            .fields(identity),
            .heading("B. Pajak yang Dipotong/Dipungut"),
            .fields(figures),
            .heading("C. Dokumen Dasar Pemotongan/Pemungutan"),
            .fields(basis),
            .heading("D. Identitas Pemotong/Pemungut"),
            .fields(collector),
            .signatures(
                .init(
                    placeAndDate: "\(setting.place), \(IndonesianDate.long(facts.issuedOn))",
                    parties: [
                        .init(
                            role: "Pemotong/Pemungut,\nBendahara Pengeluaran", name: treasurer.name,
                            detail: nipLine(treasurer),
                            signedNote: facts.signedAt.map { signedNote(at: $0, calendar: setting.calendar) },
                            party: Party.treasurer)
                    ])),
            .smallPrint(
                "Bukti ini mencatat pemotongan/pemungutan pada \(setting.texts.systemName) dan diberikan kepada Wajib Pajak untuk pengkreditan pajaknya. Bukti pemotongan/pemungutan unifikasi dan pelaporannya dibuat pada Coretax Direktorat Jenderal Pajak dari data yang sama."
            ),
            .smallPrint(PaymentDocumentTextRules.sealNote(setting.texts)),
        ]
        return LegalDocument(
            letterhead: letterhead(parties), title: slipTitle(tax), documentNumber: facts.number,
            issuedOn: facts.issuedOn, blocks: blocks, emblem: setting.emblem)
    }

    // MARK: Payment proof

    /// The payment proof: mechanism, instruction, settlement (only when settled), payee account, amount.
    /// Throws 422 when the breakdown does not add up.
    static func paymentProof(_ facts: PaymentProofFacts, setting: PaymentDocumentSetting) throws(DomainRefusal)
        -> LegalDocument
    {
        try requireBalanced(facts.breakdown)
        let parties = facts.parties
        let calendar = setting.calendar
        let status: String
        switch (facts.instruction, facts.settlement) {
        case (_, .some): status = "Lunas: dana telah diterima di rekening Penyedia"
        case (.some, nil): status = "Diperintahkan; belum ada konfirmasi bank bahwa dana telah diterima Penyedia"
        case (nil, nil): status = "Disiapkan; belum diperintahkan"
        }
        var fields: [LegalDocument.Field] = [
            .init("Dibayar oleh", "Bendahara Pengeluaran \(parties.agency.name)"),
            .init("Dibayarkan kepada", "\(parties.vendor.name)"),
            facts.mechanism.isCard
                ? payee(facts.mechanism, parties.vendor.bankAccount)
                : .init("Rekening Tujuan", account(parties.vendor.bankAccount)),
            .init(
                facts.mechanism.isCard ? "Jumlah Dibayarkan" : "Jumlah Ditransfer",
                Terbilang.amount(facts.breakdown.net)),
            .init("Untuk", purpose(facts.purchase, systemName: setting.texts.systemName)),
        ]
        if let kuitansi = facts.kuitansi {
            fields.append(.init("Kuitansi", "Nomor \(kuitansi.number) tanggal \(IndonesianDate.long(kuitansi.date))"))
        }
        fields.append(.init("Mekanisme", mechanism(facts.mechanism, short: true)))
        var record: [LegalDocument.Field] = [.init("Status", status)]
        if let instruction = facts.instruction {
            record.append(.init("Referensi Perintah Bayar", instruction.reference))
            record.append(.init("Waktu Perintah", IndonesianDate.instant(instruction.instructedAt, calendar: calendar)))
        }
        if let settlement = facts.settlement {
            record.append(.init("Referensi Bank", settlement.bankReference))
            record.append(.init("Waktu Penyelesaian", IndonesianDate.instant(settlement.settledAt, calendar: calendar)))
        }
        let treasurer = parties.treasurer
        let blocks: [LegalDocument.Block] = [
            .fields(fields),
            .heading("Rincian"),
            breakdownTable(facts.breakdown, mechanism: facts.mechanism),
            .heading("Catatan Transfer"),
            .fields(record),
            .signatures(
                .init(
                    placeAndDate: "\(setting.place), \(IndonesianDate.long(facts.issuedOn))",
                    parties: [
                        .init(
                            role: "Bendahara Pengeluaran\n\(parties.agency.name)", name: treasurer.name,
                            detail: nipLine(treasurer),
                            signedNote: facts.settlement.map {
                                actedNote(party: Party.treasurer, at: $0.settledAt, calendar: calendar)
                            }, party: Party.treasurer)
                    ])),
            .smallPrint("Dasar pembayaran: \(setting.texts.paymentBasis)."),
            .smallPrint(PaymentDocumentTextRules.sealNote(setting.texts)),
        ]
        return LegalDocument(
            letterhead: letterhead(parties), title: "BUKTI PEMBAYARAN", documentNumber: facts.number,
            issuedOn: facts.issuedOn, blocks: blocks, emblem: setting.emblem)
    }

    // MARK: SPJ packet

    /// The SPJ packet: a cover indexing every component with its number, date and SHA-256, then
    /// the kuitansi, slips and proof as pages, and the SP/BAST PDFs embedded as attachments.
    static func packet(_ facts: PaymentPacketFacts, setting: PaymentDocumentSetting) -> DocumentBundle {
        // The attachments by their hash, numbered in the order they are embedded.
        var attached: [String: Int] = [:]
        for (index, attachment) in facts.attachments.enumerated()
        where attached[SHA256.hexDigest(attachment.pdf)] == nil {
            attached[SHA256.hexDigest(attachment.pdf)] = index + 1
        }
        func attachedPlacement(_ document: ReferencedDocument) -> String {
            if let hash = document.sha256, let number = attached[hash] { return "Lampiran \(number)" }
            return "Tidak terlampir"
        }
        var rows: [[String]] = []
        var hashes: [[String]] = []
        func add(_ title: String, _ document: ReferencedDocument, _ placement: String) {
            rows.append([
                String(rows.count + 1), title, document.number, IndonesianDate.long(document.date), placement,
            ])
            hashes.append([String(rows.count), document.sha256 ?? "tidak diketahui"])
        }
        add("Surat Pesanan", facts.purchase.suratPesanan, attachedPlacement(facts.purchase.suratPesanan))
        add("Berita Acara Serah Terima", facts.purchase.bast, attachedPlacement(facts.purchase.bast))
        add("Kuitansi", facts.kuitansi.reference, "Bagian 1")
        for (index, slip) in facts.slips.enumerated() {
            let title =
                slip.indexTitle
                ?? slip.content.title.replacingOccurrences(of: "\n", with: " ").capitalized
                .replacingOccurrences(of: "Pph", with: "PPh").replacingOccurrences(of: "Ppn", with: "PPN")
            add(title, slip.reference, "Bagian \(index + 2)")
        }
        add("Bukti Pembayaran", facts.proof.reference, "Bagian \(facts.slips.count + 2)")
        let parties = facts.parties
        let blocks: [LegalDocument.Block] = [
            .paragraph(
                "Paket dokumen pertanggungjawaban (SPJ) atas pembayaran pembelian \(facts.purchase.packageName) kepada \(parties.vendor.name) melalui \(setting.texts.systemName). Paket ini memuat dokumen berikut; setiap dokumen tetap bersegel sendiri dan dapat diperiksa dengan SHA-256 yang tercantum."
            ),
            .fields([
                .init("Satuan Kerja", parties.agency.name),
                .init("Penyedia", parties.vendor.name),
                .init("Nilai Bruto", facts.breakdown.gross.printed),
                .init("Jumlah Bersih kepada Penyedia", facts.breakdown.net.printed),
            ]),
            .heading("Daftar Isi"),
            .table(
                .init(
                    columns: [
                        .init("No", alignment: .center), .init("Dokumen"), .init("Nomor"), .init("Tanggal"),
                        .init("Letak"),
                    ], rows: rows)),
            .heading("Sidik SHA-256 Berkas Bersegel"),
            .table(.init(columns: [.init("No", alignment: .center), .init("SHA-256")], rows: hashes)),
            .heading("Lampiran Berkas"),
            facts.attachments.isEmpty
                ? .paragraph(
                    "Tidak ada berkas yang dilampirkan; dokumen yang tidak terlampir diperiksa dengan SHA-256 di atas.")
                : .fields(
                    facts.attachments.enumerated().map { .init("Lampiran \($0 + 1)", "\($1.title) (\($1.fileName))") }),
            .smallPrint(
                "Surat Pesanan dan Berita Acara Serah Terima dilampirkan sebagai berkas PDF aslinya yang disegel oleh layanan pesanan (buka panel lampiran pada pembaca PDF). Kuitansi, bukti pemotongan/pemungutan dan bukti pembayaran dicetak ulang pada bagian berikut dari isi yang diterbitkan."
            ),
            .smallPrint(PaymentDocumentTextRules.sealNote(setting.texts)),
        ]
        let cover = LegalDocument(
            letterhead: letterhead(parties), title: "PAKET DOKUMEN PEMBAYARAN (SPJ)", documentNumber: facts.number,
            issuedOn: facts.issuedOn, blocks: blocks, emblem: setting.emblem)
        return DocumentBundle(
            cover: cover, parts: [facts.kuitansi.content] + facts.slips.map(\.content) + [facts.proof.content],
            attachments: facts.attachments.map {
                DocumentBundle.Attachment(fileName: $0.fileName, description: $0.title, content: $0.pdf)
            })
    }
}
