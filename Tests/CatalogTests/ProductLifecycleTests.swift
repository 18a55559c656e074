import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

@Suite struct ProductLifecycleTests {
    @Test func aProductIsListedOnlyOnceAcceptedAndAPendingEditNeverUnlistsIt() async throws {
        try await withSystem { system in
            try await system.setUpCatalog()
            let (vendor, token) = try await system.activeVendor()
            let ppk = system.balangan[.ppk]!.token
            let verifier = system.balangan[.verifier]!.token
            let submitted = try await system.submitWhenKnown(offer(name: "Kertas HVS A4"), vendorToken: token)
            #expect(submitted.vendorID == vendor.id)
            #expect(submitted.revisions.map(\.status) == [.pending])
            #expect(submitted.listedRevision == nil)

            // Pending: buyers see nothing.
            #expect(
                try await system.catalog.call(CatalogSearch.self, CatalogSearchParams(query: "kertas"), token: ppk)
                    .products.isEmpty)
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(ProductGet.self, ProductRef(productID: submitted.id), token: ppk)
                }?.code == 404)

            // A verifier may hold it pending with a note, then accept it.
            let held = try await system.catalog.call(
                ProductVerify.self,
                ProductVerification(
                    productID: submitted.id, revision: 1, version: submitted.version, decision: .pending,
                    reasons: "cek dokumen luring"), token: verifier)
            #expect(held.revisions.first?.reasons == "cek dokumen luring")
            let accepted = try await system.catalog.call(
                ProductVerify.self,
                ProductVerification(productID: submitted.id, revision: 1, version: held.version, decision: .accepted),
                token: verifier)
            #expect(accepted.listedRevision == 1)
            let found = try await system.catalog.call(
                CatalogSearch.self, CatalogSearchParams(query: "kertas"), token: ppk
            ).products
            #expect(found.map(\.productID) == [submitted.id])
            #expect(found.first?.vendor.name == vendor.name)
            #expect(found.first?.unitPrice == 55_000)

            // An edit is a new pending revision; the accepted one stays listed.
            var edited = offer(name: "Kertas HVS A4 Premium", price: 60_000)
            edited.images = [ImageInput(sha256: accepted.revisions[0].offer.images[0].sha256)]
            let revised = try await system.catalog.call(
                ProductEditMethod.self, ProductEdit(productID: submitted.id, version: accepted.version, offer: edited),
                token: token)
            #expect(revised.latestRevision == 2)
            #expect(revised.listedRevision == 1)
            let stillListed = try await system.catalog.call(
                ProductGet.self, ProductRef(productID: submitted.id), token: ppk)
            #expect(stillListed.revision == 1)
            #expect(stillListed.offer.name == "Kertas HVS A4")

            // A second edit before the verifier decides supersedes the first.
            let again = try await system.catalog.call(
                ProductEditMethod.self, ProductEdit(productID: submitted.id, version: revised.version, offer: edited),
                token: token)
            #expect(again.revisions.map(\.status) == [.pending, .superseded, .accepted])

            // Deciding an older revision is refused; rejecting needs reasons.
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductVerify.self,
                        ProductVerification(
                            productID: submitted.id, revision: 2, version: again.version, decision: .accepted),
                        token: verifier)
                }?.code == 409)
            #expect(
                fieldNames(
                    await rpcError {
                        _ = try await system.catalog.call(
                            ProductVerify.self,
                            ProductVerification(
                                productID: submitted.id, revision: 3, version: again.version, decision: .rejected),
                            token: verifier)
                    }) == ["reasons"])
            let rejected = try await system.catalog.call(
                ProductVerify.self,
                ProductVerification(
                    productID: submitted.id, revision: 3, version: again.version, decision: .rejected,
                    reasons: "harga tidak wajar"), token: verifier)
            #expect(rejected.listedRevision == 1)
            #expect(
                try await system.catalog.call(ProductGet.self, ProductRef(productID: submitted.id), token: ppk).revision
                    == 1)

            // A later edit, accepted, replaces the listing; every revision is kept.
            let fourth = try await system.catalog.call(
                ProductEditMethod.self, ProductEdit(productID: submitted.id, version: rejected.version, offer: edited),
                token: token)
            let relisted = try await system.catalog.call(
                ProductVerify.self,
                ProductVerification(productID: submitted.id, revision: 4, version: fourth.version, decision: .accepted),
                token: verifier)
            #expect(relisted.revisions.map(\.revision) == [4, 3, 2, 1])
            #expect(relisted.revisions.map(\.status) == [.accepted, .rejected, .superseded, .accepted])
            let detail = try await system.catalog.call(ProductGet.self, ProductRef(productID: submitted.id), token: ppk)
            #expect(detail.revision == 4)
            #expect(detail.offer.name == "Kertas HVS A4 Premium")
            #expect(detail.category.code == "ATK-KERTAS")
            #expect(
                try await system.catalog.call(CatalogSearch.self, CatalogSearchParams(query: "premium"), token: ppk)
                    .products.count == 1)

            // Withdrawn: gone from the catalogue, record kept.
            let withdrawn = try await system.catalog.call(
                ProductWithdraw.self, ProductRef(productID: submitted.id, version: relisted.version), token: token)
            #expect(withdrawn.withdrawn)
            #expect(
                try await system.catalog.call(CatalogSearch.self, CatalogSearchParams(query: "premium"), token: ppk)
                    .products.isEmpty)

            // The verifier's queue and the audit trail.
            let trail = try await system.catalog.call(
                AuditRead.self, CursorParams(after: 0, limit: 100), token: system.balangan[.auditor]!.token)
            let actions = trail.entries.filter { $0.targetID == submitted.id }.map(\.action)
            #expect(
                actions == [
                    "submitted", "verification_pending", "verification_accepted", "revised", "revised",
                    "verification_rejected", "revised", "verification_accepted", "withdrawn",
                ])
        }
    }

    @Test func productFilesAreServedByHashToTheRightPeople() async throws {
        try await withSystem { system in
            try await system.setUpCatalog()
            let (_, token) = try await system.activeVendor()
            let partnership = PartnershipDocumentInput(
                kind: .permit, number: "SP-001/DIST/2026", issuer: "PT Distributor Alkes",
                contentBase64: SampleFiles.base64(SampleFiles.pdf))
            let listed = try await system.listedProduct(
                offer(name: "Tensimeter digital", category: "ALKES", partnership: partnership), vendorToken: token)
            let offer = listed.revisions[0].offer
            let image = try await system.catalog.call(
                ProductFileRead.self, ProductFileRef(productID: listed.id, sha256: offer.images[0].sha256),
                token: system.balangan[.ppk]!.token)
            #expect(Data(base64Encoded: image.contentBase64).map(Array.init) == SampleFiles.png)
            #expect(image.file.contentType == "image/png")
            // The permit is for the vendor and verifiers, not buyers.
            let document = offer.partnershipDocument!.file
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductFileRead.self, ProductFileRef(productID: listed.id, sha256: document.sha256),
                        token: system.balangan[.ppk]!.token)
                }?.code == 403)
            let scan = try await system.catalog.call(
                ProductFileRead.self, ProductFileRef(productID: listed.id, sha256: document.sha256),
                token: system.balangan[.verifier]!.token)
            #expect(scan.file.contentType == "application/pdf")
            // Another tenant sees nothing.
            #expect(
                await rpcError {
                    _ = try await system.catalog.call(
                        ProductFileRead.self, ProductFileRef(productID: listed.id, sha256: offer.images[0].sha256),
                        token: system.polman[.ppk]!.token)
                }?.code == 403)
        }
    }
}
