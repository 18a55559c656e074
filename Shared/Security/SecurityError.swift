// Errors and small primitives shared by the rest of SiOpenSecurity.
internal import COpenSSL

/// A failure in a security operation: bad input (wrong key length, malformed hash string,
/// out-of-range parameters) or an OpenSSL call that reported an error.
public struct SecurityError: Error, CustomStringConvertible, Sendable {
    /// Human-readable explanation; for OpenSSL failures it ends with OpenSSL's own error strings.
    public let message: String

    /// Creates an error with the given explanation.
    public init(_ message: String) {
        self.message = message
    }

    /// The message, so logs and test failures show the reason directly.
    public var description: String { "SecurityError: \(message)" }

    /// An error for a failed OpenSSL call. Drains this thread's OpenSSL error queue so the
    /// reason is reported here and stale entries cannot leak into a later, unrelated failure.
    static func openSSL(_ what: String) -> SecurityError {
        let details = drainOpenSSLErrors()
        return SecurityError(details.isEmpty ? what : "\(what): \(details)")
    }
}

/// Pops every entry of the calling thread's OpenSSL error queue, formatted and joined by "; ".
func drainOpenSSLErrors() -> String {
    var parts: [String] = []
    while true {
        let code = ERR_get_error()
        if code == 0 { break }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        parts.append(text)
    }
    return parts.joined(separator: "; ")
}

/// Compares two byte strings in time that depends only on their length, so comparing a
/// secret (MAC, password hash, token) leaks nothing about where the first difference is.
/// Returns false when the lengths differ; lengths are treated as public.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { pa in
        b.withUnsafeBytes { pb in
            CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, pa.count) == 0
        }
    }
}

/// Overwrites a secret buffer with zeros in a way the optimiser cannot drop.
func secureWipe(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { raw in
        if let base = raw.baseAddress, raw.count > 0 {
            OPENSSL_cleanse(base, raw.count)
        }
    }
}

/// Runs `body` with a pointer that is never nil, even for an empty array: some OpenSSL entry
/// points treat a NULL input pointer as an error even when the length is zero.
func withNonNullBytes<R>(
    _ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws -> R
) rethrows -> R {
    if bytes.isEmpty {
        var dummy: UInt8 = 0
        return try withUnsafePointer(to: &dummy) { try body($0, 0) }
    }
    return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!, $0.count) }
}
