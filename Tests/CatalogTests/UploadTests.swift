import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

/// The stored product files under `directory` (not the shard directories).
private func storedProductFiles(_ directory: String) -> [String] {
    let root = directory + "/files/catalog/products"
    let enumerator = FileManager.default.enumerator(atPath: root)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue
        {
            files.append(path)
        }
    }
    return files.sorted()
}

/// A PNG of its own bytes, 64 KiB, numbered so each is a new file.
private func numberedImage(_ number: Int) -> ImageInput {
    let header = SampleFiles.png + Array("image \(number) ".utf8)
    return ImageInput(
        contentBase64: SampleFiles.base64(
            header + [UInt8](repeating: UInt8(number & 0xFF), count: (64 << 10) - header.count)))
}

/// Calls `edit` on the catalog and returns its error.
private func editError(_ system: SystemFixture, _ edit: ProductEdit, token: String) async -> RPCError? {
    await rpcError { _ = try await system.catalog.call(ProductEditMethod.self, edit, token: token) }
}

/// Calls `submit` on the catalog and returns its error.
private func submitError(_ system: SystemFixture, _ offer: ProductOfferInput, token: String) async -> RPCError? {
    await rpcError { _ = try await system.catalog.call(ProductSubmit.self, offer, token: token) }
}

/// Uploads are stored only once nothing can refuse the call any more.
@Suite struct UploadTests {
    @Test func refusedSubmissionsAndEditsStoreNoFile() async throws {
        try await withSystem { system in
            try await system.setUpCatalog()
            let (_, token) = try await system.activeVendor()
            let (_, otherToken) = try await system.activeVendor()
            let product = try await system.submitWhenKnown(offer(images: [numberedImage(1)]), vendorToken: token)
            _ = try await system.submitWhenKnown(offer(images: [numberedImage(2)]), vendorToken: otherToken)

            // A stale version, another vendor's product, a kept file that is not the product's, a
            // product that does not exist, an offer breaking a rule: refused, and not one byte stored.
            let kept = ImageInput(sha256: product.revisions[0].offer.images[0].sha256)
            let edited = try await system.catalog.call(
                ProductEditMethod.self,
                ProductEdit(
                    productID: product.id, version: product.version, offer: offer(name: "Baru", images: [kept])),
                token: token)
            let before = storedProductFiles(system.directory)
            #expect(before.count == 2)
            let foreign = ImageInput(sha256: String(repeating: "ab", count: 32))
            let stale = await editError(
                system,
                ProductEdit(productID: product.id, version: product.version, offer: offer(images: [numberedImage(3)])),
                token: token)
            #expect(stale?.code == 409)
            let notOwn = await editError(
                system,
                ProductEdit(productID: product.id, version: edited.version, offer: offer(images: [numberedImage(4)])),
                token: otherToken)
            #expect(notOwn?.code == 403)
            let keptForeign = await editError(
                system,
                ProductEdit(
                    productID: product.id, version: edited.version, offer: offer(images: [numberedImage(5), foreign])),
                token: token)
            #expect(fieldNames(keptForeign) == ["images[1].sha256"])
            let missing = await editError(
                system, ProductEdit(productID: "no-such-product", version: 1, offer: offer(images: [numberedImage(6)])),
                token: token)
            #expect(missing?.code == 404)
            let unknownCategory = await submitError(
                system, offer(category: "NO-SUCH", images: [numberedImage(7)]), token: token)
            #expect([404, 422].contains(unknownCategory?.code ?? 0))
            let unnamed = await submitError(system, offer(name: "", images: [numberedImage(8)]), token: token)
            #expect(unnamed?.code == 422)
            let newWithForeign = await submitError(system, offer(images: [numberedImage(9), foreign]), token: token)
            #expect(fieldNames(newWithForeign) == ["images[1].sha256"])
            #expect(storedProductFiles(system.directory) == before)

            // An accepted edit stores its new image and may keep the earlier one.
            let revised = ProductEdit(
                productID: product.id, version: edited.version, offer: offer(images: [kept, numberedImage(10)]))
            _ = try await system.catalog.call(ProductEditMethod.self, revised, token: token)
            #expect(storedProductFiles(system.directory).count == 3)
        }
    }
}
