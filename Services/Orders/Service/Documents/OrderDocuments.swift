import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain

/// The printed forms of an order's legal documents (Pasal 8, annex I.F).
enum OrderDocuments {
    static func letterhead(tenant: String, agency: String) -> [String] {
        [
            "PEMERINTAH KABUPATEN \(tenant.uppercased())", "SATUAN KERJA \(agency.uppercased())",
            "SiOpen: Sistem Order E-Marketplace Pengadaan Barang/Jasa Pemerintah Daerah",
        ]
    }

    static let sealNote =
        "Dokumen ini diterbitkan dan dicetak secara elektronik oleh SiOpen dan merupakan bukti sah transaksi (Perbup Balangan 92/2023 Pasal 8). Keasliannya dapat diperiksa dengan mengunggah dokumen atau nilai SHA-256-nya ke layanan verifikasi dokumen SiOpen (document.verify)."

    static func money(_ amount: Rupiah) -> String { amount.formatted }

    /// The Surat Pesanan: parties, items and money, delivery, and every agreed clause.
    static func suratPesanan(
        number: String, issuedOn: CivilDate, order: StoredOrder, ppkName: String, agreed: NegotiationOffer,
        totals: OrderTotals, place: String
    ) -> LegalDocument {
        let data = order.data
        let names = Dictionary(uniqueKeysWithValues: data.items.map { ($0.itemID, $0) })
        let rows = totals.lines.enumerated().map { index, line in
            [
                String(index + 1), names[line.itemID]?.name ?? line.itemID, String(line.quantity),
                names[line.itemID]?.unit ?? "", money(line.unitPrice), money(line.amount),
            ]
        }
        var footer: [[String]] = [["", "Jumlah harga barang/jasa", "", "", "", money(totals.itemsSubtotal)]]
        if totals.deliveryCost > .zero { footer.append(["", "Ongkos kirim", "", "", "", money(totals.deliveryCost)]) }
        if totals.installationCost > .zero {
            footer.append(["", "Biaya instalasi", "", "", "", money(totals.installationCost)])
        }
        if totals.trainingCost > .zero {
            footer.append(["", "Biaya pelatihan", "", "", "", money(totals.trainingCost)])
        }
        let ppnLabel =
            totals.ppnTerms.vendorStatus == .pkp
            ? (totals.ppnTerms.priceBasis == .ppnIncluded ? "PPN (termasuk dalam harga)" : "PPN")
            : "PPN (penyedia bukan PKP)"
        footer.append(["", ppnLabel, "", "", "", money(totals.ppn)])
        footer.append(["", "TOTAL", "", "", "", money(totals.totalIncludingPPN)])
        let terms = data.terms
        var blocks: [LegalDocument.Block] = [
            .fields([
                .init("Nama Paket", data.preparation.packageName),
                .init("Satuan Kerja", order.agency),
                .init("Sumber Dana", data.preparation.fundingSource.rawValue.uppercased()),
                .init("Kode Rekening", data.preparation.budgetAccountCode),
                .init("Pejabat Pembuat Komitmen", ppkName),
                .init("Penyedia", data.vendor.name + (data.vendor.isPKP ? " (PKP)" : "")),
                .init("Alamat Pengiriman", data.preparation.deliveryAddress),
                .init("Tanggal Pengiriman", IndonesianDate.long(agreed.deliveryDate)),
            ]),
            .paragraph(
                "Yang bertanda tangan di bawah ini, Pejabat Pembuat Komitmen, memesan kepada Penyedia barang/jasa dengan rincian, harga dan ketentuan sebagai berikut:"
            ),
            .heading("Rincian Barang/Jasa"),
            .table(
                .init(
                    columns: [
                        .init("No", alignment: .center), .init("Barang/Jasa"), .init("Jumlah", alignment: .right),
                        .init("Satuan"),
                        .init("Harga Satuan", alignment: .right), .init("Total", alignment: .right),
                    ],
                    rows: rows, footer: footer)),
            .paragraph("Terbilang: \(Terbilang.rupiah(totals.totalIncludingPPN))."),
            .heading("Spesifikasi Teknis"),
            .paragraph(data.preparation.technicalSpecification),
            .heading("Ketentuan"),
        ]
        let clauses: [(String, String)] = [
            ("Hak dan Kewajiban", terms.rightsAndObligations), ("Pelaksanaan Pekerjaan", terms.workExecution),
            ("Harga", terms.price),
            ("Pembayaran", terms.payment), ("Sanksi", terms.sanctions), ("Denda Keterlambatan", terms.latePenalty),
            ("Keadaan Kahar", terms.forceMajeure),
            ("Penyelesaian Perselisihan", terms.disputeSettlement),
            ("Larangan Pemberian Komisi dan Gratifikasi", terms.antiGratification),
        ]
        for (index, clause) in clauses.enumerated() {
            blocks.append(.heading("Pasal \(index + 1) \(clause.0)"))
            blocks.append(.paragraph(clause.1))
        }
        if !agreed.note.isEmpty { blocks.append(.paragraph("Catatan negosiasi: \(agreed.note)")) }
        blocks.append(
            .signatures(
                .init(
                    placeAndDate: "\(place), \(IndonesianDate.long(issuedOn))",
                    parties: [
                        .init(role: "Penyedia", name: data.vendor.name, signedNote: "menerima secara elektronik"),
                        .init(
                            role: "Pejabat Pembuat Komitmen", name: ppkName, detail: order.agency,
                            signedNote: "ditandatangani secara elektronik"),
                    ])))
        blocks.append(.smallPrint(sealNote))
        return LegalDocument(
            letterhead: letterhead(tenant: order.tenant, agency: order.agency), title: "SURAT PESANAN",
            documentNumber: number, issuedOn: issuedOn, blocks: blocks)
    }

    /// The handover record: what was accepted, when, with the inspection notes and the penalty.
    static func bast(
        number: String, issuedOn: CivilDate, order: StoredOrder, ppkName: String, suratPesanan: DocumentInfo,
        ledger: DeliveryLedger,
        totals: OrderTotals, penalty: LatePenaltyAssessment, notes: String?, place: String
    ) -> LegalDocument {
        let data = order.data
        let names = Dictionary(uniqueKeysWithValues: data.items.map { ($0.itemID, $0) })
        let itemRows = ledger.items.enumerated().map { index, item in
            [
                String(index + 1), names[item.itemID]?.name ?? item.itemID, String(item.ordered), String(item.accepted),
                names[item.itemID]?.unit ?? "",
            ]
        }
        let deliveryRows = ledger.deliveries.map { delivery in
            [
                IndonesianDate.long(delivery.deliveredOn),
                delivery.lines.map { "\(names[$0.itemID]?.name ?? $0.itemID): \($0.quantity)" }.joined(separator: "; "),
            ]
        }
        var blocks: [LegalDocument.Block] = [
            .paragraph(
                "Pada tanggal \(IndonesianDate.long(issuedOn)), Pejabat Pembuat Komitmen dan Penyedia melakukan serah terima barang/jasa atas Surat Pesanan berikut, yang telah diterima 100% (seratus persen) sesuai ketentuan."
            ),
            .fields([
                .init("Nomor Surat Pesanan", suratPesanan.number),
                .init("Tanggal Surat Pesanan", IndonesianDate.long(suratPesanan.issuedOn)),
                .init("Nama Paket", data.preparation.packageName),
                .init("Satuan Kerja", order.agency),
                .init("Pejabat Pembuat Komitmen", ppkName),
                .init("Penyedia", data.vendor.name),
                .init(
                    "Nilai Pesanan",
                    "\(money(totals.totalIncludingPPN)) (\(Terbilang.rupiah(totals.totalIncludingPPN)))"),
            ]),
            .heading("Barang/Jasa yang Diterima"),
            .table(
                .init(
                    columns: [
                        .init("No", alignment: .center), .init("Barang/Jasa"), .init("Dipesan", alignment: .right),
                        .init("Diterima", alignment: .right), .init("Satuan"),
                    ],
                    rows: itemRows)),
            .heading("Pengiriman"),
            .table(.init(columns: [.init("Tanggal"), .init("Rincian")], rows: deliveryRows)),
        ]
        if !ledger.replacementRequests.isEmpty {
            blocks.append(.heading("Penggantian"))
            blocks.append(
                .table(
                    .init(
                        columns: [
                            .init("Barang/Jasa"), .init("Jumlah", alignment: .right), .init("Alasan"), .init("Catatan"),
                        ],
                        rows: ledger.replacementRequests.map {
                            [names[$0.itemID]?.name ?? $0.itemID, String($0.quantity), $0.reason.rawValue, $0.note]
                        })))
        }
        if let notes, !notes.isEmpty {
            blocks.append(.heading("Catatan Pemeriksaan"))
            blocks.append(.paragraph(notes))
        }
        blocks.append(.heading("Denda Keterlambatan"))
        blocks.append(
            .paragraph(
                penalty.total > .zero
                    ? "Denda keterlambatan sebesar \(money(penalty.total)) (\(Terbilang.rupiah(penalty.total))), 1‰ per hari dari nilai bagian yang terlambat sebelum PPN, diperhitungkan pada pembayaran."
                    : "Tidak ada keterlambatan; tidak ada denda."))
        blocks.append(
            .signatures(
                .init(
                    placeAndDate: "\(place), \(IndonesianDate.long(issuedOn))",
                    parties: [
                        .init(
                            role: "Yang Menyerahkan, Penyedia", name: data.vendor.name,
                            signedNote: "diakui secara elektronik"),
                        .init(
                            role: "Yang Menerima, Pejabat Pembuat Komitmen", name: ppkName, detail: order.agency,
                            signedNote: "diakui secara elektronik"),
                    ])))
        blocks.append(.smallPrint(sealNote))
        return LegalDocument(
            letterhead: letterhead(tenant: order.tenant, agency: order.agency),
            title: "BERITA ACARA SERAH TERIMA BARANG/JASA", documentNumber: number,
            issuedOn: issuedOn, blocks: blocks)
    }
}
