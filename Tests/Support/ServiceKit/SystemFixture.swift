// Real services in one process for tests: identity and catalog (and later orders) sharing one
// temporary data folder, talking over their real Unix sockets, with officials of every role
// signed in and a clock the test moves.
#if canImport(Glibc)
import Glibc
#endif
import CatalogService
import Foundation
import IdentityService
import OrdersService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport

/// The services a fixture runs besides identity.
public enum FixtureService: Sendable {
    /// The catalog.
    case catalog
    /// Orders (needs the catalog).
    case orders
}

/// An official the fixture signed in.
public struct FixtureOfficial: Sendable {
    /// Their session token.
    public let token: String
    /// Their account.
    public let account: AccountInfo
}

/// Running services with two tenants: `balangan` (agencies DINKES and PUPR) and `polman` (DINKES).
public final class SystemFixture: @unchecked Sendable {
    /// The data folder of every service.
    public let directory: String
    /// The clock every service reads.
    public let clock: TestClock
    /// The identity service.
    public let identityHost: ServiceHost
    /// A client of identity.
    public let identity: RPCClient
    /// The catalog service, when started.
    public private(set) var catalogHost: ServiceHost?
    /// A client of the catalog, when started.
    public private(set) var catalog: RPCClient!
    /// The orders service, when started.
    public private(set) var ordersHost: ServiceHost?
    /// A client of orders, when started.
    public private(set) var orders: RPCClient!
    /// Super Admin's token.
    public private(set) var superAdmin = ""
    /// Officials of `balangan`'s DINKES (and tenant-wide roles) by role.
    public private(set) var balangan: [Role: FixtureOfficial] = [:]
    /// Officials of `balangan`'s PUPR: PPK and PA/KPA.
    public private(set) var pupr: [Role: FixtureOfficial] = [:]
    /// Officials of `polman`: verifier, PPK, PA/KPA.
    public private(set) var polman: [Role: FixtureOfficial] = [:]
    private var vendorCount = 0
    /// How often the catalog reads identity's feed.
    private var feedPollInterval: Duration = .milliseconds(100)

    private init(directory: String, clock: TestClock, identityHost: ServiceHost, identity: RPCClient) {
        self.directory = directory
        self.clock = clock
        self.identityHost = identityHost
        self.identity = identity
    }

    /// Starts identity and `services`, creates the tenants and signs in the officials. A long
    /// `feedPollInterval` keeps the catalog from learning identity's news from the feed.
    public static func start(_ services: [FixtureService] = [.catalog], feedPollInterval: Duration = .milliseconds(100)) async throws -> SystemFixture {
        setenv("SIOPEN_INSECURE_FAST_PASSWORD_HASHING", "1", 1)
        let directory = try makeShortTemporaryDirectory(prefix: "sisys")
        try prepareDataFolder(directory)
        let identityConfiguration = ServiceConfiguration(serviceName: "identity", dataDirectory: directory, logLevel: .warning)
        let clock = TestClock()
        let identityHost = try ServiceHost.start(IdentityService.makeDefinition(now: { clock.now() }), configuration: identityConfiguration)
        let fixture = SystemFixture(
            directory: directory, clock: clock, identityHost: identityHost,
            identity: RPCClient(socketPath: identityConfiguration.socketPath, defaultTimeout: .seconds(60)))
        fixture.feedPollInterval = feedPollInterval
        do {
            try await fixture.populate()
            for service in services {
                switch service {
                case .catalog: try fixture.startCatalog()
                case .orders: try fixture.startOrders()
                }
            }
        } catch {
            await fixture.stop()
            throw error
        }
        return fixture
    }

    private func startCatalog() throws {
        let configuration = ServiceConfiguration(serviceName: "catalog", dataDirectory: directory, logLevel: .warning)
        let clock = self.clock
        catalogHost = try ServiceHost.start(
            CatalogService.makeDefinition(now: { clock.now() }, feedPollInterval: feedPollInterval), configuration: configuration)
        catalog = RPCClient(socketPath: configuration.socketPath, defaultTimeout: .seconds(60))
    }

    private func startOrders() throws {
        let configuration = ServiceConfiguration(serviceName: "orders", dataDirectory: directory, logLevel: .warning)
        let clock = self.clock
        ordersHost = try ServiceHost.start(
            OrdersService.makeDefinition(now: { clock.now() }, expirySweepInterval: .milliseconds(100), feedPollInterval: feedPollInterval), configuration: configuration)
        orders = RPCClient(socketPath: configuration.socketPath, defaultTimeout: .seconds(60))
    }

    /// Stops the catalog, runs `body` (while identity goes on), and starts the catalog again on
    /// the same database, as after a crash or a redeployment.
    public func withCatalogStopped(_ body: () async throws -> Void) async throws {
        catalog.close()
        await catalogHost?.stop()
        catalogHost = nil
        try await body()
        try startCatalog()
    }

    /// Stops orders, runs `body` (while identity and the catalog go on), and starts orders again
    /// on the same database and keys, as after a redeployment.
    public func withOrdersStopped(_ body: () async throws -> Void) async throws {
        orders.close()
        await ordersHost?.stop()
        ordersHost = nil
        try await body()
        try startOrders()
    }

    private func populate() async throws {
        superAdmin = try await identity.call(AuthSignIn.self, SignInParams(login: "root", password: "root-password-1")).token
        for tenant in [TenantInfo(code: "balangan", name: "Kabupaten Balangan", domicileRegionCodes: ["6311"]),
                       TenantInfo(code: "polman", name: "Kabupaten Polewali Mandar", domicileRegionCodes: ["7604"])] {
            _ = try await identity.call(TenantCreate.self, tenant, token: superAdmin)
        }
        for agency in [AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan"),
                       AgencyInfo(tenant: "balangan", code: "PUPR", name: "Dinas Pekerjaan Umum dan Penataan Ruang"),
                       AgencyInfo(tenant: "polman", code: "DINKES", name: "Dinas Kesehatan Polewali Mandar")] {
            _ = try await identity.call(AgencyCreate.self, agency, token: superAdmin)
        }
        let agencyRoles: Set<Role> = [.ppk, .treasurer, .budgetHolder, .agencyAdmin]
        for role in [Role.verifier, .ppk, .treasurer, .budgetHolder, .ukpbjHead, .auditor, .monitor] {
            balangan[role] = try await official("b-\(role.rawValue)", role, tenant: role == .monitor ? nil : "balangan", agency: agencyRoles.contains(role) ? "DINKES" : nil)
        }
        for role in [Role.ppk, .budgetHolder] {
            pupr[role] = try await official("pupr-\(role.rawValue)", role, tenant: "balangan", agency: "PUPR")
        }
        for role in [Role.verifier, .ppk, .budgetHolder] {
            polman[role] = try await official("p-\(role.rawValue)", role, tenant: "polman", agency: agencyRoles.contains(role) ? "DINKES" : nil)
        }
    }

    /// Creates an official, signs in and changes the first password; returns the fresh session.
    public func official(_ username: String, _ role: Role, tenant: String?, agency: String?) async throws -> FixtureOfficial {
        try await official(username, roles: [role], tenant: tenant, agency: agency)
    }

    /// Creates an official holding several roles (a PA/KPA who is also the PPK, say).
    public func official(_ username: String, roles: [Role], tenant: String?, agency: String?) async throws -> FixtureOfficial {
        let params = AccountCreateParams(
            username: username, email: try EmailAddress("\(username.replacingOccurrences(of: "_", with: "-"))@pemkab.go.id"), fullName: "Pejabat \(username)",
            roles: roles, tenant: tenant, agency: agency,
            assignment: AssignmentLetter(number: "800/\(username)/2026", date: "2026-01-05", issuer: "Bupati"), initialPassword: "initial-pass-1")
        _ = try await identity.call(AccountCreate.self, params, token: superAdmin)
        let first = try await identity.call(AuthSignIn.self, SignInParams(login: username, password: "initial-pass-1"))
        let changed = try await identity.call(
            AuthChangePassword.self, PasswordChangeParams(currentPassword: "initial-pass-1", newPassword: "pw-\(username)-final1"), token: first.token)
        return FixtureOfficial(token: changed.token, account: changed.account)
    }

    /// Registers a vendor in `tenant`, has the tenant's verifier verify and activate it, and
    /// signs it in. Returns the vendor (as activated) and its token.
    public func activeVendor(tenant: String = "balangan", scale: BusinessScale = .small, isPKP: Bool = false) async throws -> (vendor: VendorInfo, token: String) {
        vendorCount += 1
        let n = vendorCount + (tenant == "balangan" ? 0 : 500)
        let region = tenant == "balangan" ? "6311" : "7604"
        let nik = try NIK(region + "01" + "010190" + String(format: "%04d", n))
        let first8 = String(format: "%08d", 20_000_000 + n)
        let params = VendorRegistration(
            tenant: tenant, kind: .entity, name: "CV Sumber Rejeki \(n)", nik: nik, npwp: try NPWP(first8 + String(luhnCheckDigit(first8)) + "000000"),
            nib: try NIB(String(format: "91200%08d", n)), email: try EmailAddress("vendor\(n)@usaha.co.id"),
            phone: try PhoneNumber("0812-3456-\(String(format: "%04d", n))"), address: "Jl. A. Yani No. \(n), Paringin",
            deed: DeedOfEstablishment(number: "12", date: "2020-02-03", ratificationNumber: "AHU-0001234.AH.01.01"),
            director: DirectorIdentity(name: "Budi \(n)", nik: nik), businessLicenceNumber: "SIUP-\(n)",
            bankAccount: BankAccount(bank: "Bank Kalsel", number: "0012345\(n)", holderName: "CV Sumber Rejeki \(n)"), isPKP: isPKP,
            businessScale: scale, acceptedTermsVersion: IdentityService.currentTermsVersion, username: "vendor\(n)", password: "vendor-pass-\(n)")
        let registered = try await identity.call(VendorRegister.self, params)
        let verifier = tenant == "balangan" ? balangan[.verifier]!.token : polman[.verifier]!.token
        let verified = try await identity.call(VendorVerify.self, VendorDecision(vendorID: registered.id, version: registered.version), token: verifier)
        let active = try await identity.call(VendorActivate.self, VendorDecision(vendorID: registered.id, version: verified.version), token: verifier)
        let session = try await identity.call(AuthSignIn.self, SignInParams(login: params.username, password: params.password))
        return (active, session.token)
    }

    /// Signs Super Admin and every official in again and renews the services' tokens, at the
    /// fixture's clock: after a test moved the clock past their lifetimes.
    public func renewSessions() async throws {
        superAdmin = try await identity.call(AuthSignIn.self, SignInParams(login: "root", password: "root-password-1")).token
        func renewed(_ officials: [Role: FixtureOfficial]) async throws -> [Role: FixtureOfficial] {
            var result: [Role: FixtureOfficial] = [:]
            for (role, official) in officials {
                let username = official.account.username
                let session = try await identity.call(AuthSignIn.self, SignInParams(login: username, password: "pw-\(username)-final1"))
                result[role] = FixtureOfficial(token: session.token, account: session.account)
            }
            return result
        }
        balangan = try await renewed(balangan)
        pupr = try await renewed(pupr)
        polman = try await renewed(polman)
        let configuration = ServiceConfiguration(serviceName: "identity", dataDirectory: directory, logLevel: .warning)
        for service in ["catalog", "orders", "payments", "reporting"] {
            let token = try ServiceTokens.issue(configuration: configuration, service: service, hours: 24, now: clock.now())
            try SecureFiles.writeSecret(Array(token.utf8), to: "\(directory)/keys/\(service).token")
        }
        // Identity refuses tokens while its revocation list looks stale on the moved clock.
        let superAdmin = self.superAdmin
        try await until("identity accepts tokens on the moved clock") {
            _ = try await identity.call(AuthWhoAmI.self, EmptyParams(), token: superAdmin)
            return true
        }
    }

    /// Waits until `condition` holds (the services apply each other's feeds in the background).
    public func until(_ what: String, _ condition: () async throws -> Bool) async throws {
        let met = await eventually(timeout: .seconds(60)) { (try? await condition()) ?? false }
        if !met { throw TestFailure("timed out waiting until \(what)") }
    }

    /// Stops every service and removes the data folder.
    public func stop() async {
        for client in [identity, catalog, orders].compactMap({ $0 }) { client.close() }
        if let ordersHost { await ordersHost.stop() }
        if let catalogHost { await catalogHost.stop() }
        await identityHost.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Makes `directory` ready for services: the first Super Admin (`root`, password
/// `root-password-1`) in identity's database, and each service's own token for other services'
/// feeds under `keys/`, where `siopen up` would put it.
public func prepareDataFolder(_ directory: String) throws {
    let configuration = ServiceConfiguration(serviceName: "identity", dataDirectory: directory, logLevel: .warning)
    _ = try IdentityBootstrap.createSuperAdmin(
        configuration: configuration, username: "root", email: "root@siopen.test", fullName: "Root Admin", password: "root-password-1")
    try SecureFiles.createPrivateDirectory(directory + "/keys")
    for service in ["catalog", "orders", "payments", "reporting"] {
        let token = try ServiceTokens.issue(configuration: configuration, service: service, hours: 24)
        try SecureFiles.writeSecret(Array(token.utf8), to: "\(directory)/keys/\(service).token")
    }
}

/// Runs `body` with a fresh fixture, stopped afterwards whatever happens.
public func withSystem(
    _ services: [FixtureService] = [.catalog], feedPollInterval: Duration = .milliseconds(100), _ body: (SystemFixture) async throws -> Void
) async throws {
    let fixture = try await SystemFixture.start(services, feedPollInterval: feedPollInterval)
    do {
        try await body(fixture)
    } catch {
        await fixture.stop()
        throw error
    }
    await fixture.stop()
}
