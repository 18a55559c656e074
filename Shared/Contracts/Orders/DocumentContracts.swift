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
    public static let summary =
        "A sealed document (Surat Pesanan, BAST, force-majeure Berita Acara) as PDF and HTML, for those who may see its order."
    public static let access = Access.roles(
        .ppk, .procurementOfficial, .vendor, .budgetHolder, .treasurer, .auditor, .ukpbjHead, .superAdmin, .monitor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    public static let isIdempotent = true
    public typealias Params = DocumentRef
    public typealias Result = DocumentContent
}
