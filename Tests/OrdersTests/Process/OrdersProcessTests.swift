// End to end through real processes: `siopen-identity`, `siopen-catalog` and `siopen-orders`
// started as children of the test over one temporary data folder, spoken to only over their
// sockets, with their clock moved through `SIOPEN_CLOCK_OFFSET_FILE`. The same flows as
// OrderLifecycleTests and OrderRulesTests, which run the services in-process.
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

@Suite("Orders end to end through real service processes", .serialized, .timeLimit(.minutes(5)))
struct OrdersProcessTests {
    @Test func vendorToBASTWithNegotiationReplacementAndLatePenalty() async throws {
        try await withRunningServices { services in
            // A vendor registers, is verified and activated; the verifier accepts its two products.
            let balangan = try await services.balanganOfficials()
            try await services.setUpCatalog()
            let vendor = try await services.activeVendor(verifier: balangan.verifier)
            #expect(vendor.info.status == .active)
            let paper = try await services.acceptedProduct(offer(name: "Kertas HVS A4", price: 50_000), vendor: vendor, verifier: balangan.verifier)
            var printerOffer = offer(name: "Printer Laser", category: "ATK", price: 2_500_000, deliveryDays: 7, warrantyMonths: 12)
            printerOffer.installationCost = 150_000
            let printer = try await services.acceptedProduct(printerOffer, vendor: vendor, verifier: balangan.verifier)
            #expect(paper.listedRevision == paper.latestRevision)
            let orders = services.orders
            let ppk = balangan.ppk
            let today = CivilDate(Date())

            // The PPK prepares and submits the order at catalogue prices, installation included.
            let prepared = try await orders.call(
                OrderPrepare.self,
                preparation([OrderItemRequest(productID: paper.id, quantity: 10), OrderItemRequest(productID: printer.id, quantity: 1)], installation: true),
                token: ppk)
            #expect(prepared.items.map(\.catalogueUnitPrice) == [55_000, 2_505_000])
            #expect(prepared.priceEstimate == 3_205_000)
            #expect(prepared.vendor.id == vendor.info.id)
            let placed = try await orders.call(OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: ppk)
            #expect(placed.state == .ordered)
            #expect(placed.vendorResponseDue == today.adding(days: 5))

            // Two rounds of negotiation; the vendor accepts the PPK's counter-offer.
            let vendorOffer = try await orders.call(OrderOffer.self, nextOffer(after: placed, prices: [54_000, 2_450_000], note: "harga khusus"), token: vendor.token)
            #expect(vendorOffer.state == .negotiating)
            let counter = try await orders.call(OrderOffer.self, nextOffer(after: vendorOffer, prices: [52_000, 2_400_000]), token: ppk)
            #expect(counter.offers.map(\.round) == [0, 1, 2])
            let agreed = try await orders.call(OrderAccept.self, OrderAcceptParams(orderID: counter.id, version: counter.version, round: 2), token: vendor.token)
            #expect(agreed.state == .agreed)
            #expect(agreed.agreedTotals?.totalIncludingPPN == 3_070_000)

            // The Surat Pesanan: numbered, sealed, verifiable by anyone; the vendor acknowledges it.
            let issued = try await orders.call(OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), token: ppk)
            #expect(issued.state == .contracted)
            let sp = try #require(issued.suratPesanan)
            #expect(sp.number == "1/SP/DINKES/\(RomanNumeralForTest.month(today.month))/\(today.year)")
            let spContent = try await orders.call(DocumentGet.self, DocumentRef(documentID: sp.id), token: vendor.token)
            let spPDF = [UInt8](try #require(Data(base64Encoded: spContent.pdfBase64)))
            #expect(SHA256.hexDigest(spPDF) == sp.seal.sha256)
            #expect(spContent.html.contains("Tiga juta tujuh puluh ribu rupiah"))
            let verified = try await orders.call(DocumentVerify.self, DocumentVerifyParams(pdfBase64: spContent.pdfBase64))
            #expect(verified.authentic)
            #expect(verified.number == sp.number)
            var tampered = spPDF
            tampered[tampered.count / 2] ^= 0x01
            #expect(try await orders.call(DocumentVerify.self, DocumentVerifyParams(pdfBase64: Data(tampered).base64EncodedString())).authentic == false)
            let started = try await orders.call(OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version), token: vendor.token)
            #expect(started.state == .inDelivery)
            let due = try #require(started.execution?.dueDate)

            // A partial delivery on time: one rim of five is defective and must be replaced.
            let firstDelivery = try await orders.call(
                OrderRecordDelivery.self,
                DeliveryParams(orderID: started.id, version: started.version, deliveredOn: today, lines: [DeliveryLine(itemID: "item-1", quantity: 5)]),
                token: vendor.token)
            let inspected = try await orders.call(
                OrderInspect.self,
                InspectionParams(orderID: firstDelivery.id, version: firstDelivery.version, deliveryID: "delivery-1", inspectedOn: today,
                                 lines: [InspectionLine(itemID: "item-1", accepted: 4, rejected: 1, reason: .defect, note: "sobek")]),
                token: ppk)
            #expect(inspected.execution?.ledger.replacementRequests.count == 1)
            let receiptTooEarly = await rpcError {
                _ = try await orders.call(OrderConfirmReceipt.self, ReceiptParams(orderID: inspected.id, version: inspected.version), token: ppk)
            }
            #expect(receiptTooEarly?.code == 409)

            // Three days after the due date (every process's clock moved), the replacement and the rest arrive.
            try await services.moveClock(days: today.days(until: due) + 3)
            let lateDay = due.adding(days: 3)
            let lateDelivery = try await afterClockMove("the late delivery is recorded") {
                try await orders.call(
                    OrderRecordDelivery.self,
                    DeliveryParams(orderID: inspected.id, version: inspected.version, deliveredOn: lateDay,
                                   lines: [DeliveryLine(itemID: "item-1", quantity: 6), DeliveryLine(itemID: "item-2", quantity: 1)]),
                    token: vendor.token)
            }
            let accepted = try await orders.call(
                OrderInspect.self,
                InspectionParams(orderID: lateDelivery.id, version: lateDelivery.version, deliveryID: "delivery-2", inspectedOn: lateDay,
                                 lines: [InspectionLine(itemID: "item-1", accepted: 6), InspectionLine(itemID: "item-2", accepted: 1)]),
                token: ppk)
            #expect(accepted.execution?.ledger.isFullyAccepted == true)
            // 1‰ a day of the late part: 6 × 52,000 × 3‰ = 936 and 2,400,000 × 3‰ = 7,200.
            #expect(accepted.execution?.penalty.total == 8_136)

            // The BAST: issued on receipt, carrying the penalty, acknowledged by both parties.
            let received = try await orders.call(
                OrderConfirmReceipt.self, ReceiptParams(orderID: accepted.id, version: accepted.version, inspectionNotes: "Diterima lengkap setelah penggantian."), token: ppk)
            #expect(received.state == .received)
            let bast = try #require(received.bast)
            #expect(bast.number.hasPrefix("1/BAST/DINKES/"))
            let bastContent = try await orders.call(DocumentGet.self, DocumentRef(documentID: bast.id), token: ppk)
            #expect(bastContent.html.contains(sp.number))
            #expect(bastContent.html.contains("Rp8.136"))
            #expect(try await orders.call(DocumentVerify.self, DocumentVerifyParams(sha256: bast.seal.sha256)).authentic)
            let byVendor = try await orders.call(OrderAcknowledgeBAST.self, OrderAct(orderID: received.id, version: received.version), token: vendor.token)
            let completed = try await orders.call(OrderAcknowledgeBAST.self, OrderAct(orderID: byVendor.id, version: byVendor.version), token: ppk)
            #expect(completed.state == .completed)
            #expect(completed.bast?.acknowledgements.map(\.party).sorted() == ["ppk", "vendor"])

            // Payments would learn it from the orders feed, with the totals and the penalty.
            let events = try await orders.call(EventsRead.self, CursorParams(after: 0, limit: 1000), token: try services.serviceToken("payments")).events
            let ready = try #require(events.first { $0.type == "order.readyForPayment" && $0.subjectID == completed.id })
            #expect(ready.payload["penalty"]?["total"]?.int64Value == 8_136)
            #expect(ready.payload["totals"]?["totalIncludingPPN"]?.int64Value == 3_070_000)
            let trail = try await orders.call(AuditRead.self, CursorParams(after: 0, limit: 1000), token: balangan.auditor)
            #expect(trail.entries.filter { $0.targetID == prepared.id }.map(\.action) == [
                "prepared", "submitted", "offered", "offered", "agreed", "suratPesananIssued", "suratPesananAcknowledged",
                "deliveryRecorded", "inspected", "deliveryRecorded", "inspected", "received", "bastAcknowledged", "bastAcknowledged",
            ])
        }
    }

    @Test func failedOrderEndsInASanctionProposalAndDelisting() async throws {
        try await withRunningServices { services in
            // A vendor with one accepted product, visible in the catalogue.
            let balangan = try await services.balanganOfficials()
            try await services.setUpCatalog()
            let vendor = try await services.activeVendor(verifier: balangan.verifier)
            let paper = try await services.acceptedProduct(offer(name: "Kertas HVS A4", price: 50_000), vendor: vendor, verifier: balangan.verifier)
            let orders = services.orders
            let catalog = services.catalog
            let ppk = balangan.ppk
            let today = CivilDate(Date())
            #expect(try await catalog.call(CatalogSearch.self, CatalogSearchParams(vendorID: vendor.info.id), token: ppk).products.map(\.productID) == [paper.id])

            // An order agreed at catalogue prices; the Surat Pesanan issued and acknowledged.
            let prepared = try await orders.call(OrderPrepare.self, preparation([OrderItemRequest(productID: paper.id, quantity: 2)]), token: ppk)
            let placed = try await orders.call(OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: ppk)
            let agreed = try await orders.call(OrderAccept.self, OrderAcceptParams(orderID: placed.id, version: placed.version, round: 0), token: vendor.token)
            let issued = try await orders.call(OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), token: ppk)
            let started = try await orders.call(OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version), token: vendor.token)
            let spNumber = try #require(started.suratPesanan?.number)

            // Both rims arrive; one is damaged, and the vendor will not replace it.
            let delivered = try await orders.call(
                OrderRecordDelivery.self,
                DeliveryParams(orderID: started.id, version: started.version, deliveredOn: today, lines: [DeliveryLine(itemID: "item-1", quantity: 2)]),
                token: vendor.token)
            let inspected = try await orders.call(
                OrderInspect.self,
                InspectionParams(orderID: delivered.id, version: delivered.version, deliveryID: "delivery-1", inspectedOn: today,
                                 lines: [InspectionLine(itemID: "item-1", accepted: 1, rejected: 1, reason: .defect, note: "basah")]),
                token: ppk)
            #expect(inspected.execution?.ledger.replacementRequests.count == 1)

            // The PPK fails the order; a failed order is final.
            let failed = try await orders.call(
                OrderFail.self,
                FailureParams(orderID: inspected.id, version: inspected.version, grounds: .refusedReplacement, description: "Penyedia menolak mengganti kertas rusak"),
                token: ppk)
            #expect(failed.state == .failed)
            let deliveryAfterFailure = await rpcError {
                _ = try await orders.call(
                    OrderRecordDelivery.self,
                    DeliveryParams(orderID: failed.id, version: failed.version, deliveredOn: today, lines: [DeliveryLine(itemID: "item-1", quantity: 1)]),
                    token: vendor.token)
            }
            #expect(deliveryAfterFailure?.code == 409)

            // The catalog files the sanction proposal from the orders feed, for the agency's PA/KPA.
            let proposal = try await until("the catalog lists the sanction proposal") {
                try await catalog.call(SanctionList.self, SanctionListParams(vendorID: vendor.info.id), token: balangan.budgetHolder).first
            }
            #expect(proposal.status == .proposed)
            #expect(proposal.agency == "DINKES")
            #expect(proposal.proposal.orderID == failed.id)
            #expect(proposal.proposal.suratPesananNumber == spNumber)
            #expect(proposal.proposedBy == balangan.ppkAccountID)

            // The PA/KPA accepts: one year's delisting, and the vendor's products leave the catalogue.
            let decided = try await catalog.call(
                SanctionDecide.self,
                SanctionDecision(sanctionID: proposal.id, version: proposal.version, accept: true, decisionNumber: "800/9/DINKES/2026", decisionDate: today),
                token: balangan.budgetHolder)
            #expect(decided.endsOn == today.adding(years: 1))
            #expect(try await catalog.call(CatalogSearch.self, CatalogSearchParams(vendorID: vendor.info.id), token: ppk).products.isEmpty)
        }
    }
}

// MARK: - The services as processes

/// Identity, catalog and orders running as child processes over one temporary data folder.
private final class ServiceProcesses: @unchecked Sendable {
    let directory: String
    let identity: RPCClient
    let catalog: RPCClient
    let orders: RPCClient
    /// Super Admin's token.
    private(set) var superAdmin = ""
    private var children: [(name: String, process: Process)] = []
    private var vendorCount = 0

    private var clockOffsetFile: String { directory + "/clock-offset" }

    private init(directory: String) {
        self.directory = directory
        func client(_ service: String) -> RPCClient {
            RPCClient(socketPath: "\(directory)/run/\(service).sock", serviceName: service, defaultTimeout: .seconds(60))
        }
        identity = client("identity")
        catalog = client("catalog")
        orders = client("orders")
    }

    /// Bootstraps Super Admin and the service tokens, starts identity, then the catalog and orders.
    static func start() async throws -> ServiceProcesses {
        setenv("SIOPEN_INSECURE_FAST_PASSWORD_HASHING", "1", 1)
        let products = try productsDirectory(containing: ["siopen-identity", "siopen-catalog", "siopen-orders"])
        let services = ServiceProcesses(directory: try makeShortTemporaryDirectory(prefix: "sieo"))
        do {
            try services.prepareDataFolder()
            try await services.launch("identity", from: products)
            try await services.launch("catalog", from: products)
            try await services.launch("orders", from: products)
            services.superAdmin = try await services.identity.call(AuthSignIn.self, SignInParams(login: "root", password: "root-password-1")).token
        } catch {
            services.stop()
            throw error
        }
        return services
    }

    /// Super Admin in identity's database, each service's token under `keys/`, the clock at offset 0.
    private func prepareDataFolder() throws {
        try SiOpenServiceTestSupport.prepareDataFolder(directory)
        try "0".write(toFile: clockOffsetFile, atomically: true, encoding: .utf8)
    }

    /// Starts `siopen-<service>` and waits until it answers `system.health`.
    private func launch(_ service: String, from products: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(products)/siopen-\(service)")
        process.arguments = ["--data-dir", directory, "--log-level", "warning", "--parent-pid", String(getpid())]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SIOPEN_") }
        environment["SIOPEN_CLOCK_OFFSET_FILE"] = clockOffsetFile
        environment["SIOPEN_INSECURE_FAST_PASSWORD_HASHING"] = "1"
        process.environment = environment
        let log = "\(directory)/\(service).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        children.append((service, process))

        let client = [identity, catalog, orders].first { $0.serviceName == service }!
        var answered = false
        _ = await eventually(timeout: .seconds(120)) {
            answered = (try? await client.call(SystemHealth.self, EmptyParams(), timeout: .seconds(5))) != nil
            return answered || !process.isRunning
        }
        if !answered {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw TestFailure("siopen-\(service) did not answer system.health (running: \(process.isRunning))\n\(output.suffix(4000))")
        }
    }

    /// Moves every service's clock to `days` days after the real time; they re-read it within 100 ms.
    func moveClock(days: Int) async throws {
        try String(days * 86_400).write(toFile: clockOffsetFile, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(300))
    }

    /// A service's own token, as written under `keys/`.
    func serviceToken(_ service: String) throws -> String {
        try String(contentsOfFile: "\(directory)/keys/\(service).token", encoding: .utf8)
    }

    /// SIGTERM to every child, SIGKILL to any still running after 10 s; then the folder goes.
    func stop() {
        for client in [identity, catalog, orders] { client.close() }
        for child in children where child.process.isRunning { kill(child.process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(10)
        while children.contains(where: { $0.process.isRunning }) && ContinuousClock.now < deadline { usleep(20_000) }
        for child in children where child.process.isRunning {
            kill(child.process.processIdentifier, SIGKILL)
            child.process.waitUntilExit()
        }
        children = []
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs `body` with the three services started, stopped and cleaned up afterwards whatever happens.
private func withRunningServices(_ body: (ServiceProcesses) async throws -> Void) async throws {
    let services = try await ServiceProcesses.start()
    defer { services.stop() }
    try await body(services)
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

/// A vendor signed in after activation.
private struct SignedInVendor {
    let info: VendorInfo
    let token: String
}

extension ServiceProcesses {
    /// Tenant `balangan` with agency DINKES and its verifier, PPK, PA/KPA and auditor.
    func balanganOfficials() async throws -> BalanganOfficials {
        _ = try await identity.call(TenantCreate.self, TenantInfo(code: "balangan", name: "Kabupaten Balangan", domicileRegionCodes: ["6311"]), token: superAdmin)
        _ = try await identity.call(AgencyCreate.self, AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan"), token: superAdmin)
        let ppk = try await official("b-ppk", .ppk, agency: "DINKES")
        return BalanganOfficials(
            verifier: try await official("b-verifier", .verifier, agency: nil).token, ppk: ppk.token, ppkAccountID: ppk.account.id,
            budgetHolder: try await official("b-budget-holder", .budgetHolder, agency: "DINKES").token,
            auditor: try await official("b-auditor", .auditor, agency: nil).token)
    }

    /// Creates an official of `balangan`, who signs in and changes the initial password.
    private func official(_ username: String, _ role: Role, agency: String?) async throws -> SessionInfo {
        let params = AccountCreateParams(
            username: username, email: try EmailAddress("\(username)@balangankab.go.id"), fullName: "Pejabat \(username)", roles: [role],
            tenant: "balangan", agency: agency,
            assignment: AssignmentLetter(number: "800/\(username)/2026", date: "2026-01-05", issuer: "Bupati"), initialPassword: "initial-pass-1")
        _ = try await identity.call(AccountCreate.self, params, token: superAdmin)
        let first = try await identity.call(AuthSignIn.self, SignInParams(login: username, password: "initial-pass-1"))
        return try await identity.call(
            AuthChangePassword.self, PasswordChangeParams(currentPassword: "initial-pass-1", newPassword: "pw-\(username)-final1"), token: first.token)
    }

    /// A vendor registers in `balangan`; the verifier verifies and activates it; it signs in.
    func activeVendor(verifier: String) async throws -> SignedInVendor {
        vendorCount += 1
        let n = vendorCount
        let nik = try NIK("631101010190" + String(format: "%04d", n))
        let registration = VendorRegistration(
            tenant: "balangan", kind: .entity, name: "CV Sumber Rejeki \(n)", nik: nik, npwp: try NPWP(nik.value),
            nib: try NIB(String(format: "91200%08d", n)), email: try EmailAddress("vendor\(n)@usaha.co.id"),
            phone: try PhoneNumber("0812-3456-\(String(format: "%04d", n))"), address: "Jl. A. Yani No. \(n), Paringin",
            deed: DeedOfEstablishment(number: "12", date: "2020-02-03", ratificationNumber: "AHU-0001234.AH.01.01"),
            director: DirectorIdentity(name: "Budi \(n)", nik: nik), businessLicenceNumber: "SIUP-\(n)",
            bankAccount: BankAccount(bank: "Bank Kalsel", number: "0012345\(n)", holderName: "CV Sumber Rejeki \(n)"), isPKP: false,
            businessScale: .small, acceptedTermsVersion: IdentityService.currentTermsVersion, username: "vendor\(n)", password: "vendor-pass-\(n)")
        let registered = try await identity.call(VendorRegister.self, registration)
        let verified = try await identity.call(VendorVerify.self, VendorDecision(vendorID: registered.id, version: registered.version), token: verifier)
        let active = try await identity.call(VendorActivate.self, VendorDecision(vendorID: registered.id, version: verified.version), token: verifier)
        let session = try await identity.call(AuthSignIn.self, SignInParams(login: registration.username, password: registration.password))
        return SignedInVendor(info: active, token: session.token)
    }

    /// Delivery regions PARINGIN and AWAYAN and the categories ATK > ATK-KERTAS in `balangan`.
    func setUpCatalog() async throws {
        let regions = [DeliveryRegion(code: "PARINGIN", name: "Paringin"), DeliveryRegion(code: "AWAYAN", name: "Awayan")]
        _ = try await catalog.call(CatalogSettingsSet.self, CatalogSettings(tenant: "balangan", deliveryRegions: regions), token: superAdmin)
        for category in [
            Category(tenant: "balangan", code: "ATK", name: "Alat Tulis Kantor", kind: .goods),
            Category(tenant: "balangan", code: "ATK-KERTAS", name: "Kertas", parentCode: "ATK", kind: .goods),
        ] {
            _ = try await catalog.call(CategoryCreate.self, category, token: superAdmin)
        }
    }

    /// The vendor submits `offer` (once the catalog has learned from identity's feed that it is
    /// active) and the verifier accepts it.
    func acceptedProduct(_ offer: ProductOfferInput, vendor: SignedInVendor, verifier: String) async throws -> ProductRecord {
        let submitted = try await until("the catalog takes the vendor's offer") { () -> ProductRecord? in
            do {
                return try await catalog.call(ProductSubmit.self, offer, token: vendor.token)
            } catch let error as RPCError where error.code == 403 || (error.code == 409 && error.message.contains("active")) {
                return nil
            }
        }
        return try await catalog.call(
            ProductVerify.self,
            ProductVerification(productID: submitted.id, revision: submitted.latestRevision, version: submitted.version, decision: .accepted),
            token: verifier)
    }
}

// MARK: - Orders

/// A preparation for DINKES, delivered to PARINGIN in ten days.
private func preparation(_ items: [OrderItemRequest], installation: Bool = false) -> OrderPreparation {
    OrderPreparation(
        packageName: "Pengadaan ATK Triwulan IV", fundingSource: .apbd, budgetAccountCode: "5.1.02.01.01.0024",
        technicalSpecification: "Kertas HVS A4 80 gsm dan printer laser monokrom untuk administrasi.",
        justification: "Kebutuhan administrasi pelayanan kesehatan triwulan IV.", items: items, regionCode: "PARINGIN",
        deliveryAddress: "Dinas Kesehatan, Jl. Jend. A. Yani, Paringin", deliveryDate: CivilDate(Date()).adding(days: 10), withInstallation: installation)
}

/// The next negotiation round: the latest offer's terms with other unit prices.
private func nextOffer(after order: OrderRecord, prices: [Rupiah], note: String? = nil) -> OrderOfferParams {
    let latest = order.offers.last!
    let lines = zip(latest.items, prices).map { OfferLine(itemID: $0.itemID, unitPrice: $1, quantity: $0.quantity) }
    return OrderOfferParams(
        orderID: order.id, version: order.version, round: latest.round + 1, items: lines, deliveryCost: latest.deliveryCost,
        installationCost: latest.installationCost, trainingCost: latest.trainingCost, deliveryDate: latest.deliveryDate, note: note)
}

// MARK: - Waiting

/// Retries `attempt` until it returns a value; errors count as "not yet". Throws, naming `what`
/// and the last error, after `timeout`. For what crosses a feed between services.
private func until<T>(_ what: String, timeout: Duration = .seconds(60), _ attempt: () async throws -> T?) async throws -> T {
    var value: T?
    var lastError: (any Error)?
    _ = await eventually(timeout: timeout) {
        do {
            value = try await attempt()
        } catch {
            lastError = error
        }
        return value != nil
    }
    guard let value else { throw TestFailure("timed out waiting until \(what); last error: \(lastError.map { "\($0)" } ?? "none")") }
    return value
}

/// Retries `call` for a few seconds after the clock moved: services may refuse a call briefly
/// while their clocks and token verifiers catch up.
private func afterClockMove<T>(_ what: String, _ call: () async throws -> T) async throws -> T {
    try await until(what, timeout: .seconds(15)) { try await call() }
}
