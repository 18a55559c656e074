import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// A tenant's payment rules, held as data (the dated tax rule table, deadlines, holidays).
struct PaymentsSettingsHandlers {
    let context: PaymentsContext

    func register(into table: inout RPCMethodTable) {
        table.register(PaymentsSettingsGet.self) { params, request in
            let principal = try request.requirePrincipal()
            guard let tenant = params.tenant ?? principal.tenant else {
                throw RPCError.validationFailed(field: "tenant", reason: "is required")
            }
            try principal.requireTenant(tenant, reading: true)
            return try await context.database.read { db in try PaymentsSettingsStore.settings(db, tenant: tenant) }
        }
        table.register(PaymentsSettingsSet.self) { params, request in try await set(params, request) }
    }

    func set(_ params: PaymentsSettings, _ request: RequestContext) async throws -> PaymentsSettings {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        if let reason = InputRules.codeProblem(params.tenant, length: 1...32) {
            throw DomainRefusal.validationFailed(field: "tenant", reason: reason)
        }
        try TaxSettingsRules.validate(params.tax)
        let problems =
            MechanismLimits.problems(params.mechanismLimits)
            + PaymentDocumentTextRules.problems(params.documents)
        if !problems.isEmpty { throw DomainRefusal.validationFailed(problems) }
        let at = context.now()
        return try await context.database.write { db in
            try PaymentsSettingsStore.table.replace(
                db, with: params, actor: principal, method: PaymentsSettingsSet.name, at: at)
        }
    }
}
