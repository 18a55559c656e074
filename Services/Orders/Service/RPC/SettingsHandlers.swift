import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// A tenant's order rules, held as data (ceilings, periods, templates, clauses).
struct SettingsHandlers {
    let context: OrdersContext

    func register(into table: inout RPCMethodTable) {
        table.register(OrdersSettingsGet.self) { params, request in
            let principal = try request.requirePrincipal()
            guard let tenant = params.tenant ?? principal.tenant else {
                throw RPCError.validationFailed(field: "tenant", reason: "is required")
            }
            try principal.requireTenant(tenant, reading: true)
            return try await context.database.read { db in try SettingsStore.settings(db, tenant: tenant) }
        }
        table.register(OrdersSettingsSet.self) { params, request in try await set(params, request) }
    }

    func set(_ params: OrdersSettings, _ request: RequestContext) async throws -> OrdersSettings {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        let problems = SettingsRules.validate(params)
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        let at = context.now()
        return try await context.database.write { db in
            try SettingsStore.table.replace(db, with: params, actor: principal, method: OrdersSettingsSet.name, at: at)
        }
    }
}
