import SiOpenDocuments

/// The sealed documents payments issues, as named in the shared ``DocumentRegister``.
extension DocumentKind {
    /// The kuitansi, the contract form of a purchase (Pasal 8 Perbup Balangan 92/2023).
    static let kuitansi = DocumentKind("kuitansi")
    /// A withholding or collection slip (bukti pemotongan/pemungutan), one per tax line.
    static let withholdingSlip = DocumentKind("bukti_potong_pungut")
    /// The payment proof (bukti pembayaran/transfer).
    static let paymentProof = DocumentKind("bukti_pembayaran")
    /// The payment packet for the accountability file (SPJ).
    static let paymentPacket = DocumentKind("paket_spj")
}

/// The default numbering of payments' documents, per agency and year like orders' SP and BAST.
extension DocumentNumberTemplate {
    /// The kuitansi's default: `{seq}/KW/{agency}/{roman month}/{year}`.
    static let kuitansiDefault = "{seq}/KW/{agency}/{roman month}/{year}"
    /// The withholding/collection slip's default: `{seq}/BPP/{agency}/{roman month}/{year}`.
    static let withholdingSlipDefault = "{seq}/BPP/{agency}/{roman month}/{year}"
    /// The payment proof's default: `{seq}/BB/{agency}/{roman month}/{year}`.
    static let paymentProofDefault = "{seq}/BB/{agency}/{roman month}/{year}"
    /// The SPJ packet's default: `{seq}/SPJ/{agency}/{roman month}/{year}`.
    static let paymentPacketDefault = "{seq}/SPJ/{agency}/{roman month}/{year}"

    /// The default template of a payments `kind`; nil for a kind payments does not issue.
    static func paymentsDefault(for kind: DocumentKind) -> String? {
        switch kind {
        case .kuitansi: kuitansiDefault
        case .withholdingSlip: withholdingSlipDefault
        case .paymentProof: paymentProofDefault
        case .paymentPacket: paymentPacketDefault
        default: nil
        }
    }
}
