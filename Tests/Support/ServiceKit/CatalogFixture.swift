import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenTestSupport

// Catalog set-up shared by the catalog and orders tests.

/// The smallest byte strings the catalog recognises as a PNG, a JPEG and a PDF (it checks the
/// magic numbers; it does not decode images).
public enum SampleFiles {
    public static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR sample image".utf8)
    public static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("JFIF sample image".utf8)
    public static let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".utf8)

    /// Standard base64 of `bytes`, as uploads carry them.
    public static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

extension SystemFixture {
    /// Delivery regions and a small category tree in `tenant`: ATK > ATK-KERTAS (goods),
    /// ALKES (goods, partnership required), JASA-CETAK (services).
    public func setUpCatalog(tenant: String = "balangan") async throws {
        _ = try await catalog.call(
            CatalogSettingsSet.self,
            CatalogSettings(tenant: tenant, deliveryRegions: [DeliveryRegion(code: "PARINGIN", name: "Paringin"), DeliveryRegion(code: "AWAYAN", name: "Awayan")]),
            token: superAdmin)
        for category in [
            Category(tenant: tenant, code: "ATK", name: "Alat Tulis Kantor", kind: .goods),
            Category(tenant: tenant, code: "ATK-KERTAS", name: "Kertas", parentCode: "ATK", kind: .goods),
            Category(tenant: tenant, code: "ALKES", name: "Alat Kesehatan", kind: .goods, requiresPartnershipDocument: true),
            Category(tenant: tenant, code: "JASA-CETAK", name: "Jasa Percetakan", kind: .services),
        ] {
            _ = try await catalog.call(CategoryCreate.self, category, token: superAdmin)
        }
    }

    /// Submits `offer` as the vendor and has the tenant's verifier accept it; returns the record.
    public func listedProduct(_ offer: ProductOfferInput, vendorToken: String, verifier: String? = nil) async throws -> ProductRecord {
        let submitted = try await submitWhenKnown(offer, vendorToken: vendorToken)
        return try await catalog.call(
            ProductVerify.self,
            ProductVerification(productID: submitted.id, revision: submitted.latestRevision, version: submitted.version, decision: .accepted),
            token: verifier ?? balangan[.verifier]!.token)
    }

    /// Submits `offer`, retrying while the catalog has not yet learned of the vendor from the feed.
    public func submitWhenKnown(_ offer: ProductOfferInput, vendorToken: String) async throws -> ProductRecord {
        var result: ProductRecord?
        try await until("the catalog accepts the vendor's offer") {
            do {
                result = try await catalog.call(ProductSubmit.self, offer, token: vendorToken)
                return true
            } catch let error as RPCError where error.code == 403 || (error.code == 409 && error.message.contains("active")) {
                return false
            }
        }
        return result!
    }
}

/// A valid offer: product cost + delivery + tax + overhead add up in both regions.
public func offer(
    name: String = "Kertas HVS A4 80 gram", category: String = "ATK-KERTAS", price: Int64 = 50_000, delivery: Int64 = 5_000,
    description: String = "Kertas fotokopi putih untuk kantor", specification: [SpecificationAttribute] = [SpecificationAttribute(name: "Gramatur", value: "80 gsm")],
    origin: ProductOrigin = ProductOrigin(kind: .domestic, country: "ID"), tkdn: TKDNDeclaration? = nil, stock: Int = 100, deliveryDays: Int = 3,
    warrantyMonths: Int = 0, images: [ImageInput] = [ImageInput(contentBase64: SampleFiles.base64(SampleFiles.png))],
    partnership: PartnershipDocumentInput? = nil
) -> ProductOfferInput {
    let productCost = Rupiah(integerLiteral: max(price - 2_000, 1))
    let tax: Rupiah = 1_000
    let overhead: Rupiah = 1_000
    let base = (try? productCost + tax + overhead) ?? .zero
    let regions = [("PARINGIN", delivery), ("AWAYAN", delivery * 2)].map { code, cost in
        RegionalPrice(regionCode: code, deliveryCost: Rupiah(integerLiteral: cost), unitPrice: (try? base + Rupiah(integerLiteral: cost)) ?? .zero)
    }
    return ProductOfferInput(
        categoryCode: category, name: name, description: description, function: "Keperluan administrasi kantor", specification: specification,
        origin: origin, tkdn: tkdn, unit: "rim",
        price: PriceBreakdown(productCost: productCost, tax: tax, overheadAndProfit: overhead, includesPPN: true, regions: regions),
        stock: stock, deliveryDays: deliveryDays, warranty: Warranty(months: warrantyMonths), images: images, partnershipDocument: partnership)
}
