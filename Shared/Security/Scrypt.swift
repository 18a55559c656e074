// The scrypt KDF (RFC 7914) through OpenSSL, with parameter bounds checked before any
// memory is allocated.
internal import COpenSSL

/// scrypt cost parameters plus the salt and key sizes used for password hashes.
public struct ScryptParameters: Sendable, Hashable, CustomStringConvertible {
    /// log2 of the CPU/memory cost N (N = 2^logN).
    public var logN: Int
    /// Block size factor.
    public var r: Int
    /// Parallelisation factor (OpenSSL computes the p lanes sequentially).
    public var p: Int
    /// Derived key length in bytes.
    public var keyLength: Int = 32
    /// Salt length in bytes for newly hashed passwords.
    public var saltLength: Int = 16

    /// Creates parameters; they are checked when used (see `validate()`), not here.
    public init(logN: Int, r: Int, p: Int, keyLength: Int = 32, saltLength: Int = 16) {
        self.logN = logN
        self.r = r
        self.p = p
        self.keyLength = keyLength
        self.saltLength = saltLength
    }

    /// OWASP's recommended minimum for scrypt: N = 2^17, r = 8, p = 1 (about 128 MiB per hash).
    public static let owaspMinimum = ScryptParameters(logN: 17, r: 8, p: 1)

    /// N = 2^10, r = 8, p = 1 (about 1 MiB). INSECURE: far too cheap to resist offline guessing.
    /// Exists only so test suites that create many accounts run quickly; never use in production.
    public static let insecureFastForTesting = ScryptParameters(logN: 10, r: 8, p: 1)

    /// Largest accepted logN (N = 2^20 needs 1 GiB with r = 8); anything above is refused as absurd.
    public static let maximumLogN = 20

    /// Largest accepted `memoryBytes`: enough for N = 2^20, r = 8 (RFC 7914's largest vector).
    public static let maximumMemoryBytes = (1 << 30) + (1 << 20)

    /// Largest accepted N * r * p, i.e. the work of N = 2^20, r = 8, p = 1; bounds CPU time the
    /// way `maximumMemoryBytes` bounds memory (p multiplies time, not memory).
    public static let maximumWork = (1 << 20) * 8

    /// Memory OpenSSL allocates for one derivation: 128 * r * (N + 2) for V plus 128 * r * p for B.
    /// Used as OpenSSL's `maxmem` and for admission. `Int.max` when out of range or overflowing.
    public var memoryBytes: Int {
        guard (1...62).contains(logN), r > 0, p > 0 else { return Int.max }
        let n = 1 << logN
        let (blockBytes, o1) = r.multipliedReportingOverflow(by: 128)
        let (vBytes, o2) = blockBytes.multipliedReportingOverflow(by: n + 2)
        let (bBytes, o3) = blockBytes.multipliedReportingOverflow(by: p)
        let (total, o4) = vBytes.addingReportingOverflow(bBytes)
        return (o1 || o2 || o3 || o4) ? Int.max : total
    }

    /// Parameters in PHC-like notation, for logs.
    public var description: String {
        "scrypt(ln=\(logN),r=\(r),p=\(p),keyLength=\(keyLength),saltLength=\(saltLength))"
    }

    /// Throws unless the cost and key parameters are within the bounds above, so a corrupt or
    /// hostile stored hash cannot make the process allocate gigabytes or spin for minutes.
    /// `saltLength` is checked only when hashing (see `PasswordHasher`).
    public func validate() throws {
        guard (1...Self.maximumLogN).contains(logN) else {
            throw SecurityError("scrypt logN must be 1...\(Self.maximumLogN), got \(logN)")
        }
        guard (1...64).contains(r) else { throw SecurityError("scrypt r must be 1...64, got \(r)") }
        guard (1...16).contains(p) else { throw SecurityError("scrypt p must be 1...16, got \(p)") }
        guard (1...1024).contains(keyLength) else {
            throw SecurityError("scrypt key length must be 1...1024 bytes, got \(keyLength)")
        }
        guard memoryBytes <= Self.maximumMemoryBytes else {
            throw SecurityError("scrypt \(self) needs \(memoryBytes) bytes, above the \(Self.maximumMemoryBytes) limit")
        }
        guard (1 << logN) * r * p <= Self.maximumWork else {
            throw SecurityError("scrypt \(self) exceeds the work limit N*r*p <= \(Self.maximumWork)")
        }
    }
}

/// The raw scrypt KDF (RFC 7914): derives `parameters.keyLength` bytes from `password` and `salt`.
/// `parameters.saltLength` is ignored; the salt is used as given (it may be empty, as in RFC 7914's
/// first test vector). Synchronous and memory-heavy: prefer `PasswordHasher` for passwords.
/// - Throws: `SecurityError` for out-of-range parameters or if OpenSSL fails.
public func scrypt(password: [UInt8], salt: [UInt8], parameters: ScryptParameters) throws -> [UInt8] {
    try parameters.validate()
    var key = [UInt8](repeating: 0, count: parameters.keyLength)
    let ok = withNonNullBytes(password) { pw, pwLen in
        withNonNullBytes(salt) { s, sLen in
            key.withUnsafeMutableBufferPointer { k in
                pw.withMemoryRebound(to: CChar.self, capacity: max(pwLen, 1)) { pwChars in
                    // maxmem is exactly what this derivation needs: OpenSSL's 32 MiB default
                    // would reject N = 2^17, r = 8, and validate() already bounded the size.
                    EVP_PBE_scrypt(
                        pwChars, pwLen, s, sLen,
                        UInt64(1) << UInt64(parameters.logN), UInt64(parameters.r), UInt64(parameters.p),
                        UInt64(parameters.memoryBytes), k.baseAddress, k.count)
                }
            }
        }
    }
    guard ok == 1 else {
        secureWipe(&key)
        throw SecurityError.openSSL("EVP_PBE_scrypt failed for \(parameters)")
    }
    return key
}
