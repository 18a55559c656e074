import SiOpenDomain
import SiOpenProtocol

// MARK: - Documents

/// Names a document.
public struct DocumentRef: Codable, Sendable, Hashable {
    /// The sealed document's id, as in the order's `documents`.
    public var documentID: String

    /// Creates it.
    public init(documentID: String) { self.documentID = documentID }
}

/// A document's content.
public struct DocumentContent: Codable, Sendable, Hashable {
    /// The document and its seal.
    public var info: DocumentInfo
    /// Base64 of the PDF, whose SHA-256 is the seal's.
    public var pdfBase64: String
    /// The same document as printable HTML.
    public var html: String

    /// Creates it.
    public init(info: DocumentInfo, pdfBase64: String, html: String) {
        self.info = info
        self.pdfBase64 = pdfBase64
        self.html = html
    }
}

/// `document.get`: a sealed document's PDF and HTML.
public enum DocumentGet: RPCMethod {
    public static let name = "document.get"
    public static let summary = "A sealed document (Surat Pesanan, BAST, force-majeure Berita Acara) as PDF and HTML, for those who may see its order."
    public static let access = Access.roles(.ppk, .vendor, .budgetHolder, .treasurer, .auditor, .ukpbjHead, .superAdmin, .monitor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    public static let isIdempotent = true
    public typealias Params = DocumentRef
    public typealias Result = DocumentContent
}

/// What to verify: the document itself or its SHA-256.
public struct DocumentVerifyParams: Codable, Sendable, Hashable {
    /// Base64 of a PDF to check.
    public var pdfBase64: String?
    /// Or the hex SHA-256 of one.
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
    /// The SHA-256 checked, 64 lowercase hex digits.
    public var sha256: String
    /// The document's type, number and date, when authentic.
    public var type: String?
    /// The document's number; null when the hash matches no document.
    public var number: String?
    /// The document's date, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8); null when the hash matches no document.
    public var issuedOn: CivilDate?
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String?
    /// The seal, when authentic.
    public var seal: DocumentSealInfo?
    /// The service's public key (base64url) the seal verifies with, so anyone can check offline.
    public var publicKey: String?

    /// Creates it.
    public init(authentic: Bool, sha256: String, type: String?, number: String?, issuedOn: CivilDate?, tenant: String?, seal: DocumentSealInfo?, publicKey: String?) {
        self.authentic = authentic
        self.sha256 = sha256
        self.type = type
        self.number = number
        self.issuedOn = issuedOn
        self.tenant = tenant
        self.seal = seal
        self.publicKey = publicKey
    }
}

/// `document.verify`: anyone checks whether a document is an authentic SiOpen document.
public enum DocumentVerify: RPCMethod {
    public static let name = "document.verify"
    public static let summary = "Anyone uploads a document (PDF) or its SHA-256 and learns whether SiOpen issued it: its type, number, date and seal, with the public key to check the signature offline."
    public static let access = Access.anyone
    public static let errors: [ApplicationErrorCode]? = [.validationFailed]
    public static let isIdempotent = true
    public static let maxRequestBytes = 8 << 20
    public typealias Params = DocumentVerifyParams
    public typealias Result = DocumentVerification
}
