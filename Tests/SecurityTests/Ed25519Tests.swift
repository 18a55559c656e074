// Ed25519 against RFC 8032 section 7.1, plus rejection of bad keys and signatures.
import SiOpenSecurity
import Testing

/// One RFC 8032 section 7.1 test vector.
struct Ed25519Vector: Sendable, CustomTestStringConvertible {
    let name: String
    let secretKey: String
    let publicKey: String
    let message: String
    let signature: String
    var testDescription: String { name }
}

let rfc8032Vectors: [Ed25519Vector] = [
    Ed25519Vector(
        name: "TEST 1",
        secretKey: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        message: "",
        signature:
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    ),
    Ed25519Vector(
        name: "TEST 2",
        secretKey: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        message: "72",
        signature:
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
    ),
    Ed25519Vector(
        name: "TEST 3",
        secretKey: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        message: "af82",
        signature:
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
    ),
    Ed25519Vector(
        name: "TEST SHA(abc)",
        secretKey: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        publicKey: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
        message:
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        signature:
            "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"
    ),
]

@Suite struct Ed25519Tests {
    @Test(arguments: rfc8032Vectors)
    func rfc8032(_ vector: Ed25519Vector) throws {
        let privateKey = try Ed25519PrivateKey(rawRepresentation: hex(vector.secretKey))
        #expect(privateKey.rawRepresentation == hex(vector.secretKey))
        #expect(privateKey.publicKey.rawRepresentation == hex(vector.publicKey))

        let message = hex(vector.message)
        let signature = try privateKey.signature(for: message)
        #expect(signature == hex(vector.signature))

        let publicKey = try Ed25519PublicKey(rawRepresentation: hex(vector.publicKey))
        #expect(publicKey == privateKey.publicKey)
        #expect(publicKey.isValidSignature(hex(vector.signature), for: message))

        // Tampered message, tampered signature, truncated signature.
        #expect(!publicKey.isValidSignature(signature, for: message + [0]))
        if !message.isEmpty {
            var flipped = message
            flipped[0] ^= 0x01
            #expect(!publicKey.isValidSignature(signature, for: flipped))
        }
        for index in [0, 31, 32, 63] {
            var bad = signature
            bad[index] ^= 0x80
            #expect(!publicKey.isValidSignature(bad, for: message))
        }
        #expect(!publicKey.isValidSignature(Array(signature.prefix(63)), for: message))
        #expect(!publicKey.isValidSignature(signature + [0], for: message))
        #expect(!publicKey.isValidSignature([], for: message))
    }

    @Test func generatedKeysSignAndVerify() throws {
        let key = Ed25519PrivateKey()
        let other = Ed25519PrivateKey()
        #expect(key.rawRepresentation.count == 32)
        #expect(key.rawRepresentation != other.rawRepresentation)
        #expect(key.publicKey != other.publicKey)

        let message = utf8("order 42 approved")
        let signature = try key.signature(for: message)
        #expect(signature.count == 64)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!other.publicKey.isValidSignature(signature, for: message))

        let restored = try Ed25519PrivateKey(rawRepresentation: key.rawRepresentation)
        #expect(restored.publicKey == key.publicKey)
        #expect(try restored.signature(for: message) == signature)  // Ed25519 is deterministic
        #expect(Set([key.publicKey, restored.publicKey, other.publicKey]).count == 2)
    }

    @Test(arguments: [0, 1, 31, 33, 64])
    func wrongLengthKeysThrow(_ length: Int) {
        #expect(throws: SecurityError.self) {
            try Ed25519PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: length))
        }
        #expect(throws: SecurityError.self) {
            try Ed25519PublicKey(rawRepresentation: [UInt8](repeating: 1, count: length))
        }
    }

    @Test func signaturesAreSafeToVerifyConcurrently() async throws {
        let key = try Ed25519PrivateKey(rawRepresentation: hex(rfc8032Vectors[2].secretKey))
        let publicKey = key.publicKey
        let signature = try key.signature(for: [0xaf, 0x82])
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<64 {
                group.addTask {
                    let ok = publicKey.isValidSignature(signature, for: [0xaf, 0x82])
                    let rejected = !publicKey.isValidSignature(signature, for: [0xaf, UInt8(i)])
                    return ok && (i == 0x82 || rejected)
                }
            }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(results)
    }
}
