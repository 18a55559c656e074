import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

/// A bad registration: which member to replace, with what, and which field must be named.
struct BadRegistration: Sendable, CustomStringConvertible {
    let description: String
    let mutate: @Sendable (JSONValue) -> JSONValue
    let fields: Set<String>
}

let badRegistrations: [BadRegistration] = [
    BadRegistration(
        description: "NIK of 15 digits", mutate: { replacing($0, "nik", with: "631101010190001") }, fields: ["nik"]),
    BadRegistration(
        description: "NIK with letters", mutate: { replacing($0, "nik", with: "63110101019O0001") }, fields: ["nik"]),
    BadRegistration(
        description: "NIK with 31 February", mutate: { replacing($0, "nik", with: "6311013102900001") }, fields: ["nik"]
    ),
    BadRegistration(
        description: "KTP address in polman for balangan",
        mutate: { replacing($0, "ktpAddress", with: ["street": "Jl. Poros No. 1", "regionCode": "76.04.01"]) },
        fields: ["ktpAddress.regionCode"]),
    BadRegistration(
        description: "no KTP address", mutate: { replacing($0, "ktpAddress", with: nil) }, fields: ["ktpAddress"]),
    BadRegistration(
        description: "KTP region code of 5 digits",
        mutate: { replacing($0, "ktpAddress", with: ["street": "Jl. A. Yani", "regionCode": "63110"]) },
        fields: ["ktpAddress.regionCode"]),
    BadRegistration(
        description: "director position with a line break",
        mutate: { value in
            var director = value.objectValue?["director"]?.objectValue ?? [:]
            director["position"] = "Direktur\nUtama"
            return replacing(value, "director", with: .object(director))
        }, fields: ["director.position"]),
    BadRegistration(
        description: "NPWP with a wrong check digit",
        mutate: { value in
            let good = npwpText("10000050")
            var digits = Array(good)
            digits[8] = Character(String((Int(String(digits[8]))! + 1) % 10))
            return replacing(value, "npwp", with: .string(String(digits)))
        }, fields: ["npwp"]),
    BadRegistration(
        description: "entity without NIB, deed, director",
        mutate: { value in
            replacing(replacing(replacing(value, "nib", with: nil), "deed", with: nil), "director", with: nil)
        }, fields: ["nib", "deed", "director"]),
    BadRegistration(
        description: "old terms version", mutate: { replacing($0, "acceptedTermsVersion", with: "2020-1") },
        fields: ["acceptedTermsVersion"]),
    BadRegistration(
        description: "password of 9 characters", mutate: { replacing($0, "password", with: "abcdefghi") },
        fields: ["password"]),
    BadRegistration(
        description: "password equal to the username", mutate: { replacing($0, "password", with: "vendor50-user") },
        fields: ["password"]),
]

@Suite("Identity input and sessions")
struct InputAndSessionTests {
    @Test(arguments: badRegistrations)
    func badRegistrationIsRefusedWholly(bad: BadRegistration) async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let good = try registration(50, username: "vendor50-user")
            let params = bad.mutate(try JSONCoding.value(good))
            let error = await rpcError { _ = try await client.callRaw(method: VendorRegister.name, params: params) }
            #expect(error?.code == 422 || error?.code == -32602, "\(String(describing: error))")
            #expect(
                bad.fields.isSubset(of: fieldNames(error)),
                "\(bad): fields \(fieldNames(error)) in \(String(describing: error))")
            // Nothing half-written: the vendor count is unchanged and the username is still free.
            let vendors = try await client.call(VendorList.self, VendorListParams(), token: fixture.tokens[.verifier]!)
            #expect(vendors.count == 1)
            let registered = try await client.call(VendorRegister.self, good)
            #expect(registered.status == .registered)
        }
    }

    @Test func duplicatesInTheTenantAreRefused() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            var sameNIK = try registration(60)
            sameNIK.nik = try NIK(nikText(serial: 1))
            var sameNPWP = try registration(61)
            sameNPWP.npwp = try NPWP(fixture.vendor.npwp)
            var sameEmail = try registration(62)
            sameEmail.email = try EmailAddress(fixture.vendor.email)
            for (params, field) in [(sameNIK, "nik"), (sameNPWP, "npwp"), (sameEmail, "email")] {
                let error = await rpcError { _ = try await client.call(VendorRegister.self, params) }
                #expect(
                    error?.code == 422 && fieldNames(error).contains(field), "\(field): \(String(describing: error))")
                // The username is still free afterwards.
                let signIn = await rpcError {
                    _ = try await client.call(
                        AuthSignIn.self, SignInParams(login: params.username, password: params.password))
                }
                #expect(signIn?.code == 401)
            }
            let vendors = try await client.call(VendorList.self, VendorListParams(), token: fixture.tokens[.verifier]!)
            #expect(vendors.count == 1)
            // The same identifiers are fine in another tenant (with a polman domicile).
            var polman = try registration(63, tenant: "polman", region: "7604")
            polman.npwp = try NPWP(fixture.vendor.npwp)
            _ = try await client.call(VendorRegister.self, polman)
        }
    }

    @Test func documentsUpload() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let vendorToken = fixture.tokens[.vendor]!
            let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
            let png: [UInt8] = [
                0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0,
                0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE,
            ]
            // Disguised: text declared as a PDF (the type is read from the bytes).
            let disguised = await rpcError {
                _ = try await client.call(
                    VendorUploadDocument.self,
                    VendorDocumentUpload(
                        type: .deed, contentBase64: Data("just some text, not a PDF".utf8).base64EncodedString()),
                    token: vendorToken)
            }
            #expect(disguised?.code == 422, "\(String(describing: disguised))")
            // Oversized: more than 5 MiB (of valid PDF bytes).
            let big = pdf + [UInt8](repeating: 0x20, count: 5 << 20)
            let oversized = await rpcError {
                _ = try await client.call(
                    VendorUploadDocument.self,
                    VendorDocumentUpload(type: .deed, contentBase64: Data(big).base64EncodedString()),
                    token: vendorToken)
            }
            #expect(oversized?.code == 422 || oversized?.code == -32600, "\(String(describing: oversized))")
            let unchanged = try await client.call(
                VendorGet.self, VendorRef(vendorID: fixture.vendor.id), token: vendorToken)
            #expect(unchanged.documents.isEmpty)

            _ = try await client.call(
                VendorUploadDocument.self,
                VendorDocumentUpload(type: .deed, contentBase64: Data(pdf).base64EncodedString()), token: vendorToken)
            let withBoth = try await client.call(
                VendorUploadDocument.self,
                VendorDocumentUpload(type: .ktp, contentBase64: Data(png).base64EncodedString()), token: vendorToken)
            #expect(withBoth.documents.count == 2)
            for (document, bytes) in zip(withBoth.documents, [pdf, png]) {
                let read = try await client.call(
                    VendorDocumentRead.self, VendorDocumentRef(vendorID: fixture.vendor.id, sha256: document.sha256),
                    token: fixture.tokens[.verifier]!)
                #expect(Data(base64Encoded: read.contentBase64) == Data(bytes))
                #expect(read.document.byteCount == Int64(bytes.count))
            }
            #expect(withBoth.documents.map(\.contentType).count == 2)
            // Not for another tenant's verifier.
            let other = await rpcError {
                _ = try await client.call(
                    VendorDocumentRead.self,
                    VendorDocumentRef(vendorID: fixture.vendor.id, sha256: withBoth.documents[0].sha256),
                    token: fixture.polmanVerifier)
            }
            #expect(other?.code == 404 || other?.code == 403)
        }
    }

    @Test func tamperedExpiredAndSignedOutTokens() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let token = try await fixture.freshToken(.ppk)
            _ = try await client.call(AuthWhoAmI.self, EmptyParams(), token: token)
            // Flip one character of the signature (the last part).
            var characters = Array(token)
            let index = characters.count - 5
            characters[index] = characters[index] == "A" ? "B" : "A"
            let tampered = await rpcError {
                _ = try await client.call(AuthWhoAmI.self, EmptyParams(), token: String(characters))
            }
            #expect(tampered?.code == 401)
            // Signed out: refused within the refresh.
            let other = try await fixture.freshToken(.treasurer)
            _ = try await client.call(AuthSignOut.self, EmptyParams(), token: other)
            let revoked = await eventually {
                await rpcError { _ = try await client.call(AuthWhoAmI.self, EmptyParams(), token: other) }?.code == 401
            }
            #expect(revoked)
            // The signed-in token of the same person in another session still works.
            _ = try await client.call(AuthWhoAmI.self, EmptyParams(), token: fixture.tokens[.treasurer]!)
            // Expired: 12 hours later.
            fixture.clock.advance(by: 12 * 3600 + 60)
            let expired = await eventually {
                await rpcError { _ = try await client.call(AuthWhoAmI.self, EmptyParams(), token: token) }?.code == 401
            }
            #expect(expired)
        }
    }

    // Sign-in throttling: SignInThrottleTests.

    @Test func resetByAdministratorForcesAChange() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let ppk = fixture.accounts[.ppk]!
            let oldToken = try await fixture.freshToken(.ppk)
            let reset = try await client.call(
                AccountResetPassword.self,
                PasswordResetParams(accountID: ppk.id, temporaryPassword: "temporary-pass-1"),
                token: fixture.tokens[.agencyAdmin]!)
            #expect(reset.mustChangePassword)
            let old = await eventually {
                await rpcError { _ = try await client.call(AuthWhoAmI.self, EmptyParams(), token: oldToken) }?.code
                    == 401
            }
            #expect(old, "the old session survived the reset")
            let oldPassword = await rpcError {
                _ = try await client.call(
                    AuthSignIn.self, SignInParams(login: ppk.username, password: passwordOfRole(.ppk)))
            }
            #expect(oldPassword?.code == 401)
            let temporary = try await client.call(
                AuthSignIn.self, SignInParams(login: ppk.username, password: "temporary-pass-1"))
            #expect(temporary.mustChangePassword)
            // No roles until changed, and the refusal says what to do.
            let guarded = await rpcError {
                _ = try await client.call(BlacklistList.self, EmptyParams(), token: temporary.token)
            }
            #expect(guarded?.code == 403)
            #expect(guarded?.data?["reason"]?.stringValue == "password_change_required")
            let short = await rpcError {
                _ = try await client.call(
                    AuthChangePassword.self,
                    PasswordChangeParams(currentPassword: "temporary-pass-1", newPassword: "short"),
                    token: temporary.token)
            }
            #expect(short?.code == 422 && fieldNames(short) == ["newPassword"])
            let changed = try await client.call(
                AuthChangePassword.self,
                PasswordChangeParams(currentPassword: "temporary-pass-1", newPassword: "brand-new-pass-1"),
                token: temporary.token)
            #expect(!changed.mustChangePassword)
            try await Task.sleep(for: .seconds(5))  // past two revocation refreshes: the fresh token must survive
            _ = try await client.call(BlacklistList.self, EmptyParams(), token: changed.token)
            let temporaryRevoked = await eventually {
                await rpcError { _ = try await client.call(AuthWhoAmI.self, EmptyParams(), token: temporary.token) }?
                    .code == 401
            }
            #expect(temporaryRevoked)
            // An agency administrator cannot reset an account outside their agency.
            let foreign = await rpcError {
                _ = try await client.call(
                    AccountResetPassword.self,
                    PasswordResetParams(
                        accountID: fixture.accounts[.verifier]!.id, temporaryPassword: "temporary-pass-2"),
                    token: fixture.tokens[.agencyAdmin]!)
            }
            #expect(foreign?.code == 403)
        }
    }
}
