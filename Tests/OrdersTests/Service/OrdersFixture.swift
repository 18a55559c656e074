import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenServiceTestSupport
import SiOpenTestSupport

/// A vendor with listed products, ready to be ordered from.
struct Market {
    let vendor: VendorInfo
    let vendorToken: String
    /// Kertas HVS: Rp55,000 per rim delivered to PARINGIN.
    let paper: ProductRecord
    /// Printer: Rp2,505,000 per unit delivered to PARINGIN, installation Rp150,000 offered.
    let printer: ProductRecord
}

extension SystemFixture {
    var ppk: String { balangan[.ppk]!.token }

    /// Catalog set up, one active vendor with two accepted products.
    func market(isPKP: Bool = false) async throws -> Market {
        try await setUpCatalog()
        let (vendor, token) = try await activeVendor(isPKP: isPKP)
        let paper = try await listedProduct(
            offer(name: "Kertas HVS A4", price: 50_000, includesPPN: isPKP), vendorToken: token)
        var printerOffer = offer(
            name: "Printer Laser", category: "ATK", price: 2_500_000, deliveryDays: 7, warrantyMonths: 12,
            includesPPN: isPKP)
        printerOffer.installationCost = 150_000
        let printer = try await listedProduct(printerOffer, vendorToken: token)
        return Market(vendor: vendor, vendorToken: token, paper: paper, printer: printer)
    }

    func preparation(
        _ items: [OrderItemRequest], funding: FundingSource = .apbd, deliveryInDays: Int = 10,
        installation: Bool = false
    ) -> OrderPreparation {
        ScenarioData.preparation(
            items, today: CivilDate(clock.now()), funding: funding, deliveryInDays: deliveryInDays,
            installation: installation)
    }

    /// The items of an order of `paper` rims and `printers` printers from `market`.
    func items(_ market: Market, paper: Int, printers: Int) -> [OrderItemRequest] {
        var items: [OrderItemRequest] = []
        if paper > 0 { items.append(OrderItemRequest(productID: market.paper.id, quantity: paper)) }
        if printers > 0 { items.append(OrderItemRequest(productID: market.printer.id, quantity: printers)) }
        return items
    }

    /// Prepares and submits an order as the DINKES PPK.
    func placedOrder(_ market: Market, paper: Int = 10, printers: Int = 1, installation: Bool = false) async throws
        -> OrderRecord
    {
        try await scenario.placedOrder(
            preparation(items(market, paper: paper, printers: printers), installation: installation), ppk: ppk)
    }

    /// The order's latest terms offered again with other prices.
    func offerParams(_ order: OrderRecord, prices: [Rupiah], deliveryDate: CivilDate? = nil, note: String? = nil)
        -> OrderOfferParams
    {
        ScenarioData.nextOffer(after: order, prices: prices, deliveryDate: deliveryDate, note: note)
    }

    /// An order agreed at catalogue prices, with its Surat Pesanan issued and acknowledged.
    func contractedOrder(_ market: Market, paper: Int = 10, printers: Int = 1) async throws -> OrderRecord {
        try await scenario.contract(
            try await placedOrder(market, paper: paper, printers: printers), ppk: ppk, vendorToken: market.vendorToken)
    }
}
