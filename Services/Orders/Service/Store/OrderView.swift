import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Who may see and act on an order, and how it is shown.
enum OrderAccess {
    /// The party `principal` acts as on `order`: its own PPK or its vendor; 403 for anyone else.
    static func actingParty(_ principal: Principal, _ order: StoredOrder) throws -> OrderParty {
        if principal.has(.vendor), principal.vendorID == order.vendorID { return .vendor }
        if principal.has(.ppk), principal.tenant == order.tenant, principal.id == order.ppkAccountID { return .ppk }
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
        if principal.roles.contains(where: { [.ppk, .budgetHolder, .treasurer].contains($0) }),
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
        let ppn = try? OrderStore.ppnTerms(data, today: today)
        let agreed = data.negotiation?.agreedTerms
        var execution: OrderExecution?
        if let ledger = data.ledger, let agreed {
            let penalty =
                try data.finalPenalty
                ?? Penalty.assess(data, ledger: ledger, agreed: agreed, today: today, maxDays: settings.maxPenaltyDays)
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
            version: order.version, createdAt: order.createdAt, updatedAt: order.updatedAt, parties: data.parties)
    }
}

/// The late-delivery penalty (Perpres 16/2018 Pasal 79): 1‰ per day of the value of the late
/// part before PPN. Each unit counts once, in the delivery in which it was accepted (units
/// rejected there are counted where their replacement arrives); units not yet delivered are
/// late until today.
enum Penalty {
    static func assess(
        _ data: OrderData, ledger: DeliveryLedger, agreed: NegotiationOffer, today: CivilDate, maxDays: Int
    ) throws -> LatePenaltyAssessment {
        let due = agreed.deliveryDate
        let prices = Dictionary(uniqueKeysWithValues: agreed.items.map { ($0.itemID, $0.unitPrice) })
        let ppn = try OrderStore.ppnTerms(data, today: today)
        func valueBeforePPN(_ itemID: String, _ quantity: Int) throws -> Rupiah {
            guard quantity > 0, let price = prices[itemID] else { return .zero }
            return try OrderTotals(
                lines: [OfferLine(itemID: itemID, unitPrice: price, quantity: quantity)], deliveryCost: .zero,
                installationCost: .zero, trainingCost: .zero, ppn: ppn
            ).totalBeforePPN
        }
        var parts: [LatePart] = []
        for delivery in ledger.deliveries where delivery.deliveredOn > due {
            for line in delivery.lines {
                let rejected = ledger.replacementRequests.filter {
                    $0.deliveryID == delivery.deliveryID && $0.itemID == line.itemID
                }.reduce(0) { $0 + $1.quantity }
                let value = try valueBeforePPN(line.itemID, line.quantity - rejected)
                if value > .zero {
                    parts.append(LatePart(valueBeforePPN: value, dueDate: due, deliveredOn: delivery.deliveredOn))
                }
            }
        }
        if data.receivedOn == nil {
            for item in ledger.items {
                let missing = item.ordered - item.accepted - item.pendingInspection
                let value = try valueBeforePPN(item.itemID, missing)
                if value > .zero { parts.append(LatePart(valueBeforePPN: value, dueDate: due, deliveredOn: nil)) }
            }
        }
        return try LatePenalty.compute(lateParts: parts, today: today, maxDays: maxDays)
    }
}
