import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenSecurity
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Identifiers

/// A legacy 15-digit NPWP built from 8 digits: their Luhn check digit, then `000` + a 3-digit branch.
func npwpText(_ first8: String, branch: String = "000") -> String { ScenarioData.npwpText(first8, branch: branch) }

/// A NIK of the region `region` (4 digits), born 01-01-90, with a serial.
func nikText(_ region: String = "6311", serial: Int) -> String { ScenarioData.nikText(region, serial: serial) }

/// Builds a distinct, valid registration for number `n` (the kit's, named "CV Maju n").
func registration(
    _ n: Int, tenant: String = "balangan", kind: VendorKind = .entity, region: String = "6311", username: String? = nil
) throws -> VendorRegistration {
    try ScenarioData.vendorRegistration(
        n, tenant: tenant, kind: kind, region: region, name: "CV Maju \(n)", npwpBase: 10_000_000, username: username,
        emailDomain: "example.co.id", termsVersion: IdentityService.currentTermsVersion)
}

/// A JSON object with one member replaced (or removed when `value` is nil).
func replacing(_ object: JSONValue, _ key: String, with value: JSONValue?) -> JSONValue {
    var members = object.objectValue ?? [:]
    members[key] = value
    return .object(members)
}

func passwordOfRole(_ role: Role) -> String { "pw-\(role.rawValue)-final1" }

// MARK: - The fixture

/// A running identity service with two tenants, agencies, an account of every role in
/// `balangan`, a verifier and an agency administrator in `polman`, and one registered vendor.
/// Launched and populated through the scenario kit.
final class IdentityFixture: @unchecked Sendable {
    let launcher: ServiceLauncher
    let scenario: Scenario
    let clock: TestClock
    var directory: String { launcher.directory }
    var host: ServiceHost { launcher.host("identity")! }
    var client: RPCClient { scenario.identity }
    var socketPath: String { launcher.socketPath("identity") }
    /// Tokens by role in `balangan` (super admin and monitor have no tenant).
    var tokens: [Role: String] = [:]
    var accounts: [Role: AccountInfo] = [:]
    var usernames: [Role: String] = [:]
    var polmanVerifier = ""
    var polmanAgencyAdmin = ""
    /// The balangan vendor that holds the `vendor` token.
    var vendor: VendorInfo!

    var superAdmin: String { tokens[.superAdmin]! }

    private init(launcher: ServiceLauncher, clock: TestClock) {
        self.launcher = launcher
        self.clock = clock
        self.scenario = Scenario(sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion)
    }

    /// Starts identity; `passwordHasher` replaces the one from the environment (to hold its slots).
    static func start(passwordHasher: PasswordHasher? = nil) async throws -> IdentityFixture {
        let clock = TestClock()
        let fixture = IdentityFixture(
            launcher: try ServiceLauncher.inProcess(prefix: "sidt", clock: clock, passwordHasher: passwordHasher),
            clock: clock)
        do {
            try await fixture.launcher.start("identity")
            try await fixture.populate()
        } catch {
            await fixture.stop()
            throw error
        }
        return fixture
    }

    private func populate() async throws {
        let root = try await scenario.signInSuperAdmin()
        tokens[.superAdmin] = root.token
        accounts[.superAdmin] = root.account
        usernames[.superAdmin] = "root"
        try await scenario.createTenants(
            [ScenarioData.balangan, ScenarioData.polman],
            agencies: [
                AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan"),
                AgencyInfo(tenant: "balangan", code: "PUPR", name: "Dinas PUPR"),
                AgencyInfo(tenant: "polman", code: "DINKES", name: "Dinas Kesehatan Polman"),
            ])
        let officials: [Role] = [
            .agencyAdmin, .verifier, .ppk, .procurementOfficial, .treasurer, .budgetHolder, .ukpbjHead, .auditor,
            .developer, .monitor,
        ]
        for role in officials {
            let username = "b-\(role.rawValue.replacingOccurrences(of: "_", with: "-"))"
            let (token, account) = try await createOfficial(
                username: username, role: role, tenant: role == .monitor ? nil : "balangan",
                agency: AccountRulesMirror.agencyRoles.contains(role) ? "DINKES" : nil)
            tokens[role] = token
            accounts[role] = account
            usernames[role] = username
        }
        polmanVerifier = try await createOfficial(
            username: "p-verifier", role: .verifier, tenant: "polman", agency: nil
        ).token
        polmanAgencyAdmin = try await createOfficial(
            username: "p-agency-admin", role: .agencyAdmin, tenant: "polman", agency: "DINKES"
        ).token
        let registered = try await scenario.registerVendor(try registration(1, username: "b-vendor"))
        tokens[.vendor] = registered.token
        accounts[.vendor] = registered.account
        usernames[.vendor] = "b-vendor"
        vendor = registered.info
    }

    /// Creates an official with an initial password, signs in, changes the password; returns the fresh token.
    func createOfficial(username: String, role: Role, tenant: String?, agency: String?) async throws -> (
        token: String, account: AccountInfo
    ) {
        let session = try await scenario.official(
            username, roles: [role], tenant: tenant, agency: agency, password: passwordOfRole(role))
        return (session.token, session.account)
    }

    /// A fresh session of a fixture role.
    func freshToken(_ role: Role) async throws -> String {
        let password =
            role == .superAdmin
            ? ScenarioData.superAdminPassword : role == .vendor ? "vendor-pass-1" : passwordOfRole(role)
        return try await scenario.signIn(usernames[role]!, password: password).token
    }

    /// Registers vendor number `n` and returns it with a signed-in token.
    func registerVendor(_ n: Int, kind: VendorKind = .entity, tenant: String = "balangan", region: String = "6311")
        async throws -> (VendorInfo, String)
    {
        let registered = try await scenario.registerVendor(
            try registration(n, tenant: tenant, kind: kind, region: region))
        let documented = try await scenario.uploadRequiredDocuments(registered.info, vendorToken: registered.token)
        return (documented, registered.token)
    }

    func stop() async {
        scenario.close()
        await launcher.stopAndRemove(draining: .seconds(30))
    }
}
/// Runs `body` with a fresh fixture, stopped afterwards.
func withFixture(passwordHasher: PasswordHasher? = nil, _ body: (IdentityFixture) async throws -> Void) async throws {
    let fixture = try await IdentityFixture.start(passwordHasher: passwordHasher)
    do {
        try await body(fixture)
    } catch {
        await fixture.stop()
        throw error
    }
    await fixture.stop()
}

/// The roles that belong to an agency (mirrors AccountRules, which is internal to the service).
enum AccountRulesMirror {
    static let agencyRoles: Set<Role> = [.ppk, .procurementOfficial, .treasurer, .budgetHolder, .agencyAdmin]
}
