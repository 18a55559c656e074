import SiOpenProtocol
import SiOpenRuntime

/// The catalog service of SiOpen.
public enum CatalogService {
    /// Its definition: name, schema and methods. Beyond `system.health` and `rpc.discover`
    /// (added by the runtime) it serves nothing yet.
    public static let definition = ServiceDefinition(
        name: "catalog",
        summary: "Catalog and verification: product offers and their revisions, verification by verifiers, catalogue search and price references, and delisting sanctions.")
}
