import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Who may see and act on an order, and how it is shown.
enum OrderAccess {
    /// The roles that order and hold orders: the PPK, and the Pejabat Pengadaan (Perpres 16/2018
    /// Pasal 12; Perbup Balangan 92/2023 Pasal 9 and 14 ayat (3)), who acts on an
    /// order exactly as its PPK does (the order's `ppk` party).
    static let orderingRoles: Set<Role> = [.ppk, .procurementOfficial]

    /// Whether `principal` holds a role that orders.
    static func isOrderingOfficial(_ principal: Principal) -> Bool {
        !orderingRoles.isDisjoint(with: principal.roles)
    }

    /// The party `principal` acts as on `order`: its own PPK (or Pejabat Pengadaan) or its vendor; 403 for anyone else.
    static func actingParty(_ principal: Principal, _ order: StoredOrder) throws -> OrderParty {
        if principal.has(.vendor), principal.vendorID == order.vendorID { return .vendor }
        if isOrderingOfficial(principal), principal.tenant == order.tenant, principal.id == order.ppkAccountID {
            return .ppk
        }
        throw RPCError.forbidden("only the order's own PPK and vendor act on it")
    }

    /// Refuses unless `principal` may read `order`: its parties, its agency's PPK, PA/KPA and
    /// treasurer, and the tenant's supervisors (auditor, UKPBJ head, Super Admin, national monitor).
    static func requireReadable(_ principal: Principal, tenant: String, agency: String, vendorID: String?) throws {
        if principal.has(.vendor), let vendorID, principal.vendorID == vendorID { return }
        if principal.roles.contains(where: { [.auditor, .ukpbjHead, .superAdmin, .monitor].contains($0) }) {
            try principal.requireTenant(tenant, reading: true)
            return
        }
        if principal.roles.contains(where: {
            [.ppk, .procurementOfficial, .budgetHolder, .treasurer, .agencyAdmin].contains($0)
        }),
            principal.tenant == tenant, principal.agency == agency
        {
            return
        }
        throw RPCError.forbidden("this order belongs to another agency or vendor")
    }

    /// The party `principal` would act as, for listing the actions open to it.
    static func viewingParty(_ principal: Principal, _ order: StoredOrder) -> OrderParty? {
        try? actingParty(principal, order)
    }
}

/// Builds what callers see of an order.
enum OrderView {
    static func record(_ db: Connection, _ order: StoredOrder, viewer: Principal?, today: CivilDate) throws
        -> OrderRecord
    {
        let data = order.data
        let settings = try SettingsStore.settings(db, tenant: order.tenant)
        let ppn = try? OrderStore.ppnTerms(data, settings: settings, today: today)
        let agreed = data.negotiation?.agreedTerms
        var execution: OrderExecution?
        if let ledger = data.ledger, let agreed {
            let penalty =
                try data.finalPenalty
                ?? Penalty.assess(data, ledger: ledger, agreed: agreed, today: today, settings: settings)
            execution = OrderExecution(
                ledger: ledger, dueDate: agreed.deliveryDate, penalty: penalty, receivedOn: data.receivedOn)
        }
        let split = try db.queryOne("SELECT flag FROM split_purchase_flag WHERE order_id = ?", order.id).map {
            try JSONColumn.value(SplitPurchaseFlag.self, try $0.string(0))
        }
        let party = viewer.flatMap { OrderAccess.viewingParty($0, order) }
        return OrderRecord(
            id: order.id, tenant: order.tenant, agency: order.agency, ppkAccountID: order.ppkAccountID,
            vendor: data.vendor, state: order.state,
            preparation: data.preparation, terms: data.terms, items: data.items, priceEstimate: data.priceEstimate,
            offers: data.negotiation?.offers ?? [], agreedRound: data.negotiation?.acceptedRound,
            agreedTotals: try agreed.flatMap { terms in try ppn.map { try terms.totals(ppn: $0) } },
            vendorResponseDue: order.vendorResponseDue, closingReason: data.closingReason,
            failureGrounds: data.failureGrounds,
            suratPesanan: try data.suratPesananID.map { try DocumentRegister.info(db, id: $0) }, execution: execution,
            bast: try data.bastID.map { try DocumentRegister.info(db, id: $0) }, splitPurchase: split,
            availableActions: party.map { order.aggregate.availableActions(for: $0) } ?? [],
            version: order.version, createdAt: order.createdAt, updatedAt: order.updatedAt, parties: data.parties,
            payment: try OrderPayments.status(db, orderID: order.id))
    }
}

/// The late-delivery penalty (Perpres 16/2018 Pasal 79): 1‰ per day of the value of the late
/// part before PPN. Each unit counts once, in the delivery in which it was accepted (units
/// rejected there are counted where their replacement arrives); units not yet delivered are
/// late until today. The agreed delivery, installation and training lines are a part of their
/// own: they are done when the whole order is, so they are late from the due date to the day
/// of the last delivery (until today while units are outstanding or awaiting inspection).
enum Penalty {
    static func assess(
        _ data: OrderData, ledger: DeliveryLedger, agreed: NegotiationOffer, today: CivilDate, settings: OrdersSettings
    ) throws -> LatePenaltyAssessment {
        let ppn = try OrderStore.ppnTerms(data, settings: settings, today: today)
        return try LatePenalty.assess(
            ledger: ledger, agreed: agreed, ppn: ppn, received: data.receivedOn != nil, today: today,
            maxDays: settings.maxPenaltyDays)
    }
}
