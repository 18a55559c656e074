// The HTML view: a standalone printable page in which no document text can become markup.
import SiOpenDocuments
import SiOpenDomain
import Testing

@Suite("HTML renderer")
struct HTMLRendererTests {
    @Test func standalonePrintablePage() throws {
        let html = HTMLRenderer.render(try SampleDocuments.suratPesanan())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"id\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("@media print"))
        #expect(html.contains("<h1>SURAT PESANAN</h1>"))
        #expect(html.contains("Nomor: 001/SP/DISKOMINFO/XI/2026"))
        #expect(html.contains("Tanggal: 21 November 2026"))
        #expect(html.contains("<thead>") && html.contains("<tfoot>"))
        #expect(html.contains("<td class=\"right\">Rp25.000.000</td>"))
        #expect(html.contains("Penyedia<br>CV Maju Jaya Elektronik"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
    }

    @Test func everyTextIsEscaped() throws {
        let attack = "<script>alert(\"x\" & 'y')</script>"
        let document = LegalDocument(
            letterhead: [attack], title: attack, documentNumber: attack, issuedOn: try CivilDate("2026-11-21"),
            blocks: [
                .heading(attack), .paragraph(attack), .smallPrint(attack), .fields([.init(attack, attack)]),
                .table(.init(columns: [.init(attack)], rows: [[attack]], footer: [[attack]])),
                .signatures(
                    .init(
                        placeAndDate: attack,
                        parties: [.init(role: attack, name: attack, detail: attack, signedNote: attack)])),
            ])
        let html = HTMLRenderer.render(document)
        #expect(!html.contains("<script"))
        #expect(!html.contains("'y'"))
        let escaped = "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        // title (twice: <title> and <h1>), number (three times), and once per other text.
        #expect(html.components(separatedBy: escaped).count - 1 == 19)
    }

    @Test func emptyDocument() throws {
        let html = HTMLRenderer.render(
            LegalDocument(title: "", documentNumber: "", issuedOn: try CivilDate("2026-01-01"), blocks: []))
        #expect(html.contains("<h1></h1>"))
        #expect(html.hasSuffix("</html>\n"))
    }
}
