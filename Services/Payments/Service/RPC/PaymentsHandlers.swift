import SiOpenProtocol

/// The payments methods: each decodes, authorizes, calls `Domain/` and `Store/`, and encodes.
/// None yet beyond the runtime's shared methods.
struct PaymentsHandlers {
    let context: PaymentsContext

    /// Registers the service's own methods.
    func register(into table: inout RPCMethodTable) {}
}
