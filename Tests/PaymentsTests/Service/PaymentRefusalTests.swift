import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

/// Bad input and races: typed errors, and nothing half-written.
@Suite("Payments: refusals, races and authorization", .serialized, .timeLimit(.minutes(5)))
struct PaymentRefusalTests {
    @Test func anotherAgencysPayableAmountsThatDoNotAddUpAndAnExpiredSuratKeteranganAreRefused() async throws {
        try await withPayments { system in
            let seller = try await system.seller(
                isPKP: false, category: "JASA-CETAK", name: "Cetak brosur", price: 95_000)
            // An expired Surat Keterangan is registered, but not applied.
            let today = system.today
            _ = try await system.payments.call(
                VendorRegisterTaxCertificate.self,
                UMKMCertificate(
                    number: "KET-00999/WPJ.12/2025", validFrom: today.adding(days: -400),
                    validUntil: today.adding(days: -1)),
                token: seller.token)
            let order = try await system.completedOrder(seller, quantity: 30, packageName: "Cetak brosur")
            _ = try await system.payable(order)

            // Another agency's treasurer, a vendor, a PPK: refused.
            let otherTreasurer = try await system.official(
                "pupr-treasurer", .treasurer, tenant: "balangan", agency: "PUPR")
            for token in [otherTreasurer.token, seller.token, system.ppk] {
                let refused = await rpcError {
                    _ = try await system.payments.call(
                        PaymentPrepare.self, PaymentPreparation(orderID: order.id, mechanism: .upGu), token: token)
                }
                #expect(refused?.code == 403)
            }
            let peek = await rpcError {
                _ = try await system.payments.call(
                    PayableGet.self, PayableRef(orderID: order.id), token: otherTreasurer.token)
            }
            #expect(peek?.code == 403)
            let otherVendor = try await system.activeVendor()
            let notTheirs = await rpcError {
                _ = try await system.payments.call(
                    PayableGet.self, PayableRef(orderID: order.id), token: otherVendor.token)
            }
            #expect(notTheirs?.code == 403)

            // A gross other than what the SP and BAST allow: 422 naming the field, nothing written.
            let payable = try await system.payable(order)
            let over = await rpcError {
                _ = try await system.payments.call(
                    PaymentPrepare.self,
                    PaymentPreparation(
                        orderID: order.id, mechanism: .upGu, gross: try payable.facts.totalIncludingPPN + 1),
                    token: system.treasurer)
            }
            #expect(over?.code == 422)
            #expect(over?.data?["fields"]?.arrayValue?.first?["field"]?.stringValue == "gross")
            let tooMuch = await rpcError {
                _ = try await system.payments.call(
                    PaymentPrepare.self,
                    PaymentPreparation(orderID: order.id, mechanism: .upGu, gross: 2_000_000_000_000),
                    token: system.treasurer)
            }
            #expect(tooMuch?.code == 422)
            #expect(try await system.payable(order).state == .due)
            #expect(
                try await system.payments.call(PaymentList.self, PaymentListParams(), token: system.treasurer).payments
                    .isEmpty)
            #expect(try await paymentEvents(system).filter { $0.type.hasPrefix("payment.") }.isEmpty)

            // The expired certificate is not applied: PPh 23 is withheld, and the reason is given.
            let prepared = try await system.payments.call(
                PaymentPrepare.self, PaymentPreparation(orderID: order.id, mechanism: .upGu), token: system.treasurer)
            #expect(prepared.assessment.lines.map(\.taxType) == [.pph23])
            #expect(prepared.assessment.notApplied.contains { $0.reason == .certificateExpired })

            // A payment is not instructed twice, nor deposited before it settled.
            let instructed = try await system.payments.call(
                PaymentInstruct.self,
                PaymentInstruction(paymentID: prepared.id, version: prepared.version, transferReference: "TRF-9"),
                token: system.treasurer)
            let twice = await rpcError {
                _ = try await system.payments.call(
                    PaymentInstruct.self,
                    PaymentInstruction(
                        paymentID: instructed.id, version: instructed.version, transferReference: "TRF-10"),
                    token: system.treasurer)
            }
            #expect(twice?.code == 409)
            let early = await rpcError {
                _ = try await system.payments.call(
                    TaxRecordDeposit.self,
                    TaxDepositParams(
                        paymentID: instructed.id, version: instructed.version, lineID: "tax-1",
                        billingCode: "123456789012345", ntpn: "0A1B2C3D4E5F6G7H", depositedOn: today),
                    token: system.treasurer)
            }
            #expect(early?.code == 409)
            // A stale version is refused.
            let stale = await rpcError {
                _ = try await system.payments.call(
                    PaymentSettle.self,
                    PaymentSettlement(paymentID: instructed.id, version: prepared.version, bankReference: "BK-1"),
                    token: system.treasurer)
            }
            #expect(stale?.code == 409)
        }
    }

    @Test func fiftyConcurrentDuplicatePreparationsMakeExactlyOnePayment() async throws {
        try await withPayments { system in
            let seller = try await system.seller(isPKP: false)
            let order = try await system.completedOrder(seller, quantity: 40)
            _ = try await system.payable(order)
            let treasurer = system.treasurer
            let payments = system.payments!
            let outcomes = await withTaskGroup(of: Result<String, RPCError>.self) { group in
                for attempt in 0..<50 {
                    group.addTask {
                        do {
                            let payment = try await payments.call(
                                PaymentPrepare.self, PaymentPreparation(orderID: order.id, mechanism: .upGu),
                                token: treasurer, idempotencyKey: "dup-\(attempt)")
                            return .success(payment.id)
                        } catch let error as RPCError {
                            return .failure(error)
                        } catch {
                            return .failure(RPCError.dependencyUnavailable("\(error)"))
                        }
                    }
                }
                var all: [Result<String, RPCError>] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            let made = outcomes.compactMap { try? $0.get() }
            #expect(made.count == 1)
            #expect(
                outcomes.allSatisfy {
                    if case .failure(let error) = $0 { return error.code == 409 }
                    return true
                })
            let listed = try await system.payments.call(PaymentList.self, PaymentListParams(), token: treasurer)
            #expect(listed.payments.map(\.id) == made)
            #expect(try await paymentEvents(system).filter { $0.type == "payment.prepared" }.count == 1)
        }
    }
}

/// The LS path, the monthly report and the tenant's settings.
@Suite("Payments: LS with its SP2D, the monthly report, settings as audited data", .serialized, .timeLimit(.minutes(5)))
struct PaymentSettingsAndReportTests {
    @Test func lsNeedsItsSP2DTheMonthPrintsAndSettingsAreValidatedAndAudited() async throws {
        try await withPayments { system in
            let seller = try await system.seller(isPKP: false)
            let order = try await system.completedOrder(seller, quantity: 45)
            _ = try await system.payable(order)
            let prepared = try await system.payments.call(
                PaymentPrepare.self, PaymentPreparation(orderID: order.id, mechanism: .ls), token: system.treasurer)
            // LS is paid by SP2D: without its number and date the instruction is refused, nothing written.
            let withoutSP2D = await rpcError {
                _ = try await system.payments.call(
                    PaymentInstruct.self, PaymentInstruction(paymentID: prepared.id, version: prepared.version),
                    token: system.treasurer)
            }
            #expect(withoutSP2D?.code == 422)
            #expect(withoutSP2D?.data?["fields"]?.arrayValue?.first?["field"]?.stringValue == "sp2d")
            #expect(
                try await system.payments.call(PaymentGet.self, PaymentRef(paymentID: prepared.id), token: system.ppk)
                    == prepared)
            let today = system.today
            let instructed = try await system.payments.call(
                PaymentInstruct.self,
                PaymentInstruction(
                    paymentID: prepared.id, version: prepared.version,
                    sp2d: SP2DReference(number: "0107/SP2D/LS/DINKES/2026", date: today)), token: system.treasurer)
            #expect(instructed.transferReference == "0107/SP2D/LS/DINKES/2026")
            let settled = try await system.payments.call(
                PaymentSettle.self,
                PaymentSettlement(paymentID: instructed.id, version: instructed.version, bankReference: "RKUD-5521"),
                token: system.treasurer)
            #expect(settled.sp2d?.number == "0107/SP2D/LS/DINKES/2026")

            // The monthly report: every line with its due date, as CSV and PDF; the auditor names the agency.
            let csv = try await system.payments.call(
                TaxMonthlyReport.self,
                TaxExportParams(agency: "DINKES", year: today.year, month: today.month, format: .csv),
                token: system.auditor)
            let text = String(decoding: try #require(Data(base64Encoded: csv.contentBase64)), as: UTF8.self)
            #expect(text.contains("0107/SP2D/LS/DINKES/2026"))
            let pdf = try await system.payments.call(
                TaxMonthlyReport.self, TaxExportParams(year: today.year, month: today.month, format: .pdf),
                token: system.treasurer)
            #expect(try #require(Data(base64Encoded: pdf.contentBase64)).starts(with: Array("%PDF".utf8)))
            let notTheirs = await rpcError {
                _ = try await system.payments.call(
                    TaxLines.self, TaxPeriodParams(agency: "PUPR", year: today.year, month: today.month),
                    token: system.treasurer)
            }
            #expect(notTheirs?.code == 403)

            // Settings: Super Admin only, validated by the tax rules' own checks, audited.
            var settings = try await system.payments.call(
                PaymentsSettingsGet.self, TenantScope(), token: system.treasurer)
            #expect(settings.mechanismLimits.first?.maximum == 200_000_000)
            let byTreasurer = await rpcError {
                _ = try await system.payments.call(PaymentsSettingsSet.self, settings, token: system.treasurer)
            }
            #expect(byTreasurer?.code == 403)
            var broken = settings
            broken.tax.rules[0].effectiveUntil = broken.tax.rules[0].effectiveFrom.adding(days: -1)
            let refused = await rpcError {
                _ = try await system.payments.call(PaymentsSettingsSet.self, broken, token: system.superAdmin)
            }
            #expect(refused?.code == 422)
            settings.mechanismLimits[0].maximum = 150_000_000
            let saved = try await system.payments.call(PaymentsSettingsSet.self, settings, token: system.superAdmin)
            #expect(saved.version == 1 && saved.mechanismLimits[0].maximum == 150_000_000)
            let audit = try await system.payments.call(
                AuditRead.self, CursorParams(after: 0, limit: 1000), token: system.auditor)
            #expect(audit.entries.contains { $0.action == "settings_set" && $0.targetType == "payments_settings" })
            #expect(audit.entries.contains { $0.action == "settled" && $0.targetID == settled.id })
        }
    }
}
