import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

@Suite("Identity vendor lifecycle")
struct VendorFlowTests {
    @Test(arguments: [VendorKind.entity, .individual])
    func verifyActivateBlockUnblock(kind: VendorKind) async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let verifier = fixture.tokens[.verifier]!
            let (registered, vendorToken) = try await fixture.registerVendor(kind == .entity ? 10 : 11, kind: kind)
            #expect(registered.status == .registered)
            #expect(registered.kind == kind)
            #expect((registered.nib == nil) == (kind == .individual))

            // Wrong state: a registered vendor cannot be activated.
            let early = await rpcError {
                _ = try await client.call(
                    VendorActivate.self, VendorDecision(vendorID: registered.id, version: registered.version),
                    token: verifier)
            }
            #expect(early?.code == 409)

            let verified = try await client.call(
                VendorVerify.self,
                VendorVerification(vendorID: registered.id, version: registered.version, domicileConfirmed: true),
                token: verifier
            )
            #expect(verified.status == .verified)
            #expect(verified.version == registered.version + 1)
            // Stale version.
            let stale = await rpcError {
                _ = try await client.call(
                    VendorActivate.self, VendorDecision(vendorID: registered.id, version: registered.version),
                    token: verifier)
            }
            #expect(stale?.code == 409)

            let active = try await client.call(
                VendorActivate.self, VendorDecision(vendorID: registered.id, version: verified.version), token: verifier
            )
            #expect(active.status == .active)
            // The vendor's token works before the block.
            let me = try await client.call(AuthWhoAmI.self, EmptyParams(), token: vendorToken)
            #expect(me.vendorID == registered.id)

            // A block needs a real decision date.
            let badDate = await rpcError {
                _ = try await client.call(
                    VendorBlock.self,
                    VendorBlockParams(
                        vendorID: registered.id, version: active.version, decisionNumber: "027/5/UKPBJ",
                        decisionDate: "2026-02-30", reason: "x"),
                    token: verifier)
            }
            #expect(badDate?.code == 422 && fieldNames(badDate) == ["decisionDate"])

            let blocked = try await client.call(
                VendorBlock.self,
                VendorBlockParams(
                    vendorID: registered.id, version: active.version, decisionNumber: "027/5/UKPBJ/2026",
                    decisionDate: "2026-03-01", reason: "repeated late delivery"),
                token: verifier)
            #expect(blocked.status == .blocked)
            #expect(blocked.statusReason?.contains("027/5/UKPBJ/2026") == true)
            #expect(blocked.statusReason?.contains("2026-03-01") == true)

            // The existing token is refused once identity has refreshed its revocations (every 2 s).
            let refused = await eventually(timeout: .seconds(60)) {
                let error = await rpcError {
                    _ = try await client.call(AuthWhoAmI.self, EmptyParams(), token: vendorToken)
                }
                return error?.code == 401
            }
            #expect(refused, "the blocked vendor's token was still accepted after 60 s")
            // And a blocked vendor cannot sign in.
            let signIn = await rpcError {
                _ = try await client.call(
                    AuthSignIn.self,
                    SignInParams(
                        login: "vendor\(kind == .entity ? 10 : 11)",
                        password: "vendor-pass-\(kind == .entity ? 10 : 11)"))
            }
            #expect(signIn?.code == 403)

            let unblocked = try await client.call(
                VendorUnblock.self,
                VendorBlockParams(
                    vendorID: registered.id, version: blocked.version, decisionNumber: "027/9/UKPBJ/2026",
                    decisionDate: "2026-04-01", reason: "corrected"),
                token: verifier)
            #expect(unblocked.status == .active)
            // Signing in right after the unblock gives a token that stays valid.
            let again = try await client.call(
                AuthSignIn.self,
                SignInParams(
                    login: "vendor\(kind == .entity ? 10 : 11)", password: "vendor-pass-\(kind == .entity ? 10 : 11)"))
            try await Task.sleep(for: .seconds(5))  // past two revocation refreshes
            let whoami = try await client.call(AuthWhoAmI.self, EmptyParams(), token: again.token)
            #expect(whoami.vendorID == registered.id)
        }
    }

    @Test func rejectResubmit() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let verifier = fixture.tokens[.verifier]!
            let vendor = fixture.vendor!
            let noReason = await rpcError {
                _ = try await client.call(
                    VendorReject.self, VendorDecision(vendorID: vendor.id, version: vendor.version), token: verifier)
            }
            #expect(noReason?.code == 422 && fieldNames(noReason) == ["reason"])
            let rejected = try await client.call(
                VendorReject.self,
                VendorDecision(vendorID: vendor.id, version: vendor.version, reason: "the deed scan is unreadable"),
                token: verifier)
            #expect(rejected.status == .rejected)
            #expect(rejected.statusReason == "the deed scan is unreadable")
            // The vendor sees its own record, with the reasons.
            let own = try await client.call(
                VendorGet.self, VendorRef(vendorID: vendor.id), token: fixture.tokens[.vendor]!)
            #expect(own.status == .rejected)
            // Verify a rejected one: wrong state.
            let wrong = await rpcError {
                _ = try await client.call(
                    VendorVerify.self,
                    VendorVerification(vendorID: vendor.id, version: rejected.version, domicileConfirmed: true),
                    token: verifier)
            }
            #expect(wrong?.code == 409)

            var corrected = try registration(1, username: "b-vendor")
            corrected.address = "Jl. Baru No. 2, Paringin"
            _ = try await fixture.scenario.uploadRequiredDocuments(vendor, vendorToken: fixture.tokens[.vendor]!)
            let resubmitted = try await client.call(VendorResubmit.self, corrected, token: fixture.tokens[.vendor]!)
            #expect(resubmitted.status == .registered)
            #expect(resubmitted.address == "Jl. Baru No. 2, Paringin")
            #expect(resubmitted.statusReason == nil)
            // Only from rejected.
            let twice = await rpcError {
                _ = try await client.call(VendorResubmit.self, corrected, token: fixture.tokens[.vendor]!)
            }
            #expect(twice?.code == 409)
            let verified = try await client.call(
                VendorVerify.self,
                VendorVerification(vendorID: vendor.id, version: resubmitted.version, domicileConfirmed: true),
                token: verifier)
            #expect(verified.status == .verified)
        }
    }

    @Test func blacklistStopsVerificationActivationAndSignIn() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let verifier = fixture.tokens[.verifier]!
            let (first, _) = try await fixture.registerVendor(20)
            let (second, _) = try await fixture.registerVendor(21)
            let verifiedSecond = try await client.call(
                VendorVerify.self,
                VendorVerification(vendorID: second.id, version: second.version, domicileConfirmed: true),
                token: verifier)
            let today = String(ISO8601DateFormatter().string(from: fixture.clock.now()).prefix(10))
            for vendor in [first, second] {
                _ = try await client.call(
                    BlacklistAdd.self,
                    BlacklistEntry(
                        npwp: try NPWP(vendor.npwp), name: vendor.name, source: .ppkRequest, basis: "SK PA 01/2026",
                        startsOn: "2020-01-01", endsOn: "2099-12-31"),
                    token: verifier)
            }
            #expect(today >= "2020-01-01")
            let verify = await rpcError {
                _ = try await client.call(
                    VendorVerify.self,
                    VendorVerification(vendorID: first.id, version: first.version, domicileConfirmed: true),
                    token: verifier)
            }
            #expect(verify?.code == 409)
            let activate = await rpcError {
                _ = try await client.call(
                    VendorActivate.self, VendorDecision(vendorID: second.id, version: verifiedSecond.version),
                    token: verifier)
            }
            #expect(activate?.code == 409)
            let signIn = await rpcError {
                _ = try await client.call(AuthSignIn.self, SignInParams(login: "vendor20", password: "vendor-pass-20"))
            }
            #expect(signIn?.code == 403 || signIn?.code == 401)
            let list = try await client.call(BlacklistList.self, EmptyParams(), token: fixture.tokens[.ppk]!)
            #expect(list.count == 2)
            let polman = try await client.call(BlacklistList.self, EmptyParams(), token: fixture.polmanVerifier)
            #expect(polman.isEmpty)
            // Unchanged records.
            let stillFirst = try await client.call(VendorGet.self, VendorRef(vendorID: first.id), token: verifier)
            #expect(stillFirst.status == .registered && stillFirst.version == first.version)
        }
    }
}
