// Secrets sealed with an operator's passphrase: scrypt (memory-hard) derives the key, AES-256-GCM
// (an AEAD) encrypts and authenticates, both through OpenSSL's EVP interface.
internal import COpenSSL

/// Encrypts bytes under a passphrase, for secrets that leave the server (the private keys in a
/// backup on portable media).
///
/// The sealed form is one byte string, every field fixed-size except the ciphertext:
///
/// | bytes | field |
/// |---|---|
/// | 8 | magic `SIOPENPE` |
/// | 1 | format version, 1 |
/// | 1, 1, 1 | scrypt logN, r, p |
/// | 16 | scrypt salt |
/// | 12 | AES-256-GCM nonce |
/// | n | ciphertext |
/// | 16 | GCM tag |
///
/// The 40-byte header is the GCM additional data, so a changed parameter, salt or nonce fails
/// authentication like a changed ciphertext byte. Parameters read from a sealed box are
/// bounded by ``ScryptParameters/validate()`` before any memory is allocated.
public enum PassphraseEncryption {
    /// scrypt N = 2^17, r = 8, p = 1 (128 MiB, OWASP's minimum for passwords): a guess at the
    /// passphrase of a lost backup costs what a guess at a password costs.
    public static let defaultParameters = ScryptParameters(logN: 17, r: 8, p: 1)

    static let magic: [UInt8] = Array("SIOPENPE".utf8)
    static let headerLength = 8 + 1 + 3 + 16 + 12
    static let tagLength = 16

    /// `plaintext` sealed under `passphrase` (fresh salt and nonce each call).
    /// - Throws: ``SecurityError`` for an empty passphrase, parameters out of bounds, or an OpenSSL failure.
    public static func seal(
        _ plaintext: [UInt8], passphrase: [UInt8], parameters: ScryptParameters = defaultParameters
    ) throws -> [UInt8] {
        guard !passphrase.isEmpty else { throw SecurityError("the passphrase is empty") }
        guard (1...255).contains(parameters.logN), (1...255).contains(parameters.r), (1...255).contains(parameters.p)
        else { throw SecurityError("scrypt parameters do not fit the sealed format: \(parameters)") }
        let salt = SecureRandom.bytes(16)
        let nonce = SecureRandom.bytes(12)
        let header = magic + [1, UInt8(parameters.logN), UInt8(parameters.r), UInt8(parameters.p)] + salt + nonce
        var key = try derive(passphrase, salt: salt, logN: parameters.logN, r: parameters.r, p: parameters.p)
        defer { secureWipe(&key) }
        let (ciphertext, tag) = try AESGCM.encrypt(plaintext, key: key, nonce: nonce, additionalData: header)
        return header + ciphertext + tag
    }

    /// The plaintext of `sealed`.
    /// - Throws: ``SecurityError`` when it is not a sealed box of this format, its parameters are
    ///   out of bounds, or authentication fails (a wrong passphrase or any changed byte).
    public static func open(_ sealed: [UInt8], passphrase: [UInt8]) throws -> [UInt8] {
        guard sealed.count >= headerLength + tagLength, Array(sealed[0..<8]) == magic else {
            throw SecurityError("not a passphrase-sealed box")
        }
        guard sealed[8] == 1 else { throw SecurityError("sealed box format \(sealed[8]) is not known") }
        let header = Array(sealed[0..<headerLength])
        let salt = Array(sealed[12..<28])
        let nonce = Array(sealed[28..<40])
        let ciphertext = Array(sealed[headerLength..<(sealed.count - tagLength)])
        let tag = Array(sealed[(sealed.count - tagLength)...])
        var key = try derive(passphrase, salt: salt, logN: Int(sealed[9]), r: Int(sealed[10]), p: Int(sealed[11]))
        defer { secureWipe(&key) }
        guard let plaintext = try AESGCM.decrypt(ciphertext, tag: tag, key: key, nonce: nonce, additionalData: header)
        else {
            throw SecurityError("the passphrase is wrong or the sealed box was changed")
        }
        return plaintext
    }

    private static func derive(_ passphrase: [UInt8], salt: [UInt8], logN: Int, r: Int, p: Int) throws -> [UInt8] {
        let parameters = ScryptParameters(logN: logN, r: r, p: p, keyLength: 32)
        return try scrypt(password: passphrase, salt: salt, parameters: parameters)
    }
}

/// AES-256-GCM through `EVP_CIPHER` (never a hand-rolled mode): 32-byte key, 12-byte nonce,
/// 16-byte tag.
enum AESGCM {
    private static func cipher() throws -> OpaquePointer {
        guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else {
            throw SecurityError.openSSL("OpenSSL has no AES-256-GCM")
        }
        return cipher
    }

    static func encrypt(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], additionalData: [UInt8]) throws
        -> (ciphertext: [UInt8], tag: [UInt8])
    {
        guard key.count == 32, nonce.count == 12 else { throw SecurityError("AES-256-GCM needs a 32-byte key") }
        let cipher = try cipher()
        defer { EVP_CIPHER_free(cipher) }
        guard let context = EVP_CIPHER_CTX_new() else { throw SecurityError.openSSL("EVP_CIPHER_CTX_new failed") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_EncryptInit_ex2(context, cipher, key, nonce, nil) == 1 else {
            throw SecurityError.openSSL("AES-256-GCM init failed")
        }
        var length: Int32 = 0
        if !additionalData.isEmpty {
            guard EVP_EncryptUpdate(context, nil, &length, additionalData, Int32(additionalData.count)) == 1 else {
                throw SecurityError.openSSL("AES-256-GCM additional data failed")
            }
        }
        guard plaintext.count < Int(Int32.max) - 32 else { throw SecurityError("plaintext too large") }
        var output = [UInt8](repeating: 0, count: plaintext.count + 16)
        var written = 0
        if !plaintext.isEmpty {
            let ok = output.withUnsafeMutableBufferPointer {
                EVP_EncryptUpdate(context, $0.baseAddress, &length, plaintext, Int32(plaintext.count))
            }
            guard ok == 1 else { throw SecurityError.openSSL("AES-256-GCM encryption failed") }
            written = Int(length)
        }
        let finalOK = output.withUnsafeMutableBufferPointer {
            EVP_EncryptFinal_ex(context, $0.baseAddress! + written, &length)
        }
        guard finalOK == 1 else { throw SecurityError.openSSL("AES-256-GCM final failed") }
        written += Int(length)
        var tag = [UInt8](repeating: 0, count: 16)
        let tagOK = tag.withUnsafeMutableBytes {
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, 16, $0.baseAddress)
        }
        guard tagOK == 1 else { throw SecurityError.openSSL("AES-256-GCM tag failed") }
        return (Array(output[0..<written]), tag)
    }

    /// The plaintext, or nil when authentication fails.
    static func decrypt(_ ciphertext: [UInt8], tag: [UInt8], key: [UInt8], nonce: [UInt8], additionalData: [UInt8])
        throws -> [UInt8]?
    {
        guard key.count == 32, nonce.count == 12, tag.count == 16 else {
            throw SecurityError("AES-256-GCM needs a 32-byte key, 12-byte nonce and 16-byte tag")
        }
        let cipher = try cipher()
        defer { EVP_CIPHER_free(cipher) }
        guard let context = EVP_CIPHER_CTX_new() else { throw SecurityError.openSSL("EVP_CIPHER_CTX_new failed") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_DecryptInit_ex2(context, cipher, key, nonce, nil) == 1 else {
            throw SecurityError.openSSL("AES-256-GCM init failed")
        }
        var length: Int32 = 0
        if !additionalData.isEmpty {
            guard EVP_DecryptUpdate(context, nil, &length, additionalData, Int32(additionalData.count)) == 1 else {
                throw SecurityError.openSSL("AES-256-GCM additional data failed")
            }
        }
        guard ciphertext.count < Int(Int32.max) - 32 else { throw SecurityError("ciphertext too large") }
        var output = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var written = 0
        if !ciphertext.isEmpty {
            let ok = output.withUnsafeMutableBufferPointer {
                EVP_DecryptUpdate(context, $0.baseAddress, &length, ciphertext, Int32(ciphertext.count))
            }
            guard ok == 1 else { throw SecurityError.openSSL("AES-256-GCM decryption failed") }
            written = Int(length)
        }
        var expectedTag = tag
        let tagOK = expectedTag.withUnsafeMutableBytes {
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, 16, $0.baseAddress)
        }
        guard tagOK == 1 else { throw SecurityError.openSSL("AES-256-GCM tag failed") }
        let finalOK = output.withUnsafeMutableBufferPointer {
            EVP_DecryptFinal_ex(context, $0.baseAddress! + written, &length)
        }
        guard finalOK == 1 else {
            _ = drainOpenSSLErrors()
            secureWipe(&output)
            return nil
        }
        written += Int(length)
        return Array(output[0..<written])
    }
}
