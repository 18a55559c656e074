import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenSecurity
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

@Suite struct OrderLifecycleTests {
    @Test func fromPreparationThroughNegotiationAndSuratPesananToBAST() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let ppk = system.ppk
            let vendor = market.vendorToken
            let today = CivilDate(system.clock.now())
            // Identity gives DINKES an NPWP; snapshotted with the parties when the Surat Pesanan is
            // issued, it reaches payments as the withholder's.
            let agencyNPWP = try NPWP(ScenarioData.npwpText("00123456"))
            _ = try await system.identity.call(
                AgencyUpdate.self,
                AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan", npwp: agencyNPWP),
                token: system.superAdmin)

            // Preparation: catalogue prices and references snapshotted, the estimate computed.
            let prepared = try await system.orders.call(
                OrderPrepare.self,
                system.preparation(
                    [
                        OrderItemRequest(productID: market.paper.id, quantity: 10),
                        OrderItemRequest(productID: market.printer.id, quantity: 1),
                    ], installation: true),
                token: ppk)
            #expect(prepared.state == .prepared)
            #expect(prepared.items.map(\.catalogueUnitPrice) == [55_000, 2_505_000])
            #expect(prepared.priceEstimate == 3_205_000)
            #expect(prepared.vendor.id == market.vendor.id)
            #expect(prepared.terms.antiGratification.contains("gratifikasi"))

            // Ordered: round 0 is the order; the vendor has five days.
            let placed = try await system.orders.call(
                OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: ppk)
            #expect(placed.state == .ordered)
            #expect(placed.vendorResponseDue == today.adding(days: 5))
            #expect(placed.offers.count == 1)
            #expect(placed.availableActions == [.cancel])

            // Two rounds of negotiation, then the vendor accepts the PPK's counter-offer unchanged.
            let vendorOffer = try await system.orders.call(
                OrderOffer.self, system.offerParams(placed, prices: [54_000, 2_450_000], note: "harga khusus"),
                token: vendor)
            #expect(vendorOffer.state == .negotiating)
            #expect(vendorOffer.vendorResponseDue == nil)
            let counter = try await system.orders.call(
                OrderOffer.self, system.offerParams(vendorOffer, prices: [52_000, 2_400_000]), token: ppk)
            #expect(counter.offers.map(\.round) == [0, 1, 2])
            #expect(counter.vendorResponseDue == today.adding(days: 5))
            let agreed = try await system.orders.call(
                OrderAccept.self, OrderAcceptParams(orderID: counter.id, version: counter.version, round: 2),
                token: vendor)
            #expect(agreed.state == .agreed)
            #expect(agreed.agreedTotals?.totalIncludingPPN == 3_070_000)
            #expect(agreed.agreedTotals?.ppn == 0)

            // The Surat Pesanan: numbered from the template, rendered, sealed, verifiable.
            let issued = try await system.orders.call(
                OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), token: ppk)
            #expect(issued.state == .contracted)
            let sp = try #require(issued.suratPesanan)
            #expect(sp.number == "1/SP/DINKES/\(RomanNumeralForTest.month(today.month))/\(today.year)")
            let content = try await system.orders.call(DocumentGet.self, DocumentRef(documentID: sp.id), token: vendor)
            let pdf = [UInt8](Data(base64Encoded: content.pdfBase64)!)
            #expect(pdf.starts(with: Array("%PDF-1.4".utf8)))
            #expect(SHA256.hexDigest(pdf) == sp.seal.sha256)
            #expect(content.html.contains("SURAT PESANAN"))
            #expect(content.html.contains("Rp3.070.000,00 (tiga juta tujuh puluh ribu rupiah)"))
            // The original carries the PPK's signature only: the vendor has not acknowledged yet.
            #expect(content.html.contains("Ditandatangani secara elektronik pada"))
            #expect(!content.html.contains("Diterima secara elektronik"))
            #expect(content.acknowledgedCopy == nil)
            let verified = try await system.orders.call(
                DocumentVerify.self, DocumentVerifyParams(pdfBase64: content.pdfBase64))
            #expect(verified.authentic)
            #expect(verified.number == sp.number)
            var tampered = pdf
            tampered[tampered.count / 2] ^= 0x01
            #expect(
                !(try await system.orders.call(
                    DocumentVerify.self, DocumentVerifyParams(pdfBase64: Data(tampered).base64EncodedString())))
                    .authentic)
            #expect(
                try await system.orders.call(
                    DocumentVerify.self, DocumentVerifyParams(sha256: sp.seal.sha256.uppercased())
                ).authentic)
            // Issued means fixed: no more offers, no second Surat Pesanan.
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderIssueSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version), token: ppk)
                }?.code == 409)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderCancel.self, OrderAct(orderID: issued.id, version: issued.version, reason: "batal"),
                        token: ppk)
                }?.code == 409)

            let started = try await system.orders.call(
                OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version), token: vendor)
            #expect(started.state == .inDelivery)
            let due = started.execution!.dueDate
            // The vendor's acknowledgement is a sealed copy against the original; both verify.
            let acknowledged = try await system.orders.call(
                DocumentGet.self, DocumentRef(documentID: sp.id), token: vendor)
            let copy = try #require(acknowledged.acknowledgedCopy)
            #expect(copy.originalSha256 == sp.seal.sha256 && copy.sequence == 1)
            #expect(copy.html.contains("Diterima secara elektronik pada") && copy.html.contains("WITA"))
            #expect(acknowledged.pdfBase64 == content.pdfBase64)
            let copyVerified = try await system.orders.call(
                DocumentVerify.self, DocumentVerifyParams(pdfBase64: copy.pdfBase64))
            #expect(copyVerified.authentic && copyVerified.originalSha256 == sp.seal.sha256)
            #expect(copyVerified.acknowledgements?.map(\.party) == ["ppk", "vendor"])

            // A partial delivery on time; one rim is defective and must be replaced.
            let first = try await system.orders.call(
                OrderRecordDelivery.self,
                DeliveryParams(
                    orderID: started.id, version: started.version, deliveredOn: today,
                    lines: [DeliveryLine(itemID: "item-1", quantity: 5)]), token: vendor)
            let inspected = try await system.orders.call(
                OrderInspect.self,
                InspectionParams(
                    orderID: first.id, version: first.version, deliveryID: "delivery-1", inspectedOn: today,
                    lines: [InspectionLine(itemID: "item-1", accepted: 4, rejected: 1, reason: .defect, note: "sobek")]),
                token: ppk)
            #expect(inspected.execution?.ledger.replacementRequests.count == 1)
            // Nothing waits for inspection and not everything is accepted: neither inspect nor a
            // replacement step (which has no method) is offered.
            #expect(inspected.availableActions == [.fail])
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderConfirmReceipt.self, ReceiptParams(orderID: inspected.id, version: inspected.version),
                        token: ppk)
                }?.code == 409)

            // The rest arrives three days late: penalty 1‰ per day of the late part's value.
            system.clock.advance(days: today.days(until: due) + 3)
            let lateDay = due.adding(days: 3)
            let late = try await system.orders.call(
                OrderRecordDelivery.self,
                DeliveryParams(
                    orderID: inspected.id, version: inspected.version, deliveredOn: lateDay,
                    lines: [DeliveryLine(itemID: "item-1", quantity: 6), DeliveryLine(itemID: "item-2", quantity: 1)]),
                token: vendor)
            // Every unit is delivered (or awaiting inspection): no further delivery is offered, and one is refused.
            #expect(late.availableActions.isEmpty)
            let overDelivery = await rpcError {
                _ = try await system.orders.call(
                    OrderRecordDelivery.self,
                    DeliveryParams(
                        orderID: late.id, version: late.version, deliveredOn: lateDay,
                        lines: [DeliveryLine(itemID: "item-1", quantity: 1)]),
                    token: vendor)
            }
            #expect(overDelivery?.code == 409)
            #expect(overDelivery?.data?["currentState"]?.stringValue == "in_delivery")
            let accepted = try await system.orders.call(
                OrderInspect.self,
                InspectionParams(
                    orderID: late.id, version: late.version, deliveryID: "delivery-2", inspectedOn: lateDay,
                    lines: [
                        InspectionLine(itemID: "item-1", accepted: 6), InspectionLine(itemID: "item-2", accepted: 1),
                    ]),
                token: ppk)
            #expect(accepted.execution?.ledger.isFullyAccepted == true)
            // 6 × 52,000 × 3‰ = 936 and 2,400,000 × 3‰ = 7,200, and the installation (Rp150,000), done only
            // with the last delivery, × 3‰ = 450 (Perpres 16/2018 Pasal 79: the late part's value before PPN).
            #expect(accepted.execution?.penalty.total == 8_586)
            #expect(accepted.availableActions == [.confirmReceipt, .fail])

            let received = try await system.orders.call(
                OrderConfirmReceipt.self,
                ReceiptParams(
                    orderID: accepted.id, version: accepted.version,
                    inspectionNotes: "Diterima lengkap setelah penggantian."), token: ppk)
            #expect(received.state == .received)
            let bast = try #require(received.bast)
            #expect(bast.number.hasPrefix("1/BAST/DINKES/"))
            let bastContent = try await system.orders.call(
                DocumentGet.self, DocumentRef(documentID: bast.id), token: ppk)
            #expect(bastContent.html.contains(sp.number))
            #expect(bastContent.html.contains("Rp8.586"))

            let byVendor = try await system.orders.call(
                OrderAcknowledgeBAST.self, OrderAct(orderID: received.id, version: received.version), token: vendor)
            #expect(byVendor.state == .received)
            #expect(
                await rpcError {
                    _ = try await system.orders.call(
                        OrderAcknowledgeBAST.self, OrderAct(orderID: byVendor.id, version: byVendor.version),
                        token: vendor)
                }?.code == 409)
            let completed = try await system.orders.call(
                OrderAcknowledgeBAST.self, OrderAct(orderID: byVendor.id, version: byVendor.version), token: ppk)
            #expect(completed.state == .completed)
            #expect(completed.bast?.acknowledgements.map(\.party).sorted() == ["ppk", "vendor"])

            // Payments learns it from the feed; the audit trail has every step with its actor.
            let serviceToken = try String(contentsOfFile: system.directory + "/keys/payments.token", encoding: .utf8)
            let events = try await system.orders.call(
                EventsRead.self, CursorParams(after: 0, limit: 1000), token: serviceToken
            ).events
            let ready = try #require(events.first { $0.type == "order.readyForPayment" })
            #expect(ready.payload["penalty"]?["total"]?.int64Value == 8_586)
            #expect(ready.payload["totals"]?["totalIncludingPPN"]?.int64Value == 3_070_000)
            // Decoded through its declaration, it carries everything payments needs without calling back.
            #expect(ready.version == OrderReadyForPayment.version)
            let facts = try ready.decode(OrderReadyForPayment.self)
            #expect(facts.orderID == prepared.id && facts.tenant == "balangan" && facts.agency == "DINKES")
            #expect(
                facts.packageName == "Pengadaan ATK Triwulan IV" && facts.fundingSource == .apbd
                    && facts.budgetAccountCode == "5.1.02.01.01.0024")
            #expect(facts.buyer.ppkAccountID == system.balangan[.ppk]!.account.id && !facts.buyer.ppkName.isEmpty)
            // The agency's NPWP as the Surat Pesanan's parties hold it.
            #expect(facts.buyer.npwp == agencyNPWP.value && completed.parties?.agency.npwp == agencyNPWP.value)
            #expect(facts.vendor.id == market.vendor.id && facts.vendor.name == market.vendor.name)
            // The vendor's tax identity and bank account, learned from identity's feed.
            #expect(facts.vendor.npwp == market.vendor.npwp && facts.vendor.bankAccount == market.vendor.bankAccount)
            #expect(
                facts.vendor.isPKP == market.vendor.isPKP
                    && facts.vendor.isUMKM == (market.vendor.businessScale?.isUMKM ?? false))
            #expect(facts.items.map(\.kind) == facts.items.map { _ in ProductKind.goods })
            #expect(facts.items.map(\.itemID) == ["item-1", "item-2"])
            #expect(facts.items.allSatisfy { $0.amount.amount == $0.unitPrice.amount * Int64($0.quantity) })
            #expect(
                facts.totalIncludingPPN == 3_070_000 && facts.totalBeforePPN == facts.totals.totalBeforePPN
                    && facts.ppn == facts.totals.ppn)
            #expect(facts.totalBeforePPN.amount + facts.ppn.amount == facts.totalIncludingPPN.amount)
            #expect(facts.penaltyAmount == 8_586 && facts.penalty?.total == 8_586)
            #expect(facts.suratPesanan.number == sp.number && facts.suratPesanan.seal.sha256.count == 64)
            #expect(
                facts.bast.number == bast.number && facts.bast.seal.sha256.count == 64
                    && !facts.bast.seal.signature.isEmpty)
            #expect(facts.bast.acknowledgements.map(\.party).sorted() == ["ppk", "vendor"])
            let trail = try await system.orders.call(
                AuditRead.self, CursorParams(after: 0, limit: 1000), token: system.balangan[.auditor]!.token)
            let actions = trail.entries.filter { $0.targetID == prepared.id }.map(\.action)
            #expect(
                actions == [
                    "prepared", "submitted", "offered", "offered", "agreed", "suratPesananIssued",
                    "suratPesananAcknowledged", "deliveryRecorded", "inspected", "deliveryRecorded", "inspected",
                    "received", "bastAcknowledged", "bastAcknowledged",
                ])
            #expect(
                try await system.orders.call(AuditVerify.self, EmptyParams(), token: system.balangan[.auditor]!.token)
                    .intact)
        }
    }

    @Test func aSecondSuratPesananTakesTheNextNumberAndPKPVendorsShowPPN() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market(isPKP: true)
            let first = try await system.contractedOrder(market, paper: 2, printers: 0)
            let second = try await system.contractedOrder(market, paper: 3, printers: 0)
            let today = CivilDate(system.clock.now())
            #expect(first.suratPesanan?.number.hasPrefix("1/SP/DINKES/") == true)
            #expect(second.suratPesanan?.number.hasPrefix("2/SP/DINKES/") == true)
            #expect(second.suratPesanan?.number.hasSuffix("/\(today.year)") == true)
            // 3 × 55,000 = 165,000 including PPN; 11/111 of it is 16,351.35…, rounded half up from 2025.
            #expect(second.agreedTotals?.ppn == 16_351)
            #expect(second.agreedTotals?.totalBeforePPN == 148_649)
        }
    }
}

/// Month numerals as the default template writes them.
enum RomanNumeralForTest {
    static func month(_ month: Int) -> String {
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][month - 1]
    }
}
