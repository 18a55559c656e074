// Ed25519 signatures (RFC 8032) through OpenSSL's EVP_PKEY interface.
internal import COpenSSL

/// Owns one EVP_PKEY. Keys are parsed once and reused because building an EVP_PKEY costs far
/// more than a verification. OpenSSL allows concurrent signing/verifying with one EVP_PKEY as
/// long as nobody mutates it, and nothing here does after construction.
final class OwnedPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        // EVP_PKEY_free also cleanses the private key material.
        EVP_PKEY_free(pointer)
    }

    /// The raw 32-byte public key.
    func rawPublicKey() throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length = out.count
        guard EVP_PKEY_get_raw_public_key(pointer, &out, &length) == 1, length == 32 else {
            throw SecurityError.openSSL("cannot read Ed25519 public key")
        }
        return out
    }
}

/// An Ed25519 signing key. The seed lives only inside OpenSSL, which wipes it on free.
public struct Ed25519PrivateKey: Sendable {
    private let key: OwnedPKey

    /// The matching public key, derived once at construction.
    public let publicKey: Ed25519PublicKey

    /// Generates a fresh key from OpenSSL's CSPRNG. Traps only if key generation itself fails,
    /// which means the CSPRNG or OpenSSL is broken (same policy as `SecureRandom`).
    public init() {
        do {
            guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "ED25519", nil) else {
                throw SecurityError.openSSL("EVP_PKEY_CTX_new_from_name(ED25519) failed")
            }
            defer { EVP_PKEY_CTX_free(ctx) }
            var generated: OpaquePointer?
            guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_keygen(ctx, &generated) == 1,
                let generated
            else {
                throw SecurityError.openSSL("Ed25519 key generation failed")
            }
            key = OwnedPKey(generated)
            publicKey = try Ed25519PublicKey(key: key)
        } catch {
            fatalError("\(error)")
        }
    }

    /// Restores a key from its 32-byte seed (RFC 8032 "secret key").
    /// - Throws: `SecurityError` if the seed is not exactly 32 bytes.
    public init(rawRepresentation: [UInt8]) throws {
        guard rawRepresentation.count == 32 else {
            throw SecurityError("Ed25519 private key must be 32 bytes, got \(rawRepresentation.count)")
        }
        let created = rawRepresentation.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, $0.baseAddress, 32)
        }
        guard let created else {
            throw SecurityError.openSSL("cannot load Ed25519 private key")
        }
        key = OwnedPKey(created)
        publicKey = try Ed25519PublicKey(key: key)
    }

    /// The 32-byte seed, for storage. Read from OpenSSL on demand so no Swift copy lingers.
    public var rawRepresentation: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length = out.count
        // Cannot fail for a key we constructed with private material.
        guard EVP_PKEY_get_raw_private_key(key.pointer, &out, &length) == 1, length == 32 else {
            fatalError("OpenSSL cannot export Ed25519 private key: \(drainOpenSSLErrors())")
        }
        return out
    }

    /// Signs `message` (pure Ed25519: no pre-hash, so the digest argument to OpenSSL is NULL).
    /// - Returns: the 64-byte signature.
    /// - Throws: `SecurityError` if OpenSSL fails.
    public func signature(for message: [UInt8]) throws -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else {
            throw SecurityError.openSSL("EVP_MD_CTX_new failed")
        }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, nil, nil, key.pointer) == 1 else {
            throw SecurityError.openSSL("EVP_DigestSignInit(Ed25519) failed")
        }
        var signature = [UInt8](repeating: 0, count: 64)
        var length = signature.count
        let ok = withNonNullBytes(message) { m, mLen in
            signature.withUnsafeMutableBufferPointer { EVP_DigestSign(ctx, $0.baseAddress, &length, m, mLen) }
        }
        guard ok == 1, length == 64 else {
            throw SecurityError.openSSL("EVP_DigestSign(Ed25519) failed")
        }
        return signature
    }
}

/// An Ed25519 verification key. Equality and hashing use the 32 raw bytes.
public struct Ed25519PublicKey: Sendable, Hashable {
    /// The 32-byte encoded public key (RFC 8032 section 5.1.5).
    public let rawRepresentation: [UInt8]
    private let key: OwnedPKey

    /// Loads a public key from its 32-byte encoding.
    /// - Throws: `SecurityError` if it is not exactly 32 bytes or OpenSSL rejects it.
    public init(rawRepresentation: [UInt8]) throws {
        guard rawRepresentation.count == 32 else {
            throw SecurityError("Ed25519 public key must be 32 bytes, got \(rawRepresentation.count)")
        }
        let created = rawRepresentation.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, $0.baseAddress, 32)
        }
        guard let created else {
            throw SecurityError.openSSL("cannot load Ed25519 public key")
        }
        self.rawRepresentation = rawRepresentation
        self.key = OwnedPKey(created)
    }

    /// Shares the private key's EVP_PKEY, which holds the public half too.
    init(key: OwnedPKey) throws {
        self.rawRepresentation = try key.rawPublicKey()
        self.key = key
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by this key.
    /// Any malformed signature (wrong length, bad encoding) is simply invalid.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer {
            EVP_MD_CTX_free(ctx)
            // A rejected signature may queue OpenSSL errors; clear them so they are not
            // misreported by a later, unrelated call on this thread.
            ERR_clear_error()
        }
        guard EVP_DigestVerifyInit(ctx, nil, nil, nil, key.pointer) == 1 else { return false }
        let result = signature.withUnsafeBufferPointer { s in
            withNonNullBytes(message) { m, mLen in
                EVP_DigestVerify(ctx, s.baseAddress, 64, m, mLen)
            }
        }
        return result == 1
    }

    /// Keys are equal when their encodings are; the OpenSSL handle is an implementation detail.
    public static func == (lhs: Ed25519PublicKey, rhs: Ed25519PublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes the encoding, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }
}
