// SHA-256 (FIPS 180-2 examples) and HMAC-SHA-256 (RFC 4231) known answers.
import Foundation
import SiOpenSecurity
import Testing

@Suite struct SHA256Tests {
    @Test func emptyString() {
        #expect(SHA256.hexDigest(utf8("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abc() {
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(SHA256.hexDigest(utf8("abc")) == expected)
        #expect(SHA256.hexDigest(Data("abc".utf8)) == expected)
        #expect(SHA256.hash(utf8("abc")) == hex(expected))
    }

    @Test func streamingMatchesOneShot() {
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256Hasher()
        var offset = 0
        for size in [0, 1, 63, 64, 65, 1000, 4096] + Array(repeating: 7000, count: 20) where offset < data.count {
            let end = min(data.count, offset + size)
            hasher.update(Array(data[offset..<end]))
            offset = end
        }
        hasher.update(Data(data[offset...]))
        #expect(hasher.finalize() == SHA256.hash(data))
    }

    @Test func streamingRawBufferAndEmpty() {
        var hasher = SHA256Hasher()
        utf8("abc").withUnsafeBytes { hasher.update($0) }
        #expect(Hex.encode(hasher.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let empty = SHA256Hasher()
        #expect(Hex.encode(empty.finalize()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

@Suite struct HMACSHA256Tests {
    @Test func rfc4231TestCase1() {
        let key = [UInt8](repeating: 0x0b, count: 20)
        let code = HMACSHA256.authenticationCode(for: utf8("Hi There"), key: key)
        #expect(code == hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"))
        #expect(HMACSHA256.isValidAuthenticationCode(code, for: utf8("Hi There"), key: key))
    }

    @Test func rfc4231TestCase2() {
        let code = HMACSHA256.authenticationCode(for: utf8("what do ya want for nothing?"), key: utf8("Jefe"))
        #expect(code == hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"))
    }

    /// Keys longer than the block size are hashed first; this case exercises that path.
    @Test func rfc4231TestCase6LongKey() {
        let key = [UInt8](repeating: 0xaa, count: 131)
        let code = HMACSHA256.authenticationCode(
            for: utf8("Test Using Larger Than Block-Size Key - Hash Key First"), key: key)
        #expect(code == hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"))
    }

    @Test func rejectsWrongCodes() {
        let key = utf8("Jefe")
        let message = utf8("what do ya want for nothing?")
        var code = HMACSHA256.authenticationCode(for: message, key: key)
        #expect(!HMACSHA256.isValidAuthenticationCode(code, for: utf8("what do ya want for nothing!"), key: key))
        #expect(!HMACSHA256.isValidAuthenticationCode(code, for: message, key: utf8("Jeff")))
        #expect(!HMACSHA256.isValidAuthenticationCode(Array(code.prefix(31)), for: message, key: key))
        #expect(!HMACSHA256.isValidAuthenticationCode([], for: message, key: key))
        code[31] ^= 1
        #expect(!HMACSHA256.isValidAuthenticationCode(code, for: message, key: key))
    }

    @Test func emptyKeyAndMessage() {
        // HMAC-SHA256("", "") is a well-known value.
        #expect(
            HMACSHA256.authenticationCode(for: [], key: [])
                == hex("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"))
    }
}

@Suite struct ConstantTimeEqualsTests {
    @Test func comparesContentAndLength() {
        #expect(constantTimeEquals([], []))
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!constantTimeEquals([], [0]))
    }
}
