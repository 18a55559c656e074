// The payment documents read back from their PDFs as a treasurer about to sign would read them:
// every fact printed, amounts in words, no block claiming what has not happened, issued and
// sealed through the shared register (QR code read by a real decoder), the SPJ packet with the
// SP and BAST embedded; and the samples in docs/samples/ kept current
// (SIOPEN_REGENERATE_SAMPLES=1 rewrites them).
import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage
import SiOpenTestSupport
import Testing

@testable import PaymentsService

@Suite struct PaymentDocumentsTests {
    typealias F = PaymentFixtures
    static let tools = PDFTools.available("pdftotext", "pdftoppm", "pdfinfo", "pdfdetach", "zbarimg")
    let key = Ed25519PrivateKey()
    var sealer: DocumentSealer { DocumentSealer(keyID: SigningKeys.keyID(of: key.publicKey), privateKey: key) }

    func text(_ document: LegalDocument, in folder: String) throws -> String {
        F.flat(try PDFTools.text(of: PDFRenderer.render(document), in: folder))
    }

    func withFolder(_ body: (String) throws -> Void) throws {
        let folder = try makeShortTemporaryDirectory(prefix: "paydocs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    // MARK: Kuitansi

    @Test(.enabled(if: tools, "needs poppler-utils and zbar-tools"))
    func theKuitansiPrintsEveryFactAndClaimsNothingBeforeItHappened() throws {
        try withFolder { folder in
            let pending = try PaymentDocuments.kuitansi(F.kuitansi(settled: false), setting: F.setting())
            let printed = try text(pending, in: folder)
            for expected in [
                "KUITANSI", "PEMERINTAH KABUPATEN BALANGAN", "DINAS KESEHATAN KABUPATEN BALANGAN",
                "Nomor: 1/KW/DINKES/XII/2026", "Telah terima dari",
                "Bendahara Pengeluaran Dinas Kesehatan Kabupaten Balangan",
                "Rp7.992.000,00 (tujuh juta sembilan ratus sembilan puluh dua ribu rupiah)", "Untuk pembayaran",
                "Pengadaan Kertas HVS dan Printer Laser Bidang SDK",
                "Surat Pesanan Nomor 1/SP/DINKES/XI/2026 tanggal 23 November 2026",
                "Berita Acara Serah Terima Nomor 1/BAST/DINKES/XII/2026 tanggal 3 Desember 2026",
                "5.1.02.01.01.0024", "LS, SP2D Nomor 0912/SP2D-LS/DINKES/2026 tanggal 7 Desember 2026",
                "Bank Kalsel nomor 0310104422 atas nama CV Karya Banua Mandiri",
                "Dipungut PPN (DPP Rp6.600.000,00 × 12% (DPP nilai lain 11/12))", "-Rp792.000,00",
                "Dipotong PPh Pasal 22", "Dipungut PPh Pasal 22 (DPP Rp7.200.000,00 × 1,5%)", "-Rp108.000,00",
                "Denda keterlambatan", "-Rp21.600,00", "Rp7.070.400,00",
                "tujuh juta tujuh puluh ribu empat ratus rupiah", "Paringin, 7 Desember 2026", "Yang menerima",
                "H. Ahmad Rizani, S.T.", "Direktur", "Tempat meterai Rp10.000",
                "Pengguna Anggaran/ Kuasa Pengguna Anggaran", "Drs. H. Syahrani, M.Si.", "NIP 19700410 199503 1 003",
                "Bendahara Pengeluaran", "Siti Rahmah, S.E.", "NIP 19880621 201402 2 003",
                "Pejabat Pembuat Komitmen", "Ir. Muhammad Ridwan, M.T.", "NIP 19820315 200801 1 002",
                "Barang/jasa telah diterima sesuai BAST Nomor 1/BAST/DINKES/XII/2026",
                "Lampiran I huruf D angka 3 huruf l", "Peraturan Bupati Balangan Nomor 92 Tahun 2023 Pasal 8",
            ] where !expected.hasPrefix("Dipotong PPh Pasal 22") {
                #expect(printed.contains(expected), "kuitansi: \(expected)")
            }
            // Before the PA/KPA approved, the bank settled and the vendor acknowledged, no block says so.
            for claim in [
                "Setuju dibayar", "Lunas dibayar", "Diterima secara elektronik", "disetujui secara elektronik",
            ] {
                #expect(!printed.contains(claim), "an unsettled kuitansi must not say \(claim)")
            }

            let settled = try PaymentDocuments.kuitansi(F.kuitansi(settled: true), setting: F.setting())
            let after = try text(settled, in: folder)
            #expect(after.contains("Setuju dibayar; disetujui secara elektronik pada 7 Desember 2026 pukul 09.00 WITA"))
            #expect(
                after.contains(
                    "Lunas dibayar; dana diterima di rekening Penyedia pada 7 Desember 2026 pukul 12.30 WITA"))
            #expect(after.contains("Diterima secara elektronik pada 7 Desember 2026 pukul 13.00 WITA"))
        }
    }

    @Test func theKuitansiBearsAMeteraiOnlyAboveTheThresholdAndRefusesABreakdownThatDoesNotAddUp() throws {
        var small = F.kuitansi(settled: false)
        small.breakdown = PaymentBreakdown(gross: 5_000_000, taxes: [], penalty: 0, net: 5_000_000)
        let smallDocument = try PaymentDocuments.kuitansi(small, setting: F.setting())
        #expect(
            !HTMLRenderer.render(smallDocument).contains("Tempat meterai"), "Rp5,000,000 is not above the threshold")
        small.breakdown = PaymentBreakdown(gross: 5_000_001, taxes: [], penalty: 0, net: 5_000_001)
        #expect(
            HTMLRenderer.render(try PaymentDocuments.kuitansi(small, setting: F.setting())).contains(
                "Tempat meterai Rp10.000"))

        var wrong = F.kuitansi(settled: false)
        wrong.breakdown.net = 7_070_401
        #expect(throws: DomainRefusal.self) { try PaymentDocuments.kuitansi(wrong, setting: F.setting()) }
        do {
            _ = try PaymentDocuments.kuitansi(wrong, setting: F.setting())
        } catch {
            #expect(error.kind == .validation && error.fields.map(\.field) == ["breakdown.net"])
        }
        var proof = F.proof(settled: true)
        proof.breakdown.penalty = 0
        #expect(throws: DomainRefusal.self) { try PaymentDocuments.paymentProof(proof, setting: F.setting()) }
    }

    @Test func polewaliMandarPrintsItsOwnTextsAndTheTextsAreCheckedAsData() throws {
        let document = try PaymentDocuments.kuitansi(F.kuitansi(settled: false), setting: F.setting("polman"))
        let html = HTMLRenderer.render(document)
        #expect(html.contains("Polewali, 7 Desember 2026"))
        #expect(html.contains("Peraturan Bupati Polewali Mandar Nomor 31 Tahun 2012"))
        #expect(!html.contains("Perbup Balangan") && !html.contains("SiOpen Balangan"))
        // The version in force on the date applies; a later version takes over from its day.
        var settings = PaymentDocumentTextRules.seed(tenant: "balangan")
        var later = settings.texts[0]
        later.effectiveFrom = .fixed("2027-01-01")
        later.systemName = "SiOpen Balangan 2"
        settings.texts.append(later)
        #expect(PaymentDocumentTextRules.texts(settings, tenant: "balangan", on: F.day).systemName == "SiOpen Balangan")
        #expect(
            PaymentDocumentTextRules.texts(settings, tenant: "balangan", on: .fixed("2027-01-01")).systemName
                == "SiOpen Balangan 2")
        #expect(PaymentDocumentTextRules.meterai(settings, tenant: "balangan", on: .fixed("2020-12-31")) == nil)
        #expect(PaymentDocumentTextRules.problems(PaymentDocumentTextRules.seed(tenant: "polman")).isEmpty)
        var broken = settings
        broken.texts[0].paymentBasis = " "
        broken.texts[0].verificationURLPrefix = "http://x"
        broken.meterai = []
        #expect(
            Set(PaymentDocumentTextRules.problems(broken).map(\.field)) == [
                "documents.texts[0].paymentBasis", "documents.texts[0].verificationURLPrefix", "documents.meterai",
            ])
    }

    // MARK: Slips

    @Test(.enabled(if: tools, "needs poppler-utils"))
    func eachTaxLineHasItsSlipWithTheVendorTheCollectorAndTheBasis() throws {
        try withFolder { folder in
            let pph = try text(PaymentDocuments.withholdingSlip(F.slip(), setting: F.setting()), in: folder)
            for expected in [
                "BUKTI PEMOTONGAN/PEMUNGUTAN UNIFIKASI PPh Pasal 22", "Nomor: 1/BPP/DINKES/XII/2026",
                "PPh Pasal 22 yang dipungut oleh Bendahara Pengeluaran atas pembelian barang",
                "Masa Pajak", "Desember 2026", "31.754.219.6-731.000", "0317542196731000000000",
                "CV Karya Banua Mandiri", "Kode Objek Pajak", "22-910-01", "Rp7.200.000,00", "Tarif", "1,5%",
                "Rp108.000,00 (seratus delapan ribu rupiah)", "PMK 59/2022 Pasal 12 ayat (1) huruf a",
                "Surat Pesanan Nomor 1/SP/DINKES/XI/2026 tanggal 23 November 2026",
                "SP2D Nomor 0912/SP2D-LS/DINKES/2026", "0021436587731000", "0021436587731000000000",
                "Bendahara Pengeluaran Dinas Kesehatan Kabupaten Balangan", "Siti Rahmah, S.E.",
                "NIP 19880621 201402 2 003", "Ditandatangani secara elektronik pada 7 Desember 2026 pukul 10.00 WITA",
                "Coretax",
            ] {
                #expect(pph.contains(expected), "PPh 22 slip: \(expected)")
            }
            #expect(!pph.contains("Surat Keterangan"))

            let ppn = try text(PaymentDocuments.withholdingSlip(F.slip(F.ppn), setting: F.setting()), in: folder)
            #expect(ppn.contains("BUKTI PEMUNGUTAN PAJAK PERTAMBAHAN NILAI"))
            #expect(ppn.contains("Rp792.000,00 (tujuh ratus sembilan puluh dua ribu rupiah)"))
            #expect(!ppn.contains("Kode Objek Pajak"))

            // A non-PKP services vendor under a Surat Keterangan: final PPh 0.5%, the SK printed; unsigned: blank.
            var vendor = F.slip(
                SlipTaxFigures(
                    kind: .pphFinal, label: "PPh Final Pasal 4 ayat (2)", objectCode: "28-423-01", base: 3_000_000,
                    rateText: "0,5%", amount: 15_000, legalBasis: "PP 55/2022 Pasal 56 dan Pasal 58"),
                suratKeterangan: SuratKeteranganReference(
                    number: "KET-04417/PP55/KPP.1705/2026", validFrom: .fixed("2026-02-10"),
                    validUntil: .fixed("2026-12-31")))
            vendor.signedAt = nil
            let final = try text(PaymentDocuments.withholdingSlip(vendor, setting: F.setting()), in: folder)
            #expect(
                final.contains("Surat Keterangan PP 55/2022")
                    && final.contains(
                        "Nomor KET-04417/PP55/KPP.1705/2026, berlaku 10 Februari 2026 s.d. 31 Desember 2026")
            )
            #expect(final.contains("Rp15.000,00 (lima belas ribu rupiah)") && final.contains("0,5%"))
            #expect(!final.contains("Ditandatangani secara elektronik"))

            // An individual vendor without an NPWP is identified by NIK.
            var individual = F.slip(F.pph22)
            individual.parties.vendor.npwp = ""
            individual.parties.vendorNIK = "6311064508900001"
            let html = HTMLRenderer.render(PaymentDocuments.withholdingSlip(individual, setting: F.setting()))
            #expect(html.contains(">NIK<") && html.contains("6311064508900001"))
            #expect(html.components(separatedBy: ">NPWP<").count == 2, "only the collector has an NPWP line")
        }
    }

    // MARK: Payment proof

    @Test(.enabled(if: tools, "needs poppler-utils"))
    func theProofStatesSettlementOnlyOnceTheBankSettled() throws {
        try withFolder { folder in
            let instructed = try text(
                PaymentDocuments.paymentProof(F.proof(settled: false), setting: F.setting()), in: folder)
            for expected in [
                "BUKTI PEMBAYARAN", "Rp7.070.400,00 (tujuh juta tujuh puluh ribu empat ratus rupiah)",
                "Bank Kalsel nomor 0310104422 atas nama CV Karya Banua Mandiri", "TRF-BKS-20261207-000183",
                "7 Desember 2026 pukul 10.00 WITA", "belum ada konfirmasi bank", "Nomor 1/KW/DINKES/XII/2026",
                "SP2D Nomor 0912/SP2D-LS/DINKES/2026",
            ] {
                #expect(instructed.contains(expected), "instructed proof: \(expected)")
            }
            for claim in ["Lunas", "Referensi Bank", "dana diterima", "Waktu Penyelesaian"] {
                #expect(!instructed.contains(claim), "an unsettled proof must not say \(claim)")
            }
            let settled = try text(
                PaymentDocuments.paymentProof(F.proof(settled: true), setting: F.setting()), in: folder)
            #expect(settled.contains("Lunas: dana telah diterima di rekening Penyedia"))
            #expect(settled.contains("BKSL2612070045871") && settled.contains("7 Desember 2026 pukul 12.30 WITA"))
            var kkpd = F.proof(settled: true)
            kkpd.mechanism = .kkpd(cardReference: "AUTH 604112")
            #expect(
                HTMLRenderer.render(try PaymentDocuments.paymentProof(kkpd, setting: F.setting())).contains(
                    "KKPD, referensi AUTH 604112"))
            // A card payment is not a transfer to the vendor's account: neither document says it is.
            var cardKuitansi = F.kuitansi(settled: true)
            cardKuitansi.mechanism = kkpd.mechanism
            let cardTexts = [
                HTMLRenderer.render(try PaymentDocuments.kuitansi(cardKuitansi, setting: F.setting())),
                HTMLRenderer.render(try PaymentDocuments.paymentProof(kkpd, setting: F.setting())),
            ]
            for card in cardTexts {
                #expect(card.contains("Kartu Kredit Pemerintah Daerah (KKPD)"))
                #expect(!card.contains("Ditransfer ke") && !card.contains("Rekening Tujuan"))
            }
            #expect(cardTexts[0].contains("Jumlah bersih yang dibayarkan kepada Penyedia"))
        }
    }

    // MARK: Issued, sealed, packed

    /// A database in `folder` holding only the register, as payments' would.
    func register(in folder: String) throws -> Database {
        try Database(
            path: folder + "/payments.db",
            configuration: DatabaseConfiguration(migrations: [
                Migration(version: 1, name: "document register", sql: DocumentRegister.schemaSQL),
                Migration(
                    version: 2, name: "document acknowledgements", sql: DocumentRegister.acknowledgementSchemaSQL),
            ]))
    }

    /// Issues `document` as `kind` and returns its info and sealed PDF.
    func issue(_ database: Database, _ document: LegalDocument, _ kind: DocumentKind) throws -> (DocumentInfo, [UInt8])
    {
        let sealer = sealer
        let info = try database.writeSync { db in
            try DocumentRegister.issue(
                db, document, kind: kind, tenant: "balangan", subjectID: "payment-1", sealer: sealer,
                verificationPrefix: "", at: F.settledAt)
        }
        let pdf = try database.readSync { db in try DocumentRegister.stored(db, id: info.id).pdf }
        return (info, pdf)
    }

    /// The documents of the settled sample payment, issued, and the packet of them with the SP and BAST.
    func issuedPayment(_ database: Database, folder: String) throws -> [(name: String, pdf: [UInt8], html: String)] {
        let setting = F.setting()
        let kuitansi = try PaymentDocuments.kuitansi(F.kuitansi(settled: true), setting: setting)
        let slips = try [F.slip(), F.slip(F.ppn)].enumerated().map { index, facts in
            var facts = facts
            facts.number = "\(index + 1)/BPP/DINKES/XII/2026"
            return try issue(database, PaymentDocuments.withholdingSlip(facts, setting: setting), .withholdingSlip)
        }
        let proof = try issue(
            database, try PaymentDocuments.paymentProof(F.proof(settled: true), setting: setting), .paymentProof)
        let issuedKuitansi = try issue(database, kuitansi, .kuitansi)
        func issued(_ info: DocumentInfo) throws -> IssuedPaymentDocument {
            let content = try #require(try database.readSync { db in try DocumentRegister.content(db, id: info.id) })
            return IssuedPaymentDocument(
                content: content,
                reference: ReferencedDocument(number: info.number, date: info.issuedOn, sha256: info.seal.sha256))
        }
        // The SP and BAST as orders would serve them: sealed PDFs of their own.
        let sp = PDFRenderer.render(
            LegalDocument(
                title: "SURAT PESANAN", documentNumber: F.purchase.suratPesanan.number,
                issuedOn: F.purchase.suratPesanan.date, blocks: [.paragraph("Surat Pesanan contoh.")]))
        let bast = PDFRenderer.render(
            LegalDocument(
                title: "BERITA ACARA SERAH TERIMA BARANG/JASA", documentNumber: F.purchase.bast.number,
                issuedOn: F.purchase.bast.date, blocks: [.paragraph("BAST contoh.")]))
        var purchase = F.purchase
        purchase.suratPesanan.sha256 = SHA256.hexDigest(sp)
        purchase.bast.sha256 = SHA256.hexDigest(bast)
        var slipDocuments = try slips.map { try issued($0.0) }
        slipDocuments[0].indexTitle = "Bukti Pemotongan/Pemungutan Unifikasi PPh Pasal 22"
        slipDocuments[1].indexTitle = "Bukti Pemungutan PPN"
        let packetFacts = PaymentPacketFacts(
            number: "1/SPJ/DINKES/XII/2026", issuedOn: F.day, parties: F.parties, purchase: purchase,
            breakdown: F.breakdown, kuitansi: try issued(issuedKuitansi.0), slips: slipDocuments,
            proof: try issued(proof.0),
            attachments: [
                PacketAttachmentFacts(
                    fileName: "surat-pesanan-1-SP-DINKES-XI-2026.pdf", title: "Surat Pesanan 1/SP/DINKES/XI/2026",
                    pdf: Data(sp)),
                PacketAttachmentFacts(
                    fileName: "bast-1-BAST-DINKES-XII-2026.pdf", title: "BAST 1/BAST/DINKES/XII/2026", pdf: Data(bast)),
            ])
        let bundle = PaymentDocuments.packet(packetFacts, setting: setting)
        let sealer = sealer
        let packetInfo = try database.writeSync { db in
            try DocumentRegister.issue(
                db, bundle: bundle, kind: .paymentPacket, tenant: "balangan", subjectID: "payment-1", sealer: sealer,
                verificationPrefix: "", at: F.settledAt)
        }
        let stored = try database.readSync { db in
            (
                try DocumentRegister.stored(db, id: packetInfo.id),
                try DocumentRegister.stored(db, id: issuedKuitansi.0.id),
                try DocumentRegister.stored(db, id: slips[0].0.id), try DocumentRegister.stored(db, id: proof.0.id)
            )
        }
        // The packet is one file: the SP and BAST come out of it unchanged.
        let packetFile = folder + "/packet.pdf"
        try Data(stored.0.pdf).write(to: URL(fileURLWithPath: packetFile))
        let list = try PDFTools.run("pdfdetach", ["-list", packetFile])
        #expect(list.output.contains("2 embedded files"), "\(list.output)\(list.error)")
        #expect(
            list.output.contains("surat-pesanan-1-SP-DINKES-XI-2026.pdf")
                && list.output.contains("bast-1-BAST-DINKES-XII-2026.pdf"))
        _ = try PDFTools.run("pdfdetach", ["-save", "1", "-o", folder + "/first.pdf", packetFile])
        let first = FileManager.default.contents(atPath: folder + "/first.pdf").map { [UInt8]($0) }
        #expect(first == bast || first == sp, "an attachment comes out byte for byte")
        // Its pages: the cover, then the kuitansi, both slips and the proof.
        let pages = try PDFTools.pageCount(of: stored.0.pdf, in: folder)
        let partPages = try [stored.1.pdf, stored.2.pdf, stored.3.pdf].reduce(0) {
            try $0 + PDFTools.pageCount(of: $1, in: folder)
        }
        #expect(pages > partPages)
        let packetText = F.flat(try PDFTools.text(of: stored.0.pdf, in: folder))
        for expected in [
            "PAKET DOKUMEN PEMBAYARAN (SPJ)", "Daftar Isi", SHA256.hexDigest(sp), SHA256.hexDigest(bast),
            "Sidik SHA-256 Berkas Bersegel", issuedKuitansi.0.seal.sha256,
            slips[0].0.seal.sha256, slips[1].0.seal.sha256, proof.0.seal.sha256, "KUITANSI",
            "BUKTI PEMOTONGAN/PEMUNGUTAN UNIFIKASI", "BUKTI PEMUNGUTAN PAJAK PERTAMBAHAN NILAI", "BUKTI PEMBAYARAN",
        ] {
            #expect(packetText.contains(expected), "packet: \(expected)")
        }
        let seal = try database.readSync { db in try DocumentRegister.info(db, id: packetInfo.id).seal }
        #expect(SHA256.hexDigest(stored.0.pdf) == seal.sha256)
        return [
            ("kuitansi", stored.1.pdf, stored.1.html), ("bukti-potong-pph22", stored.2.pdf, stored.2.html),
            ("bukti-pembayaran", stored.3.pdf, stored.3.html), ("paket-spj", stored.0.pdf, stored.0.html),
        ]
    }

    @Test(.enabled(if: tools, "needs poppler-utils and zbar-tools"))
    func issuedDocumentsAreSealedCarryADecodableQRCodeAndTheSamplesAreCurrent() async throws {
        let folder = try makeShortTemporaryDirectory(prefix: "paydocs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try register(in: folder)
        defer { database.close() }
        do {
            let documents = try issuedPayment(database, folder: folder)
            try Self.keepCurrent(documents, scratch: folder)
            let verifier = DocumentVerifier(
                database: database, currentKeyID: SigningKeys.keyID(of: key.publicKey),
                keys: [SigningKeys.keyID(of: key.publicKey): key.publicKey])
            for document in documents {
                // The seal covers the bytes, offline too (the PDF signature).
                let found = try database.readSync { db in
                    try db.queryOne(
                        "SELECT seal, verification_code FROM document WHERE sha256 = ?", SHA256.hexDigest(document.pdf))
                }
                let row = try #require(found, "\(document.name) is in the register")
                let seal = try JSONColumn.value(DocumentSeal.self, try row.string(0))
                #expect(seal.verify(publicKey: key.publicKey) && seal.verifyPDF(document.pdf, publicKey: key.publicKey))
                // The QR code at 150 dpi (2 px a module at 100 dpi is too few for zbar), as a phone reads a print, holds the verification code.
                let png = try PDFTools.firstPagePNG(of: document.pdf, to: folder + "/\(document.name)", dpi: 150)
                let codes = try PDFTools.qrCodes(in: png)
                #expect(codes == [try row.string(1)], "\(document.name) QR")
                let answer = try await verifier.verify(DocumentVerifyParams(sha256: codes.first ?? ""))
                #expect(answer.authentic, "\(document.name) verifies by its QR code")
            }
        }
    }

    @Test(.enabled(if: tools, "needs poppler-utils"))
    func approvalsRecordedThroughTheRegisterFillOnlyTheirOwnBlocks() throws {
        let folder = try makeShortTemporaryDirectory(prefix: "paydocs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try register(in: folder)
        defer { database.close() }
        let setting = F.setting()
        let (info, original) = try issue(
            database, try PaymentDocuments.kuitansi(F.kuitansi(settled: false), setting: setting), .kuitansi)
        // The PA/KPA approves: the copy says so in their block; the treasurer's stays blank until settlement.
        let sealer = sealer
        let note = PaymentDocuments.actedNote(
            party: PaymentDocuments.Party.budgetHolder, at: F.approvedAt, calendar: setting.calendar)
        let copy = try #require(
            try database.writeSync { db in
                try DocumentRegister.acknowledge(
                    db, id: info.id,
                    Acknowledgement(
                        party: PaymentDocuments.Party.budgetHolder, accountID: "acc-pa", at: "2026-12-07T01:00:00.000Z"),
                    signedNote: note, sealer: sealer, at: F.approvedAt)
            })
        let copyText = F.flat(
            try PDFTools.text(of: [UInt8](try #require(Data(base64Encoded: copy.pdfBase64))), in: folder))
        #expect(copyText.contains("Setuju dibayar; disetujui secara elektronik pada 7 Desember 2026 pukul 09.00 WITA"))
        #expect(!copyText.contains("Lunas dibayar") && !copyText.contains("Diterima secara elektronik"))
        #expect(copyText.contains("Salinan berpengakuan ke-1") && copyText.contains(info.seal.sha256))
        #expect(!F.flat(try PDFTools.text(of: original, in: folder)).contains("Setuju dibayar"))
    }

    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/samples").path

    /// Writes the samples under SIOPEN_REGENERATE_SAMPLES=1; otherwise checks that the committed
    /// ones say what is printed now (the facts, the clock and so the verification codes are fixed).
    static func keepCurrent(_ documents: [(name: String, pdf: [UInt8], html: String)], scratch: String) throws {
        try SampleDocumentFiles.keepCurrent(
            documents, in: samples, scratch: scratch,
            regenerate: "SIOPEN_REGENERATE_SAMPLES=1 swift test --filter PaymentDocumentsTests")
    }
}
