// What the renderers add to every document, checked the way a reader would: the QR code decoded
// by zbar from poppler's rendering, the emblem embedded as an image, amounts and dates as the
// regulation writes them, and signature blocks that never stand alone on a page.
import Foundation
import SiOpenDocuments
import SiOpenDomain
import SiOpenTestSupport
import Testing

@Suite("Document rendering capabilities")
struct DocumentRenderingCapabilitiesTests {
    static let code = String(repeating: "0123456789abcdef", count: 4)

    func document(verification: LegalDocument.Verification?, emblem: Data? = nil) throws -> LegalDocument {
        var document = try SampleDocuments.suratPesanan(items: 2)
        document.verification = verification
        document.emblem = emblem
        return document
    }

    // MARK: QR code

    @Test func theQRCodeHoldsItsPayloadExactly() throws {
        let payload = "https://siopen.balangankab.go.id/verifikasi/" + Self.code
        let code = try QRCode(encoding: payload)
        #expect(code.size >= 21 && code.size <= 177 && (code.size - 17) % 4 == 0)
        #expect(code.modules.count == code.size * code.size)
        // The finder pattern's corner is dark in every symbol.
        #expect(code.isDark(row: 0, column: 0) && code.isDark(row: 0, column: code.size - 1))
        #expect(throws: QRCodeError.self) { try QRCode(encoding: "") }
        #expect(throws: QRCodeError.self) { try QRCode(encoding: String(repeating: "x", count: 3000)) }
    }

    @Test(
        .enabled(
            if: PDFTools.available("pdftoppm", "zbarimg"),
            "needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)"))
    func aRealDecoderReadsTheQRCodeOffTheRenderedPage() throws {
        let folder = try makeShortTemporaryDirectory(prefix: "qr")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for payload in [Self.code, "https://siopen.balangankab.go.id/verifikasi/" + Self.code] {
            let document = try document(verification: .init(payload: payload, code: Self.code))
            let pdf = PDFRenderer.render(document)
            // At 150 dpi, the resolution of an office scanner, and at 300 dpi.
            for dpi in [150, 300] {
                let png = try PDFTools.firstPagePNG(of: pdf, to: folder + "/page-\(dpi)", dpi: dpi)
                #expect(try PDFTools.qrCodes(in: png) == [payload], "at \(dpi) dpi")
            }
        }
    }

    @Test func theHTMLCarriesTheSameQRCodeAsAnInlineSVG() throws {
        let document = try document(verification: .of(code: Self.code, prefix: "https://x.example/v/"))
        let html = HTMLRenderer.render(document)
        #expect(html.contains("<svg class=\"qr\""))
        #expect(html.contains("<title>https://x.example/v/\(Self.code)</title>"))
        let code = try QRCode(encoding: "https://x.example/v/" + Self.code)
        let path = code.darkRuns.map { "M\($0.column + 4) \($0.row + 4)h\($0.length)v1h-\($0.length)z" }.joined()
        #expect(html.contains(path))
        #expect(!HTMLRenderer.render(try self.document(verification: nil)).contains("<svg"))
    }

    // MARK: Emblem

    @Test func pngEmblemsWithAlphaAreEmbeddedWithASoftMask() throws {
        let png = TestImages.shieldPNG(size: 48)
        let image = try DocumentImage(bytes: png)
        #expect(image.width == 48 && image.height == 48 && image.mediaType == "image/png")
        let pdf = PDFRenderer.render(try document(verification: nil, emblem: Data(png)))
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/Subtype /Image /Width 48 /Height 48 /ColorSpace /DeviceRGB"))
        #expect(text.contains("/SMask 7 0 R"))
        #expect(text.contains("/Im1 Do"))
        // Deterministic: the same emblem gives the same bytes.
        #expect(pdf == PDFRenderer.render(try document(verification: nil, emblem: Data(png))))
        let html = HTMLRenderer.render(try document(verification: nil, emblem: Data(png)))
        #expect(html.contains("<img class=\"emblem\" alt=\"Lambang daerah\" src=\"data:image/png;base64,"))
    }

    @Test(.enabled(if: PDFTools.available("pdftoppm", "pdfimages"), "needs poppler-utils"))
    func jpegEmblemsPassThroughAsDCTAndRenderCleanly() throws {
        let folder = try makeShortTemporaryDirectory(prefix: "emblem")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A JPEG made by poppler from a rendered page.
        let source = folder + "/source.pdf"
        try Data(PDFRenderer.render(try document(verification: nil))).write(to: URL(fileURLWithPath: source))
        let made = try PDFTools.run("pdftoppm", ["-jpeg", "-r", "10", "-singlefile", source, folder + "/emblem"])
        try #require(made.status == 0, "pdftoppm -jpeg: \(made.error)")
        let jpeg = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/emblem.jpg")))
        let image = try DocumentImage(bytes: jpeg)
        #expect(image.mediaType == "image/jpeg" && image.width > 0)
        for (emblem, listed) in [
            (jpeg, "jpeg"), (TestImages.shieldPNG(size: 40), "smask"), (TestImages.grayPNG(size: 30), "gray"),
        ] {
            let pdf = PDFRenderer.render(try document(verification: nil, emblem: Data(emblem)))
            let file = folder + "/with-emblem.pdf"
            try Data(pdf).write(to: URL(fileURLWithPath: file))
            let list = try PDFTools.run("pdfimages", ["-list", file])
            #expect(list.status == 0 && list.error.isEmpty, "\(list.error)")
            #expect(list.output.contains(listed), "\(list.output)")
            let rendered = try PDFTools.run("pdftoppm", ["-png", "-r", "30", "-singlefile", file, folder + "/render"])
            #expect(rendered.status == 0 && rendered.error.isEmpty, "\(rendered.error)")
        }
    }

    @Test func unsupportedImagesAreRefusedWithATypedError() {
        func code(_ bytes: [UInt8]) -> String? {
            do {
                _ = try DocumentImage(bytes: bytes)
                return nil
            } catch { return error.code }
        }
        #expect(code(Array("GIF89a....".utf8)) == "unsupported_format")
        #expect(code(TestImages.png(width: 4, height: 4, depth: 8, colorType: 6, interlace: 1)) == "unsupported_kind")
        #expect(code(TestImages.png(width: 4, height: 4, depth: 16, colorType: 2)) == "unsupported_kind")
        #expect(code(Array(TestImages.shieldPNG(size: 8).prefix(40))) == "corrupt")
        #expect(code([0xFF, 0xD8, 0xFF, 0xD9]) == "corrupt")
        #expect(code(TestImages.png(width: 0, height: 4, depth: 8, colorType: 2)) == "bad_dimensions")
        // A refused emblem is left out; the document still renders.
        var document = LegalDocument(title: "X", documentNumber: "1", issuedOn: .fixed("2026-12-02"), blocks: [])
        document.emblem = Data("not an image".utf8)
        #expect(!String(decoding: PDFRenderer.render(document), as: UTF8.self).contains("/XObject"))
    }

    // MARK: Amounts and dates

    @Test func amountsAndDatesAsTheRegulationWritesThem() {
        #expect(Rupiah(10_000_000).printed == "Rp10.000.000,00")
        #expect(Rupiah(0).printed == "Rp0,00")
        #expect(Terbilang.inParentheses(10_000_000) == "(sepuluh juta rupiah)")
        #expect(
            Terbilang.amount(6_924_324)
                == "Rp6.924.324,00 (enam juta sembilan ratus dua puluh empat ribu tiga ratus dua puluh empat rupiah)")
        #expect(
            "Pada " + IndonesianDate.inWords(.fixed("2026-12-02"))
                == "Pada hari Rabu tanggal dua bulan Desember tahun dua ribu dua puluh enam")
        #expect(IndonesianDate.dayName(.fixed("1970-01-01")) == "Kamis")
        #expect(IndonesianDate.dayName(.fixed("2024-02-29")) == "Kamis")
        #expect(IndonesianDate.dayName(.fixed("2000-01-02")) == "Minggu")
        // 02:15 UTC is 10:15 in Paringin and Polewali (WITA).
        let instant = Date(timeIntervalSince1970: 1_796_177_700)  // 2026-12-02T02:15:00Z
        #expect(IndonesianDate.instant(instant, calendar: .wita) == "2 Desember 2026 pukul 10.15 WITA")
        #expect(
            IndonesianDate.instant(instant, calendar: TenantCalendar(timeZone: TimeZone(identifier: "Asia/Jakarta")!))
                == "2 Desember 2026 pukul 09.15 WIB")
    }

    // MARK: Signatures kept with what precedes them

    @Test(.enabled(if: PDFTools.available("pdftotext", "pdfinfo"), "needs poppler-utils"))
    func signaturesNeverStandAloneOnAPage() throws {
        let folder = try makeShortTemporaryDirectory(prefix: "keep")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let closing = "Demikian Surat Pesanan ini dibuat dengan sebenarnya."
        // Fill the first page by different amounts so that the signatures land at every height.
        var checked = 0
        for filler in stride(from: 30, through: 48, by: 1) {
            var blocks: [LegalDocument.Block] = (0..<filler).map { .paragraph("Baris pengisi nomor \($0).") }
            blocks.append(.paragraph(closing))
            blocks.append(
                .signatures(
                    .init(
                        placeAndDate: "Paringin, 2 Desember 2026",
                        parties: [
                            .init(role: "Penyedia", name: "Budi Santoso", signedNote: "Belum diakui secara elektronik"),
                            .init(
                                role: "Pejabat Pembuat Komitmen", name: "Siti Aminah",
                                detail: "NIP 19870101 201001 2 001"),
                        ])))
            let document = LegalDocument(
                title: "SURAT PESANAN", documentNumber: "1", issuedOn: .fixed("2026-12-02"), blocks: blocks)
            let pdf = PDFRenderer.render(document)
            let pages = try PDFTools.pageCount(of: pdf, in: folder)
            let last = try PDFTools.text(of: pdf, in: folder, pages: pages...pages)
            if last.contains("Siti Aminah") {
                #expect(last.contains(closing) || pages == 1, "filler \(filler): the signatures stand alone")
                checked += pages > 1 ? 1 : 0
            }
        }
        #expect(checked > 0, "no layout pushed the signatures to a second page")
    }
}

/// Small images written by hand: PNGs of every kind the tests need (zlib stored blocks, so no
/// library is needed to make them).
enum TestImages {
    /// A gold shield with a green border on a transparent background (RGBA), `size` pixels square.
    static func shieldPNG(size: Int) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<size {
            for x in 0..<size {
                let cx = Double(x) - Double(size) / 2
                let cy = Double(y)
                let halfWidth =
                    Double(size) * 0.42
                    * (cy < Double(size) * 0.55 ? 1 : 1 - (cy - Double(size) * 0.55) / (Double(size) * 0.45))
                let inside = abs(cx) <= halfWidth && cy >= Double(size) * 0.05
                let border = inside && abs(cx) > halfWidth - 3
                if !inside {
                    pixels += [0, 0, 0, 0]
                } else if border {
                    pixels += [0, 110, 50, 255]
                } else {
                    pixels += [230, 180, 30, 255]
                }
            }
        }
        return png(width: size, height: size, depth: 8, colorType: 6, pixels: pixels)
    }

    /// A grey gradient (colour type 0, 8 bits), passed through with PNG predictors.
    static func grayPNG(size: Int) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<size { for x in 0..<size { pixels.append(UInt8((x + y) * 255 / (2 * size))) } }
        return png(width: size, height: size, depth: 8, colorType: 0, pixels: pixels)
    }

    /// A PNG with the given header; `pixels` (unfiltered rows) default to zeros.
    static func png(
        width: Int, height: Int, depth: Int, colorType: Int, interlace: UInt8 = 0, pixels: [UInt8]? = nil
    ) -> [UInt8] {
        let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType] ?? 1
        let stride = (width * channels * depth + 7) / 8
        let body = pixels ?? [UInt8](repeating: 0, count: stride * height)
        var raw: [UInt8] = []
        for row in 0..<height {
            raw.append(0)
            raw += body[(row * stride)..<min(body.count, (row + 1) * stride)]
        }
        var header: [UInt8] = []
        header += be32(width) + be32(height)
        header += [UInt8(depth), UInt8(colorType), 0, 0, interlace]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlibStored(raw))
            + chunk("IEND", [])
    }

    private static func be32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return be32(data.count) + typed + be32(Int(crc32(typed)))
    }

    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length >= data.count ? 1 : 0
            out += [
                final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF),
            ]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + be32(Int(b << 16 | a))
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
