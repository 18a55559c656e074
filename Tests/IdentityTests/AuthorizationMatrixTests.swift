import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

/// One identity method with harmless dummy params: the params are chosen so that a caller who
/// passes the access check gets a 404/409/422 (or a harmless success), never a change that would
/// disturb the rest of the matrix.
struct MethodCase: Sendable, CustomStringConvertible {
    let name: String
    let access: Access
    let invoke: @Sendable (RPCClient, String?) async throws -> Void
    var description: String { name }

    init<M: RPCMethod>(_ method: M.Type, _ params: @escaping @Sendable () throws -> M.Params) {
        name = M.name
        access = M.access
        invoke = { client, token in _ = try await client.call(M.self, try params(), token: token) }
    }
}

let missingID = "00000000-0000-0000-0000-000000000000"

/// Every method identity serves, the harmless ones first; auth.signOut last (it ends the session).
let identityMethodCases: [MethodCase] = [
    MethodCase(SystemHealth.self) { EmptyParams() },
    MethodCase(RPCDiscover.self) { EmptyParams() },
    MethodCase(SystemMetrics.self) { EmptyParams() },
    MethodCase(AuthPublicKeys.self) { EmptyParams() },
    MethodCase(AuthRevocations.self) { CursorParams(after: 0, limit: 1) },
    MethodCase(TenantCreate.self) { TenantInfo(code: "X!", name: "", domicileRegionCodes: []) },
    MethodCase(TenantList.self) { EmptyParams() },
    MethodCase(AgencyCreate.self) { AgencyInfo(tenant: "balangan", code: "!", name: "") },
    MethodCase(AgencyList.self) { TenantScope(tenant: "balangan") },
    MethodCase(AccountCreate.self) {
        AccountCreateParams(
            username: "A", email: try EmailAddress("x@example.org"), fullName: "", roles: [.ppk], tenant: "balangan",
            agency: "DINKES",
            assignment: AssignmentLetter(number: "", date: "2026-01-01", issuer: ""), initialPassword: "short")
    },
    MethodCase(AccountList.self) { TenantScope(tenant: "balangan") },
    MethodCase(AccountUpdateProfile.self) { AccountProfileParams(accountID: missingID, fullName: "") },
    MethodCase(AccountDirectory.self) { TenantScope(tenant: "balangan") },
    MethodCase(AgencyUpdate.self) { AgencyInfo(tenant: "balangan", code: "NOPE", name: "") },
    MethodCase(TenantUpdate.self) {
        TenantUpdateParams(tenant: "nope", name: "", domicileRegionCodes: [], governmentName: "", seat: "")
    },
    MethodCase(TenantSetEmblem.self) { TenantEmblemUpload(tenant: "nope", contentBase64: "bm90IGFuIGltYWdl") },
    MethodCase(TenantEmblemRead.self) { TenantScope(tenant: "nope") },
    MethodCase(AccountResetPassword.self) {
        PasswordResetParams(accountID: missingID, temporaryPassword: "temporary-pass-1")
    },
    MethodCase(AccountDisable.self) { AccountRef(accountID: missingID) },
    MethodCase(AuthSignIn.self) { SignInParams(login: "root", password: "root-password-1") },
    MethodCase(AuthChangePassword.self) {
        PasswordChangeParams(currentPassword: "not-the-password", newPassword: "another-password-1")
    },
    MethodCase(AuthWhoAmI.self) { EmptyParams() },
    MethodCase(VendorTermsGet.self) { EmptyParams() },
    MethodCase(VendorRegister.self) { try registration(900, tenant: "no-such-tenant") },
    MethodCase(VendorResubmit.self) { try registration(901, tenant: "no-such-tenant") },
    MethodCase(VendorGet.self) { VendorRef(vendorID: missingID) },
    MethodCase(VendorList.self) { VendorListParams() },
    MethodCase(VendorStandingRead.self) { VendorRef(vendorID: missingID) },
    MethodCase(AccountOfficial.self) { AccountRef(accountID: missingID) },
    MethodCase(VendorVerify.self) { VendorVerification(vendorID: missingID, version: 1, domicileConfirmed: true) },
    MethodCase(VendorReject.self) { VendorDecision(vendorID: missingID, version: 1, reason: "incomplete") },
    MethodCase(VendorActivate.self) { VendorDecision(vendorID: missingID, version: 1) },
    MethodCase(VendorBlock.self) {
        VendorBlockParams(
            vendorID: missingID, version: 1, decisionNumber: "027/1/UKPBJ", decisionDate: "2026-02-01",
            reason: "late deliveries")
    },
    MethodCase(VendorUnblock.self) {
        VendorBlockParams(
            vendorID: missingID, version: 1, decisionNumber: "027/2/UKPBJ", decisionDate: "2026-02-02",
            reason: "resolved")
    },
    MethodCase(VendorDeactivate.self) { VendorDecision(vendorID: missingID, version: 1, reason: "closed") },
    MethodCase(VendorUploadDocument.self) { VendorDocumentUpload(type: .ktp, contentBase64: "bm90IGEgZG9jdW1lbnQ=") },
    MethodCase(VendorDocumentRead.self) {
        VendorDocumentRef(vendorID: missingID, sha256: String(repeating: "0", count: 64))
    },
    MethodCase(BlacklistAdd.self) {
        BlacklistEntry(
            tenant: "balangan", npwp: try NPWP(npwpText("77777777")), name: "", source: .ppkRequest, basis: "",
            startsOn: "2026-01-01", endsOn: "2026-12-31")
    },
    MethodCase(BlacklistList.self) { EmptyParams() },
    MethodCase(HelpdeskOpen.self) { TicketOpenParams(subject: "", body: "") },
    MethodCase(HelpdeskComment.self) { TicketActionParams(ticketID: missingID, comment: "hello") },
    MethodCase(HelpdeskForward.self) { TicketActionParams(ticketID: missingID) },
    MethodCase(HelpdeskResolve.self) { TicketActionParams(ticketID: missingID, comment: "done") },
    MethodCase(HelpdeskClose.self) { TicketActionParams(ticketID: missingID) },
    MethodCase(HelpdeskList.self) { EmptyParams() },
    MethodCase(AnnouncementAlertAdministrators.self) {
        // Refused as malformed once admitted (it ends before it starts), so the matrix publishes nothing.
        AdministratorAlert(
            title: "Ruang disk", body: "Sisa ruang disk di bawah batas.", startsAt: "2026-12-02T00:00:00Z",
            endsAt: "2026-12-01T00:00:00Z")
    },
    MethodCase(AnnouncementPublish.self) {
        AnnouncementInfo(
            kind: .notice, title: "", body: "", tenants: [], startsAt: "2026-01-01T00:00:00Z",
            endsAt: "2026-01-02T00:00:00Z")
    },
    MethodCase(AnnouncementList.self) { EmptyParams() },
    MethodCase(EventsRead.self) { CursorParams(after: 0, limit: 1) },
    MethodCase(AuditRead.self) { CursorParams(after: 0, limit: 5) },
    MethodCase(AuditVerify.self) { EmptyParams() },
    MethodCase(FeedDeadLettersRead.self) { CursorParams(after: 0, limit: 5) },
    MethodCase(AuthSignOut.self) { EmptyParams() },
]

/// The callers of the matrix: every role, and nobody.
enum Caller: Sendable, CustomStringConvertible, CaseIterable {
    case anonymous
    case role(Role)
    static var allCases: [Caller] { [.anonymous] + Role.allCases.map { .role($0) } }
    var description: String {
        switch self {
        case .anonymous: "anonymous"
        case .role(let role): role.rawValue
        }
    }
}

@Suite("Identity authorization", .serialized)
struct AuthorizationMatrixTests {
    @Test func everyMethodIsInTheMatrix() async throws {
        try await withFixture { fixture in
            let document = try await fixture.client.call(RPCDiscover.self, EmptyParams())
            let served = Set((document["methods"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
            let covered = Set(identityMethodCases.map(\.name))
            #expect(!served.isEmpty)
            #expect(
                served.subtracting(covered).isEmpty,
                "methods missing from the matrix: \(served.subtracting(covered).sorted())")
            #expect(
                covered.subtracting(served).isEmpty,
                "matrix names unknown methods: \(covered.subtracting(served).sorted())")
        }
    }

    /// Every method × every role and anonymous: allowed exactly when the method's declared access
    /// admits the caller's principal.
    @Test(arguments: Caller.allCases)
    func matrix(caller: Caller) async throws {
        try await withFixture { fixture in
            var token: String?
            var principal: Principal?
            if case .role(let role) = caller {
                token = try await fixture.freshToken(role)
                let account = fixture.accounts[role]!
                principal = Principal(
                    kind: .user, id: account.id, tenant: account.tenant, agency: account.agency,
                    roles: Set(account.roles))
            }
            for method in identityMethodCases {
                let expectedAllowed = method.access.admits(principal)
                let error = await rpcError { try await method.invoke(fixture.client, token) }
                if expectedAllowed {
                    #expect(
                        error?.code != 401 && error?.code != 403,
                        "\(caller) should pass \(method.name): \(error.map(String.init(describing:)) ?? "")")
                    #expect(error?.code != -32603, "\(method.name) failed internally for \(caller)")
                } else {
                    let expected = principal == nil ? 401 : 403
                    #expect(
                        error?.code == expected,
                        "\(caller) on \(method.name): expected \(expected), got \(error.map(String.init(describing:)) ?? "success")"
                    )
                }
            }
        }
    }

    @Test func crossTenantAndAgencyLimits() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let vendor = fixture.vendor!
            // A verifier of polman cannot see or decide on a balangan vendor.
            let get = await rpcError {
                _ = try await client.call(VendorGet.self, VendorRef(vendorID: vendor.id), token: fixture.polmanVerifier)
            }
            #expect(get?.code == 404 || get?.code == 403, "\(String(describing: get))")
            let verify = await rpcError {
                _ = try await client.call(
                    VendorVerify.self,
                    VendorVerification(vendorID: vendor.id, version: vendor.version, domicileConfirmed: true),
                    token: fixture.polmanVerifier)
            }
            #expect(verify?.code == 404 || verify?.code == 403, "\(String(describing: verify))")
            let list = try await client.call(VendorList.self, VendorListParams(), token: fixture.polmanVerifier)
            #expect(list.isEmpty)
            // Still registered: nothing changed.
            let still = try await client.call(
                VendorGet.self, VendorRef(vendorID: vendor.id), token: fixture.tokens[.verifier]!)
            #expect(still.status == .registered && still.version == vendor.version)

            // An agency administrator: not in another agency, and not a verifier.
            func params(_ username: String, _ roles: [Role], agency: String?) throws -> AccountCreateParams {
                AccountCreateParams(
                    username: username, email: try EmailAddress("\(username)@pemkab.go.id"), fullName: "X",
                    roles: roles, tenant: "balangan",
                    agency: agency, assignment: AssignmentLetter(number: "1", date: "2026-01-01", issuer: "Bupati"),
                    initialPassword: "initial-pass-1", nip: try NIP("198501012010011001"))
            }
            let admin = fixture.tokens[.agencyAdmin]!
            let otherAgency = await rpcError {
                _ = try await client.call(
                    AccountCreate.self, try params("ppk-pupr", [.ppk], agency: "PUPR"), token: admin)
            }
            #expect(otherAgency?.code == 403)
            let verifier = await rpcError {
                _ = try await client.call(
                    AccountCreate.self, try params("new-verifier", [.verifier], agency: nil), token: admin)
            }
            #expect(verifier?.code == 403)
            let polmanAdmin = await rpcError {
                _ = try await client.call(
                    AccountCreate.self, try params("ppk-x", [.ppk], agency: "DINKES"), token: fixture.polmanAgencyAdmin)
            }
            #expect(polmanAdmin?.code == 403)
            // Its own agency works, and the refused usernames are still free.
            _ = try await client.call(
                AccountCreate.self, try params("ppk-dinkes2", [.ppk], agency: "DINKES"), token: admin)
            _ = try await client.call(
                AccountCreate.self, try params("ppk-pupr", [.ppk], agency: "PUPR"), token: fixture.superAdmin)

            // A user token on a service-only method.
            for role in [Role.superAdmin, .auditor, .developer] {
                let events = await rpcError {
                    _ = try await client.call(EventsRead.self, CursorParams(after: 0), token: fixture.tokens[role]!)
                }
                #expect(events?.code == 403)
            }
        }
    }
}
