import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// The payments service of SiOpen: payment of vendors by transfer, tax withholding and its slips, and receipts (kuitansi).
///
/// Laid out as every service is: `Domain/` (rules, no I/O), `Store/` (its SQL), `RPC/` (thin
/// handlers), `Schema.swift`, and this file, which wires them. Beyond what the runtime adds to
/// every service (`system.health`, `rpc.discover`, `events.read`, `audit.read`, `audit.verify`)
/// it serves nothing yet: issue 12 (payments) adds its methods, its feed of `order.readyForPayment` and its documents (kuitansi, slips).
public enum PaymentsService {
    /// Its definition, with the real clock.
    public static let definition = makeDefinition()

    /// Its definition. Tests pass a clock they control.
    public static func makeDefinition(now: @escaping @Sendable () -> Date = { Date() }) -> ServiceDefinition {
        ServiceDefinition(
            name: "payments",
            summary:
                "Payments and tax: payment of vendors by transfer on a Surat Pesanan with its receipt or BAST, tax withholding and withholding slips, and receipts (kuitansi).",
            migrations: PaymentsSchema.migrations,
            registerMethods: { table, environment in
                let context = PaymentsContext(database: environment.database, now: now)
                PaymentsHandlers(context: context).register(into: &table)
            },
            examples: ContractExamples.of("payments"))
    }
}

/// Everything the payments handlers share.
struct PaymentsContext: Sendable {
    /// The service's own database.
    let database: Database
    /// The service's clock (``ServiceClock`` in the executable, a controlled one in tests).
    let now: @Sendable () -> Date
}
