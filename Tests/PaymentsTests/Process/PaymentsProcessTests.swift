import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

// End to end through real processes: `siopen-identity`, `siopen-catalog`, `siopen-orders` and
// `siopen-payments` started as children of the test over one temporary data folder, spoken to
// only over their sockets.

@Suite("Payments end to end through real service processes", .serialized, .timeLimit(.minutes(8)))
struct PaymentsProcessTests {
    @Test func purchasesArePaidSlipsAndKuitansiVerifyAndTheBPPUExportListsThemAcrossAKill9() async throws {
        let launcher = try ServiceLauncher.processes(prefix: "sipay")
        let scenario = Scenario(sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion)
        defer { scenario.close() }
        try await launcher.whileRunning {
            try await launcher.start(Topology.current().names(through: "payments"))
            let world = try await scenario.standardWorld()
            let ppk = try world.token(.ppk)
            let treasurer = try world.token(.treasurer)
            let verifier = try world.token(.verifier)
            let auditor = try world.token(.auditor)
            let today = CivilDate(Date())
            // The agency's NPWP, under which its treasurer withholds (printed on the slips and the BPPU).
            _ = try await scenario.identity.call(
                AgencyUpdate.self,
                AgencyInfo(
                    tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan Kabupaten Balangan",
                    address: "Jl. A. Yani Km 1,5, Paringin", phone: "(0526) 2028123",
                    email: try EmailAddress("dinkes@balangankab.go.id"),
                    npwp: try NPWP(ScenarioData.npwpText("00653130", branch: "731"))), token: world.superAdmin)
            func purchase(_ product: ProductRecord, _ vendor: ScenarioVendor, quantity: Int, name: String)
                async throws -> OrderRecord
            {
                try await scenario.purchase(
                    ScenarioData.preparation(
                        [OrderItemRequest(productID: product.id, quantity: quantity)], today: today, packageName: name),
                    ppk: ppk, vendorToken: vendor.token, today: today
                ).order
            }

            // A PKP goods vendor; a non-PKP printing service with a Surat Keterangan.
            let pkp = try await scenario.activeVendor(verifier: verifier, isPKP: true)
            let paper = try await scenario.listedProduct(
                ScenarioData.offer(name: "Kertas HVS F4", price: 60_000, includesPPN: true), vendorToken: pkp.token,
                verifier: verifier)
            let printer = try await scenario.activeVendor(verifier: verifier)
            let printing = try await scenario.listedProduct(
                ScenarioData.offer(name: "Cetak leaflet", category: "JASA-CETAK", price: 95_000),
                vendorToken: printer.token, verifier: verifier)
            _ = try await scenario.payments.call(
                VendorRegisterTaxCertificate.self,
                UMKMCertificate(
                    number: "KET-04567/WPJ.12/KP.0403/2026", validFrom: today.adding(days: -10),
                    validUntil: today.adding(days: 355)), token: printer.token)

            let goods = try await purchase(paper, pkp, quantity: 50, name: "Pengadaan kertas F4")
            let services = try await purchase(printing, printer, quantity: 30, name: "Cetak leaflet promosi kesehatan")
            let byCard = try await purchase(paper, pkp, quantity: 40, name: "Pengadaan kertas F4 (KKPD)")

            // The goods payment is instructed, then payments is killed with SIGKILL before settlement.
            let payable = try await scenario.payable(orderID: goods.id, treasurer: treasurer)
            let prepared = try await scenario.payments.call(
                PaymentPrepare.self,
                PaymentPreparation(
                    orderID: goods.id, mechanism: .ls, paymentDate: today, gross: payable.facts.totalIncludingPPN,
                    sp2d: SP2DReference(number: "0042/SP2D/LS/DINKES/2026", date: today)),
                token: treasurer, idempotencyKey: "sp2d-0042")
            let instructed = try await scenario.payments.call(
                PaymentInstruct.self, PaymentInstruction(paymentID: prepared.id, version: prepared.version),
                token: treasurer)
            #expect(instructed.transferReference == "0042/SP2D/LS/DINKES/2026")
            let eventsBefore = try await scenario.payments.call(
                EventsRead.self, CursorParams(after: 0, limit: 1000), token: try launcher.serviceToken("orders")
            ).events
            scenario.payments.close()
            await launcher.kill("payments")
            try await launcher.start("payments")

            // Nothing lost, nothing doubled: the same payment, instructed, and the same key answers it.
            let afterRestart = try await scenario.payments.call(
                PaymentGet.self, PaymentRef(paymentID: prepared.id), token: treasurer)
            #expect(afterRestart == instructed)
            let retried = try await scenario.payments.call(
                PaymentPrepare.self,
                PaymentPreparation(
                    orderID: goods.id, mechanism: .ls, paymentDate: today, gross: payable.facts.totalIncludingPPN,
                    sp2d: SP2DReference(number: "0042/SP2D/LS/DINKES/2026", date: today)),
                token: treasurer, idempotencyKey: "sp2d-0042")
            #expect(retried.id == prepared.id)
            let eventsAfter = try await scenario.payments.call(
                EventsRead.self, CursorParams(after: 0, limit: 1000), token: try launcher.serviceToken("orders")
            ).events
            #expect(eventsAfter == eventsBefore)
            let settled = try await scenario.payments.call(
                PaymentSettle.self,
                PaymentSettlement(
                    paymentID: instructed.id, version: instructed.version, bankReference: "BPD-KALSEL-5531"),
                token: treasurer)
            #expect(settled.state == .settled)
            #expect(Set(settled.assessment.lines.map(\.taxType)) == [.ppn, .pph22])
            let listed = try await scenario.payments.call(PaymentList.self, PaymentListParams(), token: treasurer)
            #expect(listed.payments.count == 1)

            // The services vendor pays the final 0.5%; the KKPD payment collects neither PPN nor PPh 22.
            let final = try await scenario.pay(
                orderID: services.id, treasurer: treasurer, mechanism: .upGu, paymentDate: today)[2]
            #expect(final.assessment.lines.map(\.taxType) == [.pphFinalUMKM])
            let card = try await scenario.pay(
                orderID: byCard.id, treasurer: treasurer, mechanism: .kkpd, paymentDate: today)[2]
            #expect(card.assessment.lines.allSatisfy { $0.taxType != .ppn && $0.taxType != .pph22 })

            // Kuitansi and slips verify, by hash and by the PDF the vendor downloads.
            for payment in [settled, final, card] {
                let kuitansi = try #require(payment.kuitansi)
                let verified = try await scenario.payments.call(
                    DocumentVerify.self, DocumentVerifyParams(sha256: kuitansi.seal.sha256))
                #expect(verified.authentic && verified.type == "kuitansi")
                for line in payment.taxLines {
                    let slip = try #require(line.slip)
                    let vendorToken = payment.vendorID == pkp.info.id ? pkp.token : printer.token
                    let content = try await scenario.payments.call(
                        PaymentDocumentGet.self, PaymentDocumentRef(documentID: slip.id), token: vendorToken)
                    let check = try await scenario.payments.call(
                        DocumentVerify.self, DocumentVerifyParams(pdfBase64: content.pdfBase64))
                    #expect(check.authentic && check.number == slip.number)
                }
            }

            // The orders service shows the orders paid.
            _ = try await Scenario.until("orders shows the goods order paid") { () -> Bool? in
                let order = try await scenario.orders.call(OrderGet.self, OrderRef(orderID: goods.id), token: ppk)
                return order.payment?.paid == true ? true : nil
            }

            // The BPPU export of the period: one record per PPh slip, as XML and CSV.
            let pphSlips = [settled, final, card].flatMap(\.taxLines).filter { $0.line.taxType != .ppn }
            let xml = try await scenario.payments.call(
                TaxExportBPPU.self, TaxExportParams(year: today.year, month: today.month, format: .xml),
                token: treasurer)
            #expect(xml.rowCount == pphSlips.count)
            let xmlText = String(decoding: try #require(Data(base64Encoded: xml.contentBase64)), as: UTF8.self)
            #expect(xmlText.contains(pkp.info.npwp) && xmlText.contains("Direct"))
            let csv = try await scenario.payments.call(
                TaxExportBPPU.self,
                TaxExportParams(agency: "DINKES", year: today.year, month: today.month, format: .csv),
                token: auditor)
            #expect(csv.rowCount == pphSlips.count)

            // A late delivery (every process's clock moved four days): the penalty is deducted.
            let placed = try await scenario.placedOrder(
                ScenarioData.preparation(
                    [OrderItemRequest(productID: paper.id, quantity: 45)], today: today, deliveryInDays: 1,
                    packageName: "Pengadaan kertas yang terlambat"), ppk: ppk)
            let contracted = try await scenario.contract(placed, ppk: ppk, vendorToken: pkp.token)
            try await launcher.moveClock(seconds: 4 * 86_400)
            let lateDay = today.adding(days: 4)
            let lines = contracted.items.map { DeliveryLine(itemID: $0.itemID, quantity: $0.quantity) }
            var late = try await Scenario.until("orders records the late delivery on the moved clock") {
                try await scenario.orders.call(
                    OrderRecordDelivery.self,
                    DeliveryParams(
                        orderID: contracted.id, version: contracted.version, deliveredOn: lateDay, lines: lines),
                    token: pkp.token)
            }
            late = try await scenario.orders.call(
                OrderInspect.self,
                InspectionParams(
                    orderID: late.id, version: late.version, deliveryID: "delivery-1", inspectedOn: lateDay,
                    lines: lines.map { InspectionLine(itemID: $0.itemID, accepted: $0.quantity) }), token: ppk)
            late = try await scenario.orders.call(
                OrderConfirmReceipt.self, ReceiptParams(orderID: late.id, version: late.version), token: ppk)
            late = try await scenario.orders.call(
                OrderAcknowledgeBAST.self, OrderAct(orderID: late.id, version: late.version), token: pkp.token)
            late = try await scenario.orders.call(
                OrderAcknowledgeBAST.self, OrderAct(orderID: late.id, version: late.version), token: ppk)
            let latePayable = try await Scenario.until("payments knows the late order on the moved clock") {
                try await scenario.payments.call(PayableGet.self, PayableRef(orderID: late.id), token: treasurer)
            }
            #expect(latePayable.facts.penaltyAmount > .zero)
            // Identity answers again once its revocation list is fresh on the moved clock; a refused
            // preparation writes nothing, so it is simply sent again.
            // The treasurer signs in again on the moved clock (identity no longer takes the old session).
            let treasurerAgain = try await scenario.signIn(
                "s-treasurer", password: ScenarioData.finalPassword(of: "s-treasurer")
            ).token
            let preparedLate = try await Scenario.until("payments prepares on the moved clock") {
                try await scenario.payments.call(
                    PaymentPrepare.self,
                    PaymentPreparation(orderID: late.id, mechanism: .upGu, paymentDate: lateDay), token: treasurerAgain)
            }
            let instructedLate = try await scenario.payments.call(
                PaymentInstruct.self,
                PaymentInstruction(
                    paymentID: preparedLate.id, version: preparedLate.version, transferReference: "TRF-LATE-1"),
                token: treasurerAgain)
            let paidLate = try await scenario.payments.call(
                PaymentSettle.self,
                PaymentSettlement(
                    paymentID: instructedLate.id, version: instructedLate.version, bankReference: "BPD-KALSEL-7781",
                    settledOn: lateDay), token: treasurerAgain)
            #expect(paidLate.assessment.penalty == latePayable.facts.penaltyAmount)
            #expect(
                try Rupiah.sum([
                    paidLate.assessment.net, paidLate.assessment.taxesCollected, paidLate.assessment.penalty,
                ])
                    == paidLate.assessment.gross)
        }
    }
}
