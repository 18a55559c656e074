// Session tokens: the verifier every service uses, caching verified tokens and polling identity's
// revocation list so that sign-out, blocking and password changes reach every service within a minute.
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

    private let fetchKeys: @Sendable () async throws -> [String: Ed25519PublicKey]
    private let fetchRevocations: @Sendable (_ after: Int64) async throws -> RevocationPage
    private let clock: @Sendable () -> Int64
    private let state: ParkingLock<State>
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

    // MARK: Keys

    /// The key for `keyID`, fetching the key set when it is unknown (rate-limited).
    private func publicKey(for keyID: String) async throws -> Ed25519PublicKey {
        enum Step {
            case found(Ed25519PublicKey)
            case wait(Task<Void, Never>)
            case refuse(RPCError)
        }
        // Round 0 may start a fetch; round 1 only joins one someone else started meanwhile.
        for round in 0..<2 {
            let now = clock()
            let step = state.withLock { s -> Step in
                if let key = s.keys[keyID] { return .found(key) }
                if let running = s.keyFetch { return .wait(running) }
                let allowed = s.lastKeyFetchAttempt.map { now - $0 >= Self.seconds(keyRefetchInterval) } ?? true
                if round == 0 && allowed {
                    s.lastKeyFetchAttempt = now
                    let task = Task { await self.performKeyFetch() }
                    s.keyFetch = task
                    return .wait(task)
                }
                return .refuse(keyRefusal(s))
            }
            switch step {
            case .found(let key): return key
            case .refuse(let error): throw error
            case .wait(let task): await task.value
            }
        }
        return try state.withLock { s -> Result<Ed25519PublicKey, RPCError> in
            s.keys[keyID].map(Result.success) ?? .failure(keyRefusal(s))
        }.get()
    }

    /// An unknown key is the token's fault only if identity actually answered.
    private func keyRefusal(_ s: State) -> RPCError {
        s.lastKeyFetchFailed
            ? .dependencyUnavailable("Cannot verify sessions: the signing keys could not be fetched from identity")
            : SessionTokenRefusal.unknownKey
    }

    /// One key fetch. The new set replaces the old one, so a key identity withdrew stops being
    /// trusted, and cached tokens it signed are forgotten.
    private func performKeyFetch() async {
        do {
            let keys = try await fetchKeys()
            state.withLock { s in
                s.keys = keys
                s.lastKeyFetchFailed = false
                s.cache.removeAll { keys[$0.keyID] == nil }
                s.keyFetch = nil
            }
        } catch {
            state.withLock { s in
                s.lastKeyFetchFailed = true
                s.keyFetch = nil
            }
        }
    }

    // MARK: Revocations

    /// Polls the revocation list once now (joining a poll already running) and applies what it
    /// returns. A failed poll keeps the current set; only time without success makes it stale.
    public func refreshRevocations() async {
        let task = state.withLock { s in s.revocationRefresh ?? startRevocationRefresh(&s) }
        await task.value
    }

    /// Starts polling every ``refreshInterval`` until ``stop()``, the first poll at once.
    /// Calling it again while it runs does nothing.
    public func startPeriodicRefresh() {
        let interval = refreshInterval
        state.withLock { s in
            guard s.periodicRefresh == nil else { return }
            // Weak, so a verifier nobody uses any more is freed (and its deinit ends the task).
            s.periodicRefresh = Task { [weak self] in
                while !Task.isCancelled {
                    guard self != nil else { return }
                    await self?.refreshRevocations()
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    /// Stops the periodic polling. Tokens keep verifying until the set goes stale.
    public func stop() {
        state.withLock { s in
            s.periodicRefresh?.cancel()
            s.periodicRefresh = nil
        }
    }

    /// Before the first successful poll nothing can be trusted, so the first requests wait for
    /// one; at most one such attempt a second, so an identity outage does not become a storm. A
    /// request that finds the last attempt failed within the second (identity still starting,
    /// say) waits for the next allowed attempt once, rather than being refused at once.
    private func loadRevocationsIfNeverLoaded() async {
        enum Step {
            case loaded
            case join(Task<Void, Never>)
            case tooSoon
        }
        var waitedForNextAttempt = false
        for _ in 0..<4 {
            let now = clock()
            let step = state.withLock { s -> Step in
                guard s.lastRevocationSuccess == nil else { return .loaded }
                if let running = s.revocationRefresh { return .join(running) }
                if let last = s.lastRevocationAttempt, now <= last { return .tooSoon }
                return .join(startRevocationRefresh(&s))
            }
            switch step {
            case .loaded:
                return
            case .join(let task):
                await task.value
            case .tooSoon:
                if waitedForNextAttempt { return }
                waitedForNextAttempt = true
                try? await Task.sleep(for: .milliseconds(1_100))
            }
        }
    }

    /// Starts the single poll in flight; called with the lock held.
    private func startRevocationRefresh(_ s: inout State) -> Task<Void, Never> {
        s.lastRevocationAttempt = clock()
        let task = Task { await self.performRevocationRefresh() }
        s.revocationRefresh = task
        return task
    }

    /// Reads pages until caught up (an empty page, or a cursor that stops moving). Pages read
    /// before a failure are still applied: each is consistent up to its cursor.
    private func performRevocationRefresh() async {
        var cursor = state.withLock { $0.revocationCursor }
        var collected: [RevocationEntry] = []
        var caughtUp = false
        do {
            for _ in 0..<Self.maxPagesPerRefresh {
                let page = try await fetchRevocations(cursor)
                collected += page.entries
                let advanced = page.nextCursor > cursor
                if advanced { cursor = page.nextCursor }
                if page.entries.isEmpty || !advanced {
                    caughtUp = true
                    break
                }
            }
        } catch {
            caughtUp = false
        }
        let now = clock()
        let cutoff = now - Self.seconds(maxTokenLifetime)
        state.withLock { s in
            s.revocations.apply(collected)
            s.revocationCursor = cursor
            if caughtUp {
                s.lastRevocationSuccess = now
                s.revocations.prune(revokedBefore: cutoff)
            }
            s.revocationRefresh = nil
        }
    }

    /// Whole seconds in `duration`, rounded up so a sub-second setting is not read as zero.
    static func seconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds + (parts.attoseconds > 0 ? 1 : 0)
    }
}
