// A realistic payment of Dinas Kesehatan Kabupaten Balangan to CV Karya Banua Mandiri (the parties
// of the order samples in docs/samples/): a PKP goods vendor paid by LS, with PPN collected, PPh 22
// withheld and a three-day late penalty; and the facts each payment document prints.
import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenScenario
import Testing

@testable import PaymentsService

enum PaymentFixtures {
    /// Monday 7 December 2026, 10:00 WITA.
    static let instructedAt = Date(timeIntervalSince1970: 1_796_608_800)
    /// The bank settles two and a half hours later.
    static let settledAt = instructedAt.addingTimeInterval(9_000)
    static let approvedAt = instructedAt.addingTimeInterval(-3_600)
    static let day = CivilDate.fixed("2026-12-07")

    static let parties = PaymentParties(
        regency: RegencyParty(code: "balangan", governmentName: "Pemerintah Kabupaten Balangan", seat: "Paringin"),
        agency: AgencyParty(
            code: "DINKES", name: "Dinas Kesehatan Kabupaten Balangan",
            address: "Jl. Jenderal A. Yani Km. 2,5 Paringin Kota, Kecamatan Paringin, Kabupaten Balangan 71618",
            phone: "(0526) 2028117", email: "dinkes@balangankab.go.id", npwp: "0021436587731000"),
        ppk: OfficialParty(
            accountID: "acc-ppk", name: "Ir. Muhammad Ridwan, M.T.", nip: "198203152008011002",
            rank: "Penata Tingkat I (III/d)", position: "Kepala Bidang Sumber Daya Kesehatan"),
        budgetHolder: OfficialParty(
            accountID: "acc-pa", name: "Drs. H. Syahrani, M.Si.", nip: "197004101995031003",
            rank: "Pembina Utama Muda (IV/c)", position: "Kepala Dinas Kesehatan"),
        treasurer: OfficialParty(
            accountID: "acc-bendahara", name: "Siti Rahmah, S.E.", nip: "198806212014022003",
            rank: "Penata Muda Tingkat I (III/b)", position: "Bendahara Pengeluaran"),
        treasurerNITKU: "0021436587731000000000",
        vendor: VendorParty(
            vendorID: "vendor-1", name: "CV Karya Banua Mandiri", kind: .entity, signerName: "H. Ahmad Rizani, S.T.",
            signerPosition: "Direktur",
            address: "Jl. Putri Kabu No. 17 RT 004 RW 002, Paringin Kota, Paringin, Balangan 71618",
            npwp: "317542196731000", nib: "9120304152637", isPKP: true,
            bankAccount: BankAccount(bank: "Bank Kalsel", number: "0310104422", holderName: "CV Karya Banua Mandiri")),
        vendorNITKU: "0317542196731000000000", vendorNIK: nil)

    static let purchase = PaidPurchase(
        orderID: "order-1", packageName: "Pengadaan Kertas HVS dan Printer Laser Bidang SDK",
        budgetAccountCode: "5.1.02.01.01.0024",
        suratPesanan: ReferencedDocument(
            number: "1/SP/DINKES/XI/2026", date: .fixed("2026-11-23"),
            sha256: "8e2a41c7f0b35d6e9a1c4f7b2d8e0a3c6f9b1d4e7a0c3f6b9d2e5a8c1f4b7d0e"),
        bast: ReferencedDocument(
            number: "1/BAST/DINKES/XII/2026", date: .fixed("2026-12-03"),
            sha256: "3f7c0a9e2b6d1f4a8c5e0b3d7f2a6c9e1b4d8f0a3c7e2b5d9f1a4c8e0b3d6f2a"))

    static let mechanism = PaymentDocumentMechanism.ls(sp2dNumber: "0912/SP2D-LS/DINKES/2026", sp2dDate: day)

    /// DPP Rp7,200,000: PPN 12% of 11/12 (Rp792,000), PPh 22 1.5% (Rp108,000), penalty 1‰ × 3 days (Rp21,600).
    static let ppn = SlipTaxFigures(
        kind: .ppn, label: "PPN", objectCode: "", base: 6_600_000, rateText: "12% (DPP nilai lain 11/12)",
        amount: 792_000, legalBasis: "PMK 59/2022 Pasal 2; PMK 131/2024 Pasal 3")
    static let pph22 = SlipTaxFigures(
        kind: .pph22, label: "PPh Pasal 22", objectCode: "22-910-01", base: 7_200_000, rateText: "1,5%",
        amount: 108_000, legalBasis: "PMK 59/2022 Pasal 12 ayat (1) huruf a")

    static let breakdown = PaymentBreakdown(gross: 7_992_000, taxes: [ppn, pph22], penalty: 21_600, net: 7_070_400)

    static func setting(_ tenant: String = "balangan", emblem: Bool = true) -> PaymentDocumentSetting {
        PaymentDocumentSetting.of(
            nil, tenant: tenant, on: day, place: tenant == "polman" ? "Polewali" : "Paringin",
            emblem: emblem ? Data(SampleFiles.emblemPNG) : nil)
    }

    static func kuitansi(settled: Bool) -> KuitansiFacts {
        KuitansiFacts(
            number: "1/KW/DINKES/XII/2026", issuedOn: day, parties: parties, purchase: purchase, mechanism: mechanism,
            breakdown: breakdown, approvedAt: settled ? approvedAt : nil, settledAt: settled ? settledAt : nil,
            vendorAcknowledgedAt: settled ? settledAt.addingTimeInterval(1_800) : nil)
    }

    static func slip(_ tax: SlipTaxFigures = pph22, suratKeterangan: SuratKeteranganReference? = nil)
        -> WithholdingSlipFacts
    {
        WithholdingSlipFacts(
            number: "1/BPP/DINKES/XII/2026", issuedOn: day, taxPeriodMonth: 12, taxPeriodYear: 2026, parties: parties,
            tax: tax, basisDocumentKind: "Surat Pesanan", basisDocument: purchase.suratPesanan,
            suratKeterangan: suratKeterangan, mechanism: mechanism, purchase: purchase, signedAt: instructedAt)
    }

    static func proof(settled: Bool) -> PaymentProofFacts {
        PaymentProofFacts(
            number: "1/BB/DINKES/XII/2026", issuedOn: day, parties: parties, purchase: purchase, mechanism: mechanism,
            breakdown: breakdown, kuitansi: ReferencedDocument(number: "1/KW/DINKES/XII/2026", date: day, sha256: nil),
            instruction: PaymentInstructionFacts(reference: "TRF-BKS-20261207-000183", instructedAt: instructedAt),
            settlement: settled
                ? PaymentSettlementFacts(bankReference: "BKSL2612070045871", settledAt: settledAt) : nil)
    }

    /// The text with every run of white space (line breaks included) made one space.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
