// PDF output, written by hand: PDF 1.4, A4, the base-14 Helvetica faces in WinAnsiEncoding,
// uncompressed content streams. Nothing in the file depends on the clock or the machine, so a
// document always renders to the same bytes and its SHA-256 seal can be checked by re-rendering.

/// Renders a ``LegalDocument`` as a PDF file.
///
/// The output is PDF 1.4 on A4 portrait pages (595 × 842 pt) set in Helvetica and
/// Helvetica-Bold, which every PDF reader has, so no font is embedded. Text is mapped to
/// Windows-1252 (WinAnsiEncoding); characters outside it print as `?`. Paragraphs are wrapped
/// and justified with Helvetica's real glyph widths, tables size their columns to their content
/// and repeat their header on each page, and every page's footer carries the document number
/// and "Halaman i dari N". Rendering is deterministic: the PDF's only date is the document's
/// own ``LegalDocument/issuedOn``.
public enum PDFRenderer {
    /// The PDF bytes of `document`. Never fails: any text, table shape or length renders; an
    /// emblem ``DocumentImage`` refuses, or a verification payload too long for a QR code, is left out.
    public static func render(_ document: LegalDocument) -> [UInt8] {
        write([laidOut(document)], info: document, attachments: [])
    }

    /// The PDF bytes of `bundle`: the cover's pages, then each part's (every document keeps its
    /// own letterhead, footer and page count), with the attachments embedded as files
    /// (`/EmbeddedFiles` name tree and the catalog's `/AF`). Never fails, like ``render(_:)``.
    public static func render(_ bundle: DocumentBundle) -> [UInt8] {
        write(
            ([bundle.cover] + bundle.parts).map(laidOut), info: bundle.cover, attachments: bundle.attachments)
    }

    /// One document's pages and the emblem its first page shows.
    private struct LaidOut {
        var pages: [[UInt8]]
        var emblem: DocumentImage?
    }

    private static func laidOut(_ document: LegalDocument) -> LaidOut {
        let emblem = document.emblem.flatMap { try? DocumentImage(bytes: Array($0)) }
        let qr = document.verification.flatMap { try? QRCode(encoding: $0.payload) }
        let layout = PDFLayout()
        layout.place(document, emblem: emblem, qr: qr)
        return LaidOut(pages: layout.pages.map { Array($0.operators.utf8) }, emblem: emblem)
    }

    /// The file around the page contents. Objects: 1 catalog, 2 page tree, 3–4 fonts, 5 info
    /// (from `info`), then each distinct emblem and its soft mask if any, then each page followed
    /// by its content stream, then per attachment its embedded file stream and file specification.
    /// A single document without attachments is written exactly as before bundles existed, so its
    /// sealed bytes re-render identically.
    private static func write(
        _ documents: [LaidOut], info document: LegalDocument, attachments: [DocumentBundle.Attachment]
    )
        -> [UInt8]
    {
        var file = PDFFileWriter(version: attachments.isEmpty ? "1.4" : "1.7")
        // Each distinct emblem once: its object number, shared by the documents that show it.
        var emblemObjects: [[UInt8]: Int] = [:]
        var emblems: [(image: DocumentImage, object: Int)] = []
        var next = 6
        for emblem in documents.compactMap(\.emblem) where emblemObjects[emblem.data] == nil {
            emblemObjects[emblem.data] = next
            emblems.append((emblem, next))
            next += emblem.alpha == nil ? 1 : 2
        }
        let firstPage = next
        let pageCount = documents.reduce(0) { $0 + $1.pages.count }
        let firstAttachment = firstPage + 2 * pageCount
        let kids = (0..<pageCount).map { "\(firstPage + 2 * $0) 0 R" }.joined(separator: " ")
        if attachments.isEmpty {
            file.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        } else {
            let specs = attachments.indices.map { firstAttachment + 2 * $0 + 1 }
            let names = uniqueNames(attachments.map(\.fileName))
            let tree = zip(names, specs).sorted { Array($0.0.utf16).lexicographicallyPrecedes(Array($1.0.utf16)) }
                .map { "\(textString($0.0)) \($0.1) 0 R" }.joined(separator: " ")
            file.object(
                1,
                "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [\(tree)] >> >>"
                    + " /AF [\(specs.map { "\($0) 0 R" }.joined(separator: " "))] /PageMode /UseAttachments >>")
        }
        file.object(2, "<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>")
        file.object(3, fontDictionary(.regular))
        file.object(4, fontDictionary(.bold))
        let date = document.issuedOn
        let creationDate = "D:" + String(date.year) + twoDigits(date.month) + twoDigits(date.day)
        file.object(
            5,
            "<< /Title \(textString(document.title)) /Subject \(textString(document.documentNumber))"
                + " /Producer (SiOpen) /CreationDate (\(creationDate)) >>")
        for (emblem, object) in emblems {
            file.rawStream(
                object, dictionary: emblem.dictionary(maskObject: emblem.alpha == nil ? nil : object + 1), emblem.data)
            if let mask = emblem.alpha, let dictionary = emblem.maskDictionary {
                file.rawStream(object + 1, dictionary: dictionary, mask)
            }
        }
        let size = "[0 0 \(number(PDFLayout.pageWidth)) \(number(PDFLayout.pageHeight))]"
        var pageObject = firstPage
        for laidOut in documents {
            for (index, content) in laidOut.pages.enumerated() {
                let emblem = index == 0 ? laidOut.emblem.flatMap { emblemObjects[$0.data] } : nil
                let images = emblem.map { " /XObject << /\(PDFLayout.emblemName) \($0) 0 R >>" } ?? ""
                file.object(
                    pageObject,
                    "<< /Type /Page /Parent 2 0 R /MediaBox \(size)"
                        + " /Resources << /Font << /F1 3 0 R /F2 4 0 R >>\(images) /ProcSet [/PDF /Text\(images.isEmpty ? "" : " /ImageB /ImageC /ImageI")] >>"
                        + " /Contents \(pageObject + 1) 0 R >>")
                file.stream(pageObject + 1, content)
                pageObject += 2
            }
        }
        for (index, attachment) in attachments.enumerated() {
            let stream = firstAttachment + 2 * index
            let bytes = [UInt8](attachment.content)
            file.rawStream(
                stream,
                dictionary: "<< /Type /EmbeddedFile /Subtype /\(nameObject(attachment.mediaType))"
                    + " /Length \(bytes.count) /Params << /Size \(bytes.count) >> >>", bytes)
            file.object(
                stream + 1,
                "<< /Type /Filespec /F \(asciiString(attachment.fileName)) /UF \(textString(attachment.fileName))"
                    + " /Desc \(textString(attachment.description)) /AFRelationship /Source"
                    + " /EF << /F \(stream) 0 R /UF \(stream) 0 R >> >>")
        }
        return file.finish(root: 1, info: 5)
    }

    /// The names as given, a repeated one suffixed " (2)", " (3)"...: keys of a name tree are unique.
    private static func uniqueNames(_ names: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return names.map { name in
            let count = (seen[name] ?? 0) + 1
            seen[name] = count
            return count == 1 ? name : "\(name) (\(count))"
        }
    }

    /// A PDF name's characters: letters, digits, `-`, `.` and `_` as they are, anything else `#XX`.
    private static func nameObject(_ text: String) -> String {
        var name = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "." || c == "_") {
                name.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                name += "#" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return name.isEmpty ? "application#2Foctet-stream" : name
    }

    /// A PDF literal string of printable ASCII (other characters become `_`), for the file
    /// specification's `/F`, which older readers show; `/UF` holds the exact name.
    private static func asciiString(_ text: String) -> String {
        var out = "("
        for scalar in text.unicodeScalars {
            switch scalar {
            case "(", ")", "\\": out += "\\" + String(scalar)
            case " "..."~": out.unicodeScalars.append(scalar)
            default: out += "_"
            }
        }
        return out + ")"
    }

    /// A base-14 font, not embedded, in WinAnsiEncoding (Windows-1252), which every viewer knows.
    private static func fontDictionary(_ font: PDFFont) -> String {
        "<< /Type /Font /Subtype /Type1 /BaseFont /\(font.baseFont) /Encoding /WinAnsiEncoding >>"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// A PDF text string for the document information dictionary: UTF-16BE with a byte-order
    /// mark, in hex, so any title (accents, line breaks) survives exactly.
    private static func textString(_ text: String) -> String {
        var hex = "<FEFF"
        for unit in text.utf16 {
            let digits = String(unit, radix: 16, uppercase: true)
            hex += String(repeating: "0", count: 4 - digits.count) + digits
        }
        return hex + ">"
    }
}

/// Accumulates numbered objects and writes the cross-reference table that points at them.
private struct PDFFileWriter {
    // The second line's high bytes tell transfer tools the file is binary (PDF 1.4, 3.4.1).
    private(set) var bytes: [UInt8]
    /// Byte offset of each object, by object number - 1.
    private var offsets: [Int] = []

    /// A file of PDF `version` ("1.4"; "1.7" for files with attachments).
    init(version: String) {
        bytes = Array("%PDF-\(version)\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
    }

    mutating func object(_ number: Int, _ dictionary: String) {
        begin(number)
        bytes += Array("\(dictionary)\nendobj\n".utf8)
    }

    mutating func stream(_ number: Int, _ content: [UInt8]) {
        begin(number)
        bytes += Array("<< /Length \(content.count) >>\nstream\n".utf8)
        bytes += content
        bytes += Array("\nendstream\nendobj\n".utf8)
    }

    /// A stream whose dictionary (with its /Length) the caller wrote, e.g. an image.
    mutating func rawStream(_ number: Int, dictionary: String, _ content: [UInt8]) {
        begin(number)
        bytes += Array("\(dictionary)\nstream\n".utf8)
        bytes += content
        bytes += Array("\nendstream\nendobj\n".utf8)
    }

    /// Objects must be written in order 1, 2, 3...: the xref lists them by number.
    private mutating func begin(_ number: Int) {
        precondition(number == offsets.count + 1, "PDF objects are written in order")
        offsets.append(bytes.count)
        bytes += Array("\(number) 0 obj\n".utf8)
    }

    /// The xref table (20-byte entries, 10-digit offsets), trailer and end-of-file marker.
    mutating func finish(root: Int, info: Int) -> [UInt8] {
        let xrefOffset = bytes.count
        var xref = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            xref += String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n"
        }
        xref += "trailer\n<< /Size \(offsets.count + 1) /Root \(root) 0 R /Info \(info) 0 R >>\n"
        xref += "startxref\n\(xrefOffset)\n%%EOF\n"
        bytes += Array(xref.utf8)
        return bytes
    }
}
