// Several documents sealed as one PDF: each keeps its own pages, and other PDFs travel inside
// it as embedded files that pdfdetach lists and extracts byte for byte.
import Foundation
import SiOpenDocuments
import SiOpenDomain
import SiOpenTestSupport
import Testing

@Suite("Document bundle")
struct DocumentBundleTests {
    func cover() throws -> LegalDocument {
        LegalDocument(
            letterhead: ["PEMERINTAH KABUPATEN BALANGAN", "DINAS KESEHATAN"], title: "PAKET DOKUMEN PEMBAYARAN",
            documentNumber: "001/SPJ/DINKES/XII/2026", issuedOn: try CivilDate("2026-12-07"),
            blocks: [.paragraph("Daftar isi paket.")])
    }

    @Test func aSingleDocumentRendersAsBeforeAndABundleWithoutAttachmentsIsItsDocumentsPages() throws {
        let sp = try SampleDocuments.suratPesanan()
        // A bundle of one document and nothing attached is that document's file, byte for byte.
        #expect(PDFRenderer.render(DocumentBundle(cover: sp)) == PDFRenderer.render(sp))
        #expect(PDFRenderer.render(sp).starts(with: Array("%PDF-1.4\n".utf8)))
        let bundle = DocumentBundle(cover: try cover(), parts: [sp, sp])
        #expect(PDFRenderer.render(bundle) == PDFRenderer.render(bundle), "deterministic")
        let html = HTMLRenderer.render(bundle)
        #expect(html.components(separatedBy: "<main class=\"document\">").count == 4)
        #expect(html.hasSuffix("</html>\n") && html.components(separatedBy: "<body>").count == 2)
    }

    @Test(.enabled(if: PDFTools.available("pdftotext", "pdfdetach"), "needs poppler-utils"))
    func attachmentsAreEmbeddedFilesThatComeOutUnchanged() throws {
        let folder = try makeShortTemporaryDirectory(prefix: "bundle")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sp = try SampleDocuments.suratPesanan()
        let spPDF = PDFRenderer.render(sp)
        let other = Data(PDFRenderer.render(try cover()))
        let bundle = DocumentBundle(
            cover: try cover(), parts: [sp],
            attachments: [
                .init(
                    fileName: "surat-pesanan.pdf", description: "Surat Pesanan \(sp.documentNumber)",
                    content: Data(spPDF)),
                .init(fileName: "bast (asli).pdf", description: "Berita Acara Serah Terima", content: other),
            ])
        let pdf = PDFRenderer.render(bundle)
        #expect(pdf.starts(with: Array("%PDF-1.7\n".utf8)))
        let spPages = try PDFTools.pageCount(of: spPDF, in: folder)
        #expect(try PDFTools.pageCount(of: pdf, in: folder) == 1 + spPages)
        let text = try PDFTools.text(of: pdf, in: folder)
        #expect(text.contains("PAKET DOKUMEN PEMBAYARAN") && text.contains("SURAT PESANAN"))
        // Each part numbers its own pages.
        #expect(text.contains("Halaman 1 dari 1") && text.contains("Halaman 1 dari \(spPages)"))

        let file = folder + "/bundle.pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: file))
        let list = try PDFTools.run("pdfdetach", ["-list", file])
        #expect(list.status == 0, "\(list.error)")
        #expect(list.output.contains("2 embedded files"))
        #expect(list.output.contains("surat-pesanan.pdf") && list.output.contains("bast (asli).pdf"))
        let saved = try PDFTools.run("pdfdetach", ["-saveall", "-o", folder, file])
        #expect(saved.status == 0, "\(saved.error)")
        #expect(FileManager.default.contents(atPath: folder + "/surat-pesanan.pdf") == Data(spPDF))
        #expect(FileManager.default.contents(atPath: folder + "/bast (asli).pdf") == other)
    }
}
