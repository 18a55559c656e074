import Foundation
import IdentityService
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Identity and orders as processes")
struct IdentityProcessTests {
    @Test func signOutReachesAnotherService() async throws {
        let launcher = try ServiceLauncher.processes(prefix: "sidp")
        let scenario = Scenario(
            sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion, timeout: .seconds(30))
        defer { scenario.close() }
        try await launcher.whileRunning {
            try await launcher.start(["identity", "orders"])
            let identity = scenario.identity
            let orders = scenario.orders

            try await scenario.signInSuperAdmin()
            try await scenario.createTenants([ScenarioData.balangan], agencies: [])
            _ = try await identity.call(
                AccountCreate.self,
                try ScenarioData.official(
                    "apip", roles: [.auditor], tenant: "balangan", agency: nil, emailDomain: "balangankab.go.id"),
                token: scenario.superAdmin)
            let first = try await identity.call(
                AuthSignIn.self, SignInParams(login: "apip", password: ScenarioData.initialPassword))
            let auditor = try await identity.call(
                AuthChangePassword.self,
                PasswordChangeParams(currentPassword: ScenarioData.initialPassword, newPassword: "auditor-pass-1"),
                token: first.token)

            // Orders verifies the token locally and admits the auditor (its keys come from identity).
            var allowed = false
            var lastError: RPCError?
            _ = await eventually(timeout: .seconds(60)) {
                lastError = await rpcError {
                    _ = try await orders.call(AuditRead.self, CursorParams(after: 0), token: auditor.token)
                }
                allowed = lastError == nil
                return allowed
            }
            #expect(allowed, "orders refused the auditor: \(String(describing: lastError))")
            // A role the method does not admit is refused there too.
            let ppkLike = await rpcError {
                _ = try await orders.call(AuditRead.self, CursorParams(after: 0), token: first.token)
            }
            #expect(ppkLike?.code == 401 || ppkLike?.code == 403)

            _ = try await identity.call(AuthSignOut.self, EmptyParams(), token: auditor.token)
            let refused = await eventually(timeout: .seconds(60)) {
                await rpcError {
                    _ = try await orders.call(AuditRead.self, CursorParams(after: 0), token: auditor.token)
                }?.code == 401
            }
            #expect(refused, "orders still accepted a signed-out token after 60 s")
        }
    }
}
