import SiOpenDocuments

/// The sealed documents orders issues, as named in the shared ``DocumentRegister``.
extension DocumentKind {
    /// The Surat Pesanan (annex I.D.3.e).
    static let suratPesanan = DocumentKind("surat_pesanan")
    /// The handover record, Berita Acara Serah Terima (annex I.D.3.k).
    static let bast = DocumentKind("bast")
    /// The Berita Acara of an order made outside the system under force majeure (annex I.E).
    static let forceMajeure = DocumentKind("berita_acara_force_majeure")
}
