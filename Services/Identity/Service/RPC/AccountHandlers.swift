import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// Tenants, agencies, accounts, sign-in and sessions.
struct AccountHandlers {
    let context: IdentityContext

    func register(into table: inout RPCMethodTable) {
        table.register(TenantCreate.self) { params, request in try await createTenant(params, request) }
        table.register(TenantList.self) { _, _ in try await listTenants() }
        table.register(AgencyCreate.self) { params, request in try await createAgency(params, request) }
        table.register(AgencyList.self) { params, request in try await listAgencies(params, request) }
        table.register(AccountCreate.self) { params, request in try await createAccount(params, request) }
        table.register(AccountList.self) { params, request in try await listAccounts(params, request) }
        table.register(AccountResetPassword.self) { params, request in try await resetPassword(params, request) }
        table.register(AccountDisable.self) { params, request in try await disable(params, request) }
        table.register(AccountUpdateProfile.self) { params, request in try await updateProfile(params, request) }
        table.register(AccountDirectory.self) { params, request in try await directory(params, request) }
        table.register(AgencyUpdate.self) { params, request in try await updateAgency(params, request) }
        table.register(TenantUpdate.self) { params, request in try await updateTenant(params, request) }
        table.register(TenantSetEmblem.self) { params, request in try await setEmblem(params, request) }
        table.register(TenantEmblemRead.self) { params, request in try await emblem(params, request) }
        table.register(AuthSignIn.self) { params, request in try await signIn(params, request) }
        table.register(AuthSignOut.self) { _, request in try await signOut(request) }
        table.register(AuthChangePassword.self) { params, request in try await changePassword(params, request) }
        table.register(AuthWhoAmI.self) { _, request in try await whoAmI(request) }
        table.register(AccountOfficial.self) { params, _ in
            let account = try await context.database.read { db in try AccountStore.account(db, id: params.accountID) }
            return OfficialSummary(
                id: account.id, fullName: account.fullName, roles: account.roles, tenant: account.tenant,
                agency: account.agency, status: account.status)
        }
        table.register(AuthPublicKeys.self) { _, _ in
            // The current key and every earlier one, so tokens signed before a rotation verify.
            try await context.database.read { try SigningKeys.publicKeys($0) }.sorted { $0.key < $1.key }.map {
                PublicKeyInfo(keyID: $0.key, publicKey: Base64URL.encode($0.value.rawRepresentation))
            }
        }
        table.register(AuthRevocations.self) { params, _ in try await revocations(params) }
    }

    // MARK: Tenants and agencies

    func createTenant(_ params: TenantInfo, _ request: RequestContext) async throws -> TenantInfo {
        try InputRules.requirePrintableStrings(in: params)
        let code = params.code
        // Printed on every document and part of their numbers: ASCII only, so no look-alike letters.
        try InputRules.requireCode(code, field: "code", length: 2...32, lowercaseOnly: true)
        try InputRules.requireText(params.name, field: "name", max: 200)
        var tenant = params
        tenant.domicileRegionCodes = try TenantRules.domicileRegions(params.domicileRegionCodes)
        tenant.governmentName = params.governmentName ?? "Pemerintah \(params.name)"
        try TenantRules.requirePrintedNames(governmentName: tenant.governmentName!, seat: params.seat)
        tenant.emblemSHA256 = nil
        tenant.version = 1
        let principal = try request.requirePrincipal()
        let regions = try JSONColumn.text(tenant.domicileRegionCodes)
        let at = context.now()
        return try await context.database.write { [tenant] db in
            if try TenantStore.exists(db, code: code) {
                throw RPCError.conflict("tenant \(code) exists already")
            }
            try TenantStore.insert(db, tenant, regions: regions, at: at)
            try AuditTrail.append(
                db, tenant: code, actor: principal, method: TenantCreate.name, targetType: "tenant", targetID: code,
                action: "created", before: nil, after: try JSONCoding.value(tenant), at: at)
            try EventFeed.publish(TenantCreated.self, tenant, db: db, tenant: code, subjectID: code, at: at)
            return tenant
        }
    }

    func listTenants() async throws -> [TenantInfo] {
        try await context.database.read { db in try TenantStore.list(db) }
    }

    func createAgency(_ params: AgencyInfo, _ request: RequestContext) async throws -> AgencyInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        // Printed on every document and part of their numbers: ASCII only, so no look-alike letters.
        try InputRules.requireCode(params.code, field: "code", length: 2...32, extra: ["."])
        try TenantRules.requireAgencyData(params)
        var agency = params
        agency.version = 1
        let at = context.now()
        return try await context.database.write { [agency] db in
            let params = agency
            guard try TenantStore.exists(db, code: params.tenant) else {
                throw RPCError.validationFailed(field: "tenant", reason: "no tenant \(params.tenant)")
            }
            if try TenantStore.agencyExists(db, tenant: params.tenant, code: params.code) {
                throw RPCError.conflict("agency \(params.code) exists already in \(params.tenant)")
            }
            try TenantStore.insertAgency(db, params, at: at)
            try AuditTrail.append(
                db, tenant: params.tenant, actor: principal, method: AgencyCreate.name, targetType: "agency",
                targetID: "\(params.tenant)/\(params.code)", action: "created", before: nil,
                after: try JSONCoding.value(params), at: at)
            try EventFeed.publish(
                AgencyCreated.self, params, db: db, tenant: params.tenant, subjectID: params.code, at: at)
            return params
        }
    }

    func listAgencies(_ params: TenantScope, _ request: RequestContext) async throws -> [AgencyInfo] {
        let principal = try request.requirePrincipal()
        guard let tenant = params.tenant ?? principal.tenant else {
            throw RPCError.validationFailed(field: "tenant", reason: "is required for callers without a tenant")
        }
        try principal.requireTenant(tenant, reading: true)
        return try await context.database.read { db in try TenantStore.agencies(db, tenant: tenant) }
    }

    // MARK: Accounts

    func createAccount(_ params: AccountCreateParams, _ request: RequestContext) async throws -> AccountInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        var problems: [FieldError] = []
        if let problem = AccountRules.usernameProblem(params.username) { problems.append(problem) }
        if let problem = AccountRules.passwordProblem(
            params.initialPassword, username: params.username, field: "initialPassword")
        {
            problems.append(problem)
        }
        // Printed as the signatory on Surat Pesanan and BAST: one line, printable, bounded.
        for (field, value, max) in [
            ("fullName", params.fullName, 200), ("assignment.number", params.assignment.number, 100),
            ("assignment.issuer", params.assignment.issuer, 200),
        ] {
            do { try InputRules.requireText(value, field: field, max: max) } catch let error as RPCError {
                problems += InputRules.fields(of: error)
            }
        }
        let roles = Set(params.roles)
        problems += AccountRules.profileProblems(
            roles: roles, nip: params.nip, rank: params.rank, position: params.position,
            civilServant: params.civilServant)
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        try InputRules.requireCivilDate(params.assignment.date, field: "assignment.date")
        if let refusal = AccountRules.refusal(
            creator: principal, roles: roles, tenant: params.tenant, agency: params.agency)
        {
            throw refusal
        }
        let hash = try await context.hasher.hash(params.initialPassword)
        let id = IdentityContext.newID()
        let at = context.now()
        let sortedRoles = roles.map(\.rawValue).sorted()
        return try await context.database.write { db in
            if let tenant = params.tenant {
                guard try TenantStore.exists(db, code: tenant) else {
                    throw RPCError.validationFailed(field: "tenant", reason: "no tenant \(tenant)")
                }
                if let agency = params.agency, try !TenantStore.agencyExists(db, tenant: tenant, code: agency) {
                    throw RPCError.validationFailed(field: "agency", reason: "no agency \(agency) in \(tenant)")
                }
            }
            try AccountStore.refuseTaken(db, username: params.username, email: params.email.value)
            try AccountStore.insert(db, id: id, params, roles: sortedRoles, passwordHash: hash, at: at)
            let account = try AccountStore.account(db, id: id)
            try AuditTrail.append(
                db, tenant: params.tenant, actor: principal, method: AccountCreate.name, targetType: "account",
                targetID: id, action: "created", before: nil, after: try JSONCoding.value(account), at: at)
            try EventFeed.publish(AccountCreated.self, account, db: db, tenant: params.tenant, subjectID: id, at: at)
            return account
        }
    }

    func listAccounts(_ params: TenantScope, _ request: RequestContext) async throws -> [AccountInfo] {
        let principal = try request.requirePrincipal()
        let tenant = params.tenant ?? principal.tenant
        if let tenant { try principal.requireTenant(tenant, reading: true) }
        let agencyOnly = principal.has(.superAdmin) ? nil : principal.agency
        if !principal.has(.superAdmin) && agencyOnly == nil {
            throw RPCError.forbidden("an agency administrator needs an agency")
        }
        return try await context.database.read { db in try AccountStore.list(db, tenant: tenant, agency: agencyOnly) }
    }

    func resetPassword(_ params: PasswordResetParams, _ request: RequestContext) async throws -> AccountInfo {
        let principal = try request.requirePrincipal()
        let current = try await context.database.read { db in
            try AccountStore.administered(db, id: params.accountID, by: principal)
        }
        if let problem = AccountRules.passwordProblem(
            params.temporaryPassword, username: current.username, field: "temporaryPassword")
        {
            throw RPCError.validationFailed([problem])
        }
        let hash = try await context.hasher.hash(params.temporaryPassword)
        let at = context.now()
        let unix = context.unixNow
        let reset = try await context.database.write { db in
            let before = try AccountStore.administered(db, id: params.accountID, by: principal)
            try AccountStore.setTemporaryPassword(db, id: params.accountID, passwordHash: hash, at: at)
            try SessionStore.revokePrincipal(db, principalID: params.accountID, at: unix)
            let after = try AccountStore.account(db, id: params.accountID)
            try AuditTrail.append(
                db, tenant: after.tenant, actor: principal, method: AccountResetPassword.name, targetType: "account",
                targetID: after.id, action: "password_reset", before: try JSONCoding.value(before),
                after: try JSONCoding.value(after), at: at)
            return after
        }
        context.throttle.forget(params.accountID)  // the new temporary password starts a fresh count
        return reset
    }

    func disable(_ params: AccountRef, _ request: RequestContext) async throws -> AccountInfo {
        let principal = try request.requirePrincipal()
        if params.accountID == principal.id { throw RPCError.conflict("you cannot disable your own account") }
        let at = context.now()
        let unix = context.unixNow
        return try await context.database.write { db in
            let before = try AccountStore.administered(db, id: params.accountID, by: principal)
            try AccountStore.disable(db, id: params.accountID, at: at)
            try SessionStore.revokePrincipal(db, principalID: params.accountID, at: unix)
            let after = try AccountStore.account(db, id: params.accountID)
            try AuditTrail.append(
                db, tenant: after.tenant, actor: principal, method: AccountDisable.name, targetType: "account",
                targetID: after.id, action: "disabled", before: try JSONCoding.value(before),
                after: try JSONCoding.value(after), at: at)
            try EventFeed.publish(
                AccountDisabled.self, after, db: db, tenant: after.tenant, subjectID: after.id, at: at)
            return after
        }
    }

    func updateProfile(_ params: AccountProfileParams, _ request: RequestContext) async throws -> AccountInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        try InputRules.requireText(params.fullName, field: "fullName", max: 200)
        let at = context.now()
        return try await context.database.write { db in
            let before = try AccountStore.administered(db, id: params.accountID, by: principal)
            guard before.vendorID == nil else {
                throw RPCError.conflict(
                    "a vendor's account has no official's profile; the vendor corrects its registration")
            }
            let problems = AccountRules.profileProblems(
                roles: Set(before.roles), nip: params.nip, rank: params.rank, position: params.position,
                civilServant: params.civilServant)
            if !problems.isEmpty { throw RPCError.validationFailed(problems) }
            try AccountStore.setProfile(db, params, at: at)
            let after = try AccountStore.account(db, id: params.accountID)
            try AuditTrail.append(
                db, tenant: after.tenant, actor: principal, method: AccountUpdateProfile.name, targetType: "account",
                targetID: after.id, action: "profile_updated", before: try JSONCoding.value(before),
                after: try JSONCoding.value(after), at: at)
            try EventFeed.publish(AccountUpdated.self, after, db: db, tenant: after.tenant, subjectID: after.id, at: at)
            return after
        }
    }

    func directory(_ params: TenantScope, _ request: RequestContext) async throws -> [DirectoryEntry] {
        let principal = try request.requirePrincipal()
        let tenant = params.tenant ?? principal.tenant
        if let tenant {
            try principal.requireTenant(tenant, reading: true)
        } else if !principal.has(.superAdmin) && !principal.has(.monitor) {
            throw RPCError.validationFailed(field: "tenant", reason: "is required for callers without a tenant")
        }
        return try await context.database.read { db in try AccountStore.directory(db, tenant: tenant) }
    }

    // MARK: Sign-in and sessions

    /// The refusal of a wrong login or password, the same for known and unknown logins; when a
    /// delay now applies it says how long.
    static func wrongCredentials(retryAfter: Int64) -> RPCError {
        var error = RPCError.unauthenticated("The username/email or password is wrong")
        if retryAfter > 0 { error.data = ["kind": "unauthenticated", "retryAfterSeconds": .integer(retryAfter)] }
        return error
    }

    /// The source to throttle by: only a gateway's (see ``SignInParams/gatewayPrincipalID``).
    static func assertedSource(_ source: String?, by principal: Principal?) throws -> String? {
        guard let source else { return nil }
        guard principal?.kind == .service, principal?.id == SignInParams.gatewayPrincipalID else {
            throw RPCError(
                code: ApplicationErrorCode.forbidden.rawValue,
                message: "source is set by the web gateway from the network, never by the client; leave it out",
                data: [
                    "kind": "forbidden",
                    "fields": [
                        ["field": "source", "reason": .string("only \(SignInParams.gatewayPrincipalID) may assert it")]
                    ],
                ])
        }
        guard (1...64).contains(source.utf8.count), source.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw RPCError.validationFailed(field: "source", reason: "must be 1 to 64 printable ASCII characters")
        }
        return source
    }

    func signIn(_ params: SignInParams, _ request: RequestContext) async throws -> SessionInfo {
        let source = try Self.assertedSource(params.source, by: request.principal)
        let now = context.unixNow
        if let source, let wait = context.throttle.sourceWait(source, now: now) {
            throw RPCError.rateLimited(retryAfterSeconds: wait)
        }
        let login = params.login.lowercased()
        let found = try await context.database.read { db in try AccountStore.credentials(db, login: login) }
        // Unknown logins are throttled like accounts, under their own key, and checked against a
        // dummy hash: answers and timing are the same whether the login exists or not.
        let key = found?.id ?? "login:" + login
        if case .wait(let seconds) = context.throttle.begin(
            key, persisted: found.map { ($0.failures, $0.notBefore) }, now: now)
        {
            throw RPCError.rateLimited(retryAfterSeconds: seconds)
        }
        let verification: PasswordVerification
        do {
            verification = try await context.hasher.verify(
                params.password, against: found?.hash ?? context.dummyPasswordHash)
        } catch {
            context.throttle.finish(key, .abandoned)
            throw error
        }
        guard let found, case .valid(let needsRehash) = verification else {
            let state = context.throttle.finish(key, .failure(now: now))
            if let source { context.throttle.recordSourceFailure(source, now: now) }
            if let found {
                try await recordFailure(
                    accountID: found.id, state: state, method: AuthSignIn.name, actor: nil, action: "sign_in_failed")
            }
            throw Self.wrongCredentials(retryAfter: max(0, state.notBefore - now))
        }
        context.throttle.finish(key, .success)
        let newHash = needsRehash ? try await context.hasher.hash(params.password) : nil
        return try await startSession(accountID: found.id, newPasswordHash: newHash, method: AuthSignIn.name)
    }

    /// Stores an account's failure count and next allowed attempt, and audits the failure.
    func recordFailure(
        accountID: String, state: SignInThrottle.LoginState, method: String, actor: Principal?, action: String
    ) async throws {
        let at = context.now()
        try await context.database.write { db in
            try AccountStore.setFailures(db, id: accountID, failures: state.failures, notBefore: state.notBefore)
            let tenant = try AccountStore.tenant(db, id: accountID)
            try AuditTrail.append(
                db, tenant: tenant, actor: actor, method: method, targetType: "account", targetID: accountID,
                action: action, before: nil,
                after: ["failedAttempts": .integer(state.failures), "nextAttemptAt": .integer(state.notBefore)], at: at)
        }
    }

    /// Opens a session for an account that proved its password.
    func startSession(accountID: String, newPasswordHash: String?, method: String) async throws -> SessionInfo {
        let at = context.now()
        let now = context.unixNow
        let sessionID = IdentityContext.newID()
        let lifetime = context.sessionLifetime
        let (account, claims): (AccountInfo, SessionClaims) = try await context.database.write { db in
            let account = try AccountStore.account(db, id: accountID)
            guard account.status == "active" else { throw RPCError.forbidden("this account is disabled") }
            if let vendorID = account.vendorID {
                try VendorStore.refuseInactiveVendorSignIn(db, vendorID: vendorID, at: at)
            }
            if let newPasswordHash {
                try AccountStore.setPasswordHash(db, id: accountID, passwordHash: newPasswordHash)
            }
            try AccountStore.setFailures(db, id: accountID, failures: 0, notBefore: 0)
            try SessionStore.open(db, id: sessionID, accountID: accountID, issuedAt: now, expiresAt: now + lifetime)
            try AuditTrail.append(
                db, tenant: account.tenant, actor: Principal(kind: .user, id: accountID), method: method,
                targetType: "session", targetID: sessionID, action: "signed_in", before: nil,
                after: ["accountId": .string(accountID)], at: at)
            let claims = SessionClaims(
                sessionID: sessionID, principalID: accountID, kind: .user, tenant: account.tenant,
                agency: account.agency,
                vendorID: account.vendorID, roles: account.mustChangePassword ? [] : account.roles, issuedAt: now,
                expiresAt: now + lifetime)
            return (account, claims)
        }
        let token = try context.signer.sign(claims)
        return SessionInfo(
            token: token, sessionID: sessionID, expiresAt: claims.expiresAt,
            mustChangePassword: account.mustChangePassword, account: account)
    }

    func signOut(_ request: RequestContext) async throws -> EmptyParams {
        let principal = try request.requirePrincipal()
        guard let sessionID = principal.sessionID else { return EmptyParams() }
        let at = context.now()
        let now = context.unixNow
        try await context.database.write { db in
            guard try SessionStore.end(db, id: sessionID, at: now) else { return }
            try AuditTrail.append(
                db, tenant: principal.tenant, actor: principal, method: AuthSignOut.name, targetType: "session",
                targetID: sessionID, action: "signed_out", before: nil, after: nil, at: at)
        }
        return EmptyParams()
    }

    func changePassword(_ params: PasswordChangeParams, _ request: RequestContext) async throws -> SessionInfo {
        let principal = try request.requirePrincipal()
        let (username, hash) = try await context.database.read { db in
            try AccountStore.usernameAndPasswordHash(db, id: principal.id)
        }
        // A wrong current password counts toward the account's delays, like a failed sign-in.
        let now = context.unixNow
        let persisted = try await context.database.read { db in try AccountStore.failures(db, id: principal.id) }
        if case .wait(let seconds) = context.throttle.begin(principal.id, persisted: persisted, now: now) {
            throw RPCError.rateLimited(retryAfterSeconds: seconds)
        }
        let verification: PasswordVerification
        do {
            verification = try await context.hasher.verify(params.currentPassword, against: hash)
        } catch {
            context.throttle.finish(principal.id, .abandoned)
            throw error
        }
        guard verification.isValid else {
            let state = context.throttle.finish(principal.id, .failure(now: now))
            try await recordFailure(
                accountID: principal.id, state: state, method: AuthChangePassword.name, actor: principal,
                action: "password_change_failed")
            throw RPCError.validationFailed(field: "currentPassword", reason: "is wrong")
        }
        context.throttle.finish(principal.id, .success)
        var problems: [FieldError] = []
        if let problem = AccountRules.passwordProblem(params.newPassword, username: username, field: "newPassword") {
            problems.append(problem)
        }
        if params.newPassword == params.currentPassword {
            problems.append(FieldError(field: "newPassword", reason: "must differ from the current password"))
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        let newHash = try await context.hasher.hash(params.newPassword)
        let at = context.now()
        try await context.database.write { db in
            try AccountStore.setChangedPassword(db, id: principal.id, passwordHash: newHash, at: at)
            try SessionStore.revokePrincipal(db, principalID: principal.id, at: now)
            try AuditTrail.append(
                db, tenant: principal.tenant, actor: principal, method: AuthChangePassword.name, targetType: "account",
                targetID: principal.id, action: "password_changed", before: nil, after: nil, at: at)
        }
        return try await startSession(accountID: principal.id, newPasswordHash: nil, method: AuthChangePassword.name)
    }

    func whoAmI(_ request: RequestContext) async throws -> AccountInfo {
        let principal = try request.requirePrincipal()
        return try await context.database.read { db in try AccountStore.account(db, id: principal.id) }
    }

    func revocations(_ params: CursorParams) async throws -> RevocationPage {
        let limit = try params.pageLimit(default: 1000, maximum: 1000)
        return try await context.database.read { db in
            try SessionStore.revocationPage(db, after: params.after, limit: limit)
        }
    }
}
