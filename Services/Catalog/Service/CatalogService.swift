import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// The catalog service of SiOpen.
public enum CatalogService {
    /// Its definition: name, schema and methods. Beyond what the runtime adds to every service
    /// (`system.health`, `rpc.discover`, `events.read`, `audit.read`, `audit.verify`) it serves
    /// nothing yet.
    public static let definition = ServiceDefinition(
        name: "catalog",
        summary: "Catalog and verification: product offers and their revisions, verification by verifiers, catalogue search and price references, and delisting sanctions.",
        migrations: [Migration(version: 1, name: "audit trail and event feed", sql: SharedSchema.sql)])
}
