import SiOpenDomain

// What a tenant's payment documents print (the kuitansi, the withholding and collection slips,
// the payment proof and the SPJ packet) as dated data with a legal basis: the version in force on
// a document's date applies. Payments' settings hold them; the shipped examples are seeds.

/// What a tenant's payment documents print, and when they bear stamp duty, as dated versions.
public struct PaymentDocumentSettings: Codable, Sendable, Hashable {
    /// The printed texts, one entry per version (at least one).
    public var texts: [PaymentDocumentTexts]
    /// The stamp-duty rule (bea meterai) the kuitansi follows, one entry per version (at least one).
    public var meterai: [BeaMeteraiRule]

    /// Creates it.
    public init(texts: [PaymentDocumentTexts], meterai: [BeaMeteraiRule]) {
        self.texts = texts
        self.meterai = meterai
    }
}

/// One version of the texts a tenant's payment documents print.
public struct PaymentDocumentTexts: Codable, Sendable, Hashable {
    /// The first day these texts apply.
    public var effectiveFrom: CivilDate
    /// The rule these texts rest on, e.g. "Perbup Balangan 92/2023".
    public var legalBasis: String
    /// The system's name as documents print it, e.g. "SiOpen Balangan".
    public var systemName: String
    /// Why the kuitansi and the payment proof are the legal proof of the purchase and its
    /// payment, e.g. "Peraturan Bupati Balangan Nomor 92 Tahun 2023 Pasal 8 dan Lampiran I huruf F".
    public var contractBasis: String
    /// The rule under which the treasurer pays, printed on the kuitansi and the payment proof,
    /// e.g. "Lampiran I huruf D angka 3 huruf l Peraturan Bupati Balangan Nomor 92 Tahun 2023".
    public var paymentBasis: String
    /// The seal note printed at the end of every payment document: how to check it. `{kode}`
    /// stands for the document's verification code, `{dasar}` for ``contractBasis``.
    public var sealNote: String
    /// The verification page's address, to which the QR code appends the verification code;
    /// empty while there is no portal (the QR code then holds the code alone).
    public var verificationURLPrefix: String

    /// Creates it.
    public init(
        effectiveFrom: CivilDate, legalBasis: String, systemName: String, contractBasis: String, paymentBasis: String,
        sealNote: String, verificationURLPrefix: String
    ) {
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
        self.systemName = systemName
        self.contractBasis = contractBasis
        self.paymentBasis = paymentBasis
        self.sealNote = sealNote
        self.verificationURLPrefix = verificationURLPrefix
    }
}
