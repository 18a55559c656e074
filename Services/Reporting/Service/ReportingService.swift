import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// The reporting service of SiOpen: transaction reports for UKPBJ, APIP and the Bupati, and open contracting data.
///
/// Laid out as every service is: `Domain/` (rules, no I/O), `Store/` (its SQL), `RPC/` (thin
/// handlers), `Schema.swift`, and this file, which wires them. Beyond what the runtime adds to
/// every service (`system.health`, `rpc.discover`, `events.read`, `audit.read`, `audit.verify`)
/// it serves nothing yet: issue 13 (reporting) adds its methods, the feeds it reads and the reports it issues.
public enum ReportingService {
    /// Its definition, with the real clock.
    public static let definition = makeDefinition()

    /// Its definition. Tests pass a clock they control.
    public static func makeDefinition(now: @escaping @Sendable () -> Date = { Date() }) -> ServiceDefinition {
        ServiceDefinition(
            name: "reporting",
            summary:
                "Reporting: transaction reports for the procurement unit, APIP and the Bupati, and open contracting data.",
            migrations: ReportingSchema.migrations,
            registerMethods: { table, environment in
                let context = ReportingContext(database: environment.database, now: now)
                ReportingHandlers(context: context).register(into: &table)
            },
            examples: ContractExamples.of("reporting"))
    }
}

/// Everything the reporting handlers share.
struct ReportingContext: Sendable {
    /// The service's own database.
    let database: Database
    /// The service's clock (``ServiceClock`` in the executable, a controlled one in tests).
    let now: @Sendable () -> Date
}
