import Foundation
import IdentityService
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

/// Identity's session-signing key lives in `keys/identity.signing.key`; after a rotation the
/// sessions signed with the old key keep working, and `auth.publicKeys` lists both keys.
@Suite("Identity: signing key rotation", .serialized)
struct SigningKeyRotationTests {
    @Test func sessionsSignedBeforeARotationStillVerify() async throws {
        let launcher = try ServiceLauncher.inProcess(prefix: "sirot", clock: TestClock())
        try await launcher.whileRunning {
            let configuration = launcher.configuration("identity")
            try await launcher.start("identity")
            let client = RPCClient(socketPath: configuration.socketPath, defaultTimeout: .seconds(60))
            let before = try await client.call(
                AuthSignIn.self, SignInParams(login: "root", password: "root-password-1")
            ).token
            let keysBefore = try await client.call(AuthPublicKeys.self, EmptyParams())
            client.close()
            await launcher.stop("identity")
            #expect(keysBefore.count == 1)

            let database = try ServiceHost.openDatabase(
                configuration, migrations: IdentityService.definition.migrations)
            let rotated = try SigningKeys.rotate(database, configuration: configuration)
            database.close()
            #expect(rotated.currentKeyID != keysBefore.first?.keyID)

            try await launcher.start("identity")
            let again = RPCClient(socketPath: configuration.socketPath, defaultTimeout: .seconds(60))
            let keysAfter = try await again.call(AuthPublicKeys.self, EmptyParams())
            #expect(Set(keysAfter.map(\.keyID)) == Set(keysBefore.map(\.keyID) + [rotated.currentKeyID]))
            #expect(
                try await again.call(AuthWhoAmI.self, EmptyParams(), token: before).username == "root",
                "a session from before the rotation")
            let after = try await again.call(AuthSignIn.self, SignInParams(login: "root", password: "root-password-1"))
                .token
            #expect(try await again.call(AuthWhoAmI.self, EmptyParams(), token: after).username == "root")
            again.close()
        }
    }
}
