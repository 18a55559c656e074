import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The restore drill (Perbup Polewali Mandar 31/2012 Pasal 26) with the real processes and the
/// real `siopen` command: under a write load, `siopen backup`, `siopen backup verify`, `siopen
/// restore` into another folder, and the restored system runs with every write acknowledged
/// before the backup began; a damaged archive and a non-empty target are refused.
@Suite("Compose: backup and restore drill", .serialized)
struct BackupDrillTests {
    /// Acknowledged tenant codes, in order, shared with the writing task.
    final class Acknowledged: @unchecked Sendable {
        private let lock = NSLock()
        private var codes: [String] = []
        func add(_ code: String) { lock.withLock { codes.append(code) } }
        var all: [String] { lock.withLock { codes } }
    }

    @Test func restoreDrillUnderWriteLoad() async throws {
        let binaries = try productsDirectory()
        let base = try makeShortTemporaryDirectory(prefix: "sibak")
        let data = base + "/var"
        let restored = base + "/restored"
        let children = ChildList()
        let launcher = try ServiceLauncher(
            directory: data, mode: .processes(binaries: binaries, realPasswordHashing: false))
        var relaunched: ServiceLauncher?
        defer {
            launcher.terminateAndRemove()
            relaunched?.terminateAndRemove()
            killLeftovers(dataDirectory: data, children: children.all)
            killLeftovers(dataDirectory: restored, children: [])
            try? FileManager.default.removeItem(atPath: base)
        }
        let bootstrap = DataFolderBootstrap.executables(binaries: binaries, realPasswordHashing: false)
        try launcher.prepareDataFolder(bootstrap: bootstrap)
        try await launcher.start()
        let scenario = Scenario(sockets: launcher.sockets, termsVersion: "unused")
        defer { scenario.close() }
        try await scenario.signInSuperAdmin()

        // The write load: tenants created one after another until told to stop.
        let acknowledged = Acknowledged()
        let superAdmin = scenario.superAdmin
        let writer = Task {
            let client = RPCClient(socketPath: launcher.socketPath("identity"), serviceName: "identity")
            defer { client.close() }
            var number = 1
            while !Task.isCancelled {
                let code = "drill-\(number)"
                _ = try await client.call(
                    TenantCreate.self,
                    TenantInfo(code: code, name: "Kabupaten Drill \(number)", domicileRegionCodes: ["6311"]),
                    token: superAdmin, timeout: .seconds(30))
                acknowledged.add(code)
                number += 1
            }
        }
        let warmedUp = await eventually(timeout: .seconds(60)) { acknowledged.all.count >= 10 }
        #expect(warmedUp, "the write load did not start")

        let passphraseFile = base + "/passphrase"
        try SecureFiles.writeSecret(Array("drill passphrase 2026\n".utf8), to: passphraseFile)
        let archive = base + "/media/siopen.tar"
        let beforeBackup = acknowledged.all
        let backup = try await runToEnd(
            binaries + "/siopen",
            [
                "backup", "--to", archive, "--passphrase-file", passphraseFile, "--data-dir", data, "--topology",
                topologyPath,
            ], logPrefix: base + "/backup")
        let duringBackup = acknowledged.all.count - beforeBackup.count
        writer.cancel()
        _ = try? await writer.value
        #expect(backup.termination == .exited(0), "\(backup.child.transcript)")
        #expect(duringBackup > 0, "no write was acknowledged while the backup ran: it was not taken under load")
        await launcher.stopAll()

        let verify = try await runToEnd(
            binaries + "/siopen", ["backup", "verify", archive, "--passphrase-file", passphraseFile],
            logPrefix: base + "/verify")
        #expect(verify.termination == .exited(0), "\(verify.child.transcript)")
        #expect(verify.child.standardOutput.contains("backup verified: sound"), "\(verify.child.transcript)")

        let restore = try await runToEnd(
            binaries + "/siopen", ["restore", archive, "--data-dir", restored, "--passphrase-file", passphraseFile],
            logPrefix: base + "/restore")
        #expect(restore.termination == .exited(0), "\(restore.child.transcript)")
        for name in serviceNames {
            #expect(restore.child.standardOutput.contains("\(name): integrity_check ok"), "\(restore.child.transcript)")
            #expect(restore.child.standardOutput.contains("\(name): audit chain intact"), "\(restore.child.transcript)")
        }
        let open = SecretFilesTests.openPaths(under: restored)
        #expect(open.isEmpty, "restored paths open to group or others:\n\(open.joined(separator: "\n"))")

        // The restored system runs, with every tenant acknowledged before the backup began.
        let again = try ServiceLauncher(
            directory: restored, mode: .processes(binaries: binaries, realPasswordHashing: false))
        relaunched = again
        try again.writeServiceTokens(bootstrap: bootstrap)
        try await again.moveClock(seconds: 0)
        try await again.start()
        let check = Scenario(sockets: again.sockets, termsVersion: "unused")
        defer { check.close() }
        try await check.signInSuperAdmin()
        let tenants = Set(
            try await check.call(TenantList.self, EmptyParams(), on: check.identity, token: check.superAdmin).map(
                \.code))
        let missing = beforeBackup.filter { !tenants.contains($0) }
        #expect(missing.isEmpty, "acknowledged before the backup began but not restored: \(missing)")
        await again.stopAll()

        // A non-empty target is refused; a damaged archive fails verify.
        let refused = try await runToEnd(
            binaries + "/siopen", ["restore", archive, "--data-dir", restored, "--passphrase-file", passphraseFile],
            logPrefix: base + "/refused")
        #expect(refused.termination != .exited(0), "\(refused.child.transcript)")
        #expect(refused.child.standardError.contains("not empty"), "\(refused.child.transcript)")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        // A byte inside the first database copied (data, not a header or padding).
        let sqlite = try #require(bytes.range(of: Data("SQLite format 3".utf8)))
        bytes[sqlite.lowerBound + 200] ^= 0x20
        let damaged = base + "/media/damaged.tar"
        try bytes.write(to: URL(fileURLWithPath: damaged))
        let caught = try await runToEnd(
            binaries + "/siopen", ["backup", "verify", damaged], logPrefix: base + "/damaged")
        #expect(caught.termination == .exited(1), "\(caught.child.transcript)")
        #expect(caught.child.standardError.contains("DAMAGED"), "\(caught.child.transcript)")
    }

    @Test func upTakesBackupsOnAScheduleAndKeepsTheNewest() async throws {
        let binaries = try productsDirectory()
        let base = try makeShortTemporaryDirectory(prefix: "sibks")
        let data = base + "/var"
        let media = base + "/media"
        let children = ChildList()
        defer {
            killLeftovers(dataDirectory: data, children: children.all)
            try? FileManager.default.removeItem(atPath: base)
        }
        let up = children.add(
            try Child.spawn(
                binaries + "/siopen",
                [
                    "up", "--data-dir", data, "--topology", topologyPath, "--backup-dir", media, "--backup-every", "2s",
                    "--backup-keep", "2",
                ], logPrefix: base + "/up"))
        let taken = await eventually(timeout: .seconds(120)) {
            up.standardError.components(separatedBy: "backup taken").count - 1 >= 3
        }
        #expect(taken, "three scheduled backups were not taken\n\(up.transcript)")
        func archives() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: media)) ?? []).filter {
                $0.hasPrefix("siopen-backup-") && $0.hasSuffix(".tar")
            }.sorted()
        }
        let pruned = await eventually(timeout: .seconds(10)) { archives().count == 2 }
        #expect(pruned, "kept \(archives()), not the newest 2")
        #expect(up.standardOutput.contains("Backups every 2 seconds"), "\(up.transcript)")
        up.send(SIGTERM)
        #expect(await up.waitForExit(timeout: .seconds(120)) == .exited(0), "\(up.transcript)")
        guard let newest = archives().last else { return }
        let verify = try await runToEnd(
            binaries + "/siopen", ["backup", "verify", media + "/" + newest], logPrefix: base + "/verify")
        #expect(verify.termination == .exited(0), "\(verify.child.transcript)")
    }
}
