// Text encodings for tokens, keys and digests. Decoders are strict (canonical form only) so
// one byte string has exactly one accepted spelling, which keeps token comparisons honest.
import Foundation

/// Base64url (RFC 4648 section 5) without padding, as used in tokens and JWT-style strings.
public enum Base64URL {
    /// Encodes bytes as base64url with no `=` padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-")
        text = text.replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Decodes unpadded base64url. Returns nil for characters outside the alphabet, padding,
    /// whitespace, impossible lengths, or non-zero trailing bits (non-canonical input).
    public static func decode(_ s: String) -> [UInt8]? {
        guard let standard = translate(s, from: ("-", "_")) else { return nil }
        return StrictBase64.decode(standard)
    }

    /// Maps the two alphabet-specific characters to the standard alphabet, rejecting the
    /// standard ones so a string is only valid in one alphabet.
    private static func translate(_ s: String, from pair: (Character, Character)) -> String? {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case pair.0: out.append("+")
            case pair.1: out.append("/")
            case "+", "/", "=": return nil
            default: out.append(ch)
            }
        }
        return out
    }
}

/// Standard-alphabet base64 without padding (the PHC string format's "B64").
enum StrictBase64 {
    /// Encodes with the standard alphabet and strips padding.
    static func encode(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Decodes unpadded standard base64; nil unless the input is the canonical encoding.
    static func decode(_ s: String) -> [UInt8]? {
        let utf8 = s.utf8
        guard utf8.count % 4 != 1 else { return nil }
        for c in utf8 {
            let ok =
                (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
                || c == 0x2B || c == 0x2F
            if !ok { return nil }
        }
        let padded = s + String(repeating: "=", count: (4 - utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: padded) else { return nil }
        let bytes = [UInt8](data)
        // Re-encoding catches non-zero trailing bits, which Foundation silently accepts.
        guard encode(bytes) == s else { return nil }
        return bytes
    }
}

/// Hexadecimal encoding of byte strings (digests, fingerprints, test vectors).
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Encodes bytes as lowercase hex, two characters per byte.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex (either case). Returns nil for odd length or any non-hex character.
    public static func decode(_ s: String) -> [UInt8]? {
        let utf8 = Array(s.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = nibble(utf8[i]), let lo = nibble(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }
}
