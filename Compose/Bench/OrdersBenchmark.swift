#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// Whole purchases through real identity, catalog and orders processes: complete order
/// lifecycles per second (prepare → order → accept → Surat Pesanan → delivery → inspection →
/// receipt and BAST → both acknowledgements), and durable order placements per second.
enum OrdersBenchmark {
    /// Concurrent purchases of the measured lifecycle runs.
    static let workerCounts = [1, 8]
    /// Drafts placed in the order-step run.
    static let placements = 1_000

    static func run(seconds: Int) async throws {
        let directory = "/tmp/siopen-bench-ord-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["SIOPEN_INSECURE_FAST_PASSWORD_HASHING"] = "1"
        for name in ["SIOPEN_SERVICE_TOKEN", "SIOPEN_IDENTITY_SOCKET", "SIOPEN_CATALOG_SOCKET", "SIOPEN_ORDERS_SOCKET", "SIOPEN_CLOCK_OFFSET_FILE"] {
            environment.removeValue(forKey: name)
        }
        say("orders: complete purchases through siopen-identity, siopen-catalog and siopen-orders processes, \(seconds) s per run, closed loop")
        say("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; services run with SIOPEN_INSECURE_FAST_PASSWORD_HASHING=1 (password hashing is not measured here)")

        let superAdminPassword = "bench-root-password-1"
        try ServiceProcesses.bootstrapSuperAdmin(directory: directory, password: superAdminPassword, environment: environment)
        try FileManager.default.createDirectory(atPath: "\(directory)/keys", withIntermediateDirectories: true)
        for service in ["catalog", "orders"] {
            let token = try ServiceTokens.issue(
                configuration: ServiceConfiguration(serviceName: "identity", dataDirectory: directory), service: service, hours: ServiceTokens.maxLifetimeHours)
            try token.write(toFile: "\(directory)/keys/\(service).token", atomically: true, encoding: .utf8)
        }
        var processes: [Process] = []
        defer { for process in processes.reversed() { ServiceProcesses.stop(process) } }
        for service in ["identity", "catalog", "orders"] {
            processes.append(try ServiceProcesses.start(service, directory: directory, environment: environment))
            try await ServiceProcesses.waitUntilHealthy(socketPath: ServiceConfiguration.socketPath(of: service, dataDirectory: directory), service: service)
        }
        let identity = RPCClient(socketPath: ServiceConfiguration.socketPath(of: "identity", dataDirectory: directory), serviceName: "identity", defaultTimeout: .seconds(60))
        let catalog = RPCClient(socketPath: ServiceConfiguration.socketPath(of: "catalog", dataDirectory: directory), serviceName: "catalog", defaultTimeout: .seconds(60))
        let ordersSocket = ServiceConfiguration.socketPath(of: "orders", dataDirectory: directory)
        defer {
            identity.close()
            catalog.close()
        }
        let people = try await People.enrol(identity: identity, superAdminPassword: superAdminPassword)
        try await CatalogTree.create(in: catalog, token: people.superAdmin)
        // One cheap product per vendor, so purchases spread over vendors and stay far below the ceiling.
        var market: [(product: String, vendor: String)] = []
        for (index, vendor) in people.vendors.enumerated() {
            let submitted = try await submitWhenKnown(cheapOffer(index), vendor: vendor, catalog: catalog)
            try await CatalogBenchmark.accept(submitted, client: catalog, verifier: people.verifier)
            market.append((submitted.id, vendor))
        }

        say(pad("run", 42) + pad("workers", 9) + pad("purchases/s", 13) + pad("calls/s", 9) + pad("p50 ms", 9) + pad("p99 ms", 9))
        for workers in workerCounts {
            let result = try await lifecycles(workers: workers, seconds: seconds, socketPath: ordersSocket, ppk: people.ppk, market: market)
            say(pad("order → BAST (10 calls, 2 sealed PDFs)", 42) + pad(String(workers), 9) + pad(String(format: "%.1f", result.rate), 13)
                + pad(String(format: "%.0f", result.rate * 10), 9) + pad(String(format: "%.1f", result.percentile(50) / 1000), 9)
                + pad(String(format: "%.1f", result.percentile(99) / 1000), 9))
        }
        let step = try await placementRun(socketPath: ordersSocket, ppk: people.ppk, market: market)
        say(String(format: "order step: %d orders placed (order.submit: catalogue snapshot via the catalog, ceiling, split check, one durable write each), 16 at a time: %.0f/s, p50 %.1f ms, p99 %.1f ms",
            placements, step.rate, step.percentile(50) / 1000, step.percentile(99) / 1000))
    }

    /// A product of vendor `index`: Rp10,500 a unit delivered.
    static func cheapOffer(_ index: Int) -> ProductOfferInput {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
        return ProductOfferInput(
            categoryCode: "ATK-TULIS", name: "Pulpen gel hitam \(index)", description: "Pulpen gel 0,5 mm", function: "Menulis",
            specification: [SpecificationAttribute(name: "Mata pena", value: "0,5 mm")], origin: ProductOrigin(kind: .domestic, country: "ID"),
            unit: "lusin",
            price: PriceBreakdown(
                productCost: 8_000, tax: 1_000, overheadAndProfit: 1_000, includesPPN: true,
                regions: [RegionalPrice(regionCode: "PARINGIN", deliveryCost: 500, unitPrice: 10_500)]),
            stock: 1_000_000, deliveryDays: 2, warranty: Warranty(months: 0), images: [ImageInput(contentBase64: Data(png).base64EncodedString())])
    }

    /// Submits until the catalog has learned the vendor from identity's feed.
    static func submitWhenKnown(_ offer: ProductOfferInput, vendor: String, catalog: RPCClient) async throws -> ProductRecord {
        for _ in 0..<300 {
            do {
                return try await catalog.call(ProductSubmit.self, offer, token: vendor)
            } catch let error as RPCError where error.code == 403 {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw BenchmarkFailure("the catalog never learned a vendor from identity's feed")
    }

    /// One purchase from preparation to the acknowledged BAST.
    static func purchase(_ orders: RPCClient, ppk: String, product: String, vendor: String) async throws {
        let today = CivilDate(Date())
        let preparation = OrderPreparation(
            packageName: "Pengadaan ATK", fundingSource: .apbd, budgetAccountCode: "5.1.02.01.01.0024", technicalSpecification: "Pulpen gel hitam 0,5 mm",
            justification: "Kebutuhan administrasi", items: [OrderItemRequest(productID: product, quantity: 10)], regionCode: "PARINGIN",
            deliveryAddress: "Dinas Kesehatan, Paringin", deliveryDate: today.adding(days: 7))
        var order = try await orders.call(OrderPrepare.self, preparation, token: ppk)
        order = try await orders.call(OrderSubmit.self, OrderAct(orderID: order.id, version: order.version), token: ppk)
        order = try await orders.call(OrderAccept.self, OrderAcceptParams(orderID: order.id, version: order.version, round: 0), token: vendor)
        order = try await orders.call(OrderIssueSuratPesanan.self, OrderAct(orderID: order.id, version: order.version), token: ppk)
        order = try await orders.call(OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: order.id, version: order.version), token: vendor)
        order = try await orders.call(
            OrderRecordDelivery.self, DeliveryParams(orderID: order.id, version: order.version, deliveredOn: today, lines: [DeliveryLine(itemID: "item-1", quantity: 10)]),
            token: vendor)
        order = try await orders.call(
            OrderInspect.self,
            InspectionParams(orderID: order.id, version: order.version, deliveryID: "delivery-1", inspectedOn: today, lines: [InspectionLine(itemID: "item-1", accepted: 10)]),
            token: ppk)
        order = try await orders.call(OrderConfirmReceipt.self, ReceiptParams(orderID: order.id, version: order.version), token: ppk)
        order = try await orders.call(OrderAcknowledgeBAST.self, OrderAct(orderID: order.id, version: order.version), token: vendor)
        order = try await orders.call(OrderAcknowledgeBAST.self, OrderAct(orderID: order.id, version: order.version), token: ppk)
        guard order.state == .completed else { throw BenchmarkFailure("a purchase ended \(order.state.rawValue), not completed") }
    }

    /// Purchases by `workers` concurrent clients for `seconds`; latency is per whole purchase.
    static func lifecycles(workers: Int, seconds: Int, socketPath: String, ppk: String, market: [(product: String, vendor: String)]) async throws -> LoadResult {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000
        return try await timedLanes(workers, socketPath: socketPath) { worker, client in
            var mine: [Double] = []
            var next = worker
            while DispatchTime.now().uptimeNanoseconds < deadline {
                let (product, vendor) = market[next % market.count]
                next += workers
                let began = DispatchTime.now().uptimeNanoseconds
                try await purchase(client, ppk: ppk, product: product, vendor: vendor)
                mine.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1000)
            }
            return mine
        }
    }

    /// Runs `lane` on `count` concurrent clients of orders; the result's rate counts every latency
    /// the lanes return over the whole run's time.
    static func timedLanes(
        _ count: Int, socketPath: String, _ lane: @escaping @Sendable (Int, RPCClient) async throws -> [Double]
    ) async throws -> LoadResult {
        let start = DispatchTime.now()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for index in 0..<count {
                group.addTask {
                    let client = RPCClient(socketPath: socketPath, serviceName: "orders", defaultTimeout: .seconds(60))
                    defer { client.close() }
                    return try await lane(index, client)
                }
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return all
        }
        return LoadResult(requests: latencies.count, seconds: CatalogBenchmark.secondsSince(start), latenciesMicros: latencies)
    }

    /// Prepares `placements` drafts, then places them 16 at a time and times only the placing.
    static func placementRun(socketPath: String, ppk: String, market: [(product: String, vendor: String)]) async throws -> LoadResult {
        let client = RPCClient(socketPath: socketPath, serviceName: "orders", defaultTimeout: .seconds(60))
        defer { client.close() }
        let today = CivilDate(Date())
        var drafts: [OrderRecord] = []
        for index in 0..<placements {
            let preparation = OrderPreparation(
                packageName: "Pengadaan ATK \(index)", fundingSource: .apbd, budgetAccountCode: "5.1.02.01.01.0024", technicalSpecification: "Pulpen gel hitam",
                justification: "Kebutuhan administrasi", items: [OrderItemRequest(productID: market[index % market.count].product, quantity: 2)],
                regionCode: "PARINGIN", deliveryAddress: "Dinas Kesehatan, Paringin", deliveryDate: today.adding(days: 7))
            drafts.append(try await client.call(OrderPrepare.self, preparation, token: ppk))
        }
        let concurrency = 16
        let placing = drafts
        return try await timedLanes(concurrency, socketPath: socketPath) { lane, client in
            var mine: [Double] = []
            for draft in stride(from: lane, to: placing.count, by: concurrency).map({ placing[$0] }) {
                let began = DispatchTime.now().uptimeNanoseconds
                _ = try await client.call(OrderSubmit.self, OrderAct(orderID: draft.id, version: draft.version), token: ppk)
                mine.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1000)
            }
            return mine
        }
    }
}
