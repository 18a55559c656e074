import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// The reporting service of SiOpen.
public enum ReportingService {
    /// Its definition: name, schema and methods. Beyond what the runtime adds to every service
    /// (`system.health`, `rpc.discover`, `events.read`, `audit.read`, `audit.verify`) it serves
    /// nothing yet.
    public static let definition = ServiceDefinition(
        name: "reporting",
        summary: "Reporting: transaction reports for the procurement unit, APIP and the Bupati, and open contracting data.",
        migrations: [
            Migration(version: 1, name: "audit trail and event feed", sql: SharedSchema.sql),
            Migration(version: 2, name: "event versions", sql: EventFeed.versionSQL),
        ])
}
