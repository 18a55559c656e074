// The operators of a page's content stream, written as plain ASCII so the uncompressed PDF
// stays readable and diffable.

/// The operators of one page's content stream, in top-down coordinates (y grows downwards from
/// the top edge) that are flipped on output. Colour and word spacing are part of the graphics
/// state and persist between text objects, so they are tracked and only written on change.
struct PageContent {
    private(set) var operators = ""
    private var fillGray = 0.0
    private var strokeGray = 0.0
    private var wordSpacing = 0.0

    /// Sets `text` with its baseline at `baseline`, starting at `x`.
    mutating func text(_ text: [UInt8], style: TextStyle, x: Double, baseline: Double, wordSpacing spacing: Double = 0)
    {
        guard !text.isEmpty else { return }
        setFill(style.gray)
        var op = "BT /\(style.font.resourceName) \(number(style.size)) Tf "
        if spacing != wordSpacing {
            op += "\(number(spacing)) Tw "
            wordSpacing = spacing
        }
        op += "\(number(x)) \(number(PDFLayout.pageHeight - baseline)) Td \(literal(text)) Tj ET\n"
        operators += op
    }

    /// A straight line.
    mutating func line(
        from start: (x: Double, y: Double), to end: (x: Double, y: Double), width: Double, gray: Double = 0
    ) {
        setStroke(gray)
        operators +=
            "\(number(width)) w \(number(start.x)) \(number(PDFLayout.pageHeight - start.y)) m "
            + "\(number(end.x)) \(number(PDFLayout.pageHeight - end.y)) l S\n"
    }

    /// A rectangle's outline; `top` is its upper edge.
    mutating func strokeRect(x: Double, top: Double, width: Double, height: Double, lineWidth: Double, gray: Double = 0)
    {
        setStroke(gray)
        operators += "\(number(lineWidth)) w \(rect(x: x, top: top, width: width, height: height)) S\n"
    }

    /// A rectangle's outline in 2-on-2-off dashes; `top` is its upper edge.
    mutating func dashedRect(x: Double, top: Double, width: Double, height: Double, lineWidth: Double, gray: Double) {
        setStroke(gray)
        operators +=
            "[2 2] 0 d \(number(lineWidth)) w \(rect(x: x, top: top, width: width, height: height)) S [] 0 d\n"
    }

    /// A filled rectangle; `top` is its upper edge.
    mutating func fillRect(x: Double, top: Double, width: Double, height: Double, gray: Double) {
        setFill(gray)
        operators += "\(rect(x: x, top: top, width: width, height: height)) f\n"
    }

    /// Draws image XObject `name` into the box whose top-left corner is (`x`, `top`).
    mutating func image(_ name: String, x: Double, top: Double, width: Double, height: Double) {
        operators +=
            "q \(number(width)) 0 0 \(number(height)) \(number(x)) \(number(PDFLayout.pageHeight - top - height)) cm /\(name) Do Q\n"
    }

    /// A QR code's dark modules as filled black squares (one rectangle per horizontal run) in
    /// the square of side `side` whose top-left corner is (`x`, `top`), quiet zone included.
    mutating func qrCode(_ code: QRCode, x: Double, top: Double, side: Double) {
        let quietZone = 4
        let module = side / Double(code.size + 2 * quietZone)
        setFill(0)
        var path = ""
        for run in code.darkRuns {
            let left = x + Double(run.column + quietZone) * module
            let upper = top + Double(run.row + quietZone) * module
            path += rect(x: left, top: upper, width: Double(run.length) * module, height: module) + "\n"
        }
        operators += path + "f\n"
    }

    private func rect(x: Double, top: Double, width: Double, height: Double) -> String {
        "\(number(x)) \(number(PDFLayout.pageHeight - top - height)) \(number(width)) \(number(height)) re"
    }

    private mutating func setFill(_ gray: Double) {
        guard gray != fillGray else { return }
        operators += "\(number(gray)) g\n"
        fillGray = gray
    }

    private mutating func setStroke(_ gray: Double) {
        guard gray != strokeGray else { return }
        operators += "\(number(gray)) G\n"
        strokeGray = gray
    }

    /// A PDF literal string of WinAnsi bytes. Delimiters and the escape character are escaped,
    /// and every byte outside printable ASCII is written as an octal escape, so the content
    /// stream stays plain ASCII and diffs cleanly.
    private func literal(_ bytes: [UInt8]) -> String {
        var out = "("
        for byte in bytes {
            switch byte {
            case 0x28, 0x29, 0x5C: out += "\\" + String(UnicodeScalar(byte))
            case 0x20...0x7E: out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let octal = String(byte, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return out + ")"
    }
}

/// A number as a PDF operand: at most two decimals, no exponent, no locale. Rounding to
/// hundredths of a point is far below what print resolves and keeps output reproducible.
func number(_ value: Double) -> String {
    let scaled = (value * 100).rounded()
    guard scaled.isFinite, abs(scaled) < 1e15 else { return "0" }
    let hundredths = Int64(scaled)
    let magnitude = hundredths.magnitude
    let sign = hundredths < 0 ? "-" : ""
    let whole = magnitude / 100
    let fraction = magnitude % 100
    if fraction == 0 { return sign + String(whole) }
    if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
    return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}
