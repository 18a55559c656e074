// Base64URL, Hex and SecureRandom.
import SiOpenSecurity
import Testing

@Suite struct Base64URLTests {
    @Test func rfc4648Vectors() {
        // RFC 4648 section 10, unpadded.
        let cases = [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
        ]
        for (plain, encoded) in cases {
            #expect(Base64URL.encode(utf8(plain)) == encoded)
            #expect(Base64URL.decode(encoded) == utf8(plain))
        }
    }

    @Test func usesURLAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
    }

    @Test func roundTripsAllLengths() {
        for length in 0..<70 {
            let bytes = SecureRandom.bytes(length)
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test(arguments: ["Zg==", "Zm9v=", "+/+/", "Zm9v Yg", "Z", "Zm9vY", "Zh", "Zm9", "é", "Zm\n9v", "a.b"])
    func rejectsBadInput(_ input: String) {
        // Padding, standard-alphabet characters, whitespace, impossible length, non-zero
        // trailing bits ("Zh", "Zm9"), and non-ASCII are all refused.
        #expect(Base64URL.decode(input) == nil)
    }
}

@Suite struct HexTests {
    @Test func encodesLowercase() {
        #expect(Hex.encode([]) == "")
        #expect(Hex.encode([0x00, 0x01, 0xab, 0xff]) == "0001abff")
    }

    @Test func decodesEitherCase() {
        #expect(Hex.decode("0001abff") == [0x00, 0x01, 0xab, 0xff])
        #expect(Hex.decode("0001ABFF") == [0x00, 0x01, 0xab, 0xff])
        #expect(Hex.decode("") == [])
    }

    @Test func roundTrips() {
        let bytes = SecureRandom.bytes(257)
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
    }

    @Test(arguments: ["0", "abc", "zz", "0x00", " 00", "00 ", "é0", "-1"])
    func rejectsBadInput(_ input: String) {
        #expect(Hex.decode(input) == nil)
    }
}

@Suite struct SecureRandomTests {
    @Test func requestedLength() {
        #expect(SecureRandom.bytes(0).isEmpty)
        #expect(SecureRandom.bytes(-5).isEmpty)
        #expect(SecureRandom.bytes(1).count == 1)
        #expect(SecureRandom.bytes(32).count == 32)
        #expect(SecureRandom.bytes(100_000).count == 100_000)
    }

    @Test func outputsDiffer() {
        #expect(SecureRandom.bytes(32) != SecureRandom.bytes(32))
        #expect(SecureRandom.token() != SecureRandom.token())
    }

    @Test func tokenIsUnpaddedBase64URL() {
        let token = SecureRandom.token()
        #expect(token.count == 43)  // 32 bytes -> 43 characters without padding
        #expect(Base64URL.decode(token)?.count == 32)
        #expect(SecureRandom.token(byteCount: 16).count == 22)
    }
}
