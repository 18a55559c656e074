import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

/// Events are contracts: every service lists the events it publishes in `rpc.discover`, and
/// every event it publishes decodes with its declaration.
@Suite struct EventContractTests {
    /// Each publishing service's client with the declarations in `Shared/Contracts/<Service>/<Service>Events.swift`.
    static func publishers(_ system: SystemFixture) -> [(
        name: String, client: RPCClient, declarations: [any EventContract.Type]
    )] {
        [
            ("identity", system.identity, IdentityEvents.declarations),
            ("catalog", system.catalog, CatalogEvents.declarations),
            ("orders", system.orders, OrdersEvents.declarations),
        ]
    }

    @Test func rpcDiscoverListsEveryDeclaredEventWithItsPayloadSchema() async throws {
        try await withSystem([.catalog, .orders]) { system in
            for (name, client, declarations) in Self.publishers(system) {
                let document = try await client.call(RPCDiscover.self, EmptyParams())
                let listed = try #require(document["x-events"]?.arrayValue, "\(name) lists no x-events")
                #expect(
                    listed.compactMap { $0["name"]?.stringValue } == declarations.map { $0.type }.sorted(), "\(name)")
                for declaration in declarations {
                    let descriptor = declaration.descriptor
                    #expect(
                        descriptor.payloadSchema().error == nil,
                        "\(descriptor.type): \(String(describing: descriptor.payloadSchema().error))")
                    let entry = try #require(listed.first { $0["name"]?.stringValue == descriptor.type })
                    #expect(entry["version"]?.int64Value == Int64(descriptor.version))
                    #expect(entry["summary"]?.stringValue?.isEmpty == false)
                    #expect(
                        entry["payload"]?["schema"]?["properties"]?.objectValue?.isEmpty == false,
                        "\(descriptor.type) has no payload schema")
                    // Past tense <aggregate>.<event>: one dot, no snake case.
                    #expect(
                        descriptor.type.split(separator: ".").count == 2 && !descriptor.type.contains("_"),
                        "\(descriptor.type)")
                }
            }
        }
    }

    @Test func everyPublishedEventDecodesWithItsDeclaration() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market()
            let ppk = system.ppk
            // Cancelled by the PPK, declined by the vendor, failed for default, completed.
            let toCancel = try await system.placedOrder(market, paper: 1, printers: 0)
            _ = try await system.orders.call(
                OrderCancel.self,
                OrderAct(orderID: toCancel.id, version: toCancel.version, reason: "anggaran dialihkan"), token: ppk)
            let toDecline = try await system.placedOrder(market, paper: 2, printers: 0)
            _ = try await system.orders.call(
                OrderDecline.self, OrderAct(orderID: toDecline.id, version: toDecline.version, reason: "stok habis"),
                token: market.vendorToken)
            let toFail = try await system.contractedOrder(market, paper: 3, printers: 0)
            _ = try await system.orders.call(
                OrderFail.self,
                FailureParams(
                    orderID: toFail.id, version: toFail.version, grounds: .refusedReplacement,
                    description: "Menolak mengganti kertas rusak"),
                token: ppk)

            let serviceToken = try String(contentsOfFile: system.directory + "/keys/payments.token", encoding: .utf8)
            var published: Set<String> = []
            for (name, client, declarations) in Self.publishers(system) {
                let events = try await client.call(
                    EventsRead.self, CursorParams(after: 0, limit: 1000), token: serviceToken
                ).events
                #expect(!events.isEmpty, "\(name) published nothing")
                for event in events {
                    let declaration = declarations.first { $0.type == event.type }
                    #expect(declaration != nil, "\(name) published \(event.type), which it does not declare")
                    #expect(
                        declaration.map { $0.version } == event.version,
                        "\(event.type) stored as version \(event.version)")
                    #expect(try event.decode(among: declarations) != nil)
                    published.insert(event.type)
                }
            }
            // Past-tense names, not the action names they were built from.
            #expect(
                published.isSuperset(of: [
                    "order.cancelled", "order.declinedByVendor", "order.failed", "order.submitted", "vendor.activated",
                ]))
            #expect(published.isDisjoint(with: ["order.cancel", "order.vendor_decline"]))
            // The catalog decoded order.failed through its declaration and filed the proposal.
            try await system.until("the catalog files the sanction proposal") {
                try await system.catalog.call(
                    SanctionList.self, SanctionListParams(), token: system.balangan[.auditor]!.token
                )
                .contains { $0.proposal.orderID == toFail.id }
            }
        }
    }

    @Test func eventsStoredUnderTheirFormerNamesStillDecode() throws {
        let payload: JSONValue = [
            "orderId": "o1", "tenant": "balangan", "agency": "DINKES", "vendorId": "v1", "ppkAccountId": "a1",
            "state": "cancelled", "version": 3,
        ]
        let old = FeedEvent(
            sequence: 7, type: "order.cancel", tenant: "balangan", subjectID: "o1", payload: payload,
            at: "2026-11-21T10:00:00.000Z")
        #expect(old.is(OrderCancelled.self))
        #expect(try old.decode(OrderCancelled.self).state == .cancelled)
        let declined = FeedEvent(
            sequence: 8, type: "order.vendor_decline", tenant: "balangan", subjectID: "o1", payload: payload,
            at: "2026-11-21T10:00:00.000Z")
        #expect(try declined.decode(among: OrdersEvents.declarations) is OrderStateChange)
    }
}
