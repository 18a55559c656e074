// Seals: the hash binds the exact PDF bytes, the signature binds the hash and the document.
import Foundation
import SiOpenDocuments
import SiOpenSecurity
import Testing

@Suite("Document seal")
struct DocumentSealTests {
    let key = Ed25519PrivateKey()
    let instant = Date(timeIntervalSince1970: 1_795_228_500.123_9)  // 2026-11-21T02:35:00.123Z

    func sealedSample() throws -> (pdf: [UInt8], seal: DocumentSeal) {
        let pdf = PDFRenderer.render(try SampleDocuments.suratPesanan())
        let sealer = DocumentSealer(keyID: "orders-2026-1", privateKey: key)
        let seal = try sealer.seal(
            pdf: pdf, documentType: "surat-pesanan", documentNumber: "001/SP/DISKOMINFO/XI/2026", at: instant)
        return (pdf, seal)
    }

    @Test func sealVerifiesAndMatches() throws {
        let (pdf, seal) = try sealedSample()
        #expect(seal.verify(publicKey: key.publicKey))
        #expect(seal.matches(pdf: pdf))
        #expect(seal.sha256 == SHA256.hexDigest(pdf))
        #expect(seal.keyID == "orders-2026-1")
        #expect(seal.documentType == "surat-pesanan")
        #expect(seal.documentNumber == "001/SP/DISKOMINFO/XI/2026")
        #expect(seal.sealedAt == "2026-11-21T02:35:00.123Z")
        #expect(Base64URL.decode(seal.signature)?.count == 64)
    }

    @Test func statementFormat() throws {
        let (_, seal) = try sealedSample()
        let expected =
            "siopen-document-v1\norders-2026-1\nsurat-pesanan\n001/SP/DISKOMINFO/XI/2026\n\(seal.sha256)\n2026-11-21T02:35:00.123Z"
        #expect(seal.statement == Array(expected.utf8))
    }

    @Test func oneChangedByteNoLongerMatches() throws {
        let (pdf, seal) = try sealedSample()
        for position in [0, pdf.count / 2, pdf.count - 1] {
            var altered = pdf
            altered[position] ^= 0x01
            #expect(!seal.matches(pdf: altered))
        }
        #expect(!seal.matches(pdf: []))
    }

    @Test func reRenderingReproducesTheSealedHash() throws {
        let (_, seal) = try sealedSample()
        #expect(seal.matches(pdf: PDFRenderer.render(try SampleDocuments.suratPesanan())))
    }

    @Test func tamperedSignatureFails() throws {
        let (_, seal) = try sealedSample()
        var signature = try #require(Base64URL.decode(seal.signature))
        signature[10] ^= 0x80
        #expect(!modified(seal, signature: Base64URL.encode(signature)).verify(publicKey: key.publicKey))
        #expect(!modified(seal, signature: "not base64url!").verify(publicKey: key.publicKey))
        #expect(!modified(seal, signature: "").verify(publicKey: key.publicKey))
    }

    @Test func tamperedFieldsFail() throws {
        let (_, seal) = try sealedSample()
        let otherHash = SHA256.hexDigest(Array("another file".utf8))
        #expect(!modified(seal, sha256: otherHash).verify(publicKey: key.publicKey))
        #expect(!modified(seal, documentNumber: "002/SP/DISKOMINFO/XI/2026").verify(publicKey: key.publicKey))
        #expect(!modified(seal, documentType: "bast").verify(publicKey: key.publicKey))
        #expect(!modified(seal, keyID: "orders-2026-2").verify(publicKey: key.publicKey))
        #expect(!modified(seal, sealedAt: "2026-11-20T02:35:00.123Z").verify(publicKey: key.publicKey))
    }

    @Test func anotherKeyFails() throws {
        let (_, seal) = try sealedSample()
        #expect(!seal.verify(publicKey: Ed25519PrivateKey().publicKey))
    }

    @Test func verifiesWithAPublicKeyLoadedFromItsBytes() throws {
        let (_, seal) = try sealedSample()
        let published = try Ed25519PublicKey(rawRepresentation: key.publicKey.rawRepresentation)
        #expect(seal.verify(publicKey: published))
    }

    @Test func lineBreaksInFieldsAreRefused() throws {
        let sealer = DocumentSealer(keyID: "k1", privateKey: key)
        #expect(throws: DocumentSealError.self) {
            try sealer.seal(pdf: [1, 2, 3], documentType: "surat-pesanan", documentNumber: "001\nXI", at: instant)
        }
        #expect(throws: DocumentSealError.self) {
            try sealer.seal(pdf: [1, 2, 3], documentType: "", documentNumber: "001", at: instant)
        }
        #expect(throws: DocumentSealError.self) {
            try DocumentSealer(keyID: "k\r1", privateKey: key).seal(
                pdf: [], documentType: "bast", documentNumber: "1", at: instant)
        }
    }

    @Test func shiftedLinesDoNotVerify() throws {
        // "type\nnumber" split differently must not produce a valid seal.
        let sealer = DocumentSealer(keyID: "k1", privateKey: key)
        let seal = try sealer.seal(pdf: [1], documentType: "bast", documentNumber: "7", at: instant)
        let shifted = modified(seal, documentType: "bast\n7", documentNumber: "")
        #expect(!shifted.verify(publicKey: key.publicKey))
    }

    @Test func codableRoundTrip() throws {
        let (pdf, seal) = try sealedSample()
        let decoded = try JSONDecoder().decode(DocumentSeal.self, from: JSONEncoder().encode(seal))
        #expect(decoded == seal)
        #expect(decoded.verify(publicKey: key.publicKey) && decoded.matches(pdf: pdf))
    }

    @Test func sealingTimesBefore1970AndMillisecondsAreTruncated() throws {
        let sealer = DocumentSealer(keyID: "k1", privateKey: key)
        let early = try sealer.seal(
            pdf: [], documentType: "t", documentNumber: "n", at: Date(timeIntervalSince1970: -0.5))
        #expect(early.sealedAt == "1969-12-31T23:59:59.500Z")
        let late = try sealer.seal(
            pdf: [], documentType: "t", documentNumber: "n", at: Date(timeIntervalSince1970: 1.9999))
        #expect(late.sealedAt == "1970-01-01T00:00:01.999Z")
    }

    @Test func thePDFItselfIsSignedForOfflineChecks() throws {
        let (pdf, seal) = try sealedSample()
        let signature = try #require(seal.pdfSignature.flatMap { Data(base64Encoded: $0) })
        #expect(signature.count == 64, "standard base64 of a 64-byte Ed25519 signature")
        #expect(
            key.publicKey.isValidSignature(Array(signature), for: pdf), "over the PDF bytes, not a hash or a statement")
        #expect(seal.verifyPDF(pdf, publicKey: key.publicKey))
        var altered = pdf
        altered[pdf.count / 2] ^= 0x01
        #expect(!seal.verifyPDF(altered, publicKey: key.publicKey))
        #expect(!seal.verifyPDF(pdf, publicKey: Ed25519PrivateKey().publicKey))
    }

    @Test func sealsWithoutAPDFSignatureStillDecodeAndVerify() throws {
        // A seal stored before the PDF was signed whole: six fields, no pdfSignature.
        let (pdf, seal) = try sealedSample()
        let legacy = modified(seal)
        #expect(legacy.pdfSignature == nil)
        let decoded = try JSONDecoder().decode(DocumentSeal.self, from: JSONEncoder().encode(legacy))
        #expect(decoded.verify(publicKey: key.publicKey) && decoded.matches(pdf: pdf))
        #expect(!decoded.verifyPDF(pdf, publicKey: key.publicKey))
    }

    private func modified(
        _ seal: DocumentSeal, sha256: String? = nil, signature: String? = nil, keyID: String? = nil,
        documentType: String? = nil, documentNumber: String? = nil, sealedAt: String? = nil
    ) -> DocumentSeal {
        DocumentSeal(
            sha256: sha256 ?? seal.sha256, signature: signature ?? seal.signature, keyID: keyID ?? seal.keyID,
            documentType: documentType ?? seal.documentType, documentNumber: documentNumber ?? seal.documentNumber,
            sealedAt: sealedAt ?? seal.sealedAt)
    }
}
