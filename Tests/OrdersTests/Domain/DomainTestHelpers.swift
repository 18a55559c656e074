import OrdersService
// Small helpers for the orders domain tests.
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

/// The wire error of what `body` throws (a ``DomainRefusal`` as the RPC layer sends it), or nil when it succeeds.
func refusal(_ body: () throws -> Void) -> RPCError? {
    do {
        try body()
        return nil
    } catch let error as any RPCErrorConvertible {
        return error.rpcError
    } catch {
        return RPCError(code: -1, message: "non-RPC error: \(error)")
    }
}

/// A calendar day from a literal.
func day(_ text: String) -> CivilDate {
    do { return try CivilDate(text) } catch { fatalError("bad date literal \(text)") }
}

/// An amount from a run-time integer.
func rp(_ amount: Int64) -> Rupiah {
    do { return try Rupiah(checked: amount) } catch { fatalError("negative amount \(amount)") }
}

/// The `data.currentState` of a conflict.
func currentState(_ error: RPCError?) -> String? { error?.data?["currentState"]?.stringValue }

/// Expects a 422 naming exactly `fields`.
func expectValidation(_ error: RPCError?, fields: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(error?.code == 422, "expected 422, got \(String(describing: error))", sourceLocation: sourceLocation)
    #expect(fieldNames(error) == fields, "fields of \(String(describing: error))", sourceLocation: sourceLocation)
}
