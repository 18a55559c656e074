// The shared document register on a real SQLite file: gapless yearly numbers, typed numbers kept
// out of the automatic shapes, sealed storage, acknowledgements, and the shared document.verify.
import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage
import SiOpenTestSupport
import Testing

@Suite("Document register")
struct DocumentRegisterTests {
    static let kuitansi = DocumentKind("kuitansi")
    let key = Ed25519PrivateKey()
    let instant = Date(timeIntervalSince1970: 1_795_228_500)

    /// A database holding only the register, as a new service that issues documents would have it.
    func withRegister(_ body: (Database) async throws -> Void) async throws {
        let folder = try makeShortTemporaryDirectory(prefix: "register")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try Database(
            path: folder + "/documents.db",
            configuration: DatabaseConfiguration(migrations: [
                Migration(version: 1, name: "document register", sql: DocumentRegister.schemaSQL),
                Migration(
                    version: 2, name: "document acknowledgements", sql: DocumentRegister.acknowledgementSchemaSQL),
            ]))
        defer { database.close() }
        try await body(database)
    }

    func document(_ number: String) throws -> LegalDocument {
        LegalDocument(
            title: "KUITANSI", documentNumber: number, issuedOn: try CivilDate("2026-11-21"),
            blocks: [.paragraph("Telah diterima uang sejumlah Rp1.000.000.")])
    }

    var sealer: DocumentSealer { DocumentSealer(keyID: SigningKeys.keyID(of: key.publicKey), privateKey: key) }
    var verifier: (Database) -> DocumentVerifier {
        {
            DocumentVerifier(
                database: $0, currentKeyID: SigningKeys.keyID(of: key.publicKey),
                keys: [SigningKeys.keyID(of: key.publicKey): key.publicKey])
        }
    }

    @Test func numbersAreGaplessPerYearAndScopeAndSkipTakenNumbers() async throws {
        try await withRegister { database in
            let template = try DocumentNumberTemplate("{seq:3}/KW/{agency}/{year}")
            let numbers = try database.writeSync { db -> [String] in
                var numbers: [String] = []
                for (agency, date) in [
                    ("DINKES", "2026-01-02"), ("DINKES", "2026-12-31"), ("PUPR", "2026-05-05"),
                    ("DINKES", "2027-01-01"),
                ] {
                    numbers.append(
                        try DocumentRegister.nextNumber(
                            db, kind: Self.kuitansi, template: template, tenant: "balangan", agency: agency,
                            date: try CivilDate(date)))
                }
                // A document that already holds the next number (typed under an earlier template) is skipped.
                _ = try DocumentRegister.issue(
                    db, try document("002/KW/PUPR/2026"), kind: Self.kuitansi, tenant: "balangan", subjectID: "p1",
                    sealer: sealer, at: instant)
                numbers.append(
                    try DocumentRegister.nextNumber(
                        db, kind: Self.kuitansi, template: template, tenant: "balangan", agency: "PUPR",
                        date: try CivilDate("2026-06-01")))
                // Another tenant has its own sequences.
                numbers.append(
                    try DocumentRegister.nextNumber(
                        db, kind: Self.kuitansi, template: template, tenant: "tabalong", agency: "DINKES",
                        date: try CivilDate("2026-06-01")))
                return numbers
            }
            #expect(
                numbers == [
                    "001/KW/DINKES/2026", "002/KW/DINKES/2026", "001/KW/PUPR/2026", "001/KW/DINKES/2027",
                    "003/KW/PUPR/2026", "001/KW/DINKES/2026",
                ])
        }
    }

    @Test func aNumberIsTakenOnlyIfItsTransactionCommits() async throws {
        try await withRegister { database in
            let template = try DocumentNumberTemplate("{seq}/KW/{year}")
            struct Abort: Error {}
            #expect(throws: Abort.self) {
                try database.writeSync { db in
                    _ = try DocumentRegister.nextNumber(
                        db, kind: Self.kuitansi, template: template, tenant: "balangan", agency: "",
                        date: try CivilDate("2026-03-01"))
                    throw Abort()
                }
            }
            let next = try database.writeSync { db in
                try DocumentRegister.nextNumber(
                    db, kind: Self.kuitansi, template: template, tenant: "balangan", agency: "",
                    date: try CivilDate("2026-03-01"))
            }
            #expect(next == "1/KW/2026")
        }
    }

    @Test func typedNumbersStayOutOfTheAutomaticShapes() throws {
        let templates = [try DocumentNumberTemplate("{seq:3}/KW/{agency}/{year}")]
        for typed in ["007/KW/PUPR/2026", "1/kw/dinkes/2030"] {
            #expect(throws: RPCError.self) {
                try DocumentRegister.requireTypedNumber(typed, field: "number", outside: templates)
            }
        }
        for hostile in ["KW/\u{202E}1", "KW\n1", "", String(repeating: "9", count: 500)] {
            #expect(throws: RPCError.self) {
                try DocumentRegister.requireTypedNumber(hostile, field: "number", outside: templates)
            }
        }
        try DocumentRegister.requireTypedNumber("KW-MANUAL/2026/17", field: "number", outside: templates)
    }

    @Test func issuedDocumentsAreStoredSealedAndAcknowledgedOncePerParty() async throws {
        try await withRegister { database in
            let info = try database.writeSync { db in
                try DocumentRegister.issue(
                    db, try document("KW-1"), kind: Self.kuitansi, tenant: "balangan", subjectID: "payment-1",
                    sealer: sealer,
                    acknowledgements: [
                        Acknowledgement(party: "treasurer", accountID: "a1", at: "2026-11-21T02:35:00.000Z")
                    ], at: instant)
            }
            #expect(info.type == "kuitansi" && info.number == "KW-1")
            #expect(info.seal.pdfSignature != nil)
            let duplicate = rpcErrorSync {
                try database.writeSync { db in
                    _ = try DocumentRegister.issue(
                        db, try document("KW-1"), kind: Self.kuitansi, tenant: "balangan", subjectID: "payment-2",
                        sealer: sealer, at: instant)
                }
            }
            #expect(duplicate?.code == 409)
            let stored = try database.readSync { db in try DocumentRegister.stored(db, id: info.id) }
            #expect(
                stored.kind == Self.kuitansi && stored.subjectID == "payment-1"
                    && SHA256.hexDigest(stored.pdf) == info.seal.sha256)
            try database.writeSync { db in
                try DocumentRegister.acknowledge(
                    db, id: info.id, Acknowledgement(party: "vendor", accountID: "v1", at: "x"),
                    signedNote: "Diterima secara elektronik", sealer: sealer, at: instant)
            }
            let again = rpcErrorSync {
                try database.writeSync { db in
                    _ = try DocumentRegister.acknowledge(
                        db, id: info.id, Acknowledgement(party: "vendor", accountID: "v2", at: "y"),
                        signedNote: "Diterima secara elektronik", sealer: sealer, at: instant)
                }
            }
            #expect(again?.code == 409)
            #expect(
                rpcErrorSync { _ = try database.readSync { db in try DocumentRegister.info(db, id: "nope") } }?.code
                    == 404)
        }
    }

    @Test func documentVerifyAnswersFromTheRegister() async throws {
        try await withRegister { database in
            let info = try database.writeSync { db in
                try DocumentRegister.issue(
                    db, try document("KW-9"), kind: Self.kuitansi, tenant: "balangan", subjectID: "p", sealer: sealer,
                    at: instant)
            }
            let pdf = try database.readSync { db in try DocumentRegister.stored(db, id: info.id).pdf }
            let byFile = try await verifier(database).verify(
                DocumentVerifyParams(pdfBase64: Data(pdf).base64EncodedString()))
            #expect(byFile.authentic && byFile.number == "KW-9" && byFile.type == "kuitansi")
            #expect(byFile.publicKeyPEM == key.publicKey.pemRepresentation)
            #expect(
                try await verifier(database).verify(DocumentVerifyParams(sha256: info.seal.sha256.uppercased()))
                    .authentic)

            var altered = pdf
            altered[pdf.count / 2] ^= 0x01
            let forged = try await verifier(database).verify(
                DocumentVerifyParams(pdfBase64: Data(altered).base64EncodedString()))
            #expect(!forged.authentic && forged.number == nil)

            // A register whose stored PDF was changed behind the seal's back does not vouch for it.
            let changed = altered
            try database.writeSync { db in _ = try db.run("UPDATE document SET pdf = ? WHERE id = ?", changed, info.id)
            }
            #expect(try await !verifier(database).verify(DocumentVerifyParams(sha256: info.seal.sha256)).authentic)

            // Neither or both inputs, or a hash that is not hex, are 422.
            for params in [
                DocumentVerifyParams(), DocumentVerifyParams(pdfBase64: "", sha256: info.seal.sha256),
                DocumentVerifyParams(sha256: String(repeating: "g", count: 64)),
            ] {
                #expect(await rpcError { _ = try await verifier(database).verify(params) }?.code == 422)
            }
        }
    }

    @Test func documentsSealedBeforeThePDFWasSignedWholeStillVerify() async throws {
        try await withRegister { database in
            let info = try database.writeSync { db in
                try DocumentRegister.issue(
                    db, try document("KW-OLD"), kind: Self.kuitansi, tenant: "balangan", subjectID: "p", sealer: sealer,
                    at: instant)
            }
            // The seal as earlier versions stored it: the six statement fields, no pdfSignature.
            try database.writeSync { db in
                let seal = try JSONColumn.value(
                    DocumentSeal.self, try db.queryOne("SELECT seal FROM document WHERE id = ?", info.id)!.string(0))
                let legacy = DocumentSeal(
                    sha256: seal.sha256, signature: seal.signature, keyID: seal.keyID, documentType: seal.documentType,
                    documentNumber: seal.documentNumber, sealedAt: seal.sealedAt)
                let text = try JSONColumn.text(legacy)
                #expect(!text.contains("pdfSignature"))
                _ = try db.run("UPDATE document SET seal = ? WHERE id = ?", text, info.id)
            }
            let verification = try await verifier(database).verify(DocumentVerifyParams(sha256: info.seal.sha256))
            #expect(verification.authentic)
            #expect(verification.seal?.pdfSignature == nil)
            // Applying the register's schema again (a service that made the tables earlier) changes nothing.
            try database.writeSync { db in try db.execute(DocumentRegister.schemaSQL) }
            #expect(try await verifier(database).verify(DocumentVerifyParams(sha256: info.seal.sha256)).authentic)
        }
    }

    @Test func acknowledgementsAreSealedCopiesAgainstTheOriginalAndEveryVersionVerifies() async throws {
        try await withRegister { database in
            let original = LegalDocument(
                title: "KUITANSI", documentNumber: "KW-ACK", issuedOn: try CivilDate("2026-12-02"),
                blocks: [
                    .paragraph("Telah diterima uang sejumlah Rp6.000.000,00."),
                    .signatures(
                        .init(parties: [
                            .init(
                                role: "Penyedia", name: "Budi", signedNote: "Belum diakui secara elektronik",
                                party: "vendor", meterai: "Tempat meterai Rp10.000"),
                            .init(
                                role: "Bendahara", name: "Sari", signedNote: "Ditandatangani secara elektronik",
                                party: "treasurer"),
                        ])),
                    .smallPrint("Kode verifikasi: \(DocumentRegister.verificationCodePlaceholder)"),
                ])
            let info = try database.writeSync { db in
                try DocumentRegister.issue(
                    db, original, kind: Self.kuitansi, tenant: "balangan", subjectID: "p", sealer: sealer,
                    acknowledgements: [
                        Acknowledgement(party: "treasurer", accountID: "t", at: "2026-12-02T02:00:00.000Z")
                    ],
                    verificationPrefix: "https://siopen.example/v/", at: instant)
            }
            let stored = try database.readSync { db in try DocumentRegister.stored(db, id: info.id) }
            let content = try #require(try database.readSync { db in try DocumentRegister.content(db, id: info.id) })
            let code = try #require(content.verification?.code)
            #expect(content.verification?.payload == "https://siopen.example/v/" + code)
            #expect(stored.html.contains("Kode verifikasi: \(code)") && code != info.seal.sha256)
            #expect(!stored.html.contains("Diterima"))
            let first = try #require(
                try database.writeSync { db in
                    try DocumentRegister.acknowledge(
                        db, id: info.id,
                        Acknowledgement(party: "vendor", accountID: "v", at: "2026-12-02T03:00:00.000Z"),
                        signedNote: "Diterima secara elektronik pada 2 Desember 2026 pukul 11.00 WITA", sealer: sealer,
                        at: instant)
                })
            #expect(first.sequence == 1 && first.originalSha256 == info.seal.sha256)
            #expect(first.html.contains("Diterima secara elektronik pada 2 Desember 2026 pukul 11.00 WITA"))
            #expect(first.html.contains("Tempat meterai Rp10.000"))
            #expect(first.html.contains("dokumen asli dengan SHA-256 \(info.seal.sha256)"))
            let second = try #require(
                try database.writeSync { db in
                    try DocumentRegister.acknowledge(
                        db, id: info.id,
                        Acknowledgement(
                            party: DocumentRegister.meteraiParty, accountID: "v", at: "2026-12-02T04:00:00.000Z"),
                        signedNote: "Meterai Rp10.000 telah dibubuhkan", sealer: sealer, at: instant)
                })
            #expect(second.sequence == 2)
            #expect(
                second.html.contains("Meterai Rp10.000 telah dibubuhkan") && !second.html.contains("Tempat meterai"))
            #expect(second.html.contains("Diterima secara elektronik pada 2 Desember 2026 pukul 11.00 WITA"))
            // Every version verifies: the original by its hash and by its QR code's code, each copy by its hash.
            let check = verifier(database)
            let byHash = try await check.verify(DocumentVerifyParams(sha256: info.seal.sha256))
            #expect(byHash.authentic && byHash.originalSha256 == nil && byHash.acknowledgements?.count == 3)
            let byCode = try await check.verify(DocumentVerifyParams(sha256: code))
            #expect(byCode.authentic && byCode.number == "KW-ACK" && byCode.seal?.sha256 == info.seal.sha256)
            let copy = try await check.verify(DocumentVerifyParams(pdfBase64: first.pdfBase64))
            #expect(copy.authentic && copy.originalSha256 == info.seal.sha256)
            #expect(copy.acknowledgements?.map(\.party) == ["treasurer", "vendor"])
            #expect(
                try await check.verify(DocumentVerifyParams(sha256: second.seal.sha256)).acknowledgements?.count == 3)
            let latest = try database.readSync { db in try DocumentRegister.latestCopy(db, id: info.id) }
            #expect(latest?.sequence == 2 && latest?.seal.sha256 == second.seal.sha256)
        }
    }

    @Test func aKeyTheServiceDoesNotKnowIsNotAuthentic() async throws {
        try await withRegister { database in
            let stranger = DocumentSealer(keyID: "stranger", privateKey: Ed25519PrivateKey())
            let info = try database.writeSync { db in
                try DocumentRegister.issue(
                    db, try document("KW-3"), kind: Self.kuitansi, tenant: "balangan", subjectID: "p", sealer: stranger,
                    at: instant)
            }
            #expect(try await !verifier(database).verify(DocumentVerifyParams(sha256: info.seal.sha256)).authentic)
        }
    }
}

/// The RPCError `body` throws, or nil.
private func rpcErrorSync(_ body: () throws -> Void) -> RPCError? {
    do {
        try body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: -1, message: "non-RPC error: \(error)")
    }
}
