// The samples in docs/samples/: the Surat Pesanan, BAST and force-majeure Berita Acara of a
// realistic purchase, made by the real services, read back from the PDF as a PPK would read them
// before signing, and kept current (SIOPEN_REGENERATE_SAMPLES=1 rewrites them; otherwise the
// committed samples must say what the services print today).
import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

@Suite struct DocumentSamplesTests {
    /// Monday 23 November 2026, 09:00 WITA: the clock stands still, so the samples do not change.
    static let start = Date(timeIntervalSince1970: 1_795_395_600)
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/samples").path

    @Test(
        .enabled(
            if: PDFTools.available("pdftotext", "pdftoppm", "zbarimg"),
            "needs pdftotext, pdftoppm (poppler-utils) and zbarimg (zbar-tools)"))
    func theSamplePurchasePrintsEveryFieldAndTheSamplesAreCurrent() async throws {
        let clock = TestClock(frozenAt: Self.start)
        try await withSystem([.catalog, .orders], clock: clock) { system in
            let folder = try makeShortTemporaryDirectory(prefix: "samples")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            // The regency's emblem (a made-up shield: green border, gold field, a white star) and
            // the agency's address, as Super Admin keeps them in identity.
            _ = try await system.identity.call(
                TenantSetEmblem.self,
                TenantEmblemUpload(tenant: "balangan", contentBase64: SampleFiles.base64(Self.emblem)),
                token: system.superAdmin)
            _ = try await system.identity.call(
                AgencyUpdate.self,
                AgencyInfo(
                    tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan Kabupaten Balangan",
                    address: "Jl. Jenderal A. Yani Km. 2,5 Paringin Kota, Kecamatan Paringin, Kabupaten Balangan 71618",
                    phone: "(0526) 2028117", email: try EmailAddress("dinkes@balangankab.go.id")),
                token: system.superAdmin)
            try await system.setUpCatalog()
            // The PPK as identity knows them (name with titles, NIP, rank, position), and a PKP CV
            // of Paringin with its director: what an official signing the documents would see.
            let ppkAccount = try #require(system.balangan[.ppk]).account
            _ = try await system.identity.call(
                AccountUpdateProfile.self,
                AccountProfileParams(
                    accountID: ppkAccount.id, fullName: "Ir. Muhammad Ridwan, M.T.", nip: try NIP("198203152008011002"),
                    rank: "Penata Tingkat I (III/d)", position: "Kepala Bidang Sumber Daya Kesehatan"),
                token: system.superAdmin)
            let budgetHolder = try #require(system.balangan[.budgetHolder]).account
            _ = try await system.identity.call(
                AccountUpdateProfile.self,
                AccountProfileParams(
                    accountID: budgetHolder.id, fullName: "Drs. H. Syahrani, M.Si.", nip: try NIP("197004101995031003"),
                    rank: "Pembina Utama Muda (IV/c)", position: "Kepala Dinas Kesehatan"),
                token: system.superAdmin)
            let seller = try await system.scenario.activeVendor(
                verifier: system.balangan[.verifier]!.token,
                registration: try ScenarioData.realisticVendor(termsVersion: system.scenario.termsVersion), isPKP: true)
            var vendor = seller.token
            let paper = try await system.listedProduct(
                ScenarioData.offer(name: "Kertas HVS A4", price: 50_000), vendorToken: vendor)
            var printerOffer = ScenarioData.offer(
                name: "Printer Laser", category: "ATK", price: 2_500_000, deliveryDays: 7, warrantyMonths: 12)
            printerOffer.installationCost = 150_000
            let printer = try await system.listedProduct(printerOffer, vendorToken: vendor)
            let market = Market(vendor: seller.info, vendorToken: vendor, paper: paper, printer: printer)
            var ppk = system.ppk
            let today = CivilDate(clock.now())

            // Two items with installation; the vendor negotiates with a remark of its own.
            let placed = try await system.scenario.placedOrder(
                system.preparation(system.items(market, paper: 20, printers: 2), installation: true), ppk: ppk)
            let offered = try await system.orders.call(
                OrderOffer.self,
                system.offerParams(
                    placed, prices: [54_000, 2_450_000], note: "Kami beri harga khusus karena pesanan dinas"),
                token: vendor)
            let agreed = try await system.orders.call(
                OrderAccept.self, OrderAcceptParams(orderID: offered.id, version: offered.version, round: 1),
                token: ppk)
            let issued = try await system.orders.call(
                OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), token: ppk)
            let sp = try #require(issued.suratPesanan)
            let original = try await system.orders.call(DocumentGet.self, DocumentRef(documentID: sp.id), token: ppk)
            let started = try await system.orders.call(
                OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version),
                token: vendor)
            let due = try #require(started.execution?.dueDate)

            // A partial delivery on time; one printer arrives damaged. The team assists the PPK.
            let team = [
                InspectionTeamMember(name: "Rahmadi Saputra, S.T.", nip: try NIP("198503122010011004"), role: "Ketua"),
                InspectionTeamMember(name: "Nur Hasanah, S.Kom.", nip: try NIP("199001152015032002"), role: "Anggota"),
            ]
            let first = try await system.orders.call(
                OrderRecordDelivery.self,
                DeliveryParams(
                    orderID: started.id, version: started.version, deliveredOn: today,
                    lines: [DeliveryLine(itemID: "item-1", quantity: 10), DeliveryLine(itemID: "item-2", quantity: 2)]),
                token: vendor)
            let inspected = try await system.orders.call(
                OrderInspect.self,
                InspectionParams(
                    orderID: first.id, version: first.version, deliveryID: "delivery-1", inspectedOn: today,
                    lines: [
                        InspectionLine(itemID: "item-1", accepted: 10),
                        InspectionLine(
                            itemID: "item-2", accepted: 1, rejected: 1, reason: .damage,
                            note: "Tutup baki kertas retak saat diterima"),
                    ], team: team), token: ppk)
            // The rest, and the replacement, three days late (everyone signs in again on the moved clock).
            clock.advance(days: today.days(until: due) + 3)
            let lateDay = due.adding(days: 3)
            try await system.renewSessions()
            ppk = system.ppk
            let username = seller.account.username
            vendor = try await system.scenario.signIn(username, password: "karya-banua-pass-1").token
            let lateVendor = vendor
            // Orders trusts its revocation list again once it has refreshed it on the moved clock.
            let late = try await Scenario.until("orders accepts sessions on the moved clock") {
                try await system.orders.call(
                    OrderRecordDelivery.self,
                    DeliveryParams(
                        orderID: inspected.id, version: inspected.version, deliveredOn: lateDay,
                        lines: [
                            DeliveryLine(itemID: "item-1", quantity: 10), DeliveryLine(itemID: "item-2", quantity: 1),
                        ]),
                    token: lateVendor)
            }
            let accepted = try await system.orders.call(
                OrderInspect.self,
                InspectionParams(
                    orderID: late.id, version: late.version, deliveryID: "delivery-2", inspectedOn: lateDay,
                    lines: [
                        InspectionLine(itemID: "item-1", accepted: 10), InspectionLine(itemID: "item-2", accepted: 1),
                    ]), token: ppk)
            let received = try await system.orders.call(
                OrderConfirmReceipt.self,
                ReceiptParams(
                    orderID: accepted.id, version: accepted.version,
                    inspectionNotes: "Printer pengganti diterima dalam keadaan baik dan telah diuji cetak."),
                token: ppk)
            let bast = try #require(received.bast)
            let bastOriginal = try await system.orders.call(
                DocumentGet.self, DocumentRef(documentID: bast.id), token: ppk)
            let byVendor = try await system.orders.call(
                OrderAcknowledgeBAST.self, OrderAct(orderID: received.id, version: received.version), token: vendor)
            // The vendor affixes the meterai on the BAST and records it.
            _ = try await system.orders.call(
                DocumentRecordMeterai.self,
                MeteraiParams(documentID: bast.id, serialNumber: "0A1B2C3D4E5F6G7H8I9J0K", affixedOn: lateDay),
                token: vendor)
            // Recorded once, by a party of the order, with a real serial number and a past day.
            let meterai = MeteraiParams(documentID: bast.id, serialNumber: "0A1B2C3D4E5F6G7H8I9J0K", affixedOn: lateDay)
            #expect(
                await rpcError { _ = try await system.orders.call(DocumentRecordMeterai.self, meterai, token: vendor) }?
                    .code == 409)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        DocumentRecordMeterai.self, meterai, token: system.pupr[.ppk]!.token)
                }?.code == 403)
            var badSerial = meterai
            badSerial.documentID = sp.id
            badSerial.serialNumber = "no spaces!"
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.orders.call(DocumentRecordMeterai.self, badSerial, token: ppk)
                    })
                    == ["serialNumber"])
            var future = meterai
            future.documentID = sp.id
            future.affixedOn = lateDay.adding(days: 1)
            #expect(
                fieldNames(
                    await rpcError { _ = try await system.orders.call(DocumentRecordMeterai.self, future, token: ppk) })
                    == ["affixedOn"])
            let completed = try await system.orders.call(
                OrderAcknowledgeBAST.self, OrderAct(orderID: byVendor.id, version: byVendor.version), token: ppk)
            #expect(completed.state == .completed)

            // A force-majeure order of the same agency, acknowledged by the PA.
            let recorded = try await system.orders.call(
                ForceMajeureRecord.self,
                ForceMajeureRecordParams(
                    reason: .naturalDisaster,
                    description: "Banjir di Kecamatan Awayan: pengadaan darurat perahu karet dan pelampung",
                    vendorName: "Toko Sumber Makmur",
                    items: [
                        ForceMajeureItem(description: "Perahu karet", quantity: 1, unit: "unit", unitPrice: 4_500_000),
                        ForceMajeureItem(description: "Pelampung", quantity: 10, unit: "buah", unitPrice: 150_000),
                    ],
                    orderedOn: lateDay, beritaAcaraNumber: "BA-01/DINKES/XII/2026", fundingSource: .apbd,
                    budgetAccountCode: "5.1.02.99.99.9999"), token: ppk)
            _ = try await system.orders.call(
                ForceMajeureAcknowledge.self, ForceMajeureRef(id: recorded.id, version: recorded.version),
                token: system.balangan[.budgetHolder]!.token)

            let spCopy = try #require(
                try await system.orders.call(DocumentGet.self, DocumentRef(documentID: sp.id), token: ppk)
                    .acknowledgedCopy)
            let bastCopy = try #require(
                try await system.orders.call(DocumentGet.self, DocumentRef(documentID: bast.id), token: ppk)
                    .acknowledgedCopy)
            let baCopy = try #require(
                try await system.orders.call(
                    DocumentGet.self, DocumentRef(documentID: recorded.beritaAcara.id), token: ppk
                ).acknowledgedCopy)

            // What the originals say: only the signatures that had happened.
            let spOriginalText = flat(try PDFTools.text(of: pdf(original.pdfBase64), in: folder))
            #expect(spOriginalText.contains("Ditandatangani secara elektronik pada"))
            #expect(!spOriginalText.contains("Diterima secara elektronik"))
            #expect(spOriginalText.contains("Belum diakui secara elektronik"))
            let bastOriginalText = flat(try PDFTools.text(of: pdf(bastOriginal.pdfBase64), in: folder))
            #expect(!bastOriginalText.contains("Disetujui secara elektronik"))
            #expect(!bastOriginalText.contains("Ditandatangani secara elektronik"))

            // The Surat Pesanan as printed after the vendor's acknowledgement.
            let spPDF = try pdf(spCopy.pdfBase64)
            let spText = flat(try PDFTools.text(of: spPDF, in: folder))
            for expected in [
                "SURAT PESANAN", "PEMERINTAH KABUPATEN BALANGAN", "DINAS KESEHATAN KABUPATEN BALANGAN",
                "Jl. Jenderal A. Yani Km. 2,5", "Telepon (0526) 2028117", "dinkes@balangankab.go.id", sp.number,
                "Paringin, 23 November 2026",
                "Pejabat Pembuat Komitmen", "Nama Penyedia", market.vendor.name, "NPWP", "Status Pajak",
                "Pengusaha Kena Pajak (PKP)", "Kertas HVS A4", "Printer Laser", "Rp54.000,00", "Rp2.450.000,00",
                "Biaya instalasi", "Dasar Pengenaan Pajak (DPP)", "DPP nilai lain (11/12 × DPP)", "PPN 12%", "TOTAL",
                "rupiah)", "Pasal 9 Larangan Pemberian Komisi dan Gratifikasi", "Tempat meterai Rp10.000",
                "Ditandatangani secara elektronik pada 23 November 2026 pukul 09.00 WITA",
                "Diterima secara elektronik pada 23 November 2026 pukul 09.00 WITA",
                "Peraturan Bupati Balangan Nomor 92 Tahun 2023 Pasal 8", "Salinan berpengakuan ke-1",
                sp.seal.sha256,
            ] {
                #expect(spText.contains(expected), "Surat Pesanan: \(expected)")
            }
            #expect(!spText.contains("harga khusus"), "the vendor's negotiation remark stays out of the contract")
            let totals = try #require(completed.agreedTotals)
            #expect(spText.contains(totals.totalIncludingPPN.printed))
            #expect(spText.contains(totals.totalBeforePPN.printed) && spText.contains(totals.ppn.printed))
            #expect(spText.contains(totals.dppNilaiLain.printed))
            #expect(spText.contains(Terbilang.inParentheses(totals.totalIncludingPPN)))
            // The table adds up on paper: DPP + PPN = TOTAL.
            #expect((try totals.totalBeforePPN + totals.ppn) == totals.totalIncludingPPN)

            // The QR code on the printed copy leads to the document's verification.
            let png = try PDFTools.firstPagePNG(of: spPDF, to: folder + "/sp", dpi: 150)
            let payloads = try PDFTools.qrCodes(in: png)
            #expect(payloads.count == 1)
            let verified = try await system.orders.call(
                DocumentVerify.self, DocumentVerifyParams(sha256: try #require(payloads.first)))
            #expect(verified.authentic && verified.number == sp.number && verified.seal?.sha256 == sp.seal.sha256)

            // The BAST as printed after both acknowledgements and the meterai.
            let bastPDF = try pdf(bastCopy.pdfBase64)
            let bastText = flat(try PDFTools.text(of: bastPDF, in: folder))
            let lateWords = IndonesianDate.inWords(lateDay)
            for expected in [
                "BERITA ACARA SERAH TERIMA BARANG/JASA", "Pada \(lateWords)", "bertempat di Paringin",
                "Pihak Pertama (yang menyerahkan)", "Pihak Kedua (yang menerima)", sp.number, "Tim Pemeriksa",
                "Rahmadi Saputra, S.T.", "19850312 201001 1 004", "Ketua", "Nur Hasanah, S.Kom.",
                "19900115 201503 2 002", "Anggota", "sesuai dengan Surat Pesanan dalam fungsi, jumlah dan mutu",
                "Tanggal Pemeriksaan", IndonesianDate.long(today), IndonesianDate.long(lateDay), "rusak",
                "Tutup baki kertas retak", "Hari Terlambat", "Dasar (sebelum PPN)", "1‰ per hari", "Jumlah denda",
                "Meterai Rp10.000 telah dibubuhkan", "nomor seri 0A1B2C3D4E5F6G7H8I9J0K",
                "Disetujui secara elektronik pada", "Printer pengganti diterima",
            ] {
                #expect(bastText.contains(expected), "BAST: \(expected)")
            }
            #expect(!bastText.contains("defect") && !bastText.contains("damage"))
            let penalty = try #require(completed.execution?.penalty)
            #expect(penalty.total > .zero && bastText.contains(penalty.total.printed))
            #expect(bastText.contains("3"))
            #expect(bastCopy.acknowledgements.map(\.party) == ["vendor", "meterai", "ppk"])

            // The force-majeure Berita Acara, acknowledged by the PA.
            let baPDF = try pdf(baCopy.pdfBase64)
            let baText = flat(try PDFTools.text(of: baPDF, in: folder))
            for expected in [
                "BERITA ACARA PEMESANAN DI LUAR SISTEM (KEADAAN KAHAR)", "BA-01/DINKES/XII/2026",
                "Lampiran I huruf E Peraturan Bupati Balangan Nomor 92 Tahun 2023", "bencana alam", "Perahu karet",
                "Rp6.000.000,00 (enam juta rupiah)", "Tempat meterai Rp10.000", "Diketahui secara elektronik pada",
                "Ditandatangani secara elektronik pada", "Pengguna Anggaran/Kuasa Pengguna Anggaran",
                "Drs. H. Syahrani, M.Si.", "NIP 19700410 199503 1 003",
            ] {
                #expect(baText.contains(expected), "Berita Acara: \(expected)")
            }

            try Self.keepCurrent(
                [
                    ("surat-pesanan", spPDF, spCopy.html), ("bast", bastPDF, bastCopy.html),
                    ("berita-acara-keadaan-kahar", baPDF, baCopy.html),
                ], scratch: folder)
        }
    }

    @Test func aSecondTenantPrintsItsOwnTexts() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let today = CivilDate(system.clock.now())
            let recorded = try await system.orders.call(
                ForceMajeureRecord.self,
                ForceMajeureRecordParams(
                    reason: .naturalDisaster, description: "Banjir di Kecamatan Wonomulyo", vendorName: "Toko Mandar",
                    items: [ForceMajeureItem(description: "Tenda", quantity: 2, unit: "unit", unitPrice: 1_500_000)],
                    orderedOn: today, beritaAcaraNumber: "BA-07/DINKES/2026", fundingSource: .apbd,
                    budgetAccountCode: "5.1.02.99"), token: system.polman[.ppk]!.token)
            let content = try await system.orders.call(
                DocumentGet.self, DocumentRef(documentID: recorded.beritaAcara.id), token: system.polman[.ppk]!.token)
            #expect(content.html.contains("Polewali,"))
            #expect(content.html.contains("Peraturan Presiden Nomor 16 Tahun 2018 Pasal 55"))
            #expect(
                content.html.contains("Perbup Polewali Mandar") || content.html.contains("Polewali Mandar Nomor 31"))
            #expect(!content.html.contains("Balangan"))
            #expect(!content.html.contains("Tempat meterai"), "Rp3,000,000 is below the stamp-duty threshold")
            let noPlace = await rpcError {
                _ = try await system.orders.call(
                    DocumentRecordMeterai.self,
                    MeteraiParams(documentID: recorded.beritaAcara.id, serialNumber: "ABCDE12345", affixedOn: today),
                    token: system.polman[.ppk]!.token)
            }
            #expect(noPlace?.code == 409 && noPlace?.data?["currentState"]?.stringValue == "no_meterai")
        }
    }

    /// A 60×72 shield for the letterhead: a placeholder, not any regency's real emblem.
    static let emblem: [UInt8] = SampleFiles.png(width: 60, height: 72) { x, y in
        let center = 29.5
        let halfWidth = y < 40 ? 27.0 : 27.0 * Double(72 - y) / 32.0
        let distance = abs(Double(x) - center)
        guard y >= 2, distance <= halfWidth else { return [0xFF, 0xFF, 0xFF] }
        if distance > halfWidth - 4 || y < 6 { return [0x1B, 0x6B, 0x3A] }
        let dx = Double(x) - center
        let dy = Double(y) - 30
        if dx * dx + dy * dy < 90 { return [0xFF, 0xFF, 0xFF] }
        return [0xE6, 0xB4, 0x1E]
    }

    /// The text with every run of white space (line breaks included) made one space.
    func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func pdf(_ base64: String) throws -> [UInt8] {
        [UInt8](try #require(Data(base64Encoded: base64)))
    }

    /// Writes the samples under SIOPEN_REGENERATE_SAMPLES=1; otherwise checks that the committed
    /// ones say what was printed now.
    static func keepCurrent(_ documents: [(name: String, pdf: [UInt8], html: String)], scratch: String) throws {
        try SampleDocumentFiles.keepCurrent(
            documents, in: samples, scratch: scratch,
            regenerate: "SIOPEN_REGENERATE_SAMPLES=1 swift test --filter DocumentSamplesTests")
    }
}
