import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

/// The vendor terms are readable by anyone before registering, and registration accepts exactly
/// the version they serve.
@Suite("Identity vendor terms")
struct VendorTermsTests {
    @Test func anyoneReadsTheCurrentTermsAndRegistrationAcceptsTheirVersion() async throws {
        try await withFixture { fixture in
            // No token: a prospective vendor has no account yet.
            let terms = try await fixture.client.call(VendorTermsGet.self, EmptyParams())
            #expect(terms.version == IdentityService.currentTermsVersion)
            #expect(terms.text.contains(terms.version))
            #expect(terms.text.count > 200)
            #expect(!terms.legalBasis.isEmpty)
            #expect(
                (try? CivilDate(terms.effectiveFrom)) != nil, "effectiveFrom \(terms.effectiveFrom) is not YYYY-MM-DD")

            // rpc.discover lists it for anyone.
            let document = try await fixture.client.call(RPCDiscover.self, EmptyParams())
            let method = document["methods"]?.arrayValue?.first { $0["name"] == "vendor.terms" }
            #expect(method?["x-access"] == ["kind": "anyone"])

            // Another version is refused, naming the field and where the current one is found.
            var stale = try registration(40)
            stale.acceptedTermsVersion = terms.version + "-old"
            let refused = await rpcError { _ = try await fixture.client.call(VendorRegister.self, stale) }
            #expect(refused?.code == 422)
            #expect(
                refused.map { "\($0.jsonValue.serializedString)" }?.contains("vendor.terms") == true,
                "\(String(describing: refused))")

            // The served version registers.
            var current = try registration(41)
            current.acceptedTermsVersion = terms.version
            let vendor = try await fixture.client.call(VendorRegister.self, current)
            #expect(vendor.acceptedTermsVersion == terms.version)
        }
    }
}
