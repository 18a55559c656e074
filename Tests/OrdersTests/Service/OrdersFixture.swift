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
        let paper = try await listedProduct(offer(name: "Kertas HVS A4", price: 50_000), vendorToken: token)
        var printerOffer = offer(name: "Printer Laser", category: "ATK", price: 2_500_000, deliveryDays: 7, warrantyMonths: 12)
        printerOffer.installationCost = 150_000
        let printer = try await listedProduct(printerOffer, vendorToken: token)
        return Market(vendor: vendor, vendorToken: token, paper: paper, printer: printer)
    }

    func preparation(_ items: [OrderItemRequest], funding: FundingSource = .apbd, deliveryInDays: Int = 10, installation: Bool = false) -> OrderPreparation {
        OrderPreparation(
            packageName: "Pengadaan ATK Triwulan IV", fundingSource: funding, budgetAccountCode: "5.1.02.01.01.0024",
            technicalSpecification: "Kertas HVS A4 80 gsm dan printer laser monokrom untuk administrasi.",
            justification: "Kebutuhan administrasi pelayanan kesehatan triwulan IV.", items: items, regionCode: "PARINGIN",
            deliveryAddress: "Dinas Kesehatan, Jl. Jend. A. Yani, Paringin", deliveryDate: CivilDate(clock.now()).adding(days: deliveryInDays),
            withInstallation: installation)
    }

    /// Prepares and submits an order as the DINKES PPK.
    func placedOrder(_ market: Market, paper: Int = 10, printers: Int = 1, installation: Bool = false) async throws -> OrderRecord {
        var items: [OrderItemRequest] = []
        if paper > 0 { items.append(OrderItemRequest(productID: market.paper.id, quantity: paper)) }
        if printers > 0 { items.append(OrderItemRequest(productID: market.printer.id, quantity: printers)) }
        let prepared = try await orders.call(OrderPrepare.self, preparation(items, installation: installation), token: ppk)
        return try await orders.call(OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: ppk)
    }

    /// The order's latest terms offered again with other prices.
    func offerParams(_ order: OrderRecord, prices: [Rupiah], deliveryDate: CivilDate? = nil, note: String? = nil) -> OrderOfferParams {
        let latest = order.offers.last!
        let lines = zip(latest.items, prices).map { OfferLine(itemID: $0.itemID, unitPrice: $1, quantity: $0.quantity) }
        return OrderOfferParams(
            orderID: order.id, version: order.version, round: latest.round + 1, items: lines, deliveryCost: latest.deliveryCost,
            installationCost: latest.installationCost, trainingCost: latest.trainingCost, deliveryDate: deliveryDate ?? latest.deliveryDate, note: note)
    }

    /// An order agreed at catalogue prices, with its Surat Pesanan issued and acknowledged.
    func contractedOrder(_ market: Market, paper: Int = 10, printers: Int = 1) async throws -> OrderRecord {
        let placed = try await placedOrder(market, paper: paper, printers: printers)
        let agreed = try await orders.call(OrderAccept.self, OrderAcceptParams(orderID: placed.id, version: placed.version, round: 0), token: market.vendorToken)
        let issued = try await orders.call(OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), token: ppk)
        return try await orders.call(OrderAcknowledgeSuratPesanan.self, OrderAct(orderID: issued.id, version: issued.version), token: market.vendorToken)
    }
}
