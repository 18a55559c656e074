// Session tokens: the verifier every service uses, caching verified tokens; its keys and its
// revocation list are in SessionTokenVerifier+Keys.swift and SessionTokenVerifier+Revocations.swift.
import Foundation
import SiOpenProtocol
import SiOpenSecurity
import Synchronization

// MARK: - Verification

/// Verifies session tokens locally: the ``RequestAuthenticator`` every service but identity uses.
///
/// - A token's Ed25519 signature (about 110 µs) is checked once; the verified claims are then
///   cached (by SHA-256 of the token, bounded, oldest evicted first) and a repeat only re-checks
///   expiry and revocation, which costs a hash and a dictionary lookup.
/// - Public keys come from the `keys` closure (identity's `auth.publicKeys`), fetched on first
///   use and refetched when a token names an unknown key id, at most once per
///   `keyRefetchInterval`, so a flood of forged key ids cannot hammer identity.
/// - Revocations come from the `revocations` closure, polled every `refreshInterval` by
///   ``startPeriodicRefresh()``. If no poll has succeeded for `maxStaleness`, every token is
///   refused with ``RPCError/dependencyUnavailable(_:)``: a verifier that cannot hear about
///   sign-outs must not keep honouring them (fail closed).
/// - Identity must never sign a token longer-lived than `maxTokenLifetime`; the verifier refuses
///   such tokens, which is what lets it forget revocations older than that.
public final class SessionTokenVerifier: RequestAuthenticator {
    /// How long the verifier trusts its revocation set without a successful poll.
    public let maxStaleness: Duration
    /// How often ``startPeriodicRefresh()`` polls the revocation list.
    public let refreshInterval: Duration
    /// The longest token lifetime (expiry minus issue) accepted.
    public let maxTokenLifetime: Duration
    /// The least time between two key fetches triggered by unknown key ids.
    public let keyRefetchInterval: Duration

    let fetchKeys: @Sendable () async throws -> [String: Ed25519PublicKey]
    let fetchRevocations: @Sendable (_ after: Int64) async throws -> RevocationPage
    let clock: @Sendable () -> Int64
    let state: ParkingLock<State>
    private let verificationCount = Atomic<Int>(0)

    /// The most pages one refresh reads, so a feed that never ends cannot trap the poller.
    static let maxPagesPerRefresh = 100

    /// Everything mutable, behind one lock. Held only for lookups and bookkeeping, never across
    /// an `await` or a signature check.
    struct State {
        var keys: [String: Ed25519PublicKey] = [:]
        var lastKeyFetchAttempt: Int64?
        var lastKeyFetchFailed = false
        var keyFetch: Task<Void, Never>?

        var revocations = RevocationSet()
        var revocationCursor: Int64 = 0
        var lastRevocationSuccess: Int64?
        var lastRevocationAttempt: Int64?
        var revocationRefresh: Task<Void, Never>?

        var cache: VerifiedTokenCache
        var periodicRefresh: Task<Void, Never>?
    }

    /// Creates a verifier. Nothing is fetched until the first token or ``refreshRevocations()``.
    /// - Parameters:
    ///   - keys: identity's current signing keys by key id.
    ///   - revocations: revocation entries after a cursor (0 for all).
    ///   - refreshInterval: how often the periodic task polls `revocations`.
    ///   - maxStaleness: how long without a successful poll before tokens are refused.
    ///   - cacheCapacity: how many verified tokens to remember (0 disables the cache).
    ///   - clock: unix seconds now; injectable for tests.
    ///   - maxTokenLifetime: the longest lifetime identity may give a token.
    ///   - keyRefetchInterval: the least time between key fetches caused by unknown key ids.
    public init(
        keys: @escaping @Sendable () async throws -> [String: Ed25519PublicKey],
        revocations: @escaping @Sendable (_ after: Int64) async throws -> RevocationPage,
        refreshInterval: Duration = .seconds(15), maxStaleness: Duration = .seconds(60),
        cacheCapacity: Int = 10_000, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
        maxTokenLifetime: Duration = .seconds(24 * 60 * 60), keyRefetchInterval: Duration = .seconds(10)
    ) {
        self.fetchKeys = keys
        self.fetchRevocations = revocations
        self.refreshInterval = refreshInterval
        self.maxStaleness = maxStaleness
        self.maxTokenLifetime = maxTokenLifetime
        self.keyRefetchInterval = keyRefetchInterval
        self.clock = clock
        self.state = ParkingLock(State(cache: VerifiedTokenCache(capacity: cacheCapacity)))
    }

    deinit {
        state.withLock { $0.periodicRefresh?.cancel() }
    }

    /// How many Ed25519 verifications this verifier has run (cache misses plus
    /// ``verifyWithoutCache(token:)``); for tests and benchmarks.
    public var signatureVerifications: Int { verificationCount.load(ordering: .relaxed) }

    /// When the revocation list was last polled successfully (unix seconds), for health reports.
    public var lastRevocationRefresh: Int64? { state.withLock { $0.lastRevocationSuccess } }

    /// How many verified tokens are cached.
    public var cachedTokenCount: Int { state.withLock { $0.cache.count } }

    // MARK: Authenticating

    /// The principal of `token`.
    /// - Throws: ``RPCError/unauthenticated(_:)`` when the token is malformed, has an invalid
    ///   signature or an unknown key, is expired or revoked (`data.reason` says which);
    ///   ``RPCError/dependencyUnavailable(_:)`` when the revocation list or the keys cannot be
    ///   had from identity.
    public func authenticate(token: String) async throws -> Principal {
        await loadRevocationsIfNeverLoaded()
        let digest = SHA256.hash(Array(token.utf8))
        let now = clock()

        enum Lookup {
            case hit(Principal)
            case refused(RPCError)
            case miss
        }
        let lookup = state.withLock { s -> Lookup in
            if let stale = staleness(s, now: now) { return .refused(stale) }
            guard let entry = s.cache.entry(for: digest) else { return .miss }
            if let refusal = refusal(of: entry.claims, now: now, revocations: s.revocations) {
                s.cache.remove(digest)
                return .refused(refusal)
            }
            return .hit(entry.principal)
        }
        switch lookup {
        case .hit(let principal): return principal
        case .refused(let error): throw error
        case .miss: break
        }

        let parsed = try SessionTokenFormat.parse(token)
        let publicKey = try await publicKey(for: parsed.claims.keyID)
        let claims = try checkSignatureAndClaims(parsed, with: publicKey)

        // Revocations or keys may have changed while this task was away; judge on the latest.
        let now2 = clock()
        return try state.withLock { s -> Result<Principal, RPCError> in
            if let stale = staleness(s, now: now2) { return .failure(stale) }
            if let refusal = refusal(of: claims, now: now2, revocations: s.revocations) { return .failure(refusal) }
            guard s.keys[claims.keyID] == publicKey else { return .failure(SessionTokenRefusal.unknownKey) }
            let principal = claims.principal
            s.cache.insert(digest, claims: claims, principal: principal, now: now2)
            return .success(principal)
        }.get()
    }

    /// Fully verifies `token` against the keys already fetched: format, signature, claims, expiry
    /// and revocation, without the cache, key fetching or the staleness check. For benchmarks
    /// and tests; services call ``authenticate(token:)``.
    public func verifyWithoutCache(token: String) throws -> SessionClaims {
        let parsed = try SessionTokenFormat.parse(token)
        guard let publicKey = state.withLock({ $0.keys[parsed.claims.keyID] }) else {
            throw SessionTokenRefusal.unknownKey
        }
        let claims = try checkSignatureAndClaims(parsed, with: publicKey)
        let now = clock()
        if let refusal = state.withLock({ refusal(of: claims, now: now, revocations: $0.revocations) }) {
            throw refusal
        }
        return claims
    }

    /// The signature, then the claims only identity could have got wrong. Expiry and revocation
    /// are left to the caller, which checks them again on every cache hit.
    private func checkSignatureAndClaims(_ parsed: SessionTokenFormat.Parsed, with key: Ed25519PublicKey) throws
        -> SessionClaims
    {
        verificationCount.wrappingAdd(1, ordering: .relaxed)
        guard key.isValidSignature(parsed.signature, for: parsed.signingInput) else {
            throw SessionTokenRefusal.invalidSignature
        }
        let claims = parsed.claims
        guard !claims.sessionID.isEmpty, !claims.principalID.isEmpty else {
            throw SessionTokenRefusal.invalidClaims("the session or principal id is empty")
        }
        guard claims.expiresAt > claims.issuedAt else {
            throw SessionTokenRefusal.invalidClaims("it expires before it is issued")
        }
        let lifetime = Self.seconds(maxTokenLifetime)
        guard claims.expiresAt - claims.issuedAt <= lifetime else {
            throw SessionTokenRefusal.invalidClaims("its lifetime exceeds \(lifetime) seconds")
        }
        return claims
    }

    /// Why authentic claims are refused now, if they are.
    private func refusal(of claims: SessionClaims, now: Int64, revocations: RevocationSet) -> RPCError? {
        if now >= claims.expiresAt { return SessionTokenRefusal.expired }
        if revocations.isRevoked(claims) { return SessionTokenRefusal.revoked }
        return nil
    }

    /// The fail-closed rule: refuse when the revocation set is missing or too old to trust.
    private func staleness(_ s: State, now: Int64) -> RPCError? {
        guard let last = s.lastRevocationSuccess else {
            return .dependencyUnavailable(
                "Cannot verify sessions: the revocation list has not been loaded from identity")
        }
        if now - last >= Self.seconds(maxStaleness) {
            return .dependencyUnavailable(
                "Cannot verify sessions: the revocation list has not been refreshed from identity for \(now - last) seconds"
            )
        }
        return nil
    }
}
