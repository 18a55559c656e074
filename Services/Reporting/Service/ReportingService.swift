import SiOpenProtocol
import SiOpenRuntime

/// The reporting service of SiOpen.
public enum ReportingService {
    /// Its definition: name, schema and methods. Beyond `system.health` and `rpc.discover`
    /// (added by the runtime) it serves nothing yet.
    public static let definition = ServiceDefinition(
        name: "reporting",
        summary: "Reporting: transaction reports for the procurement unit, APIP and the Bupati, and open contracting data.")
}
