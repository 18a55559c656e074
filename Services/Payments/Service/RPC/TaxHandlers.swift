import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// The deposit of collected tax, the treasurer's monthly report data, and the exports for the
/// tax office (Coretax e-Bupot BPPU) and the treasurer.
struct TaxHandlers {
    let context: PaymentsContext

    func register(into table: inout RPCMethodTable) {
        table.register(TaxRecordDeposit.self) { params, request in try await recordDeposit(params, request) }
        table.register(TaxLines.self) { params, request in
            let principal = try request.requirePrincipal()
            return try await report(
                principal, tenant: params.tenant, agency: params.agency, year: params.year,
                month: params.month)
        }
        table.register(TaxExportBPPU.self) { params, request in
            let principal = try request.requirePrincipal()
            guard params.format != .pdf else {
                throw DomainRefusal.validationFailed(field: "format", reason: "must be xml or csv")
            }
            let (report, facts) = try await period(
                principal, tenant: params.tenant, agency: params.agency, year: params.year, month: params.month)
            return try PaymentExportFiles.bppu(report, facts: facts, format: params.format)
        }
        table.register(TaxMonthlyReport.self) { params, request in
            let principal = try request.requirePrincipal()
            guard params.format != .xml else {
                throw DomainRefusal.validationFailed(field: "format", reason: "must be pdf or csv")
            }
            let (report, facts) = try await period(
                principal, tenant: params.tenant, agency: params.agency, year: params.year, month: params.month)
            return try PaymentExportFiles.monthlyReport(
                report, facts: facts, today: context.today, format: params.format)
        }
    }

    func recordDeposit(_ params: TaxDepositParams, _ request: RequestContext) async throws -> PaymentRecord {
        let principal = try request.requirePrincipal()
        var problems: [FieldError] = []
        if let reason = PaymentReferenceRules.billingCodeProblem(params.billingCode) {
            problems.append(FieldError(field: "billingCode", reason: reason))
        }
        if let reason = PaymentReferenceRules.ntpnProblem(params.ntpn) {
            problems.append(FieldError(field: "ntpn", reason: reason))
        }
        let today = context.today
        if params.depositedOn > today {
            problems.append(FieldError(field: "depositedOn", reason: "must not be after today (\(today))"))
        }
        if !problems.isEmpty { throw DomainRefusal.validationFailed(problems) }
        let at = context.now()
        return try await context.database.write { db in
            let before = try PaymentStore.load(db, id: params.paymentID)
            try PaymentAccess.requireTreasurer(principal, tenant: before.tenant, agency: before.agency)
            guard before.version == params.version else {
                throw DomainRefusal.conflict(
                    "the payment changed since it was read (version \(before.version)); read it again",
                    currentState: before.state.rawValue)
            }
            _ = try PaymentStateMachine.next(before.state, .recordDeposit)
            guard let index = before.taxLines.firstIndex(where: { $0.lineID == params.lineID }) else {
                throw DomainRefusal.validationFailed(field: "lineId", reason: "is not a tax line of this payment")
            }
            if let deposit = before.taxLines[index].deposit {
                throw DomainRefusal.conflict(
                    "this tax line is already deposited (NTPN \(deposit.ntpn))", currentState: "deposited")
            }
            if params.depositedOn < before.paymentDate {
                throw DomainRefusal.validationFailed(
                    field: "depositedOn", reason: "must not be before the payment date (\(before.paymentDate))")
            }
            var record = before
            record.taxLines[index].deposit = TaxDeposit(
                billingCode: params.billingCode, ntpn: params.ntpn, depositedOn: params.depositedOn,
                recordedBy: principal.id, recordedAt: Timestamp.iso8601(at))
            let saved = try PaymentStore.save(db, record, expectedVersion: params.version, at: at)
            try PaymentEvents.taxLine(
                db, saved, saved.taxLines[index], actor: principal, method: TaxRecordDeposit.name,
                event: TaxDeposited.self, at: at)
            return saved
        }
    }

    /// The tax period's payments and lines, for the treasurer's report.
    func report(_ principal: Principal, tenant: String?, agency: String?, year: Int, month: Int) async throws
        -> TaxPeriodReport
    {
        try await period(principal, tenant: tenant, agency: agency, year: year, month: month).report
    }

    /// The tax period's payments and lines, with each payment's order facts (parties, identities), for the exports.
    func period(_ principal: Principal, tenant: String?, agency: String?, year: Int, month: Int) async throws
        -> (report: TaxPeriodReport, facts: [String: OrderPaymentFacts])
    {
        var problems: [FieldError] = []
        if !(2000...2100).contains(year) { problems.append(FieldError(field: "year", reason: "must be 2000 to 2100")) }
        if !(1...12).contains(month) { problems.append(FieldError(field: "month", reason: "must be 1 to 12")) }
        if !problems.isEmpty { throw DomainRefusal.validationFailed(problems) }
        let (tenant, agency) = try PaymentAccess.period(principal, tenant: tenant, agency: agency)
        let today = context.today
        return try await context.database.read { db in
            let payments = try PaymentStore.period(db, tenant: tenant, agency: agency, year: year, month: month)
            var lines: [TaxReportLine] = []
            var facts: [String: OrderPaymentFacts] = [:]
            for payment in payments {
                let orderFacts = try PayableStore.load(db, orderID: payment.orderID).facts
                facts[payment.orderID] = orderFacts
                let npwp = orderFacts.parties?.vendor.npwp ?? orderFacts.vendor.npwp ?? ""
                for line in payment.taxLines {
                    let undeposited = line.deposit == nil
                    let overdue =
                        undeposited
                        ? today > line.line.depositDueOn : (line.deposit!.depositedOn > line.line.depositDueOn)
                    lines.append(
                        TaxReportLine(
                            paymentID: payment.id, orderID: payment.orderID, mechanism: payment.mechanism,
                            sp2d: payment.sp2d, paymentDate: payment.paymentDate, paymentState: payment.state,
                            vendorID: payment.vendorID, vendorName: payment.vendorName, vendorNPWP: npwp,
                            taxLine: line, undeposited: undeposited, overdue: overdue))
                }
            }
            let report = TaxPeriodReport(
                tenant: tenant, agency: agency, year: year, month: month, payments: payments, lines: lines,
                undepositedCount: lines.filter(\.undeposited).count, overdueCount: lines.filter(\.overdue).count)
            return (report, facts)
        }
    }
}
