// The steps of SiOpen's standard scenario over RPC clients of the services' sockets, whatever
// runs behind them (services in this process or real processes): Super Admin signs in, creates
// tenants and agencies and officials (who change their first password), a vendor registers and
// is verified and activated, the catalogue gets regions, categories and accepted products, and a
// PPK buys from the vendor from preparation to the acknowledged BAST.
import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// One call a scenario made, as it went over the wire: for recording examples.
public struct ScenarioCall: Sendable {
    /// The service called (`identity`, …).
    public var service: String
    /// The method's wire name.
    public var method: String
    /// The params as sent.
    public var params: JSONValue
    /// The result as received.
    public var result: JSONValue

    /// A call as reported.
    public init(service: String, method: String, params: JSONValue, result: JSONValue) {
        self.service = service
        self.method = method
        self.params = params
        self.result = result
    }
}

/// A vendor signed in after activation.
public struct ScenarioVendor: Sendable {
    /// The vendor as activated.
    public var info: VendorInfo
    /// Its session token.
    public var token: String
    /// Its account, as signed in.
    public var account: AccountInfo
}

/// What a whole purchase produced.
public struct ScenarioPurchase: Sendable {
    /// The order at every step, in order (prepared, submitted, offers, agreed, …, completed).
    public var steps: [OrderRecord]
    /// The completed order.
    public var order: OrderRecord { steps[steps.count - 1] }
}

/// The steps of the standard scenario, over RPC clients of the services' sockets.
public final class Scenario: @unchecked Sendable {
    /// A client of identity.
    public let identity: RPCClient
    /// A client of the catalog.
    public let catalog: RPCClient
    /// A client of orders.
    public let orders: RPCClient
    /// A client of payments.
    public let payments: RPCClient
    /// The vendor terms version registrations accept (identity's current one).
    public let termsVersion: String
    /// Super Admin's password.
    public let superAdminPassword: String
    /// Called after every successful call a step makes (to record examples); nil records nothing.
    public var onCall: (@Sendable (ScenarioCall) -> Void)?
    /// Super Admin's token, once `signInSuperAdmin` ran.
    public private(set) var superAdmin = ""

    private let lock = NSLock()
    private var vendorNumbers: [String: Int] = [:]

    /// A scenario over the given clients.
    public init(
        identity: RPCClient, catalog: RPCClient, orders: RPCClient, payments: RPCClient? = nil, termsVersion: String,
        superAdminPassword: String = ScenarioData.superAdminPassword
    ) {
        self.identity = identity
        self.catalog = catalog
        self.orders = orders
        self.payments =
            payments ?? RPCClient(socketPath: "/nonexistent/payments.sock", serviceName: "payments")
        self.termsVersion = termsVersion
        self.superAdminPassword = superAdminPassword
    }

    /// A scenario over fresh clients of the services listening at `sockets` (by service name).
    public convenience init(
        sockets: [String: String], termsVersion: String, superAdminPassword: String = ScenarioData.superAdminPassword,
        timeout: Duration = .seconds(60)
    ) {
        func client(_ service: String) -> RPCClient {
            RPCClient(
                socketPath: sockets[service] ?? "/nonexistent/\(service).sock", serviceName: service,
                defaultTimeout: timeout)
        }
        self.init(
            identity: client("identity"), catalog: client("catalog"), orders: client("orders"),
            payments: client("payments"), termsVersion: termsVersion,
            superAdminPassword: superAdminPassword)
    }

    /// Closes the clients' connections (a later call opens new ones).
    public func close() {
        for client in [identity, catalog, orders, payments] { client.close() }
    }

    /// Calls `method` on `client`, reporting the call to `onCall`.
    public func call<M: RPCMethod>(_ method: M.Type, _ params: M.Params, on client: RPCClient, token: String? = nil)
        async throws -> M.Result
    {
        let result = try await client.call(method, params, token: token)
        if let onCall {
            onCall(
                ScenarioCall(
                    service: client.serviceName, method: M.name, params: try JSONCoding.value(params),
                    result: try JSONCoding.value(result)))
        }
        return result
    }

    // MARK: People

    /// Signs Super Admin in; returns the session and keeps its token as `superAdmin`.
    @discardableResult
    public func signInSuperAdmin() async throws -> SessionInfo {
        let session = try await call(
            AuthSignIn.self, SignInParams(login: ScenarioData.superAdminLogin, password: superAdminPassword),
            on: identity)
        lock.withLock { superAdmin = session.token }
        return session
    }

    /// Creates `tenants` and `agencies` as Super Admin.
    public func createTenants(_ tenants: [TenantInfo], agencies: [AgencyInfo]) async throws {
        for tenant in tenants { _ = try await call(TenantCreate.self, tenant, on: identity, token: superAdmin) }
        for agency in agencies { _ = try await call(AgencyCreate.self, agency, on: identity, token: superAdmin) }
    }

    /// Super Admin creates an official; they sign in with the initial password and change it to
    /// `ScenarioData.finalPassword(of:)` (or `password`). Returns the fresh session.
    public func official(
        _ username: String, roles: [Role], tenant: String?, agency: String?, emailDomain: String = "pemkab.go.id",
        password: String? = nil
    ) async throws -> SessionInfo {
        let params = try ScenarioData.official(
            username, roles: roles, tenant: tenant, agency: agency, emailDomain: emailDomain)
        _ = try await call(AccountCreate.self, params, on: identity, token: superAdmin)
        let first = try await call(
            AuthSignIn.self, SignInParams(login: username, password: ScenarioData.initialPassword), on: identity)
        guard first.mustChangePassword else { throw ScenarioFailure("a new account must change its password") }
        return try await call(
            AuthChangePassword.self,
            PasswordChangeParams(
                currentPassword: ScenarioData.initialPassword,
                newPassword: password ?? ScenarioData.finalPassword(of: username)),
            on: identity, token: first.token)
    }

    /// Signs in again with a known password; returns the fresh session.
    public func signIn(_ login: String, password: String) async throws -> SessionInfo {
        try await call(AuthSignIn.self, SignInParams(login: login, password: password), on: identity)
    }

    /// The next vendor number in `tenant` (1, 2, …), for distinct registrations.
    public func nextVendorNumber(tenant: String) -> Int {
        lock.withLock {
            let next = (vendorNumbers[tenant] ?? 0) + 1
            vendorNumbers[tenant] = next
            return next
        }
    }

    /// Registers `registration` and signs the vendor in; returns the vendor as registered.
    public func registerVendor(_ registration: VendorRegistration) async throws -> ScenarioVendor {
        let registered = try await call(VendorRegister.self, registration, on: identity)
        let session = try await signIn(registration.username, password: registration.password)
        return ScenarioVendor(info: registered, token: session.token, account: session.account)
    }

    /// The vendor uploads every document verification needs (KTP, NPWP; for an entity also NIB,
    /// deed and business licence), as small sample files; returns the vendor after the uploads.
    public func uploadRequiredDocuments(_ vendor: VendorInfo, vendorToken: String) async throws -> VendorInfo {
        var current = vendor
        let types: [VendorDocumentType] =
            vendor.kind == .entity ? [.ktp, .npwp, .nib, .deed, .licence] : [.ktp, .npwp]
        for type in types {
            current = try await call(
                VendorUploadDocument.self,
                VendorDocumentUpload(type: type, contentBase64: SampleFiles.base64(SampleFiles.pdf)), on: identity,
                token: vendorToken)
        }
        return current
    }

    /// The verifier verifies (confirming the KTP domicile) and activates a registered vendor
    /// whose required documents are on file; returns it as activated.
    public func verifyAndActivate(_ vendor: VendorInfo, verifier: String) async throws -> VendorInfo {
        let verified = try await call(
            VendorVerify.self,
            VendorVerification(vendorID: vendor.id, version: vendor.version, domicileConfirmed: true),
            on: identity, token: verifier)
        return try await call(
            VendorActivate.self, VendorDecision(vendorID: vendor.id, version: verified.version), on: identity,
            token: verifier)
    }

    /// A vendor registers (`registration`, or the next numbered one of `tenant`), the verifier
    /// verifies and activates it, and it signs in.
    public func activeVendor(
        tenant: String = "balangan", verifier: String, registration: VendorRegistration? = nil,
        scale: BusinessScale = .small, isPKP: Bool = false
    ) async throws -> ScenarioVendor {
        let registration =
            try registration
            ?? {
                let number = nextVendorNumber(tenant: tenant) + (tenant == ScenarioData.balangan.code ? 0 : 500)
                return try ScenarioData.vendorRegistration(
                    number, tenant: tenant, scale: scale, isPKP: isPKP, termsVersion: termsVersion)
            }()
        let registered = try await call(VendorRegister.self, registration, on: identity)
        let session = try await signIn(registration.username, password: registration.password)
        let documented = try await uploadRequiredDocuments(registered, vendorToken: session.token)
        let active = try await verifyAndActivate(documented, verifier: verifier)
        return ScenarioVendor(info: active, token: session.token, account: session.account)
    }

    // MARK: The catalogue

    /// Delivery regions and categories of `tenant`, as Super Admin (the standard ones by default).
    public func setUpCatalog(
        tenant: String = "balangan", regions: [DeliveryRegion] = ScenarioData.deliveryRegions,
        categories: [Category]? = nil
    ) async throws {
        _ = try await call(
            CatalogSettingsSet.self, CatalogSettings(tenant: tenant, deliveryRegions: regions), on: catalog,
            token: superAdmin)
        for category in categories ?? ScenarioData.categories(tenant: tenant) {
            _ = try await call(CategoryCreate.self, category, on: catalog, token: superAdmin)
        }
    }

    /// Submits `offer` as the vendor, retrying while the catalog has not yet learned from
    /// identity's feed that the vendor is active (403, or 409 naming "active").
    public func submitWhenKnown(
        _ offer: ProductOfferInput, vendorToken: String, client: RPCClient? = nil, timeout: Duration = .seconds(60)
    ) async throws -> ProductRecord {
        let catalog = client ?? self.catalog
        return try await Scenario.until("the catalog accepts the vendor's offer", timeout: timeout) {
            () -> ProductRecord? in
            do {
                return try await self.call(ProductSubmit.self, offer, on: catalog, token: vendorToken)
            } catch let error as RPCError
                where error.code == 403 || (error.code == 409 && error.message.contains("active"))
            {
                return nil
            }
        }
    }

    /// The verifier accepts a submitted product, which lists it.
    @discardableResult
    public func accept(_ submitted: ProductRecord, verifier: String, client: RPCClient? = nil) async throws
        -> ProductRecord
    {
        try await call(
            ProductVerify.self,
            ProductVerification(
                productID: submitted.id, revision: submitted.latestRevision, version: submitted.version,
                decision: .accepted),
            on: client ?? catalog, token: verifier)
    }

    /// Submits `offer` as the vendor (once the catalog knows it) and has `verifier` accept it.
    public func listedProduct(_ offer: ProductOfferInput, vendorToken: String, verifier: String) async throws
        -> ProductRecord
    {
        try await accept(try await submitWhenKnown(offer, vendorToken: vendorToken), verifier: verifier)
    }

    // MARK: Orders

    /// The PPK prepares and submits an order.
    public func placedOrder(_ preparation: OrderPreparation, ppk: String) async throws -> OrderRecord {
        let prepared = try await call(OrderPrepare.self, preparation, on: orders, token: ppk)
        return try await call(
            OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), on: orders, token: ppk)
    }

    /// The vendor accepts the latest round, the PPK issues the Surat Pesanan and the vendor
    /// acknowledges it: the order is in delivery.
    public func contract(_ order: OrderRecord, ppk: String, vendorToken: String) async throws -> OrderRecord {
        let round = order.offers.last?.round ?? 0
        let agreed = try await call(
            OrderAccept.self, OrderAcceptParams(orderID: order.id, version: order.version, round: round), on: orders,
            token: vendorToken)
        let issued = try await call(
            OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), on: orders, token: ppk)
        return try await call(
            OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version), on: orders,
            token: vendorToken)
    }

    /// A whole purchase of `items` on `client` (orders by default): prepared and submitted by the
    /// PPK; agreed by the vendor, or with `counterPrices` one round of negotiation (the vendor
    /// offers them, the PPK accepts); the Surat Pesanan issued and acknowledged; everything delivered `today`, inspected
    /// and accepted; receipt confirmed and the BAST acknowledged by both. Returns every step.
    public func purchase(
        _ preparation: OrderPreparation, ppk: String, vendorToken: String, today: CivilDate,
        counterPrices: [Rupiah]? = nil, client: RPCClient? = nil
    ) async throws -> ScenarioPurchase {
        let orders = client ?? self.orders
        var steps: [OrderRecord] = []
        func step<M: RPCMethod>(_ method: M.Type, _ params: M.Params, _ token: String) async throws -> OrderRecord
        where M.Result == OrderRecord {
            let order = try await call(method, params, on: orders, token: token)
            steps.append(order)
            return order
        }
        var order = try await step(OrderPrepare.self, preparation, ppk)
        order = try await step(OrderSubmit.self, OrderAct(orderID: order.id, version: order.version), ppk)
        // The vendor answers the order (round 0) by accepting it, or by offering other prices
        // that the PPK then accepts.
        var acceptor = vendorToken
        if let counterPrices {
            order = try await step(
                OrderOffer.self, ScenarioData.nextOffer(after: order, prices: counterPrices), vendorToken)
            acceptor = ppk
        }
        let round = order.offers.last?.round ?? 0
        order = try await step(
            OrderAccept.self, OrderAcceptParams(orderID: order.id, version: order.version, round: round), acceptor)
        order = try await step(OrderIssueSuratPesanan.self, OrderAct(orderID: order.id, version: order.version), ppk)
        order = try await step(
            OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: order.id, version: order.version), vendorToken)
        let lines = order.items.map { DeliveryLine(itemID: $0.itemID, quantity: $0.quantity) }
        order = try await step(
            OrderRecordDelivery.self,
            DeliveryParams(orderID: order.id, version: order.version, deliveredOn: today, lines: lines), vendorToken)
        order = try await step(
            OrderInspect.self,
            InspectionParams(
                orderID: order.id, version: order.version, deliveryID: "delivery-1", inspectedOn: today,
                lines: lines.map { InspectionLine(itemID: $0.itemID, accepted: $0.quantity) }),
            ppk)
        order = try await step(OrderConfirmReceipt.self, ReceiptParams(orderID: order.id, version: order.version), ppk)
        order = try await step(
            OrderAcknowledgeBAST.self, OrderAct(orderID: order.id, version: order.version), vendorToken)
        order = try await step(OrderAcknowledgeBAST.self, OrderAct(orderID: order.id, version: order.version), ppk)
        guard order.state == .completed else {
            throw ScenarioFailure("a purchase ended \(order.state.rawValue), not completed")
        }
        return ScenarioPurchase(steps: steps)
    }

    // MARK: Payments

    /// The payable of a completed order, once payments has read it from orders' feed.
    public func payable(orderID: String, treasurer: String, client: RPCClient? = nil) async throws -> PayableRecord {
        let payments = client ?? self.payments
        return try await Scenario.until("payments knows the payable of order \(orderID)") {
            try await self.call(PayableGet.self, PayableRef(orderID: orderID), on: payments, token: treasurer)
        }
    }

    /// The treasurer pays a completed order: once payments knows the payable, prepares the payment
    /// (`mechanism`, dated `paymentDate`, with `sp2d` for LS), instructs it with a transfer
    /// reference (LS: the SP2D number) and settles it with the bank's reference. Returns the
    /// payment after each step (prepared, instructed, settled).
    public func pay(
        orderID: String, treasurer: String, mechanism: PaymentMechanism, paymentDate: CivilDate,
        sp2d: SP2DReference? = nil, client: RPCClient? = nil
    ) async throws -> [PaymentRecord] {
        let payments = client ?? self.payments
        let payable = try await payable(orderID: orderID, treasurer: treasurer, client: payments)
        let prepared = try await call(
            PaymentPrepare.self,
            PaymentPreparation(
                orderID: orderID, mechanism: mechanism, paymentDate: paymentDate,
                gross: payable.facts.totalIncludingPPN, sp2d: sp2d), on: payments, token: treasurer)
        let instructed = try await call(
            PaymentInstruct.self,
            PaymentInstruction(
                paymentID: prepared.id, version: prepared.version,
                transferReference: mechanism == .ls ? nil : "TRF-\(orderID.prefix(8).uppercased())"),
            on: payments, token: treasurer)
        let settled = try await call(
            PaymentSettle.self,
            PaymentSettlement(
                paymentID: instructed.id, version: instructed.version,
                bankReference: "BANKKALSEL-\(orderID.prefix(8).uppercased())", settledOn: paymentDate),
            on: payments, token: treasurer)
        return [prepared, instructed, settled]
    }

    // MARK: Waiting

    /// Retries `attempt` until it returns a value; errors count as "not yet". Throws, naming
    /// `what` and the last error, after `timeout`. For what crosses a feed between services.
    public static func until<T>(_ what: String, timeout: Duration = .seconds(60), _ attempt: () async throws -> T?)
        async throws -> T
    {
        let deadline = ContinuousClock.now + timeout
        var lastError: (any Error)?
        while true {
            do {
                if let value = try await attempt() { return value }
            } catch {
                lastError = error
            }
            if ContinuousClock.now >= deadline {
                throw ScenarioFailure(
                    "timed out waiting until \(what); last error: \(lastError.map { "\($0)" } ?? "none")")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// A scenario step that could not be completed, with a message for the person reading the log.
public struct ScenarioFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    /// A failure with a message.
    public init(_ description: String) { self.description = description }
}

// MARK: - The whole scenario

/// Who and what the standard scenario set up in tenant `balangan`: officials by role (of
/// DINKES where the role belongs to an agency), an active vendor and its accepted product.
public struct ScenarioWorld: Sendable {
    /// Super Admin's token.
    public var superAdmin: String
    /// Officials' sessions by role.
    public var officials: [Role: SessionInfo]
    /// The active vendor.
    public var vendor: ScenarioVendor
    /// Its accepted product (Kertas HVS A4, Rp55,000 a rim delivered to PARINGIN).
    public var product: ProductRecord

    /// An official's token.
    public func token(_ role: Role) throws -> String {
        guard let session = officials[role] else { throw ScenarioFailure("the scenario has no \(role.rawValue)") }
        return session.token
    }
}

extension Scenario {
    /// The roles the standard scenario signs in, each once.
    public static let standardRoles: [Role] = [
        .verifier, .ppk, .treasurer, .budgetHolder, .agencyAdmin, .ukpbjHead, .auditor, .monitor,
    ]

    /// Sets up the standard world on a fresh data folder: Super Admin signs in, creates tenant
    /// `balangan` with agency DINKES and an official of each of `roles` (usernames
    /// `<prefix><role>`), a vendor is registered, verified and activated, the catalogue gets its
    /// regions and categories, and the vendor's product is accepted.
    public func standardWorld(roles: [Role] = Scenario.standardRoles, usernamePrefix: String = "s-") async throws
        -> ScenarioWorld
    {
        try await signInSuperAdmin()
        try await createTenants(
            [ScenarioData.balangan], agencies: [AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan")]
        )
        var officials: [Role: SessionInfo] = [:]
        for role in roles {
            officials[role] = try await official(
                "\(usernamePrefix)\(role.rawValue)", roles: [role], tenant: role == .monitor ? nil : "balangan",
                agency: ScenarioData.agencyRoles.contains(role) ? "DINKES" : nil)
        }
        guard let verifier = officials[.verifier]?.token else {
            throw ScenarioFailure("the standard world needs a verifier")
        }
        let vendor = try await activeVendor(verifier: verifier)
        try await setUpCatalog()
        let product = try await listedProduct(
            ScenarioData.offer(name: "Kertas HVS A4", price: 50_000), vendorToken: vendor.token, verifier: verifier)
        return ScenarioWorld(superAdmin: superAdmin, officials: officials, vendor: vendor, product: product)
    }

    /// The whole purchase scenario against services at `sockets` (a fresh data folder whose
    /// Super Admin has `superAdminPassword`): the standard world, then one order of 10 rims
    /// negotiated once and carried to the acknowledged BAST. `onCall` sees every call made, for
    /// recording examples.
    public static func runPurchase(
        sockets: [String: String], termsVersion: String, superAdminPassword: String = ScenarioData.superAdminPassword,
        onCall: (@Sendable (ScenarioCall) -> Void)? = nil
    ) async throws -> (world: ScenarioWorld, purchase: ScenarioPurchase) {
        let scenario = Scenario(sockets: sockets, termsVersion: termsVersion, superAdminPassword: superAdminPassword)
        scenario.onCall = onCall
        defer { scenario.close() }
        let world = try await scenario.standardWorld()
        let purchase = try await scenario.standardPurchase(in: world, today: CivilDate(Date()))
        return (world, purchase)
    }

    /// The standard purchase in `world`: its PPK orders 10 rims of its product, negotiated once
    /// (the vendor offers Rp54,000 a rim, the PPK accepts) and carried to the acknowledged BAST.
    public func standardPurchase(in world: ScenarioWorld, today: CivilDate) async throws -> ScenarioPurchase {
        try await purchase(
            ScenarioData.preparation([OrderItemRequest(productID: world.product.id, quantity: 10)], today: today),
            ppk: try world.token(.ppk), vendorToken: world.vendor.token, today: today, counterPrices: [54_000])
    }
}
