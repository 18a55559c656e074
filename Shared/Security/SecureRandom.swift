// Randomness for salts, keys and session tokens, from OpenSSL's CSPRNG.
internal import COpenSSL

/// Cryptographically secure random bytes and tokens.
public enum SecureRandom {
    /// Returns `count` random bytes from `RAND_bytes` (an empty array for `count <= 0`).
    /// Traps only if the CSPRNG itself fails: continuing without randomness would silently
    /// produce guessable keys and tokens, which is worse than stopping.
    public static func bytes(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                // RAND_bytes takes an int length, so fill very large requests in chunks.
                let chunk = min(buffer.count - offset, Int(Int32.max))
                guard RAND_bytes(buffer.baseAddress! + offset, Int32(chunk)) == 1 else {
                    fatalError("OpenSSL RAND_bytes failed: \(drainOpenSSLErrors())")
                }
                offset += chunk
            }
        }
        return out
    }

    /// A random token of `byteCount` bytes (default 32, i.e. 256 bits), base64url without padding,
    /// safe for URLs, headers and cookies.
    public static func token(byteCount: Int = 32) -> String {
        Base64URL.encode(bytes(byteCount))
    }
}
