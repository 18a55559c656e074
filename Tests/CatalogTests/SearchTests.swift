import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

@Suite struct SearchTests {
    /// Lists a set of products from two vendors (one UMKM, one large) with varied attributes.
    func populate(_ system: SystemFixture) async throws -> (umkm: String, large: String, ids: [String: String]) {
        try await system.setUpCatalog()
        let (small, smallToken) = try await system.activeVendor(scale: .micro)
        let (large, largeToken) = try await system.activeVendor(scale: .large)
        var ids: [String: String] = [:]
        let offers: [(String, ProductOfferInput)] = [
            (
                "hvs",
                offer(
                    name: "Kertas HVS A4", price: 50_000,
                    tkdn: TKDNDeclaration(basisPoints: 4_327, certificateNumber: "TKDN-1"), stock: 10, deliveryDays: 2)
            ),
            ("f4", offer(name: "Kertas F4 Sinar", price: 52_000, stock: 0, deliveryDays: 5)),
            (
                "kopi",
                offer(
                    name: "Kópi Bubuk Arabika", category: "ATK", price: 75_000, description: "Kopi dari Loksado",
                    deliveryDays: 1, warrantyMonths: 0)
            ),
            (
                "printer",
                offer(
                    name: "Printer Laser", category: "ATK", price: 2_500_000, description: "Printer kantor monokrom",
                    specification: [SpecificationAttribute(name: "Kecepatan", value: "30 ppm duplex")],
                    origin: ProductOrigin(kind: .imported, country: "JP"), deliveryDays: 7, warrantyMonths: 12)
            ),
            (
                "cetak",
                offer(
                    name: "Cetak Spanduk", category: "JASA-CETAK", price: 150_000,
                    description: "Spanduk flexi kertas tidak termasuk", deliveryDays: 3)
            ),
        ]
        for (index, (key, input)) in offers.enumerated() {
            ids[key] = try await system.listedProduct(input, vendorToken: index % 2 == 0 ? smallToken : largeToken).id
        }
        return (small.id, large.id, ids)
    }

    func search(_ system: SystemFixture, _ params: CatalogSearchParams) async throws -> [String] {
        try await system.catalog.call(CatalogSearch.self, params, token: system.balangan[.ppk]!.token).products.map(
            \.productID)
    }

    @Test func wordsFiltersAndSorting() async throws {
        try await withSystem { system in
            let (umkm, large, ids) = try await populate(system)
            // Accent- and case-insensitive, in name, description and specification, by prefix.
            #expect(try await search(system, CatalogSearchParams(query: "KOPI")) == [ids["kopi"]!])
            #expect(try await search(system, CatalogSearchParams(query: "kópi loksado")) == [ids["kopi"]!])
            #expect(try await search(system, CatalogSearchParams(query: "duplex")) == [ids["printer"]!])
            #expect(try await search(system, CatalogSearchParams(query: "spand")) == [ids["cetak"]!])
            // Relevance: a name match ranks above a description match.
            let kertas = try await search(system, CatalogSearchParams(query: "kertas"))
            #expect(Set(kertas) == [ids["hvs"]!, ids["f4"]!, ids["cetak"]!])
            #expect(kertas.last == ids["cetak"]!)
            // FTS syntax typed by a person is only words, all of which must match.
            #expect(Set(try await search(system, CatalogSearchParams(query: "kertas\"* (hvs"))) == [ids["hvs"]!])
            #expect(
                fieldNames(await rpcError { _ = try await search(system, CatalogSearchParams(query: "\"*()")) }) == [
                    "query"
                ])

            // Category with sub-categories.
            #expect(
                Set(try await search(system, CatalogSearchParams(categoryCode: "ATK"))) == [
                    ids["hvs"]!, ids["f4"]!, ids["kopi"]!, ids["printer"]!,
                ])
            #expect(
                Set(try await search(system, CatalogSearchParams(categoryCode: "ATK-KERTAS"))) == [
                    ids["hvs"]!, ids["f4"]!,
                ])
            #expect(
                fieldNames(await rpcError { _ = try await search(system, CatalogSearchParams(categoryCode: "NOPE")) })
                    == ["categoryCode"])
            // Price range (lowest regional price, or the region's).
            #expect(
                Set(try await search(system, CatalogSearchParams(minPrice: 55_000, maxPrice: 80_000))) == [
                    ids["hvs"]!, ids["f4"]!, ids["kopi"]!,
                ])
            #expect(
                Set(
                    try await search(
                        system, CatalogSearchParams(regionCode: "AWAYAN", minPrice: 60_000, maxPrice: 62_000))) == [
                        ids["hvs"]!, ids["f4"]!,
                    ])
            let awayan = try await system.catalog.call(
                CatalogSearch.self, CatalogSearchParams(query: "hvs", regionCode: "AWAYAN"),
                token: system.balangan[.ppk]!.token)
            #expect(awayan.products.first?.unitPrice == 60_000)
            #expect(
                fieldNames(
                    await rpcError { _ = try await search(system, CatalogSearchParams(minPrice: 10, maxPrice: 5)) })
                    == ["maxPrice"])
            // TKDN, origin, delivery, warranty, stock, vendor, UMKM.
            #expect(try await search(system, CatalogSearchParams(minTKDNBasisPoints: 4_000)) == [ids["hvs"]!])
            #expect(
                fieldNames(
                    await rpcError { _ = try await search(system, CatalogSearchParams(minTKDNBasisPoints: 10_001)) })
                    == ["minTKDNBasisPoints"])
            #expect(try await search(system, CatalogSearchParams(origin: .imported)) == [ids["printer"]!])
            #expect(
                Set(try await search(system, CatalogSearchParams(maxDeliveryDays: 2))) == [ids["hvs"]!, ids["kopi"]!])
            #expect(try await search(system, CatalogSearchParams(minWarrantyMonths: 6)) == [ids["printer"]!])
            #expect(!(try await search(system, CatalogSearchParams(inStockOnly: true))).contains(ids["f4"]!))
            #expect(
                Set(try await search(system, CatalogSearchParams(vendorID: large))) == [ids["f4"]!, ids["printer"]!])
            #expect(
                Set(try await search(system, CatalogSearchParams(umkmOnly: true))) == [
                    ids["hvs"]!, ids["kopi"]!, ids["cetak"]!,
                ])
            _ = umkm

            // Sorting.
            #expect(
                try await search(system, CatalogSearchParams(sort: .priceAscending))
                    == ["hvs", "f4", "kopi", "cetak", "printer"].map { ids[$0]! })
            #expect(
                try await search(system, CatalogSearchParams(sort: .priceDescending))
                    == ["printer", "cetak", "kopi", "f4", "hvs"].map { ids[$0]! })
            #expect(try await search(system, CatalogSearchParams(sort: .tkdnDescending)).first == ids["hvs"]!)
            #expect(
                try await search(system, CatalogSearchParams(sort: .deliveryAscending)).prefix(2) == [
                    ids["kopi"]!, ids["hvs"]!,
                ])

            // Another tenant's PPK searches its own (empty) catalogue and may not name balangan.
            #expect(
                try await system.catalog.call(
                    CatalogSearch.self, CatalogSearchParams(), token: system.polman[.ppk]!.token
                ).products.isEmpty)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        CatalogSearch.self, CatalogSearchParams(tenant: "balangan"), token: system.polman[.ppk]!.token)
                }?.code == 403)
            // The national monitor reads any tenant.
            #expect(
                try await system.catalog.call(
                    CatalogSearch.self, CatalogSearchParams(tenant: "balangan"), token: system.balangan[.monitor]!.token
                ).products.count == 5)
        }
    }

    @Test func cursorsAreStableAcrossPagesAndBoundToTheirFilters() async throws {
        try await withSystem { system in
            let (_, _, ids) = try await populate(system)
            for sort in SearchSort.allCases {
                for query in [nil, "kertas"] as [String?] {
                    let all = try await search(system, CatalogSearchParams(query: query, sort: sort, limit: 100))
                    var paged: [String] = []
                    var cursor: String?
                    repeat {
                        let page = try await system.catalog.call(
                            CatalogSearch.self, CatalogSearchParams(query: query, sort: sort, cursor: cursor, limit: 2),
                            token: system.balangan[.ppk]!.token)
                        paged += page.products.map(\.productID)
                        cursor = page.nextCursor
                    } while cursor != nil
                    #expect(paged == all, "sort \(sort) query \(query ?? "-")")
                }
            }
            #expect(ids.count == 5)
            let first = try await system.catalog.call(
                CatalogSearch.self, CatalogSearchParams(sort: .priceAscending, limit: 2),
                token: system.balangan[.ppk]!.token)
            let misused = await rpcError {
                _ = try await system.catalog.call(
                    CatalogSearch.self, CatalogSearchParams(sort: .priceDescending, cursor: first.nextCursor, limit: 2),
                    token: system.balangan[.ppk]!.token)
            }
            #expect(fieldNames(misused) == ["cursor"])
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.catalog.call(
                            CatalogSearch.self, CatalogSearchParams(cursor: "garbage"),
                            token: system.balangan[.ppk]!.token)
                    }) == ["cursor"])
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.catalog.call(
                            CatalogSearch.self, CatalogSearchParams(limit: 0), token: system.balangan[.ppk]!.token)
                    }) == ["limit"])
        }
    }

    @Test func priceReferencesGiveLowestMedianAndHighest() async throws {
        try await withSystem { system in
            let (_, _, ids) = try await populate(system)
            let ppk = system.balangan[.ppk]!.token
            // ATK and below lists 55,000 (hvs), 57,000 (f4), 80,000 (kopi), 2,505,000 (printer): median (57,000 + 80,000) / 2 = 68,500.
            let category = try await system.catalog.call(
                CatalogPriceReference.self, PriceReferenceParams(categoryCode: "ATK"), token: ppk)
            #expect(category.category == PriceStatistics(count: 4, lowest: 55_000, median: 68_500, highest: 2_505_000))
            // Odd count: the middle one. Per region.
            let paper = try await system.catalog.call(
                CatalogPriceReference.self, PriceReferenceParams(productID: ids["hvs"]!), token: ppk)
            #expect(paper.categoryCode == "ATK-KERTAS")
            #expect(paper.product == PriceStatistics(count: 2, lowest: 55_000, median: 57_500, highest: 60_000))
            #expect(paper.category == PriceStatistics(count: 2, lowest: 55_000, median: 56_000, highest: 57_000))
            let awayan = try await system.catalog.call(
                CatalogPriceReference.self, PriceReferenceParams(categoryCode: "ATK", regionCode: "AWAYAN"), token: ppk)
            #expect(awayan.category == PriceStatistics(count: 4, lowest: 60_000, median: 73_500, highest: 2_510_000))
            let three = try await system.catalog.call(
                CatalogPriceReference.self,
                PriceReferenceParams(productID: ids["printer"]!, categoryCode: "ATK", regionCode: "PARINGIN"),
                token: ppk)
            #expect(
                three.product == PriceStatistics(count: 1, lowest: 2_505_000, median: 2_505_000, highest: 2_505_000))
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.catalog.call(
                            CatalogPriceReference.self, PriceReferenceParams(), token: ppk)
                    }) == ["productID"])
            // An empty category has no statistics.
            try await system.setUpCatalog(tenant: "polman")
            #expect(
                try await system.catalog.call(
                    CatalogPriceReference.self, PriceReferenceParams(categoryCode: "ATK"),
                    token: system.polman[.ppk]!.token
                ).category == nil)
        }
    }
}
