import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

/// The treasurer pays completed orders through payments' real service (in this process, over
/// real sockets and SQLite files): payables from orders' feed, the states, the taxes, the
/// documents, the events, and orders showing the order paid.
@Suite("Payments: payables, the payment lifecycle, taxes and documents", .serialized, .timeLimit(.minutes(5)))
struct PaymentLifecycleTests {
    @Test func pkpGoodsVendorIsPaidThroughEveryStateWithItsTaxesDocumentsAndEvents() async throws {
        try await withPayments { system in
            let seller = try await system.seller(isPKP: true)
            let order = try await system.completedOrder(seller, quantity: 50)

            // The payable: order, vendor, SP and BAST with their hashes, totals with and without PPN.
            let payable = try await system.payable(order)
            #expect(payable.state == .due)
            #expect(payable.facts.suratPesanan.seal.sha256 == order.suratPesanan?.seal.sha256)
            #expect(payable.facts.bast.seal.sha256 == order.bast?.seal.sha256)
            #expect(payable.facts.totalIncludingPPN == 2_750_000)
            #expect(payable.facts.parties?.vendor.npwp == seller.vendor.npwp)
            #expect(payable.facts.vendor.isPKP)
            let seenByVendor = try await system.payments.call(
                PayableList.self, PayableListParams(), token: seller.token)
            #expect(seenByVendor.payables.map(\.orderID) == [order.id])
            let seenByAuditor = try await system.payments.call(
                PayableGet.self, PayableRef(orderID: order.id), token: system.auditor)
            #expect(seenByAuditor.orderID == order.id)

            // Prepared: PPN and PPh 22 collected (PKP, goods, above Rp2,000,000, UP/GU), and
            // gross = net + taxes + penalty to the rupiah.
            let preparation = PaymentPreparation(
                orderID: order.id, mechanism: .upGu, paymentDate: system.today, gross: 2_750_000,
                budgetHolderAccountID: system.balangan[.budgetHolder]!.account.id)
            let prepared = try await system.payments.call(
                PaymentPrepare.self, preparation, token: system.treasurer, idempotencyKey: "bayar-1")
            #expect(prepared.state == .prepared)
            #expect(prepared.assessment.lines.map(\.taxType).sorted { $0.rawValue < $1.rawValue } == [.pph22, .ppn])
            let money = prepared.assessment
            #expect(try Rupiah.sum([money.net, money.taxesCollected, money.penalty]) == money.gross)
            #expect(try Rupiah.sum(money.lines.map(\.amount)) == money.taxesCollected)
            #expect(prepared.taxLines.map(\.lineID) == ["tax-1", "tax-2"])
            #expect(prepared.treasurer.name == system.balangan[.treasurer]!.account.fullName)
            #expect(prepared.budgetHolder?.accountID == system.balangan[.budgetHolder]!.account.id)
            // The same idempotency key answers the same payment.
            let retried = try await system.payments.call(
                PaymentPrepare.self, preparation, token: system.treasurer, idempotencyKey: "bayar-1")
            #expect(retried == prepared)

            // No settlement before the instruction: the money has not been sent.
            let early = await rpcError {
                _ = try await system.payments.call(
                    PaymentSettle.self,
                    PaymentSettlement(paymentID: prepared.id, version: prepared.version, bankReference: "BK-1"),
                    token: system.treasurer)
            }
            #expect(early?.code == 409)
            #expect(early?.data?["currentState"]?.stringValue == "prepared")

            // The PA/KPA approves ("setuju dibayar"), once; the treasurer cannot approve.
            let byTreasurer = await rpcError {
                _ = try await system.payments.call(
                    PaymentApprove.self, PaymentAct(paymentID: prepared.id, version: prepared.version),
                    token: system.treasurer)
            }
            #expect(byTreasurer?.code == 403)
            let approved = try await system.payments.call(
                PaymentApprove.self, PaymentAct(paymentID: prepared.id, version: prepared.version),
                token: system.balangan[.budgetHolder]!.token)
            #expect(approved.approvedAt != nil && approved.state == .prepared)
            let twiceApproved = await rpcError {
                _ = try await system.payments.call(
                    PaymentApprove.self, PaymentAct(paymentID: approved.id, version: approved.version),
                    token: system.balangan[.budgetHolder]!.token)
            }
            #expect(twiceApproved?.code == 409)

            // Instructed, then the bank returns it, then instructed again and settled.
            let instructed = try await system.payments.call(
                PaymentInstruct.self,
                PaymentInstruction(paymentID: approved.id, version: approved.version, transferReference: "TRF-0001"),
                token: system.treasurer)
            #expect(instructed.state == .instructed && instructed.transferReference == "TRF-0001")
            let returned = try await system.payments.call(
                PaymentReject.self,
                PaymentRejectionParams(
                    paymentID: instructed.id, version: instructed.version, reason: "Nomor rekening tidak sesuai nama"),
                token: system.treasurer)
            #expect(returned.state == .prepared)
            #expect(returned.rejections.map(\.reference) == ["TRF-0001"])
            let again = try await system.payments.call(
                PaymentInstruct.self,
                PaymentInstruction(paymentID: returned.id, version: returned.version, transferReference: "TRF-0002"),
                token: system.treasurer)
            // Instructed is not paid: orders shows the payment on its way, not paid.
            try await system.until("orders shows the payment instructed") {
                let shown = try await system.orders.call(OrderGet.self, OrderRef(orderID: order.id), token: system.ppk)
                return shown.payment?.state == .instructed && shown.payment?.paid == false
            }
            let settled = try await system.payments.call(
                PaymentSettle.self,
                PaymentSettlement(paymentID: again.id, version: again.version, bankReference: "BANKKALSEL-77812"),
                token: system.treasurer)
            #expect(settled.state == .settled && settled.bankReference == "BANKKALSEL-77812")

            // The documents: kuitansi, one slip per tax line, the proof and the packet, all sealed and verifiable.
            let kuitansi = try #require(settled.kuitansi)
            #expect(settled.taxLines.allSatisfy { $0.slip != nil })
            #expect(settled.proof != nil && settled.packet != nil)
            let verified = try await system.payments.call(
                DocumentVerify.self, DocumentVerifyParams(sha256: kuitansi.seal.sha256))
            #expect(verified.authentic && verified.type == "kuitansi")
            let kuitansiContent = try await system.payments.call(
                PaymentDocumentGet.self, PaymentDocumentRef(documentID: kuitansi.id), token: system.treasurer)
            #expect(kuitansiContent.html.contains(system.balangan[.budgetHolder]!.account.fullName))
            #expect(kuitansiContent.html.contains(system.balangan[.treasurer]!.account.fullName))
            let slip = try #require(settled.taxLines.first?.slip)
            let slipContent = try await system.payments.call(
                PaymentDocumentGet.self, PaymentDocumentRef(documentID: slip.id), token: seller.token)
            let slipPDF = try #require(Data(base64Encoded: slipContent.pdfBase64))
            let slipVerified = try await system.payments.call(
                DocumentVerify.self, DocumentVerifyParams(pdfBase64: slipPDF.base64EncodedString()))
            #expect(slipVerified.authentic && slipVerified.number == slip.number)
            #expect(slipContent.html.contains(seller.vendor.npwp))
            // The SPJ packet embeds the Surat Pesanan and the BAST as orders sealed them.
            let packet = try #require(settled.packet)
            let packetContent = try await system.payments.call(
                PaymentDocumentGet.self, PaymentDocumentRef(documentID: packet.id), token: system.treasurer)
            let packetPDF = String(
                decoding: try #require(Data(base64Encoded: packetContent.pdfBase64)), as: UTF8.self)
            #expect(packetPDF.contains("/EmbeddedFiles"))
            #expect(packetPDF.contains("surat-pesanan.pdf") && packetPDF.contains("bast.pdf"))

            // The payable is paid, the order shows paid, and a second payment is refused.
            let paid = try await system.payable(order)
            #expect(paid.state == .paid && paid.paymentID == settled.id)
            try await system.until("orders shows the order paid") {
                let shown = try await system.orders.call(OrderGet.self, OrderRef(orderID: order.id), token: system.ppk)
                return shown.payment?.paid == true && shown.payment?.bankReference == "BANKKALSEL-77812"
            }
            let second = await rpcError {
                _ = try await system.payments.call(
                    PaymentPrepare.self, PaymentPreparation(orderID: order.id, mechanism: .ls), token: system.treasurer)
            }
            #expect(second?.code == 409)

            // Every step is a typed event and an audit entry.
            let events = try await paymentEvents(system)
            #expect(
                events.map(\.type) == [
                    "payment.prepared", "payment.approved", "payment.instructed", "payment.rejected",
                    "payment.instructed",
                    "tax.withheld", "tax.withheld", "payment.settled",
                ])
            let change = try events.last!.decode(PaymentSettled.self)
            #expect(change.state == .settled && change.net == money.net)

            // Deposits: a malformed NTPN is refused with nothing written; a good one is recorded once.
            let badNTPN = await rpcError {
                _ = try await system.payments.call(
                    TaxRecordDeposit.self,
                    TaxDepositParams(
                        paymentID: settled.id, version: settled.version, lineID: "tax-1",
                        billingCode: "123456789012345",
                        ntpn: "NTPN-12", depositedOn: system.today), token: system.treasurer)
            }
            #expect(badNTPN?.code == 422)
            #expect(badNTPN?.data?["fields"]?.arrayValue?.first?["field"]?.stringValue == "ntpn")
            let before = try await system.payments.call(
                TaxLines.self, TaxPeriodParams(year: system.today.year, month: system.today.month),
                token: system.treasurer)
            #expect(before.undepositedCount == 2)
            let deposited = try await system.payments.call(
                TaxRecordDeposit.self,
                TaxDepositParams(
                    paymentID: settled.id, version: settled.version, lineID: "tax-1", billingCode: "123456789012345",
                    ntpn: "0A1B2C3D4E5F6G7H", depositedOn: system.today), token: system.treasurer)
            #expect(deposited.taxLines[0].deposit?.ntpn == "0A1B2C3D4E5F6G7H")
            let report = try await system.payments.call(
                TaxLines.self, TaxPeriodParams(year: system.today.year, month: system.today.month),
                token: system.treasurer)
            #expect(report.undepositedCount == 1 && report.overdueCount == 0)
            #expect(report.lines.map(\.vendorNPWP) == [seller.vendor.npwp, seller.vendor.npwp])
            #expect(try await paymentEvents(system).last?.type == "tax.deposited")

            // The vendor confirms receipt.
            let confirmed = try await system.payments.call(
                PaymentConfirmReceipt.self, PaymentAct(paymentID: deposited.id, version: deposited.version),
                token: seller.token)
            #expect(confirmed.state == .confirmed)
            // The kuitansi now carries the vendor's acknowledgement, in a sealed copy that verifies.
            #expect(confirmed.kuitansi?.acknowledgements.map(\.party).contains("vendor") == true)
            let copy = try await system.payments.call(
                PaymentDocumentGet.self, PaymentDocumentRef(documentID: kuitansi.id), token: seller.token)
            let acknowledgedCopy = try #require(copy.acknowledgedCopy)
            let copyVerified = try await system.payments.call(
                DocumentVerify.self, DocumentVerifyParams(pdfBase64: acknowledgedCopy.pdfBase64))
            #expect(copyVerified.authentic)
        }
    }

    @Test func servicesVendorWithSuratKeteranganPaysTheFinalRateAndKKPDCollectsNoPPNNorPPh22() async throws {
        try await withPayments { system in
            // A non-PKP printing service with a valid Surat Keterangan: the final 0.5% instead of PPh 23.
            let printer = try await system.seller(
                isPKP: false, category: "JASA-CETAK", name: "Cetak spanduk", price: 95_000)
            let today = system.today
            let certificate = try await system.payments.call(
                VendorRegisterTaxCertificate.self,
                UMKMCertificate(
                    number: "KET-00123/WPJ.12/KP.0403/2026", validFrom: today.adding(days: -30),
                    validUntil: today.adding(days: 300)), token: printer.token)
            #expect(certificate.vendorID == printer.vendor.id)
            let seen = try await system.payments.call(
                VendorTaxCertificateGet.self, VendorTaxCertificateRef(vendorID: printer.vendor.id),
                token: system.treasurer)
            #expect(seen.validToday && seen.certificate?.certificate.number == "KET-00123/WPJ.12/KP.0403/2026")
            let printing = try await system.completedOrder(printer, quantity: 30, packageName: "Cetak spanduk")
            _ = try await system.payable(printing)
            let paid = try await system.scenario.pay(
                orderID: printing.id, treasurer: system.treasurer, mechanism: .upGu, paymentDate: today)
            let lines = paid[2].assessment.lines
            #expect(lines.map(\.taxType) == [.pphFinalUMKM])
            #expect(lines.first?.umkmCertificateNumber == "KET-00123/WPJ.12/KP.0403/2026")

            // KKPD: a PKP goods vendor paid by the regional government credit card: no PPN, no PPh 22.
            let goods = try await system.seller(isPKP: true)
            let order = try await system.completedOrder(goods, quantity: 50, packageName: "Pengadaan kertas KKPD")
            let byCard = try await system.scenario.pay(
                orderID: order.id, treasurer: system.treasurer, mechanism: .kkpd, paymentDate: today)
            let card = byCard[2].assessment
            #expect(card.lines.allSatisfy { $0.taxType != .ppn && $0.taxType != .pph22 })
            #expect(card.net == (try card.gross - card.penalty - card.taxesCollected))
        }
    }

    @Test func latePenaltyIsDeductedFromTheTransfer() async throws {
        try await withPayments { system in
            var seller = try await system.seller(isPKP: false)
            let start = system.today
            let placed = try await system.scenario.placedOrder(
                ScenarioData.preparation(
                    [OrderItemRequest(productID: seller.product.id, quantity: 60)], today: start, deliveryInDays: 1),
                ppk: system.ppk)
            var order = try await system.scenario.contract(placed, ppk: system.ppk, vendorToken: seller.token)
            // Delivered three days late (everyone signs in again on the moved clock).
            system.clock.advance(days: 4)
            try await system.renewSessions()
            seller = try await system.signedInAgain(seller)
            let late = system.today
            let lines = order.items.map { DeliveryLine(itemID: $0.itemID, quantity: $0.quantity) }
            let contracted = order
            let vendorToken = seller.token
            order = try await Scenario.until("orders accepts sessions on the moved clock") {
                try await system.orders.call(
                    OrderRecordDelivery.self,
                    DeliveryParams(
                        orderID: contracted.id, version: contracted.version, deliveredOn: late, lines: lines),
                    token: vendorToken)
            }
            order = try await system.orders.call(
                OrderInspect.self,
                InspectionParams(
                    orderID: order.id, version: order.version, deliveryID: "delivery-1", inspectedOn: late,
                    lines: lines.map { InspectionLine(itemID: $0.itemID, accepted: $0.quantity) }), token: system.ppk)
            order = try await system.orders.call(
                OrderConfirmReceipt.self, ReceiptParams(orderID: order.id, version: order.version), token: system.ppk)
            order = try await system.orders.call(
                OrderAcknowledgeBAST.self, OrderAct(orderID: order.id, version: order.version), token: seller.token)
            order = try await system.orders.call(
                OrderAcknowledgeBAST.self, OrderAct(orderID: order.id, version: order.version), token: system.ppk)
            let payable = try await Scenario.until("payments accepts sessions on the moved clock") {
                try await system.payable(order)
            }
            #expect(payable.facts.penaltyAmount > .zero)
            let paid = try await system.scenario.pay(
                orderID: order.id, treasurer: system.treasurer, mechanism: .upGu, paymentDate: late)
            let money = paid[2].assessment
            #expect(money.penalty == payable.facts.penaltyAmount)
            #expect(try Rupiah.sum([money.net, money.taxesCollected, money.penalty]) == money.gross)
        }
    }
}
