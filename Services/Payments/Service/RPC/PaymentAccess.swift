import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Who may see and do what with payables and payments. Deny by default: each check names the
/// roles it admits, and everything else is 403.
enum PaymentAccess {
    /// The tenant-wide supervisors, who read every agency's payments.
    static let supervisors: Set<Role> = [.auditor, .ukpbjHead, .superAdmin, .monitor]
    /// The agency's officials who read its payables and payments.
    static let agencyReaders: Set<Role> = [.treasurer, .budgetHolder, .ppk]

    /// Refuses unless `principal` may read a record of `tenant`'s `agency` owed to `vendorID`:
    /// the vendor itself, the agency's treasurer, PA/KPA and PPK, and the tenant's supervisors.
    static func requireReadable(_ principal: Principal, tenant: String, agency: String, vendorID: String) throws {
        if principal.has(.vendor), principal.vendorID == vendorID { return }
        if !supervisors.isDisjoint(with: principal.roles) {
            try principal.requireTenant(tenant, reading: true)
            return
        }
        if !agencyReaders.isDisjoint(with: principal.roles), principal.tenant == tenant, principal.agency == agency {
            return
        }
        throw DomainRefusal.forbidden("this payment belongs to another agency or vendor")
    }

    /// Refuses unless `principal` is a treasurer of `tenant`'s `agency`.
    static func requireTreasurer(_ principal: Principal, tenant: String, agency: String) throws {
        guard principal.has(.treasurer), principal.tenant == tenant, principal.agency == agency else {
            throw DomainRefusal.forbidden("only the treasurer (bendahara) of the paying agency acts on its payments")
        }
    }

    /// The records a lister sees: the vendor its own, supervisors a tenant's, officials their agency's.
    static func scope(_ principal: Principal, tenant: String?) throws -> PaymentScope {
        if principal.has(.vendor), let vendorID = principal.vendorID,
            !principal.roles.contains(where: { $0 != .vendor })
        {
            return .vendor(vendorID)
        }
        if !supervisors.isDisjoint(with: principal.roles) {
            guard let tenant = tenant ?? principal.tenant else {
                throw DomainRefusal.validationFailed(field: "tenant", reason: "is required")
            }
            try principal.requireTenant(tenant, reading: true)
            return .tenant(tenant)
        }
        guard !agencyReaders.isDisjoint(with: principal.roles), let own = principal.tenant,
            let agency = principal.agency
        else { throw DomainRefusal.forbidden("only officials of an agency list its payments") }
        return .agency(tenant: own, agency: agency)
    }

    /// The agency whose tax period `principal` reads: their own (treasurer, PA/KPA), or the one a
    /// supervisor names.
    static func period(_ principal: Principal, tenant: String?, agency: String?) throws -> (
        tenant: String, agency: String
    ) {
        if !supervisors.isDisjoint(with: principal.roles) {
            guard let tenant = tenant ?? principal.tenant else {
                throw DomainRefusal.validationFailed(field: "tenant", reason: "is required")
            }
            guard let agency = agency ?? principal.agency else {
                throw DomainRefusal.validationFailed(field: "agency", reason: "is required")
            }
            try principal.requireTenant(tenant, reading: true)
            return (tenant, agency)
        }
        guard principal.has(.treasurer) || principal.has(.budgetHolder), let own = principal.tenant,
            let ownAgency = principal.agency
        else {
            throw DomainRefusal.forbidden("only the agency's treasurer, PA/KPA and supervisors read its tax period")
        }
        if let tenant, tenant != own { throw DomainRefusal.forbidden("this tax period belongs to another tenant") }
        if let agency, agency != ownAgency {
            throw DomainRefusal.forbidden("this tax period belongs to another agency")
        }
        return (own, ownAgency)
    }
}

/// Every change of a payment goes to the audit trail and the feed, as the declared event `E`
/// (`Shared/Contracts/Payments/PaymentsEvents.swift`); the audit action is the event's name after `payment.`.
enum PaymentEvents {
    /// Records `record`'s change by `actor`.
    static func record<E: PaymentChangeEvent>(
        _ db: Connection, _ record: PaymentRecord, before: PaymentRecord?, actor: Principal?, method: String,
        event: E.Type, rejectionReason: String? = nil, at: Date
    ) throws {
        let payload = PaymentStateChange(
            paymentID: record.id, orderID: record.orderID, tenant: record.tenant, agency: record.agency,
            vendorID: record.vendorID, state: record.state, mechanism: record.mechanism,
            gross: record.assessment.gross, net: record.assessment.net, transferReference: record.transferReference,
            bankReference: record.bankReference, settledAt: record.settledAt, rejectionReason: rejectionReason,
            version: record.version)
        let action = E.type.hasPrefix("payment.") ? String(E.type.dropFirst("payment.".count)) : E.type
        try AuditTrail.append(
            db, tenant: record.tenant, actor: actor, method: method, targetType: "payment", targetID: record.id,
            action: action, before: try before.map { try JSONCoding.value(PaymentAuditView($0)) },
            after: try JSONCoding.value(PaymentAuditView(record)), at: at)
        try EventFeed.publish(E.self, payload, db: db, tenant: record.tenant, subjectID: record.id, at: at)
    }

    /// Records one tax line's event (withheld at settlement, deposited later).
    static func taxLine<E: EventContract>(
        _ db: Connection, _ record: PaymentRecord, _ line: PaymentTaxLine, actor: Principal?, method: String,
        event: E.Type, at: Date
    ) throws where E.Payload == TaxLineEvent {
        let payload = TaxLineEvent(
            paymentID: record.id, orderID: record.orderID, tenant: record.tenant, agency: record.agency,
            vendorID: record.vendorID, taxLine: line)
        let action = E.type.replacingOccurrences(of: ".", with: "_")
        try AuditTrail.append(
            db, tenant: record.tenant, actor: actor, method: method, targetType: "payment",
            targetID: "\(record.id)/\(line.lineID)", action: action, before: nil,
            after: try JSONCoding.value(payload), at: at)
        try EventFeed.publish(E.self, payload, db: db, tenant: record.tenant, subjectID: record.id, at: at)
    }
}

/// What the audit trail keeps of a payment: its state, money and references (not the whole
/// record with its documents).
struct PaymentAuditView: Codable {
    let state: PaymentState
    let mechanism: PaymentMechanism
    let paymentDate: CivilDate
    let gross: Rupiah
    let net: Rupiah
    let transferReference: String?
    let bankReference: String?
    let sp2d: SP2DReference?
    let deposits: [String: TaxDeposit]
    let version: Int64

    init(_ record: PaymentRecord) {
        state = record.state
        mechanism = record.mechanism
        paymentDate = record.paymentDate
        gross = record.assessment.gross
        net = record.assessment.net
        transferReference = record.transferReference
        bankReference = record.bankReference
        sp2d = record.sp2d
        deposits = Dictionary(
            record.taxLines.compactMap { line in line.deposit.map { (line.lineID, $0) } },
            uniquingKeysWith: { first, _ in first })
        version = record.version
    }
}
