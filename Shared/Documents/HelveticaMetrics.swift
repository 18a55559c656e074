// Glyph widths of the two base-14 fonts the PDFs use, and the one-byte encoding they are set in.
// The widths must be the real ones: a PDF viewer draws Helvetica at these advances, so wrapping
// and right-aligning computed with anything else would overrun margins and table cells.
import Foundation

/// The two faces a document is set in. Both are PDF base-14 fonts, which every viewer has, so
/// nothing is embedded and the same document always gives the same bytes.
enum PDFFont: Sendable {
    case regular
    case bold

    /// The font's name in each page's resources.
    var resourceName: String {
        switch self {
        case .regular: "F1"
        case .bold: "F2"
        }
    }

    /// The PostScript name of the base-14 font.
    var baseFont: String {
        switch self {
        case .regular: "Helvetica"
        case .bold: "Helvetica-Bold"
        }
    }

    /// The advance of WinAnsi byte `byte` in thousandths of the font size.
    func advance(_ byte: UInt8) -> Int {
        // Codes below 32 never reach a content stream (``WinAnsi`` replaces them), but a width
        // must exist for any byte so measuring cannot fail.
        guard byte >= 32 else { return 278 }
        switch self {
        case .regular: return Int(HelveticaMetrics.regular[Int(byte) - 32])
        case .bold: return Int(HelveticaMetrics.bold[Int(byte) - 32])
        }
    }

    /// The width of `text` set at `size` points, in points. No kerning: the PDF applies none.
    func width(of text: some Sequence<UInt8>, size: Double) -> Double {
        var units = 0
        for byte in text { units += advance(byte) }
        return Double(units) * size / 1000
    }
}

/// The advance widths of Helvetica and Helvetica-Bold for WinAnsi codes 32–255, from Adobe's
/// AFM files for the base-14 fonts (codes WinAnsi leaves undefined carry the bullet's 350).
enum HelveticaMetrics {
    /// Helvetica, codes 32–255.
    static let regular: [UInt16] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // 32–47
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 48–63
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // 64–79
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // 80–95
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // 96–111
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350,  // 112–127
        556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,  // 128–143
        350, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667,  // 144–159
        278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,  // 160–175
        400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,  // 176–191
        667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,  // 192–207
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,  // 208–223
        556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,  // 224–239
        556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,  // 240–255
    ]

    /// Helvetica-Bold, codes 32–255.
    static let bold: [UInt16] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,  // 32–47
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,  // 48–63
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,  // 64–79
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,  // 80–95
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,  // 96–111
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350,  // 112–127
        556, 350, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,  // 128–143
        350, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 350, 500, 667,  // 144–159
        278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,  // 160–175
        400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,  // 176–191
        722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,  // 192–207
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,  // 208–223
        556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,  // 224–239
        611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,  // 240–255
    ]
}

/// Windows-1252, the byte encoding PDF calls WinAnsiEncoding: the simple fonts only know 256
/// codes, so text is mapped here once, before it is measured or written.
enum WinAnsi {
    /// The byte written for a character the encoding cannot show.
    static let replacement: UInt8 = 0x3F  // "?"

    /// One byte per character of `text`: composed first (NFC), so "e" followed by a combining
    /// acute becomes "é" (0xE9); any other character, an emoji or a control included, becomes
    /// `?`. A tab becomes a space. Line breaks are the caller's business (see ``lines(of:)``).
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for character in text.precomposedStringWithCanonicalMapping {
            let scalars = character.unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first else {
                out.append(replacement)
                continue
            }
            out.append(byte(for: scalar) ?? replacement)
        }
        return out
    }

    /// The Windows-1252 byte of `scalar`, or nil when it has none that prints.
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x09: return 0x20
        case 0x20...0x7E, 0xA0...0xFF: return UInt8(scalar.value)
        default: return upperHalf[scalar.value]
        }
    }

    /// The 27 printable characters Windows-1252 puts in 0x80–0x9F instead of C1 controls.
    private static let upperHalf: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86,
        0x2021: 0x87, 0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C,
        0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95,
        0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// `text` split at its explicit line breaks (LF, CR LF, CR, U+2028, U+2029), each piece encoded.
    static func lines(of text: String) -> [[UInt8]] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map { encode(String($0)) }
    }
}
