// The facts the payment documents print, as plain values: the payments service fills them from
// its payables (the parties and the SP/BAST snapshot from orders' feed), its payments (mechanism,
// instruction, settlement) and the tax lines of the tax computation; the renderers in
// PaymentDocuments turn them into LegalDocuments (and the packet into a DocumentBundle).
// A fact that is optional here is an event that may not have happened yet: a document prints it
// only when it is there.
import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain

/// Everyone a payment document names: the regency and agency (letterhead), the three officials
/// whose approvals the kuitansi carries, the treasurer who pays and collects tax, and the vendor.
struct PaymentParties: Sendable, Hashable, Codable {
    /// The regency (the tenant), as on the order's documents.
    var regency: RegencyParty
    /// The paying agency; its ``AgencyParty/npwp`` is the NPWP under which the treasurer collects tax.
    var agency: AgencyParty
    /// The PPK who received the goods/services (the BAST's signer): "Barang telah diterima".
    var ppk: OfficialParty
    /// The PA/KPA (Pengguna Anggaran / Kuasa Pengguna Anggaran): "Setuju dibayar".
    var budgetHolder: OfficialParty
    /// The Bendahara Pengeluaran (or Pembantu) who pays: "Lunas dibayar", and the slips' signer.
    var treasurer: OfficialParty
    /// The NITKU of the treasurer's place of business (22 digits), printed as the collector's on slips;
    /// empty when unknown.
    var treasurerNITKU: String
    /// The vendor, as on the Surat Pesanan (signer, NPWP, PKP status, bank account).
    var vendor: VendorParty
    /// The vendor's NITKU (22 digits); empty when unknown.
    var vendorNITKU: String
    /// The NIK of an individual vendor without an NPWP (16 digits), printed on slips instead; nil otherwise.
    var vendorNIK: String?
}

/// A document payments prints by reference: its number, date and, when known, the SHA-256 of
/// its sealed PDF (the SP and BAST hashes come with the payable from orders).
struct ReferencedDocument: Sendable, Hashable, Codable {
    /// Its number, e.g. "001/SP/DINKES/XI/2026".
    var number: String
    /// Its date.
    var date: CivilDate
    /// SHA-256 of its sealed PDF (64 lowercase hex digits); nil when unknown.
    var sha256: String?
}

/// The purchase a payment pays for: the package, and the SP and BAST it rests on (annex I.D.3.l).
struct PaidPurchase: Sendable, Hashable, Codable {
    /// The order's id.
    var orderID: String
    /// The package name from the Surat Pesanan, e.g. "Pengadaan ATK dan Printer Bidang SDK".
    var packageName: String
    /// The budget account code (kode rekening), e.g. "5.1.02.01.01.0024"; empty when unknown.
    var budgetAccountCode: String
    /// The Surat Pesanan.
    var suratPesanan: ReferencedDocument
    /// The Berita Acara Serah Terima (the fact behind "Barang telah diterima").
    var bast: ReferencedDocument
}

/// How the payment is made; each mechanism selects its tax path (issue 12).
enum PaymentDocumentMechanism: Sendable, Hashable, Codable {
    /// Uang Persediaan / Ganti Uang: the treasurer pays from the advance.
    case upGU
    /// Langsung: paid from the regional treasury by SP2D.
    case ls(sp2dNumber: String, sp2dDate: CivilDate)
    /// Kartu Kredit Pemerintah Daerah (Permendagri 79/2022); `cardReference` is the card's
    /// masked number or the transaction's authorisation code, as the bank gives it.
    case kkpd(cardReference: String)

    /// Whether it is a card payment (KKPD), not a transfer to the vendor's account.
    var isCard: Bool {
        if case .kkpd = self { return true }
        return false
    }
}

/// Which tax a tax line is, which chooses the slip's title.
enum SlipTaxKind: String, Sendable, Hashable, Codable {
    /// PPN collected by the treasurer (PMK 59/2022).
    case ppn
    /// PPh Pasal 22 collected on goods.
    case pph22
    /// PPh Pasal 23 withheld on services.
    case pph23
    /// Final income tax of UMKM (PP 55/2022), withheld instead of PPh 22/23 under a Surat Keterangan.
    case pphFinal
}

/// One tax line as the documents print it (the tax computation's line, mapped by the service).
struct SlipTaxFigures: Sendable, Hashable, Codable {
    /// Which tax.
    var kind: SlipTaxKind
    /// The tax as printed, e.g. "PPh Pasal 22", "PPN".
    var label: String
    /// The tax object code (kode objek pajak), e.g. "22-910-01"; empty for PPN.
    var objectCode: String
    /// The tax base (DPP) the rate applies to.
    var base: Rupiah
    /// The rate as printed, e.g. "1,5%", "12% × 11/12".
    var rateText: String
    /// The tax amount, rounded by the dated rule.
    var amount: Rupiah
    /// The rule that produced it, e.g. "PMK 59/2022 Pasal 2; PMK 131/2024".
    var legalBasis: String
}

/// The money of a payment as the kuitansi breaks it down; gross = net + taxes + penalty, to the rupiah.
struct PaymentBreakdown: Sendable, Hashable, Codable {
    /// What the vendor is owed for the purchase, PPN included: the kuitansi's amount.
    var gross: Rupiah
    /// The taxes collected or withheld, in the order printed.
    var taxes: [SlipTaxFigures]
    /// The late penalty deducted (zero for none).
    var penalty: Rupiah
    /// What is transferred to the vendor.
    var net: Rupiah
}

/// A Surat Keterangan (PP 55/2022) under which final income tax was withheld.
struct SuratKeteranganReference: Sendable, Hashable, Codable {
    /// Its number.
    var number: String
    /// The first day it is valid.
    var validFrom: CivilDate
    /// The last day it is valid.
    var validUntil: CivilDate
}

/// The kuitansi (Pasal 8): received from the treasurer, for the SP's purchase, with the approvals.
struct KuitansiFacts: Sendable, Hashable, Codable {
    /// Its number (``DocumentKind/kuitansi``).
    var number: String
    /// Its date.
    var issuedOn: CivilDate
    /// The parties.
    var parties: PaymentParties
    /// What is paid for.
    var purchase: PaidPurchase
    /// How it is paid.
    var mechanism: PaymentDocumentMechanism
    /// The money.
    var breakdown: PaymentBreakdown
    /// When the PA/KPA approved the payment ("Setuju dibayar"); nil until it happened.
    var approvedAt: Date?
    /// When the money reached the vendor's account (the bank's settlement): "Lunas dibayar" is
    /// printed as happened only then; nil until settled.
    var settledAt: Date?
    /// When the vendor acknowledged receipt ("Yang menerima"); nil until it happened.
    var vendorAcknowledgedAt: Date?
}

/// One withholding or collection slip (bukti pemotongan/pemungutan) for one tax line.
struct WithholdingSlipFacts: Sendable, Hashable, Codable {
    /// Its number (``DocumentKind/withholdingSlip``).
    var number: String
    /// The day the tax was withheld or collected (the slip's date).
    var issuedOn: CivilDate
    /// The tax period (masa pajak): month 1–12.
    var taxPeriodMonth: Int
    /// The tax period: year.
    var taxPeriodYear: Int
    /// The parties (the vendor is the one taxed; the treasurer collects and signs).
    var parties: PaymentParties
    /// The tax line.
    var tax: SlipTaxFigures
    /// What the tax was withheld on: its kind as printed ("Surat Pesanan", "Faktur Pajak",
    /// "Kuitansi"), number and date.
    var basisDocumentKind: String
    /// The basis document.
    var basisDocument: ReferencedDocument
    /// The Surat Keterangan, for final income tax under PP 55/2022; nil otherwise.
    var suratKeterangan: SuratKeteranganReference?
    /// How the payment was made (LS prints the SP2D).
    var mechanism: PaymentDocumentMechanism
    /// The purchase.
    var purchase: PaidPurchase
    /// When the treasurer signed (issuing the slip is its signature); nil prints a blank space.
    var signedAt: Date?
}

/// The instruction of a payment: the transfer order, SP2D or card charge that was issued.
struct PaymentInstructionFacts: Sendable, Hashable, Codable {
    /// The instruction's reference (transfer order number, SP2D number, card authorisation).
    var reference: String
    /// When it was issued.
    var instructedAt: Date
}

/// The settlement of a payment: the bank's reference that the money reached the vendor's account.
struct PaymentSettlementFacts: Sendable, Hashable, Codable {
    /// The bank's reference.
    var bankReference: String
    /// When the bank settled it.
    var settledAt: Date
}

/// The payment proof (bukti pembayaran/transfer).
struct PaymentProofFacts: Sendable, Hashable, Codable {
    /// Its number (``DocumentKind/paymentProof``).
    var number: String
    /// Its date.
    var issuedOn: CivilDate
    /// The parties (the payee account is ``VendorParty/bankAccount``).
    var parties: PaymentParties
    /// What is paid for.
    var purchase: PaidPurchase
    /// How it is paid.
    var mechanism: PaymentDocumentMechanism
    /// The money (the proof states the net transferred, and the breakdown to it).
    var breakdown: PaymentBreakdown
    /// The kuitansi it pays; nil when none was issued yet.
    var kuitansi: ReferencedDocument?
    /// The instruction; nil while the payment is only prepared.
    var instruction: PaymentInstructionFacts?
    /// The settlement; nil until the bank settled. Without it the proof says the payment is not settled.
    var settlement: PaymentSettlementFacts?
}

/// A PDF embedded whole in the packet (the SP and BAST as orders sealed them).
struct PacketAttachmentFacts: Sendable, Hashable, Codable {
    /// The file name in the packet, e.g. "surat-pesanan-001-SP-DINKES-XI-2026.pdf".
    var fileName: String
    /// What it is, e.g. "Surat Pesanan 001/SP/DINKES/XI/2026".
    var title: String
    /// The sealed PDF's bytes.
    var pdf: Data
}

/// The payment packet for the accountability file (SPJ): a cover indexing every component, the
/// kuitansi, slips and proof as pages, and the SP and BAST PDFs embedded as attachments.
struct PaymentPacketFacts: Sendable, Hashable, Codable {
    /// Its number (``DocumentKind/paymentPacket``).
    var number: String
    /// Its date.
    var issuedOn: CivilDate
    /// The parties.
    var parties: PaymentParties
    /// What is paid for (its SP and BAST, with their hashes, are listed on the cover).
    var purchase: PaidPurchase
    /// The money.
    var breakdown: PaymentBreakdown
    /// The kuitansi as issued, with its number, date and SHA-256.
    var kuitansi: IssuedPaymentDocument
    /// The slips as issued, one per tax line.
    var slips: [IssuedPaymentDocument]
    /// The payment proof as issued.
    var proof: IssuedPaymentDocument
    /// The SP and BAST PDFs, when the service has their bytes (orders serves them); each is
    /// embedded as a file attachment. Missing ones are listed on the cover by hash only.
    var attachments: [PacketAttachmentFacts]
}

/// A payment document already issued: its content as stored (to print it again as pages of
/// the packet) and its register entry's number, date and SHA-256.
struct IssuedPaymentDocument: Sendable, Hashable, Codable {
    /// The content as issued (``SiOpenDocuments/DocumentRegister/content(_:id:)``, or the copy showing acknowledgements).
    var content: LegalDocument
    /// Its number, date and the SHA-256 of its sealed PDF.
    var reference: ReferencedDocument
    /// How the packet's index names it, e.g. "Bukti Pemotongan PPh Pasal 22"; nil: from its title.
    var indexTitle: String? = nil
}
