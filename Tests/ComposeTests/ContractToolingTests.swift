import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a client author gets from the running system, tried as one would: the OpenRPC documents
/// against the OpenRPC project's meta-schema and the rules it cannot check, a generated Python
/// client, the committed Markdown reference, and the `siopen` command's call, login and methods.
@Suite("Compose: contracts and the siopen command", .serialized)
struct ContractToolingTests {
    /// The OpenRPC meta-schema kept beside the clone (`../shared/openrpc/`, see its README).
    static let metaSchemaPath = repositoryRoot + "/../shared/openrpc/meta-schema.json"
    /// The committed contract reference.
    static let referenceDirectory = repositoryRoot + "/docs/contracts"

    @Test func everyDocumentValidatesKeepsTheRulesGeneratesAPythonClientAndMatchesTheReference() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sicd")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }
        try await startSystem(binaries: binaries, data: data, children: children)

        // Each service's rpc.discover, as a client fetches it.
        var paths: [String] = []
        for name in serviceNames {
            let client = RPCClient(socketPath: "\(data)/run/\(name).sock", serviceName: name)
            defer { client.close() }
            let document = try await client.call(RPCDiscover.self, EmptyParams(), timeout: .seconds(60))
            let path = "\(data)/\(name).json"
            try Data(document.serialized).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }

        // The meta-schema, every $ref resolving, required params first, inline error objects, and a
        // Python client from openrpcclientgenerator (PyPI) that imports.
        #expect(
            FileManager.default.fileExists(atPath: Self.metaSchemaPath),
            "no OpenRPC meta-schema at \(Self.metaSchemaPath)")
        let check = try await runToEnd(
            try executableInPath("python3"),
            [
                repositoryRoot + "/Tests/Tools/openrpc_check.py", "--meta-schema", Self.metaSchemaPath, "--client-dir",
                data + "/clients",
            ] + paths,
            logPrefix: data + "/check", timeout: .seconds(600))
        #expect(
            check.termination == .exited(0),
            "the OpenRPC documents break rules clients depend on:\n\(check.child.transcript)")

        // The committed reference is what `siopen docs` writes from these documents.
        let generated = data + "/reference"
        let docs = try await runToEnd(
            binaries + "/siopen", ["docs", "--out", generated, "--data-dir", data, "--topology", topologyPath],
            logPrefix: data + "/docs")
        #expect(docs.termination == .exited(0), "\(docs.child.transcript)")
        if ProcessInfo.processInfo.environment["SIOPEN_REGENERATE_CONTRACTS"] == "1" {
            try? FileManager.default.removeItem(atPath: Self.referenceDirectory)
            try FileManager.default.createDirectory(
                atPath: Self.referenceDirectory + "/..", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: generated, toPath: Self.referenceDirectory)
        }
        let expected = Set(serviceNames.map { "\($0).md" } + ["README.md"])
        let written = Set((try? FileManager.default.contentsOfDirectory(atPath: generated)) ?? [])
        #expect(written == expected)
        let committed = Set((try? FileManager.default.contentsOfDirectory(atPath: Self.referenceDirectory)) ?? [])
        let regenerate =
            "regenerate it: SIOPEN_REGENERATE_CONTRACTS=1 swift test --filter ContractToolingTests/everyDocument "
            + "(or, with the system running, siopen docs --out docs/contracts) and commit docs/contracts"
        #expect(
            committed == expected, "docs/contracts holds \(committed.sorted()), not \(expected.sorted()); \(regenerate)"
        )
        for file in expected.sorted() {
            let fresh = (try? String(contentsOfFile: "\(generated)/\(file)", encoding: .utf8)) ?? ""
            let old = (try? String(contentsOfFile: "\(Self.referenceDirectory)/\(file)", encoding: .utf8)) ?? ""
            #expect(fresh == old, "docs/contracts/\(file) is stale (\(firstDifference(old, fresh))); \(regenerate)")
        }
    }

    @Test func callReadsParamsFromAFileAndStandardInputTheTokenFromTheEnvironmentOrALogin() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sicl")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }
        let siopen = binaries + "/siopen"
        let common = ["--data-dir", data, "--topology", topologyPath]

        // The first Super Admin, its password read from standard input.
        let password = "root-password-\(UInt32.random(in: 0...UInt32.max))"
        let passwordFile = data + "/password.txt"
        try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: passwordFile))
        let admin = try await runToEnd(
            binaries + "/siopen-identity",
            [
                "create-super-admin", "--username", "root", "--email", "admin@example.go.id", "--name", "Super Admin",
                "--data-dir", data,
            ],
            logPrefix: data + "/admin", standardInput: passwordFile)
        #expect(admin.termination == .exited(0), "\(admin.child.transcript)")
        try await startSystem(binaries: binaries, data: data, children: children)

        // siopen login: the password from a pipe (not a terminal), never on the command line.
        let login = try await runToEnd(
            siopen, ["login", "--login", "root"] + common, logPrefix: data + "/login", standardInput: passwordFile)
        #expect(login.termination == .exited(0), "\(login.child.transcript)")
        #expect(!login.child.commandLine.contains(password))
        let tokenFile = data + "/session.token"
        var status = stat()
        #expect(stat(tokenFile, &status) == 0, "siopen login wrote no \(tokenFile)")
        #expect(
            status.st_mode & 0o777 == 0o600, "the session file has mode \(String(status.st_mode & 0o777, radix: 8))")
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(!token.isEmpty)

        // siopen call uses the saved session.
        let whoAmI = try await runToEnd(
            siopen, ["call", "identity", "auth.whoami"] + common, logPrefix: data + "/whoami")
        #expect(whoAmI.termination == .exited(0), "\(whoAmI.child.transcript)")
        #expect(whoAmI.child.standardOutput.contains("\"username\":\"root\""), "\(whoAmI.child.transcript)")

        // Params from a file: a tenant, with the session.
        let tenantFile = data + "/tenant.json"
        try Data(#"{"code":"balangan","name":"Kabupaten Balangan","domicileRegionCodes":["6311"]}"#.utf8)
            .write(to: URL(fileURLWithPath: tenantFile))
        let tenant = try await runToEnd(
            siopen, ["call", "identity", "tenant.create", "@" + tenantFile] + common, logPrefix: data + "/tenant")
        #expect(tenant.termination == .exited(0), "\(tenant.child.transcript)")
        #expect(tenant.child.standardOutput.contains("\"code\":\"balangan\""), "\(tenant.child.transcript)")

        // A params file far beyond what a command line holds (a scan is hundreds of kilobytes).
        let bigFile = data + "/big.json"
        try Data(("{\"padding\":\"" + String(repeating: "x", count: 400_000) + "\"}").utf8).write(
            to: URL(fileURLWithPath: bigFile))
        let big = try await runToEnd(
            siopen, ["call", "identity", "system.health", "@" + bigFile] + common, logPrefix: data + "/big")
        #expect(big.termination == .exited(0), "\(big.child.transcript)")
        #expect(big.child.standardOutput.contains("\"service\":\"identity\""), "\(big.child.transcript)")

        // Params from standard input: signing in without the password on the command line.
        let signInFile = data + "/signin.json"
        try Data(#"{"login":"root","password":"\#(password)"}"#.utf8).write(to: URL(fileURLWithPath: signInFile))
        let signIn = try await runToEnd(
            siopen, ["call", "identity", "auth.signIn", "-"] + common, logPrefix: data + "/signin",
            standardInput: signInFile)
        #expect(signIn.termination == .exited(0), "\(signIn.child.transcript)")
        let session = try JSONValue(
            parsing: signIn.child.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        let secondToken = try #require(session["token"]?.stringValue)

        // SIOPEN_TOKEN wins over the saved session: a bogus one is refused, a good one is used.
        let bogus = try await runToEnd(
            siopen, ["call", "identity", "auth.whoami"] + common, logPrefix: data + "/bogus",
            environment: ["SIOPEN_TOKEN": "not-a-token"])
        #expect(bogus.termination == .exited(1), "\(bogus.child.transcript)")
        #expect(bogus.child.standardError.contains("401"), "\(bogus.child.transcript)")
        try FileManager.default.removeItem(atPath: tokenFile)
        let anonymous = try await runToEnd(
            siopen, ["call", "identity", "auth.whoami"] + common, logPrefix: data + "/anonymous")
        #expect(anonymous.termination == .exited(1), "without any token: \(anonymous.child.transcript)")
        let fromEnvironment = try await runToEnd(
            siopen, ["call", "identity", "auth.whoami"] + common, logPrefix: data + "/env",
            environment: ["SIOPEN_TOKEN": secondToken])
        #expect(fromEnvironment.termination == .exited(0), "\(fromEnvironment.child.transcript)")
        #expect(
            fromEnvironment.child.standardOutput.contains("\"username\":\"root\""),
            "\(fromEnvironment.child.transcript)")

        // Bad params are a usage error naming where they came from, not a crash.
        let broken = data + "/broken.json"
        try Data("{\"login\":".utf8).write(to: URL(fileURLWithPath: broken))
        let badFile = try await runToEnd(
            siopen, ["call", "identity", "auth.signIn", "@" + broken] + common, logPrefix: data + "/badfile")
        #expect(badFile.termination == .exited(64), "\(badFile.child.transcript)")
        #expect(badFile.child.standardError.contains(broken), "\(badFile.child.transcript)")
        let missing = try await runToEnd(
            siopen, ["call", "identity", "auth.signIn", "@" + data + "/none.json"] + common,
            logPrefix: data + "/missing")
        #expect(missing.termination == .exited(64), "\(missing.child.transcript)")

        // siopen methods SERVICE METHOD: params, result, errors and the recorded example of one
        // method (its password a placeholder).
        let methods = try await runToEnd(
            siopen, ["methods", "identity", "auth.signIn"] + common, logPrefix: data + "/methods")
        #expect(methods.termination == .exited(0), "\(methods.child.transcript)")
        for part in [
            "# `auth.signIn`", "Access: anyone", "## Params", "`login`", "`password`", "## Result", "`token`",
            "## Errors", "-32602", "## Examples", #""password":"<password>""#, #""token":"<session token>""#,
        ] {
            #expect(methods.child.standardOutput.contains(part), "no \(part) in:\n\(methods.child.transcript)")
        }
        let unknown = try await runToEnd(
            siopen, ["methods", "identity", "no.such"] + common, logPrefix: data + "/unknown")
        #expect(unknown.termination == .exited(64), "\(unknown.child.transcript)")

        // siopen logout ends the saved session and removes its file.
        try SecureFiles.writeSecret(Array(secondToken.utf8), to: tokenFile)
        let logout = try await runToEnd(siopen, ["logout"] + common, logPrefix: data + "/logout")
        #expect(logout.termination == .exited(0), "\(logout.child.transcript)")
        #expect(!FileManager.default.fileExists(atPath: tokenFile))
    }

    /// Starts `siopen up` on `data` and waits until every service answers.
    func startSystem(binaries: String, data: String, children: ChildList) async throws {
        let launcher = children.add(
            try Child.spawn(
                binaries + "/siopen", ["up", "--data-dir", data, "--topology", topologyPath], logPrefix: data + "/up"))
        for name in serviceNames {
            guard await waitForHealth(socket: "\(data)/run/\(name).sock", service: name) != nil else {
                throw TestFailure("\(name) did not answer system.health within 120 s\n\(launcher.transcript)")
            }
        }
    }
}

/// The full path of `name` found in `PATH`.
func executableInPath(_ name: String) throws -> String {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for folder in folders where access("\(folder)/\(name)", X_OK) == 0 { return "\(folder)/\(name)" }
    throw TestFailure("\(name) is not in PATH")
}

/// Where two texts first differ, as a line number and both lines.
func firstDifference(_ old: String, _ new: String) -> String {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(a.count, b.count)
    where (index < a.count ? a[index] : nil) != (index < b.count ? b[index] : nil) {
        return
            "line \(index + 1): committed \(index < a.count ? String(a[index].prefix(160)) : "<end>") / generated \(index < b.count ? String(b[index].prefix(160)) : "<end>")"
    }
    return "identical"
}
