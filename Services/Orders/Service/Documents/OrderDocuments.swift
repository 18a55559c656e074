import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain

/// What every printed document of a tenant needs besides its own content: the texts and
/// stamp-duty rule in force on its date (tenant data), the place of signing, the calendar its
/// times are stated in, and the regency's emblem.
struct DocumentSetting {
    /// The texts in force on the document's date.
    var texts: DocumentTexts
    /// The stamp-duty rule in force on the document's date, if any.
    var meterai: BeaMeteraiRule?
    /// The place of signing (the regency's seat).
    var place: String
    /// The tenant's calendar (WITA for Balangan and Polewali Mandar).
    var calendar: TenantCalendar
    /// The regency's emblem file, when orders holds one.
    var emblem: Data?

    /// The setting of `tenant`'s documents dated `date`, signed at `place`.
    static func of(_ settings: OrdersSettings, tenant: String, on date: CivilDate, place: String, emblem: Data? = nil)
        -> DocumentSetting
    {
        DocumentSetting(
            texts: DocumentTextRules.texts(settings, on: date), meterai: DocumentTextRules.meterai(settings, on: date),
            place: place, calendar: TenantCalendar.of(tenant: tenant), emblem: emblem)
    }

    /// Where the meterai goes, when `amount` is above the threshold: "Tempat meterai Rp10.000".
    func meteraiPlace(for amount: Rupiah) -> String? {
        meterai?.place(for: amount)
    }
}

/// The printed forms of an order's legal documents (Pasal 8, annex I.F).
enum OrderDocuments {
    // MARK: Parties

    /// The parties to print: the order's snapshot from its Surat Pesanan, or, until identity's
    /// party events reach orders (and for orders issued before), what the order itself knows.
    static func parties(
        _ order: StoredOrder, payee: (npwp: String, bankAccount: BankAccount?)?, place: String
    ) -> OrderParties {
        if let parties = order.data.parties { return parties }
        let vendor = order.data.vendor
        return OrderParties(
            regency: fallbackRegency(tenant: order.tenant, place: place), agency: fallbackAgency(order.agency),
            ppk: OfficialParty(
                accountID: order.ppkAccountID, name: order.data.ppkName, nip: "", rank: "", position: ""),
            vendor: VendorParty(
                vendorID: vendor.id, name: vendor.name, kind: .entity, signerName: vendor.name, signerPosition: "",
                address: "", npwp: payee?.npwp ?? "", nib: nil, isPKP: vendor.isPKP,
                bankAccount: payee?.bankAccount ?? BankAccount(bank: "", number: "", holderName: "")))
    }

    /// The place of signing: the regency's seat, or the tenant's document place while the seat is unknown.
    static func place(_ parties: OrderParties, _ settings: OrdersSettings) -> String {
        parties.regency.seat.isEmpty ? settings.documentPlace : parties.regency.seat
    }

    /// The regency as orders knows it without identity's party data: its code and the tenant's place of signing.
    static func fallbackRegency(tenant: String, place: String) -> RegencyParty {
        RegencyParty(code: tenant, governmentName: "Pemerintah Kabupaten \(tenant.capitalized)", seat: place)
    }

    /// The agency as orders knows it without identity's party data: its code.
    static func fallbackAgency(_ code: String) -> AgencyParty {
        AgencyParty(code: code, name: code.uppercased(), address: "", phone: "", email: "", npwp: "")
    }

    /// The kop surat: the regency's and the agency's full names, the agency's address, phone and email.
    static func letterhead(_ parties: OrderParties) -> [String] {
        letterhead(regency: parties.regency, agency: parties.agency)
    }

    /// The kop surat of a regency and agency.
    static func letterhead(regency: RegencyParty, agency: AgencyParty) -> [String] {
        PrintedParties.letterhead(regency: regency, agency: agency)
    }

    /// The PPK's identification lines: name, NIP, rank, position, agency.
    static func officialFields(_ official: OfficialParty, agency: AgencyParty) -> [LegalDocument.Field] {
        var fields: [LegalDocument.Field] = [.init("Nama", official.name)]
        fields.append(.init("NIP", printedNIP(official.nip) ?? "-"))
        if !official.rank.isEmpty { fields.append(.init("Pangkat/Golongan", official.rank)) }
        fields.append(.init("Jabatan", official.position.isEmpty ? "Pejabat Pembuat Komitmen" : official.position))
        fields.append(.init("Satuan Kerja", agency.name))
        if !agency.address.isEmpty { fields.append(.init("Alamat", agency.address)) }
        return fields
    }

    /// The vendor's identification lines: company, signer and position, address, NPWP, NIB, PKP status, bank.
    static func vendorFields(_ vendor: VendorParty) -> [LegalDocument.Field] {
        var fields: [LegalDocument.Field] = [.init("Nama Penyedia", vendor.name)]
        if vendor.kind == .entity || vendor.signerName != vendor.name {
            fields.append(.init("Nama", vendor.signerName))
            if !vendor.signerPosition.isEmpty { fields.append(.init("Jabatan", vendor.signerPosition)) }
        }
        fields.append(.init("Alamat", vendor.address.isEmpty ? "-" : vendor.address))
        fields.append(.init("NPWP", vendor.npwp.isEmpty ? "-" : printedNPWP(vendor.npwp)))
        if let nib = vendor.nib { fields.append(.init("NIB", nib)) }
        fields.append(
            .init("Status Pajak", vendor.isPKP ? "Pengusaha Kena Pajak (PKP)" : "Bukan Pengusaha Kena Pajak"))
        let bank = vendor.bankAccount
        if !bank.number.isEmpty {
            fields.append(.init("Rekening", "\(bank.bank) nomor \(bank.number) atas nama \(bank.holderName)"))
        }
        return fields
    }

    /// "NIP 19870101 201001 1 001" for a valid NIP, nil for none.
    static func printedNIP(_ nip: String) -> String? { PrintedParties.nip(nip) }

    /// A legacy 15-digit NPWP as `XX.XXX.XXX.X-XXX.XXX`; 16-digit ones as they are.
    static func printedNPWP(_ npwp: String) -> String { PrintedParties.npwp(npwp) }

    /// The signature block of the PPK.
    static func ppkSignatory(_ parties: OrderParties, role: String, note: String) -> LegalDocument.Signatory {
        .init(
            role: role + "\n" + parties.agency.name, name: parties.ppk.name,
            detail: printedNIP(parties.ppk.nip).map { "NIP \($0)" }, signedNote: note, party: "ppk")
    }

    /// The signature block of the vendor: the person who signs, for the company.
    static func vendorSignatory(_ parties: OrderParties, role: String, note: String, meterai: String?)
        -> LegalDocument.Signatory
    {
        let vendor = parties.vendor
        return .init(
            role: role + "\n" + vendor.name, name: vendor.signerName,
            detail: vendor.signerPosition.isEmpty ? nil : vendor.signerPosition, signedNote: note, party: "vendor",
            meterai: meterai)
    }

    // MARK: Notes in signature blocks

    /// The issuer's signature, which the sealed original carries.
    static func signedNote(at instant: Date, calendar: TenantCalendar) -> String {
        "Ditandatangani secara elektronik pada \(IndonesianDate.instant(instant, calendar: calendar))"
    }

    /// What an original prints for a party that has not acted yet: nothing is claimed.
    static let pendingNote = "Belum diakui secara elektronik"

    /// What the acknowledged copy prints for `party` acknowledging `kind` at `instant`.
    static func acknowledgedNote(party: String, kind: DocumentKind, at instant: Date, calendar: TenantCalendar)
        -> String
    {
        let verb: String
        switch (kind, party) {
        case (.suratPesanan, _): verb = "Diterima"
        case (.forceMajeure, _): verb = "Diketahui"
        default: verb = "Disetujui"
        }
        return "\(verb) secara elektronik pada \(IndonesianDate.instant(instant, calendar: calendar))"
    }

    // MARK: Money

    /// An amount as a table cell: `Rp10.000.000,00`.
    static func money(_ amount: Rupiah) -> String { amount.printed }

    /// The money rows under an order's item table, so the table adds up on paper.
    ///
    /// The one place that turns ``OrderTotals`` into printed lines: supporting costs, the stated
    /// sum, then as the tax invoice states them the tax base (DPP), the DPP nilai lain where the
    /// rule has one (11/12 of the DPP from 2025, PMK 131/2024), the PPN at its tariff, any
    /// rounding of PPN-inclusive prices, and the total.
    static func totalRows(_ totals: OrderTotals, columns: Int) -> [[String]] {
        func row(_ label: String, _ amount: String) -> [String] {
            ["", label] + Array(repeating: "", count: max(0, columns - 3)) + [amount]
        }
        let pkp = totals.ppnTerms.vendorStatus == .pkp
        let included = pkp && totals.ppnTerms.priceBasis == .ppnIncluded
        let rate = totals.ppnTerms.rate
        var rows = [
            row(
                included ? "Jumlah harga barang/jasa (termasuk PPN)" : "Jumlah harga barang/jasa",
                money(totals.itemsSubtotal))
        ]
        if totals.deliveryCost > .zero { rows.append(row("Ongkos kirim", money(totals.deliveryCost))) }
        if totals.installationCost > .zero { rows.append(row("Biaya instalasi", money(totals.installationCost))) }
        if totals.trainingCost > .zero { rows.append(row("Biaya pelatihan", money(totals.trainingCost))) }
        guard pkp else {
            rows.append(row("TOTAL (penyedia bukan PKP, tanpa PPN)", money(totals.totalIncludingPPN)))
            return rows
        }
        // The lines above include PPN: state their sum, then split it as the tax invoice does.
        if included { rows.append(row("Jumlah (termasuk PPN)", money(totals.statedTotal))) }
        rows.append(row("Dasar Pengenaan Pajak (DPP)", money(totals.totalBeforePPN)))
        if let numerator = rate.otherBaseNumerator, let denominator = rate.otherBaseDenominator {
            rows.append(
                row("DPP nilai lain (\(numerator)/\(denominator) × DPP)", money(totals.dppNilaiLain)))
        }
        rows.append(row("PPN \(percent(rate.numerator, rate.denominator))", money(totals.ppn)))
        if totals.roundingDifference != 0 {
            rows.append(
                row(
                    "Pembulatan DPP dan PPN",
                    (totals.roundingDifference > 0 ? "+" : "−") + "Rp\(abs(totals.roundingDifference)),00"
                ))
        }
        rows.append(row("TOTAL", money(totals.totalIncludingPPN)))
        return rows
    }

    /// A tariff as printed: 12/100 gives "12%", 11/100 "11%", 55/1000 "5,5%".
    static func percent(_ numerator: Int64, _ denominator: Int64) -> String {
        TaxRate(numerator: numerator, denominator: denominator).display
    }

    // MARK: Surat Pesanan

    /// The Surat Pesanan: parties, items and money, delivery, and every agreed clause. The
    /// PPK's signature is the issuer's; the vendor's block says it has not acknowledged yet.
    static func suratPesanan(
        number: String, issuedOn: CivilDate, order: StoredOrder, parties: OrderParties, agreed: NegotiationOffer,
        totals: OrderTotals, setting: DocumentSetting, issuedAt: Date
    ) -> LegalDocument {
        let data = order.data
        let names = Dictionary(data.items.map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
        let columns: [LegalDocument.Table.Column] = [
            .init("No", alignment: .center), .init("Barang/Jasa"), .init("Jumlah", alignment: .right),
            .init("Satuan"), .init("Harga Satuan", alignment: .right), .init("Total", alignment: .right),
        ]
        let rows = totals.lines.enumerated().map { index, line in
            [
                String(index + 1), names[line.itemID]?.name ?? line.itemID, String(line.quantity),
                names[line.itemID]?.unit ?? "", money(line.unitPrice), money(line.amount),
            ]
        }
        let terms = data.terms
        var blocks: [LegalDocument.Block] = [
            .paragraph("Yang bertanda tangan di bawah ini:"),
            .fields(officialFields(parties.ppk, agency: parties.agency)),
            .paragraph("selanjutnya disebut Pejabat Pembuat Komitmen, memesan kepada:"),
            .fields(vendorFields(parties.vendor)),
            .paragraph(
                "selanjutnya disebut Penyedia, barang/jasa dengan rincian, harga dan ketentuan sebagai berikut:"),
            .fields([
                .init("Nama Paket", data.preparation.packageName),
                .init("Sumber Dana", data.preparation.fundingSource.rawValue.uppercased()),
                .init("Kode Rekening", data.preparation.budgetAccountCode),
                .init("Alamat Pengiriman", data.preparation.deliveryAddress),
                .init("Batas Waktu Penyerahan", IndonesianDate.long(agreed.deliveryDate)),
            ]),
            .heading("Rincian Barang/Jasa"),
            .table(.init(columns: columns, rows: rows, footer: totalRows(totals, columns: columns.count))),
            .paragraph("Total harga: \(Terbilang.amount(totals.totalIncludingPPN))."),
            .heading("Spesifikasi Teknis"),
            .paragraph(data.preparation.technicalSpecification),
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
        // The negotiation's notes (the vendor's own remarks) stay in the negotiation record.
        blocks.append(
            .paragraph(
                "Demikian Surat Pesanan ini dibuat dan diterbitkan secara elektronik melalui \(setting.texts.systemName), dan berlaku sejak diterima oleh Penyedia."
            ))
        blocks.append(
            .signatures(
                .init(
                    placeAndDate: "\(setting.place), \(IndonesianDate.long(issuedOn))",
                    parties: [
                        vendorSignatory(
                            parties, role: "Penyedia", note: pendingNote,
                            meterai: setting.meteraiPlace(for: totals.totalIncludingPPN)),
                        ppkSignatory(
                            parties, role: "Pejabat Pembuat Komitmen",
                            note: signedNote(at: issuedAt, calendar: setting.calendar)),
                    ])))
        blocks.append(.smallPrint(DocumentTextRules.sealNote(setting.texts)))
        return LegalDocument(
            letterhead: letterhead(parties), title: "SURAT PESANAN", documentNumber: number, issuedOn: issuedOn,
            blocks: blocks, emblem: setting.emblem)
    }

    // MARK: BAST

    /// Replacement reasons as the BAST names them (annex I.D.3.h).
    static func reason(_ reason: RejectionReason) -> String {
        switch reason {
        case .defect: return "cacat"
        case .damage: return "rusak"
        case .malfunction: return "tidak berfungsi (malfungsi)"
        case .specificationMismatch: return "tidak sesuai spesifikasi"
        }
    }

    /// The handover record: opened with its date in words, the parties, what was accepted and
    /// when it was inspected, by whom, the replacements, and the penalty. Neither party's
    /// acknowledgement is printed until it happens (the acknowledged copies show them).
    static func bast(
        number: String, issuedOn: CivilDate, order: StoredOrder, parties: OrderParties, suratPesanan: DocumentInfo,
        ledger: DeliveryLedger, agreed: NegotiationOffer, totals: OrderTotals, penalty: LatePenaltyAssessment,
        notes: String?, setting: DocumentSetting
    ) -> LegalDocument {
        let data = order.data
        let names = Dictionary(data.items.map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
        let itemRows = ledger.items.enumerated().map { index, item in
            [
                String(index + 1), names[item.itemID]?.name ?? item.itemID, String(item.ordered), String(item.accepted),
                names[item.itemID]?.unit ?? "",
            ]
        }
        let inspected = data.inspectedOn ?? [:]
        let deliveryRows = ledger.deliveries.map { delivery in
            [
                IndonesianDate.long(delivery.deliveredOn),
                delivery.lines.map { "\(names[$0.itemID]?.name ?? $0.itemID): \($0.quantity)" }.joined(separator: "; "),
                inspected[delivery.deliveryID].map(IndonesianDate.long) ?? (delivery.inspected ? "diperiksa" : "-"),
            ]
        }
        let late = penalty.parts.contains { $0.daysLate > 0 }
        var blocks: [LegalDocument.Block] = [
            .paragraph(
                "Pada \(IndonesianDate.inWords(issuedOn)), bertempat di \(setting.place), yang bertanda tangan di bawah ini:"
            ),
            .heading("Pihak Pertama (yang menyerahkan)"),
            .fields(vendorFields(parties.vendor)),
            .heading("Pihak Kedua (yang menerima)"),
            .fields(officialFields(parties.ppk, agency: parties.agency)),
            .paragraph(
                "Berdasarkan Surat Pesanan Nomor \(suratPesanan.number) tanggal \(IndonesianDate.long(suratPesanan.issuedOn)), Pihak Pertama telah menyerahkan kepada Pihak Kedua, dan Pihak Kedua telah menerima 100% (seratus persen), barang/jasa berikut:"
            ),
            .fields([
                .init("Nama Paket", data.preparation.packageName),
                .init("Nilai Pesanan", Terbilang.amount(totals.totalIncludingPPN)),
                .init("Batas Waktu Penyerahan", IndonesianDate.long(agreed.deliveryDate)),
            ]),
            .heading("Barang/Jasa yang Diterima"),
            .table(
                .init(
                    columns: [
                        .init("No", alignment: .center), .init("Barang/Jasa"), .init("Dipesan", alignment: .right),
                        .init("Diterima", alignment: .right), .init("Satuan"),
                    ],
                    rows: itemRows)),
            .heading("Pengiriman dan Pemeriksaan"),
            .table(
                .init(
                    columns: [.init("Tanggal Pengiriman"), .init("Rincian"), .init("Tanggal Pemeriksaan")],
                    rows: deliveryRows)),
        ]
        let team = data.inspectionTeam ?? []
        blocks.append(.heading("Tim Pemeriksa"))
        if team.isEmpty {
            blocks.append(.paragraph("Pemeriksaan dilakukan oleh Pejabat Pembuat Komitmen tanpa tim pemeriksa."))
        } else {
            blocks.append(
                .paragraph(
                    "Pemeriksaan dilakukan oleh Pejabat Pembuat Komitmen dibantu tim pemeriksa (\(setting.texts.inspectionBasis)):"
                ))
            blocks.append(
                .table(
                    .init(
                        columns: [
                            .init("No", alignment: .center), .init("Nama"), .init("NIP"), .init("Kedudukan dalam Tim"),
                        ],
                        rows: team.enumerated().map { [String($0 + 1), $1.name, $1.nip.printed, $1.role] })))
        }
        blocks.append(
            .paragraph(
                late
                    ? "Hasil pemeriksaan menyatakan bahwa barang/jasa yang diserahkan telah sesuai dengan Surat Pesanan dalam fungsi, jumlah dan mutu; penyerahan melewati batas waktu sebagaimana diuraikan di bawah ini, dan atas keterlambatan tersebut dikenakan denda."
                    : "Hasil pemeriksaan menyatakan bahwa barang/jasa yang diserahkan telah sesuai dengan Surat Pesanan dalam fungsi, jumlah, mutu dan waktu penyerahan."
            ))
        if !ledger.replacementRequests.isEmpty {
            blocks.append(.heading("Penggantian"))
            blocks.append(
                .table(
                    .init(
                        columns: [
                            .init("Tanggal Pemeriksaan"), .init("Barang/Jasa"), .init("Jumlah", alignment: .right),
                            .init("Alasan"), .init("Catatan"),
                        ],
                        rows: ledger.replacementRequests.map {
                            [
                                IndonesianDate.long($0.requestedOn), names[$0.itemID]?.name ?? $0.itemID,
                                String($0.quantity), reason($0.reason), $0.note,
                            ]
                        })))
            blocks.append(
                .paragraph("Barang/jasa tersebut telah diganti oleh Penyedia atas biaya Penyedia dan diterima."))
        }
        blocks.append(.heading("Denda Keterlambatan"))
        if penalty.total > .zero {
            blocks.append(
                .table(
                    .init(
                        columns: [
                            .init("Hari Terlambat", alignment: .right), .init("Hari Dikenakan", alignment: .right),
                            .init("Dasar (sebelum PPN)", alignment: .right), .init("Tarif"),
                            .init("Denda", alignment: .right),
                        ],
                        rows: penalty.parts.map { part in
                            [
                                String(part.daysLate), String(part.daysCharged), part.base.map(money) ?? "-",
                                "\(penalty.perMille)‰ per hari", money(part.amount),
                            ]
                        },
                        footer: [["", "", "", "Jumlah denda", money(penalty.total)]])))
            blocks.append(
                .paragraph(
                    "Denda keterlambatan sebesar \(Terbilang.amount(penalty.total)) diperhitungkan pada pembayaran."))
        } else {
            blocks.append(.paragraph("Tidak ada keterlambatan; tidak ada denda."))
        }
        if let notes, !notes.isEmpty {
            blocks.append(.heading("Catatan Pemeriksaan"))
            blocks.append(.paragraph(notes))
        }
        blocks.append(
            .paragraph(
                "Demikian Berita Acara Serah Terima ini dibuat secara elektronik melalui \(setting.texts.systemName) untuk dipergunakan sebagaimana mestinya."
            ))
        blocks.append(
            .signatures(
                .init(
                    placeAndDate: "\(setting.place), \(IndonesianDate.long(issuedOn))",
                    parties: [
                        vendorSignatory(
                            parties, role: "Pihak Pertama, Yang Menyerahkan", note: pendingNote,
                            meterai: setting.meteraiPlace(for: totals.totalIncludingPPN)),
                        ppkSignatory(parties, role: "Pihak Kedua, Yang Menerima", note: pendingNote),
                    ])))
        blocks.append(.smallPrint(DocumentTextRules.sealNote(setting.texts)))
        return LegalDocument(
            letterhead: letterhead(parties), title: "BERITA ACARA SERAH TERIMA BARANG/JASA", documentNumber: number,
            issuedOn: issuedOn, blocks: blocks, emblem: setting.emblem)
    }
}
