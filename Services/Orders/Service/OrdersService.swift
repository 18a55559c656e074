import SiOpenProtocol
import SiOpenRuntime

/// The orders service of SiOpen.
public enum OrdersService {
    /// Its definition: name, schema and methods. Beyond `system.health` and `rpc.discover`
    /// (added by the runtime) it serves nothing yet.
    public static let definition = ServiceDefinition(
        name: "orders",
        summary: "Orders and negotiation: the PPK's preparation, orders, negotiation rounds, the Surat Pesanan, deliveries, inspection, and the handover record (BAST).")
}
