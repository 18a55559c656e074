import Foundation
import OrdersService
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

/// Orders seals with the key in `keys/orders.signing.key`; after a rotation, documents sealed
/// with the old key still verify with `document.verify`, and new ones carry the new key.
@Suite struct DocumentKeyRotationTests {
    @Test func documentsSealedBeforeARotationStillVerify() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let ppk = system.ppk
            let prepared = try await system.orders.call(
                OrderPrepare.self, system.preparation([OrderItemRequest(productID: market.paper.id, quantity: 10)]),
                token: ppk)
            let placed = try await system.orders.call(
                OrderSubmit.self, OrderAct(orderID: prepared.id, version: prepared.version), token: ppk)
            let agreed = try await system.orders.call(
                OrderAccept.self, OrderAcceptParams(orderID: placed.id, version: placed.version, round: 0),
                token: market.vendorToken)
            let issued = try await system.orders.call(
                OrderIssueSuratPesanan.self, OrderAct(orderID: agreed.id, version: agreed.version), token: ppk)
            let sp = try #require(issued.suratPesanan)
            let before = try await system.orders.call(DocumentVerify.self, DocumentVerifyParams(sha256: sp.seal.sha256))
            #expect(before.authentic)

            var rotated = ""
            try await system.withOrdersStopped {
                let configuration = ServiceConfiguration(
                    serviceName: "orders", dataDirectory: system.directory, logLevel: .warning)
                let database = try ServiceHost.openDatabase(
                    configuration, migrations: OrdersService.definition.migrations)
                defer { database.close() }
                rotated = try SigningKeys.rotate(database, configuration: configuration).currentKeyID
            }
            #expect(rotated != sp.seal.keyID)
            let after = try await system.orders.call(DocumentVerify.self, DocumentVerifyParams(sha256: sp.seal.sha256))
            #expect(after.authentic, "a Surat Pesanan sealed before the rotation")
            #expect(after.publicKey == before.publicKey, "verified with the key that sealed it")
        }
    }
}
