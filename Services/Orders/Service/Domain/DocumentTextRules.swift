import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// The texts a tenant's documents print and its stamp-duty rule, as dated data: the shipped
/// examples (seed data for Balangan and Polewali Mandar), the version in force on a day, and
/// their checks. Nothing here is printed unless it comes from a tenant's settings or a seed.
enum DocumentTextRules {
    /// The shipped example of a tenant's document settings: its own where one is shipped
    /// (`balangan`, `polman`), Balangan's otherwise (a new tenant starts from the example and
    /// sets its own through `orders.settings.set`).
    static func seed(tenant: String) -> DocumentSettings {
        tenantSeeds[tenant] ?? tenantSeeds["balangan"]!
    }

    /// The place of signing a tenant's seed prints until its parties carry the regency's seat.
    static func seedPlace(tenant: String) -> String { seedPlaces[tenant] ?? "Paringin" }

    /// The tenant's document settings: its own, or the shipped example.
    static func settings(_ settings: OrdersSettings) -> DocumentSettings {
        settings.documents ?? seed(tenant: settings.tenant)
    }

    /// The texts in force on `date`: the latest version that has started (the earliest if none has).
    static func texts(_ settings: OrdersSettings, on date: CivilDate) -> DocumentTexts {
        let versions = Self.settings(settings).texts.sorted { $0.effectiveFrom < $1.effectiveFrom }
        return versions.last(where: { $0.effectiveFrom <= date }) ?? versions.first ?? seed(tenant: "balangan").texts[0]
    }

    /// The stamp-duty rule in force on `date`, or nil before the first version.
    static func meterai(_ settings: OrdersSettings, on date: CivilDate) -> BeaMeteraiRule? {
        BeaMeteraiRule.inForce(Self.settings(settings).meterai, on: date)
    }

    /// The seal note with the contract basis filled in; `{kode}` stays for the register, which
    /// knows the verification code only when it issues the document.
    static func sealNote(_ texts: DocumentTexts) -> String {
        texts.sealNote.replacingOccurrences(of: "{dasar}", with: texts.contractBasis)
    }

    /// Problems with a tenant's document settings, by field.
    static func problems(_ documents: DocumentSettings?, prefix: String = "documents") -> [FieldError] {
        guard let documents else { return [] }
        let versions = documents.texts.map { texts in
            (
                entries: [
                    DocumentTextChecks.Entry("legalBasis", texts.legalBasis, max: 500),
                    .init("systemName", texts.systemName, max: 100),
                    .init("contractBasis", texts.contractBasis, max: 500),
                    .init("forceMajeureBasis", texts.forceMajeureBasis, max: 500),
                    .init("inspectionBasis", texts.inspectionBasis, max: 500),
                    .init("sealNote", texts.sealNote, max: 2000, multiline: true),
                    .init("verificationURLPrefix", texts.verificationURLPrefix, max: 200, required: false),
                ], verificationURLPrefix: texts.verificationURLPrefix
            )
        }
        return DocumentTextChecks.problems(texts: versions, meterai: documents.meterai, prefix: prefix)
    }

    // MARK: Seed data

    /// UU 10/2020 (Bea Meterai), in force from 2021-01-01: Rp10,000 on documents stating more
    /// than Rp5,000,000 (Pasal 3 ayat (2) huruf g, Pasal 5).
    static let meteraiUU10of2020 = BeaMeteraiRule.uu10of2020

    private static let seedPlaces = ["balangan": "Paringin", "polman": "Polewali"]

    private static let tenantSeeds: [String: DocumentSettings] = [
        "balangan": DocumentSettings(
            texts: [
                DocumentTexts(
                    effectiveFrom: .fixed("2023-01-01"), legalBasis: "Perbup Balangan 92/2023",
                    systemName: "SiOpen Balangan",
                    contractBasis: "Peraturan Bupati Balangan Nomor 92 Tahun 2023 Pasal 8 dan Lampiran I huruf F",
                    forceMajeureBasis: "Lampiran I huruf E Peraturan Bupati Balangan Nomor 92 Tahun 2023",
                    inspectionBasis: "Lampiran I huruf D angka 3 huruf g Peraturan Bupati Balangan Nomor 92 Tahun 2023",
                    sealNote:
                        "Dokumen ini diterbitkan dan dicetak secara elektronik oleh SiOpen Balangan dan merupakan bukti sah transaksi ({dasar}). Keasliannya dapat diperiksa dengan memindai kode QR, atau dengan menyampaikan dokumen ini atau kode verifikasinya {kode} ke layanan verifikasi dokumen SiOpen (document.verify).",
                    verificationURLPrefix: "")
            ], meterai: [meteraiUU10of2020]),
        "polman": DocumentSettings(
            texts: [
                DocumentTexts(
                    effectiveFrom: .fixed("2012-01-01"),
                    legalBasis: "Perbup Polewali Mandar 31/2012; UU 11/2008 Pasal 5",
                    systemName: "Layanan Pengadaan Secara Elektronik Kabupaten Polewali Mandar",
                    contractBasis:
                        "Peraturan Bupati Polewali Mandar Nomor 31 Tahun 2012 dan Undang-Undang Nomor 11 Tahun 2008 Pasal 5",
                    forceMajeureBasis: "Peraturan Presiden Nomor 16 Tahun 2018 Pasal 55 tentang keadaan kahar",
                    inspectionBasis: "Peraturan Presiden Nomor 16 Tahun 2018 Pasal 57",
                    sealNote:
                        "Dokumen ini diterbitkan secara elektronik melalui Layanan Pengadaan Secara Elektronik Pemerintah Kabupaten Polewali Mandar dan merupakan dokumen elektronik yang sah ({dasar}). Keasliannya dapat diperiksa dengan memindai kode QR atau dengan kode verifikasi {kode}.",
                    verificationURLPrefix: "")
            ], meterai: [meteraiUU10of2020]),
    ]
}
