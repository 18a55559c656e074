// The PDF's file structure, its text, its pages, and odd documents that must still render.
import Foundation
import SiOpenDocuments
import SiOpenDomain
import SiOpenTestSupport
import Testing

@Suite("PDF renderer")
struct PDFRendererTests {
    static let day: CivilDate = {
        // A literal date that always parses; the fallback only avoids a force-unwrap.
        (try? CivilDate("2026-11-21")) ?? CivilDate(Date(timeIntervalSince1970: 1_795_228_500))
    }()

    func document(
        _ blocks: [LegalDocument.Block], title: String = "BERITA ACARA SERAH TERIMA",
        number: String = "007/BAST/XI/2026"
    )
        -> LegalDocument
    {
        LegalDocument(title: title, documentNumber: number, issuedOn: Self.day, blocks: blocks)
    }

    /// Checks what every rendered file must satisfy and returns it parsed.
    @discardableResult
    func checkStructure(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> ParsedPDF {
        let pdf = ParsedPDF(bytes)
        #expect(bytes.starts(with: Array("%PDF-1.4\n".utf8)), sourceLocation: sourceLocation)
        #expect(bytes.suffix(6) == Array("%%EOF\n".utf8)[...], sourceLocation: sourceLocation)
        let offsets = try pdf.xrefOffsets()
        #expect(offsets.count == 5 + 2 * (pdf.pageCount ?? -1), sourceLocation: sourceLocation)
        for (index, offset) in offsets.enumerated() {
            let head = Array("\(index + 1) 0 obj\n".utf8)
            #expect(
                Array(bytes[offset..<min(bytes.count, offset + head.count)]) == head, "object \(index + 1)",
                sourceLocation: sourceLocation)
        }
        let streams = pdf.streamLengths()
        #expect(streams.count == pdf.pageCount, sourceLocation: sourceLocation)
        for stream in streams { #expect(stream.declared == stream.actual, sourceLocation: sourceLocation) }
        #expect(pdf.count(of: "/Type /Page ") == pdf.pageCount, sourceLocation: sourceLocation)
        return pdf
    }

    @Test func sampleSuratPesananIsAValidOnePagePDF() throws {
        let pdf = try checkStructure(PDFRenderer.render(try SampleDocuments.suratPesanan()))
        #expect(pdf.pageCount == 1)
        #expect(pdf.text.contains("/BaseFont /Helvetica /Encoding /WinAnsiEncoding"))
        #expect(pdf.text.contains("/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding"))
        #expect(pdf.text.contains("/MediaBox [0 0 595 842]"))
        #expect(pdf.text.contains("/CreationDate (D:20261121)"))
        let shown = pdf.shownStrings
        #expect(shown.contains("SURAT PESANAN"))
        #expect(shown.contains("Nomor: 001/SP/DISKOMINFO/XI/2026"))
        #expect(shown.contains("Tanggal: 21 November 2026"))
        #expect(shown.contains("Halaman 1 dari 1"))
        #expect(shown.contains("Rp25.000.000"))
        #expect(shown.contains("Harga Satuan"))  // short columns get their natural width
        #expect(shown.contains("Rp34.150.000"))
        #expect(shown.contains("Terbilang: Tiga puluh empat juta seratus lima puluh ribu rupiah."))
    }

    @Test func paragraphTextAppearsInTheContentStream() throws {
        let pdf = try checkStructure(
            PDFRenderer.render(document([.paragraph("Barang diterima dalam keadaan baik (baru) dan lengkap.")])))
        #expect(pdf.text.contains("(Barang diterima dalam keadaan baik \\(baru\\) dan lengkap.) Tj"))
    }

    @Test func backslashesAreEscaped() throws {
        let pdf = try checkStructure(PDFRenderer.render(document([.paragraph(#"C:\arsip\sp"#)])))
        #expect(pdf.text.contains(#"(C:\\arsip\\sp) Tj"#))
        #expect(pdf.shownStrings.contains(#"C:\arsip\sp"#))
    }

    @Test func textIsWrittenInWindows1252() throws {
        let pdf = try checkStructure(PDFRenderer.render(document([.paragraph("Café – “lunas” € 😀 Ω")])))
        // é 0xE9, en dash 0x96, curly quotes 0x93/0x94, euro 0x80; the emoji and omega become "?".
        #expect(pdf.text.contains(#"(Caf\351 \226 \223lunas\224 \200 ? ?) Tj"#))
        #expect(pdf.shownStrings.contains("Café – “lunas” € ? ?"))
        // Escapes keep the content streams plain ASCII.
        let start = try #require(pdf.range(of: "stream\n"))
        #expect(pdf.bytes[start.upperBound...].allSatisfy { $0 < 0x80 })
    }

    @Test func decomposedAccentsAreComposed() throws {
        let pdf = try checkStructure(PDFRenderer.render(document([.paragraph("Cafe\u{301}")])))
        #expect(pdf.shownStrings.contains("Café"))
    }

    @Test func renderingIsDeterministic() throws {
        let sample = try SampleDocuments.suratPesanan(items: 60)
        let first = PDFRenderer.render(sample)
        #expect(PDFRenderer.render(sample) == first)
        let stored = try JSONDecoder().decode(LegalDocument.self, from: JSONEncoder().encode(sample))
        #expect(PDFRenderer.render(stored) == first)
    }

    @Test func longTableRunsOntoMorePagesAndRepeatsItsHeader() throws {
        let pdf = try checkStructure(PDFRenderer.render(try SampleDocuments.suratPesanan(items: 500)))
        let pages = try #require(pdf.pageCount)
        #expect(pages > 10)
        let shown = pdf.shownStrings
        #expect(shown.filter { $0 == "Nama Barang/Jasa" }.count == pages)
        for page in 1...pages { #expect(shown.contains("Halaman \(page) dari \(pages)")) }
        #expect(shown.filter { $0 == "001/SP/DISKOMINFO/XI/2026" }.count == pages)  // every footer
        for row in [1, 250, 500] { #expect(shown.contains(String(row))) }
    }

    @Test func emptyDocumentStillRenders() throws {
        let pdf = try checkStructure(PDFRenderer.render(document([], title: "", number: "")))
        #expect(pdf.pageCount == 1)
        #expect(pdf.shownStrings.contains("Halaman 1 dari 1"))
    }

    @Test func emptyAndRaggedTablesRender() throws {
        let blocks: [LegalDocument.Block] = [
            .table(.init(columns: [], rows: [])),
            .table(.init(columns: [.init("Uraian"), .init("Nilai", alignment: .right)], rows: [])),
            .table(
                .init(
                    columns: [.init("A")], rows: [[], ["satu", "dua", "tiga (tanpa judul kolom)"]], footer: [["Jumlah"]]
                )),
            .table(.init(columns: [], rows: [["tanpa judul"]])),
            .fields([]),
            .fields([.init("", ""), .init("Label tanpa nilai", "")]),
            .signatures(.init(parties: [])),
            .heading(""),
            .paragraph(""),
            .smallPrint(""),
        ]
        let pdf = try checkStructure(PDFRenderer.render(document(blocks)))
        let shown = pdf.shownStrings
        #expect(shown.contains("tiga (tanpa judul kolom)"))  // extra cells are not dropped
        #expect(shown.contains("tanpa judul"))
        #expect(shown.contains("Nilai"))
    }

    @Test(arguments: ["paragraph", "table", "field"])
    func veryLongWordIsBrokenAndKept(block: String) throws {
        let word = String(repeating: "ABCDEFGHIJ", count: 300)
        let content: LegalDocument.Block =
            switch block {
            case "paragraph": .paragraph(word)
            case "table": .table(.init(columns: [.init("No."), .init("Kode")], rows: [["1", word]]))
            default: .fields([.init("Kode", word)])
            }
        let pdf = try checkStructure(PDFRenderer.render(document([content])))
        // The word's pieces, put back together, give the word.
        let pieces = pdf.shownStrings.filter { $0.allSatisfy { "ABCDEFGHIJ".contains($0) } }
        #expect(pieces.count > 10)
        #expect(pieces.joined() == word)
    }

    @Test func rowTallerThanAPageIsSplitAcrossPages() throws {
        let lines = (1...200).map { "Baris keterangan nomor \($0)" }.joined(separator: "\n")
        let pdf = try checkStructure(
            PDFRenderer.render(
                document([.table(.init(columns: [.init("No."), .init("Keterangan")], rows: [["1", lines]]))])))
        #expect((pdf.pageCount ?? 0) >= 3)
        let shown = pdf.shownStrings
        for line in [1, 100, 200] { #expect(shown.contains("Baris keterangan nomor \(line)")) }
    }

    @Test func longParagraphsFlowOverPages() throws {
        let text = Array(repeating: "Penyedia bertanggung jawab penuh atas mutu barang yang diserahkan.", count: 400)
            .joined(separator: " ")
        let pdf = try checkStructure(PDFRenderer.render(document([.paragraph(text)])))
        #expect((pdf.pageCount ?? 0) > 3)
    }

    @Test func manySignatoriesAndHugeSignatureBlocks() throws {
        let parties = (1...7).map {
            LegalDocument.Signatory(role: "Anggota Tim \($0)", name: "Nama \($0)", detail: "NIP \($0)")
        }
        let huge = LegalDocument.Signatory(
            role: Array(repeating: "Jabatan yang sangat panjang", count: 400).joined(separator: " "),
            name: "Nama Panjang",
            signedNote: "Ditandatangani secara elektronik")
        let pdf = try checkStructure(
            PDFRenderer.render(
                document([
                    .signatures(.init(placeAndDate: "Paringin, 21 November 2026", parties: parties)),
                    .signatures(.init(parties: [huge])),
                ])))
        let shown = pdf.shownStrings
        for index in 1...7 { #expect(shown.contains("Nama \(index)")) }
        #expect(shown.contains("Nama Panjang"))
        #expect(shown.contains("Paringin, 21 November 2026"))
    }

    @Test func infoDictionaryCarriesTitleAsUTF16() throws {
        let pdf = try checkStructure(PDFRenderer.render(document([], title: "Kuitansi", number: "K/1")))
        #expect(pdf.text.contains("/Title <FEFF004B0075006900740061006E00730069>"))
        #expect(pdf.text.contains("/Subject <FEFF004B002F0031>"))
    }

    @Test func longDocumentNumberIsShortenedInTheFooter() throws {
        let number = String(repeating: "001/SP/DINAS-YANG-SANGAT-PANJANG/", count: 10)
        let pdf = try checkStructure(PDFRenderer.render(document([], number: number)))
        #expect(pdf.shownStrings.contains { $0.hasSuffix("…") && number.hasPrefix($0.dropLast()) })
    }
}
