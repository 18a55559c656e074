// The one `document.verify` contract, shared by every service that issues sealed documents.
import SiOpenDomain
import SiOpenProtocol

/// What to verify: the document itself or its SHA-256.
public struct DocumentVerifyParams: Codable, Sendable, Hashable {
    /// Base64 of a PDF to check.
    public var pdfBase64: String?
    /// Or the hex SHA-256 of one, or the verification code printed with its QR code.
    public var sha256: String?

    /// Creates it.
    public init(pdfBase64: String? = nil, sha256: String? = nil) {
        self.pdfBase64 = pdfBase64
        self.sha256 = sha256
    }
}

/// The answer of a verification.
public struct DocumentVerification: Codable, Sendable, Hashable {
    /// Whether a document with this hash was issued by SiOpen and its seal's signature holds.
    public var authentic: Bool
    /// The hash checked.
    public var sha256: String
    /// The document's type, number and date, when authentic.
    public var type: String?
    /// Number.
    public var number: String?
    /// Date.
    public var issuedOn: CivilDate?
    /// Tenant.
    public var tenant: String?
    /// The seal, when authentic.
    public var seal: DocumentSealInfo?
    /// The service's public key (base64url) the seal verifies with, so anyone can check offline.
    public var publicKey: String?
    /// The same key as PEM SubjectPublicKeyInfo, which `openssl pkeyutl -verify -pubin -inkey`
    /// reads: with the seal's `pdfSignature` it verifies the PDF offline (see the README).
    public var publicKeyPEM: String?
    /// When the hash is an acknowledged copy's: the SHA-256 of the original it was sealed against.
    public var originalSha256: String?
    /// The acknowledgements recorded: those the copy shows, or for the original all so far
    /// (each with the hash of the copy that first shows it).
    public var acknowledgements: [Acknowledgement]?

    /// Creates it.
    public init(
        authentic: Bool, sha256: String, type: String?, number: String?, issuedOn: CivilDate?, tenant: String?,
        seal: DocumentSealInfo?, publicKey: String?,
        publicKeyPEM: String? = nil, originalSha256: String? = nil, acknowledgements: [Acknowledgement]? = nil
    ) {
        self.originalSha256 = originalSha256
        self.acknowledgements = acknowledgements
        self.authentic = authentic
        self.sha256 = sha256
        self.type = type
        self.number = number
        self.issuedOn = issuedOn
        self.tenant = tenant
        self.seal = seal
        self.publicKey = publicKey
        self.publicKeyPEM = publicKeyPEM
    }
}

/// `document.verify`: anyone checks whether a document is an authentic SiOpen document. One
/// contract for every service that issues sealed documents (orders: Surat Pesanan, BAST, Berita
/// Acara; payments: kuitansi; reporting: reports), each answering for the documents it sealed;
/// the handler is `DocumentVerifier` in `Shared/Documents`.
public enum DocumentVerify: RPCMethod {
    public static let name = "document.verify"
    public static let summary =
        "Anyone uploads a document (PDF) or its SHA-256 and learns whether this service issued it: its type, number, date and seal, with the public key (base64url and PEM) to check the signatures offline."
    public static let access = Access.anyone
    /// A PDF that is not one, or a hash that is not 64 hex digits, is a 422 naming the field.
    public static let errors: [ApplicationErrorCode]? = [.validationFailed]
    public static let isIdempotent = true
    public static let maxRequestBytes = 8 << 20
    public typealias Params = DocumentVerifyParams
    public typealias Result = DocumentVerification
}
