import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain

/// The printed forms of a payment's documents (Pasal 8, annex I.D.3.l and I.F): the kuitansi,
/// one slip per tax line, the payment proof and the SPJ packet. Each is issued through the
/// shared ``DocumentRegister`` (the packet with ``DocumentRegister/issue(_:bundle:kind:tenant:subjectID:sealer:verificationPrefix:at:)``).
/// A block whose event has not happened prints a blank signature space, never a statement.
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

    /// The kuitansi. Throws 422 when the breakdown does not add up (gross = net + taxes + penalty).
    static func kuitansi(_ facts: KuitansiFacts, setting: PaymentDocumentSetting) throws(DomainRefusal)
        -> LegalDocument
    {
        fatalError("not yet")
    }

    /// The slip of one tax line, titled by its tax (Coretax's Bukti Pemotongan/Pemungutan Unifikasi for PPh).
    static func withholdingSlip(_ facts: WithholdingSlipFacts, setting: PaymentDocumentSetting) -> LegalDocument {
        fatalError("not yet")
    }

    /// The payment proof: mechanism, instruction, settlement (only when settled), payee account, amount.
    /// Throws 422 when the breakdown does not add up.
    static func paymentProof(_ facts: PaymentProofFacts, setting: PaymentDocumentSetting) throws(DomainRefusal)
        -> LegalDocument
    {
        fatalError("not yet")
    }

    /// The SPJ packet: a cover indexing every component with its number, date and SHA-256, then
    /// the kuitansi, slips and proof as pages, and the SP/BAST PDFs embedded as attachments.
    static func packet(_ facts: PaymentPacketFacts, setting: PaymentDocumentSetting) -> DocumentBundle {
        fatalError("not yet")
    }

    /// What a signature block prints once `party` acted at `instant` (for acknowledgements through the register).
    static func actedNote(party: String, at instant: Date, calendar: TenantCalendar) -> String {
        fatalError("not yet")
    }
}
