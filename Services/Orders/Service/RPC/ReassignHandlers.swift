import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Handing an order to another ordering official of its agency when its PPK leaves, so that no
/// order is stranded (issue 11). The PA/KPA (who appoints the PPK and the Pejabat Pengadaan,
/// Perpres 16/2018 Pasal 9 ayat (1), a power the PA may delegate to the KPA, Pasal 9 ayat (2) and
/// Pasal 10) or the agency administrator (who makes the agency's PPK accounts, Perbup Balangan
/// 92/2023 annex I.B) decides; the new holder must be an active PPK or Pejabat
/// Pengadaan of the same tenant and agency, as identity knows the account now.
struct ReassignHandlers {
    let context: OrdersContext

    func register(into table: inout RPCMethodTable) {
        table.register(OrderReassign.self) { params, request in try await reassign(params, request) }
    }

    func reassign(_ params: OrderReassignParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        let reason = params.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw RPCError.validationFailed(field: "reason", reason: "is required") }
        try InputRules.requireFreeText(reason, field: "reason", max: 2000, multiline: true)
        let current = try await context.database.read { db in try OrderStore.load(db, id: params.orderID) }
        try Self.requireAgencyAuthority(principal, tenant: current.tenant, agency: current.agency)
        // The new holder as identity knows the account now (orders' service token).
        let holder: OfficialSummary
        do {
            holder = try await context.identity.call(
                AccountOfficial.self, AccountRef(accountID: params.newHolderAccountID), token: context.serviceToken())
        } catch let error as RPCError where error.code == ApplicationErrorCode.notFound.rawValue {
            throw RPCError.validationFailed(field: "newHolderAccountID", reason: "is not an account")
        } catch let error as RPCError where error.code == ApplicationErrorCode.forbidden.rawValue {
            throw RPCError.dependencyUnavailable("identity refused orders' service token; try again shortly")
        }
        if let problem = Self.holderProblem(holder, tenant: current.tenant, agency: current.agency) {
            throw RPCError.validationFailed(field: "newHolderAccountID", reason: problem)
        }
        let at = context.now()
        let today = context.today
        return try await context.database.write { db in
            let order = try OrderStore.load(db, id: params.orderID)
            guard order.version == params.version else {
                throw RPCError.conflict(
                    "the order changed since it was read (version \(order.version)); read it again",
                    currentState: order.state.rawValue)
            }
            if order.state.isTerminal {
                throw RPCError.conflict(
                    "a closed order (\(order.state.rawValue)) stays with its PPK", currentState: order.state.rawValue)
            }
            if order.ppkAccountID == holder.id {
                throw RPCError.validationFailed(field: "newHolderAccountID", reason: "already holds this order")
            }
            let before: JSONValue = [
                "ppkAccountID": .string(order.ppkAccountID), "ppkName": .string(order.data.ppkName),
            ]
            try OrderStore.reassign(db, order, to: holder.id, name: holder.fullName, at: at)
            let saved = try OrderStore.load(db, id: order.id)
            try AuditTrail.append(
                db, tenant: order.tenant, actor: principal, method: OrderReassign.name, targetType: "order",
                targetID: order.id, action: "reassigned", before: before,
                after: [
                    "ppkAccountID": .string(holder.id), "ppkName": .string(holder.fullName),
                    "holderRoles": .array(holder.roles.map { .string($0.rawValue) }), "reason": .string(reason),
                ], at: at)
            return try OrderView.record(db, saved, viewer: principal, today: today)
        }
    }

    /// Refuses (403) anyone but the PA/KPA or the agency administrator of the order's own agency.
    static func requireAgencyAuthority(_ principal: Principal, tenant: String, agency: String) throws {
        guard principal.has(.budgetHolder) || principal.has(.agencyAdmin) else {
            throw RPCError.forbidden("only the PA/KPA or the agency administrator reassigns orders")
        }
        guard principal.tenant == tenant, principal.agency == agency else {
            throw RPCError.forbidden("this order belongs to another agency")
        }
    }

    /// Why `holder` cannot take over an order of `tenant`'s `agency`, or nil when it can.
    static func holderProblem(_ holder: OfficialSummary, tenant: String, agency: String) -> String? {
        if holder.status != "active" { return "is not an active account" }
        if holder.tenant != tenant || holder.agency != agency { return "is not an account of the order's agency" }
        if OrderAccess.orderingRoles.isDisjoint(with: holder.roles) {
            return "must hold the PPK or Pejabat Pengadaan role"
        }
        return nil
    }
}
