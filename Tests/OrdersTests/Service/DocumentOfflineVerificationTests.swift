// A Surat Pesanan checked offline, as the README says: the PDF from `document.get`, the seal's
// `pdfSignature` and the PEM public key from `document.verify`, and the real `openssl` binary.
import Foundation
import SiOpenContracts
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

@Suite struct DocumentOfflineVerificationTests {
    @Test func aSuratPesananVerifiesWithOpenSSLAndAModifiedCopyDoesNot() async throws {
        let openssl = try #require(OpenSSLCommand.locate(), "the openssl command is needed (OpenSSL 3)")
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let contracted = try await system.contractedOrder(market)
            let sp = try #require(contracted.suratPesanan)
            let content = try await system.orders.call(
                DocumentGet.self, DocumentRef(documentID: sp.id), token: system.ppk)
            // Anyone, not signed in, learns the key and the signature.
            let verification = try await system.orders.call(
                DocumentVerify.self, DocumentVerifyParams(sha256: sp.seal.sha256))
            #expect(verification.authentic)
            let pem = try #require(verification.publicKeyPEM)
            let signature = try #require(verification.seal?.pdfSignature)

            // The files a user saves, named as in the README.
            let folder = try makeShortTemporaryDirectory(prefix: "sp-offline")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let pdf = try #require(Data(base64Encoded: content.pdfBase64))
            try pdf.write(to: URL(fileURLWithPath: "\(folder)/surat-pesanan.pdf"))
            try Data(signature.utf8).write(to: URL(fileURLWithPath: "\(folder)/surat-pesanan.sig.b64"))
            try Data(pem.utf8).write(to: URL(fileURLWithPath: "\(folder)/siopen-orders.pem"))

            // The README's commands, word for word.
            let decode = try openssl.run("base64 -d -A -in surat-pesanan.sig.b64 -out surat-pesanan.sig", in: folder)
            #expect(decode.status == 0, "\(decode.output)")
            let verify =
                "pkeyutl -verify -pubin -inkey siopen-orders.pem -rawin -in surat-pesanan.pdf -sigfile surat-pesanan.sig"
            let good = try openssl.run(verify, in: folder)
            #expect(good.status == 0 && good.output.contains("Signature Verified Successfully"), "\(good.output)")

            // What was published before, the statement signature, verifies none of the files a
            // new user tries: the PDF, its raw SHA-256, its hex SHA-256.
            var statementSignature = sp.seal.signature.replacingOccurrences(of: "-", with: "+").replacingOccurrences(
                of: "_", with: "/")
            statementSignature += String(repeating: "=", count: (4 - statementSignature.count % 4) % 4)
            try #require(Data(base64Encoded: statementSignature)).write(
                to: URL(fileURLWithPath: "\(folder)/statement.sig"))
            let hex = Array(sp.seal.sha256.utf8)
            let rawDigest = stride(from: 0, to: hex.count, by: 2).compactMap {
                UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)
            }
            #expect(rawDigest.count == 32)
            try Data(rawDigest).write(to: URL(fileURLWithPath: "\(folder)/surat-pesanan.sha256"))
            try Data(sp.seal.sha256.utf8).write(to: URL(fileURLWithPath: "\(folder)/surat-pesanan.sha256.hex"))
            for message in ["surat-pesanan.pdf", "surat-pesanan.sha256", "surat-pesanan.sha256.hex"] {
                let tried = try openssl.run(
                    "pkeyutl -verify -pubin -inkey siopen-orders.pem -rawin -in \(message) -sigfile statement.sig",
                    in: folder)
                #expect(
                    tried.status != 0 && !tried.output.contains("Signature Verified Successfully"),
                    "\(message): \(tried.output)")
            }

            // One changed byte (a digit of the total, say) and the same command fails.
            var altered = [UInt8](pdf)
            altered[altered.count / 2] ^= 0x01
            try Data(altered).write(to: URL(fileURLWithPath: "\(folder)/surat-pesanan.pdf"))
            let bad = try openssl.run(verify, in: folder)
            #expect(bad.status != 0 && bad.output.contains("Signature Verification Failure"), "\(bad.output)")
            #expect(!bad.output.contains("Signature Verified Successfully"))
        }
    }
}

/// The `openssl` executable, run with its output captured.
struct OpenSSLCommand {
    let path: String

    /// `openssl` from `PATH` (or the usual places), nil when there is none.
    static func locate() -> OpenSSLCommand? {
        let folders =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + [
                "/usr/bin", "/usr/local/bin",
            ]
        return folders.map { "\($0)/openssl" }.first { FileManager.default.isExecutableFile(atPath: $0) }.map(
            OpenSSLCommand.init)
    }

    /// Runs `openssl <arguments>` (split at spaces) in `folder`: its exit status and its
    /// standard output and error together.
    func run(_ arguments: String, in folder: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments.split(separator: " ").map(String.init)
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
