// siopen-bench: measured figures for SiOpen's foundation, each next to a baseline run in the
// same process on the same machine, so the ratio means something on any hardware.
//
//   siopen-bench rpc [--seconds S]       system.health round trips vs a bare socket echo
//   siopen-bench storage [--writes N]    durable writes through SiOpenStorage vs raw SQLite
//   siopen-bench identity [--seconds S]  system.health vs token-checked auth.whoami; sign-ins/s with real scrypt
//   siopen-bench catalog [--products N] [--seconds S]
//                                        catalog.search vs the same FTS5 SQL run directly, over N products seeded by RPC
//   siopen-bench orders [--seconds S]    whole purchases (order → BAST) per second; order placements per second
//   siopen-bench payments [--payments N] [--slips N]
//                                        whole payments (prepared → settled, with documents) per second vs storage durable writes;
//                                        the Coretax BPPU export of N slips (XML, CSV) vs plain string joins and JSONEncoder
//   siopen-bench all
import Foundation
import SiOpenProtocol
import SiOpenRuntime

// Data folders, databases and tokens the benchmarks make are private, as the services require.
umask(0o077)

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
        let parsed = Int(arguments[index + 1])
    else {
        return value
    }
    return parsed
}

switch arguments.first {
case "rpc":
    try await RPCBenchmark.run(seconds: option("--seconds", default: 3))
case "storage":
    try await StorageBenchmark.run(writes: option("--writes", default: 2000))
case "identity":
    try await IdentityBenchmark.run(seconds: option("--seconds", default: 3))
case "catalog":
    try await CatalogBenchmark.run(
        products: option("--products", default: 100_000), seconds: option("--seconds", default: 10))
case "orders":
    try await OrdersBenchmark.run(seconds: option("--seconds", default: 10))
case "payments":
    try await PaymentsBenchmark.run(
        payments: option("--payments", default: 40), slips: option("--slips", default: 100_000))
case "echo-server":
    // Internal: the bare-echo baseline, run as its own process like a real service.
    EchoServer.serve(path: arguments[1])
case "all", nil:
    try await RPCBenchmark.run(seconds: option("--seconds", default: 3))
    try await StorageBenchmark.run(writes: option("--writes", default: 2000))
    try await IdentityBenchmark.run(seconds: option("--seconds", default: 3))
    try await CatalogBenchmark.run(
        products: option("--products", default: 100_000), seconds: option("--seconds", default: 10))
    try await OrdersBenchmark.run(seconds: option("--seconds", default: 10))
    try await PaymentsBenchmark.run(
        payments: option("--payments", default: 40), slips: option("--slips", default: 100_000))
default:
    FileHandle.standardError.write(
        Data(
            "usage: siopen-bench rpc [--seconds S] | storage [--writes N] | identity [--seconds S] | catalog [--products N] [--seconds S] | orders [--seconds S] | payments [--payments N] [--slips N] | all\n"
                .utf8))
    exit(64)
}

/// Prints a line at once (stdout may be a pipe, where `print` would hold it back).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
