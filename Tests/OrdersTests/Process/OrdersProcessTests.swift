import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenSecurity
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

// End to end through real processes: `siopen-identity`, `siopen-catalog` and `siopen-orders`
// started as children of the test over one temporary data folder, spoken to only over their
// sockets, with their clock moved through `SIOPEN_CLOCK_OFFSET_FILE`. The same flows as
// OrderLifecycleTests and OrderRulesTests, which run the services in-process.
#if canImport(Glibc)
    import Glibc
#endif

@Suite("Orders end to end through real service processes", .serialized, .timeLimit(.minutes(5)))
struct OrdersProcessTests {
    @Test func vendorToBASTWithNegotiationReplacementAndLatePenalty() async throws {
        try await withRunningServices { services in
            // A vendor registers, is verified and activated; the verifier accepts its two products.
            let balangan = try await services.balanganOfficials()
            try await services.setUpCatalog()
            let vendor = try await services.activeVendor(verifier: balangan.verifier)
            #expect(vendor.info.status == .active)
            let paper = try await services.acceptedProduct(
                offer(name: "Kertas HVS A4", price: 50_000), vendor: vendor, verifier: balangan.verifier)
            var printerOffer = offer(
                name: "Printer Laser", category: "ATK", price: 2_500_000, deliveryDays: 7, warrantyMonths: 12)
            printerOffer.installationCost = 150_000
            let printer = try await services.acceptedProduct(printerOffer, vendor: vendor, verifier: balangan.verifier)
            #expect(paper.listedRevision == paper.latestRevision)
            let orders = services.orders
            let ppk = balangan.ppk
            let today = CivilDate(Date())

            // The PPK prepares and submits the order at catalogue prices, installation included.
            let prepared = try await orders.call(
                OrderPrepare.self,
                preparation(
                    [
                        OrderItemRequest(productID: paper.id, quantity: 10),
                        OrderItemRequest(productID: printer.id, quantity: 1),
                    ], installation: true),
                token: ppk)
            #expect(prepared.items.map(\.catalogueUnitPrice) == [55_000, 2_505_000])
            #expect(prepared.priceEstimate == 3_205_000)
            #expect(prepared.vendor.id == vendor.info.id)
            let placed = try await orders.call(
                OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: ppk)
            #expect(placed.state == .ordered)
            #expect(placed.vendorResponseDue == today.adding(days: 5))

            // Two rounds of negotiation; the vendor accepts the PPK's counter-offer.
            let vendorOffer = try await orders.call(
                OrderOffer.self, nextOffer(after: placed, prices: [54_000, 2_450_000], note: "harga khusus"),
                token: vendor.token)
            #expect(vendorOffer.state == .negotiating)
            let counter = try await orders.call(
                OrderOffer.self, nextOffer(after: vendorOffer, prices: [52_000, 2_400_000]), token: ppk)
            #expect(counter.offers.map(\.round) == [0, 1, 2])
            let agreed = try await orders.call(
                OrderAccept.self, OrderAcceptParams(orderID: counter.id, version: counter.version, round: 2),
                token: vendor.token)
            #expect(agreed.state == .agreed)
            #expect(agreed.agreedTotals?.totalIncludingPPN == 3_070_000)

            // The Surat Pesanan: numbered, sealed, verifiable by anyone; the vendor acknowledges it.
            let issued = try await orders.call(
                OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), token: ppk)
            #expect(issued.state == .contracted)
            let sp = try #require(issued.suratPesanan)
            #expect(sp.number == "1/SP/DINKES/\(RomanNumeralForTest.month(today.month))/\(today.year)")
            let spContent = try await orders.call(DocumentGet.self, DocumentRef(documentID: sp.id), token: vendor.token)
            let spPDF = [UInt8](try #require(Data(base64Encoded: spContent.pdfBase64)))
            #expect(SHA256.hexDigest(spPDF) == sp.seal.sha256)
            #expect(spContent.html.contains("(tiga juta tujuh puluh ribu rupiah)"))
            let verified = try await orders.call(
                DocumentVerify.self, DocumentVerifyParams(pdfBase64: spContent.pdfBase64))
            #expect(verified.authentic)
            #expect(verified.number == sp.number)
            var tampered = spPDF
            tampered[tampered.count / 2] ^= 0x01
            #expect(
                try await orders.call(
                    DocumentVerify.self, DocumentVerifyParams(pdfBase64: Data(tampered).base64EncodedString())
                ).authentic == false)
            let started = try await orders.call(
                OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version),
                token: vendor.token)
            #expect(started.state == .inDelivery)
            let due = try #require(started.execution?.dueDate)

            // A partial delivery on time: one rim of five is defective and must be replaced.
            let firstDelivery = try await orders.call(
                OrderRecordDelivery.self,
                DeliveryParams(
                    orderID: started.id, version: started.version, deliveredOn: today,
                    lines: [DeliveryLine(itemID: "item-1", quantity: 5)]),
                token: vendor.token)
            let inspected = try await orders.call(
                OrderInspect.self,
                InspectionParams(
                    orderID: firstDelivery.id, version: firstDelivery.version, deliveryID: "delivery-1",
                    inspectedOn: today,
                    lines: [InspectionLine(itemID: "item-1", accepted: 4, rejected: 1, reason: .defect, note: "sobek")]),
                token: ppk)
            #expect(inspected.execution?.ledger.replacementRequests.count == 1)
            let receiptTooEarly = await rpcError {
                _ = try await orders.call(
                    OrderConfirmReceipt.self, ReceiptParams(orderID: inspected.id, version: inspected.version),
                    token: ppk)
            }
            #expect(receiptTooEarly?.code == 409)

            // Three days after the due date (every process's clock moved), the replacement and the rest arrive.
            try await services.moveClock(days: today.days(until: due) + 3)
            let lateDay = due.adding(days: 3)
            let lateDelivery = try await afterClockMove("the late delivery is recorded") {
                try await orders.call(
                    OrderRecordDelivery.self,
                    DeliveryParams(
                        orderID: inspected.id, version: inspected.version, deliveredOn: lateDay,
                        lines: [
                            DeliveryLine(itemID: "item-1", quantity: 6), DeliveryLine(itemID: "item-2", quantity: 1),
                        ]),
                    token: vendor.token)
            }
            let accepted = try await orders.call(
                OrderInspect.self,
                InspectionParams(
                    orderID: lateDelivery.id, version: lateDelivery.version, deliveryID: "delivery-2",
                    inspectedOn: lateDay,
                    lines: [
                        InspectionLine(itemID: "item-1", accepted: 6), InspectionLine(itemID: "item-2", accepted: 1),
                    ]),
                token: ppk)
            #expect(accepted.execution?.ledger.isFullyAccepted == true)
            // 1‰ a day of the late part: 6 × 52,000 × 3‰ = 936 and 2,400,000 × 3‰ = 7,200, and the
            // installation (Rp150,000), done with the last delivery: × 3‰ = 450.
            #expect(accepted.execution?.penalty.total == 8_586)

            // The BAST: issued on receipt, carrying the penalty, acknowledged by both parties.
            let received = try await orders.call(
                OrderConfirmReceipt.self,
                ReceiptParams(
                    orderID: accepted.id, version: accepted.version,
                    inspectionNotes: "Diterima lengkap setelah penggantian."), token: ppk)
            #expect(received.state == .received)
            let bast = try #require(received.bast)
            #expect(bast.number.hasPrefix("1/BAST/DINKES/"))
            let bastContent = try await orders.call(DocumentGet.self, DocumentRef(documentID: bast.id), token: ppk)
            #expect(bastContent.html.contains(sp.number))
            #expect(bastContent.html.contains("Rp8.586"))
            #expect(
                try await orders.call(DocumentVerify.self, DocumentVerifyParams(sha256: bast.seal.sha256)).authentic)
            let byVendor = try await orders.call(
                OrderAcknowledgeBAST.self, OrderAct(orderID: received.id, version: received.version),
                token: vendor.token)
            let completed = try await orders.call(
                OrderAcknowledgeBAST.self, OrderAct(orderID: byVendor.id, version: byVendor.version), token: ppk)
            #expect(completed.state == .completed)
            #expect(completed.bast?.acknowledgements.map(\.party).sorted() == ["ppk", "vendor"])

            // Payments would learn it from the orders feed, with the totals and the penalty.
            let events = try await orders.call(
                EventsRead.self, CursorParams(after: 0, limit: 1000), token: try services.serviceToken("payments")
            ).events
            let ready = try #require(
                events.first { $0.type == "order.readyForPayment" && $0.subjectID == completed.id })
            #expect(ready.payload["penalty"]?["total"]?.int64Value == 8_586)
            #expect(ready.payload["totals"]?["totalIncludingPPN"]?.int64Value == 3_070_000)
            let trail = try await orders.call(
                AuditRead.self, CursorParams(after: 0, limit: 1000), token: balangan.auditor)
            #expect(
                trail.entries.filter { $0.targetID == prepared.id }.map(\.action) == [
                    "prepared", "submitted", "offered", "offered", "agreed", "suratPesananIssued",
                    "suratPesananAcknowledged",
                    "deliveryRecorded", "inspected", "deliveryRecorded", "inspected", "received", "bastAcknowledged",
                    "bastAcknowledged",
                ])
        }
    }

    @Test func failedOrderEndsInASanctionProposalAndDelisting() async throws {
        try await withRunningServices { services in
            // A vendor with one accepted product, visible in the catalogue.
            let balangan = try await services.balanganOfficials()
            try await services.setUpCatalog()
            let vendor = try await services.activeVendor(verifier: balangan.verifier)
            let paper = try await services.acceptedProduct(
                offer(name: "Kertas HVS A4", price: 50_000), vendor: vendor, verifier: balangan.verifier)
            let orders = services.orders
            let catalog = services.catalog
            let ppk = balangan.ppk
            let today = CivilDate(Date())
            #expect(
                try await catalog.call(CatalogSearch.self, CatalogSearchParams(vendorID: vendor.info.id), token: ppk)
                    .products.map(\.productID) == [paper.id])

            // An order agreed at catalogue prices; the Surat Pesanan issued and acknowledged.
            let prepared = try await orders.call(
                OrderPrepare.self, preparation([OrderItemRequest(productID: paper.id, quantity: 2)]), token: ppk)
            let placed = try await orders.call(
                OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: ppk)
            let agreed = try await orders.call(
                OrderAccept.self, OrderAcceptParams(orderID: placed.id, version: placed.version, round: 0),
                token: vendor.token)
            let issued = try await orders.call(
                OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), token: ppk)
            let started = try await orders.call(
                OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version),
                token: vendor.token)
            let spNumber = try #require(started.suratPesanan?.number)

            // Both rims arrive; one is damaged, and the vendor will not replace it.
            let delivered = try await orders.call(
                OrderRecordDelivery.self,
                DeliveryParams(
                    orderID: started.id, version: started.version, deliveredOn: today,
                    lines: [DeliveryLine(itemID: "item-1", quantity: 2)]),
                token: vendor.token)
            let inspected = try await orders.call(
                OrderInspect.self,
                InspectionParams(
                    orderID: delivered.id, version: delivered.version, deliveryID: "delivery-1", inspectedOn: today,
                    lines: [InspectionLine(itemID: "item-1", accepted: 1, rejected: 1, reason: .defect, note: "basah")]),
                token: ppk)
            #expect(inspected.execution?.ledger.replacementRequests.count == 1)

            // The PPK fails the order; a failed order is final.
            let failed = try await orders.call(
                OrderFail.self,
                FailureParams(
                    orderID: inspected.id, version: inspected.version, grounds: .refusedReplacement,
                    description: "Penyedia menolak mengganti kertas rusak"),
                token: ppk)
            #expect(failed.state == .failed)
            let deliveryAfterFailure = await rpcError {
                _ = try await orders.call(
                    OrderRecordDelivery.self,
                    DeliveryParams(
                        orderID: failed.id, version: failed.version, deliveredOn: today,
                        lines: [DeliveryLine(itemID: "item-1", quantity: 1)]),
                    token: vendor.token)
            }
            #expect(deliveryAfterFailure?.code == 409)

            // The catalog files the sanction proposal from the orders feed, for the agency's PA/KPA.
            let proposal = try await until("the catalog lists the sanction proposal") {
                try await catalog.call(
                    SanctionList.self, SanctionListParams(vendorID: vendor.info.id), token: balangan.budgetHolder
                ).first
            }
            #expect(proposal.status == .proposed)
            #expect(proposal.agency == "DINKES")
            #expect(proposal.proposal.orderID == failed.id)
            #expect(proposal.proposal.suratPesananNumber == spNumber)
            #expect(proposal.proposedBy == balangan.ppkAccountID)

            // The PA/KPA accepts: one year's delisting, and the vendor's products leave the catalogue.
            let decided = try await catalog.call(
                SanctionDecide.self,
                SanctionDecision(
                    sanctionID: proposal.id, version: proposal.version, accept: true,
                    decisionNumber: "800/9/DINKES/2026", decisionDate: today),
                token: balangan.budgetHolder)
            #expect(decided.endsOn == today.adding(years: 1))
            #expect(
                try await catalog.call(CatalogSearch.self, CatalogSearchParams(vendorID: vendor.info.id), token: ppk)
                    .products.isEmpty)
        }
    }
}

// MARK: - The services as processes

/// Identity, catalog and orders running as child processes over one temporary data folder
/// (the scenario kit's launcher), and the kit's steps over their sockets.
private final class ServiceProcesses: @unchecked Sendable {
    let launcher: ServiceLauncher
    let scenario: Scenario
    var identity: RPCClient { scenario.identity }
    var catalog: RPCClient { scenario.catalog }
    var orders: RPCClient { scenario.orders }

    init(launcher: ServiceLauncher) {
        self.launcher = launcher
        scenario = Scenario(sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion)
    }

    /// Moves every service's clock to `days` days after the real time.
    func moveClock(days: Int) async throws { try await launcher.moveClock(seconds: days * 86_400) }

    /// A service's own token, as written under `keys/`.
    func serviceToken(_ service: String) throws -> String { try launcher.serviceToken(service) }
}

/// Runs `body` with the three services started, stopped and cleaned up afterwards whatever happens.
private func withRunningServices(_ body: (ServiceProcesses) async throws -> Void) async throws {
    let services = ServiceProcesses(launcher: try ServiceLauncher.processes(prefix: "sieo"))
    defer { services.scenario.close() }
    try await services.launcher.whileRunning {
        try await services.launcher.start(["identity", "catalog", "orders"])
        try await services.scenario.signInSuperAdmin()
        try await body(services)
    }
}

// MARK: - People and products

/// The officials of Kabupaten Balangan's Dinas Kesehatan the flows need, by their session tokens.
private struct BalanganOfficials {
    let verifier: String
    let ppk: String
    let ppkAccountID: String
    let budgetHolder: String
    let auditor: String
}

extension ServiceProcesses {
    /// Tenant `balangan` with agency DINKES and its verifier, PPK, PA/KPA and auditor.
    func balanganOfficials() async throws -> BalanganOfficials {
        try await scenario.createTenants(
            [ScenarioData.balangan], agencies: [AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan")]
        )
        func official(_ username: String, _ role: Role, agency: String?) async throws -> SessionInfo {
            try await scenario.official(
                username, roles: [role], tenant: "balangan", agency: agency, emailDomain: "balangankab.go.id")
        }
        let ppk = try await official("b-ppk", .ppk, agency: "DINKES")
        return BalanganOfficials(
            verifier: try await official("b-verifier", .verifier, agency: nil).token, ppk: ppk.token,
            ppkAccountID: ppk.account.id,
            budgetHolder: try await official("b-budget-holder", .budgetHolder, agency: "DINKES").token,
            auditor: try await official("b-auditor", .auditor, agency: nil).token)
    }

    /// A vendor registers in `balangan`; the verifier verifies and activates it; it signs in.
    func activeVendor(verifier: String) async throws -> ScenarioVendor {
        try await scenario.activeVendor(verifier: verifier)
    }

    /// The standard delivery regions and categories in `balangan`.
    func setUpCatalog() async throws { try await scenario.setUpCatalog() }

    /// The vendor submits `offer` (once the catalog has learned from identity's feed that it is
    /// active) and the verifier accepts it.
    func acceptedProduct(_ offer: ProductOfferInput, vendor: ScenarioVendor, verifier: String) async throws
        -> ProductRecord
    {
        try await scenario.listedProduct(offer, vendorToken: vendor.token, verifier: verifier)
    }
}

// MARK: - Orders

/// A preparation for DINKES, delivered to PARINGIN in ten days.
private func preparation(_ items: [OrderItemRequest], installation: Bool = false) -> OrderPreparation {
    ScenarioData.preparation(items, today: CivilDate(Date()), installation: installation)
}

/// The next negotiation round: the latest offer's terms with other unit prices.
private func nextOffer(after order: OrderRecord, prices: [Rupiah], note: String? = nil) -> OrderOfferParams {
    ScenarioData.nextOffer(after: order, prices: prices, note: note)
}

// MARK: - Waiting

/// Retries `attempt` until it returns a value; errors count as "not yet" (the kit's wait).
private func until<T>(_ what: String, timeout: Duration = .seconds(60), _ attempt: () async throws -> T?) async throws
    -> T
{
    try await Scenario.until(what, timeout: timeout, attempt)
}

/// Retries `call` for a few seconds after the clock moved: services may refuse a call briefly
/// while their clocks and token verifiers catch up.
private func afterClockMove<T>(_ what: String, _ call: () async throws -> T) async throws -> T {
    try await until(what, timeout: .seconds(15)) { try await call() }
}
