import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Preparation, ordering and negotiation (annex I.D.1 and I.D.3.a–d), and reading orders.
struct OrderHandlers {
    let context: OrdersContext

    func register(into table: inout RPCMethodTable) {
        table.register(OrderPrepare.self) { params, request in try await prepare(params, request) }
        table.register(OrderSubmit.self) { params, request in try await submit(params, request) }
        table.register(OrderCancel.self) { params, request in
            try await close(params, action: .cancel, event: OrderCancelled.self, method: OrderCancel.name, request)
        }
        table.register(OrderDecline.self) { params, request in
            try await close(
                params, action: .vendorDecline, event: OrderDeclinedByVendor.self, method: OrderDecline.name, request)
        }
        table.register(OrderOffer.self) { params, request in try await offer(params, request) }
        table.register(OrderAccept.self) { params, request in try await accept(params, request) }
        table.register(OrderGet.self) { params, request in
            let principal = try request.requirePrincipal()
            let today = context.today
            return try await context.database.read { db in
                let order = try OrderStore.load(db, id: params.orderID)
                try OrderAccess.requireReadable(
                    principal, tenant: order.tenant, agency: order.agency, vendorID: order.vendorID)
                return try OrderView.record(db, order, viewer: principal, today: today)
            }
        }
        table.register(OrderList.self) { params, request in try await list(params, request) }
        table.register(SplitPurchaseList.self) { params, request in
            let principal = try request.requirePrincipal()
            guard let tenant = params.tenant ?? principal.tenant else {
                throw RPCError.validationFailed(field: "tenant", reason: "is required")
            }
            try principal.requireTenant(tenant, reading: true)
            return try await context.database.read { db in
                try PurchaseRegister.flags(db, tenant: tenant)
            }
        }
    }

    // MARK: Preparation

    /// The listed products, asked of the catalog with the PPK's own token, so the catalog's
    /// rules (tenant, visibility) apply to the PPK. Price references are asked only while
    /// preparing (`withReferences`): they serve the estimate, not the order.
    func catalogueItems(
        _ requests: [OrderItemRequest], regionCode: String, token: String?, withReferences: Bool
    ) async throws -> (items: [OrderItem], vendor: ListedVendor, installation: Rupiah, training: Rupiah) {
        var items: [OrderItem] = []
        var vendor: ListedVendor?
        var installation = Rupiah.zero
        var training = Rupiah.zero
        for (index, request) in requests.enumerated() {
            let detail: ProductDetail
            do {
                detail = try await context.catalog.call(
                    ProductGet.self, ProductRef(productID: request.productID), token: token)
            } catch let error as RPCError where error.code == ApplicationErrorCode.notFound.rawValue {
                throw RPCError.validationFailed(
                    field: "items[\(index)].productID", reason: "is not a listed product of the catalogue")
            }
            guard let price = detail.offer.price.regions.first(where: { $0.regionCode == regionCode }) else {
                throw RPCError.validationFailed(
                    field: "items[\(index)].productID", reason: "is not delivered to region \(regionCode)")
            }
            if let vendor, vendor.id != detail.vendor.id {
                throw RPCError.validationFailed(
                    field: "items[\(index)].productID",
                    reason: "is offered by another vendor: an order goes to one vendor")
            }
            vendor = detail.vendor
            let reference =
                withReferences
                ? try? await context.catalog.call(
                    CatalogPriceReference.self,
                    PriceReferenceParams(productID: request.productID, regionCode: regionCode), token: token)
                : nil
            items.append(
                OrderItem(
                    itemID: "item-\(index + 1)", productID: detail.productID, productRevision: detail.revision,
                    name: detail.offer.name, unit: detail.offer.unit,
                    categoryCode: detail.category.code, kind: detail.category.kind, catalogueUnitPrice: price.unitPrice,
                    includesPPN: detail.offer.price.includesPPN,
                    tkdnBasisPoints: detail.offer.tkdn?.basisPoints ?? 0, origin: detail.offer.origin,
                    quantity: request.quantity,
                    priceReference: reference?.category, specification: detail.offer.specification))
            installation = try installation + (detail.offer.installationCost ?? .zero)
            training = try training + (detail.offer.trainingCost ?? .zero)
        }
        return (items, vendor!, installation, training)
    }

    static func preparationProblems(_ params: OrderPreparation) -> [FieldError] {
        var problems: [FieldError] = []
        for (field, value, max, multiline) in [
            ("packageName", params.packageName, 300, false),
            ("technicalSpecification", params.technicalSpecification, 20_000, true),
            ("justification", params.justification, 20_000, true),
            ("deliveryAddress", params.deliveryAddress, 500, false),
        ] {
            do { try InputRules.requireText(value, field: field, max: max, multiline: multiline) } catch let error
                as RPCError
            { problems += InputRules.fields(of: error) } catch {}
        }
        // Printed on the Surat Pesanan as codes: printable ASCII, and the region a catalogue code.
        if let reason = InputRules.documentNumberProblem(params.budgetAccountCode) {
            problems.append(FieldError(field: "budgetAccountCode", reason: reason))
        }
        if let reason = InputRules.codeProblem(params.regionCode, length: 1...30) {
            problems.append(FieldError(field: "regionCode", reason: reason))
        }
        if params.items.isEmpty {
            problems.append(FieldError(field: "items", reason: "must list at least one product"))
        }
        if params.items.count > 100 {
            problems.append(FieldError(field: "items", reason: "must list at most 100 products"))
        }
        var seen = Set<String>()
        for (index, item) in params.items.enumerated() {
            if item.quantity < 1 {
                problems.append(FieldError(field: "items[\(index)].quantity", reason: "must be at least 1"))
            }
            if item.quantity > 1_000_000 {
                problems.append(FieldError(field: "items[\(index)].quantity", reason: "must be at most 1000000"))
            }
            if !seen.insert(item.productID).inserted {
                problems.append(
                    FieldError(
                        field: "items[\(index)].productID", reason: "is listed twice; raise the quantity instead"))
            }
        }
        if let terms = params.terms { problems += TermsRules.problems(terms, prefix: "terms") }
        return problems
    }

    func prepare(_ params: OrderPreparation, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        guard let tenant = principal.tenant, let agency = principal.agency else {
            throw RPCError.forbidden("only a PPK of an agency prepares orders")
        }
        var problems = Self.preparationProblems(params)
        if params.deliveryDate < context.today {
            problems.append(FieldError(field: "deliveryDate", reason: "must not be before today (\(context.today))"))
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        try InputRules.requirePrintableStrings(in: params)
        let (items, vendor, installation, training) = try await catalogueItems(
            params.items, regionCode: params.regionCode, token: request.token, withReferences: true)
        let ppkName =
            (try? await context.identity.call(AuthWhoAmI.self, EmptyParams(), token: request.token).fullName)
            ?? principal.id
        let at = context.now()
        let today = context.today
        return try await context.database.write { db in
            try IdempotentWrite.once(db, request, at: at) {
                let settings = try SettingsStore.settings(db, tenant: tenant)
                try Self.requireBudgetYear(params.deliveryDate, preparedOn: today, settings: settings)
                var data = OrderData(
                    preparation: params, terms: params.terms ?? settings.terms, items: items,
                    vendor: OrderVendor(id: vendor.id, name: vendor.name, isPKP: vendor.isPKP, isUMKM: vendor.isUMKM),
                    ppkName: ppkName, priceEstimate: .zero)
                // The estimate (HPS) is what the budget pays: catalogue prices, the costs asked for
                // and PPN, computed as the order's totals will be. The ceiling is known now: refuse
                // early rather than at submission.
                let estimate = try OrderTotals(
                    lines: items.map {
                        OfferLine(itemID: $0.itemID, unitPrice: $0.catalogueUnitPrice, quantity: $0.quantity)
                    }, deliveryCost: .zero,
                    installationCost: params.withInstallation ? installation : .zero,
                    trainingCost: params.withTraining ? training : .zero,
                    ppn: try OrderStore.ppnTerms(data, settings: settings, today: today)
                ).totalIncludingPPN
                data.priceEstimate = estimate
                try CeilingCheck.check(
                    total: estimate, source: params.fundingSource, ceilings: try SettingsRules.ceilings(settings),
                    on: today, field: "items")
                let id = OrdersContext.newID()
                try OrderStore.insertPrepared(
                    db, id: id, tenant: tenant, agency: agency, ppkAccountID: principal.id, vendorID: vendor.id,
                    data: data, at: at)
                let order = try OrderStore.load(db, id: id)
                try OrderEvents.record(
                    db, order, actor: principal, method: OrderPrepare.name, event: OrderPrepared.self, at: at)
                return try OrderView.record(db, order, viewer: principal, today: today)
            }
        }
    }

    // MARK: Ordering

    func submit(_ params: OrderAct, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        let draft = try await context.database.read { db in try OrderStore.load(db, id: params.orderID) }
        _ = try OrderAccess.actingParty(principal, draft)
        // The products as listed at this moment are what is ordered (I.D.3.a).
        let requests = draft.data.items.map { OrderItemRequest(productID: $0.productID, quantity: $0.quantity) }
        let (fetched, vendor, installation, training) = try await catalogueItems(
            requests, regionCode: draft.data.preparation.regionCode, token: request.token, withReferences: false)
        let at = context.now()
        let today = context.today
        return try await context.database.write { db in
            var order = try OrderStore.load(db, id: params.orderID)
            guard order.version == params.version else {
                throw RPCError.conflict(
                    "the order changed since it was read (version \(order.version))", currentState: order.state.rawValue
                )
            }
            let party = try OrderAccess.actingParty(principal, order)
            try order.aggregate.check(.submit, by: party)
            let settings = try SettingsStore.settings(db, tenant: order.tenant)
            // The preparation's price references stay; everything else is as listed now.
            let items = zip(fetched, order.data.items).map { item, prepared in
                var item = item
                item.priceReference = prepared.priceReference
                return item
            }
            order.data.items = items
            order.data.vendor = OrderVendor(
                id: vendor.id, name: vendor.name, isPKP: vendor.isPKP, isUMKM: vendor.isUMKM)
            order.data.orderedOn = today
            order.data.ppnRate = nil
            order.data.ppnRate = try OrderStore.ppnTerms(order.data, settings: settings, today: today).rate
            let preparation = order.data.preparation
            let opening = NegotiationOffer(
                by: .ppk, round: 0,
                items: items.map {
                    OfferLine(itemID: $0.itemID, unitPrice: $0.catalogueUnitPrice, quantity: $0.quantity)
                },
                installationCost: preparation.withInstallation ? installation : .zero,
                trainingCost: preparation.withTraining ? training : .zero,
                deliveryDate: preparation.deliveryDate)
            let offerContext = try offerContext(order.data, settings: settings, today: today)
            let placed = try order.aggregate.submit(
                by: party,
                items: items.map {
                    CatalogueItemSnapshot(
                        itemID: $0.itemID, productID: $0.productID, catalogueUnitPrice: $0.catalogueUnitPrice)
                },
                opening: opening, context: offerContext)
            order.adopt(placed.order)
            order.data.vendorClockStartedOn = today
            let deadline = try VendorResponseDeadline(days: settings.vendorResponseDays)
            try OrderStore.save(
                db, order, expectedVersion: params.version, vendorResponseDue: deadline.lastDay(sentOn: today), at: at)
            try flagSplitPurchase(db, order, opening: opening, settings: settings, today: today, at: at)
            let saved = try OrderStore.load(db, id: order.id)
            try OrderEvents.record(
                db, saved, actor: principal, method: OrderSubmit.name, event: OrderSubmitted.self, at: at)
            return try OrderView.record(db, saved, viewer: principal, today: today)
        }
    }

    /// Refuses a delivery date after 31 December of the year the order is prepared in (the budget
    /// year, UU 17/2003 Pasal 4: the APBD runs 1 January to 31 December), 422 naming `deliveryDate`,
    /// unless the tenant's settings allow it (``OrdersSettings/allowsDeliveryBeyondBudgetYear``).
    static func requireBudgetYear(_ deliveryDate: CivilDate, preparedOn: CivilDate, settings: OrdersSettings)
        throws(DomainRefusal)
    {
        guard !settings.allowsDeliveryBeyondBudgetYear, deliveryDate.year > preparedOn.year else { return }
        throw .validationFailed(
            field: "deliveryDate",
            reason:
                "must be on or before 31 December \(preparedOn.year), the end of the budget year (UU 17/2003 Pasal 4); the tenant does not allow deliveries in a later year"
        )
    }

    func offerContext(_ data: OrderData, settings: OrdersSettings, today: CivilDate) throws -> OfferContext {
        OfferContext(
            ppn: try OrderStore.ppnTerms(data, settings: settings, today: today),
            fundingSource: data.preparation.fundingSource,
            ceilings: try SettingsRules.ceilings(settings), today: today)
    }

    /// Records the order's value and flags a possible split purchase (pemecahan paket): orders of
    /// the same agency to the same vendor within the window of the rule in force, whatever their
    /// products, adding up above the ceiling, PPN included (Perpres 16/2018 Pasal 20(2)(d)).
    ///
    /// Each order placed now writes one `order_purchase` row with an empty `product_id`: its whole
    /// value including PPN, delivery, installation and training. Orders placed before wrote one row
    /// per product without PPN; their rows are added up per order, so they still count.
    func flagSplitPurchase(
        _ db: Connection, _ order: StoredOrder, opening: NegotiationOffer, settings: OrdersSettings, today: CivilDate,
        at: Date
    ) throws {
        let rule = SplitPurchaseRule.inForce(on: today, among: settings.splitPurchaseRules)
        let total = try opening.totals(ppn: try OrderStore.ppnTerms(order.data, settings: settings, today: today))
            .totalIncludingPPN
        try PurchaseRegister.record(db, order, total: total, on: today)
        guard let rule,
            let ceiling = try SettingsRules.ceilings(settings).inForce(
                for: order.data.preparation.fundingSource, on: today)
        else { return }
        let detector = try SplitPurchaseDetector(windowDays: rule.windowDays)
        let productID = order.data.items.first?.productID ?? ""
        let earlier = try PurchaseRegister.earlier(db, than: order)
        let new = PurchaseRecord(
            orderID: order.id, agencyID: order.agency, vendorID: order.vendorID, productID: productID, total: total,
            date: today)
        guard let found = detector.check(new: new, earlier: earlier, ceiling: ceiling.amount) else { return }
        let flag = SplitPurchaseFlag(
            orderID: order.id, relatedOrderIDs: found.relatedOrderIDs, sum: found.sum, ceiling: found.ceiling,
            productID: productID, flaggedAt: Timestamp.iso8601(at), windowDays: rule.windowDays,
            legalBasis: rule.legalBasis)
        try PurchaseRegister.flag(db, flag, tenant: order.tenant)
        try AuditTrail.append(
            db, tenant: order.tenant, actor: nil, method: OrderSubmit.name, targetType: "order", targetID: order.id,
            action: "split_purchase_flagged",
            before: nil, after: try JSONCoding.value(flag), at: at)
        try EventFeed.publish(
            OrderSplitPurchaseFlagged.self, flag, db: db, tenant: order.tenant, subjectID: order.id, at: at)
    }

    /// Cancel (PPK, before the Surat Pesanan) or decline (vendor, before agreement), with reasons.
    func close(
        _ params: OrderAct, action: OrderAction, event: (some OrderChangeEvent).Type, method: String,
        _ request: RequestContext
    ) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        let reason = params.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if reason.isEmpty { throw RPCError.validationFailed(field: "reason", reason: "is required") }
        try InputRules.requireFreeText(reason, field: "reason", max: 2000, multiline: true)
        return try await context.changeOrder(
            params.orderID, version: params.version, principal: principal, method: method, event: event
        ) { order, party, _, _ in
            let aggregate = order.aggregate
            order.adopt(
                try
                    (action == .cancel
                    ? aggregate.cancel(by: party, reason: reason) : aggregate.decline(by: party, reason: reason)).order)
            return nil
        }
    }

    func offer(_ params: OrderOfferParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requireFreeText(params.note, field: "note", max: Negotiation.maximumNoteLength, multiline: true)
        try InputRules.requirePrintableStrings(in: params)
        return try await context.changeOrder(
            params.orderID, version: params.version, principal: principal, method: OrderOffer.name,
            event: OrderOffered.self
        ) { order, party, db, today in
            let offer = NegotiationOffer(
                by: party, round: params.round, items: params.items, deliveryCost: params.deliveryCost,
                installationCost: params.installationCost,
                trainingCost: params.trainingCost, deliveryDate: params.deliveryDate, note: params.note ?? "")
            let settings = try SettingsStore.settings(db, tenant: order.tenant)
            try Self.requireBudgetYear(
                params.deliveryDate, preparedOn: order.data.orderedOn ?? today, settings: settings)
            order.adopt(
                try order.aggregate.offer(
                    offer, context: try offerContext(order.data, settings: settings, today: today)
                ).order)
            // The vendor's answer is due again after a PPK offer; nothing is due on the PPK's turn.
            guard party == .ppk else { return nil }
            order.data.vendorClockStartedOn = today
            return try VendorResponseDeadline(days: settings.vendorResponseDays).lastDay(sentOn: today)
        }
    }

    func accept(_ params: OrderAcceptParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        return try await context.changeOrder(
            params.orderID, version: params.version, principal: principal, method: OrderAccept.name,
            event: OrderAgreed.self
        ) { order, party, _, _ in
            order.adopt(try order.aggregate.accept(round: params.round, by: party).order)
            return nil
        }
    }

    // MARK: Lists

    func list(_ params: OrderListParams, _ request: RequestContext) async throws -> OrderPage {
        let principal = try request.requirePrincipal()
        let limit = try CursorParams.pageLimit(params.limit, default: 50, maximum: 200)
        return try await context.database.read { db in
            // Vendors see their orders; an agency's officials its orders and force-majeure records;
            // supervisors the tenant's.
            let scope: OrderScope
            var includeForceMajeure = true
            if principal.has(.vendor), let vendorID = principal.vendorID,
                !principal.roles.contains(where: { $0 != .vendor })
            {
                scope = .vendor(vendorID)
                includeForceMajeure = false
            } else if principal.roles.contains(where: { [.auditor, .ukpbjHead, .superAdmin, .monitor].contains($0) }) {
                guard let tenant = params.tenant ?? principal.tenant else {
                    throw RPCError.validationFailed(field: "tenant", reason: "is required")
                }
                try principal.requireTenant(tenant, reading: true)
                scope = .tenant(tenant)
            } else {
                guard let tenant = principal.tenant, let agency = principal.agency else {
                    throw RPCError.forbidden("only officials of an agency list its orders")
                }
                scope = .agency(tenant: tenant, agency: agency)
            }
            let after = params.after ?? ""
            var summaries: [OrderSummary] = []
            for id in try OrderStore.ids(db, scope, after: after, state: params.state, limit: limit + 1) {
                let order = try OrderStore.load(db, id: id)
                let flagged = try PurchaseRegister.isFlagged(db, orderID: order.id)
                summaries.append(
                    OrderSummary(
                        id: order.id, forceMajeure: false, agency: order.agency,
                        title: order.data.preparation.packageName, vendorName: order.data.vendor.name,
                        state: order.state, total: order.total, splitPurchaseFlagged: flagged,
                        updatedAt: order.updatedAt))
            }
            if includeForceMajeure {
                for record in try ForceMajeureStore.page(db, scope, after: after, limit: limit + 1) {
                    // Unacknowledged records wait on the PA/KPA like a prepared order; acknowledged ones are done.
                    let state: OrderState = record.acknowledged ? .completed : .prepared
                    if let wanted = params.state, wanted != state { continue }
                    summaries.append(
                        OrderSummary(
                            id: record.id, forceMajeure: true, agency: record.agency, title: record.record.description,
                            vendorName: record.record.vendorName,
                            state: state, total: record.total, splitPurchaseFlagged: false, updatedAt: record.recordedAt
                        ))
                }
            }
            summaries.sort { $0.id < $1.id }
            let page = Array(summaries.prefix(limit))
            return OrderPage(orders: page, nextCursor: summaries.count > limit ? page.last?.id : nil)
        }
    }
}

/// Every change of an order goes to the audit trail and the feed, as the declared event `E`
/// (`Shared/Contracts/Orders/OrdersEvents.swift`); the audit action is the event's name after `order.`.
enum OrderEvents {
    static func record<E: EventContract>(
        _ db: Connection, _ order: StoredOrder, actor: Principal?, method: String, event: E.Type, at: Date
    ) throws where E.Payload: OrderEventPayload {
        let payload = try E.Payload(db, order)
        let action = E.type.hasPrefix("order.") ? String(E.type.dropFirst("order.".count)) : E.type
        var after = try JSONCoding.value(payload).objectValue ?? [:]
        after["data"] = try JSONCoding.value(order.data)
        try AuditTrail.append(
            db, tenant: order.tenant, actor: actor, method: method, targetType: "order", targetID: order.id,
            action: action, before: nil,
            after: .object(after), at: at)
        try EventFeed.publish(E.self, payload, db: db, tenant: order.tenant, subjectID: order.id, at: at)
    }
}

/// A payload an order event builds from the order it reports.
protocol OrderEventPayload {
    /// The payload for `order` as it stands after the change.
    init(_ db: Connection, _ order: StoredOrder) throws
}

extension OrderStateChange: OrderEventPayload {
    init(_ db: Connection, _ order: StoredOrder) throws {
        self.init(
            orderID: order.id, tenant: order.tenant, agency: order.agency, vendorID: order.vendorID,
            ppkAccountID: order.ppkAccountID,
            state: order.state, version: order.version)
    }
}

extension OrderFailure: OrderEventPayload {
    init(_ db: Connection, _ order: StoredOrder) throws {
        // What the catalog needs to file the sanction proposal (Pasal 14) on the PPK's behalf.
        guard let grounds = order.data.failureGrounds else {
            throw RPCError.conflict("a failed order needs its grounds", currentState: order.state.rawValue)
        }
        self.init(
            try OrderStateChange(db, order), grounds: grounds, description: order.data.closingReason ?? "",
            suratPesananNumber: try order.data.suratPesananID.map { try DocumentRegister.info(db, id: $0).number })
    }
}
