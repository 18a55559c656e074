import CatalogService
import Foundation
import IdentityService
import OrdersService
import PaymentsService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
@_exported import SiOpenScenario
import SiOpenSecurity
import SiOpenTestSupport

// Real services in one process for tests: identity and catalog (and later orders) sharing one
// temporary data folder, talking over their real Unix sockets, with officials of every role
// signed in and a clock the test moves. Launching and every set-up step come from the scenario
// kit (SiOpenScenario); this fixture only chooses the in-process mode and the tenants.
#if canImport(Glibc)
    import Glibc
#endif

/// The services a fixture runs besides identity.
public enum FixtureService: Sendable {
    /// The catalog.
    case catalog
    /// Orders (needs the catalog).
    case orders
    /// Payments (reads orders' feed).
    case payments
}

/// An official the fixture signed in.
public struct FixtureOfficial: Sendable {
    /// Their session token.
    public let token: String
    /// Their account.
    public let account: AccountInfo
}

extension DataFolderBootstrap {
    /// Identity's own library calls, at the caller's clock: no child process, for fast tests.
    public static let identityLibrary = DataFolderBootstrap(
        createSuperAdmin: { configuration, password in
            _ = try IdentityBootstrap.createSuperAdmin(
                configuration: configuration, username: ScenarioData.superAdminLogin, email: "root@siopen.test",
                fullName: "Root Admin", password: password, hasher: .fastForTests)
        },
        issueServiceToken: { configuration, service, hours, now in
            try ServiceTokens.issue(configuration: configuration, service: service, hours: hours, now: now)
        })
}

extension PasswordHasher {
    /// The tests' fast hashing, passed to in-process services and the bootstrap explicitly. The
    /// test process never sets SIOPEN_INSECURE_FAST_PASSWORD_HASHING in its own environment:
    /// `setenv` while another test spawns a process (Foundation's `Process.run` reads the
    /// environment) crashed the test run; children get the setting in the environment they are
    /// given (``ServiceLauncher/childEnvironment(realPasswordHashing:)``).
    public static var fastForTests: PasswordHasher { PasswordHasher(parameters: .insecureFastForTesting) }
}

extension ServiceLauncher {
    /// A launcher of this package's services in this process, over a fresh short temporary
    /// folder (prepared with Super Admin and the service tokens), reading `clock`.
    public static func inProcess(
        prefix: String, clock: TestClock, catalogFeedPollInterval: Duration = .milliseconds(100),
        passwordHasher: PasswordHasher? = nil
    ) throws -> ServiceLauncher {
        let launcher = try ServiceLauncher(
            directory: try makeShortTemporaryDirectory(prefix: prefix),
            mode: .inProcess { service in
                var definition: ServiceDefinition?
                switch service {
                case "identity":
                    return IdentityService.makeDefinition(
                        now: { clock.now() }, passwordHasher: passwordHasher ?? .fastForTests)
                case "catalog":
                    definition = CatalogService.makeDefinition(
                        now: { clock.now() }, feedPollInterval: catalogFeedPollInterval)
                case "orders":
                    definition = OrdersService.makeDefinition(
                        now: { clock.now() }, expirySweepInterval: .milliseconds(100),
                        feedPollInterval: catalogFeedPollInterval)
                case "payments":
                    definition = PaymentsService.makeDefinition(
                        now: { clock.now() }, feedPollInterval: catalogFeedPollInterval)
                default: return nil
                }
                // A clock that stands still judges session expiry too (the real clock would see
                // sessions issued in the clock's past as long expired).
                if clock.isFrozen {
                    definition?.makeAuthenticator = { IdentityLink.authenticator(for: $0, now: { clock.now() }) }
                }
                return definition
            })
        try launcher.prepareDataFolder(bootstrap: .identityLibrary, now: clock.now())
        return launcher
    }

    /// A launcher of the built `siopen-<service>` executables (next to the test binary) over a
    /// fresh short temporary folder, prepared with Super Admin and the service tokens.
    public static func processes(prefix: String) throws -> ServiceLauncher {
        let launcher = try ServiceLauncher(
            directory: try makeShortTemporaryDirectory(prefix: prefix),
            mode: .processes(binaries: Topology.executableDirectory, realPasswordHashing: false))
        try launcher.prepareDataFolder(bootstrap: .identityLibrary)
        return launcher
    }
}

/// Running services with two tenants: `balangan` (agencies DINKES and PUPR) and `polman` (DINKES).
public final class SystemFixture: @unchecked Sendable {
    /// The services' launcher (in-process).
    public let launcher: ServiceLauncher
    /// The set-up steps, over the fixture's clients.
    public let scenario: Scenario
    /// The data folder of every service.
    public var directory: String { launcher.directory }
    /// The clock every service reads.
    public let clock: TestClock
    /// The identity service.
    public var identityHost: ServiceHost { launcher.host("identity")! }
    /// A client of identity.
    public var identity: RPCClient { scenario.identity }
    /// The catalog service, when started.
    public var catalogHost: ServiceHost? { launcher.host("catalog") }
    /// A client of the catalog.
    public var catalog: RPCClient! { scenario.catalog }
    /// The orders service, when started.
    public var ordersHost: ServiceHost? { launcher.host("orders") }
    /// A client of orders.
    public var orders: RPCClient! { scenario.orders }
    /// The payments service, when started.
    public var paymentsHost: ServiceHost? { launcher.host("payments") }
    /// A client of payments.
    public var payments: RPCClient! { scenario.payments }
    /// Super Admin's token.
    public var superAdmin: String { scenario.superAdmin }
    /// Officials of `balangan`'s DINKES (and tenant-wide roles) by role.
    public private(set) var balangan: [Role: FixtureOfficial] = [:]
    /// Officials of `balangan`'s PUPR: PPK and PA/KPA.
    public private(set) var pupr: [Role: FixtureOfficial] = [:]
    /// Officials of `polman`: verifier, PPK, PA/KPA.
    public private(set) var polman: [Role: FixtureOfficial] = [:]

    private init(launcher: ServiceLauncher, clock: TestClock) {
        self.launcher = launcher
        self.clock = clock
        self.scenario = Scenario(sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion)
    }

    /// Starts identity and `services`, creates the tenants and signs in the officials. A long
    /// `feedPollInterval` keeps the catalog from learning identity's news from the feed.
    public static func start(
        _ services: [FixtureService] = [.catalog], feedPollInterval: Duration = .milliseconds(100),
        clock: TestClock = TestClock()
    ) async throws -> SystemFixture {
        let fixture = SystemFixture(
            launcher: try ServiceLauncher.inProcess(
                prefix: "sisys", clock: clock, catalogFeedPollInterval: feedPollInterval), clock: clock)
        do {
            try await fixture.launcher.start("identity")
            try await fixture.populate()
            for service in services {
                switch service {
                case .catalog: try await fixture.launcher.start("catalog")
                case .orders: try await fixture.launcher.start("orders")
                case .payments: try await fixture.launcher.start("payments")
                }
            }
        } catch {
            await fixture.stop()
            throw error
        }
        return fixture
    }

    /// Stops the catalog, runs `body` (while identity goes on), and starts the catalog again on
    /// the same database, as after a crash or a redeployment.
    public func withCatalogStopped(_ body: () async throws -> Void) async throws {
        try await withStopped("catalog", body)
    }

    /// Stops orders, runs `body` (while identity and the catalog go on), and starts orders again
    /// on the same database and keys, as after a redeployment.
    public func withOrdersStopped(_ body: () async throws -> Void) async throws {
        try await withStopped("orders", body)
    }

    /// Stops payments, runs `body` (while the others go on), and starts payments again on the
    /// same database and keys, as after a redeployment.
    public func withPaymentsStopped(_ body: () async throws -> Void) async throws {
        try await withStopped("payments", body)
    }

    private func withStopped(_ service: String, _ body: () async throws -> Void) async throws {
        switch service {
        case "catalog": scenario.catalog.close()
        case "payments": scenario.payments.close()
        default: scenario.orders.close()
        }
        await launcher.stop(service)
        try await body()
        try await launcher.start(service)
    }

    private func populate() async throws {
        try await scenario.signInSuperAdmin()
        try await scenario.createTenants(
            [ScenarioData.balangan, ScenarioData.polman],
            agencies: [
                AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan"),
                AgencyInfo(tenant: "balangan", code: "PUPR", name: "Dinas Pekerjaan Umum dan Penataan Ruang"),
                AgencyInfo(tenant: "polman", code: "DINKES", name: "Dinas Kesehatan Polewali Mandar"),
            ])
        let agencyRoles = ScenarioData.agencyRoles
        for role in [Role.verifier, .ppk, .treasurer, .budgetHolder, .ukpbjHead, .auditor, .monitor] {
            balangan[role] = try await official(
                "b-\(role.rawValue)", role, tenant: role == .monitor ? nil : "balangan",
                agency: agencyRoles.contains(role) ? "DINKES" : nil)
        }
        for role in [Role.ppk, .budgetHolder] {
            pupr[role] = try await official("pupr-\(role.rawValue)", role, tenant: "balangan", agency: "PUPR")
        }
        for role in [Role.verifier, .ppk, .budgetHolder] {
            polman[role] = try await official(
                "p-\(role.rawValue)", role, tenant: "polman", agency: agencyRoles.contains(role) ? "DINKES" : nil)
        }
    }

    /// Creates an official, signs in and changes the first password; returns the fresh session.
    public func official(_ username: String, _ role: Role, tenant: String?, agency: String?) async throws
        -> FixtureOfficial
    {
        try await official(username, roles: [role], tenant: tenant, agency: agency)
    }

    /// Creates an official holding several roles (a PA/KPA who is also the PPK, say).
    public func official(_ username: String, roles: [Role], tenant: String?, agency: String?) async throws
        -> FixtureOfficial
    {
        let session = try await scenario.official(username, roles: roles, tenant: tenant, agency: agency)
        return FixtureOfficial(token: session.token, account: session.account)
    }

    /// Registers a vendor in `tenant`, has the tenant's verifier verify and activate it, and
    /// signs it in. Returns the vendor (as activated) and its token.
    public func activeVendor(tenant: String = "balangan", scale: BusinessScale = .small, isPKP: Bool = false)
        async throws -> (vendor: VendorInfo, token: String)
    {
        let verifier = tenant == "balangan" ? balangan[.verifier]!.token : polman[.verifier]!.token
        let vendor = try await scenario.activeVendor(tenant: tenant, verifier: verifier, scale: scale, isPKP: isPKP)
        return (vendor.info, vendor.token)
    }

    /// Signs Super Admin and every official in again and renews the services' tokens, at the
    /// fixture's clock: after a test moved the clock past their lifetimes.
    public func renewSessions() async throws {
        try await scenario.signInSuperAdmin()
        func renewed(_ officials: [Role: FixtureOfficial]) async throws -> [Role: FixtureOfficial] {
            var result: [Role: FixtureOfficial] = [:]
            for (role, official) in officials {
                let username = official.account.username
                let session = try await scenario.signIn(username, password: ScenarioData.finalPassword(of: username))
                result[role] = FixtureOfficial(token: session.token, account: session.account)
            }
            return result
        }
        balangan = try await renewed(balangan)
        pupr = try await renewed(pupr)
        polman = try await renewed(polman)
        try launcher.writeServiceTokens(bootstrap: .identityLibrary, now: clock.now())
        // Identity refuses tokens while its revocation list looks stale on the moved clock.
        let superAdmin = self.superAdmin
        try await until("identity accepts tokens on the moved clock") {
            _ = try await identity.call(AuthWhoAmI.self, EmptyParams(), token: superAdmin)
            return true
        }
    }

    /// Waits until `condition` holds (the services apply each other's feeds in the background).
    public func until(_ what: String, _ condition: () async throws -> Bool) async throws {
        _ = try await Scenario.until(what) { try await condition() ? true : nil }
    }

    /// Stops every service and removes the data folder.
    public func stop() async {
        scenario.close()
        await launcher.stopAndRemove()
    }
}

/// Runs `body` with a fresh fixture, stopped afterwards whatever happens.
public func withSystem(
    _ services: [FixtureService] = [.catalog], feedPollInterval: Duration = .milliseconds(100),
    clock: TestClock = TestClock(), _ body: (SystemFixture) async throws -> Void
) async throws {
    let fixture = try await SystemFixture.start(services, feedPollInterval: feedPollInterval, clock: clock)
    do {
        try await body(fixture)
    } catch {
        await fixture.stop()
        throw error
    }
    await fixture.stop()
}
