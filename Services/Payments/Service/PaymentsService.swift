import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// The payments service of SiOpen.
public enum PaymentsService {
    /// Its definition: name, schema and methods. Beyond what the runtime adds to every service
    /// (`system.health`, `rpc.discover`, `events.read`, `audit.read`, `audit.verify`) it serves
    /// nothing yet.
    public static let definition = ServiceDefinition(
        name: "payments",
        summary: "Payments and tax: payment of vendors by transfer on a Surat Pesanan with its receipt or BAST, tax withholding and withholding slips, and receipts (kuitansi).",
        migrations: [
            Migration(version: 1, name: "audit trail and event feed", sql: SharedSchema.sql),
            Migration(version: 2, name: "event versions", sql: EventFeed.versionSQL),
        ])
}
