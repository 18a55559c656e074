import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport

/// A vendor with one listed product, ready to be ordered from and paid.
struct Seller {
    let vendor: VendorInfo
    var token: String
    /// The vendor's sign-in name.
    let username: String
    let product: ProductRecord
    /// The product's unit price delivered to PARINGIN (price + Rp5,000 delivery).
    let unitPrice: Int64
}

extension SystemFixture {
    var ppk: String { balangan[.ppk]!.token }
    var treasurer: String { balangan[.treasurer]!.token }
    var auditor: String { balangan[.auditor]!.token }

    /// Signs the vendor in again (after the clock moved).
    func signedInAgain(_ seller: Seller) async throws -> Seller {
        var again = seller
        let password = seller.username.replacingOccurrences(of: "vendor", with: "vendor-pass-")
        again.token = try await scenario.signIn(seller.username, password: password).token
        return again
    }

    /// A vendor (PKP or not) with one accepted product in `category` (goods: ATK-KERTAS; services: JASA-CETAK).
    func seller(
        isPKP: Bool, category: String = "ATK-KERTAS", name: String = "Kertas HVS A4", price: Int64 = 50_000
    ) async throws -> Seller {
        let vendor = try await scenario.activeVendor(verifier: balangan[.verifier]!.token, isPKP: isPKP)
        let product = try await listedProduct(
            offer(name: name, category: category, price: price, includesPPN: isPKP), vendorToken: vendor.token)
        return Seller(
            vendor: vendor.info, token: vendor.token, username: vendor.account.username, product: product,
            unitPrice: price + 5_000)
    }

    /// `quantity` units bought from `seller` by the DINKES PPK and carried to the acknowledged BAST.
    func completedOrder(_ seller: Seller, quantity: Int, packageName: String = "Pengadaan ATK Triwulan IV")
        async throws -> OrderRecord
    {
        let today = CivilDate(clock.now())
        return try await scenario.purchase(
            ScenarioData.preparation(
                [OrderItemRequest(productID: seller.product.id, quantity: quantity)], today: today,
                packageName: packageName),
            ppk: ppk, vendorToken: seller.token, today: today
        ).order
    }

    /// The payable of `order`, once payments has read it.
    func payable(_ order: OrderRecord) async throws -> PayableRecord {
        try await scenario.payable(orderID: order.id, treasurer: treasurer)
    }

    /// Today in WITA by the fixture's clock.
    var today: CivilDate { CivilDate(clock.now()) }
}

/// The events of payments' feed (read with a service token) after `cursor`.
func paymentEvents(_ system: SystemFixture, after cursor: Int64 = 0) async throws -> [FeedEvent] {
    let token = try system.launcher.serviceToken("orders")
    return try await system.payments.call(EventsRead.self, CursorParams(after: cursor, limit: 1000), token: token)
        .events
}

/// Runs `body` with identity, catalog, orders and payments started (the catalog's regions and
/// categories set up), stopped afterwards whatever happens.
func withPayments(_ body: (SystemFixture) async throws -> Void) async throws {
    try await withSystem([.catalog, .orders, .payments]) { system in
        try await system.setUpCatalog()
        // DINKES's NPWP, under which its treasurer withholds (slips, BPPU, monthly report).
        _ = try await system.identity.call(
            AgencyUpdate.self,
            AgencyInfo(
                tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan", address: "Jl. A. Yani Km 1,5, Paringin",
                npwp: try NPWP(ScenarioData.npwpText("00653130", branch: "731"))), token: system.superAdmin)
        try await body(system)
    }
}
