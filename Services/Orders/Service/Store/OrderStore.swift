import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// An order as stored: everything but the columns queries filter on, as one JSON document.
/// `negotiation`, `ledger`, `bastAcknowledgedBy`, `closingReason` and `failureGrounds` are the
/// ``Order`` aggregate's; only ``StoredOrder/adopt(_:)`` writes them.
struct OrderData: Codable, Sendable {
    var preparation: OrderPreparation
    var terms: SuratPesananTerms
    var items: [OrderItem]
    var vendor: OrderVendor
    /// The PPK's name as identity knows it, for the documents' signature blocks.
    var ppkName: String
    var priceEstimate: Rupiah
    /// The day the order was placed: its PPN rate and ceiling are those in force then.
    var orderedOn: CivilDate?
    /// The PPN rule in force when the order was placed (the tax date), kept so that a later change
    /// of the tenant's rules does not change a placed order; nil for orders placed before it was kept.
    var ppnRate: PPNRate?
    /// The negotiation, from submission on (round 0 is the order itself).
    var negotiation: Negotiation?
    /// The day the order was sent, or the day of the latest PPK offer: the vendor's clock starts then.
    var vendorClockStartedOn: CivilDate?
    var closingReason: String?
    var failureGrounds: SanctionGrounds?
    var suratPesananID: String?
    var ledger: DeliveryLedger?
    var receivedOn: CivilDate?
    var bastID: String?
    var bastAcknowledgedBy: Set<OrderParty> = []
    /// The penalty fixed at receipt; before that it is computed as of today.
    var finalPenalty: LatePenaltyAssessment?
    /// The parties as they stood when the Surat Pesanan was issued (nil before).
    var parties: OrderParties?
    /// The team that assisted the PPK's inspection (annex I.D.3.g), as last recorded; nil for none.
    var inspectionTeam: [InspectionTeamMember]?
    /// The day each delivery was inspected, by delivery id, for the BAST.
    var inspectedOn: [String: CivilDate]?
}

/// One order loaded for a change, with the columns beside its data.
struct StoredOrder: Sendable {
    let id: String
    let tenant: String
    let agency: String
    let ppkAccountID: String
    let vendorID: String
    /// The aggregate's state; changed only by ``adopt(_:)``.
    private(set) var state: OrderState
    var data: OrderData
    /// The last day the vendor may answer, while it owes an answer.
    let vendorResponseDue: CivilDate?
    /// The agreed total including PPN, once agreed.
    let total: Rupiah?
    let version: Int64
    let createdAt: String
    let updatedAt: String

    /// The order as its rules see it, for calling an intent.
    var aggregate: Order {
        Order(
            restoring: state, negotiation: data.negotiation, ledger: data.ledger,
            bastAcknowledgedBy: data.bastAcknowledgedBy,
            closingReason: data.closingReason, failureGrounds: data.failureGrounds)
    }

    /// Takes over what an intent changed.
    mutating func adopt(_ order: Order) {
        state = order.state
        data.negotiation = order.negotiation
        data.ledger = order.ledger
        data.bastAcknowledgedBy = order.bastAcknowledgedBy
        data.closingReason = order.closingReason
        data.failureGrounds = order.failureGrounds
    }

    /// The issued Surat Pesanan's document id; a 409 for an order that has none (the state
    /// table allows no step that needs it before it is issued, so this never fires in a
    /// consistent database).
    func suratPesananDocumentID() throws(RPCError) -> String {
        guard let id = data.suratPesananID else {
            throw RPCError.conflict("order \(self.id) has no Surat Pesanan", currentState: state.rawValue)
        }
        return id
    }

    /// The issued BAST's document id; a 409 for an order that has none.
    func bastDocumentID() throws(RPCError) -> String {
        guard let id = data.bastID else {
            throw RPCError.conflict("order \(self.id) has no BAST", currentState: state.rawValue)
        }
        return id
    }
}

/// Whose orders (and force-majeure records) a list reads: a vendor's, a tenant's or one agency's.
enum OrderScope {
    case vendor(String)
    case tenant(String)
    case agency(tenant: String, agency: String)

    /// The SQL condition on the `vendor_id`, `tenant` and `agency` columns, with ``arguments``.
    var condition: String {
        switch self {
        case .vendor: "vendor_id = ?"
        case .tenant: "tenant = ?"
        case .agency: "tenant = ? AND agency = ?"
        }
    }

    /// The values bound to ``condition``'s placeholders, in order.
    var arguments: [any SQLBindable] {
        switch self {
        case .vendor(let vendorID): [vendorID]
        case .tenant(let tenant): [tenant]
        case .agency(let tenant, let agency): [tenant, agency]
        }
    }
}

/// Reading and writing orders.
enum OrderStore {
    static func load(_ db: Connection, id: String) throws -> StoredOrder {
        guard
            let row = try db.queryOne(
                """
                SELECT tenant, agency, ppk_account_id, vendor_id, state, data, version, created_at, updated_at, vendor_response_due, total
                FROM purchase_order WHERE id = ?
                """, id)
        else { throw RPCError.notFound("order", id: id) }
        guard let state = OrderState(rawValue: try row.string(4)) else {
            throw StorageError.typeMismatch(column: "state", expected: "an order state", found: try row.string(4))
        }
        return StoredOrder(
            id: id, tenant: try row.string(0), agency: try row.string(1), ppkAccountID: try row.string(2),
            vendorID: try row.string(3), state: state,
            data: try JSONColumn.value(OrderData.self, try row.string(5)),
            vendorResponseDue: try row.optionalString(9).map { try CivilDate($0) },
            total: try row.optionalInt64(10).map { try Rupiah(checked: $0) },
            version: try row.int64(6), createdAt: try row.string(7), updatedAt: try row.string(8))
    }

    /// Writes a newly prepared order at version 1, held by `ppkAccountID`.
    static func insertPrepared(
        _ db: Connection, id: String, tenant: String, agency: String, ppkAccountID: String, vendorID: String,
        data: OrderData, at: Date
    ) throws {
        let stamp = Timestamp.iso8601(at)
        try db.run(
            """
            INSERT INTO purchase_order (id, tenant, agency, ppk_account_id, vendor_id, state, data, version, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 'prepared', ?, 1, ?, ?)
            """,
            arguments: [id, tenant, agency, ppkAccountID, vendorID, try JSONColumn.text(data), stamp, stamp])
    }

    /// The ids of the orders in `scope` (in `state`, when given) after the id `after`, by id, at
    /// most `limit`.
    static func ids(_ db: Connection, _ scope: OrderScope, after: String, state: OrderState?, limit: Int) throws
        -> [String]
    {
        var sql = "SELECT id FROM purchase_order WHERE id > ? AND \(scope.condition)"
        var arguments: [any SQLBindable] = [after] + scope.arguments
        if let state {
            sql += " AND state = ?"
            arguments.append(state.rawValue)
        }
        return try db.query(sql + " ORDER BY id LIMIT ?", arguments: arguments + [limit]).map { try $0.string(0) }
    }

    /// The orders whose vendor's answer was due before `day`, longest overdue first, at most `limit`.
    static func awaitingVendor(_ db: Connection, dueBefore day: CivilDate, limit: Int) throws -> [String] {
        try db.query(
            "SELECT id FROM purchase_order WHERE vendor_response_due < ? ORDER BY vendor_response_due LIMIT ?",
            day.description, limit
        ).map { try $0.string(0) }
    }

    /// Writes `order` back if nobody changed it since `expectedVersion` was read; a 409 otherwise.
    static func save(
        _ db: Connection, _ order: StoredOrder, expectedVersion: Int64, vendorResponseDue: CivilDate?, at: Date
    ) throws {
        let settings = try SettingsStore.settings(db, tenant: order.tenant)
        let total = order.data.negotiation?.agreedTerms.flatMap { terms in
            try? terms.totals(ppn: Self.ppnTerms(order.data, settings: settings, today: CivilDate(at)))
                .totalIncludingPPN.amount
        }
        let changed = try db.run(
            "UPDATE purchase_order SET state = ?, data = ?, vendor_response_due = ?, total = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
            arguments: [
                order.state.rawValue, try JSONColumn.text(order.data), vendorResponseDue?.description, total,
                Timestamp.iso8601(at), order.id, expectedVersion,
            ])
        guard changed == 1 else {
            throw RPCError.conflict(
                "the order changed since it was read; read it again", currentState: order.state.rawValue)
        }
    }

    /// Hands `order` to `holder` (its new PPK or Pejabat Pengadaan, named `name` on its documents
    /// from now on), one version on; the caller checked the version read.
    static func reassign(_ db: Connection, _ order: StoredOrder, to holder: String, name: String, at: Date) throws {
        var data = order.data
        data.ppkName = name
        let changed = try db.run(
            "UPDATE purchase_order SET ppk_account_id = ?, data = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
            arguments: [holder, try JSONColumn.text(data), Timestamp.iso8601(at), order.id, order.version])
        guard changed == 1 else {
            throw RPCError.conflict(
                "the order changed since it was read; read it again", currentState: order.state.rawValue)
        }
    }

    /// The PPN terms of an order: the vendor's PKP status, the items' price basis, and the PPN
    /// rule fixed when it was placed (``OrderData/ppnRate``); for an order placed before rules were
    /// kept with it, or not placed yet, the tenant's rule (``OrdersSettings/ppnRates``) in force on
    /// the day it was placed (today, before it is placed). No rule in force is 422 naming `ppnRates`.
    static func ppnTerms(_ data: OrderData, settings: OrdersSettings, today: CivilDate) throws(DomainRefusal)
        -> PPNTerms
    {
        let basis = try PriceBasis.common(data.items.map { PriceBasis(includesPPN: $0.includesPPN) })
        let status = VendorTaxStatus(isPKP: data.vendor.isPKP)
        if let rate = data.ppnRate { return PPNTerms(vendorStatus: status, priceBasis: basis, rate: rate) }
        let date = data.orderedOn ?? today
        guard let rate = PPNRate.inForce(on: date, schedule: settings.ppnRates) else {
            throw DomainRefusal.validationFailed(
                field: "ppnRates", reason: "has no PPN rule in force on \(date); the tenant administrator must set one")
        }
        return PPNTerms(vendorStatus: status, priceBasis: basis, rate: rate)
    }
}
