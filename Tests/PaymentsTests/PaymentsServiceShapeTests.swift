import PaymentsService
import Testing

/// The payments service's definition, before its methods land.
@Suite struct PaymentsServiceShapeTests {
    @Test func isNamedPayments() {
        #expect(PaymentsService.definition.name == "payments")
    }
}
