internal import COpenSSL
// SHA-256 and HMAC-SHA-256 through OpenSSL's EVP interface.
import Foundation

/// A fetched EVP_MD, shared process-wide. Fetching once avoids OpenSSL 3's implicit provider
/// lookup on every hash; an EVP_MD is immutable after fetch, so sharing across threads is safe.
struct FetchedDigest: @unchecked Sendable {
    let md: OpaquePointer

    /// SHA-256 from the default provider. Traps if it is missing: OpenSSL is then unusable.
    static let sha256: FetchedDigest = {
        guard let md = EVP_MD_fetch(nil, "SHA256", nil) else {
            fatalError("OpenSSL has no SHA256 implementation: \(drainOpenSSLErrors())")
        }
        return FetchedDigest(md: md)
    }()
}

/// One-shot SHA-256 (FIPS 180-4).
public enum SHA256 {
    /// The digest length in bytes.
    public static let digestLength = 32

    /// The 32-byte SHA-256 digest of `data`.
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        data.withUnsafeBytes { hash(raw: $0) }
    }

    /// The 32-byte SHA-256 digest of `data`.
    public static func hash(_ data: Data) -> [UInt8] {
        data.withUnsafeBytes { hash(raw: $0) }
    }

    /// The SHA-256 digest of `data` as 64 lowercase hex characters.
    public static func hexDigest(_ data: [UInt8]) -> String {
        Hex.encode(hash(data))
    }

    /// The SHA-256 digest of `data` as 64 lowercase hex characters.
    public static func hexDigest(_ data: Data) -> String {
        Hex.encode(hash(data))
    }

    static func hash(raw: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: digestLength)
        var length: UInt32 = 0
        var dummy: UInt8 = 0
        let ok = withUnsafeMutablePointer(to: &dummy) { fallback in
            out.withUnsafeMutableBufferPointer { o in
                // A nil base (empty input) is swapped for a valid pointer; the length stays 0.
                EVP_Digest(
                    raw.baseAddress ?? UnsafeRawPointer(fallback), raw.count, o.baseAddress, &length,
                    FetchedDigest.sha256.md, nil)
            }
        }
        // Hashing cannot fail on any input; a failure means OpenSSL itself is broken.
        guard ok == 1, length == 32 else {
            fatalError("OpenSSL EVP_Digest(SHA256) failed: \(drainOpenSSLErrors())")
        }
        return out
    }
}

/// Streaming SHA-256 for inputs too large to hold in memory at once (uploaded documents,
/// files). Non-copyable so the underlying EVP_MD_CTX has exactly one owner and is freed once.
public struct SHA256Hasher: ~Copyable, @unchecked Sendable {
    // @unchecked: the context pointer is uniquely owned (the type cannot be copied), so moving
    // a hasher to another task transfers the context rather than sharing it.
    private let context: OpaquePointer

    /// Starts a new SHA-256 computation. Traps only if OpenSSL cannot allocate a context.
    public init() {
        guard let ctx = EVP_MD_CTX_new() else {
            fatalError("OpenSSL EVP_MD_CTX_new failed: out of memory")
        }
        guard EVP_DigestInit_ex(ctx, FetchedDigest.sha256.md, nil) == 1 else {
            EVP_MD_CTX_free(ctx)
            fatalError("OpenSSL EVP_DigestInit_ex(SHA256) failed: \(drainOpenSSLErrors())")
        }
        context = ctx
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Feeds more input.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        guard EVP_DigestUpdate(context, base, bytes.count) == 1 else {
            fatalError("OpenSSL EVP_DigestUpdate failed: \(drainOpenSSLErrors())")
        }
    }

    /// Feeds more input.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds more input.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Finishes and returns the 32-byte digest. Consuming, so a finished hasher cannot be reused.
    public consuming func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: SHA256.digestLength)
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        guard ok == 1, length == 32 else {
            fatalError("OpenSSL EVP_DigestFinal_ex failed: \(drainOpenSSLErrors())")
        }
        return out
    }
}

/// HMAC-SHA-256 (RFC 2104) for signing cookies, webhooks and internal messages.
public enum HMACSHA256 {
    /// The tag length in bytes.
    public static let codeLength = 32

    /// The 32-byte HMAC-SHA-256 tag of `message` under `key`.
    public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        // RFC 2104: keys longer than the block size are replaced by their hash. Doing it here
        // gives the same result and keeps the length within OpenSSL's `int` parameter.
        if key.count > 64 {
            var hashedKey = SHA256.hash(key)
            defer { secureWipe(&hashedKey) }
            return code(for: message, shortKey: hashedKey)
        }
        return code(for: message, shortKey: key)
    }

    private static func code(for message: [UInt8], shortKey key: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: codeLength)
        var length: UInt32 = 0
        let result = withNonNullBytes(key) { k, kLen in
            withNonNullBytes(message) { m, mLen in
                out.withUnsafeMutableBufferPointer { o in
                    HMAC(FetchedDigest.sha256.md, k, Int32(kLen), m, mLen, o.baseAddress, &length)
                }
            }
        }
        // HMAC cannot fail on any input; a failure means OpenSSL itself is broken.
        guard result != nil, length == 32 else {
            fatalError("OpenSSL HMAC(SHA256) failed: \(drainOpenSSLErrors())")
        }
        return out
    }

    /// Whether `code` is the correct tag for `message` under `key`, compared in constant time
    /// so an attacker cannot forge a tag byte by byte from response timings.
    public static func isValidAuthenticationCode(_ code: [UInt8], for message: [UInt8], key: [UInt8]) -> Bool {
        var expected = authenticationCode(for: message, key: key)
        defer { secureWipe(&expected) }
        return constantTimeEquals(expected, code)
    }
}
