// Helpers shared by the security tests.
import SiOpenSecurity

/// Decodes a hex test vector; whitespace is allowed so RFC listings can be pasted as-is.
func hex(_ text: String) -> [UInt8] {
    let compact = text.filter { !$0.isWhitespace }
    guard let bytes = Hex.decode(compact) else { fatalError("bad hex in test vector: \(text)") }
    return bytes
}

/// UTF-8 bytes of a string literal.
func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }
