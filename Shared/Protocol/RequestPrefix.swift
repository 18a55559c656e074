/// Reads what a request line names from its first bytes, before the rest has arrived, so the
/// transport can hold a line to the 1 MiB default and allow more only to a line that names an
/// upload method (``RPCMethod/maxRequestBytes``).
///
/// Conservative by design: anything it does not understand (a batch, an escape in the name, a
/// `method` member after the first bytes) yields `nil`, which means the default limit.
public enum RequestPrefix {
    /// The string value of the top-level `method` member of the JSON object that `bytes` begin,
    /// or `nil` when it is not found within them.
    public static func methodName(in bytes: [UInt8]) -> String? {
        var scanner = Scanner(bytes: bytes)
        scanner.skipSpace()
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        while true {
            scanner.skipSpace()
            guard let key = scanner.plainString() else { return nil }
            scanner.skipSpace()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            scanner.skipSpace()
            if key == "method" { return scanner.plainString() }
            guard scanner.skipValue() else { return nil }
            scanner.skipSpace()
            guard scanner.take(UInt8(ascii: ",")) else { return nil }
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count,
                bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D
            {
                index += 1
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A string without escapes (names never need them); `nil` for anything else or a cut-off string.
        mutating func plainString() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    defer { index += 1 }
                    return String(decoding: bytes[start..<index], as: UTF8.self)
                case UInt8(ascii: "\\"): return nil
                default: index += 1
                }
            }
            return nil
        }

        /// Skips one value (strings with escapes, nested objects and arrays); `false` when it is cut off.
        mutating func skipValue() -> Bool {
            var depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                        index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    guard index < bytes.count else { return false }
                    index += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    index += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return true }
                    depth -= 1
                    index += 1
                case UInt8(ascii: ","):
                    if depth == 0 { return true }
                    index += 1
                default:
                    index += 1
                }
                if depth == 0, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    return true
                }
            }
            return false
        }
    }
}

extension RPCDispatcher {
    /// The longest line accepted for a request that begins with `prefix`: the limit of the method
    /// it names, or the default 1 MiB when it names none that this service serves.
    public func maxLineBytes(forRequestPrefix prefix: [UInt8]) -> Int {
        guard let name = RequestPrefix.methodName(in: prefix), let entry = table.entries[name] else {
            return RPCLimits.defaultMaxRequestBytes
        }
        return entry.maxRequestBytes
    }
}
