// Ed25519 public keys as PEM SubjectPublicKeyInfo, the form `openssl pkeyutl -pubin` reads.
import Foundation
import SiOpenSecurity
import Testing

@Suite("Ed25519 PEM")
struct Ed25519PEMTests {
    /// RFC 8410 section 10.1's example public key.
    let rfcPEM =
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n"
    let rfcRaw = "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1"

    @Test func encodesTheRFC8410Example() throws {
        let raw = stride(from: 0, to: rfcRaw.count, by: 2).map { offset -> UInt8 in
            let start = rfcRaw.index(rfcRaw.startIndex, offsetBy: offset)
            return UInt8(rfcRaw[start..<rfcRaw.index(start, offsetBy: 2)], radix: 16)!
        }
        let key = try Ed25519PublicKey(rawRepresentation: raw)
        #expect(key.pemRepresentation == rfcPEM)
        #expect(key.derRepresentation.count == 44)
        #expect(try Ed25519PublicKey(pemRepresentation: rfcPEM).rawRepresentation == raw)
    }

    @Test func roundTripsAndVerifies() throws {
        let privateKey = Ed25519PrivateKey()
        let loaded = try Ed25519PublicKey(pemRepresentation: privateKey.publicKey.pemRepresentation)
        #expect(loaded == privateKey.publicKey)
        let message = Array("surat pesanan".utf8)
        #expect(loaded.isValidSignature(try privateKey.signature(for: message), for: message))
    }

    @Test(arguments: [
        "", "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
        "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n",
        // An RSA-sized blob, and an X25519 key (OID 1.3.101.110) of the right length.
        "-----BEGIN PUBLIC KEY-----\n" + Data(repeating: 0x30, count: 44).base64EncodedString()
            + "\n-----END PUBLIC KEY-----\n",
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PRIVATE KEY-----\n",
    ])
    func refusesWhatIsNotAnEd25519PublicKey(_ pem: String) {
        #expect(throws: (any Error).self) { try Ed25519PublicKey(pemRepresentation: pem) }
    }
}
