// All five services as real child processes over one temporary data folder, the officials and a
// vendor the fuzz needs, an order driven to delivery, and a line-level socket client that sends
// any bytes and reports exactly what came back (a response, a closed connection, or silence).
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport

/// Every service, in start order, as the topology lists them (an unreadable topology gives a
/// name no executable has, so the fuzz fails rather than pass over no services).
let fuzzedServices: [String] = (try? Topology.current())?.services.map(\.name) ?? ["unreadable-topology"]

/// The five service processes, their sockets and the people signed in to them.
final class LiveSystem: @unchecked Sendable {
    let directory: String
    private var children: [String: Process] = [:]
    private var clients: [String: RPCClient] = [:]
    /// Super Admin's token.
    private(set) var superAdmin = ""

    private init(directory: String) {
        self.directory = directory
        for service in fuzzedServices {
            clients[service] = RPCClient(socketPath: socket(service), serviceName: service, defaultTimeout: .seconds(60))
        }
    }

    func socket(_ service: String) -> String { "\(directory)/run/\(service).sock" }

    /// The typed client of `service`.
    func client(_ service: String) -> RPCClient { clients[service]! }

    /// Bootstraps Super Admin and the service tokens, then starts every service in turn.
    static func start() async throws -> LiveSystem {
        setenv("SIOPEN_INSECURE_FAST_PASSWORD_HASHING", "1", 1)
        let products = try productsDirectory(containing: fuzzedServices.map { "siopen-\($0)" })
        let system = LiveSystem(directory: try makeShortTemporaryDirectory(prefix: "sifz"))
        do {
            try prepareDataFolder(system.directory)
            for service in fuzzedServices { try system.launch(service, from: products) }
            for service in fuzzedServices { try await system.awaitHealth(service) }
            system.superAdmin = try await system.client("identity").call(AuthSignIn.self, SignInParams(login: "root", password: "root-password-1")).token
        } catch {
            system.stop()
            throw error
        }
        return system
    }

    private func launch(_ service: String, from products: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(products)/siopen-\(service)")
        process.arguments = ["--data-dir", directory, "--log-level", "warning", "--parent-pid", String(getpid())]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SIOPEN_") }
        environment["SIOPEN_INSECURE_FAST_PASSWORD_HASHING"] = "1"
        process.environment = environment
        let log = "\(directory)/\(service).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        children[service] = process
    }

    private func awaitHealth(_ service: String) async throws {
        let process = children[service]!
        var answered = false
        _ = await eventually(timeout: .seconds(120)) {
            answered = (try? await client(service).call(SystemHealth.self, EmptyParams(), timeout: .seconds(5))) != nil
            return answered || !process.isRunning
        }
        if !answered { throw TestFailure("siopen-\(service) did not answer system.health (running: \(process.isRunning))\n\(log(service).suffix(4000))") }
    }

    /// What `service` wrote on standard error.
    func log(_ service: String) -> String { (try? String(contentsOfFile: "\(directory)/\(service).log", encoding: .utf8)) ?? "" }

    /// Each service's pid as `system.health` reports it (nil for a service that does not answer).
    func healthPIDs() async -> [String: Int32?] {
        var pids: [String: Int32?] = [:]
        for service in fuzzedServices {
            let fresh = RPCClient(socketPath: socket(service), serviceName: service)
            pids[service] = try? await fresh.call(SystemHealth.self, EmptyParams(), timeout: .seconds(10)).pid
            fresh.close()
        }
        return pids
    }

    /// The services whose process has ended, with how.
    var ended: [String] {
        fuzzedServices.compactMap { service in
            guard let process = children[service], !process.isRunning else { return nil }
            return "\(service) (\(process.terminationReason == .uncaughtSignal ? "signal" : "exit") \(process.terminationStatus))"
        }
    }

    /// A service's own token, as written under `keys/`.
    func serviceToken(_ service: String) throws -> String {
        try String(contentsOfFile: "\(directory)/keys/\(service).token", encoding: .utf8)
    }

    /// SIGTERM to every child, SIGKILL to any still running after 10 s; then the folder goes.
    func stop() {
        for client in clients.values { client.close() }
        for child in children.values where child.isRunning { kill(child.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(10)
        while children.values.contains(where: \.isRunning) && ContinuousClock.now < deadline { usleep(20_000) }
        for child in children.values where child.isRunning {
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
        }
        children = [:]
        try? FileManager.default.removeItem(atPath: directory)
    }
}

// MARK: - The people and the order

/// Who the fuzz calls as, and the live records it aims at.
struct FuzzWorld {
    /// Session tokens by role (`superAdmin`, `ppk`, `vendor`, …).
    var tokens: [Role: String]
    /// A session of its own for methods that end or change the caller's session.
    var disposable: String
    /// A service token (payments'), for service-only methods.
    var service: String
    /// The vendor's id.
    var vendorID: String
    /// The accepted product's id.
    var productID: String
    /// An order in delivery whose `delivery-1` (2 units of `item-1`) awaits inspection.
    var orderID: String
}

extension LiveSystem {
    /// Tenant `balangan` with agency DINKES, an official of every role, an active vendor with an
    /// accepted product, and an order agreed, contracted and with one delivery of 2 units.
    func populate() async throws -> FuzzWorld {
        let identity = client("identity")
        let catalog = client("catalog")
        let orders = client("orders")
        _ = try await identity.call(TenantCreate.self, TenantInfo(code: "balangan", name: "Kabupaten Balangan", domicileRegionCodes: ["6311"]), token: superAdmin)
        _ = try await identity.call(AgencyCreate.self, AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan"), token: superAdmin)
        var tokens: [Role: String] = [.superAdmin: superAdmin]
        let agencyRoles: Set<Role> = [.ppk, .treasurer, .budgetHolder, .agencyAdmin]
        for role in [Role.ppk, .verifier, .budgetHolder, .treasurer, .agencyAdmin, .auditor, .ukpbjHead, .monitor] {
            tokens[role] = try await official("f-\(role.rawValue)", role, tenant: role == .monitor ? nil : "balangan", agency: agencyRoles.contains(role) ? "DINKES" : nil)
        }
        let disposable = try await official("f-disposable", .ppk, tenant: "balangan", agency: "DINKES")

        // The vendor, active, with one accepted product once the catalog knows it is active.
        let nik = try NIK("6311010101900001")
        let registration = VendorRegistration(
            tenant: "balangan", kind: .entity, name: "CV Sumber Rejeki", nik: nik, npwp: try NPWP(nik.value),
            nib: try NIB("9120000000001"), email: try EmailAddress("vendor1@usaha.co.id"), phone: try PhoneNumber("0812-3456-0001"),
            address: "Jl. A. Yani No. 1, Paringin",
            deed: DeedOfEstablishment(number: "12", date: "2020-02-03", ratificationNumber: "AHU-0001234.AH.01.01"),
            director: DirectorIdentity(name: "Budi", nik: nik), businessLicenceNumber: "SIUP-1",
            bankAccount: BankAccount(bank: "Bank Kalsel", number: "00123451", holderName: "CV Sumber Rejeki"), isPKP: false,
            businessScale: .small, acceptedTermsVersion: IdentityService.currentTermsVersion, username: "vendor1", password: "vendor-pass-1")
        let registered = try await identity.call(VendorRegister.self, registration)
        let verifier = tokens[.verifier]!
        let verified = try await identity.call(VendorVerify.self, VendorDecision(vendorID: registered.id, version: registered.version), token: verifier)
        let active = try await identity.call(VendorActivate.self, VendorDecision(vendorID: registered.id, version: verified.version), token: verifier)
        let vendor = try await identity.call(AuthSignIn.self, SignInParams(login: registration.username, password: registration.password)).token
        tokens[.vendor] = vendor

        let regions = [DeliveryRegion(code: "PARINGIN", name: "Paringin"), DeliveryRegion(code: "AWAYAN", name: "Awayan")]
        _ = try await catalog.call(CatalogSettingsSet.self, CatalogSettings(tenant: "balangan", deliveryRegions: regions), token: superAdmin)
        for category in [
            Category(tenant: "balangan", code: "ATK", name: "Alat Tulis Kantor", kind: .goods),
            Category(tenant: "balangan", code: "ATK-KERTAS", name: "Kertas", parentCode: "ATK", kind: .goods),
        ] {
            _ = try await catalog.call(CategoryCreate.self, category, token: superAdmin)
        }
        var submitted: ProductRecord?
        _ = await eventually(timeout: .seconds(60)) {
            submitted = try? await catalog.call(ProductSubmit.self, offer(name: "Kertas HVS A4", price: 50_000), token: vendor)
            return submitted != nil
        }
        guard let submitted else { throw TestFailure("the catalog never took the vendor's offer") }
        let product = try await catalog.call(
            ProductVerify.self,
            ProductVerification(productID: submitted.id, revision: submitted.latestRevision, version: submitted.version, decision: .accepted),
            token: verifier)

        // The order, at catalogue prices, to its first delivery.
        let ppk = tokens[.ppk]!
        let today = CivilDate(Date())
        let preparation = OrderPreparation(
            packageName: "Pengadaan ATK", fundingSource: .apbd, budgetAccountCode: "5.1.02.01.01.0024",
            technicalSpecification: "Kertas HVS A4 80 gsm.", justification: "Kebutuhan administrasi.",
            items: [OrderItemRequest(productID: product.id, quantity: 10)], regionCode: "PARINGIN",
            deliveryAddress: "Dinas Kesehatan, Paringin", deliveryDate: today.adding(days: 10))
        let prepared = try await orders.call(OrderPrepare.self, preparation, token: ppk)
        let placed = try await orders.call(OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: ppk)
        let agreed = try await orders.call(OrderAccept.self, OrderAcceptParams(orderID: placed.id, version: placed.version, round: 0), token: vendor)
        let issued = try await orders.call(OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), token: ppk)
        let started = try await orders.call(OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version), token: vendor)
        let delivered = try await orders.call(
            OrderRecordDelivery.self,
            DeliveryParams(orderID: started.id, version: started.version, deliveredOn: today, lines: [DeliveryLine(itemID: "item-1", quantity: 2)]),
            token: vendor)
        return FuzzWorld(
            tokens: tokens, disposable: disposable, service: try serviceToken("payments"), vendorID: active.id, productID: product.id,
            orderID: delivered.id)
    }

    /// Creates an official, signs in and changes the first password; returns the session token.
    private func official(_ username: String, _ role: Role, tenant: String?, agency: String?) async throws -> String {
        let identity = client("identity")
        let params = AccountCreateParams(
            username: username, email: try EmailAddress("\(username)@pemkab.go.id"), fullName: "Pejabat \(username)", roles: [role],
            tenant: tenant, agency: agency,
            assignment: AssignmentLetter(number: "800/\(username)/2026", date: "2026-01-05", issuer: "Bupati"), initialPassword: "initial-pass-1")
        _ = try await identity.call(AccountCreate.self, params, token: superAdmin)
        let first = try await identity.call(AuthSignIn.self, SignInParams(login: username, password: "initial-pass-1"))
        return try await identity.call(
            AuthChangePassword.self, PasswordChangeParams(currentPassword: "initial-pass-1", newPassword: "pw-\(username)-final1"), token: first.token
        ).token
    }
}

// MARK: - Lines on a socket

/// What one request line got back.
enum LineOutcome {
    /// A JSON text (parsed).
    case response(JSONValue)
    /// The answer was not JSON.
    case unreadable(String)
    /// The service closed the connection without answering.
    case closed
    /// Nothing came back in time.
    case timedOut
}

/// One connection to a service's socket that writes whole lines and reads one line back.
final class LineConnection {
    let path: String
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []

    init(path: String) { self.path = path }
    deinit { disconnect() }

    func disconnect() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
        buffer = []
    }

    /// Sends `line` (a newline is added) and waits up to `timeout` for one line back.
    func exchange(_ line: [UInt8], timeout: Duration = .seconds(20)) -> LineOutcome {
        if fd < 0 {
            guard let connected = try? UnixSocket.connect(to: path) else { return .closed }
            fd = connected
        }
        do { try UnixSocket.writeAll(fd, line + [0x0A]) } catch {
            disconnect()
            return .closed
        }
        let deadline = ContinuousClock.now + timeout
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let answer = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                do { return .response(try JSONValue(parsing: answer)) } catch { return .unreadable(String(decoding: answer.prefix(300), as: UTF8.self)) }
            }
            let left = deadline - .now
            guard left > .zero else {
                disconnect()
                return .timedOut
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min(left.components.seconds * 1000 + 1, 1000))
            guard poll(&poller, 1, milliseconds) >= 0 else { continue }
            if poller.revents == 0 { continue }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 {
                disconnect()
                return .closed
            }
            buffer += chunk[..<count]
        }
    }
}
