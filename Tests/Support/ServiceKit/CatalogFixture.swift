import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenScenario
import SiOpenTestSupport

// Catalog set-up shared by the catalog and orders tests: the scenario kit's steps, with the
// fixture's officials.

extension SystemFixture {
    /// Delivery regions and a small category tree in `tenant`: ATK > ATK-KERTAS (goods),
    /// ALKES (goods, partnership required), JASA-CETAK (services).
    public func setUpCatalog(tenant: String = "balangan") async throws {
        try await scenario.setUpCatalog(tenant: tenant)
    }

    /// Submits `offer` as the vendor and has the tenant's verifier accept it; returns the record.
    public func listedProduct(_ offer: ProductOfferInput, vendorToken: String, verifier: String? = nil) async throws
        -> ProductRecord
    {
        try await scenario.listedProduct(
            offer, vendorToken: vendorToken, verifier: verifier ?? balangan[.verifier]!.token)
    }

    /// Submits `offer`, retrying while the catalog has not yet learned of the vendor from the feed.
    public func submitWhenKnown(_ offer: ProductOfferInput, vendorToken: String) async throws -> ProductRecord {
        try await scenario.submitWhenKnown(offer, vendorToken: vendorToken)
    }
}

/// A valid offer: product cost + delivery + tax + overhead add up in both regions (the kit's
/// `ScenarioData.offer`, under the short name the tests use).
public func offer(
    name: String = "Kertas HVS A4 80 gram", category: String = "ATK-KERTAS", price: Int64 = 50_000,
    delivery: Int64 = 5_000,
    description: String = "Kertas fotokopi putih untuk kantor",
    specification: [SpecificationAttribute] = [SpecificationAttribute(name: "Gramatur", value: "80 gsm")],
    origin: ProductOrigin = ProductOrigin(kind: .domestic, country: "ID"), tkdn: TKDNDeclaration? = nil,
    stock: Int = 100, deliveryDays: Int = 3,
    warrantyMonths: Int = 0, images: [ImageInput] = [ImageInput(contentBase64: SampleFiles.base64(SampleFiles.png))],
    partnership: PartnershipDocumentInput? = nil, includesPPN: Bool = false
) -> ProductOfferInput {
    ScenarioData.offer(
        name: name, category: category, price: price, delivery: delivery, description: description,
        specification: specification, origin: origin,
        tkdn: tkdn, stock: stock, deliveryDays: deliveryDays, warrantyMonths: warrantyMonths, images: images,
        partnership: partnership, includesPPN: includesPPN)
}
