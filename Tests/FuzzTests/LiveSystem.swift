import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenServiceTestSupport
import SiOpenTestSupport

// All five services as real child processes over one temporary data folder, the officials and a
// vendor the fuzz needs, an order driven to delivery, and a line-level socket client that sends
// any bytes and reports exactly what came back (a response, a closed connection, or silence).
#if canImport(Glibc)
    import Glibc
#endif

/// Every service, in start order, as the topology lists them (an unreadable topology gives a
/// name no executable has, so the fuzz fails rather than pass over no services).
let fuzzedServices: [String] = (try? Topology.current())?.services.map(\.name) ?? ["unreadable-topology"]

/// The five service processes (the scenario kit's launcher), their sockets and the people signed in to them.
final class LiveSystem: @unchecked Sendable {
    let launcher: ServiceLauncher
    let scenario: Scenario
    private var clients: [String: RPCClient] = [:]
    var directory: String { launcher.directory }
    /// Super Admin's token.
    var superAdmin: String { scenario.superAdmin }

    private init(launcher: ServiceLauncher) {
        self.launcher = launcher
        scenario = Scenario(sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion)
        for service in fuzzedServices {
            clients[service] = RPCClient(
                socketPath: launcher.socketPath(service), serviceName: service, defaultTimeout: .seconds(60))
        }
    }

    func socket(_ service: String) -> String { launcher.socketPath(service) }

    /// The typed client of `service`.
    func client(_ service: String) -> RPCClient { clients[service]! }

    /// Bootstraps Super Admin and the service tokens, then starts every service.
    static func start() async throws -> LiveSystem {
        let system = LiveSystem(launcher: try ServiceLauncher.processes(prefix: "sifz"))
        do {
            try await system.launcher.start(fuzzedServices)
            try await system.scenario.signInSuperAdmin()
        } catch {
            system.stop()
            throw error
        }
        return system
    }

    /// What `service` wrote on standard error.
    func log(_ service: String) -> String { launcher.log(service) }

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
    var ended: [String] { launcher.ended }

    /// A service's own token, as written under `keys/`.
    func serviceToken(_ service: String) throws -> String { try launcher.serviceToken(service) }

    /// SIGTERM to every child, SIGKILL to any still running after 10 s; then the folder goes.
    func stop() {
        scenario.close()
        for client in clients.values { client.close() }
        launcher.terminateAndRemove()
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
    /// The kit's standard world (tenant `balangan` with agency DINKES, an official of every
    /// role, an active vendor with an accepted product), and an order agreed, contracted and
    /// with one delivery of 2 units.
    func populate() async throws -> FuzzWorld {
        let world = try await scenario.standardWorld(
            roles: [.ppk, .verifier, .budgetHolder, .treasurer, .agencyAdmin, .auditor, .ukpbjHead, .monitor],
            usernamePrefix: "f-")
        let disposable = try await scenario.official(
            "f-disposable", roles: [.ppk], tenant: "balangan", agency: "DINKES"
        ).token
        var tokens = world.officials.mapValues(\.token)
        tokens[.superAdmin] = superAdmin
        tokens[.vendor] = world.vendor.token

        // The order, at catalogue prices, to its first delivery.
        let ppk = try world.token(.ppk)
        let today = CivilDate(Date())
        let placed = try await scenario.placedOrder(
            ScenarioData.preparation([OrderItemRequest(productID: world.product.id, quantity: 10)], today: today),
            ppk: ppk)
        let started = try await scenario.contract(placed, ppk: ppk, vendorToken: world.vendor.token)
        let delivered = try await client("orders").call(
            OrderRecordDelivery.self,
            DeliveryParams(
                orderID: started.id, version: started.version, deliveredOn: today,
                lines: [DeliveryLine(itemID: "item-1", quantity: 2)]),
            token: world.vendor.token)
        return FuzzWorld(
            tokens: tokens, disposable: disposable, service: try serviceToken("payments"),
            vendorID: world.vendor.info.id,
            productID: world.product.id, orderID: delivered.id)
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
                do { return .response(try JSONValue(parsing: answer)) } catch {
                    return .unreadable(String(decoding: answer.prefix(300), as: UTF8.self))
                }
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
