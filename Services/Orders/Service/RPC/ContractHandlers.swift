import Foundation
import SiOpenContracts
import SiOpenDocuments
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
            return try await context.changeOrder(
                params.orderID, version: params.version, principal: principal,
                method: OrderAcknowledgeSuratPesanan.name, event: OrderSuratPesananAcknowledged.self
            ) { order, party, db, _ in
                order.adopt(try order.aggregate.acknowledgeSuratPesanan(by: party).order)
                try DocumentRegister.acknowledge(
                    db, id: try order.suratPesananDocumentID(),
                    Acknowledgement(party: "vendor", accountID: principal.id, at: Timestamp.iso8601(at)),
                    signedNote: OrderDocuments.acknowledgedNote(
                        party: "vendor", kind: .suratPesanan, at: at, calendar: TenantCalendar.of(tenant: order.tenant)),
                    sealer: context.sealer, at: at)
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
        // The Surat Pesanan names every party as identity has them now: catch up with its feed
        // first (if identity cannot be reached, what the directory knows is used); a party
        // identity has not told of at all is refused with a retryable 503.
        try? await context.catchUpParties()
        return try await context.changeOrder(
            params.orderID, version: params.version, principal: principal, method: OrderIssueSuratPesanan.name,
            event: OrderSuratPesananIssued.self
        ) { order, party, db, today in
            let issued = try order.aggregate.issueSuratPesanan(by: party)
            guard let agreed = issued.order.agreedTerms else {
                throw RPCError.conflict("nothing has been agreed", currentState: order.state.rawValue)
            }
            let parties: OrderParties
            switch try PartyDirectory.parties(
                db, tenant: order.tenant, agency: order.agency, ppk: order.ppkAccountID, vendor: order.vendorID)
            {
            case .success(let known): parties = known
            case .failure(let missing): throw missing.refusal
            }
            // Before rendering: the document prints the parties from the order's data.
            order.data.parties = parties
            let settings = try SettingsStore.settings(db, tenant: order.tenant)
            // Pasal 2: the ceiling holds on the day the contract is made, too (prices were
            // checked against the catalogue when offered).
            let totals = try agreed.totals(ppn: try OrderStore.ppnTerms(order.data, settings: settings, today: today))
            try CeilingCheck.check(
                total: totals.totalIncludingPPN, source: order.data.preparation.fundingSource,
                ceilings: try SettingsRules.ceilings(settings), on: today,
                field: "total")
            let number = try DocumentRegister.nextNumber(
                db, kind: .suratPesanan, template: try DocumentNumberTemplate(settings.suratPesananNumberTemplate),
                tenant: order.tenant, agency: order.agency, date: today)
            let setting = DocumentSetting.of(
                settings, tenant: order.tenant, on: today, place: OrderDocuments.place(parties, settings),
                emblem: try PartyDirectory.emblemData(db, parties.regency))
            let document = OrderDocuments.suratPesanan(
                number: number, issuedOn: today, order: order, parties: parties, agreed: agreed, totals: totals,
                setting: setting, issuedAt: at)
            let info = try DocumentRegister.issue(
                db, document, kind: .suratPesanan, tenant: order.tenant, subjectID: order.id, sealer: sealer,
                acknowledgements: [
                    Acknowledgement(
                        party: "ppk", accountID: principal.id, at: Timestamp.iso8601(at),
                        signedNote: OrderDocuments.signedNote(at: at, calendar: setting.calendar))
                ],
                verificationPrefix: setting.texts.verificationURLPrefix, at: at)
            order.data.suratPesananID = info.id
            order.adopt(issued.order)
            return nil
        }
    }

    func recordDelivery(_ params: DeliveryParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requireFreeText(params.note, field: "note", max: 1000, multiline: true)
        try InputRules.requirePrintableStrings(in: params)
        return try await context.changeOrder(
            params.orderID, version: params.version, principal: principal, method: OrderRecordDelivery.name,
            event: OrderDeliveryRecorded.self
        ) { order, party, _, today in
            order.adopt(
                try order.aggregate.recordDelivery(
                    deliveredOn: params.deliveredOn, lines: params.lines, by: party, today: today
                ).order)
            return nil
        }
    }

    func inspect(_ params: InspectionParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        for (index, line) in params.lines.enumerated() {
            try InputRules.requireFreeText(line.note, field: "lines[\(index)].note", max: 1000, multiline: true)
        }
        try InputRules.requirePrintableStrings(in: params)
        if let team = params.team { try Self.requireTeam(team) }
        return try await context.changeOrder(
            params.orderID, version: params.version, principal: principal, method: OrderInspect.name,
            event: OrderInspected.self
        ) { order, party, _, today in
            // Rejected units are a replacement request the vendor must fulfil (I.D.3.h–i), kept in the ledger.
            let inspection = Inspection(
                deliveryID: params.deliveryID, inspectedOn: params.inspectedOn, lines: params.lines)
            order.adopt(try order.aggregate.inspect(inspection, by: party, today: today).order)
            // The BAST lists when each delivery was inspected and the team that assisted (I.D.3.g).
            order.data.inspectedOn = (order.data.inspectedOn ?? [:]).merging(
                [params.deliveryID: params.inspectedOn], uniquingKeysWith: { _, new in new })
            if let team = params.team { order.data.inspectionTeam = team }
            return nil
        }
    }

    /// An inspection team's members: names and roles present and printable, at most 20 (their
    /// NIPs were checked when decoded).
    static func requireTeam(_ team: [InspectionTeamMember]) throws {
        var problems: [FieldError] = []
        if team.count > 20 { problems.append(FieldError(field: "team", reason: "must have at most 20 members")) }
        for (index, member) in team.enumerated() {
            for (field, value, max) in [("name", member.name, 200), ("role", member.role, 100)] {
                do {
                    try InputRules.requireText(value, field: "team[\(index)].\(field)", max: max)
                } catch let error as RPCError { problems += InputRules.fields(of: error) }
            }
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
    }

    func confirmReceipt(_ params: ReceiptParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requireFreeText(params.inspectionNotes, field: "inspectionNotes", max: 5000, multiline: true)
        try InputRules.requirePrintableStrings(in: params)
        if let number = params.bastNumber { try InputRules.requireDocumentNumber(number, field: "bastNumber") }
        let sealer = context.sealer
        let at = context.now()
        return try await context.changeOrder(
            params.orderID, version: params.version, principal: principal, method: OrderConfirmReceipt.name,
            event: OrderReceived.self
        ) { order, party, db, today in
            let received = try order.aggregate.confirmReceipt(by: party)
            guard let ledger = order.data.ledger, let agreed = order.data.negotiation?.agreedTerms,
                let spID = order.data.suratPesananID
            else {
                throw RPCError.conflict("the order is not under contract", currentState: order.state.rawValue)
            }
            let settings = try SettingsStore.settings(db, tenant: order.tenant)
            order.data.receivedOn = today
            let penalty = try Penalty.assess(
                order.data, ledger: ledger, agreed: agreed, today: today, settings: settings)
            order.data.finalPenalty = penalty
            let totals = try agreed.totals(ppn: try OrderStore.ppnTerms(order.data, settings: settings, today: today))
            let number: String
            if let typed = params.bastNumber {
                try DocumentRegister.requireTypedNumber(
                    typed, field: "bastNumber", outside: try SettingsRules.numberTemplates(settings))
                number = typed
            } else {
                number = try DocumentRegister.nextNumber(
                    db, kind: .bast, template: try DocumentNumberTemplate(settings.bastNumberTemplate),
                    tenant: order.tenant, agency: order.agency, date: today)
            }
            let parties = OrderDocuments.parties(
                order, payee: try PartyDirectory.payee(db, vendorID: order.data.vendor.id),
                place: settings.documentPlace)
            let setting = DocumentSetting.of(
                settings, tenant: order.tenant, on: today, place: OrderDocuments.place(parties, settings),
                emblem: try PartyDirectory.emblemData(db, parties.regency))
            let document = OrderDocuments.bast(
                number: number, issuedOn: today, order: order, parties: parties,
                suratPesanan: try DocumentRegister.info(db, id: spID), ledger: ledger, agreed: agreed, totals: totals,
                penalty: penalty, notes: params.inspectionNotes, setting: setting)
            order.data.bastID = try DocumentRegister.issue(
                db, document, kind: .bast, tenant: order.tenant, subjectID: order.id, sealer: sealer,
                verificationPrefix: setting.texts.verificationURLPrefix, at: at
            ).id
            order.adopt(received.order)
            return nil
        }
    }

    func acknowledgeBAST(_ params: OrderAct, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        let at = context.now()
        let record = try await context.changeOrder(
            params.orderID, version: params.version, principal: principal, method: OrderAcknowledgeBAST.name,
            event: OrderBASTAcknowledged.self
        ) { order, party, db, _ in
            order.adopt(try order.aggregate.acknowledgeBAST(by: party).order)
            try DocumentRegister.acknowledge(
                db, id: try order.bastDocumentID(),
                Acknowledgement(party: party.rawValue, accountID: principal.id, at: Timestamp.iso8601(at)),
                signedNote: OrderDocuments.acknowledgedNote(
                    party: party.rawValue, kind: .bast, at: at, calendar: TenantCalendar.of(tenant: order.tenant)),
                sealer: context.sealer, at: at)
            if order.state == .completed { try Self.announceReadyForPayment(db, order, at: at) }
            return nil
        }
        return record
    }

    /// Tells payments (through the feed) everything it needs to pay: the documents, the money
    /// with PPN, the penalty to withhold, the vendor's tax standing, and what kind of purchase it was.
    static func announceReadyForPayment(_ db: Connection, _ order: StoredOrder, at: Date) throws {
        guard let agreed = order.data.negotiation?.agreedTerms else { return }
        let suratPesananID = try order.suratPesananDocumentID()
        let bastID = try order.bastDocumentID()
        let settings = try SettingsStore.settings(db, tenant: order.tenant)
        let totals = try agreed.totals(
            ppn: try OrderStore.ppnTerms(order.data, settings: settings, today: CivilDate(at)))
        let snapshot = Dictionary(order.data.items.map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
        let items = try totals.lines.map { line in
            guard let item = snapshot[line.itemID] else {
                throw RPCError.conflict(
                    "agreed line \(line.itemID) is not an item of the order", currentState: order.state.rawValue)
            }
            return PaymentItem(
                itemID: line.itemID, productID: item.productID, name: item.name, unit: item.unit,
                categoryCode: item.categoryCode, kind: item.kind,
                quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount)
        }
        let preparation = order.data.preparation
        let vendor = order.data.vendor
        let payee = try PartyDirectory.payee(db, vendorID: vendor.id)
        let facts = OrderPaymentFacts(
            orderID: order.id, tenant: order.tenant, agency: order.agency, packageName: preparation.packageName,
            fundingSource: preparation.fundingSource, budgetAccountCode: preparation.budgetAccountCode,
            buyer: PaymentBuyer(
                tenant: order.tenant, agency: order.agency, ppkAccountID: order.ppkAccountID,
                ppkName: order.data.ppkName,
                npwp: order.data.parties.map(\.agency.npwp).flatMap { $0.isEmpty ? nil : $0 }),
            vendor: PaymentVendor(
                id: vendor.id, name: vendor.name, isPKP: vendor.isPKP, isUMKM: vendor.isUMKM, npwp: payee?.npwp,
                bankAccount: payee?.bankAccount),
            items: items, totals: totals, penalty: order.data.finalPenalty,
            suratPesanan: try DocumentRegister.info(db, id: suratPesananID),
            bast: try DocumentRegister.info(db, id: bastID), parties: order.data.parties)
        try EventFeed.publish(
            OrderReadyForPayment.self, facts, db: db, tenant: order.tenant, subjectID: order.id, at: at)
    }

    func fail(_ params: FailureParams, _ request: RequestContext) async throws -> OrderRecord {
        let principal = try request.requirePrincipal()
        try InputRules.requireText(params.description, field: "description", max: 5000, multiline: true)
        try InputRules.requirePrintableStrings(in: params)
        return try await context.changeOrder(
            params.orderID, version: params.version, principal: principal, method: OrderFail.name,
            event: OrderFailed.self
        ) { order, party, db, _ in
            order.adopt(
                try order.aggregate.fail(by: party, grounds: params.grounds, description: params.description).order)
            return nil
        }
    }
}
