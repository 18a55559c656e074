// scrypt against RFC 7914 section 12, and parameter bounds.
import SiOpenSecurity
import Testing

@Suite struct ScryptTests {
    @Test func rfc7914Vector1() throws {
        let key = try scrypt(password: [], salt: [], parameters: ScryptParameters(logN: 4, r: 1, p: 1, keyLength: 64))
        #expect(
            key
                == hex(
                    """
                    77 d6 57 62 38 65 7b 20 3b 19 ca 42 c1 8a 04 97
                    f1 6b 48 44 e3 07 4a e8 df df fa 3f ed e2 14 42
                    fc d0 06 9d ed 09 48 f8 32 6a 75 3a 0f c8 1f 17
                    e8 d3 e0 fb 2e 0d 36 28 cf 35 e2 0c 38 d1 89 06
                    """))
    }

    @Test func rfc7914Vector2() throws {
        let key = try scrypt(
            password: utf8("password"), salt: utf8("NaCl"),
            parameters: ScryptParameters(logN: 10, r: 8, p: 16, keyLength: 64))
        #expect(
            key
                == hex(
                    """
                    fd ba be 1c 9d 34 72 00 78 56 e7 19 0d 01 e9 fe
                    7c 6a d7 cb c8 23 78 30 e7 73 76 63 4b 37 31 62
                    2e af 30 d9 2e 22 a3 88 6f f1 09 27 9d 98 30 da
                    c7 27 af b9 4a 83 ee 6d 83 60 cb df a2 cc 06 40
                    """))
    }

    @Test func rfc7914Vector3() throws {
        let key = try scrypt(
            password: utf8("pleaseletmein"), salt: utf8("SodiumChloride"),
            parameters: ScryptParameters(logN: 14, r: 8, p: 1, keyLength: 64))
        #expect(
            key
                == hex(
                    """
                    70 23 bd cb 3a fd 73 48 46 1c 06 cd 81 fd 38 eb
                    fd a8 fb ba 90 4f 8e 3e a9 b5 43 f6 54 5d a1 f2
                    d5 43 29 55 61 3f 0f cf 62 d4 97 05 24 2a 9a f9
                    e6 1e 85 dc 0d 65 1e 40 df cf 01 7b 45 57 58 87
                    """))
    }
    // RFC 7914's fourth vector (N = 2^20) needs 1 GiB and several seconds; left out deliberately.

    @Test func parameterPresets() {
        #expect(ScryptParameters.owaspMinimum == ScryptParameters(logN: 17, r: 8, p: 1, keyLength: 32, saltLength: 16))
        #expect(ScryptParameters.insecureFastForTesting == ScryptParameters(logN: 10, r: 8, p: 1))
        // 128 * r * (N + 2) + 128 * r * p, what OpenSSL allocates.
        #expect(ScryptParameters.owaspMinimum.memoryBytes == 128 * 8 * ((1 << 17) + 2) + 128 * 8)
        #expect(ScryptParameters(logN: 70, r: 8, p: 1).memoryBytes == Int.max)
        #expect(ScryptParameters(logN: 10, r: -1, p: 1).memoryBytes == Int.max)
        #expect(ScryptParameters.owaspMinimum.description == "scrypt(ln=17,r=8,p=1,keyLength=32,saltLength=16)")
    }

    @Test(arguments: [
        ScryptParameters(logN: 0, r: 8, p: 1),
        ScryptParameters(logN: -3, r: 8, p: 1),
        ScryptParameters(logN: 21, r: 8, p: 1),
        ScryptParameters(logN: 63, r: 8, p: 1),
        ScryptParameters(logN: 10, r: 0, p: 1),
        ScryptParameters(logN: 10, r: 65, p: 1),
        ScryptParameters(logN: 10, r: 8, p: 0),
        ScryptParameters(logN: 10, r: 8, p: 17),
        ScryptParameters(logN: 20, r: 16, p: 1),  // 2 GiB
        ScryptParameters(logN: 20, r: 8, p: 2),  // too much work
        ScryptParameters(logN: 10, r: 8, p: 1, keyLength: 0),
        ScryptParameters(logN: 10, r: 8, p: 1, keyLength: 1_000_000),
        ScryptParameters(logN: 16, r: 1, p: 1),  // OpenSSL requires N < 2^(16r)
    ])
    func rejectsAbsurdParameters(_ parameters: ScryptParameters) {
        #expect(throws: SecurityError.self) {
            try scrypt(password: utf8("pw"), salt: utf8("saltsalt"), parameters: parameters)
        }
    }
}
