// The one place a rule's refusal becomes a JSON-RPC error. The dispatcher applies it to every
// error a handler throws (``RPCErrorConvertible``), so handlers just let refusals through.
import SiOpenDomain
import SiOpenProtocol

extension DomainRefusal: RPCErrorConvertible {
    /// The wire error: 403 `forbidden`, 409 `conflict` (with `data.currentState`), 422
    /// `validation_failed` (with `data.fields`) or 404 `not_found` (with `data.entity`, `data.id`),
    /// exactly as ``RPCError``'s constructors of the same names build them.
    public var rpcError: RPCError {
        switch kind {
        case .forbidden: .forbidden(message)
        case .conflict: .conflict(message, currentState: currentState)
        case .validation: .validationFailed(fields)
        case .notFound: .notFound(entity?.name ?? "record", id: entity?.id ?? "")
        }
    }
}
