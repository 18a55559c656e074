import CatalogService
import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenStorage

#if canImport(Glibc)
    import Glibc
#endif

/// Catalogue search over `products` generated products: `catalog.search` through a real
/// siopen-catalog process, next to the same SQL (FTS5 MATCH, joins, visibility condition, order
/// and limit) run directly on the same database file in the same run, at 1 and 16 concurrent
/// clients. The products are seeded through the real RPC (`product.submit`, then `product.verify`
/// accepted), and the seeding rate is reported too: it is the rate of durable submissions.
enum CatalogBenchmark {
    /// Vendors the products are spread over.
    static let vendorCount = 20
    /// Product submissions (each followed by its verification) in flight while seeding.
    static let seedingConcurrency = 32
    /// Concurrent clients of the measured runs.
    static let connectionCounts = [1, 16]
    static let tenant = "balangan"

    static func run(products: Int, seconds: Int) async throws {
        // Password hashing is not what is measured here: the services hash with the fast test
        // setting. Identity and the catalog find each other in this data folder only.
        say(
            "catalog: catalog.search (siopen-catalog process) vs the same FTS5 SQL run directly on its database file, \(seconds) s per run, closed loop"
        )
        say(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; services run with SIOPEN_INSECURE_FAST_PASSWORD_HASHING=1 (password hashing is not measured here)"
        )
        say(
            "only identity and the catalog run: the catalog's orders-feed job cannot reach orders, logs one warning and backs off to a retry a minute"
        )

        let superAdminPassword = "bench-root-password-1"
        let launcher = try await ServiceProcesses.launch(
            "cat", services: ["identity", "catalog"], superAdminPassword: superAdminPassword, realPasswordHashing: false
        )
        defer { launcher.terminateAndRemove() }
        let directory = launcher.directory
        let catalogSocket = launcher.socketPath("catalog")
        let scenario = Scenario(
            sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion,
            superAdminPassword: superAdminPassword)
        defer { scenario.close() }
        let people = try await People.enrol(scenario)
        try await CatalogTree.create(scenario)

        try await seed(products: products, socketPath: catalogSocket, people: people, scenario: scenario)

        // The same file the service reads, with the service's own configuration (its migrations
        // are all applied already; four reader connections, like the service's).
        let databasePath = ServiceConfiguration(serviceName: "catalog", dataDirectory: directory).databasePath
        let database = try Database(
            path: databasePath, configuration: DatabaseConfiguration(migrations: CatalogService.definition.migrations))
        defer { database.close() }
        try await reportSize(database: database, path: databasePath)

        let today = CivilDate(Date()).description
        say(
            "searches: as a PPK; the direct side runs the service's SQL on a Database opened on the same file and reads every column of every row (no JSON);"
        )
        say(
            "          the service also parses the request, checks the token, resolves the category subtree, decodes each row's summary JSON and encodes the page"
        )
        var prepared: [PreparedSearch] = []
        for search in SearchCase.mix {
            let ready = try await prepare(
                search, database: database, socketPath: catalogSocket, token: people.ppk, today: today)
            say(
                "  " + pad(search.label, 44)
                    + String(
                        format:
                            "%7lld matches (%5.2f%% of products), page of %d; service and direct SQL return the same products in the same order",
                        ready.matches, 100 * Double(ready.matches) / Double(products), ready.pageSize))
            prepared.append(ready)
        }

        say(
            pad("search", 44) + pad("conn", 6) + pad("service req/s", 15) + pad("p50 ms", 9) + pad("p99 ms", 9)
                + pad("direct req/s", 14) + pad("p50 ms", 9) + pad("p99 ms", 9) + "service/direct rate")
        for search in prepared {
            for connections in connectionCounts {
                let service = try LoadGenerator.run(
                    socketPath: catalogSocket, request: search.request, connections: connections, seconds: seconds)
                let direct = try await runDirect(
                    search.direct, database: database, connections: connections, seconds: seconds)
                say(
                    pad(search.label, 44) + pad(String(connections), 6)
                        + pad(String(format: "%.0f", service.rate), 15) + pad(milliseconds(service.percentile(50)), 9)
                        + pad(milliseconds(service.percentile(99)), 9)
                        + pad(String(format: "%.0f", direct.rate), 14) + pad(milliseconds(direct.percentile(50)), 9)
                        + pad(milliseconds(direct.percentile(99)), 9)
                        + String(format: "%.0f%%", 100 * service.rate / direct.rate))
            }
        }
    }

    // MARK: Seeding

    /// Submits `products` generated offers as the vendors, each accepted by the verifier at once,
    /// `seedingConcurrency` at a time, and reports the rate. The first offer of each vendor is
    /// retried until the catalog has learned the vendor from identity's feed (until then a
    /// submission is refused); the rate is that of the others.
    static func seed(products: Int, socketPath: String, people: People, scenario: Scenario) async throws {
        let firstRound = min(products, vendorCount)
        let feedStart = DispatchTime.now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<firstRound {
                group.addTask {
                    let client = RPCClient(socketPath: socketPath, serviceName: "catalog", defaultTimeout: .seconds(60))
                    defer { client.close() }
                    let submitted = try await scenario.submitWhenKnown(
                        ProductGenerator.offer(index), vendorToken: people.vendors[index % vendorCount], client: client)
                    try await scenario.accept(submitted, verifier: people.verifier, client: client)
                }
            }
            try await group.waitForAll()
        }
        say(
            String(
                format:
                    "vendors: %d registered, verified and activated in identity; the catalog had learned them all from identity's feed and listed one product each %.1f s later",
                vendorCount, secondsSince(feedStart)))

        let listed = Counter()
        let start = DispatchTime.now()
        let progress = Task {
            while true {
                try await Task.sleep(for: .seconds(30))
                let count = listed.value
                say(
                    String(
                        format: "  seeding: %d of %d products listed, %.0f products/s so far", firstRound + count,
                        products, Double(count) / secondsSince(start)))
            }
        }
        defer { progress.cancel() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<seedingConcurrency {
                group.addTask {
                    let client = RPCClient(socketPath: socketPath, serviceName: "catalog", defaultTimeout: .seconds(60))
                    defer { client.close() }
                    for index in stride(from: firstRound + worker, to: products, by: seedingConcurrency) {
                        let submitted = try await client.call(
                            ProductSubmit.self, ProductGenerator.offer(index),
                            token: people.vendors[index % vendorCount])
                        try await scenario.accept(submitted, verifier: people.verifier, client: client)
                        listed.add()
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = secondsSince(start)
        let seeded = products - firstRound
        say(
            String(
                format:
                    "seeding: %d products in %.1f s = %.0f products/s, each a durable product.submit then a durable product.verify (%.0f durable writes/s), %d in flight",
                seeded, seconds, Double(seeded) / seconds, 2 * Double(seeded) / seconds, seedingConcurrency))
    }

    /// The database files' sizes, and which tables and indexes take the room.
    static func reportSize(database: Database, path: String) async throws {
        func fileSize(_ path: String) -> Int64 {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        }
        let (listings, revisions) = try await database.read { db in
            (
                try db.queryOne("SELECT count(*) FROM listing")!.int64(0),
                try db.queryOne("SELECT count(*) FROM product_revision")!.int64(0)
            )
        }
        say(
            "database: \((path as NSString).lastPathComponent) "
                + String(
                    format: "%.1f MB + WAL %.1f MB; %lld listings, %lld revisions",
                    Double(fileSize(path)) / 1e6, Double(fileSize(path + "-wal")) / 1e6, listings, revisions))
        // dbstat is an optional SQLite feature; the breakdown is left out where it is missing.
        let largest = try? await database.read { db in
            try db.query(
                """
                SELECT CASE WHEN name LIKE 'listing_text%' THEN 'listing_text (FTS5 index and content)' ELSE name END AS part, sum(pgsize)
                FROM dbstat GROUP BY part ORDER BY 2 DESC LIMIT 6
                """
            ).map { (try $0.string(0), try $0.int64(1)) }
        }
        if let largest {
            say(
                "  largest parts: "
                    + largest.map { "\($0.0) " + String(format: "%.1f MB", Double($0.1) / 1e6) }.joined(separator: ", ")
            )
        }
    }

    // MARK: Measuring

    /// A search ready to measure: the request line the load generator repeats, the direct SQL,
    /// and how many products match.
    struct PreparedSearch: Sendable {
        let label: String
        let request: [UInt8]
        let direct: DirectSearch
        let matches: Int64
        let pageSize: Int
    }

    /// Builds both sides of `search` and checks them against each other: the service's answer to
    /// the exact request bytes must be a success, small enough for the load generator's buffer,
    /// and list the same products in the same order as the direct SQL. For a second page, the
    /// service's cursor comes from its first page and the direct side's from its own.
    static func prepare(_ search: SearchCase, database: Database, socketPath: String, token: String, today: String)
        async throws -> PreparedSearch
    {
        let codes = search.params.categoryCode.map(CatalogTree.subtree) ?? []
        var params = search.params
        var direct = try DirectSearch(params, tenant: tenant, today: today, categoryCodes: codes)
        if search.isSecondPage {
            let firstPage = try await database.read { [direct] db in try direct.hits(db) }
            guard firstPage.count > direct.pageSize else {
                throw BenchmarkFailure("\(search.label): fewer than two pages of results")
            }
            let last = firstPage[direct.pageSize - 1]
            direct = try DirectSearch(
                params, tenant: tenant, today: today, categoryCodes: codes, after: (last.sortKey, last.docid))
            params.cursor = try answer(to: requestLine(params, token: token), socketPath: socketPath).nextCursor
        }
        let request = try requestLine(params, token: token)
        let page = try answer(to: request, socketPath: socketPath)
        let hits = try await database.read { [direct] db in try direct.hits(db) }
        let directIDs = try hits.prefix(direct.pageSize).map { hit in
            guard let id = try JSONValue(parsing: hit.summary)["productID"]?.stringValue else {
                throw BenchmarkFailure("a listing summary without productID")
            }
            return id
        }
        guard page.products.map(\.productID) == directIDs, (page.nextCursor != nil) == (hits.count > direct.pageSize)
        else {
            throw BenchmarkFailure(
                "\(search.label): the service and the direct SQL disagree; a search must give the same page through the service and directly"
            )
        }
        let matches = try await database.read { [direct] db in try direct.count(db) }
        return PreparedSearch(
            label: search.label, request: request, direct: direct, matches: matches, pageSize: page.products.count)
    }

    /// A `catalog.search` request line as RPCClient writes it: the token in the top-level `auth` member.
    static func requestLine(_ params: CatalogSearchParams, token: String) throws -> [UInt8] {
        Array(#"{"jsonrpc":"2.0","id":1,"method":"catalog.search","params":"#.utf8) + (try JSONCoding.encode(params))
            + Array(#","auth":"#.utf8) + JSONValue.string(token).serialized + Array("}\n".utf8)
    }

    /// Sends `request` once on a fresh connection and decodes the page it answers; throws the
    /// service's error, or when the answer would not fit the load generator's 64 KiB buffer.
    static func answer(to request: [UInt8], socketPath: String) throws -> CatalogSearchPage {
        let fd = try UnixSocket.connect(to: socketPath)
        defer { close(fd) }
        try UnixSocket.writeAll(fd, request)
        var line: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while line.last != 0x0A {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { throw BenchmarkFailure("the catalog closed the connection without answering") }
            line += buffer[0..<count]
        }
        guard line.count < 65536 else {
            throw BenchmarkFailure("an answer of \(line.count) bytes does not fit LoadGenerator's 64 KiB buffer")
        }
        let response = try JSONValue(parsing: line.dropLast())
        guard let result = response["result"] else {
            throw BenchmarkFailure("catalog.search failed: \(response.serializedString)")
        }
        return try JSONCoding.decode(CatalogSearchPage.self, from: result)
    }

    /// Closed loop on the database directly: `connections` tasks, each running the search and
    /// waiting for its rows before the next, for `seconds`. Latency includes waiting for one of
    /// the four reader connections, as the service's requests do.
    static func runDirect(_ search: DirectSearch, database: Database, connections: Int, seconds: Int) async throws
        -> LoadResult
    {
        let collected = Collected()
        let start = DispatchTime.now()
        let deadline = start.uptimeNanoseconds + UInt64(seconds) * 1_000_000_000
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var latencies: [Double] = []
                    while DispatchTime.now().uptimeNanoseconds < deadline {
                        let sent = DispatchTime.now().uptimeNanoseconds
                        _ = try await database.read { db in try search.hits(db) }
                        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - sent) / 1000)
                    }
                    collected.add(latencies)
                }
            }
            try await group.waitForAll()
        }
        let latencies = collected.all
        return LoadResult(requests: latencies.count, seconds: secondsSince(start), latenciesMicros: latencies)
    }

    static func secondsSince(_ start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func milliseconds(_ micros: Double) -> String { String(format: "%.2f", micros / 1000) }
}

/// What went wrong in a benchmark run.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: - The searches

/// One search of the measured mix.
struct SearchCase: Sendable {
    let label: String
    let params: CatalogSearchParams
    /// Measure the second page (through the first page's cursor) rather than the first.
    var isSecondPage = false

    /// From broad to narrow, with and without words; selectivity is printed with each.
    static let mix: [SearchCase] = [
        SearchCase(label: "common word \"kantor\"", params: CatalogSearchParams(query: "kantor")),
        SearchCase(
            label: "common word \"kantor\", page 2 by cursor", params: CatalogSearchParams(query: "kantor"),
            isSecondPage: true),
        SearchCase(label: "rare word \"ekolabel\"", params: CatalogSearchParams(query: "ekolabel")),
        SearchCase(label: "two words \"laptop 16gb\"", params: CatalogSearchParams(query: "laptop 16gb")),
        SearchCase(
            label: "\"kursi\" in MEBEL, Rp500.000–2.000.000",
            params: CatalogSearchParams(query: "kursi", categoryCode: "MEBEL", minPrice: 500_000, maxPrice: 2_000_000)),
        SearchCase(
            label: "no words: ELEKTRONIK tree, cheapest first",
            params: CatalogSearchParams(categoryCode: "ELEKTRONIK", sort: .priceAscending)),
    ]
}

/// `catalog.search`'s own statement (`SearchStatement` of the catalog service) for one set of
/// filters, run on the database file directly.
struct DirectSearch: Sendable {
    /// One result row, every column read out of SQLite.
    struct Hit: Sendable {
        let docid: Int64
        let sortKey: SQLValue
        let summary: String
        let vendorID: String
        let vendorName: String
        let isUMKM: Bool
        let isPKP: Bool
        let price: Int64
    }

    let statement: SearchStatement
    /// Rows a page shows.
    var pageSize: Int { statement.pageSize }

    /// The search for `params` (its `cursor` is ignored: pass the position to continue `after`).
    init(
        _ params: CatalogSearchParams, tenant: String, today: String, categoryCodes: [String],
        after cursor: (key: SQLValue, docid: Int64)? = nil
    ) throws {
        statement = try SearchStatement(
            params, tenant: tenant, today: today, categoryCodes: categoryCodes, after: cursor)
    }

    /// Runs the page query: up to `pageSize + 1` rows.
    func hits(_ db: Connection) throws -> [Hit] {
        var hits: [Hit] = []
        try db.forEachRow(statement.sql, arguments: statement.arguments) { row in
            hits.append(
                Hit(
                    docid: try row.int64(0), sortKey: row[1], summary: try row.string(2), vendorID: try row.string(3),
                    vendorName: try row.string(4),
                    isUMKM: try row.bool(5), isPKP: try row.bool(6), price: try row.int64(7)))
        }
        return hits
    }

    /// How many listings match.
    func count(_ db: Connection) throws -> Int64 {
        try db.queryOne(statement.countSQL, arguments: statement.countArguments)!.int64(0)
    }
}

// MARK: - The people and the catalogue tree

/// Who takes part: the Super Admin, a verifier, a PPK who searches, and the vendors, by token.
struct People: Sendable {
    let superAdmin: String
    let verifier: String
    let ppk: String
    let vendors: [String]

    /// Creates the tenant and an agency, the verifier and the PPK (each changing the first
    /// password, as they must), and `CatalogBenchmark.vendorCount` vendors that register and are
    /// verified and activated; all signed in. The scenario kit's steps.
    static func enrol(_ scenario: Scenario) async throws -> People {
        let tenant = CatalogBenchmark.tenant
        let superAdmin = try await scenario.signInSuperAdmin().token
        try await scenario.createTenants(
            [ScenarioData.balangan], agencies: [AgencyInfo(tenant: tenant, code: "DINKES", name: "Dinas Kesehatan")])
        let verifier = try await scenario.official("verifikator", roles: [.verifier], tenant: tenant, agency: nil).token
        let ppk = try await scenario.official("ppk-dinkes", roles: [.ppk], tenant: tenant, agency: "DINKES").token

        var vendors: [String] = []
        for number in 1...CatalogBenchmark.vendorCount {
            let scale: BusinessScale = [.micro, .small, .small, .medium, .large][number % 5]
            let registration = try ScenarioData.vendorRegistration(
                number, tenant: tenant, name: VendorNames.name(number), npwpBase: 31_000_000, scale: scale,
                isPKP: scale == .medium || scale == .large,
                username: "penyedia\(number)", termsVersion: scenario.termsVersion)
            vendors.append(
                try await scenario.activeVendor(tenant: tenant, verifier: verifier, registration: registration).token)
        }
        return People(superAdmin: superAdmin, verifier: verifier, ppk: ppk, vendors: vendors)
    }
}

/// Vendor names of Balangan businesses.
enum VendorNames {
    static let forms = ["CV", "PT", "UD", "CV"]
    static let names = [
        "Sumber Rejeki", "Borneo Sarana", "Balangan Jaya", "Mitra Paringin", "Berkah Abadi", "Karya Mandiri",
        "Sinar Banua", "Cahaya Murakata", "Amanah Niaga", "Tunas Harapan",
    ]

    static func name(_ number: Int) -> String {
        "\(forms[number % forms.count]) \(names[number % names.count])\(number > names.count ? " Sejahtera" : "")"
    }
}

/// The tenant's delivery regions and category tree.
enum CatalogTree {
    static let regions = [
        DeliveryRegion(code: "PARINGIN", name: "Paringin"), DeliveryRegion(code: "AWAYAN", name: "Awayan"),
    ]
    static let categories: [Category] = [
        Category(tenant: CatalogBenchmark.tenant, code: "ATK", name: "Alat Tulis Kantor", kind: .goods),
        Category(
            tenant: CatalogBenchmark.tenant, code: "ATK-KERTAS", name: "Kertas dan Amplop", parentCode: "ATK",
            kind: .goods),
        Category(
            tenant: CatalogBenchmark.tenant, code: "ATK-TULIS", name: "Alat Tulis", parentCode: "ATK", kind: .goods),
        Category(tenant: CatalogBenchmark.tenant, code: "ELEKTRONIK", name: "Komputer dan Elektronik", kind: .goods),
        Category(
            tenant: CatalogBenchmark.tenant, code: "ELEKTRONIK-KOMPUTER", name: "Komputer dan Laptop",
            parentCode: "ELEKTRONIK", kind: .goods),
        Category(
            tenant: CatalogBenchmark.tenant, code: "ELEKTRONIK-PRINTER", name: "Printer dan Proyektor",
            parentCode: "ELEKTRONIK", kind: .goods),
        Category(tenant: CatalogBenchmark.tenant, code: "MEBEL", name: "Mebel Kantor", kind: .goods),
        Category(tenant: CatalogBenchmark.tenant, code: "KEBERSIHAN", name: "Perlengkapan Kebersihan", kind: .goods),
        Category(tenant: CatalogBenchmark.tenant, code: "BANGUNAN", name: "Bahan Bangunan", kind: .goods),
        Category(tenant: CatalogBenchmark.tenant, code: "JASA-CETAK", name: "Jasa Percetakan", kind: .services),
    ]

    /// Creates them as Super Admin.
    static func create(_ scenario: Scenario) async throws {
        try await scenario.setUpCatalog(tenant: CatalogBenchmark.tenant, regions: regions, categories: categories)
    }

    /// `code` and the codes below it (the tree is two levels deep).
    static func subtree(_ code: String) -> [String] {
        [code] + categories.filter { $0.parentCode == code }.map(\.code)
    }
}

// MARK: - Generated products

/// SplitMix64: the same products for the same indexes on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A kind of product a vendor offers, with the words its offers are made of.
struct ProductFamily: Sendable {
    let category: String
    /// What it is (`Kertas HVS`); the start of the name.
    let kinds: [String]
    /// Brands and their country (ISO 3166-1 alpha-2; `ID` is domestic).
    let brands: [(name: String, country: String)]
    /// Models, sizes or variants; the end of the name.
    let variants: [String]
    let unit: String
    /// The product's own cost per unit, in rupiah.
    let cost: ClosedRange<Int64>
    let warrantyMonths: [Int]
    /// Specification attributes with the values to choose from.
    let attributes: [(name: String, values: [String])]
    let function: String
}

/// Builds varied, valid offers from Indonesian word lists, deterministically from an index.
enum ProductGenerator {
    static let families: [ProductFamily] = [
        ProductFamily(
            category: "ATK-KERTAS", kinds: ["Kertas HVS", "Kertas Fotokopi", "Kertas Folio"],
            brands: [
                ("Sinar Dunia", "ID"), ("PaperOne", "ID"), ("Bola Dunia", "ID"), ("Copy Paper Plus", "ID"),
                ("Natural", "ID"),
            ],
            variants: ["A4 70 gram", "A4 80 gram", "F4 70 gram", "F4 80 gram", "A3 80 gram"], unit: "rim",
            cost: 38_000...95_000, warrantyMonths: [0],
            attributes: [
                ("Gramatur", ["70 gsm", "75 gsm", "80 gsm"]), ("Isi", ["500 lembar"]),
                ("Warna", ["putih", "putih terang"]),
            ],
            function: "Kertas cetak dan fotokopi untuk surat dinas dan administrasi kantor"),
        ProductFamily(
            category: "ATK-KERTAS", kinds: ["Amplop Coklat", "Amplop Putih", "Map Kertas"],
            brands: [("Paperline", "ID"), ("Jaya", "ID"), ("Kiky", "ID")],
            variants: ["Folio", "Kabinet", "A4 berperekat", "isi 50", "isi 100"], unit: "pak", cost: 12_000...60_000,
            warrantyMonths: [0],
            attributes: [
                ("Ukuran", ["110 x 230 mm", "250 x 353 mm", "229 x 324 mm"]),
                ("Bahan", ["kertas samson", "kertas HVS 80 gram"]),
            ],
            function: "Pengiriman dan penyimpanan surat dinas"),
        ProductFamily(
            category: "ATK-TULIS", kinds: ["Pulpen", "Pensil 2B", "Spidol Whiteboard", "Stabilo", "Tinta Stempel"],
            brands: [
                ("Standard", "ID"), ("Pilot", "JP"), ("Snowman", "ID"), ("Faber-Castell", "ID"), ("Joyko", "ID"),
                ("Kenko", "ID"),
            ],
            variants: ["hitam", "biru", "merah", "isi 12", "isi 24"], unit: "kotak", cost: 15_000...180_000,
            warrantyMonths: [0],
            attributes: [
                ("Isi per kotak", ["12 batang", "24 batang", "1 botol"]),
                ("Ujung", ["0,5 mm", "0,7 mm", "bulat", "pahat"]),
            ],
            function: "Alat tulis harian pegawai dan sekolah"),
        ProductFamily(
            category: "ATK", kinds: ["Map Ordner", "Stapler", "Isi Staples", "Lakban", "Gunting", "Penggaris Besi"],
            brands: [("Bantex", "ID"), ("Kenko", "ID"), ("Joyko", "ID"), ("Max", "JP"), ("Daiko", "ID")],
            variants: ["kecil", "besar", "No. 10", "No. 3", "48 mm", "30 cm"], unit: "buah", cost: 5_000...120_000,
            warrantyMonths: [0, 3],
            attributes: [
                ("Bahan", ["plastik", "logam", "karton tebal"]), ("Warna", ["hitam", "biru", "merah", "hijau"]),
            ],
            function: "Perlengkapan arsip dan administrasi"),
        ProductFamily(
            category: "ELEKTRONIK-KOMPUTER", kinds: ["Laptop", "Notebook"],
            brands: [
                ("Axioo", "ID"), ("Advan", "ID"), ("Zyrex", "ID"), ("Lenovo", "CN"), ("Asus", "TW"), ("Acer", "TW"),
                ("HP", "CN"), ("Dell", "CN"),
            ],
            variants: [
                "Core i3 8GB 256GB SSD", "Core i5 8GB 512GB SSD", "Core i5 16GB 512GB SSD", "Core i7 16GB 1TB SSD",
                "Ryzen 5 8GB 512GB SSD", "Ryzen 7 16GB 512GB SSD",
            ],
            unit: "unit", cost: 5_500_000...18_000_000, warrantyMonths: [12, 24, 36],
            attributes: [
                ("Layar", ["14 inci FHD", "15,6 inci FHD", "13,3 inci"]),
                ("Sistem Operasi", ["Windows 11 Pro", "Windows 11 Home"]), ("Berat", ["1,4 kg", "1,7 kg", "2,1 kg"]),
            ],
            function: "Komputer jinjing untuk pekerjaan, rapat dan presentasi"),
        ProductFamily(
            category: "ELEKTRONIK-KOMPUTER", kinds: ["PC Desktop", "All in One PC", "Monitor LED"],
            brands: [
                ("Axioo", "ID"), ("Zyrex", "ID"), ("Lenovo", "CN"), ("HP", "CN"), ("Samsung", "VN"), ("LG", "ID"),
            ],
            variants: ["Core i3 8GB", "Core i5 8GB", "Core i5 16GB", "22 inci", "24 inci"], unit: "unit",
            cost: 1_500_000...14_000_000, warrantyMonths: [12, 36],
            attributes: [
                ("Penyimpanan", ["256GB SSD", "512GB SSD", "1TB HDD"]), ("Port", ["HDMI dan VGA", "HDMI, USB-C"]),
            ],
            function: "Perangkat komputer meja untuk pelayanan dan administrasi"),
        ProductFamily(
            category: "ELEKTRONIK-PRINTER",
            kinds: ["Printer Inkjet", "Printer Laser", "Printer Multifungsi", "Scanner Dokumen"],
            brands: [("Epson", "PH"), ("Canon", "VN"), ("HP", "CN"), ("Brother", "VN")],
            variants: ["L3210", "L5290", "G2020", "LaserJet M211dw", "DCP-T420W", "DS-530 II"], unit: "unit",
            cost: 1_800_000...7_000_000, warrantyMonths: [12, 24],
            attributes: [
                ("Kecepatan", ["10 ppm", "20 ppm", "30 ppm duplex"]), ("Kertas", ["A4 dan F4", "A4, F4 dan amplop"]),
                ("Koneksi", ["USB", "USB dan Wi-Fi"]),
            ],
            function: "Mencetak dan memindai dokumen pada kertas A4 dan F4"),
        ProductFamily(
            category: "ELEKTRONIK-PRINTER", kinds: ["Proyektor", "Layar Proyektor", "Tinta Printer", "Toner"],
            brands: [("Epson", "PH"), ("BenQ", "CN"), ("Infocus", "CN"), ("Blueprint", "ID")],
            variants: ["3600 lumen XGA", "4000 lumen WXGA", "70 inci tripod", "hitam 70 ml", "set 4 warna", "TN-2060"],
            unit: "unit", cost: 80_000...9_000_000, warrantyMonths: [0, 12],
            attributes: [
                ("Resolusi", ["XGA 1024 x 768", "WXGA 1280 x 800", "tidak berlaku"]),
                ("Isi", ["1 unit", "70 ml", "4 botol"]),
            ],
            function: "Presentasi rapat dan kebutuhan cetak"),
        ProductFamily(
            category: "MEBEL",
            kinds: [
                "Meja Kerja", "Meja Rapat", "Kursi Kerja", "Kursi Rapat", "Kursi Tunggu", "Lemari Arsip", "Rak Buku",
                "Filing Cabinet",
            ],
            brands: [
                ("Chitose", "ID"), ("Indachi", "ID"), ("Brother Furniture", "ID"), ("Olympic", "ID"), ("Informa", "ID"),
                ("Lion", "ID"),
            ],
            variants: ["kayu jati", "besi", "hitam", "coklat", "abu-abu", "marun", "2 pintu", "4 laci"], unit: "unit",
            cost: 350_000...6_500_000, warrantyMonths: [0, 12],
            attributes: [
                ("Dimensi", ["120 x 60 x 75 cm", "160 x 80 x 75 cm", "60 x 60 x 100 cm", "90 x 45 x 180 cm"]),
                ("Bahan", ["besi", "kayu olahan", "kayu jati", "jaring dan busa"]),
            ],
            function: "Perabot ruang kerja, ruang rapat dan ruang tunggu kantor"),
        ProductFamily(
            category: "KEBERSIHAN",
            kinds: ["Sapu Ijuk", "Alat Pel", "Cairan Pembersih Lantai", "Tisu", "Tempat Sampah", "Sabun Cuci Tangan"],
            brands: [
                ("Super Pell", "ID"), ("Wipol", "ID"), ("Paseo", "ID"), ("Nice", "ID"), ("Lion Star", "ID"),
                ("Claris", "ID"), ("Sunlight", "ID"),
            ],
            variants: ["1 liter", "5 liter", "isi 250 lembar", "40 liter", "refill 800 ml", "gagang panjang"],
            unit: "pcs", cost: 8_000...350_000, warrantyMonths: [0],
            attributes: [
                ("Isi", ["1 buah", "800 ml", "5 liter", "250 lembar"]),
                ("Aroma", ["lemon", "lavender", "tanpa aroma"]),
            ],
            function: "Kebersihan gedung, sekolah dan puskesmas"),
        ProductFamily(
            category: "BANGUNAN",
            kinds: ["Semen", "Cat Tembok", "Pipa PVC", "Keramik Lantai", "Paku Beton", "Seng Gelombang"],
            brands: [
                ("Tiga Roda", "ID"), ("Semen Gresik", "ID"), ("Dulux", "ID"), ("Avian", "ID"), ("Nippon Paint", "ID"),
                ("Wavin", "ID"), ("Rucika", "ID"), ("Roman", "ID"), ("Platinum", "ID"),
            ],
            variants: ["40 kg", "50 kg", "5 kg", "25 kg", "1/2 inci", "3 inci", "40 x 40", "60 x 60"], unit: "sak",
            cost: 25_000...950_000, warrantyMonths: [0],
            attributes: [
                ("Standar", ["SNI", "SNI 15-2049", "SNI 06-0084"]),
                ("Kemasan", ["sak", "pail", "batang 4 meter", "dus"]),
            ],
            function: "Pemeliharaan dan rehabilitasi gedung pemerintah"),
        ProductFamily(
            category: "JASA-CETAK",
            kinds: [
                "Cetak Spanduk", "Cetak Brosur", "Cetak Undangan", "Cetak Kartu Nama", "Cetak Buku", "Cetak Stiker",
            ],
            brands: [
                ("Percetakan Murakata", "ID"), ("Banua Grafika", "ID"), ("Paringin Digital Printing", "ID"),
                ("Halong Offset", "ID"),
            ],
            variants: [
                "flexi 280 gram", "art paper 150 gram", "art carton 260 gram", "full color", "per meter persegi",
            ], unit: "paket", cost: 50_000...2_500_000, warrantyMonths: [0],
            attributes: [
                ("Bahan", ["flexi", "kertas art paper", "kertas art carton", "vinyl"]),
                ("Pengerjaan", ["1 hari", "3 hari", "1 minggu"]),
            ],
            function: "Kebutuhan publikasi, sosialisasi dan acara kantor"),
    ]

    /// Sentences descriptions are made of.
    static let descriptionSentences = [
        "Cocok untuk kebutuhan kantor dinas dan sekolah.", "Barang baru dan asli, bergaransi resmi.",
        "Stok tersedia di gudang Paringin.",
        "Dikirim langsung oleh penyedia ke lokasi satuan kerja.", "Kualitas terjamin untuk pemakaian harian.",
        "Melayani pembelian dalam jumlah besar.",
        "Kemasan rapi dan aman selama pengiriman.", "Tahan lama dan mudah dirawat.",
        "Dapat dipasang oleh teknisi kami.", "Tersedia faktur pajak.",
    ]

    /// A tiny PNG per vendor: the catalog checks the magic number only, and stores each once.
    static let images: [String] = (0..<CatalogBenchmark.vendorCount).map {
        Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("siopen-bench vendor \($0)".utf8))
            .base64EncodedString()
    }

    /// The offer of product number `index`, always the same, from vendor `index % vendorCount`.
    static func offer(_ index: Int) -> ProductOfferInput {
        var random = SeededGenerator(state: UInt64(index))
        let family = families.randomElement(using: &random)!
        let kind = family.kinds.randomElement(using: &random)!
        let brand = family.brands.randomElement(using: &random)!
        let variant = family.variants.randomElement(using: &random)!
        var sentences = (0..<2).map { _ in descriptionSentences.randomElement(using: &random)! }
        // One product in 500 carries the eco-label: the rare word of the search mix.
        if Int.random(in: 0..<500, using: &random) == 0 {
            sentences.append("Bersertifikat ekolabel dan ramah lingkungan.")
        }
        let specification =
            [SpecificationAttribute(name: "Merek", value: brand.name)]
            + family.attributes.map {
                SpecificationAttribute(name: $0.name, value: $0.values.randomElement(using: &random)!)
            }

        let cost = Int64.random(in: family.cost, using: &random) / 500 * 500
        let tax = cost * 11 / 100
        let overhead = cost * Int64.random(in: 5...15, using: &random) / 100
        let toParingin = Int64.random(in: 0...50, using: &random) * 1_000
        let toAwayan = toParingin + Int64.random(in: 5...40, using: &random) * 1_000
        // One offer in four is delivered to Paringin only.
        let deliveries =
            Int.random(in: 0..<4, using: &random) == 0
            ? [("PARINGIN", toParingin)] : [("PARINGIN", toParingin), ("AWAYAN", toAwayan)]
        let regions = deliveries.map { region, delivery in
            RegionalPrice(
                regionCode: region, deliveryCost: Rupiah(integerLiteral: delivery),
                unitPrice: Rupiah(integerLiteral: cost + tax + overhead + delivery))
        }
        let domestic = brand.country == "ID"
        let certified = domestic && Int.random(in: 0..<4, using: &random) > 0
        return ProductOfferInput(
            categoryCode: family.category, name: "\(kind) \(brand.name) \(variant)",
            description: "\(kind) merek \(brand.name) \(variant). " + sentences.joined(separator: " "),
            function: family.function,
            specification: specification,
            origin: ProductOrigin(kind: domestic ? .domestic : .imported, country: brand.country),
            tkdn: certified
                ? TKDNDeclaration(
                    basisPoints: Int.random(in: 2_500...9_500, using: &random), certificateNumber: "TKDN-2025-\(index)")
                : nil,
            unit: family.unit,
            price: PriceBreakdown(
                productCost: Rupiah(integerLiteral: cost), tax: Rupiah(integerLiteral: tax),
                overheadAndProfit: Rupiah(integerLiteral: overhead),
                includesPPN: true, regions: regions),
            stock: Int.random(in: 0..<10, using: &random) == 0 ? 0 : Int.random(in: 1...2_000, using: &random),
            deliveryDays: Int.random(in: 1...21, using: &random),
            warranty: Warranty(months: family.warrantyMonths.randomElement(using: &random)!),
            images: [ImageInput(contentBase64: images[index % CatalogBenchmark.vendorCount])])
    }
}
