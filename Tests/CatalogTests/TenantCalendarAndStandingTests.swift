import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

/// Identity and the catalog count a tenant's days on one calendar (TenantCalendar, WITA), and
/// the catalog asks identity about a vendor it has not yet heard of from the feed.
@Suite struct TenantCalendarAndStandingTests {
    /// Product ids a PPK finds for `query`.
    func found(_ system: SystemFixture, _ query: String = "kertas") async throws -> [String] {
        try await system.catalog.call(
            CatalogSearch.self, CatalogSearchParams(tenant: nil, query: query), token: system.balangan[.ppk]!.token
        ).products.map(\.productID).sorted()
    }

    /// The login and password SystemFixture.activeVendor gave `vendor`.
    func credentials(_ vendor: VendorInfo) -> (login: String, password: String) {
        let n = vendor.email.dropFirst("vendor".count).prefix { $0.isNumber }
        return (vendor.email, "vendor-pass-\(n)")
    }

    @Test func identityAndCatalogAgreeOnTheTenantsDateAt2330UTC() async throws {
        try await withSystem { system in
            try await system.setUpCatalog()
            let (starting, startingToken) = try await system.activeVendor()
            let (ending, endingToken) = try await system.activeVendor()
            let startingProduct = try await system.listedProduct(
                offer(name: "Kertas HVS A4"), vendorToken: startingToken)
            let endingProduct = try await system.listedProduct(offer(name: "Kertas HVS F4"), vendorToken: endingToken)
            #expect(try await found(system) == [startingProduct.id, endingProduct.id].sorted())

            // 23:30 UTC is 07:30 the next day in WITA.
            let secondsIntoDay = system.clock.now().timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
            system.clock.advance(by: (23.5 * 3600 - secondsIntoDay + 86_400).truncatingRemainder(dividingBy: 86_400))
            try await system.renewSessions()
            let now = system.clock.now()
            let today = TenantCalendar.of(tenant: "balangan").today(at: now)
            let utcDate = CivilDate(now, timeZone: TimeZone(secondsFromGMT: 0)!)
            #expect(today == utcDate.adding(days: 1))

            // One period starts today (WITA), the other ended yesterday (WITA), which is still
            // "today" by the UTC date.
            for (vendor, startsOn, endsOn) in [
                (starting, today, today.adding(days: 30)), (ending, today.adding(days: -30), today.adding(days: -1)),
            ] {
                _ = try await system.identity.call(
                    BlacklistAdd.self,
                    BlacklistEntry(
                        tenant: "balangan", npwp: try NPWP(vendor.npwp), name: vendor.name,
                        source: .budgetHolderRequest, basis: "SK PA 12/2026",
                        startsOn: startsOn.description, endsOn: endsOn.description),
                    token: system.superAdmin)
            }
            // Identity: the started period stops sign-in; the ended one does not.
            let startingLogin = credentials(starting)
            let refused = await rpcError {
                _ = try await system.identity.call(
                    AuthSignIn.self, SignInParams(login: startingLogin.login, password: startingLogin.password))
            }
            #expect(refused?.code == 403, "identity must count the blacklist from today in WITA")
            let endingLogin = credentials(ending)
            let session = try await system.identity.call(
                AuthSignIn.self, SignInParams(login: endingLogin.login, password: endingLogin.password))
            #expect(session.account.vendorID == ending.id)
            // The catalog: the same answer.
            try await system.until("the catalog hides exactly the vendor whose period started") {
                try await found(system) == [endingProduct.id]
            }
        }
    }

    @Test func aProductRightAfterActivationIsAccepted() async throws {
        // The catalog reads identity's feed only once an hour here: it knows only what it asks.
        try await withSystem(feedPollInterval: .seconds(3600)) { system in
            try await system.setUpCatalog()
            let (vendor, token) = try await system.activeVendor()
            let submitted = try await system.catalog.call(ProductSubmit.self, offer(), token: token)
            #expect(submitted.vendorID == vendor.id)

            // A user cannot read standings; a service can.
            let user = await rpcError {
                _ = try await system.identity.call(
                    VendorStandingRead.self, VendorRef(vendorID: vendor.id), token: system.balangan[.verifier]!.token)
            }
            #expect(user?.code == 403)
            let configuration = ServiceConfiguration(
                serviceName: "identity", dataDirectory: system.directory, logLevel: .warning)
            let service = try ServiceTokens.issue(configuration: configuration, service: "orders", hours: 1)
            let standing = try await system.identity.call(
                VendorStandingRead.self, VendorRef(vendorID: vendor.id), token: service)
            #expect(standing.status == .active && standing.version == vendor.version && standing.tenant == "balangan")
        }
    }
}
