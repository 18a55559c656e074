import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Backups and restores of a data folder (``BackupArchive``) with the real service host on real
/// files, writing while the backup runs: what was acknowledged before the backup began is
/// restored, every check passes, and damage, a wrong passphrase or a non-empty target is refused.
@Suite("Backup archive: online backup, verify, restore", .serialized)
struct BackupArchiveTests {
    static let topology = try! JSONDecoder().decode(
        Topology.self,
        from: Data(
            #"{"services": [{"name": "rtaudit", "executable": "siopen-rtaudit", "socket": "run/rtaudit.sock", "database": "db/rtaudit.sqlite", "summary": "test"}]}"#
                .utf8))

    /// Cheap sealing for tests (the default is 128 MiB per derivation).
    static let fastSealing = ScryptParameters.insecureFastForTesting
    static let passphrase = Array("correct horse battery staple".utf8)

    /// The audit seal tests' service (its own audit trail, keys and checkpoints).
    static func start(_ directory: String) throws -> ServiceHost { try AuditSealTests.start(directory) }

    /// Every path below `root` whose mode is not 0700 (folders) or 0600 (files).
    static func unexpectedModes(under root: String) -> [String] {
        var found: [String] = []
        let walker = FileManager.default.enumerator(atPath: root)
        var paths = [root]
        while let relative = walker?.nextObject() as? String { paths.append(root + "/" + relative) }
        for path in paths {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let mode = info.st_mode & 0o7777
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            if mode != (isFolder ? 0o700 : 0o600) { found.append("\(path) \(String(mode, radix: 8))") }
        }
        return found
    }

    @Test func onlineBackupUnderWritesRestoresEveryAcknowledgedWriteAndVerifies() async throws {
        try await withDataDirectory { base in
            let data = base + "/data"
            let host = try Self.start(data)
            // A document file, as a service's BlobStore keeps them.
            let blobs = try BlobStore(directory: data + "/files/rtaudit/documents")
            let stored = try blobs.store(Array("%PDF-1.4 test document".utf8))
            try await AuditSealTests.append(20, to: host)
            // Writes keep coming while the backup runs.
            let writer = Task {
                while !Task.isCancelled { try await AuditSealTests.append(1, to: host) }
            }
            let archive = base + "/backup.tar"
            let manifest = try await onThread {
                try BackupArchive.create(
                    at: archive, dataDirectory: data, topology: Self.topology, passphrase: Self.passphrase,
                    keySealing: Self.fastSealing)
            }
            writer.cancel()
            _ = try? await writer.value
            await host.stop()

            #expect(manifest.services.map(\.name) == ["rtaudit"])
            #expect((manifest.services.first?.auditHead ?? 0) >= 20)
            #expect(manifest.files.contains { $0.kind == "file" && $0.path.hasSuffix(stored.sha256) })
            #expect(manifest.sealedKeys.contains { $0.path == "keys/rtaudit.audit.key" })
            #expect(manifest.leftOut.isEmpty || manifest.leftOut.allSatisfy { $0.hasPrefix("service tokens") })
            var info = stat()
            #expect(stat(archive, &info) == 0 && info.st_mode & 0o077 == 0, "the archive is private")

            let verified = BackupArchive.verify(archive, passphrase: Self.passphrase)
            #expect(verified.isSound, "\(verified.problems)")

            let restored = base + "/restored"
            let check = try BackupArchive.restore(archive, into: restored, passphrase: Self.passphrase)
            #expect(check.isSound, "\(check.problems)\n\(check.notes)")
            #expect(check.notes.contains { $0.contains("integrity_check ok") })
            #expect(check.notes.contains { $0.contains("audit chain intact") }, "\(check.notes)")
            #expect(Self.unexpectedModes(under: restored).isEmpty, "\(Self.unexpectedModes(under: restored))")
            // Every write acknowledged before the backup began is there.
            let targets = try DatabaseFile.read(at: restored + "/db/rtaudit.sqlite") { connection in
                try connection.query("SELECT target_id FROM audit_log").map { try $0.string(0) }
            }
            for number in 1...20 { #expect(targets.contains("n\(number)")) }
            #expect(
                FileManager.default.fileExists(
                    atPath: restored + "/" + manifest.files.first { $0.kind == "file" }!.path))

            // The restored folder runs, and its own audit.verify agrees.
            let again = try Self.start(restored)
            let client = RPCClient(socketPath: again.environment.configuration.socketPath, defaultTimeout: .seconds(30))
            let verification = try await client.call(AuditVerify.self, EmptyParams(), token: "auditor-t1")
            client.close()
            await again.stop()
            #expect(verification.intact, "\(verification)")

            // Restore refuses a folder that is not empty, and writes nothing into it.
            let refused = #expect(throws: BackupError.self) {
                try BackupArchive.restore(archive, into: restored, passphrase: Self.passphrase)
            }
            #expect(refused?.message.contains("not empty") == true)
            // A wrong passphrase is refused before anything is written.
            let wrong = base + "/wrong"
            #expect(throws: BackupError.self) {
                try BackupArchive.restore(archive, into: wrong, passphrase: Array("not it".utf8))
            }
            #expect((try? FileManager.default.contentsOfDirectory(atPath: wrong))?.isEmpty ?? true)
            #expect(!BackupArchive.verify(archive, passphrase: Array("not it".utf8)).isSound)
        }
    }

    @Test func verifyFindsAnyChangedByteAndRestoreWritesNothingFromADamagedArchive() async throws {
        try await withDataDirectory { base in
            let data = base + "/data"
            let host = try Self.start(data)
            try await AuditSealTests.append(50, to: host)
            let archive = base + "/backup.tar"
            try await onThread {
                _ = try BackupArchive.create(
                    at: archive, dataDirectory: data, topology: Self.topology, passphrase: nil)
            }
            await host.stop()
            let clean = BackupArchive.verify(archive)
            #expect(clean.isSound, "\(clean.problems)")
            #expect(clean.manifest?.leftOut.contains { $0.hasPrefix("private keys") } == true, "keys left out, said so")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
            // A byte in the first file's data (after its 512-byte header), and one in the manifest.
            let manifestOffset = bytes.range(of: Data("\"format\"".utf8), options: .backwards)!.lowerBound
            for offset in [600, manifestOffset + 2] {
                var damaged = bytes
                damaged[offset] ^= 0x01
                let copy = base + "/damaged-\(offset).tar"
                try damaged.write(to: URL(fileURLWithPath: copy))
                let check = BackupArchive.verify(copy)
                #expect(!check.isSound, "a changed byte at \(offset) went unnoticed")
                let target = base + "/from-damaged-\(offset)"
                #expect(throws: BackupError.self) { try BackupArchive.restore(copy, into: target, passphrase: nil) }
                #expect(!FileManager.default.fileExists(atPath: target + "/db"))
            }
            // A truncated archive.
            let truncated = base + "/truncated.tar"
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
            #expect(!BackupArchive.verify(truncated).isSound)
            // Restoring without the keys still checks the databases; the audit chain is reported unverified.
            let restored = base + "/restored"
            let check = try BackupArchive.restore(archive, into: restored, passphrase: nil)
            #expect(check.notes.contains { $0.contains("integrity_check ok") })
            #expect(check.notes.contains { $0.contains("NOT verified") }, "\(check.notes)")
        }
    }

    @Test func sealedKeysOpenOnlyWithThePassphraseAndAnyChangeIsRefused() throws {
        let secret = SecureRandom.bytes(64)
        let sealed = try PassphraseEncryption.seal(secret, passphrase: Self.passphrase, parameters: Self.fastSealing)
        #expect(try PassphraseEncryption.open(sealed, passphrase: Self.passphrase) == secret)
        #expect(throws: SecurityError.self) { try PassphraseEncryption.open(sealed, passphrase: Array("x".utf8)) }
        for index in [9, 20, 35, sealed.count / 2, sealed.count - 1] {
            var changed = sealed
            changed[index] ^= 0x80
            #expect(throws: SecurityError.self) { try PassphraseEncryption.open(changed, passphrase: Self.passphrase) }
        }
        // Two seals of the same secret differ (fresh salt and nonce).
        #expect(
            try PassphraseEncryption.seal(secret, passphrase: Self.passphrase, parameters: Self.fastSealing) != sealed)
    }
}
