import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario

/// `siopen load SERVICE --scenario NAME`: drives a service with a scenario of the scenario kit
/// (Shared/Scenario) instead of one method, closed loop (`--connections N`) or open loop
/// (`--rate R` iterations a second, each iteration's first call timed from its intended start),
/// and reports every action (method) of the scenario as `siopen load` reports one method.
///
/// Every scenario first sets up its world on the system it drives, as Super Admin (the password
/// from `--password-file`, else asked): tenant `balangan` with agency DINKES and the catalogue's
/// regions and categories when missing, then for this run its own verifier, one PPK per
/// connection (`load-<run>-ppk-<n>`), a vendor and its listed products. It is meant for a test or
/// staging deployment: on a production system it would leave those accounts, orders and products
/// behind.
enum LoadScenarios {
    /// A scenario: the service it drives and what one iteration does.
    struct Definition {
        var name: String
        var service: String
        var summary: String
    }

    // One constant each rather than one array literal of them: the services a tool drives come
    // from the topology, and no source lists them all (TopologyTests).
    static let identity = Definition(
        name: "identity", service: "identity",
        summary: "each connection's PPK signs in (auth.signIn), asks who it is (auth.whoami) and signs out")
    static let catalog = Definition(
        name: "catalog", service: "catalog",
        summary:
            "catalog.search with a mix of common words (kertas, tinta, map, amplop: 4 in 5) and rare ones (joyko, folio, kalkir), then the product page (product.get) of a hit"
    )
    static let orders = Definition(
        name: "orders", service: "orders",
        summary:
            "whole purchases by each connection's PPK, prepared to the acknowledged BAST (every other one negotiated once), each order step timed"
    )
    static let yearEnd = Definition(
        name: "year-end", service: "orders",
        summary:
            "the year-end burst: many PPKs (one per connection, 32 unless --connections says) all ordering at once; reports the p99 of the order actions"
    )
    static let payments = Definition(
        name: "payments", service: "payments",
        summary:
            "whole payments: each connection's PPK completes a purchase (untimed set-up of the payable), then its agency's treasurer reads the payable (payable.get, which waits for orders' feed), prepares the payment by UP/GU with its taxes, instructs and settles it (kuitansi, slips, proof and SPJ packet sealed); each payment step timed, and the whole payment"
    )
    static let reporting = Definition(
        name: "reporting", service: "reporting",
        summary: "not yet: the reporting service serves no report queries yet; when it does, they are this scenario"
    )

    /// Every scenario.
    static var definitions: [Definition] { [identity, catalog, orders, yearEnd, payments, reporting] }

    /// What a scenario run measured.
    struct Report: Codable {
        var service: String
        var scenario: String
        var mode: String
        var connections: Int
        var targetRate: Double?
        var seconds: Double
        var iterations: Int
        /// Each action (method, or `purchase` for a whole one), in the order first seen.
        var actions: [LoadCommand.Report]
        /// The p99 of every order action together (orders and year-end).
        var orderActionsP99Millis: Double?
    }

    /// Latencies and errors by action.
    final class Samples: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var order: [String] = []
        private(set) var latencies: [String: [Int64]] = [:]
        private(set) var errors: [String: [Int: Int]] = [:]
        private var next = 0
        private(set) var iterations = 0

        func add(_ action: String, _ elapsed: Duration, error: Int? = nil) {
            lock.withLock {
                if latencies[action] == nil {
                    order.append(action)
                    latencies[action] = []
                }
                if error == nil {
                    latencies[action]!.append(
                        elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)
                } else {
                    errors[action, default: [:]][error!, default: 0] += 1
                }
            }
        }

        func take() -> Int {
            lock.withLock {
                defer { next += 1 }
                return next
            }
        }

        func finished() { lock.withLock { iterations += 1 } }
    }

    /// One connection's own clients and people.
    final class Lane: @unchecked Sendable {
        let scenario: Scenario
        let ppkLogin: String
        var ppk: String
        /// The agency treasurer's session (the payments scenario only).
        var treasurer: String?
        /// The last call's end (or the iteration's intended start), for timing the next call.
        var mark = ContinuousClock.now
        var samples: Samples?

        init(scenario: Scenario, ppkLogin: String, ppk: String) {
            self.scenario = scenario
            self.ppkLogin = ppkLogin
            self.ppk = ppk
        }

        /// Times one call from `mark` (so an iteration's first call counts from its intended start).
        func timed<T>(_ action: String, _ body: () async throws -> T) async throws -> T {
            do {
                let value = try await body()
                let now = ContinuousClock.now
                samples?.add(action, now - mark)
                mark = now
                return value
            } catch {
                samples?.add(action, .zero, error: (error as? RPCError)?.code ?? -1)
                mark = .now
                throw error
            }
        }
    }

    /// What a scenario's world holds.
    struct World {
        var verifier: String
        var vendor: ScenarioVendor
        var products: [ProductRecord]
        var lanes: [Lane]
    }

    static func run(_ options: Options, service: String, name: String) async throws -> Int32 {
        guard let definition = definitions.first(where: { $0.name == name }) else {
            throw ConfigurationError(
                "no load scenario \(name); scenarios: "
                    + definitions.map { "\($0.name) (\($0.service))" }.joined(separator: ", "))
        }
        guard definition.service == service else {
            throw ConfigurationError("scenario \(name) drives \(definition.service), not \(service)")
        }
        if definition.summary.hasPrefix("not yet") {
            FileHandle.standardError.write(Data("\(name): \(definition.summary)\n".utf8))
            return 2
        }
        var sockets: [String: String] = [:]
        for entry in try options.topology().services {
            sockets[entry.name] = entry.socketPath(dataDirectory: options.dataDirectory)
        }
        if let explicit = options.socketPath { sockets[service] = explicit }
        let connections = name == "year-end" && !options.connectionsGiven ? 32 : options.loadConnections
        let password = try superAdminPassword(options)
        let world = try await setUp(
            sockets: sockets, password: password, lanes: connections, products: name == "catalog" ? 6 : 1,
            treasurers: name == "payments")
        defer { for lane in world.lanes { lane.scenario.close() } }
        let samples = Samples()
        for lane in world.lanes { lane.samples = samples }
        let iteration: @Sendable (Lane, Int) async -> Void
        switch name {
        case "identity":
            iteration = { lane, _ in
                let identity = lane.scenario.identity
                do {
                    let session = try await lane.timed(AuthSignIn.name) {
                        try await identity.call(
                            AuthSignIn.self,
                            SignInParams(login: lane.ppkLogin, password: ScenarioData.finalPassword(of: lane.ppkLogin)))
                    }
                    _ = try await lane.timed(AuthWhoAmI.name) {
                        try await identity.call(AuthWhoAmI.self, EmptyParams(), token: session.token)
                    }
                    _ = try await lane.timed(AuthSignOut.name) {
                        try await identity.call(AuthSignOut.self, EmptyParams(), token: session.token)
                    }
                } catch {}
            }
        case "catalog":
            let products = world.products
            iteration = { lane, number in
                let catalog = lane.scenario.catalog
                let common = ["kertas", "tinta", "map", "amplop"]
                let rare = ["joyko", "folio", "kalkir"]
                let word = number % 5 == 4 ? rare[(number / 5) % rare.count] : common[number % common.count]
                do {
                    let page = try await lane.timed(CatalogSearch.name) {
                        try await catalog.call(
                            CatalogSearch.self, CatalogSearchParams(query: word, limit: 20), token: lane.ppk)
                    }
                    let id = page.products.first?.productID ?? products[number % products.count].id
                    _ = try await lane.timed(ProductGet.name) {
                        try await catalog.call(ProductGet.self, ProductRef(productID: id), token: lane.ppk)
                    }
                } catch {}
            }
        case "payments":
            let product = world.products[0]
            let vendor = world.vendor.token
            iteration = { lane, number in
                let today = CivilDate(Date())
                let preparation = ScenarioData.preparation(
                    [OrderItemRequest(productID: product.id, quantity: 1)], today: today, deliveryInDays: 7,
                    packageName: "Pengadaan ATK untuk dibayar \(number)")
                guard let treasurer = lane.treasurer else { return }
                do {
                    lane.scenario.onCall = nil
                    let purchase = try await lane.scenario.purchase(
                        preparation, ppk: lane.ppk, vendorToken: vendor, today: today)
                    let began = ContinuousClock.now
                    lane.mark = began
                    lane.scenario.onCall = { [lane] call in
                        let now = ContinuousClock.now
                        lane.samples?.add(call.method, now - lane.mark)
                        lane.mark = now
                    }
                    _ = try await lane.scenario.pay(
                        orderID: purchase.order.id, treasurer: treasurer, mechanism: .upGu, paymentDate: today)
                    samples.add("payment", ContinuousClock.now - began)
                } catch {
                    samples.add("payment", .zero, error: (error as? RPCError)?.code ?? -1)
                }
                lane.scenario.onCall = nil
            }
        default:
            let product = world.products[0]
            let vendor = world.vendor.token
            iteration = { lane, number in
                let began = lane.mark
                let today = CivilDate(Date())
                let preparation = ScenarioData.preparation(
                    [OrderItemRequest(productID: product.id, quantity: 1)], today: today, deliveryInDays: 7,
                    packageName: "Pengadaan ATK akhir tahun \(number)")
                do {
                    _ = try await lane.scenario.purchase(
                        preparation, ppk: lane.ppk, vendorToken: vendor, today: today,
                        counterPrices: number % 2 == 1 ? [54_000] : nil)
                    samples.add("purchase", ContinuousClock.now - began)
                } catch {
                    // The failing step is not reported by the kit: counted under the purchase.
                    samples.add("purchase", .zero, error: (error as? RPCError)?.code ?? -1)
                }
            }
            for lane in world.lanes {
                // Each order step is timed from the previous one's answer (or the iteration's start).
                lane.scenario.onCall = { [lane] call in
                    let now = ContinuousClock.now
                    lane.samples?.add(call.method, now - lane.mark)
                    lane.mark = now
                }
            }
        }

        let rate = options.loadRate
        let start = ContinuousClock.now
        let end = start + .milliseconds(Int64(options.loadSeconds * 1000))
        await withTaskGroup(of: Void.self) { group in
            for lane in world.lanes {
                group.addTask {
                    while true {
                        let number = samples.take()
                        if let rate {
                            let due = start + .microseconds(Int64(Double(number) * 1_000_000 / rate))
                            guard due < end, ContinuousClock.now < end else { return }
                            if due > .now { try? await Task.sleep(until: due, clock: .continuous) }
                            lane.mark = due
                        } else {
                            guard ContinuousClock.now < end else { return }
                            lane.mark = .now
                        }
                        await iteration(lane, number)
                        samples.finished()
                    }
                }
            }
        }
        let duration = ContinuousClock.now - start
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let mode = rate == nil ? "closed" : "open"
        let actions = samples.order.map { action in
            LoadCommand.summary(
                service: service, method: action, mode: mode, connections: connections, rate: rate, seconds: seconds,
                latencies: samples.latencies[action] ?? [], errors: samples.errors[action] ?? [:])
        }
        var orderP99: Double?
        if definition.service == "orders" {
            let steps = samples.order.filter { $0 != "purchase" }.flatMap { samples.latencies[$0] ?? [] }
            orderP99 = LoadCommand.percentile(steps.sorted(), 0.99)
        }
        let report = Report(
            service: service, scenario: name, mode: mode, connections: connections, targetRate: rate,
            seconds: seconds, iterations: samples.iterations, actions: actions, orderActionsP99Millis: orderP99)
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            printLine(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            printLine(table(report, summary: definition.summary))
        }
        return 0
    }

    /// The scenario's report as a table: a row per action.
    static func table(_ report: Report, summary: String) -> String {
        let pad = OperationsCommands.pad
        func ms(_ value: Double) -> String { String(format: "%.2f", value) }
        var lines = [
            "\(report.service) scenario \(report.scenario): \(report.mode) loop, \(report.connections) connections"
                + (report.targetRate.map { String(format: ", %.1f iterations/s intended", $0) } ?? "")
                + String(format: ", %.1f s, %d iterations", report.seconds, report.iterations),
            "  (\(summary))",
            pad("  action", 34) + pad("requests", 10) + pad("per s", 9) + pad("p50 ms", 9) + pad("p90 ms", 9)
                + pad("p99 ms", 9) + pad("p99.9 ms", 10) + pad("max ms", 9) + "errors",
        ]
        for action in report.actions {
            let errors =
                action.errorsByCode.isEmpty
                ? "none"
                : action.errorsByCode.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(
                    separator: ", ")
            lines.append(
                pad("  " + action.method, 34) + pad(String(action.requests), 10)
                    + pad(String(format: "%.1f", action.throughputPerSecond), 9) + pad(ms(action.p50Millis), 9)
                    + pad(ms(action.p90Millis), 9) + pad(ms(action.p99Millis), 9) + pad(ms(action.p999Millis), 10)
                    + pad(ms(action.maxMillis), 9) + errors)
        }
        if let p99 = report.orderActionsP99Millis {
            lines.append(String(format: "  p99 of every order action together: %.2f ms", p99))
        }
        if report.mode == "open" {
            lines.append("  (open loop: each iteration's first call counts from its intended start)")
        }
        return lines.joined(separator: "\n")
    }

    /// Super Admin's password: the first line of `--password-file`, else asked (not echoed).
    static func superAdminPassword(_ options: Options) throws -> String {
        if let file = options.passwordFile {
            guard let data = FileManager.default.contents(atPath: file),
                let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            else { throw ConfigurationError("cannot read a password from \(file)") }
            return String(line)
        }
        return try CallInput.readLine(prompt: "Super Admin password (to set up the scenario): ", hidden: true)
    }

    /// Sets up the scenario's world (see the type's comment).
    static func setUp(
        sockets: [String: String], password: String, lanes count: Int, products productCount: Int,
        treasurers: Bool = false
    ) async throws -> World {
        let setup = Scenario(sockets: sockets, termsVersion: "", superAdminPassword: password)
        defer { setup.close() }
        let terms = try await setup.identity.call(VendorTermsGet.self, EmptyParams())
        let scenario = Scenario(sockets: sockets, termsVersion: terms.version, superAdminPassword: password)
        defer { scenario.close() }
        let superAdmin = try await scenario.signInSuperAdmin().token
        func unlessExists(_ body: () async throws -> Void) async throws {
            do { try await body() } catch let error as RPCError where error.code == 409 {}
        }
        let tenant = ScenarioData.balangan.code
        try await unlessExists {
            _ = try await scenario.call(
                TenantCreate.self, ScenarioData.balangan, on: scenario.identity, token: superAdmin)
        }
        try await unlessExists {
            _ = try await scenario.call(
                AgencyCreate.self, AgencyInfo(tenant: tenant, code: "DINKES", name: "Dinas Kesehatan"),
                on: scenario.identity, token: superAdmin)
        }
        _ = try await scenario.call(
            CatalogSettingsSet.self, CatalogSettings(tenant: tenant, deliveryRegions: ScenarioData.deliveryRegions),
            on: scenario.catalog, token: superAdmin)
        for category in ScenarioData.categories(tenant: tenant) {
            try await unlessExists {
                _ = try await scenario.call(CategoryCreate.self, category, on: scenario.catalog, token: superAdmin)
            }
        }
        let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let verifier = try await scenario.official(
            "load-\(run)-verifier", roles: [.verifier], tenant: tenant, agency: nil
        )
        .token
        var vendor: ScenarioVendor?
        for _ in 0..<5 where vendor == nil {
            let number = Int.random(in: 1_000...9_999)
            let registration = try ScenarioData.vendorRegistration(
                number, tenant: tenant, npwpBase: 40_000_000, termsVersion: terms.version)
            do {
                vendor = try await scenario.activeVendor(tenant: tenant, verifier: verifier, registration: registration)
            } catch let error as RPCError where error.code == 409 {}
        }
        guard let vendor else { throw ScenarioFailure("no free vendor number for the scenario's vendor") }
        let names = [
            "Kertas HVS A4 80 gram", "Kertas HVS F4 70 gram", "Tinta printer hitam 100 ml", "Map plastik kancing biru",
            "Amplop coklat folio", "Stapler besar Joyko HD-50",
        ]
        var products: [ProductRecord] = []
        for name in names.prefix(max(1, productCount)) {
            products.append(
                try await scenario.listedProduct(
                    ScenarioData.offer(name: name, price: 50_000, stock: 10_000_000), vendorToken: vendor.token,
                    verifier: verifier))
        }
        var lanes: [Lane] = []
        for index in 1...count {
            let login = "load-\(run)-ppk-\(index)"
            let session = try await scenario.official(login, roles: [.ppk], tenant: tenant, agency: "DINKES")
            let own = Scenario(sockets: sockets, termsVersion: terms.version, superAdminPassword: password)
            let lane = Lane(scenario: own, ppkLogin: login, ppk: session.token)
            if treasurers {
                lane.treasurer =
                    try await scenario.official(
                        "load-\(run)-treasurer-\(index)", roles: [.treasurer], tenant: tenant, agency: "DINKES"
                    ).token
            }
            lanes.append(lane)
        }
        // The catalogue learns of the new vendor and products from feeds; wait until a PPK finds one.
        let first = products[0].id
        _ = try await Scenario.until("the catalogue lists the scenario's products") { () -> Bool? in
            _ = try await scenario.catalog.call(ProductGet.self, ProductRef(productID: first), token: lanes[0].ppk)
            return true
        }
        return World(verifier: verifier, vendor: vendor, products: products, lanes: lanes)
    }
}
