// Text for the PDF: the type styles of each kind of text, and line breaking with Helvetica's
// real widths, so wrapped and aligned lines land exactly where a viewer draws them.

/// The type sizes and spacing of one kind of text.
struct TextStyle {
    var font: PDFFont
    var size: Double
    /// Distance between baselines.
    var leading: Double
    /// 0 is black, 1 white.
    var gray: Double = 0

    static let body = TextStyle(font: .regular, size: 10, leading: 14)
    static let heading = TextStyle(font: .bold, size: 11, leading: 15)
    static let title = TextStyle(font: .bold, size: 14, leading: 18)
    static let letterhead = TextStyle(font: .bold, size: 12, leading: 15)
    static let address = TextStyle(font: .regular, size: 9, leading: 12)
    static let tableBody = TextStyle(font: .regular, size: 9, leading: 11.5)
    static let tableBold = TextStyle(font: .bold, size: 9, leading: 11.5)
    static let smallPrint = TextStyle(font: .regular, size: 8, leading: 10.5, gray: 0.35)
    static let signedNote = TextStyle(font: .regular, size: 8, leading: 10, gray: 0.35)
    static let signatureName = TextStyle(font: .bold, size: 10, leading: 14)
    static let signatureDetail = TextStyle(font: .regular, size: 9, leading: 12)
    static let footer = TextStyle(font: .regular, size: 8, leading: 10, gray: 0.35)

    /// Where the baseline sits in a line box of height `leading` whose top is at `top`: the
    /// cap height and descender are centred in the box.
    func baseline(top: Double) -> Double { top + leading / 2 + size * 0.28 }

    func width(_ text: [UInt8]) -> Double { font.width(of: text, size: size) }
}

/// One wrapped line and whether it ends its paragraph (a justified paragraph's last line is
/// left ragged).
struct WrappedLine {
    var text: [UInt8]
    var endsParagraph: Bool
}

/// Breaks text into lines no wider than a given width.
enum LineBreaker {
    /// Slack for rounding: widths summed word by word differ from a whole line's in the last
    /// bits, and a column sized to its text must not wrap because of that.
    private static let tolerance = 0.001

    /// `text` wrapped to `width` in `style`: explicit line breaks are kept, runs of spaces
    /// between words collapse to one, and a word wider than the line is cut between characters
    /// (an NPWP or a long URL must stay on the page). Always at least one (maybe empty) line.
    static func wrap(_ text: String, style: TextStyle, width: Double) -> [WrappedLine] {
        var out: [WrappedLine] = []
        for line in WinAnsi.lines(of: text) {
            let pieces = wrap(encoded: line, style: style, width: width)
            for (index, piece) in pieces.enumerated() {
                out.append(WrappedLine(text: piece, endsParagraph: index == pieces.count - 1))
            }
        }
        return out.isEmpty ? [WrappedLine(text: [], endsParagraph: true)] : out
    }

    /// Wraps one line without explicit breaks.
    static func wrap(encoded line: [UInt8], style: TextStyle, width: Double) -> [[UInt8]] {
        let space = style.width([0x20])
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var currentWidth = 0.0
        for word in line.split(separator: 0x20) {
            let word = Array(word)
            let wordWidth = style.width(word)
            if !current.isEmpty && currentWidth + space + wordWidth <= width + tolerance {
                current += [0x20] + word
                currentWidth += space + wordWidth
                continue
            }
            if !current.isEmpty { lines.append(current) }
            if wordWidth <= width + tolerance {
                current = word
                currentWidth = wordWidth
            } else {
                var chunks = cut(word, style: style, width: width)
                current = chunks.removeLast()
                currentWidth = style.width(current)
                lines += chunks
            }
        }
        lines.append(current)
        return lines
    }

    /// A word too wide for the line, cut into pieces that fit; each piece holds at least one
    /// character so even an absurdly narrow column makes progress.
    private static func cut(_ word: [UInt8], style: TextStyle, width: Double) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var piece: [UInt8] = []
        var pieceWidth = 0.0
        for byte in word {
            let advance = style.font.width(of: CollectionOfOne(byte), size: style.size)
            if !piece.isEmpty && pieceWidth + advance > width + tolerance {
                pieces.append(piece)
                piece = []
                pieceWidth = 0
            }
            piece.append(byte)
            pieceWidth += advance
        }
        pieces.append(piece)
        return pieces
    }

    /// The widest single word of `text` and its widest explicit line, for sizing table columns.
    static func extents(_ text: String, style: TextStyle) -> (word: Double, line: Double) {
        var word = 0.0
        var line = 0.0
        for encoded in WinAnsi.lines(of: text) {
            line = max(line, style.width(encoded))
            for piece in encoded.split(separator: 0x20) { word = max(word, style.width(Array(piece))) }
        }
        return (word, line)
    }
}
