// Element text for the hand-written XML exports: the five markup characters escaped, and the
// characters XML 1.0 cannot carry (or that have no business in a tax file) refused beforehand.

/// Writes XML element text into a byte buffer.
enum XMLText {
    /// Why `text` cannot go into an element of a tax file, or nil when it can: C0 and C1 control
    /// characters (tab, CR and LF included: every exported field is one line), and the
    /// noncharacters U+FFFE and U+FFFF, which XML 1.0 excludes.
    static func problem(in text: String) -> String? {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) {
                return "must not contain control characters (found U+\(hex(value)))"
            }
            if value == 0xFFFE || value == 0xFFFF {
                return "must not contain the noncharacter U+\(hex(value))"
            }
        }
        return nil
    }

    /// Appends `text`'s UTF-8 with `&`, `<`, `>`, `"` and `'` as entity references. `text` must have
    /// passed ``problem(in:)``.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: amp)
            case UInt8(ascii: "<"): out.append(contentsOf: lt)
            case UInt8(ascii: ">"): out.append(contentsOf: gt)
            case UInt8(ascii: "\""): out.append(contentsOf: quot)
            case UInt8(ascii: "'"): out.append(contentsOf: apos)
            default: out.append(byte)
            }
        }
    }

    /// Appends `<name>text</name>` and a line break, indented by `indent` spaces.
    static func appendElement(_ name: StaticString, _ text: String, indent: Int, to out: inout [UInt8]) {
        appendIndent(indent, to: &out)
        out.append(UInt8(ascii: "<"))
        append(name, to: &out)
        out.append(UInt8(ascii: ">"))
        appendEscaped(text, to: &out)
        out.append(contentsOf: closeStart)
        append(name, to: &out)
        out.append(contentsOf: closeEnd)
    }

    /// Appends `<name xsi:nil="true"/>` and a line break: a present element with no value.
    static func appendNil(_ name: StaticString, indent: Int, to out: inout [UInt8]) {
        appendIndent(indent, to: &out)
        out.append(UInt8(ascii: "<"))
        append(name, to: &out)
        out.append(contentsOf: nilTail)
    }

    /// Appends a literal.
    static func append(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends `count` spaces.
    static func appendIndent(_ count: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8)
    private static let apos = Array("&apos;".utf8)
    private static let closeStart = Array("</".utf8)
    private static let closeEnd = Array(">\n".utf8)
    private static let nilTail = Array(" xsi:nil=\"true\"/>\n".utf8)
}
