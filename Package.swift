// swift-tools-version:6.0
// SiOpen: the order system of a regional government procurement e-marketplace.
// No package dependencies: Foundation, Dispatch, Glibc, and four C system libraries.
import PackageDescription

/// The five services, each its own executable (`siopen-<name>`) over a library that holds
/// its domain logic and RPC surface, so tests and benchmarks can build it in-process.
let services: [(name: String, folder: String)] = [
    ("Identity", "Identity"),
    ("Catalog", "Catalog"),
    ("Orders", "Orders"),
    ("Payments", "Payments"),
    ("Reporting", "Reporting"),
]

var targets: [Target] = [
    // C system libraries. Only SiOpenStorage imports CSQLite; only SiOpenSecurity imports COpenSSL.
    .systemLibrary(
        name: "CSQLite", path: "Shared/CSQLite", pkgConfig: "sqlite3",
        providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
        name: "COpenSSL", path: "Shared/COpenSSL", pkgConfig: "libcrypto",
        providers: [.apt(["libssl-dev"])]),
    // QR codes on printed documents (libqrencode) and PNG emblems (zlib); only SiOpenDocuments imports them.
    .systemLibrary(
        name: "CQRencode", path: "Shared/CQRencode", pkgConfig: "libqrencode",
        providers: [.apt(["libqrencode-dev"])]),
    .systemLibrary(
        name: "CZlib", path: "Shared/CZlib", pkgConfig: "zlib",
        providers: [.apt(["zlib1g-dev"])]),

    // Shared modules.
    .target(name: "SiOpenProtocol", path: "Shared/Protocol"),
    .target(name: "SiOpenStorage", dependencies: ["CSQLite"], path: "Shared/Storage"),
    .target(name: "SiOpenSecurity", dependencies: ["COpenSSL"], path: "Shared/Security"),
    .target(
        name: "SiOpenRuntime",
        dependencies: ["SiOpenProtocol", "SiOpenStorage", "SiOpenSecurity", "SiOpenDomain"],
        path: "Shared/Runtime"),
    .target(name: "SiOpenDomain", dependencies: ["SiOpenProtocol"], path: "Shared/Domain"),
    // Printable legal documents (Surat Pesanan, BAST, kuitansi, reports): PDF and HTML, terbilang, seal and verification.
    .target(
        name: "SiOpenDocuments",
        dependencies: [
            "SiOpenProtocol", "SiOpenDomain", "SiOpenSecurity", "SiOpenRuntime", "SiOpenStorage", "SiOpenContracts",
            "CQRencode", "CZlib",
        ], path: "Shared/Documents"),
    // Every service's RPC contract (method declarations and their types), in one place.
    .target(name: "SiOpenContracts", dependencies: ["SiOpenProtocol", "SiOpenDomain"], path: "Shared/Contracts"),
    // The scenario kit: the standard scenario's steps over RPC clients and the one service launcher, for tests and benchmarks.
    .target(
        name: "SiOpenScenario",
        dependencies: ["SiOpenProtocol", "SiOpenContracts", "SiOpenRuntime", "SiOpenDomain", "SiOpenSecurity"],
        path: "Shared/Scenario"),

    // Compose: the `siopen` command and the benchmark.
    .executableTarget(
        name: "siopen",
        dependencies: ["SiOpenProtocol", "SiOpenRuntime", "SiOpenContracts", "SiOpenDomain", "SiOpenScenario"],
        path: "Compose/CLI"),
    .executableTarget(
        name: "siopen-bench",
        dependencies: [
            "SiOpenProtocol", "SiOpenRuntime", "SiOpenStorage", "SiOpenContracts", "SiOpenSecurity", "SiOpenDomain",
            "SiOpenScenario", "IdentityService", "CatalogService", "OrdersService", "PaymentsService",
        ],
        path: "Compose/Bench"),

    // Test support: a child process that acknowledges durable writes, for the kill -9 test.
    .executableTarget(
        name: "siopen-test-storage-writer", dependencies: ["SiOpenStorage"],
        path: "Tests/Support/StorageWriter"),

    // What every test target needs from the machine (temp folders, built executables).
    .target(name: "SiOpenTestSupport", dependencies: ["SiOpenProtocol"], path: "Tests/Support/TestKit"),

    // Tests mirror the shared modules; ComposeTests drive real service processes.
    .testTarget(
        name: "ProtocolTests", dependencies: ["SiOpenTestSupport", "SiOpenProtocol", "SiOpenRuntime"],
        path: "Tests/ProtocolTests"),
    .testTarget(
        name: "StorageTests", dependencies: ["SiOpenTestSupport", "SiOpenStorage"], path: "Tests/StorageTests"),
    .testTarget(
        name: "SecurityTests", dependencies: ["SiOpenTestSupport", "SiOpenSecurity"], path: "Tests/SecurityTests"),
    .testTarget(
        name: "IdentityTests",
        dependencies: [
            "SiOpenServiceTestSupport", "SiOpenScenario", "SiOpenTestSupport", "IdentityService", "SiOpenContracts",
            "SiOpenRuntime", "SiOpenProtocol", "SiOpenDomain", "SiOpenSecurity",
        ],
        path: "Tests/IdentityTests"),
    // Real services started in-process over a shared data folder, for service and end-to-end tests.
    .target(
        name: "SiOpenServiceTestSupport",
        dependencies: [
            "SiOpenTestSupport", "SiOpenScenario", "IdentityService", "CatalogService", "OrdersService",
            "PaymentsService", "SiOpenContracts", "SiOpenRuntime", "SiOpenProtocol", "SiOpenDomain", "SiOpenSecurity",
        ],
        path: "Tests/Support/ServiceKit"),
    .testTarget(
        name: "CatalogTests",
        dependencies: [
            "SiOpenServiceTestSupport", "SiOpenTestSupport", "CatalogService", "IdentityService", "SiOpenContracts",
            "SiOpenRuntime", "SiOpenProtocol", "SiOpenDomain", "SiOpenStorage",
        ],
        path: "Tests/CatalogTests"),
    .testTarget(
        name: "OrdersTests",
        dependencies: [
            "SiOpenServiceTestSupport", "SiOpenTestSupport", "OrdersService", "CatalogService", "IdentityService",
            "SiOpenContracts", "SiOpenRuntime", "SiOpenProtocol", "SiOpenDomain", "SiOpenDocuments", "SiOpenStorage",
        ],
        path: "Tests/OrdersTests"),
    .testTarget(
        name: "PaymentsTests",
        dependencies: [
            "SiOpenServiceTestSupport", "SiOpenTestSupport", "PaymentsService", "OrdersService", "CatalogService",
            "IdentityService", "SiOpenContracts", "SiOpenRuntime", "SiOpenProtocol", "SiOpenDomain", "SiOpenDocuments",
            "SiOpenStorage", "SiOpenSecurity",
        ],
        path: "Tests/PaymentsTests"),
    .testTarget(
        name: "DocumentsTests",
        dependencies: [
            "SiOpenTestSupport", "SiOpenDocuments", "SiOpenDomain", "SiOpenSecurity", "SiOpenStorage",
            "SiOpenContracts", "SiOpenRuntime", "SiOpenProtocol",
        ], path: "Tests/DocumentsTests"),
    .testTarget(
        name: "DomainTests", dependencies: ["SiOpenTestSupport", "SiOpenDomain", "SiOpenProtocol"],
        path: "Tests/DomainTests"),
    .testTarget(
        name: "RuntimeTests",
        dependencies: ["SiOpenTestSupport", "SiOpenRuntime", "SiOpenProtocol", "SiOpenStorage", "SiOpenSecurity"],
        path: "Tests/RuntimeTests"),
    .testTarget(
        name: "ComposeTests",
        dependencies: ["SiOpenTestSupport", "SiOpenProtocol", "SiOpenRuntime", "SiOpenScenario", "SiOpenContracts"],
        path: "Tests/ComposeTests"),
    // Every method of every service fuzzed through the real processes' sockets.
    .testTarget(
        name: "FuzzTests",
        dependencies: [
            "SiOpenServiceTestSupport", "SiOpenTestSupport", "IdentityService", "SiOpenContracts", "SiOpenRuntime",
            "SiOpenProtocol", "SiOpenDomain",
        ],
        path: "Tests/FuzzTests"),
]

for service in services {
    targets.append(
        .target(
            name: "\(service.name)Service",
            dependencies: [
                "SiOpenProtocol", "SiOpenRuntime", "SiOpenStorage", "SiOpenSecurity", "SiOpenDomain", "SiOpenContracts",
                "SiOpenDocuments",
            ],
            path: "Services/\(service.folder)/Service"))
    targets.append(
        .executableTarget(
            name: "siopen-\(service.name.lowercased())",
            dependencies: [.target(name: "\(service.name)Service"), "SiOpenRuntime"],
            path: "Services/\(service.folder)/Main"))
}

let package = Package(
    name: "SiOpen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "siopen", targets: ["siopen"]),
        .executable(name: "siopen-bench", targets: ["siopen-bench"]),
    ]
        + services.map {
            .executable(name: "siopen-\($0.name.lowercased())", targets: ["siopen-\($0.name.lowercased())"])
        },
    targets: targets,
    swiftLanguageModes: [.v6]
)
