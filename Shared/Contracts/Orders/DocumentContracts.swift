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
    /// The latest acknowledged copy (the original with every acknowledgement so far), the one to
    /// print once a party has acknowledged; nil while nobody has.
    public var acknowledgedCopy: AcknowledgedCopy?

    /// Creates it.
    public init(info: DocumentInfo, pdfBase64: String, html: String, acknowledgedCopy: AcknowledgedCopy? = nil) {
        self.info = info
        self.pdfBase64 = pdfBase64
        self.html = html
        self.acknowledgedCopy = acknowledgedCopy
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

/// That a meterai was affixed to a document (UU 10/2020): which one, when, by whom.
public struct MeteraiParams: Codable, Sendable, Hashable {
    /// The sealed document's id, as in the order's `documents`.
    public var documentID: String
    /// The meterai's serial number as printed on it (an e-meterai's 22-character code, or a
    /// printed stamp's number): printable ASCII letters, digits and `-`, 5 to 40 characters.
    public var serialNumber: String
    /// The day it was affixed (not after today).
    public var affixedOn: CivilDate

    /// Creates it.
    public init(documentID: String, serialNumber: String, affixedOn: CivilDate) {
        self.documentID = documentID
        self.serialNumber = serialNumber
        self.affixedOn = affixedOn
    }
}

/// `document.recordMeterai`: the party whose signature block bears the meterai records that it
/// was affixed; a sealed copy of the document then says so.
public enum DocumentRecordMeterai: RPCMethod {
    public static let name = "document.recordMeterai"
    public static let summary =
        "Records that the bea meterai (UU 10/2020) was affixed to a document that states more than the tenant's threshold: the serial number and day, audited; the document's acknowledged copy then shows it."
    public static let access = Access.roles(.ppk, .procurementOfficial, .vendor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = MeteraiParams
    public typealias Result = DocumentInfo
}
