import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// The texts a tenant's payment documents print and the kuitansi's stamp-duty rule, as dated
/// data: the shipped examples (seeds for Balangan and Polewali Mandar), the version in force on
/// a day, and their checks. Nothing here is printed unless it comes from a tenant's settings or a seed.
enum PaymentDocumentTextRules {
    /// The shipped example of a tenant's payment document settings: its own where one is
    /// shipped (`balangan`, `polman`), Balangan's otherwise.
    static func seed(tenant: String) -> PaymentDocumentSettings {
        tenantSeeds[tenant] ?? balangan
    }

    /// The texts in force on `date` under `settings` (the tenant's seed when nil): the latest
    /// version that has started (the earliest if none has).
    static func texts(_ settings: PaymentDocumentSettings?, tenant: String, on date: CivilDate) -> PaymentDocumentTexts
    {
        let versions = (settings ?? seed(tenant: tenant)).texts.sorted { $0.effectiveFrom < $1.effectiveFrom }
        return versions.last(where: { $0.effectiveFrom <= date }) ?? versions.first ?? balangan.texts[0]
    }

    /// The stamp-duty rule in force on `date`, or nil before the first version.
    static func meterai(_ settings: PaymentDocumentSettings?, tenant: String, on date: CivilDate) -> BeaMeteraiRule? {
        BeaMeteraiRule.inForce((settings ?? seed(tenant: tenant)).meterai, on: date)
    }

    /// The seal note with the contract basis filled in; `{kode}` stays for the register.
    static func sealNote(_ texts: PaymentDocumentTexts) -> String {
        texts.sealNote.replacingOccurrences(of: "{dasar}", with: texts.contractBasis)
    }

    /// Problems with a tenant's payment document settings, by field (`prefix` names the settings field).
    static func problems(_ documents: PaymentDocumentSettings?, prefix: String = "documents") -> [FieldError] {
        guard let documents else { return [] }
        let versions = documents.texts.map { texts in
            (
                entries: [
                    DocumentTextChecks.Entry("legalBasis", texts.legalBasis, max: 500),
                    .init("systemName", texts.systemName, max: 100),
                    .init("contractBasis", texts.contractBasis, max: 500),
                    .init("paymentBasis", texts.paymentBasis, max: 500),
                    .init("sealNote", texts.sealNote, max: 2000, multiline: true),
                    .init("verificationURLPrefix", texts.verificationURLPrefix, max: 200, required: false),
                ], verificationURLPrefix: texts.verificationURLPrefix
            )
        }
        return DocumentTextChecks.problems(texts: versions, meterai: documents.meterai, prefix: prefix)
    }

    // MARK: Seed data

    private static let balangan = PaymentDocumentSettings(
        texts: [
            PaymentDocumentTexts(
                effectiveFrom: .fixed("2023-01-01"), legalBasis: "Perbup Balangan 92/2023",
                systemName: "SiOpen Balangan",
                contractBasis: "Peraturan Bupati Balangan Nomor 92 Tahun 2023 Pasal 8 dan Lampiran I huruf F",
                paymentBasis: "Lampiran I huruf D angka 3 huruf l Peraturan Bupati Balangan Nomor 92 Tahun 2023",
                sealNote:
                    "Dokumen ini diterbitkan dan dicetak secara elektronik oleh SiOpen Balangan dan merupakan bukti sah pembayaran ({dasar}). Keasliannya dapat diperiksa dengan memindai kode QR, atau dengan menyampaikan dokumen ini atau kode verifikasinya {kode} ke layanan verifikasi dokumen SiOpen (document.verify).",
                verificationURLPrefix: "")
        ], meterai: [.uu10of2020])

    private static let tenantSeeds: [String: PaymentDocumentSettings] = [
        "balangan": balangan,
        "polman": PaymentDocumentSettings(
            texts: [
                PaymentDocumentTexts(
                    effectiveFrom: .fixed("2012-01-01"),
                    legalBasis: "Perbup Polewali Mandar 31/2012; UU 11/2008 Pasal 5",
                    systemName: "Layanan Pengadaan Secara Elektronik Kabupaten Polewali Mandar",
                    contractBasis:
                        "Peraturan Bupati Polewali Mandar Nomor 31 Tahun 2012 dan Undang-Undang Nomor 11 Tahun 2008 Pasal 5",
                    paymentBasis:
                        "Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020 tentang Pedoman Teknis Pengelolaan Keuangan Daerah",
                    sealNote:
                        "Dokumen ini diterbitkan secara elektronik melalui Layanan Pengadaan Secara Elektronik Pemerintah Kabupaten Polewali Mandar dan merupakan dokumen elektronik yang sah ({dasar}). Keasliannya dapat diperiksa dengan memindai kode QR atau dengan kode verifikasi {kode}.",
                    verificationURLPrefix: "")
            ], meterai: [.uu10of2020]),
    ]
}

/// What every printed payment document of a tenant needs besides its own content: the texts and
/// stamp-duty rule in force on its date, the place of signing, the calendar, the emblem.
struct PaymentDocumentSetting: Sendable {
    /// The texts in force on the document's date.
    var texts: PaymentDocumentTexts
    /// The stamp-duty rule in force on the document's date, if any.
    var meterai: BeaMeteraiRule?
    /// The place of signing (the regency's seat).
    var place: String
    /// The tenant's calendar (WITA for Balangan and Polewali Mandar).
    var calendar: TenantCalendar
    /// The regency's emblem file, when the service holds one.
    var emblem: Data?

    /// The setting of `tenant`'s payment documents dated `date` (seeds when `settings` is nil).
    static func of(
        _ settings: PaymentDocumentSettings?, tenant: String, on date: CivilDate, place: String, emblem: Data? = nil
    ) -> PaymentDocumentSetting {
        PaymentDocumentSetting(
            texts: PaymentDocumentTextRules.texts(settings, tenant: tenant, on: date),
            meterai: PaymentDocumentTextRules.meterai(settings, tenant: tenant, on: date), place: place,
            calendar: TenantCalendar.of(tenant: tenant), emblem: emblem)
    }
}
