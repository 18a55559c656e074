import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// The orders service of SiOpen.
public enum OrdersService {
    /// Its definition: name, schema and methods. Beyond what the runtime adds to every service
    /// (`system.health`, `rpc.discover`, `events.read`, `audit.read`, `audit.verify`) it serves
    /// nothing yet.
    public static let definition = ServiceDefinition(
        name: "orders",
        summary: "Orders and negotiation: the PPK's preparation, orders, negotiation rounds, the Surat Pesanan, deliveries, inspection, and the handover record (BAST).",
        migrations: [Migration(version: 1, name: "audit trail and event feed", sql: SharedSchema.sql)])
}
