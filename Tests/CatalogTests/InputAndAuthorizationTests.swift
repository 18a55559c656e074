import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenServiceTestSupport
import SiOpenStorage
import SiOpenTestSupport
import Testing

@Suite struct InputAndAuthorizationTests {
    /// How many products and revisions the catalog holds (to prove a refusal wrote nothing).
    func rowCounts(_ system: SystemFixture) async throws -> [Int64] {
        try await system.catalogHost!.environment.database.read { db in
            try ["product", "product_revision", "product_file", "listing"].map {
                try db.queryOne("SELECT count(*) FROM \($0)")!.int64(0)
            }
        }
    }

    @Test func badOffersAreRefusedByFieldAndWriteNothing() async throws {
        try await withSystem { system in
            try await system.setUpCatalog()
            let (_, token) = try await system.activeVendor()
            let good = try await system.submitWhenKnown(offer(), vendorToken: token)
            let before = try await rowCounts(system)

            func refused(_ input: ProductOfferInput) async -> RPCError? {
                await rpcError { _ = try await system.catalog.call(ProductSubmit.self, input, token: token) }
            }
            // Components that do not add up, per region.
            var wrongSum = offer()
            wrongSum.price.regions[1].unitPrice = 1
            #expect(fieldNames(await refused(wrongSum)) == ["price.regions[1].unitPrice"])
            // Components that would overflow are beyond the documented bound of an amount.
            var overflow = offer()
            overflow.price.productCost = Rupiah(integerLiteral: Int64.max - 10)
            overflow.price.tax = 1_000
            #expect(fieldNames(await refused(overflow)) == ["price.productCost"])
            var overflowDelivery = offer()
            overflowDelivery.price.regions[0].deliveryCost = Rupiah(integerLiteral: Int64.max - 1)
            #expect(fieldNames(await refused(overflowDelivery)).contains("price.regions[0].deliveryCost"))
            // TKDN outside 0–100%, unknown category, unknown region, missing permit, bad origin.
            #expect(
                fieldNames(await refused(offer(tkdn: TKDNDeclaration(basisPoints: 10_001, certificateNumber: "X"))))
                    == ["tkdn.basisPoints"])
            #expect(
                fieldNames(await refused(offer(tkdn: TKDNDeclaration(basisPoints: -1, certificateNumber: "X")))) == [
                    "tkdn.basisPoints"
                ])
            #expect(fieldNames(await refused(offer(category: "NOPE"))) == ["categoryCode"])
            var unknownRegion = offer()
            unknownRegion.price.regions[0].regionCode = "JAKARTA"
            #expect(fieldNames(await refused(unknownRegion)) == ["price.regions[0].regionCode"])
            #expect(fieldNames(await refused(offer(category: "ALKES"))) == ["partnershipDocument"])
            #expect(
                fieldNames(await refused(offer(origin: ProductOrigin(kind: .domestic, country: "CN")))) == [
                    "origin.country"
                ])
            // Several problems are reported together.
            var many = offer(stock: 10_000_000, deliveryDays: 0, images: [])
            many.name = ""
            #expect(fieldNames(await refused(many)) == ["name", "deliveryDays", "images"])
            // A number outside its documented bound is refused before any other rule is checked.
            #expect(fieldNames(await refused(offer(stock: -1, deliveryDays: 0))) == ["stock"])
            // Oversized and disguised images.
            let big = [UInt8](repeating: 0, count: 2 << 20 + 1)
            #expect(
                fieldNames(
                    await refused(offer(images: [ImageInput(contentBase64: SampleFiles.base64(SampleFiles.png + big))]))
                ) == ["images[0].contentBase64"])
            #expect(
                fieldNames(
                    await refused(offer(images: [ImageInput(contentBase64: SampleFiles.base64(SampleFiles.pdf))]))) == [
                        "images[0].contentBase64"
                    ])
            #expect(
                fieldNames(
                    await refused(
                        offer(images: [ImageInput(contentBase64: SampleFiles.base64(Array("GIF89a not allowed".utf8)))])
                    )) == ["images[0].contentBase64"])
            #expect(
                fieldNames(await refused(offer(images: [ImageInput(contentBase64: "not base64!")]))) == [
                    "images[0].contentBase64"
                ])
            // Another product's image cannot be borrowed by hash.
            #expect(
                fieldNames(await refused(offer(images: [ImageInput(sha256: good.revisions[0].offer.images[0].sha256)])))
                    == ["images[0].sha256"])

            // Negative money never decodes.
            var json = try JSONCoding.value(offer())
            var price = json["price"]!.objectValue!
            price["tax"] = .integer(-5)
            var members = json.objectValue!
            members["price"] = .object(price)
            json = .object(members)
            let negative = await rpcError {
                _ = try await system.catalog.callRaw(method: ProductSubmit.name, params: json, token: token)
            }
            #expect(negative?.code == -32602)
            #expect(fieldNames(negative) == ["price.tax"])

            #expect(try await rowCounts(system) == before)

            // A retried submission with the same idempotency key is the same product.
            let once = try await system.catalog.call(
                ProductSubmit.self, offer(name: "Map Plastik"), token: token, idempotencyKey: "offer-7")
            let again = try await system.catalog.call(
                ProductSubmit.self, offer(name: "Map Plastik"), token: token, idempotencyKey: "offer-7")
            #expect(once.id == again.id)
            #expect(try await rowCounts(system)[0] == before[0] + 1)
        }
    }

    @Test func everyoneActsOnlyWithinTheirRoleTenantAndOwnership() async throws {
        try await withSystem { system in
            try await system.setUpCatalog()
            let (_, token) = try await system.activeVendor()
            let (_, otherToken) = try await system.activeVendor()
            let product = try await system.listedProduct(offer(), vendorToken: token)

            // Vendors change only their own products.
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductEditMethod.self,
                        ProductEdit(productID: product.id, version: product.version, offer: offer()), token: otherToken)
                }?.code == 403)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductWithdraw.self, ProductRef(productID: product.id, version: product.version),
                        token: otherToken)
                }?.code == 403)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductRecordGet.self, ProductRef(productID: product.id), token: otherToken)
                }?.code == 403)
            #expect(
                try await system.catalog.call(ProductRecordList.self, ProductRecordListParams(), token: otherToken)
                    .products.isEmpty)
            // A stale version is a conflict.
            let edited = try await system.catalog.call(
                ProductEditMethod.self,
                ProductEdit(productID: product.id, version: product.version, offer: offer(name: "Baru")), token: token)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductEditMethod.self,
                        ProductEdit(productID: product.id, version: product.version, offer: offer()), token: token)
                }?.code == 409)

            // Verifiers only decide; vendors and PPKs cannot; another tenant's verifier cannot.
            let decision = ProductVerification(
                productID: product.id, revision: edited.latestRevision, version: edited.version, decision: .accepted)
            #expect(
                await rpcError { _ = try await system.catalog.call(ProductVerify.self, decision, token: token) }?.code
                    == 403)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(ProductVerify.self, decision, token: system.balangan[.ppk]!.token)
                }?.code == 403)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductVerify.self, decision, token: system.polman[.verifier]!.token)
                }?.code == 403)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductSubmit.self, offer(), token: system.balangan[.verifier]!.token)
                }?.code == 403)
            // Verifiers see the tenant's queue; the other tenant's verifier sees none of it.
            #expect(
                try await system.catalog.call(
                    ProductRecordList.self, ProductRecordListParams(latestStatus: .pending),
                    token: system.balangan[.verifier]!.token
                ).products.map(\.id) == [product.id])
            #expect(
                try await system.catalog.call(
                    ProductRecordList.self, ProductRecordListParams(), token: system.polman[.verifier]!.token
                ).products.isEmpty)

            // Only Super Admin manages categories and regions.
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        CategoryCreate.self, Category(tenant: "balangan", code: "X", name: "X", kind: .goods),
                        token: system.balangan[.verifier]!.token)
                }?.code == 403)
            // Anonymous callers get nothing.
            #expect(
                await rpcError { _ = try await system.catalog.call(CatalogSearch.self, CatalogSearchParams()) }?.code
                    == 401)
            // Another tenant's PPK cannot open a balangan product.
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductGet.self, ProductRef(productID: product.id), token: system.polman[.ppk]!.token)
                }?.code == 403)
            // Sanctions: only PPKs propose, and only against vendors of their tenant.
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        SanctionPropose.self,
                        SanctionProposal(
                            vendorID: product.vendorID, grounds: .withdrawal, description: "d", orderID: "o"),
                        token: system.balangan[.verifier]!.token)
                }?.code == 403)
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.catalog.call(
                            SanctionPropose.self,
                            SanctionProposal(
                                vendorID: product.vendorID, grounds: .withdrawal, description: "d", orderID: "o"),
                            token: system.polman[.ppk]!.token)
                    }) == ["vendorID"])
        }
    }

    @Test func categoriesFormATree() async throws {
        try await withSystem { system in
            try await system.setUpCatalog()
            let tree = try await system.catalog.call(
                CategoryList.self, TenantScope(), token: system.balangan[.ppk]!.token)
            #expect(tree.map(\.code) == ["ALKES", "ATK", "ATK-KERTAS", "JASA-CETAK"])
            let atk = tree.first { $0.code == "ATK" }!
            var cycle = atk
            cycle.parentCode = "ATK-KERTAS"
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.catalog.call(CategoryUpdate.self, cycle, token: system.superAdmin)
                    }) == ["parentCode"])
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(CategoryCreate.self, atk, token: system.superAdmin)
                }?.code == 409)
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.catalog.call(
                            CategoryCreate.self,
                            Category(tenant: "balangan", code: "bad code", name: "", parentCode: "NOPE", kind: .goods),
                            token: system.superAdmin)
                    }) == ["code", "name"])
            var renamed = atk
            renamed.name = "ATK dan Perlengkapan"
            let updated = try await system.catalog.call(CategoryUpdate.self, renamed, token: system.superAdmin)
            #expect(updated.version == 2)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(CategoryUpdate.self, renamed, token: system.superAdmin)
                }?.code == 409)
        }
    }
}
