// Internals of the PDF layout that the file alone cannot show: measuring, encoding, wrapping.
import Foundation
import Testing

@testable import SiOpenDocuments

@Suite("Line breaking and metrics")
struct LineBreakingTests {
    @Test func helveticaWidthsAreTheAFMWidths() {
        #expect(HelveticaMetrics.regular.count == 224 && HelveticaMetrics.bold.count == 224)
        // "Helvetica" in Helvetica: H722 e556 l222 v500 e556 t278 i222 c500 a556 = 4112.
        #expect(PDFFont.regular.width(of: Array("Helvetica".utf8), size: 1000) == 4112)
        // In Helvetica-Bold: H722 e556 l278 v556 e556 t333 i278 c556 a556 = 4391.
        #expect(PDFFont.bold.width(of: Array("Helvetica".utf8), size: 1000) == 4391)
        #expect(PDFFont.regular.advance(0x20) == 278 && PDFFont.regular.advance(0x40) == 1015)
        #expect(PDFFont.regular.advance(0xE9) == 556 && PDFFont.bold.advance(0xFF) == 556)
        #expect(PDFFont.regular.width(of: [0x57], size: 10) == 9.44)  // W
    }

    @Test func windows1252() {
        #expect(WinAnsi.encode("Rp10.000") == Array("Rp10.000".utf8))
        #expect(WinAnsi.encode("é") == [0xE9])
        #expect(WinAnsi.encode("e\u{301}") == [0xE9])
        #expect(WinAnsi.encode("€‰“”–—…") == [0x80, 0x89, 0x93, 0x94, 0x96, 0x97, 0x85])
        #expect(WinAnsi.encode("😀🇮🇩\u{7}\u{81}") == [0x3F, 0x3F, 0x3F, 0x3F])
        #expect(WinAnsi.encode("a\tb") == Array("a b".utf8))
        #expect(WinAnsi.lines(of: "a\nb\r\nc\rd\u{2028}e") == [[0x61], [0x62], [0x63], [0x64], [0x65]])
    }

    @Test func wrappedLinesFitAndKeepEveryWord() {
        let text =
            "Penyedia wajib menyerahkan barang paling lambat empat belas hari kalender sejak tanggal Surat Pesanan."
        for width in [90.0, 100, 250, 478] {  // wide enough for the longest word, "menyerahkan"
            let lines = LineBreaker.wrap(text, style: .body, width: width)
            for line in lines { #expect(TextStyle.body.width(line.text) <= width + 0.001) }
            #expect(lines.map { String(decoding: $0.text, as: UTF8.self) }.joined(separator: " ") == text)
            #expect(lines.last?.endsParagraph == true)
        }
    }

    @Test func longWordsAreCutToTheWidth() {
        let word = String(repeating: "W", count: 500)
        let lines = LineBreaker.wrap("x " + word + " y", style: .body, width: 100)
        for line in lines { #expect(TextStyle.body.width(line.text) <= 100.001) }
        #expect(lines.map { String(decoding: $0.text, as: UTF8.self) }.joined() == "x" + word + "y")
    }

    @Test func narrowerThanOneCharacterStillProgresses() {
        let lines = LineBreaker.wrap("abc", style: .body, width: 0)
        #expect(lines.map(\.text) == [[0x61], [0x62], [0x63]])
    }

    @Test func explicitBreaksAndEmptyText() {
        #expect(LineBreaker.wrap("", style: .body, width: 100).map(\.text) == [[]])
        let lines = LineBreaker.wrap("satu\n\ndua   tiga", style: .body, width: 300)
        #expect(lines.map { String(decoding: $0.text, as: UTF8.self) } == ["satu", "", "dua tiga"])
        #expect(lines.map(\.endsParagraph) == [true, true, true])
    }

    @Test func pdfNumbers() {
        #expect(number(0) == "0")
        #expect(number(-0.001) == "0")
        #expect(number(595) == "595")
        #expect(number(12.5) == "12.5")
        #expect(number(0.05) == "0.05")
        #expect(number(-3.14159) == "-3.14")
        #expect(number(.nan) == "0")
    }
}
