import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenTestSupport
import Synchronization
import Testing

/// A clock the test moves by hand, so expiry and staleness need no sleeping.
final class ManualClock: Sendable {
    private let seconds = Mutex<Int64>(1_700_000_000)
    var now: Int64 { seconds.withLock { $0 } }
    func advance(by delta: Int64) { seconds.withLock { $0 += delta } }
}

/// Identity's side, in memory: published keys, the revocation list, and call counters.
final class FakeIdentity: Sendable {
    struct Published {
        var keys: [String: Ed25519PublicKey] = [:]
        var revocations: [RevocationEntry] = []
        var revocationFeedFails = false
        var keyFetches = 0
        var revocationFetches = 0
    }
    let published = Mutex(Published())

    func publish(_ signer: SessionTokenSigner) {
        published.withLock { $0.keys[signer.keyID] = signer.publicKey }
    }

    func revoke(sessionID: String? = nil, principalID: String? = nil, at revokedAt: Int64) {
        published.withLock { p in
            let sequence = (p.revocations.last?.sequence ?? 0) + 1
            p.revocations.append(
                RevocationEntry(
                    sequence: sequence, sessionID: sessionID, principalID: principalID, revokedAt: revokedAt))
        }
    }

    func setRevocationFeedFails(_ fails: Bool) { published.withLock { $0.revocationFeedFails = fails } }
    var keyFetches: Int { published.withLock { $0.keyFetches } }

    /// The `keys` closure of the verifier.
    func keys() throws -> [String: Ed25519PublicKey] {
        published.withLock { p in
            p.keyFetches += 1
            return p.keys
        }
    }

    /// The `revocations` closure: two entries a page, to exercise paging.
    func revocations(after cursor: Int64) throws -> RevocationPage {
        try published.withLock { p in
            p.revocationFetches += 1
            if p.revocationFeedFails { throw TestFailure("identity is unreachable") }
            let page = Array(p.revocations.filter { $0.sequence > cursor }.prefix(2))
            return RevocationPage(entries: page, nextCursor: page.last?.sequence ?? cursor)
        }
    }
}

/// A signer, an identity that publishes its key, a clock, and a verifier wired to them.
struct TokenFixture {
    let clock = ManualClock()
    let identity = FakeIdentity()
    let signer = SessionTokenSigner(keyID: "k1", privateKey: Ed25519PrivateKey())
    let verifier: SessionTokenVerifier

    init(cacheCapacity: Int = 10_000, refreshInterval: Duration = .seconds(15)) {
        identity.publish(signer)
        let identity = identity
        let clock = clock
        verifier = SessionTokenVerifier(
            keys: { try identity.keys() },
            revocations: { try identity.revocations(after: $0) },
            refreshInterval: refreshInterval, cacheCapacity: cacheCapacity, clock: { clock.now })
    }

    /// Claims of a PPK in Balangan, valid for an hour from now.
    func claims(session: String = "s-1", principal: String = "acct-1", issuedAt: Int64? = nil, lifetime: Int64 = 3600)
        -> SessionClaims
    {
        let issued = issuedAt ?? clock.now
        return SessionClaims(
            sessionID: session, principalID: principal, kind: .user, tenant: "balangan", agency: "dinkes",
            roles: [.ppk], issuedAt: issued, expiresAt: issued + lifetime)
    }

    func token(session: String = "s-1", principal: String = "acct-1", issuedAt: Int64? = nil, lifetime: Int64 = 3600)
        throws -> String
    {
        try signer.sign(claims(session: session, principal: principal, issuedAt: issuedAt, lifetime: lifetime))
    }
}

/// The refusal `body` throws, or a test failure if it succeeds or throws something else.
func refusal(_ body: () async throws -> some Any) async -> RPCError? {
    do {
        _ = try await body()
        Issue.record("expected a refusal, got success")
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        Issue.record("expected an RPCError, got \(error)")
        return nil
    }
}

/// The `data.reason` of a token refusal.
func reason(_ error: RPCError?) -> String? { error?.data?["reason"]?.stringValue }

@Suite("SessionToken")
struct SessionTokenTests {
    @Test func signAndVerifyRoundTripGivesThePrincipal() async throws {
        let f = TokenFixture()
        let token = try f.token()
        #expect(token.hasPrefix("v1."))
        #expect(token.split(separator: ".", omittingEmptySubsequences: false).count == 3)
        let principal = try await f.verifier.authenticate(token: token)
        #expect(
            principal
                == Principal(
                    kind: .user, id: "acct-1", tenant: "balangan", agency: "dinkes", roles: [.ppk], sessionID: "s-1"))
        #expect(Access.roles(.ppk).admits(principal))
        #expect(!Access.service.admits(principal))
    }

    @Test func signerStampsItsKeyIDAndWritesCanonicalRoles() throws {
        let f = TokenFixture()
        var claims = f.claims()
        claims.roles = [.verifier, .auditor, .ppk, .auditor]
        claims.keyID = "someone-else"
        let token = try f.signer.sign(claims)
        let parsed = try SessionTokenParsing.claims(ofUnverified: token)
        #expect(parsed.keyID == "k1")
        #expect(parsed.roles == [.auditor, .ppk, .verifier])
        // Same claims, same bytes (Ed25519 is deterministic and the JSON is canonical).
        #expect(try f.signer.sign(claims) == token)
    }

    @Test func signerRefusesClaimsThatCouldNeverVerify() {
        let f = TokenFixture()
        var backwards = f.claims()
        backwards.expiresAt = backwards.issuedAt
        #expect(throws: SecurityError.self) { try f.signer.sign(backwards) }
        var anonymous = f.claims()
        anonymous.principalID = ""
        #expect(throws: SecurityError.self) { try f.signer.sign(anonymous) }
    }

    @Test func serviceTokenGivesAServicePrincipal() async throws {
        let f = TokenFixture()
        let now = f.clock.now
        let token = try f.signer.sign(
            SessionClaims(
                sessionID: "svc-orders-1", principalID: "orders", kind: .service, issuedAt: now, expiresAt: now + 600))
        let principal = try await f.verifier.authenticate(token: token)
        #expect(principal.kind == .service)
        #expect(principal.id == "orders")
        #expect(Access.service.admits(principal))
        #expect(!Access.authenticated.admits(principal))
    }

    @Test func unknownRoleNamesAreDroppedNotFatal() async throws {
        // A token from a newer identity that knows a role this build does not.
        let f = TokenFixture()
        let now = f.clock.now
        let json =
            #"{"agency":null,"exp":\#(now + 60),"iat":\#(now),"kid":"k1","kind":"user","roles":["ppk","future_role"],"sid":"s-9","sub":"acct-9","tenant":"balangan"}"#
        let signingInput = "v1." + Base64URL.encode(Array(json.utf8))
        let key = Ed25519PrivateKey()
        f.identity.published.withLock { $0.keys["k1"] = key.publicKey }
        let token = signingInput + "." + Base64URL.encode(try key.signature(for: Array(signingInput.utf8)))
        let principal = try await f.verifier.authenticate(token: token)
        #expect(principal.roles == [.ppk])
    }

    @Test func tamperedClaimsAreRefused() async throws {
        let f = TokenFixture()
        let token = try f.token()
        let parts = token.split(separator: ".").map(String.init)
        var forged = f.claims()
        forged.roles = [.superAdmin]
        forged.keyID = "k1"
        let forgedToken = parts[0] + "." + Base64URL.encode(try JSONCoding.encode(forged)) + "." + parts[2]
        let error = await refusal { try await f.verifier.authenticate(token: forgedToken) }
        #expect(error?.applicationCode == .unauthenticated)
        #expect(reason(error) == "invalid_signature")
        #expect(error?.message.contains("invalid signature") == true)
    }

    @Test func tamperedSignatureIsRefused() async throws {
        let f = TokenFixture()
        let token = try f.token()
        let parts = token.split(separator: ".").map(String.init)
        var signature = try #require(Base64URL.decode(parts[2]))
        signature[10] ^= 0x01
        let tampered = parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)
        let error = await refusal { try await f.verifier.authenticate(token: tampered) }
        #expect(error?.applicationCode == .unauthenticated)
        #expect(reason(error) == "invalid_signature")
        // The genuine token still works: a failure is not cached against it.
        _ = try await f.verifier.authenticate(token: token)
    }

    @Test func tokenSignedByAnotherKeyUnderAKnownIDIsRefused() async throws {
        let f = TokenFixture()
        let impostor = SessionTokenSigner(keyID: "k1", privateKey: Ed25519PrivateKey())
        let error = await refusal { try await f.verifier.authenticate(token: try impostor.sign(f.claims())) }
        #expect(reason(error) == "invalid_signature")
    }

    @Test func unknownKeyIDIsRefusedAfterOneRateLimitedRefetch() async throws {
        let f = TokenFixture()
        _ = try await f.verifier.authenticate(token: try f.token())
        #expect(f.identity.keyFetches == 1)
        f.clock.advance(by: 11)  // past the 10-second refetch limit
        let stranger = SessionTokenSigner(keyID: "k-unknown", privateKey: Ed25519PrivateKey())
        let token = try stranger.sign(f.claims(session: "s-2"))
        let error = await refusal { try await f.verifier.authenticate(token: token) }
        #expect(error?.applicationCode == .unauthenticated)
        #expect(reason(error) == "unknown_key")
        #expect(f.identity.keyFetches == 2)
        // A second try within the limit is refused without asking identity again.
        _ = await refusal { try await f.verifier.authenticate(token: token) }
        #expect(f.identity.keyFetches == 2)
    }

    @Test func rotatedKeyIsPickedUpByTheRefetch() async throws {
        let f = TokenFixture()
        _ = try await f.verifier.authenticate(token: try f.token())
        let next = SessionTokenSigner(keyID: "k2", privateKey: Ed25519PrivateKey())
        f.identity.publish(next)
        f.clock.advance(by: 11)
        let principal = try await f.verifier.authenticate(token: try next.sign(f.claims(session: "s-2")))
        #expect(principal.sessionID == "s-2")
        #expect(f.identity.keyFetches == 2)
    }

    @Test func withdrawnKeyStopsVerifyingCachedTokens() async throws {
        let f = TokenFixture()
        let old = try f.token()
        _ = try await f.verifier.authenticate(token: old)
        // Identity rotates to k2 and withdraws k1; the first k2 token triggers the refetch.
        let next = SessionTokenSigner(keyID: "k2", privateKey: Ed25519PrivateKey())
        f.identity.published.withLock { $0.keys = ["k2": next.publicKey] }
        f.clock.advance(by: 11)
        _ = try await f.verifier.authenticate(token: try next.sign(f.claims(session: "s-2")))
        let error = await refusal { try await f.verifier.authenticate(token: old) }
        #expect(reason(error) == "unknown_key")
    }

    @Test func expiredTokenIsRefused() async throws {
        let f = TokenFixture()
        let token = try f.token(issuedAt: f.clock.now - 3600, lifetime: 3600)
        let error = await refusal { try await f.verifier.authenticate(token: token) }
        #expect(error?.applicationCode == .unauthenticated)
        #expect(reason(error) == "expired")
        #expect(error?.message.contains("expired") == true)
    }

    @Test func cachedTokenIsRefusedOnceItExpires() async throws {
        let f = TokenFixture()
        let token = try f.token(lifetime: 100)
        _ = try await f.verifier.authenticate(token: token)
        f.clock.advance(by: 99)
        await f.verifier.refreshRevocations()  // keep the revocation set fresh across the jump
        _ = try await f.verifier.authenticate(token: token)
        f.clock.advance(by: 1)
        let error = await refusal { try await f.verifier.authenticate(token: token) }
        #expect(reason(error) == "expired")
        #expect(f.verifier.signatureVerifications == 1)
    }

    @Test func tokenLongerLivedThanTheMaximumIsRefused() async throws {
        let f = TokenFixture()
        let token = try f.token(lifetime: 24 * 3600 + 1)
        let error = await refusal { try await f.verifier.authenticate(token: token) }
        #expect(error?.applicationCode == .unauthenticated)
        #expect(reason(error) == "invalid_claims")
    }

    @Test func revokedSessionIsRefusedAfterTheNextRefresh() async throws {
        let f = TokenFixture()
        let token = try f.token(session: "s-out")
        let other = try f.token(session: "s-stays")
        _ = try await f.verifier.authenticate(token: token)
        _ = try await f.verifier.authenticate(token: other)
        f.identity.revoke(sessionID: "s-out", at: f.clock.now)
        // Until the next poll the verifier cannot know; that window is the refresh interval.
        _ = try await f.verifier.authenticate(token: token)
        await f.verifier.refreshRevocations()
        let error = await refusal { try await f.verifier.authenticate(token: token) }
        #expect(error?.applicationCode == .unauthenticated)
        #expect(reason(error) == "revoked")
        #expect(error?.message.contains("revoked") == true)
        _ = try await f.verifier.authenticate(token: other)
        // Uncached, the same session is refused too.
        let sibling = try f.token(session: "s-out")
        #expect(reason(await refusal { try await f.verifier.authenticate(token: sibling) }) == "revoked")
    }

    @Test func principalRevocationCoversTokensIssuedUpToItOnly() async throws {
        let f = TokenFixture()
        let before = try f.token(session: "s-a", issuedAt: f.clock.now - 10)
        let atCutoff = try f.token(session: "s-b")
        f.identity.revoke(principalID: "acct-1", at: f.clock.now)
        let after = try f.token(session: "s-c", issuedAt: f.clock.now + 1)
        let unrelated = try f.token(session: "s-d", principal: "acct-2", issuedAt: f.clock.now - 10)
        await f.verifier.refreshRevocations()
        #expect(reason(await refusal { try await f.verifier.authenticate(token: before) }) == "revoked")
        #expect(reason(await refusal { try await f.verifier.authenticate(token: atCutoff) }) == "revoked")
        #expect(try await f.verifier.authenticate(token: after).sessionID == "s-c")
        #expect(try await f.verifier.authenticate(token: unrelated).id == "acct-2")
    }

    @Test func refreshReadsEveryPageOfTheRevocationList() async throws {
        let f = TokenFixture()
        var tokens: [String] = []
        for n in 1...5 {
            tokens.append(try f.token(session: "s-\(n)"))
            f.identity.revoke(sessionID: "s-\(n)", at: f.clock.now)
        }
        await f.verifier.refreshRevocations()  // the fake serves two entries a page
        for token in tokens {
            #expect(reason(await refusal { try await f.verifier.authenticate(token: token) }) == "revoked")
        }
    }

    @Test func sameTokenThousandTimesCostsOneSignatureVerification() async throws {
        let f = TokenFixture()
        let token = try f.token()
        for _ in 0..<1000 {
            _ = try await f.verifier.authenticate(token: token)
        }
        #expect(f.verifier.signatureVerifications == 1)
        #expect(f.verifier.cachedTokenCount == 1)
    }

    @Test func verifyWithoutCacheVerifiesEveryTime() async throws {
        let f = TokenFixture()
        let token = try f.token()
        _ = try await f.verifier.authenticate(token: token)  // fetches the keys
        for _ in 0..<3 {
            #expect(try f.verifier.verifyWithoutCache(token: token).principalID == "acct-1")
        }
        #expect(f.verifier.signatureVerifications == 4)
    }

    @Test func cacheIsBoundedAndEvictsTheOldestFirst() async throws {
        let f = TokenFixture(cacheCapacity: 4)
        let tokens = try (1...5).map { try f.token(session: "s-\($0)") }
        for token in tokens { _ = try await f.verifier.authenticate(token: token) }
        #expect(f.verifier.cachedTokenCount <= 4)
        #expect(f.verifier.signatureVerifications == 5)
        // The newest are still cached; the oldest was evicted and costs a verification again.
        for token in tokens.suffix(3) { _ = try await f.verifier.authenticate(token: token) }
        #expect(f.verifier.signatureVerifications == 5)
        _ = try await f.verifier.authenticate(token: tokens[0])
        #expect(f.verifier.signatureVerifications == 6)
        #expect(f.verifier.cachedTokenCount <= 4)
    }

    @Test func failsClosedWhenTheRevocationFeedStaysDown() async throws {
        let f = TokenFixture()
        let token = try f.token()
        _ = try await f.verifier.authenticate(token: token)
        f.identity.setRevocationFeedFails(true)
        f.clock.advance(by: 30)
        await f.verifier.refreshRevocations()
        _ = try await f.verifier.authenticate(token: token)  // still within maxStaleness
        f.clock.advance(by: 30)
        await f.verifier.refreshRevocations()
        let error = await refusal { try await f.verifier.authenticate(token: token) }
        #expect(error?.applicationCode == .dependencyUnavailable)
        // Uncached tokens are refused the same way.
        let fresh = try f.token(session: "s-2")
        #expect(
            await refusal { try await f.verifier.authenticate(token: fresh) }?.applicationCode == .dependencyUnavailable
        )
        // Identity comes back: the next poll restores service.
        f.identity.setRevocationFeedFails(false)
        await f.verifier.refreshRevocations()
        _ = try await f.verifier.authenticate(token: token)
        _ = try await f.verifier.authenticate(token: fresh)
    }

    @Test func refusesTokensUntilTheRevocationListHasLoadedOnce() async throws {
        let f = TokenFixture()
        f.identity.setRevocationFeedFails(true)
        let token = try f.token()
        let error = await refusal { try await f.verifier.authenticate(token: token) }
        #expect(error?.applicationCode == .dependencyUnavailable)
        f.identity.setRevocationFeedFails(false)
        f.clock.advance(by: 1)  // the first-load retry is limited to once a second
        _ = try await f.verifier.authenticate(token: token)
        #expect(f.verifier.lastRevocationRefresh == f.clock.now)
    }

    @Test func periodicRefreshPicksUpRevocationsOnItsOwn() async throws {
        let f = TokenFixture(refreshInterval: .milliseconds(20))
        let token = try f.token()
        _ = try await f.verifier.authenticate(token: token)
        f.verifier.startPeriodicRefresh()
        defer { f.verifier.stop() }
        f.identity.revoke(sessionID: "s-1", at: f.clock.now)
        let deadline = ContinuousClock.now + .seconds(5)
        var revoked = false
        while !revoked && ContinuousClock.now < deadline {
            do {
                _ = try await f.verifier.authenticate(token: token)
                try await Task.sleep(for: .milliseconds(10))
            } catch let error as RPCError {
                revoked = reason(error) == "revoked"
            }
        }
        #expect(revoked)
    }

    static let malformedTokens: [String] = {
        let claims = Base64URL.encode(Array(#"{"sid":"s"}"#.utf8))
        let signature = Base64URL.encode([UInt8](repeating: 7, count: 64))
        let goodShape = Base64URL.encode(
            Array(#"{"exp":2,"iat":1,"kid":"k1","kind":"user","roles":[],"sid":"s","sub":"a"}"#.utf8))
        return [
            "",
            "v1.\(claims)",
            "v1..",
            "v1.\(claims).\(signature).extra",
            "v2.\(goodShape).\(signature)",
            "v1.!!!.\(signature)",
            "v1.\(goodShape).\(Base64URL.encode([1, 2, 3]))",
            "v1.\(Base64URL.encode(Array("not json".utf8))).\(signature)",
            "v1.\(claims).\(signature)",  // JSON, but not claims
            "v1.\(Base64URL.encode(Array(#"{"exp":2,"iat":1,"kid":"k1","kind":"robot","roles":[],"sid":"s","sub":"a"}"#.utf8))).\(signature)",
            "v1.\(goodShape).\(signature) ",
            "v1.\u{212A}\(goodShape.dropFirst()).\(signature)",
            "v1." + String(repeating: "A", count: 10_000) + ".\(signature)",
            "Bearer v1.\(goodShape).\(signature)",
        ]
    }()

    @Test(arguments: malformedTokens)
    func malformedTokenIsRefusedNotCrashed(_ token: String) async throws {
        let f = TokenFixture()
        let error = await refusal { try await f.verifier.authenticate(token: token) }
        #expect(error?.applicationCode == .unauthenticated)
        #expect(reason(error) == "malformed")
        #expect(error?.message.contains("malformed") == true)
        #expect(throws: RPCError.self) { try SessionTokenParsing.claims(ofUnverified: token) }
    }

    @Test func concurrentAuthenticationsAllSucceed() async throws {
        let f = TokenFixture()
        let tokens = try (0..<10).map { try f.token(session: "s-\($0)", principal: "acct-\($0)") }
        let verifier = f.verifier
        let principals = try await withThrowingTaskGroup(of: Principal.self) { group in
            for n in 0..<200 {
                let token = tokens[n % tokens.count]
                group.addTask { try await verifier.authenticate(token: token) }
            }
            return try await group.reduce(into: [Principal]()) { $0.append($1) }
        }
        #expect(principals.count == 200)
        #expect(Set(principals.map(\.id)).count == 10)
        #expect(f.identity.keyFetches == 1)
    }
}
