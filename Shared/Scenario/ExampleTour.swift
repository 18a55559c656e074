// The example tour: the standard scenario's purchase, then one step for every method the purchase
// does not call, so that every method of every service has made at least one real, successful
// call. `ExampleRecorder` keeps the first call of each method as its OpenRPC example, with
// secrets replaced by placeholders and long content abbreviated; `OpenRPCExamplesTests` writes
// them to Shared/Contracts/ContractExamples.generated.swift, which `rpc.discover` serves.
//
// A new method gets its example from one more `step` below (then regenerate: see the README).
import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// Keeps the first successful call of each method of each service as that method's example.
public final class ExampleRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var byService: [String: [String: OpenRPCExample]] = [:]
    private var currentLabel = "A call of the standard scenario"
    private var currentMethodLabels: [String: String] = [:]

    /// Creates an empty recorder.
    public init() {}

    /// What the calls recorded from now on are doing (each example's `name`).
    public var label: String {
        get { lock.withLock { currentLabel } }
        set { lock.withLock { currentLabel = newValue } }
    }

    /// Labels by method that win over ``label`` (for a phase that calls many methods).
    public var methodLabels: [String: String] {
        get { lock.withLock { currentMethodLabels } }
        set { lock.withLock { currentMethodLabels = newValue } }
    }

    /// Records `call` unless its method already has an example.
    public func record(_ call: ScenarioCall) {
        lock.withLock {
            guard byService[call.service]?[call.method] == nil else { return }
            var abbreviated = false
            let params = Self.cleaned(call.params, key: nil, abbreviated: &abbreviated).objectValue ?? [:]
            var result = call.result
            if call.method == RPCDiscover.name {
                result = Self.abbreviatedDocument(result)
                abbreviated = true
            }
            result = Self.cleaned(result, key: nil, abbreviated: &abbreviated)
            let name =
                (currentMethodLabels[call.method] ?? currentLabel) + (abbreviated ? " (long content abbreviated)" : "")
            byService[call.service, default: [:]][call.method] = OpenRPCExample(
                method: call.method, name: name, params: params, result: result)
        }
    }

    /// The examples recorded, by service.
    public var examples: [String: [OpenRPCExample]] {
        lock.withLock { byService.mapValues { Array($0.values).sorted { $0.method < $1.method } } }
    }

    /// The placeholder that replaces every password.
    public static let passwordPlaceholder = "<password>"
    /// The placeholder that replaces every session token.
    public static let tokenPlaceholder = "<session token>"
    /// Strings longer than this are abbreviated.
    public static let longestString = 1_024

    /// `value` with every password and token replaced by a placeholder and every string longer
    /// than ``longestString`` cut (base64 to a whole number of quads, so it stays base64).
    static func cleaned(_ value: JSONValue, key: String?, abbreviated: inout Bool) -> JSONValue {
        switch value {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (name, member) in members { out[name] = cleaned(member, key: name, abbreviated: &abbreviated) }
            return .object(out)
        case .array(let elements):
            return .array(elements.map { cleaned($0, key: key, abbreviated: &abbreviated) })
        case .string(let text):
            let lowered = key?.lowercased() ?? ""
            if lowered.contains("password") { return .string(passwordPlaceholder) }
            if lowered == "token" { return .string(tokenPlaceholder) }
            guard text.count > longestString else { return value }
            abbreviated = true
            if lowered.hasSuffix("base64") { return .string(String(text.prefix(256))) }
            return .string(String(text.prefix(256)) + "…")
        default:
            return value
        }
    }

    /// An OpenRPC document cut to `openrpc`, `info` and its `system.health` method (whose own
    /// examples go): the example of `rpc.discover` would otherwise hold every other example.
    static func abbreviatedDocument(_ document: JSONValue) -> JSONValue {
        var health = document["methods"]?.arrayValue?.first { $0["name"]?.stringValue == SystemHealth.name }
        if case .object(var members)? = health {
            members["examples"] = nil
            health = .object(members)
        }
        return [
            "openrpc": document["openrpc"] ?? "1.3.2", "info": document["info"] ?? [:],
            "methods": .array(health.map { [$0] } ?? []),
        ]
    }
}

extension Scenario {
    /// Runs the example tour against the services at `sockets` (a fresh data folder whose Super
    /// Admin has `superAdminPassword`; `serviceToken` is a service's own token, for the methods
    /// only services may call): the standard world and purchase, then a step for every method
    /// they do not call, each labelled for `recorder`. A step that fails does not stop the tour;
    /// the failures are returned, one line each (empty when every step succeeded).
    public static func exampleTour(
        sockets: [String: String], termsVersion: String, serviceToken: String, recorder: ExampleRecorder,
        superAdminPassword: String = ScenarioData.superAdminPassword
    ) async throws -> [String] {
        let scenario = Scenario(sockets: sockets, termsVersion: termsVersion, superAdminPassword: superAdminPassword)
        scenario.onCall = { recorder.record($0) }
        let clients = Dictionary(
            uniqueKeysWithValues: sockets.map { service, socket in
                (service, RPCClient(socketPath: socket, serviceName: service, defaultTimeout: .seconds(60)))
            })
        defer {
            scenario.close()
            for client in clients.values { client.close() }
        }
        let tour = ExampleTour(
            scenario: scenario, recorder: recorder, clients: clients, serviceToken: serviceToken)
        try await tour.run()
        return tour.failures
    }
}

/// The tour's state: who is signed in and what exists, and the failures so far.
final class ExampleTour: @unchecked Sendable {
    let scenario: Scenario
    let recorder: ExampleRecorder
    let clients: [String: RPCClient]
    let serviceToken: String
    private(set) var failures: [String] = []

    init(scenario: Scenario, recorder: ExampleRecorder, clients: [String: RPCClient], serviceToken: String) {
        self.scenario = scenario
        self.recorder = recorder
        self.clients = clients
        self.serviceToken = serviceToken
    }

    /// Runs `body` as one labelled step; a failure is noted and the tour goes on.
    func step(_ label: String, _ body: () async throws -> Void) async {
        recorder.label = label
        do { try await body() } catch { failures.append("\(label): \(error)") }
    }

    /// Calls `method` on `service` (identity, catalog, … or any service of the topology).
    @discardableResult
    func call<M: RPCMethod>(_ method: M.Type, _ params: M.Params, on service: String, token: String? = nil)
        async throws -> M.Result
    {
        guard let client = clients[service] else { throw ScenarioFailure("the tour has no socket of \(service)") }
        return try await scenario.call(method, params, on: client, token: token)
    }

    /// What each call of the standard world and purchase does (the first call of each method).
    static let standardScenarioLabels: [String: String] = [
        "auth.signIn": "Super Admin signs in",
        "tenant.create": "Super Admin creates tenant balangan",
        "agency.create": "Super Admin creates an agency of the tenant",
        "account.create": "Super Admin creates an official's account with an initial password",
        "auth.changePassword": "A new official replaces the initial password at first sign-in",
        "vendor.register": "A vendor registers, accepting the current vendor terms",
        "vendor.verify": "The verifier verifies a registered vendor",
        "vendor.activate": "The verifier activates a verified vendor",
        "catalog.settings.set": "Super Admin sets the delivery regions of the tenant",
        "category.create": "Super Admin creates a category",
        "product.submit": "A vendor offers a product",
        "product.verify": "The verifier accepts a product offer, which lists it",
        "order.prepare": "A PPK prepares an order of 10 rims",
        "order.submit": "A PPK submits the prepared order to the vendor",
        "order.offer": "The vendor offers another unit price (negotiation round 1)",
        "order.accept": "The PPK accepts the vendor's offer",
        "order.issueSuratPesanan": "The PPK issues the Surat Pesanan",
        "order.acknowledgeSuratPesanan": "The vendor acknowledges the Surat Pesanan",
        "order.recordDelivery": "The vendor records the delivery of every item",
        "order.inspect": "The PPK inspects the delivery and accepts everything",
        "order.confirmReceipt": "The PPK confirms receipt, which issues the BAST",
        "order.acknowledgeBAST": "The vendor acknowledges the BAST",
    ]

    func run() async throws {
        let s = scenario
        let today = CivilDate(Date())
        let iso = ISO8601DateFormatter()

        // The standard world and one purchase: most of identity, catalog and orders.
        recorder.label =
            "The standard scenario: Super Admin sets up tenant, agency, officials, a vendor and the catalogue"
        recorder.methodLabels = Self.standardScenarioLabels
        let world = try await s.standardWorld()
        let ppk = try world.token(.ppk)
        let verifier = try world.token(.verifier)
        let auditor = try world.token(.auditor)
        let budgetHolder = try world.token(.budgetHolder)
        let agencyAdmin = try world.token(.agencyAdmin)
        let vendor = world.vendor
        recorder.label = "The standard scenario: a purchase negotiated once and carried to the acknowledged BAST"
        let purchase = try await s.standardPurchase(in: world, today: today)
        let order = purchase.order
        recorder.methodLabels = [:]

        // Every service: health, its document, its feed, audit trail and dead letters.
        for service in clients.keys.sorted() {
            await step("Anyone asks \(service) whether it is serving") {
                try await call(SystemHealth.self, EmptyParams(), on: service)
            }
            await step("Anyone reads \(service)'s OpenRPC document") {
                try await call(RPCDiscover.self, EmptyParams(), on: service)
            }
            await step("A service reads the first events of \(service)'s feed") {
                try await call(EventsRead.self, CursorParams(after: 0, limit: 2), on: service, token: serviceToken)
            }
            await step("The auditor reads the first entries of \(service)'s audit trail") {
                try await call(AuditRead.self, CursorParams(after: 0, limit: 2), on: service, token: auditor)
            }
            await step("The auditor verifies \(service)'s audit trail") {
                try await call(AuditVerify.self, EmptyParams(), on: service, token: auditor)
            }
            await step("The auditor reads the events \(service) could not apply") {
                try await call(FeedDeadLettersRead.self, CursorParams(after: 0, limit: 10), on: service, token: auditor)
            }
        }

        // Identity: tenants, accounts and sessions.
        await step("Super Admin lists the tenants") {
            try await call(TenantList.self, EmptyParams(), on: "identity", token: s.superAdmin)
        }
        await step("A PPK lists the agencies of their tenant") {
            try await call(AgencyList.self, TenantScope(), on: "identity", token: ppk)
        }
        await step("The agency administrator lists the accounts of the tenant") {
            try await call(AccountList.self, TenantScope(), on: "identity", token: agencyAdmin)
        }
        await step("A PPK asks who they are signed in as") {
            try await call(AuthWhoAmI.self, EmptyParams(), on: "identity", token: ppk)
        }
        await step("Anyone reads identity's public keys, to verify session tokens") {
            try await call(AuthPublicKeys.self, EmptyParams(), on: "identity")
        }
        await step("Anyone reads the current vendor terms") {
            try await call(VendorTermsGet.self, EmptyParams(), on: "identity")
        }
        await step("An official signs out") {
            let session = try await s.signIn("s-treasurer", password: ScenarioData.finalPassword(of: "s-treasurer"))
            recorder.label = "An official signs out"
            try await call(AuthSignOut.self, EmptyParams(), on: "identity", token: session.token)
        }
        await step("Anyone reads the revoked sessions from the start") {
            try await call(AuthRevocations.self, CursorParams(after: 0, limit: 10), on: "identity")
        }
        await step("Super Admin sets a temporary password for an official, then disables the account") {
            let account = try await call(
                AccountCreate.self,
                try ScenarioData.official("s-leaver", roles: [.ppk], tenant: "balangan", agency: "DINKES"),
                on: "identity", token: s.superAdmin)
            recorder.label = "Super Admin sets a temporary password for an official who forgot theirs"
            try await call(
                AccountResetPassword.self,
                PasswordResetParams(accountID: account.id, temporaryPassword: "temporary-pass-1"), on: "identity",
                token: s.superAdmin)
            recorder.label = "Super Admin disables the account of an official who left"
            try await call(AccountDisable.self, AccountRef(accountID: account.id), on: "identity", token: s.superAdmin)
        }

        // Identity: the parties documents print.
        await step("Super Admin updates a tenant's government name, seat and region codes") {
            try await call(
                TenantUpdate.self,
                TenantUpdateParams(
                    tenant: "balangan", name: "Kabupaten Balangan", domicileRegionCodes: ["6311"],
                    governmentName: "Pemerintah Kabupaten Balangan", seat: "Paringin"), on: "identity",
                token: s.superAdmin)
        }
        await step("Super Admin uploads the regency's emblem, and a PPK reads it") {
            try await call(
                TenantSetEmblem.self,
                TenantEmblemUpload(tenant: "balangan", contentBase64: SampleFiles.base64(SampleFiles.emblemPNG)),
                on: "identity", token: s.superAdmin)
            recorder.label = "A PPK reads the emblem printed on the regency's documents"
            try await call(TenantEmblemRead.self, TenantScope(), on: "identity", token: ppk)
        }
        await step("Super Admin updates an agency's address, contacts and NPWP") {
            try await call(
                AgencyUpdate.self,
                AgencyInfo(
                    tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan Kabupaten Balangan",
                    address: "Jl. A. Yani Km 1,5, Paringin, Kabupaten Balangan, Kalimantan Selatan 71662",
                    phone: "(0526) 2028123", email: try EmailAddress("dinkes@balangankab.go.id"),
                    npwp: try NPWP(ScenarioData.npwpText("00653130", branch: "731"))), on: "identity",
                token: s.superAdmin)
        }
        await step("The agency administrator updates an official's NIP, rank and position") {
            let session = try world.officials[.ppk].orThrow("the world has no PPK")
            try await call(
                AccountUpdateProfile.self,
                AccountProfileParams(
                    accountID: session.account.id, fullName: session.account.fullName,
                    nip: try NIP("198503122010011004"), rank: "Penata Tingkat I (III/d)",
                    position: "Kepala Seksi Sarana dan Prasarana"), on: "identity", token: agencyAdmin)
        }
        await step("The auditor reads the account directory, to name each audit entry's actor") {
            try await call(AccountDirectory.self, TenantScope(), on: "identity", token: auditor)
        }
        await step("A service reads an official's roles and agency") {
            let session = try world.officials[.ppk].orThrow("the world has no PPK")
            try await call(
                AccountOfficial.self, AccountRef(accountID: session.account.id), on: "identity", token: serviceToken)
        }
        for service in clients.keys.sorted() {
            await step("The national monitor reads \(service)'s capacity and traffic figures") {
                try await call(SystemMetrics.self, EmptyParams(), on: service, token: try world.token(.monitor))
            }
        }

        // Identity: vendors.
        await step("The verifier reads a vendor") {
            try await call(VendorGet.self, VendorRef(vendorID: vendor.info.id), on: "identity", token: verifier)
        }
        await step("The verifier lists the active vendors") {
            try await call(VendorList.self, VendorListParams(status: .active), on: "identity", token: verifier)
        }
        await step("A service asks whether a vendor may be ordered from") {
            try await call(
                VendorStandingRead.self, VendorRef(vendorID: vendor.info.id), on: "identity", token: serviceToken)
        }
        await step("A vendor uploads the scan of its NPWP card, and the verifier reads it") {
            let uploaded = try await call(
                VendorUploadDocument.self,
                VendorDocumentUpload(type: .npwp, contentBase64: SampleFiles.base64(SampleFiles.pdf)), on: "identity",
                token: vendor.token)
            recorder.label = "The verifier reads a vendor's uploaded document"
            let document = try uploaded.documents.first.orThrow("the upload lists no document")
            try await call(
                VendorDocumentRead.self, VendorDocumentRef(vendorID: vendor.info.id, sha256: document.sha256),
                on: "identity", token: verifier)
        }
        await step("The verifier rejects a registration, and the vendor corrects and resubmits it") {
            let registration = try ScenarioData.vendorRegistration(
                s.nextVendorNumber(tenant: "balangan"), termsVersion: s.termsVersion)
            let registered = try await s.registerVendor(registration)
            recorder.label = "The verifier rejects a registration whose deed scan is unreadable"
            try await call(
                VendorReject.self,
                VendorDecision(
                    vendorID: registered.info.id, version: registered.info.version,
                    reason: "The deed scan is unreadable"), on: "identity", token: verifier)
            recorder.label = "A rejected vendor corrects its address and resubmits its registration"
            var corrected = registration
            corrected.address = "Jl. Baru No. 2, Paringin"
            try await call(VendorResubmit.self, corrected, on: "identity", token: registered.token)
        }
        await step("The verifier blocks a vendor by decision, unblocks it, and Super Admin deactivates it") {
            let other = try await s.activeVendor(verifier: verifier)
            recorder.label = "The verifier blocks a vendor on a decision of the UKPBJ"
            let blocked = try await call(
                VendorBlock.self,
                VendorBlockParams(
                    vendorID: other.info.id, version: other.info.version, decisionNumber: "027/5/UKPBJ/2026",
                    decisionDate: "2026-03-01", reason: "Repeated late delivery"), on: "identity", token: verifier)
            recorder.label = "The verifier lifts a block on a later decision"
            let unblocked = try await call(
                VendorUnblock.self,
                VendorBlockParams(
                    vendorID: other.info.id, version: blocked.version, decisionNumber: "027/9/UKPBJ/2026",
                    decisionDate: "2026-04-01", reason: "The decision was corrected"), on: "identity", token: verifier)
            recorder.label = "Super Admin deactivates a vendor that stopped trading"
            try await call(
                VendorDeactivate.self,
                VendorDecision(vendorID: other.info.id, version: unblocked.version, reason: "Stopped trading"),
                on: "identity", token: s.superAdmin)
        }
        await step("The verifier blacklists a business by its NPWP") {
            try await call(
                BlacklistAdd.self,
                BlacklistEntry(
                    npwp: try NPWP(ScenarioData.npwpText("30000001")), name: "CV Tidak Jujur", source: .ppkRequest,
                    basis: "SK PA 01/2026", startsOn: "2026-01-01", endsOn: "2027-12-31"), on: "identity",
                token: verifier)
        }
        await step("A PPK reads the blacklist") {
            try await call(BlacklistList.self, EmptyParams(), on: "identity", token: ppk)
        }

        // Identity: helpdesk and announcements.
        await step("A PPK opens a helpdesk ticket; it is commented, forwarded, resolved and closed") {
            let ticket = try await call(
                HelpdeskOpen.self,
                TicketOpenParams(subject: "Cannot print the Surat Pesanan", body: "The PDF opens blank."),
                on: "identity", token: ppk)
            recorder.label = "A PPK adds a comment to their ticket"
            try await call(
                HelpdeskComment.self, TicketActionParams(ticketID: ticket.id, comment: "It happens in every browser."),
                on: "identity", token: ppk)
            recorder.label = "The agency administrator forwards a ticket to the developers"
            try await call(
                HelpdeskForward.self, TicketActionParams(ticketID: ticket.id, comment: "Needs the developers."),
                on: "identity", token: agencyAdmin)
            recorder.label = "Super Admin resolves a forwarded ticket"
            try await call(
                HelpdeskResolve.self, TicketActionParams(ticketID: ticket.id, comment: "Fixed in 0.1.1."),
                on: "identity", token: s.superAdmin)
            recorder.label = "A PPK closes their resolved ticket"
            try await call(
                HelpdeskClose.self, TicketActionParams(ticketID: ticket.id, comment: "Thanks."), on: "identity",
                token: ppk)
        }
        await step("A PPK lists their helpdesk tickets") {
            try await call(HelpdeskList.self, EmptyParams(), on: "identity", token: ppk)
        }
        await step("Super Admin announces a maintenance window to tenant balangan") {
            let now = Date()
            try await call(
                AnnouncementPublish.self,
                AnnouncementInfo(
                    kind: .maintenance, title: "Pemeliharaan sistem", body: "Sabtu malam pukul 22.00–24.00 WITA.",
                    tenants: ["balangan"], startsAt: iso.string(from: now.addingTimeInterval(3600)),
                    endsAt: iso.string(from: now.addingTimeInterval(7200))), on: "identity", token: s.superAdmin)
        }
        await step("The system's capacity watch alerts the administrators") {
            let now = Date()
            try await call(
                AnnouncementAlertAdministrators.self,
                AdministratorAlert(
                    title: "Ruang disk hampir habis",
                    body: "Sisa ruang disk folder data 1,8 GiB, di bawah batas 2 GiB.",
                    startsAt: iso.string(from: now), endsAt: iso.string(from: now.addingTimeInterval(7 * 86_400))),
                on: "identity", token: serviceToken)
        }
        await step("A PPK lists the announcements for them") {
            try await call(AnnouncementList.self, EmptyParams(), on: "identity", token: ppk)
        }

        // Catalog.
        await step("A PPK reads the catalogue settings of their tenant") {
            try await call(CatalogSettingsGet.self, TenantScope(), on: "catalog", token: ppk)
        }
        await step("A PPK lists the categories of their tenant") {
            let categories = try await call(CategoryList.self, TenantScope(), on: "catalog", token: ppk)
            var category = try categories.first { $0.code == "JASA-CETAK" }.orThrow("no category JASA-CETAK")
            category.name = "Jasa Percetakan dan Penjilidan"
            recorder.label = "Super Admin renames a category (sending the version read)"
            try await call(CategoryUpdate.self, category, on: "catalog", token: s.superAdmin)
        }
        await step("A PPK searches the catalogue for paper delivered to PARINGIN") {
            try await call(
                CatalogSearch.self, CatalogSearchParams(query: "kertas", regionCode: "PARINGIN", limit: 10),
                on: "catalog", token: ppk)
        }
        await step("A PPK reads a listed product") {
            try await call(ProductGet.self, ProductRef(productID: world.product.id), on: "catalog", token: ppk)
        }
        await step("A PPK asks for the price reference of a product in PARINGIN") {
            try await call(
                CatalogPriceReference.self, PriceReferenceParams(productID: world.product.id, regionCode: "PARINGIN"),
                on: "catalog", token: ppk)
        }
        await step("A PPK downloads a product's image") {
            let image = try world.product.revisions.last.orThrow("no revision").offer.images.first.orThrow("no image")
            try await call(
                ProductFileRead.self, ProductFileRef(productID: world.product.id, sha256: image.sha256), on: "catalog",
                token: ppk)
        }
        await step("The verifier reads a product's record with every revision") {
            try await call(
                ProductRecordGet.self, ProductRef(productID: world.product.id), on: "catalog", token: verifier)
        }
        await step("The verifier lists the products awaiting verification") {
            try await call(
                ProductRecordList.self, ProductRecordListParams(latestStatus: .pending, limit: 10), on: "catalog",
                token: verifier)
        }
        await step("A vendor edits a submitted offer, then withdraws the product") {
            let submitted = try await s.submitWhenKnown(
                ScenarioData.offer(name: "Map Plastik Folio", category: "ATK", price: 15_000), vendorToken: vendor.token
            )
            recorder.label = "A vendor corrects the stock of an offer awaiting verification"
            let edited = try await call(
                ProductEditMethod.self,
                ProductEdit(
                    productID: submitted.id, version: submitted.version,
                    offer: ScenarioData.offer(name: "Map Plastik Folio", category: "ATK", price: 15_000, stock: 250)),
                on: "catalog", token: vendor.token)
            recorder.label = "A vendor withdraws a product from the catalogue"
            try await call(
                ProductWithdraw.self, ProductRef(productID: edited.id, version: edited.version), on: "catalog",
                token: vendor.token)
        }
        await step("A PPK proposes a sanction on false data; the PA/KPA decides against it") {
            let proposed = try await call(
                SanctionPropose.self,
                SanctionProposal(
                    vendorID: vendor.info.id, grounds: .falseData,
                    description: "Sertifikat TKDN yang dilampirkan diduga palsu", orderID: nil),
                on: "catalog", token: ppk)
            recorder.label = "The PA/KPA rejects a proposed sanction after checking the certificate"
            try await call(
                SanctionDecide.self,
                SanctionDecision(
                    sanctionID: proposed.id, version: proposed.version, accept: false,
                    decisionNumber: "027/12/DINKES/2026", decisionDate: today,
                    reason: "Sertifikat terbukti asli"), on: "catalog", token: budgetHolder)
        }
        await step("The auditor lists the sanctions of the tenant") {
            try await call(SanctionList.self, SanctionListParams(), on: "catalog", token: auditor)
        }

        // Orders.
        await step("A PPK reads the orders settings of their tenant") {
            let settings = try await call(OrdersSettingsGet.self, TenantScope(), on: "orders", token: ppk)
            recorder.label = "Super Admin sets the orders settings of a tenant (here: unchanged)"
            try await call(OrdersSettingsSet.self, settings, on: "orders", token: s.superAdmin)
        }
        await step("A PPK reads an order") {
            try await call(OrderGet.self, OrderRef(orderID: order.id), on: "orders", token: ppk)
        }
        await step("A PPK lists their completed orders") {
            try await call(OrderList.self, OrderListParams(state: .completed, limit: 10), on: "orders", token: ppk)
        }
        await step("A PPK downloads the Surat Pesanan") {
            let document = try order.suratPesanan.orThrow("the order has no Surat Pesanan")
            try await call(DocumentGet.self, DocumentRef(documentID: document.id), on: "orders", token: ppk)
        }
        await step("Anyone verifies a printed BAST by its SHA-256") {
            let document = try order.bast.orThrow("the order has no BAST")
            try await call(DocumentVerify.self, DocumentVerifyParams(sha256: document.seal.sha256), on: "orders")
        }
        await step("The auditor lists suspected split purchases") {
            try await call(SplitPurchaseList.self, TenantScope(), on: "orders", token: auditor)
        }
        await step("A PPK cancels an order before the vendor answers") {
            let placed = try await s.placedOrder(
                ScenarioData.preparation(
                    [OrderItemRequest(productID: world.product.id, quantity: 2)], today: today,
                    packageName: "Pengadaan ATK yang dibatalkan"), ppk: ppk)
            recorder.label = "A PPK cancels an order before the vendor answers"
            try await call(
                OrderCancel.self,
                OrderAct(
                    orderID: placed.id, version: placed.version, reason: "Anggaran dialihkan untuk tanggap darurat"),
                on: "orders", token: ppk)
        }
        await step("A vendor declines an order") {
            let placed = try await s.placedOrder(
                ScenarioData.preparation(
                    [OrderItemRequest(productID: world.product.id, quantity: 3)], today: today,
                    packageName: "Pengadaan ATK yang ditolak"), ppk: ppk)
            recorder.label = "A vendor declines an order it cannot supply"
            try await call(
                OrderDecline.self,
                OrderAct(orderID: placed.id, version: placed.version, reason: "Stok kertas habis sampai bulan depan"),
                on: "orders", token: vendor.token)
        }
        await step("A PPK ends a contracted order for the vendor's failure") {
            let placed = try await s.placedOrder(
                ScenarioData.preparation(
                    [OrderItemRequest(productID: world.product.id, quantity: 4)], today: today,
                    packageName: "Pengadaan ATK yang gagal"), ppk: ppk)
            let contracted = try await s.contract(placed, ppk: ppk, vendorToken: vendor.token)
            recorder.label = "A PPK ends a contracted order because the vendor refused to replace damaged goods"
            try await call(
                OrderFail.self,
                FailureParams(
                    orderID: contracted.id, version: contracted.version, grounds: .refusedReplacement,
                    description: "Menolak mengganti kertas yang rusak"), on: "orders", token: ppk)
        }
        await step("The PA/KPA reassigns an order to another PPK of the agency") {
            let successor = try await s.official(
                "s-ppk-successor", roles: [.ppk], tenant: "balangan", agency: "DINKES")
            let placed = try await s.placedOrder(
                ScenarioData.preparation(
                    [OrderItemRequest(productID: world.product.id, quantity: 5)], today: today,
                    packageName: "Pengadaan ATK yang dialihkan"), ppk: ppk)
            recorder.label = "The PA/KPA reassigns an order whose PPK was transferred to another post"
            try await call(
                OrderReassign.self,
                OrderReassignParams(
                    orderID: placed.id, version: placed.version, newHolderAccountID: successor.account.id,
                    reason: "PPK semula dimutasi berdasarkan SK Bupati"), on: "orders", token: budgetHolder)
        }
        await step("A PPK records a force-majeure purchase; the PA/KPA acknowledges it") {
            let recorded = try await call(
                ForceMajeureRecord.self,
                ForceMajeureRecordParams(
                    reason: .naturalDisaster, description: "Banjir di Kecamatan Awayan: pengadaan darurat perahu karet",
                    vendorName: "Toko Sumber Makmur",
                    items: [
                        ForceMajeureItem(description: "Perahu karet", quantity: 2, unit: "unit", unitPrice: 4_500_000)
                    ],
                    orderedOn: today, beritaAcaraNumber: "BA-01/DINKES/2026", fundingSource: .apbd,
                    budgetAccountCode: "5.1.02.99"), on: "orders", token: ppk)
            recorder.label = "The PA/KPA acknowledges a force-majeure purchase"
            try await call(
                ForceMajeureAcknowledge.self, ForceMajeureRef(id: recorded.id, version: recorded.version),
                on: "orders", token: budgetHolder)
            recorder.label =
                "The PPK records the Rp10.000 meterai affixed to the printed Berita Acara (above Rp5.000.000)"
            try await call(
                DocumentRecordMeterai.self,
                MeteraiParams(
                    documentID: recorded.beritaAcara.id, serialNumber: "E7A1B2C3D4E5F6A7B8C9D0", affixedOn: today),
                on: "orders", token: ppk)
        }

        // Payments.
        let treasurer = try world.token(.treasurer)
        var paid: PaymentRecord?
        await step("The treasurer reads the payable of a completed order") {
            _ = try await s.payable(orderID: order.id, treasurer: treasurer, client: clients["payments"])
        }
        await step("The treasurer lists what the agency owes") {
            try await call(
                PayableList.self, PayableListParams(state: .due, limit: 10), on: "payments", token: treasurer)
        }
        await step("The treasurer pays the standard order by UP/GU: prepared, instructed, settled") {
            recorder.methodLabels = [
                PaymentPrepare.name: "The treasurer prepares the payment of a completed order (UP/GU)",
                PaymentInstruct.name: "The treasurer records the transfer sent",
                PaymentSettle.name:
                    "The treasurer records the bank's reference: settled, the kuitansi and slips issued",
            ]
            defer { recorder.methodLabels = [:] }
            paid = try await s.pay(
                orderID: order.id, treasurer: treasurer, mechanism: .upGu, paymentDate: today,
                client: clients["payments"]
            ).last
        }
        await step("The treasurer reads a payment") {
            let payment = try paid.orThrow("no payment was made")
            try await call(PaymentGet.self, PaymentRef(paymentID: payment.id), on: "payments", token: treasurer)
        }
        await step("The auditor lists the tenant's settled payments") {
            try await call(PaymentList.self, PaymentListParams(state: .settled), on: "payments", token: auditor)
        }
        await step("The vendor downloads its kuitansi") {
            let kuitansi = try paid.orThrow("no payment was made").kuitansi.orThrow("the payment has no kuitansi")
            try await call(
                PaymentDocumentGet.self, PaymentDocumentRef(documentID: kuitansi.id), on: "payments",
                token: vendor.token)
        }
        await step("Anyone verifies a printed kuitansi by its SHA-256") {
            let kuitansi = try paid.orThrow("no payment was made").kuitansi.orThrow("the payment has no kuitansi")
            try await call(DocumentVerify.self, DocumentVerifyParams(sha256: kuitansi.seal.sha256), on: "payments")
        }
        await step("The vendor confirms it received the money") {
            let payment = try paid.orThrow("no payment was made")
            try await call(
                PaymentConfirmReceipt.self, PaymentAct(paymentID: payment.id, version: payment.version),
                on: "payments", token: vendor.token)
        }
        await step("The bank returns a transfer; the treasurer pays again and deposits the PPh 22 withheld") {
            let bigger = try await s.purchase(
                ScenarioData.preparation(
                    [OrderItemRequest(productID: world.product.id, quantity: 50)], today: today,
                    packageName: "Pengadaan kertas semester II"),
                ppk: ppk, vendorToken: vendor.token, today: today
            ).order
            let payable = try await s.payable(orderID: bigger.id, treasurer: treasurer, client: clients["payments"])
            let prepared = try await call(
                PaymentPrepare.self,
                PaymentPreparation(
                    orderID: bigger.id, mechanism: .upGu, paymentDate: today, gross: payable.facts.totalIncludingPPN),
                on: "payments", token: treasurer)
            recorder.label = "The PA/KPA approves the payment (setuju dibayar)"
            let approved = try await call(
                PaymentApprove.self, PaymentAct(paymentID: prepared.id, version: prepared.version), on: "payments",
                token: budgetHolder)
            recorder.label = "The bank returns a transfer; the treasurer pays again and deposits the PPh 22 withheld"
            let sent = try await call(
                PaymentInstruct.self,
                PaymentInstruction(
                    paymentID: approved.id, version: approved.version, transferReference: "TRF-2026-0107"),
                on: "payments", token: treasurer)
            recorder.label = "The treasurer records that the bank returned the transfer, with its reason"
            let returned = try await call(
                PaymentReject.self,
                PaymentRejectionParams(
                    paymentID: sent.id, version: sent.version, reason: "Nama pemilik rekening tidak sesuai"),
                on: "payments", token: treasurer)
            let again = try await call(
                PaymentInstruct.self,
                PaymentInstruction(
                    paymentID: returned.id, version: returned.version, transferReference: "TRF-2026-0108"),
                on: "payments", token: treasurer)
            let settled = try await call(
                PaymentSettle.self,
                PaymentSettlement(paymentID: again.id, version: again.version, bankReference: "BPD-KALSEL-2026-88121"),
                on: "payments", token: treasurer)
            let line = try settled.taxLines.first.orThrow("the payment withheld no tax")
            recorder.label = "The treasurer records the deposit of a tax line: kode billing, NTPN and date"
            try await call(
                TaxRecordDeposit.self,
                TaxDepositParams(
                    paymentID: settled.id, version: settled.version, lineID: line.lineID,
                    billingCode: "820260100012345", ntpn: "A1B2C3D4E5F6G7H8", depositedOn: today),
                on: "payments", token: treasurer)
        }
        await step("The treasurer reads the month's payments and tax lines") {
            try await call(
                TaxLines.self, TaxPeriodParams(year: today.year, month: today.month), on: "payments", token: treasurer)
        }
        await step("The treasurer exports the month's BPPU for Coretax") {
            try await call(
                TaxExportBPPU.self, TaxExportParams(year: today.year, month: today.month, format: .xml),
                on: "payments", token: treasurer)
        }
        await step("The treasurer prints the monthly report") {
            try await call(
                TaxMonthlyReport.self, TaxExportParams(year: today.year, month: today.month, format: .pdf),
                on: "payments", token: treasurer)
        }
        await step("A UMKM vendor registers its Surat Keterangan; the treasurer reads it") {
            try await call(
                VendorRegisterTaxCertificate.self,
                UMKMCertificate(
                    number: "KET-00123/WPJ.12/KP.0403/2026", validFrom: today.adding(days: -30),
                    validUntil: today.adding(days: 335)), on: "payments", token: vendor.token)
            recorder.label = "The treasurer reads a vendor's Surat Keterangan"
            try await call(
                VendorTaxCertificateGet.self, VendorTaxCertificateRef(vendorID: vendor.info.id), on: "payments",
                token: treasurer)
        }
        await step("The treasurer reads the payments settings of their tenant") {
            let settings = try await call(PaymentsSettingsGet.self, TenantScope(), on: "payments", token: treasurer)
            recorder.label = "Super Admin sets the payments settings of a tenant (here: unchanged)"
            try await call(PaymentsSettingsSet.self, settings, on: "payments", token: s.superAdmin)
        }
    }
}

extension Optional {
    /// The value, or a scenario failure saying what was missing.
    fileprivate func orThrow(_ what: String) throws -> Wrapped {
        guard let value = self else { throw ScenarioFailure(what) }
        return value
    }
}
