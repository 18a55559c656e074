import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// From the Surat Pesanan to the handover record (annex I.D.3.e–k), and failure for the vendor's default.
struct ContractHandlers {
    let context: OrdersContext

    func register(into table: inout RPCMethodTable) {
        table.register(OrderIssueSuratPesanan.self) { params, request in try await issueSuratPesanan(params, request) }
        table.register(OrderAcknowledgeSuratPesanan.self) { params, request in
            let principal = try request.requirePrincipal()
            let at = context.now()
            return try await context.changeOrder(params.orderID, version: params.version, principal: principal, method: OrderAcknowledgeSuratPesanan.name, event: OrderSuratPesananAcknowledged.self) { order, party, db, _ in
                order.state = try OrderStateMachine.next(from: order.state, action: .acknowledgeSuratPesanan, by: party, facts: order.facts)
                try DocumentStore.acknowledge(db, id: order.data.suratPesananID!, Acknowledgement(party: "vendor", accountID: principal.id, at: Timestamp.iso8601(at)))
                return nil
            }
        }
        table.register(OrderRecordDelivery.self) { params, request in try await recordDelivery(params, request) }
        table.register(OrderInspect.self) { params, request in try await inspect(params, request) }
        table.register(OrderConfirmReceipt.self) { params, request in try await confirmReceipt(params, request) }
        table.register(OrderAcknowledgeBAST.self) { params, request in try await acknowledgeBAST(params, request) }
        table.register(OrderFail.self) { params, request in try await fail(params, request) }
    }

    func issueSuratPesanan(_ params: OrderAct, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        let sealer = context.sealer
        let at = context.now()
        return try await context.changeOrder(params.orderID, version: params.version, principal: principal, method: OrderIssueSuratPesanan.name, event: OrderSuratPesananIssued.self) { order, party, db, today in
            let next = try OrderStateMachine.next(from: order.state, action: .issueSuratPesanan, by: party, facts: order.facts)
            guard let agreed = order.data.negotiation?.agreedTerms else { throw RPCError.conflict("nothing has been agreed", currentState: order.state.rawValue) }
            let settings = try SettingsHandlers.settings(db, tenant: order.tenant)
            // Pasal 2: the ceiling holds on the day the contract is made, too (prices were
            // checked against the catalogue when offered).
            let totals = try agreed.totals(ppn: try OrderStore.ppnTerms(order.data, today: today))
            try CeilingCheck.check(
                total: totals.totalIncludingPPN, source: order.data.preparation.fundingSource, ceilings: try SettingsHandlers.ceilings(settings), on: today,
                field: "total")
            let number = try DocumentStore.nextNumber(
                db, kind: .suratPesanan, template: try DocumentNumberTemplate(settings.suratPesananNumberTemplate), tenant: order.tenant, agency: order.agency, date: today)
            let document = OrderDocuments.suratPesanan(
                number: number, issuedOn: today, order: order, ppkName: order.data.ppkName, agreed: agreed, totals: totals, place: settings.documentPlace)
            let info = try DocumentStore.issue(
                db, document, kind: .suratPesanan, tenant: order.tenant, subjectID: order.id, sealer: sealer,
                acknowledgements: [Acknowledgement(party: "ppk", accountID: principal.id, at: Timestamp.iso8601(at))], at: at)
            order.data.suratPesananID = info.id
            order.data.ledger = try DeliveryLedger(ordered: agreed.items)
            order.state = next
            return nil
        }
    }

    func recordDelivery(_ params: DeliveryParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requireFreeText(params.note, field: "note", max: 1000, multiline: true)
        try InputRules.requirePrintableStrings(in: params)
        return try await context.changeOrder(params.orderID, version: params.version, principal: principal, method: OrderRecordDelivery.name, event: OrderDeliveryRecorded.self) { order, party, _, today in
            order.state = try OrderStateMachine.next(from: order.state, action: .recordDelivery, by: party, facts: order.facts)
            guard params.deliveredOn <= today else { throw RPCError.validationFailed(field: "deliveredOn", reason: "must not be after today (\(today))") }
            guard var ledger = order.data.ledger else { throw RPCError.conflict("the order is not under contract", currentState: order.state.rawValue) }
            try ledger.record(Delivery(deliveryID: "delivery-\(ledger.deliveries.count + 1)", deliveredOn: params.deliveredOn, lines: params.lines))
            order.data.ledger = ledger
            return nil
        }
    }

    func inspect(_ params: InspectionParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        for (index, line) in params.lines.enumerated() {
            try InputRules.requireFreeText(line.note, field: "lines[\(index)].note", max: 1000, multiline: true)
        }
        try InputRules.requirePrintableStrings(in: params)
        return try await context.changeOrder(params.orderID, version: params.version, principal: principal, method: OrderInspect.name, event: OrderInspected.self) { order, party, _, today in
            order.state = try OrderStateMachine.next(from: order.state, action: .inspect, by: party, facts: order.facts)
            guard params.inspectedOn <= today else { throw RPCError.validationFailed(field: "inspectedOn", reason: "must not be after today (\(today))") }
            guard var ledger = order.data.ledger else { throw RPCError.conflict("the order is not under contract", currentState: order.state.rawValue) }
            let replacements = try ledger.record(Inspection(deliveryID: params.deliveryID, inspectedOn: params.inspectedOn, lines: params.lines))
            if !replacements.isEmpty {
                // Rejected units are a replacement request the vendor must fulfil (I.D.3.h–i).
                order.state = try OrderStateMachine.next(from: order.state, action: .requestReplacement, by: party, facts: order.facts)
            }
            order.data.ledger = ledger
            return nil
        }
    }

    func confirmReceipt(_ params: ReceiptParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requireFreeText(params.inspectionNotes, field: "inspectionNotes", max: 5000, multiline: true)
        try InputRules.requirePrintableStrings(in: params)
        if let number = params.bastNumber { try InputRules.requireDocumentNumber(number, field: "bastNumber") }
        let sealer = context.sealer
        let at = context.now()
        return try await context.changeOrder(params.orderID, version: params.version, principal: principal, method: OrderConfirmReceipt.name, event: OrderReceived.self) { order, party, db, today in
            let next = try OrderStateMachine.next(from: order.state, action: .confirmReceipt, by: party, facts: order.facts)
            guard let ledger = order.data.ledger, let agreed = order.data.negotiation?.agreedTerms, let spID = order.data.suratPesananID else {
                throw RPCError.conflict("the order is not under contract", currentState: order.state.rawValue)
            }
            let settings = try SettingsHandlers.settings(db, tenant: order.tenant)
            order.data.receivedOn = today
            let penalty = try Penalty.assess(order.data, ledger: ledger, agreed: agreed, today: today, maxDays: settings.maxPenaltyDays)
            order.data.finalPenalty = penalty
            let totals = try agreed.totals(ppn: try OrderStore.ppnTerms(order.data, today: today))
            let number: String
            if let typed = params.bastNumber {
                try DocumentStore.requireTypedNumber(typed, field: "bastNumber", outside: try SettingsHandlers.numberTemplates(settings))
                number = typed
            } else {
                number = try DocumentStore.nextNumber(
                    db, kind: .bast, template: try DocumentNumberTemplate(settings.bastNumberTemplate), tenant: order.tenant, agency: order.agency, date: today)
            }
            let document = OrderDocuments.bast(
                number: number, issuedOn: today, order: order, ppkName: order.data.ppkName, suratPesanan: try DocumentStore.info(db, id: spID),
                ledger: ledger, totals: totals, penalty: penalty, notes: params.inspectionNotes, place: settings.documentPlace)
            order.data.bastID = try DocumentStore.issue(db, document, kind: .bast, tenant: order.tenant, subjectID: order.id, sealer: sealer, at: at).id
            order.state = next
            return nil
        }
    }

    func acknowledgeBAST(_ params: OrderAct, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        let at = context.now()
        let record = try await context.changeOrder(params.orderID, version: params.version, principal: principal, method: OrderAcknowledgeBAST.name, event: OrderBASTAcknowledged.self) { order, party, db, _ in
            order.state = try OrderStateMachine.next(from: order.state, action: .acknowledgeBAST, by: party, facts: order.facts)
            order.data.bastAcknowledgedBy.insert(party)
            try DocumentStore.acknowledge(db, id: order.data.bastID!, Acknowledgement(party: party.rawValue, accountID: principal.id, at: Timestamp.iso8601(at)))
            if order.state == .completed { try Self.announceReadyForPayment(db, order, at: at) }
            return nil
        }
        return record
    }

    /// Tells payments (through the feed) everything it needs to pay: the documents, the money
    /// with PPN, the penalty to withhold, the vendor's tax standing, and what kind of purchase it was.
    static func announceReadyForPayment(_ db: Connection, _ order: StoredOrder, at: Date) throws {
        guard let agreed = order.data.negotiation?.agreedTerms else { return }
        guard let suratPesananID = order.data.suratPesananID, let bastID = order.data.bastID else {
            throw RPCError.conflict("a completed order needs its Surat Pesanan and BAST", currentState: order.state.rawValue)
        }
        let totals = try agreed.totals(ppn: try OrderStore.ppnTerms(order.data, today: CivilDate(at)))
        let snapshot = Dictionary(order.data.items.map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
        let items = try totals.lines.map { line in
            guard let item = snapshot[line.itemID] else {
                throw RPCError.conflict("agreed line \(line.itemID) is not an item of the order", currentState: order.state.rawValue)
            }
            return PaymentItem(
                itemID: line.itemID, productID: item.productID, name: item.name, unit: item.unit, categoryCode: item.categoryCode, kind: item.kind,
                quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount)
        }
        let preparation = order.data.preparation
        let vendor = order.data.vendor
        let payee = try VendorPayees.payee(db, vendorID: vendor.id)
        let facts = OrderPaymentFacts(
            orderID: order.id, tenant: order.tenant, agency: order.agency, packageName: preparation.packageName,
            fundingSource: preparation.fundingSource, budgetAccountCode: preparation.budgetAccountCode,
            buyer: PaymentBuyer(tenant: order.tenant, agency: order.agency, ppkAccountID: order.ppkAccountID, ppkName: order.data.ppkName),
            vendor: PaymentVendor(
                id: vendor.id, name: vendor.name, isPKP: vendor.isPKP, isUMKM: vendor.isUMKM, npwp: payee?.npwp, bankAccount: payee?.bankAccount),
            items: items, totals: totals, penalty: order.data.finalPenalty,
            suratPesanan: try DocumentStore.info(db, id: suratPesananID), bast: try DocumentStore.info(db, id: bastID))
        try EventFeed.publish(OrderReadyForPayment.self, facts, db: db, tenant: order.tenant, subjectID: order.id, at: at)
    }

    func fail(_ params: FailureParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requireText(params.description, field: "description", max: 5000, multiline: true)
        try InputRules.requirePrintableStrings(in: params)
        return try await context.changeOrder(params.orderID, version: params.version, principal: principal, method: OrderFail.name, event: OrderFailed.self) { order, party, db, _ in
            order.state = try OrderStateMachine.next(from: order.state, action: .fail, by: party, facts: order.facts)
            order.data.failureGrounds = params.grounds
            order.data.closingReason = params.description
            return nil
        }
    }
}
