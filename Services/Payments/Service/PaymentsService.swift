import SiOpenProtocol
import SiOpenRuntime

/// The payments service of SiOpen.
public enum PaymentsService {
    /// Its definition: name, schema and methods. Beyond `system.health` and `rpc.discover`
    /// (added by the runtime) it serves nothing yet.
    public static let definition = ServiceDefinition(
        name: "payments",
        summary: "Payments and tax: payment of vendors by transfer on a Surat Pesanan with its receipt or BAST, tax withholding and withholding slips, and receipts (kuitansi).")
}
