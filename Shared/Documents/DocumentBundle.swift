// Several documents printed as one file: a cover that indexes them, the documents' own pages in
// order (each with its own letterhead, number and page count), and other PDF files embedded
// whole as attachments. The SPJ packet of a payment is one: payments prints the kuitansi, slips
// and payment proof as pages and embeds the SP and BAST that orders sealed.
import Foundation

/// Documents and attached files sealed as one PDF.
///
/// A plain value like ``LegalDocument``; ``PDFRenderer/render(_:)-bundle`` renders it
/// deterministically, so the same bundle gives the same bytes.
public struct DocumentBundle: Sendable, Hashable, Codable {
    /// The first document, which names the bundle: its number, date and QR code are the bundle's.
    public var cover: LegalDocument
    /// The documents printed after the cover, each starting on a new page.
    public var parts: [LegalDocument]
    /// Files embedded whole (PDF `/EmbeddedFiles`, listed in the catalog's `/AF`).
    public var attachments: [Attachment]

    /// A bundle; `parts` and `attachments` may be empty.
    public init(cover: LegalDocument, parts: [LegalDocument] = [], attachments: [Attachment] = []) {
        self.cover = cover
        self.parts = parts
        self.attachments = attachments
    }

    /// A file embedded in the bundle's PDF.
    public struct Attachment: Sendable, Hashable, Codable {
        /// The file name readers show and save it under, e.g. `surat-pesanan.pdf`.
        public var fileName: String
        /// What it is, e.g. "Surat Pesanan 001/SP/DINKES/XI/2026" (the file specification's `/Desc`).
        public var description: String
        /// Its media type, e.g. `application/pdf`.
        public var mediaType: String
        /// Its bytes.
        public var content: Data

        /// An attached file; a PDF unless told otherwise.
        public init(fileName: String, description: String, mediaType: String = "application/pdf", content: Data) {
            self.fileName = fileName
            self.description = description
            self.mediaType = mediaType
            self.content = content
        }
    }
}
