import SiOpenProtocol

/// The reporting methods: each decodes, authorizes, calls `Domain/` and `Store/`, and encodes.
/// None yet beyond the runtime's shared methods.
struct ReportingHandlers {
    let context: ReportingContext

    /// Registers the service's own methods.
    func register(into table: inout RPCMethodTable) {}
}
