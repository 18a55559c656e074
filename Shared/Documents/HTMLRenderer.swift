// The same documents as a web page, for viewing in the browser and printing from it. The PDF
// stays the legal original (it is what the seal covers); the HTML is a convenience view.
import Foundation

/// Renders a ``LegalDocument`` as a standalone, printable HTML5 page: one file, inline CSS
/// sized for A4 (`@page`, `@media print`), no scripts and no external resources. Every piece
/// of document text is HTML-escaped, so text typed by users cannot inject markup.
public enum HTMLRenderer {
    /// The HTML page of `document`, UTF-8 text.
    public static func render(_ document: LegalDocument) -> String {
        head(document) + main(document) + "</body>\n</html>\n"
    }

    /// The bundle as one HTML page: the cover, then each part, then the list of attached files
    /// (HTML cannot carry them; the PDF does).
    public static func render(_ bundle: DocumentBundle) -> String {
        var html = head(bundle.cover)
        for document in [bundle.cover] + bundle.parts { html += main(document) }
        if !bundle.attachments.isEmpty {
            html += "<main class=\"document\">\n<h2>Lampiran berkas</h2>\n<ul>\n"
            for attachment in bundle.attachments {
                html +=
                    "<li>\(text(attachment.description)) (\(text(attachment.fileName)), \(attachment.content.count) bait): terlampir pada berkas PDF</li>\n"
            }
            html += "</ul>\n</main>\n"
        }
        return html + "</body>\n</html>\n"
    }

    /// The page's head up to the opening of its body.
    private static func head(_ document: LegalDocument) -> String {
        """
        <!DOCTYPE html>
        <html lang="id">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(document.title)) \(escape(document.documentNumber))</title>
        <style>\(style)</style>
        </head>
        <body>

        """
    }

    /// One document as a `<main>` element.
    private static func main(_ document: LegalDocument) -> String {
        var html = "<main class=\"document\">\n"
        let emblem = document.emblem.flatMap { try? DocumentImage(bytes: Array($0)) }
        let qr = document.verification.flatMap { try? QRCode(encoding: $0.payload) }
        if !document.letterhead.isEmpty || emblem != nil || qr != nil {
            html += "<header class=\"letterhead\">\n"
            if let emblem {
                html +=
                    "<img class=\"emblem\" alt=\"Lambang daerah\" src=\"data:\(emblem.mediaType);base64,\(Data(emblem.original).base64EncodedString())\">\n"
            }
            html += "<div class=\"lines\">\n"
            for (index, line) in document.letterhead.enumerated() {
                let isAddress = index == document.letterhead.count - 1 && document.letterhead.count > 1
                html += "<div class=\"\(isAddress ? "address" : "agency")\">\(text(line))</div>\n"
            }
            html += "</div>\n"
            if let qr, let verification = document.verification { html += svg(qr, title: verification.payload) }
            html += "</header>\n"
        }
        html += "<h1>\(text(document.title))</h1>\n"
        html += "<p class=\"number\">Nomor: \(text(document.documentNumber))<br>"
        html += "Tanggal: \(escape(IndonesianDate.long(document.issuedOn)))</p>\n"
        for block in document.blocks { html += render(block) }
        html += """
            <footer class="page-footer">\(text(document.documentNumber))</footer>
            </main>

            """
        return html
    }

    private static func render(_ block: LegalDocument.Block) -> String {
        switch block {
        case .heading(let heading):
            return "<h2>\(text(heading))</h2>\n"
        case .paragraph(let paragraph):
            return "<p>\(text(paragraph))</p>\n"
        case .smallPrint(let note):
            return "<p class=\"small-print\">\(text(note))</p>\n"
        case .fields(let fields):
            guard !fields.isEmpty else { return "" }
            var html = "<table class=\"fields\">\n"
            for field in fields {
                html +=
                    "<tr><th scope=\"row\">\(text(field.label))</th><td class=\"colon\">:</td><td>\(text(field.value))</td></tr>\n"
            }
            return html + "</table>\n"
        case .table(let table):
            return render(table)
        case .signatures(let signatures):
            return render(signatures)
        }
    }

    private static func render(_ table: LegalDocument.Table) -> String {
        let columnCount = ([table.columns.count] + table.rows.map(\.count) + table.footer.map(\.count)).max() ?? 0
        guard columnCount > 0 else { return "" }
        func alignment(_ column: Int) -> LegalDocument.Table.Alignment {
            column < table.columns.count ? table.columns[column].alignment : .left
        }
        func row(_ cells: [String], tag: String) -> String {
            var html = "<tr>"
            for column in 0..<columnCount {
                let cell = column < cells.count ? cells[column] : ""
                html += "<\(tag) class=\"\(alignment(column).rawValue)\">\(text(cell))</\(tag)>"
            }
            return html + "</tr>\n"
        }
        var html = "<table class=\"grid\">\n"
        // A thead is repeated by browsers on every printed page, as the PDF repeats its header.
        if !table.columns.isEmpty { html += "<thead>\n" + row(table.columns.map(\.header), tag: "th") + "</thead>\n" }
        html += "<tbody>\n" + table.rows.map { row($0, tag: "td") }.joined() + "</tbody>\n"
        if !table.footer.isEmpty {
            html += "<tfoot>\n" + table.footer.map { row($0, tag: "td") }.joined() + "</tfoot>\n"
        }
        return html + "</table>\n"
    }

    private static func render(_ signatures: LegalDocument.Signatures) -> String {
        var html = "<section class=\"signatures\">\n"
        if let placeAndDate = signatures.placeAndDate {
            html += "<p class=\"place-date\">\(text(placeAndDate))</p>\n"
        }
        html += "<div class=\"parties\">\n"
        for party in signatures.parties {
            html += "<div class=\"party\">\n<div class=\"role\">\(text(party.role))</div>\n"
            html += "<div class=\"signed\">"
            if let meterai = party.meterai { html += "<span class=\"meterai\">\(text(meterai))</span>" }
            html += "\(party.signedNote.map(text) ?? "")</div>\n"
            html += "<div class=\"name\">\(text(party.name))</div>\n"
            if let detail = party.detail { html += "<div class=\"detail\">\(text(detail))</div>\n" }
            html += "</div>\n"
        }
        return html + "</div>\n</section>\n"
    }

    /// The QR code as an inline SVG: one path of dark runs over a white square with its quiet zone.
    private static func svg(_ code: QRCode, title: String) -> String {
        let side = code.size + 8
        var path = ""
        for run in code.darkRuns { path += "M\(run.column + 4) \(run.row + 4)h\(run.length)v1h-\(run.length)z" }
        return
            "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\" role=\"img\">"
            + "<title>\(escape(title))</title><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path d=\"\(path)\" fill=\"#000\"/></svg>\n"
    }

    /// Escaped text with its line breaks kept as `<br>`.
    private static func text(_ string: String) -> String {
        string.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map { escape(String($0)) }
            .joined(separator: "<br>")
    }

    /// `string` safe in element content and in quoted attribute values.
    static func escape(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for character in string {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Screen: a sheet on a grey desk. Print: A4 with the PDF's margins, tables never split a
    /// row, signatures stay together.
    private static let style = """

        @page { size: A4; margin: 18mm 19mm 25mm 22mm; }
        * { box-sizing: border-box; }
        html { background: #e8e8e8; }
        body { margin: 0; font: 10pt/1.4 Helvetica, Arial, sans-serif; color: #000; }
        .document { background: #fff; width: 210mm; min-height: 297mm; margin: 12mm auto; padding: 18mm 19mm 25mm 22mm; }
        .letterhead { display: flex; align-items: center; gap: 8pt; text-align: center; border-bottom: 3px double #000; padding-bottom: 4pt; margin-bottom: 14pt; }
        .letterhead .lines { flex: 1; }
        .letterhead .emblem { height: 22mm; width: auto; max-width: 28mm; }
        .letterhead .qr { width: 22mm; height: 22mm; }
        .letterhead .agency { font-weight: bold; font-size: 12pt; }
        .letterhead .address { font-size: 9pt; }
        h1 { text-align: center; font-size: 14pt; margin: 0 0 2pt; }
        .number { text-align: center; margin: 0 0 14pt; }
        h2 { font-size: 11pt; margin: 10pt 0 3pt; page-break-after: avoid; break-after: avoid; }
        p { margin: 0 0 7pt; text-align: justify; }
        .small-print { font-size: 8pt; color: #595959; text-align: left; }
        table { border-collapse: collapse; margin: 0 0 9pt; }
        .fields th { text-align: left; font-weight: normal; vertical-align: top; padding: 0 6pt 0 0; }
        .fields td { vertical-align: top; padding: 0; }
        .fields .colon { padding: 0 6pt 0 0; }
        .grid { width: 100%; font-size: 9pt; }
        .grid th, .grid td { border: 0.5pt solid #404040; padding: 3pt 4pt; vertical-align: top; }
        .grid th { background: #e0e0e0; }
        .grid tfoot td { font-weight: bold; background: #f2f2f2; }
        .grid tr { page-break-inside: avoid; break-inside: avoid; }
        .left { text-align: left; } .center { text-align: center; } .right { text-align: right; }
        .signatures { margin-top: 16pt; page-break-inside: avoid; break-inside: avoid; }
        .place-date { text-align: right; }
        .parties { display: flex; justify-content: space-between; gap: 12pt; flex-wrap: wrap; }
        .party { flex: 0 1 32%; text-align: center; }
        .party:only-child { margin-left: auto; }
        .signed { min-height: 54pt; display: flex; align-items: center; justify-content: center; font-size: 8pt; color: #595959; }
        .signed { flex-direction: column; gap: 4pt; }
        .meterai { border: 0.6pt dashed #595959; padding: 3pt 6pt; }
        .name { font-weight: bold; text-decoration: underline; }
        .detail { font-size: 9pt; }
        .page-footer { margin-top: 24pt; border-top: 0.5pt solid #999; font-size: 8pt; color: #595959; padding-top: 3pt; }
        @media print {
          html { background: none; }
          .document { width: auto; min-height: 0; margin: 0; padding: 0; }
          .document + .document { break-before: page; page-break-before: always; }
        }

        """
}
