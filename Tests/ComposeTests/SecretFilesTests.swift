import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Secrets on disk with the real processes: what `siopen up` creates is private to its user, a
/// service refuses a data folder others may read, and no database carries a private key.
@Suite("Compose: secrets on disk", .serialized)
struct SecretFilesTests {
    /// Every path under `root` (itself included) whose mode is not private: folders must be
    /// 0700, sockets 0660 (their group may call the service), other files without group or
    /// other bits.
    static func openPaths(under root: String) -> [String] {
        var problems: [String] = []
        func visit(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            let mode = info.st_mode & 0o7777
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if mode != 0o700 { problems.append("\(path) folder \(String(mode, radix: 8))") }
                for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                    visit(path + "/" + name)
                }
            case S_IFSOCK:
                if mode != 0o660 { problems.append("\(path) socket \(String(mode, radix: 8))") }
            default:
                if mode & 0o077 != 0 { problems.append("\(path) file \(String(mode, radix: 8))") }
            }
        }
        visit(root)
        return problems
    }

    @Test func freshLauncherKeepsEveryFileAndFolderPrivateAndNoKeyInADatabase() async throws {
        let binaries = try productsDirectory()
        let base = try makeShortTemporaryDirectory(prefix: "sisec")
        // A data folder that does not exist yet: the launcher makes it.
        let data = base + "/var"
        let children = ChildList()
        defer {
            killLeftovers(dataDirectory: data, children: children.all)
            try? FileManager.default.removeItem(atPath: base)
        }
        let launcher = children.add(
            try Child.spawn(
                binaries + "/siopen", ["up", "--data-dir", data, "--topology", topologyPath], logPrefix: base + "/up"))
        for name in serviceNames {
            guard await waitForHealth(socket: "\(data)/run/\(name).sock", service: name) != nil else {
                Issue.record("\(name) did not answer system.health within 120 s\n\(launcher.transcript)")
                return
            }
        }
        let running = Self.openPaths(under: data)
        #expect(running.isEmpty, "paths open to group or others while running:\n\(running.joined(separator: "\n"))")

        // The secrets are files under keys/, each service's.
        let keys = data + "/keys"
        var expected = ["identity.signing.key", "orders.signing.key"]
        for name in serviceNames { expected += ["\(name).token", "\(name).audit.key", "\(name).audit.checkpoints"] }
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: keys)) ?? [])
        #expect(
            Set(expected).isSubset(of: present), "missing from keys/: \(Set(expected).subtracting(present).sorted())")

        launcher.send(SIGTERM)
        let end = await launcher.waitForExit(timeout: .seconds(120))
        #expect(
            end == .exited(0),
            "launcher after SIGTERM: \(end.map(\.description) ?? "still running")\n\(launcher.transcript)")
        let stopped = Self.openPaths(under: data)
        #expect(stopped.isEmpty, "paths open to group or others after the stop:\n\(stopped.joined(separator: "\n"))")

        // A copy of any database (with its WAL, if one is left) carries no private key byte string.
        let seeds = try ["identity", "orders"].map { name -> Data in
            let seed = try Data(contentsOf: URL(fileURLWithPath: "\(keys)/\(name).signing.key"))
            #expect(seed.count == 32, "\(name).signing.key holds \(seed.count) bytes")
            return seed
        }
        for name in serviceNames {
            for suffix in ["", "-wal"] {
                guard let bytes = FileManager.default.contents(atPath: "\(data)/db/\(name).sqlite\(suffix)") else {
                    continue
                }
                for seed in seeds {
                    #expect(bytes.range(of: seed) == nil, "\(name).sqlite\(suffix) contains a private signing key")
                }
            }
        }
    }

    @Test func serviceRefusesADatabaseOrKeyOthersMayReadUnlessAllowed() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sisec")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }
        let orders = binaries + "/siopen-orders"
        let socket = data + "/run/orders.sock"
        let database = data + "/db/orders.sqlite"

        let first = children.add(try Child.spawn(orders, ["--data-dir", data], logPrefix: data + "/orders-1"))
        guard await waitForHealth(socket: socket, service: "orders") != nil else {
            Issue.record("siopen-orders did not answer system.health within 120 s\n\(first.transcript)")
            return
        }
        first.send(SIGTERM)
        #expect(await first.waitForExit(timeout: .seconds(120)) == .exited(0), "\(first.transcript)")

        // World-readable database, key file, data folder: each is refused, naming the path.
        for (round, (path, mode)) in [(database, 0o644), (data + "/keys/orders.signing.key", 0o640), (data, 0o755)]
            .enumerated()
        {
            #expect(chmod(path, mode_t(mode)) == 0)
            let refused = try await runToEnd(orders, ["--data-dir", data], logPrefix: data + "/refused-\(round)")
            #expect(refused.termination == .exited(1), "\(path) \(String(mode, radix: 8)): \(refused.child.transcript)")
            #expect(refused.child.standardError.contains("refusing to start"), "\(refused.child.transcript)")
            #expect(refused.child.standardError.contains(path), "\(refused.child.transcript)")
            #expect(!FileManager.default.fileExists(atPath: socket))
            #expect(chmod(path, path == data ? 0o700 : 0o600) == 0)
        }

        // The explicit flag runs anyway, with a warning.
        #expect(chmod(database, 0o644) == 0)
        let allowed = children.add(
            try Child.spawn(
                orders, ["--data-dir", data, "--allow-insecure-permissions"], logPrefix: data + "/orders-allowed"))
        guard await waitForHealth(socket: socket, service: "orders") != nil else {
            Issue.record("siopen-orders --allow-insecure-permissions did not start\n\(allowed.transcript)")
            return
        }
        #expect(allowed.standardError.contains("insecure permissions are allowed"), "\(allowed.transcript)")
        allowed.send(SIGTERM)
        #expect(await allowed.waitForExit(timeout: .seconds(120)) == .exited(0), "\(allowed.transcript)")
    }

    @Test func launcherRefusesAnOpenDataFolderUpFront() async throws {
        let binaries = try productsDirectory()
        let base = try makeShortTemporaryDirectory(prefix: "sisec")
        let data = base + "/var"
        let children = ChildList()
        defer {
            killLeftovers(dataDirectory: data, children: children.all)
            try? FileManager.default.removeItem(atPath: base)
        }
        #expect(mkdir(data, 0o755) == 0 && chmod(data, 0o755) == 0)
        let up = try await runToEnd(
            binaries + "/siopen", ["up", "--data-dir", data, "--topology", topologyPath], logPrefix: base + "/up")
        #expect(up.termination == .exited(1), "\(up.child.transcript)")
        #expect(up.child.standardError.contains("refusing to start"), "\(up.child.transcript)")
        #expect(!FileManager.default.fileExists(atPath: data + "/run/identity.sock"))
        #expect(livePIDs(mentioning: data).isEmpty)
    }

    @Test func rotateSigningKeyCommandReplacesTheKey() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sisec")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }
        let keyFile = data + "/keys/orders.signing.key"

        let first = try await runToEnd(
            binaries + "/siopen-orders", ["rotate-signing-key", "--data-dir", data], logPrefix: data + "/rotate-1")
        #expect(first.termination == .exited(0), "\(first.child.transcript)")
        let oldKey = try Data(contentsOf: URL(fileURLWithPath: keyFile))
        let second = try await runToEnd(
            binaries + "/siopen-orders", ["rotate-signing-key", "--data-dir", data], logPrefix: data + "/rotate-2")
        #expect(second.termination == .exited(0), "\(second.child.transcript)")
        #expect(second.child.standardOutput.contains("new signing key"), "\(second.child.transcript)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyFile)) != oldKey)
        #expect(Self.openPaths(under: data + "/keys").isEmpty && Self.openPaths(under: data + "/db").isEmpty)

        // A service that never signs has nothing to rotate.
        let catalog = try await runToEnd(
            binaries + "/siopen-catalog", ["rotate-signing-key", "--data-dir", data],
            logPrefix: data + "/rotate-catalog")
        #expect(catalog.termination == .exited(1), "\(catalog.child.transcript)")
        #expect(!FileManager.default.fileExists(atPath: data + "/keys/catalog.signing.key"))
    }
}
