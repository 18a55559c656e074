#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IdentityService
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import Testing
import SiOpenTestSupport


@Suite("Identity and orders as processes")
struct IdentityProcessTests {
    @Test func signOutReachesAnotherService() async throws {
        setenv("SIOPEN_INSECURE_FAST_PASSWORD_HASHING", "1", 1)
        let products = try productsDirectory(containing: ["siopen-identity", "siopen-orders"])
        let directory = try makeShortTemporaryDirectory(prefix: "sidp")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configuration = ServiceConfiguration(serviceName: "identity", dataDirectory: directory, logLevel: .warning)
        _ = try IdentityBootstrap.createSuperAdmin(
            configuration: configuration, username: "root", email: "root@siopen.test", fullName: "Root", password: "root-password-1")

        var children: [Process] = []
        defer {
            for child in children where child.isRunning {
                kill(child.processIdentifier, SIGTERM)
            }
            for child in children { child.waitUntilExit() }
        }
        for service in ["identity", "orders"] {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "\(products)/siopen-\(service)")
            child.arguments = ["--data-dir", directory, "--log-level", "warning", "--parent-pid", String(getpid())]
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try child.run()
            children.append(child)
        }
        let identity = RPCClient(socketPath: "\(directory)/run/identity.sock", serviceName: "identity", defaultTimeout: .seconds(30))
        let orders = RPCClient(socketPath: "\(directory)/run/orders.sock", serviceName: "orders", defaultTimeout: .seconds(30))
        defer {
            identity.close()
            orders.close()
        }
        for client in [identity, orders] {
            let up = await eventually(timeout: .seconds(120)) { (try? await client.call(SystemHealth.self, EmptyParams(), timeout: .seconds(5))) != nil }
            #expect(up, "\(client.serviceName) did not start")
            if !up { return }
        }

        let root = try await identity.call(AuthSignIn.self, SignInParams(login: "root", password: "root-password-1"))
        _ = try await identity.call(TenantCreate.self, TenantInfo(code: "balangan", name: "Kabupaten Balangan", domicileRegionCodes: ["6311"]), token: root.token)
        _ = try await identity.call(
            AccountCreate.self,
            AccountCreateParams(
                username: "apip", email: try .init("apip@balangankab.go.id"), fullName: "Auditor", roles: [.auditor], tenant: "balangan", agency: nil,
                assignment: AssignmentLetter(number: "700/1", date: "2026-01-02", issuer: "Bupati"), initialPassword: "initial-pass-1"),
            token: root.token)
        let first = try await identity.call(AuthSignIn.self, SignInParams(login: "apip", password: "initial-pass-1"))
        let auditor = try await identity.call(AuthChangePassword.self, PasswordChangeParams(currentPassword: "initial-pass-1", newPassword: "auditor-pass-1"), token: first.token)

        // Orders verifies the token locally and admits the auditor (its keys come from identity).
        var allowed = false
        var lastError: RPCError?
        _ = await eventually(timeout: .seconds(60)) {
            lastError = await rpcError { _ = try await orders.call(AuditRead.self, CursorParams(after: 0), token: auditor.token) }
            allowed = lastError == nil
            return allowed
        }
        #expect(allowed, "orders refused the auditor: \(String(describing: lastError))")
        // A role the method does not admit is refused there too.
        let ppkLike = await rpcError { _ = try await orders.call(AuditRead.self, CursorParams(after: 0), token: first.token) }
        #expect(ppkLike?.code == 401 || ppkLike?.code == 403)

        _ = try await identity.call(AuthSignOut.self, EmptyParams(), token: auditor.token)
        let refused = await eventually(timeout: .seconds(60)) {
            await rpcError { _ = try await orders.call(AuditRead.self, CursorParams(after: 0), token: auditor.token) }?.code == 401
        }
        #expect(refused, "orders still accepted a signed-out token after 60 s")
    }
}
