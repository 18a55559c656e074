#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import Testing
import SiOpenTestSupport




// MARK: - Identifiers

/// A legacy 15-digit NPWP built from 8 digits: their Luhn check digit, then `000` + a 3-digit branch.
func npwpText(_ first8: String, branch: String = "000") -> String {
    first8 + String(luhnCheckDigit(first8)) + "000" + branch
}

/// A NIK of the region `region` (4 digits), born 01-01-90, with a serial.
func nikText(_ region: String = "6311", serial: Int) -> String {
    region + "01" + "010190" + String(format: "%04d", serial)
}

/// Builds a distinct, valid registration for number `n`.
func registration(
    _ n: Int, tenant: String = "balangan", kind: VendorKind = .entity, region: String = "6311", username: String? = nil
) throws -> VendorRegistration {
    let nik = try NIK(nikText(region, serial: n))
    return VendorRegistration(
        tenant: tenant, kind: kind, name: "CV Maju \(n)", nik: nik,
        npwp: try NPWP(npwpText(String(format: "%08d", 10_000_000 + n))),
        nib: kind == .entity ? try NIB(String(format: "91200%08d", n)) : nil,
        email: try EmailAddress("vendor\(n)@example.co.id"), phone: try PhoneNumber("0812-3456-\(String(format: "%04d", n % 10000))"),
        address: "Jl. A. Yani No. \(n), Paringin",
        deed: kind == .entity ? DeedOfEstablishment(number: "12", date: "2020-02-03", ratificationNumber: "AHU-0001234.AH.01.01") : nil,
        director: kind == .entity ? DirectorIdentity(name: "Budi \(n)", nik: nik) : nil,
        businessLicenceNumber: "SIUP-\(n)", bankAccount: BankAccount(bank: "Bank Kalsel", number: "0012345\(n)", holderName: "CV Maju \(n)"),
        isPKP: false, acceptedTermsVersion: IdentityService.currentTermsVersion,
        username: username ?? "vendor\(n)", password: "vendor-pass-\(n)")
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
final class IdentityFixture: @unchecked Sendable {
    let directory: String
    let host: ServiceHost
    let client: RPCClient
    let clock: TestClock
    let socketPath: String
    /// Tokens by role in `balangan` (super admin and monitor have no tenant).
    var tokens: [Role: String] = [:]
    var accounts: [Role: AccountInfo] = [:]
    var usernames: [Role: String] = [:]
    var polmanVerifier = ""
    var polmanAgencyAdmin = ""
    /// The balangan vendor that holds the `vendor` token.
    var vendor: VendorInfo!

    var superAdmin: String { tokens[.superAdmin]! }

    private init(directory: String, host: ServiceHost, client: RPCClient, clock: TestClock) {
        self.directory = directory
        self.host = host
        self.client = client
        self.clock = clock
        self.socketPath = host.environment.configuration.socketPath
    }

    /// Starts identity; `passwordHasher` replaces the one from the environment (to hold its slots).
    static func start(passwordHasher: PasswordHasher? = nil) async throws -> IdentityFixture {
        setenv("SIOPEN_INSECURE_FAST_PASSWORD_HASHING", "1", 1)
        let directory = try makeShortTemporaryDirectory(prefix: "sidt")
        let configuration = ServiceConfiguration(serviceName: "identity", dataDirectory: directory, logLevel: .warning)
        _ = try IdentityBootstrap.createSuperAdmin(
            configuration: configuration, username: "root", email: "root@siopen.test", fullName: "Root Admin", password: "root-password-1")
        let clock = TestClock()
        let host = try ServiceHost.start(IdentityService.makeDefinition(now: { clock.now() }, passwordHasher: passwordHasher), configuration: configuration)
        let client = RPCClient(socketPath: configuration.socketPath, defaultTimeout: .seconds(60))
        let fixture = IdentityFixture(directory: directory, host: host, client: client, clock: clock)
        do {
            try await fixture.populate()
        } catch {
            await fixture.stop()
            throw error
        }
        return fixture
    }

    private func populate() async throws {
        let root = try await client.call(AuthSignIn.self, SignInParams(login: "root", password: "root-password-1"))
        tokens[.superAdmin] = root.token
        accounts[.superAdmin] = root.account
        usernames[.superAdmin] = "root"
        for tenant in [TenantInfo(code: "balangan", name: "Kabupaten Balangan", domicileRegionCodes: ["6311"]),
                       TenantInfo(code: "polman", name: "Kabupaten Polewali Mandar", domicileRegionCodes: ["7604"])] {
            _ = try await client.call(TenantCreate.self, tenant, token: root.token)
        }
        for agency in [AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan"),
                       AgencyInfo(tenant: "balangan", code: "PUPR", name: "Dinas PUPR"),
                       AgencyInfo(tenant: "polman", code: "DINKES", name: "Dinas Kesehatan Polman")] {
            _ = try await client.call(AgencyCreate.self, agency, token: root.token)
        }
        let officials: [Role] = [.agencyAdmin, .verifier, .ppk, .treasurer, .budgetHolder, .ukpbjHead, .auditor, .developer, .monitor]
        for role in officials {
            let username = "b-\(role.rawValue.replacingOccurrences(of: "_", with: "-"))"
            let (token, account) = try await createOfficial(
                username: username, role: role, tenant: role == .monitor ? nil : "balangan",
                agency: AccountRulesMirror.agencyRoles.contains(role) ? "DINKES" : nil, by: root.token)
            tokens[role] = token
            accounts[role] = account
            usernames[role] = username
        }
        polmanVerifier = try await createOfficial(username: "p-verifier", role: .verifier, tenant: "polman", agency: nil, by: root.token).token
        polmanAgencyAdmin = try await createOfficial(username: "p-agency-admin", role: .agencyAdmin, tenant: "polman", agency: "DINKES", by: root.token).token
        let registered = try await client.call(VendorRegister.self, try registration(1, username: "b-vendor"))
        let session = try await client.call(AuthSignIn.self, SignInParams(login: "b-vendor", password: "vendor-pass-1"))
        tokens[.vendor] = session.token
        accounts[.vendor] = session.account
        usernames[.vendor] = "b-vendor"
        vendor = registered
    }

    /// Creates an official with an initial password, signs in, changes the password; returns the fresh token.
    func createOfficial(username: String, role: Role, tenant: String?, agency: String?, by token: String) async throws -> (token: String, account: AccountInfo) {
        let params = AccountCreateParams(
            username: username, email: try EmailAddress("\(username)@pemkab.go.id"), fullName: "Pejabat \(username)", roles: [role],
            tenant: tenant, agency: agency, assignment: AssignmentLetter(number: "800/\(username)/2026", date: "2026-01-05", issuer: "Bupati"),
            initialPassword: "initial-pass-1")
        _ = try await client.call(AccountCreate.self, params, token: token)
        let first = try await client.call(AuthSignIn.self, SignInParams(login: username, password: "initial-pass-1"))
        guard first.mustChangePassword else { throw TestFailure("a new account must change its password") }
        let changed = try await client.call(
            AuthChangePassword.self, PasswordChangeParams(currentPassword: "initial-pass-1", newPassword: passwordOfRole(role)), token: first.token)
        return (changed.token, changed.account)
    }

    /// A fresh session of a fixture role.
    func freshToken(_ role: Role) async throws -> String {
        let password = role == .superAdmin ? "root-password-1" : role == .vendor ? "vendor-pass-1" : passwordOfRole(role)
        return try await client.call(AuthSignIn.self, SignInParams(login: usernames[role]!, password: password)).token
    }

    /// Registers vendor number `n` and returns it with a signed-in token.
    func registerVendor(_ n: Int, kind: VendorKind = .entity, tenant: String = "balangan", region: String = "6311") async throws -> (VendorInfo, String) {
        let params = try registration(n, tenant: tenant, kind: kind, region: region)
        let vendor = try await client.call(VendorRegister.self, params)
        let session = try await client.call(AuthSignIn.self, SignInParams(login: params.username, password: params.password))
        return (vendor, session.token)
    }

    func stop() async {
        client.close()
        let deadline = ContinuousClock.now + .seconds(30)
        while host.server.connectionCount > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        await host.stop()
        try? FileManager.default.removeItem(atPath: directory)
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
    static let agencyRoles: Set<Role> = [.ppk, .treasurer, .budgetHolder, .agencyAdmin]
}
