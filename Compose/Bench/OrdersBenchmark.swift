import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario

#if canImport(Glibc)
    import Glibc
#endif

/// Whole purchases through real identity, catalog and orders processes: complete order
/// lifecycles per second (prepare → order → accept → Surat Pesanan → delivery → inspection →
/// receipt and BAST → both acknowledgements), and durable order placements per second.
enum OrdersBenchmark {
    /// Concurrent purchases of the measured lifecycle runs.
    static let workerCounts = [1, 8]
    /// Drafts placed in the order-step run.
    static let placements = 1_000

    static func run(seconds: Int) async throws {
        say(
            "orders: complete purchases through siopen-identity, siopen-catalog and siopen-orders processes, \(seconds) s per run, closed loop"
        )
        say(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; services run with SIOPEN_INSECURE_FAST_PASSWORD_HASHING=1 (password hashing is not measured here)"
        )

        let superAdminPassword = "bench-root-password-1"
        let launcher = try await ServiceProcesses.launch(
            "ord", services: ["identity", "catalog", "orders"], superAdminPassword: superAdminPassword,
            realPasswordHashing: false)
        defer { launcher.terminateAndRemove() }
        let ordersSocket = launcher.socketPath("orders")
        let scenario = Scenario(
            sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion,
            superAdminPassword: superAdminPassword)
        defer { scenario.close() }
        let people = try await People.enrol(scenario)
        try await CatalogTree.create(scenario)
        // One cheap product per vendor, so purchases spread over vendors and stay far below the ceiling.
        var market: [(product: String, vendor: String)] = []
        for (index, vendor) in people.vendors.enumerated() {
            let submitted = try await scenario.submitWhenKnown(cheapOffer(index), vendorToken: vendor)
            try await scenario.accept(submitted, verifier: people.verifier)
            market.append((submitted.id, vendor))
        }

        say(
            pad("run", 42) + pad("workers", 9) + pad("purchases/s", 13) + pad("calls/s", 9) + pad("p50 ms", 9)
                + pad("p99 ms", 9))
        for workers in workerCounts {
            let result = try await lifecycles(
                workers: workers, seconds: seconds, socketPath: ordersSocket, scenario: scenario, ppk: people.ppk,
                market: market)
            say(
                pad("order → BAST (10 calls, 2 sealed PDFs)", 42) + pad(String(workers), 9)
                    + pad(String(format: "%.1f", result.rate), 13)
                    + pad(String(format: "%.0f", result.rate * 10), 9)
                    + pad(String(format: "%.1f", result.percentile(50) / 1000), 9)
                    + pad(String(format: "%.1f", result.percentile(99) / 1000), 9))
        }
        let step = try await placementRun(socketPath: ordersSocket, ppk: people.ppk, market: market)
        say(
            String(
                format:
                    "order step: %d orders placed (order.submit: catalogue snapshot via the catalog, ceiling, split check, one durable write each), 16 at a time: %.0f/s, p50 %.1f ms, p99 %.1f ms",
                placements, step.rate, step.percentile(50) / 1000, step.percentile(99) / 1000))
    }

    /// A product of vendor `index`: Rp10,500 a unit delivered.
    static func cheapOffer(_ index: Int) -> ProductOfferInput {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
        return ProductOfferInput(
            categoryCode: "ATK-TULIS", name: "Pulpen gel hitam \(index)", description: "Pulpen gel 0,5 mm",
            function: "Menulis",
            specification: [SpecificationAttribute(name: "Mata pena", value: "0,5 mm")],
            origin: ProductOrigin(kind: .domestic, country: "ID"),
            unit: "lusin",
            price: PriceBreakdown(
                productCost: 8_000, tax: 1_000, overheadAndProfit: 1_000, includesPPN: true,
                regions: [RegionalPrice(regionCode: "PARINGIN", deliveryCost: 500, unitPrice: 10_500)]),
            stock: 1_000_000, deliveryDays: 2, warranty: Warranty(months: 0),
            images: [ImageInput(contentBase64: Data(png).base64EncodedString())])
    }

    /// Purchases by `workers` concurrent clients for `seconds`; latency is per whole purchase.
    static func lifecycles(
        workers: Int, seconds: Int, socketPath: String, scenario: Scenario, ppk: String,
        market: [(product: String, vendor: String)]
    ) async throws -> LoadResult {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000
        return try await timedLanes(workers, socketPath: socketPath) { worker, client in
            var mine: [Double] = []
            var next = worker
            while DispatchTime.now().uptimeNanoseconds < deadline {
                let (product, vendor) = market[next % market.count]
                next += workers
                let began = DispatchTime.now().uptimeNanoseconds
                let today = CivilDate(Date())
                let preparation = ScenarioData.preparation(
                    [OrderItemRequest(productID: product, quantity: 10)], today: today, deliveryInDays: 7,
                    packageName: "Pengadaan ATK")
                _ = try await scenario.purchase(
                    preparation, ppk: ppk, vendorToken: vendor, today: today, client: client)
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
        return LoadResult(
            requests: latencies.count, seconds: CatalogBenchmark.secondsSince(start), latenciesMicros: latencies)
    }

    /// Prepares `placements` drafts, then places them 16 at a time and times only the placing.
    static func placementRun(socketPath: String, ppk: String, market: [(product: String, vendor: String)]) async throws
        -> LoadResult
    {
        let client = RPCClient(socketPath: socketPath, serviceName: "orders", defaultTimeout: .seconds(60))
        defer { client.close() }
        let today = CivilDate(Date())
        var drafts: [OrderRecord] = []
        for index in 0..<placements {
            let preparation = ScenarioData.preparation(
                [OrderItemRequest(productID: market[index % market.count].product, quantity: 2)], today: today,
                deliveryInDays: 7,
                packageName: "Pengadaan ATK \(index)")
            drafts.append(try await client.call(OrderPrepare.self, preparation, token: ppk))
        }
        let concurrency = 16
        let placing = drafts
        return try await timedLanes(concurrency, socketPath: socketPath) { lane, client in
            var mine: [Double] = []
            for draft in stride(from: lane, to: placing.count, by: concurrency).map({ placing[$0] }) {
                let began = DispatchTime.now().uptimeNanoseconds
                _ = try await client.call(
                    OrderSubmit.self, OrderAct(orderID: draft.id, version: draft.version), token: ppk)
                mine.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1000)
            }
            return mine
        }
    }
}
