import Foundation
import IdentityService
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

/// Service principals: a token identity issues for a service opens `.service` methods, which
/// refuse every user token.
@Suite struct ServiceTokenIssueTests {
    @Test func serviceTokenOpensServiceMethodsThatRefuseUsers() async throws {
        try await withFixture { fixture in
            let configuration = fixture.host.environment.configuration
            let token = try ServiceTokens.issue(configuration: configuration, service: "catalog", hours: 1)
            let claims = try SessionTokenParsing.claims(ofUnverified: token)
            #expect(claims.kind == .service)
            #expect(claims.principalID == "service:catalog")

            let page = try await fixture.client.call(EventsRead.self, CursorParams(after: 0, limit: 5), token: token)
            #expect(page.events.count <= 5)
            #expect(!page.events.isEmpty, "the fixture's tenants, accounts and vendor are on identity's feed")

            let refused = await rpcError {
                _ = try await fixture.client.call(EventsRead.self, CursorParams(after: 0), token: fixture.superAdmin)
            }
            #expect(refused?.code == 403)
            // A service token is no user: role-guarded user methods refuse it.
            let asUser = await rpcError {
                _ = try await fixture.client.call(AuthWhoAmI.self, EmptyParams(), token: token)
            }
            #expect(asUser?.code == 401)
        }
    }

    @Test func lifetimeIsBounded() throws {
        #expect(ServiceTokens.runCommand(["--service", "catalog", "--hours", "25", "--data-dir", "/tmp/unused"]) == 64)
        #expect(ServiceTokens.runCommand(["--service", "Bad Name"]) == 64)
    }
}
