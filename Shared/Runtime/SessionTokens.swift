// Session tokens: identity signs them once at sign-in, and every service verifies them locally
// (no call to identity per request), caching verified tokens and polling identity's revocation
// list so that sign-out, blocking and password changes reach every service within a minute.
import Foundation
import SiOpenProtocol
import SiOpenSecurity
import Synchronization

// MARK: - Claims

/// What a session token asserts: who the caller is, for which session, and until when.
///
/// The JSON member names are fixed by ``CodingKeys`` and are part of the token format: renaming
/// a property must not change them, or every token in circulation would stop verifying.
public struct SessionClaims: Codable, Sendable, Hashable {
    /// The session this token belongs to; revoking it (sign-out) refuses the token.
    public var sessionID: String
    /// The account id (for a service, its name).
    public var principalID: String
    /// A person or another SiOpen service.
    public var kind: Principal.Kind
    /// The tenant the caller acts in; `nil` for services and cross-tenant roles.
    public var tenant: String?
    /// The agency (SKPD) of an official, if any.
    public var agency: String?
    /// The vendor a vendor's account belongs to, so services know it without asking identity.
    public var vendorID: String?
    /// The caller's roles. The signer writes them sorted and without duplicates.
    public var roles: [Role]
    /// When identity issued the token (unix seconds).
    public var issuedAt: Int64
    /// When the token stops being accepted (unix seconds, exclusive).
    public var expiresAt: Int64
    /// The id of the identity key that signed it; the signer fills it in.
    public var keyID: String

    /// Creates claims. `keyID` may be left empty: ``SessionTokenSigner/sign(_:)`` stamps its own.
    public init(
        sessionID: String, principalID: String, kind: Principal.Kind, tenant: String? = nil, agency: String? = nil,
        vendorID: String? = nil, roles: [Role] = [], issuedAt: Int64, expiresAt: Int64, keyID: String = ""
    ) {
        self.sessionID = sessionID
        self.principalID = principalID
        self.kind = kind
        self.tenant = tenant
        self.agency = agency
        self.vendorID = vendorID
        self.roles = roles
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.keyID = keyID
    }

    /// The caller these claims describe, as handlers see it in ``RequestContext/principal``.
    public var principal: Principal {
        Principal(kind: kind, id: principalID, tenant: tenant, agency: agency, vendorID: vendorID, roles: Set(roles), sessionID: sessionID)
    }

    /// Short, stable wire names: the token rides on every request line.
    enum CodingKeys: String, CodingKey {
        case sessionID = "sid"
        case principalID = "sub"
        case kind
        case tenant
        case agency
        case vendorID = "vnd"
        case roles
        case issuedAt = "iat"
        case expiresAt = "exp"
        case keyID = "kid"
    }

    /// Decodes claims, dropping role names this build does not know: identity may add a role
    /// before every service is redeployed, and granting fewer roles is the safe way to lag.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sessionID = try container.decode(String.self, forKey: .sessionID)
        principalID = try container.decode(String.self, forKey: .principalID)
        kind = try container.decode(Principal.Kind.self, forKey: .kind)
        tenant = try container.decodeIfPresent(String.self, forKey: .tenant)
        agency = try container.decodeIfPresent(String.self, forKey: .agency)
        vendorID = try container.decodeIfPresent(String.self, forKey: .vendorID)
        roles = try container.decode([String].self, forKey: .roles).compactMap(Role.init(rawValue:))
        issuedAt = try container.decode(Int64.self, forKey: .issuedAt)
        expiresAt = try container.decode(Int64.self, forKey: .expiresAt)
        keyID = try container.decode(String.self, forKey: .keyID)
    }
}

// MARK: - Signing

/// Signs session tokens with one of identity's Ed25519 keys.
///
/// A token is `v1.<base64url(claims JSON)>.<base64url(signature)>`; the 64-byte signature covers
/// the ASCII bytes `v1.<claims part>`, so the version cannot be swapped without breaking it.
public struct SessionTokenSigner: Sendable {
    /// The id verifiers look the public key up by.
    public let keyID: String
    private let privateKey: Ed25519PrivateKey

    /// Creates a signer for the key published under `keyID`.
    public init(keyID: String, privateKey: Ed25519PrivateKey) {
        self.keyID = keyID
        self.privateKey = privateKey
    }

    /// The public half, to publish under ``keyID``.
    public var publicKey: Ed25519PublicKey { privateKey.publicKey }

    /// Signs `claims` and returns the token. The signer stamps its own key id (a token naming
    /// another key could never verify) and sorts the roles, so equal claims give equal tokens.
    /// - Throws: `SecurityError` if the claims could never be accepted (empty ids, a lifetime
    ///   that is not positive) or signing fails.
    public func sign(_ claims: SessionClaims) throws -> String {
        guard !keyID.isEmpty else { throw SecurityError("session token key id must not be empty") }
        guard !claims.sessionID.isEmpty, !claims.principalID.isEmpty else {
            throw SecurityError("session token needs a session id and a principal id")
        }
        guard claims.expiresAt > claims.issuedAt else {
            throw SecurityError("session token must expire after it is issued")
        }
        var canonical = claims
        canonical.keyID = keyID
        canonical.roles = Set(claims.roles).sorted { $0.rawValue < $1.rawValue }
        // Sorted keys and no slash escaping: one byte string per set of claims.
        let claimsPart = Base64URL.encode(try JSONCoding.encode(canonical))
        let signingInput = SessionTokenFormat.version + "." + claimsPart
        let signature = try privateKey.signature(for: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }
}

// MARK: - Parsing

/// Reads a token's claims without checking the signature.
public enum SessionTokenParsing {
    /// The claims of `token`, unverified: for logs and diagnostics only, never to decide access
    /// (anyone can write a token with any claims; only the verifier's answer counts).
    /// - Throws: ``RPCError/unauthenticated(_:)`` (reason `malformed`) if it is not a v1 token.
    public static func claims(ofUnverified token: String) throws -> SessionClaims {
        try SessionTokenFormat.parse(token).claims
    }
}

/// The v1 wire format, shared by the signer, the parser and the verifier.
enum SessionTokenFormat {
    static let version = "v1"
    /// Far above a real token (a few hundred bytes); bounds the work spent on junk input.
    static let maxTokenBytes = 8192

    /// A token split into what the signature covers and what it claims.
    struct Parsed {
        var claims: SessionClaims
        var signingInput: [UInt8]
        var signature: [UInt8]
    }

    /// Splits and decodes a token. Works on bytes so that no Unicode equivalence can make two
    /// different byte strings parse as the same token.
    static func parse(_ token: String) throws -> Parsed {
        let bytes = Array(token.utf8)
        guard !bytes.isEmpty else { throw SessionTokenRefusal.malformed("it is empty") }
        guard bytes.count <= maxTokenBytes else { throw SessionTokenRefusal.malformed("it is too long") }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw SessionTokenRefusal.malformed("it contains characters outside printable ASCII")
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw SessionTokenRefusal.malformed("it has \(parts.count) parts instead of 3")
        }
        guard parts[0].elementsEqual(version.utf8) else {
            throw SessionTokenRefusal.malformed("its version is not \(version)")
        }
        guard let claimsJSON = Base64URL.decode(String(decoding: parts[1], as: UTF8.self)), !claimsJSON.isEmpty else {
            throw SessionTokenRefusal.malformed("its claims are not base64url")
        }
        guard let signature = Base64URL.decode(String(decoding: parts[2], as: UTF8.self)), signature.count == 64 else {
            throw SessionTokenRefusal.malformed("its signature is not 64 bytes of base64url")
        }
        let claims: SessionClaims
        do {
            claims = try JSONCoding.decode(SessionClaims.self, from: claimsJSON)
        } catch {
            throw SessionTokenRefusal.malformed("its claims are not valid claims JSON")
        }
        let signingInput = Array(bytes[..<(parts[0].count + 1 + parts[1].count)])
        return Parsed(claims: claims, signingInput: signingInput, signature: signature)
    }
}

/// The 401s a token can earn. `data.reason` lets a client tell "sign in again" (expired,
/// revoked) from a bug (malformed) without parsing the message.
enum SessionTokenRefusal {
    static func refusal(_ reason: String, _ message: String) -> RPCError {
        RPCError(
            code: ApplicationErrorCode.unauthenticated.rawValue, message: message,
            data: ["kind": "unauthenticated", "reason": .string(reason)])
    }

    static func malformed(_ why: String) -> RPCError {
        refusal("malformed", "The session token is malformed: \(why)")
    }

    static let invalidSignature = refusal("invalid_signature", "The session token has an invalid signature")
    static let expired = refusal("expired", "The session token has expired")
    static let revoked = refusal("revoked", "The session token has been revoked")
    static let unknownKey = refusal("unknown_key", "The session token is signed with an unknown key")

    static func invalidClaims(_ why: String) -> RPCError {
        refusal("invalid_claims", "The session token's claims are not acceptable: \(why)")
    }
}

// MARK: - Revocation

/// One entry of identity's revocation list.
///
/// A `sessionID` entry revokes that session (sign-out); a `principalID` entry revokes every
/// token of that principal issued at or before `revokedAt` (blocking, password change).
public struct RevocationEntry: Codable, Sendable, Hashable {
    /// Position in identity's list; strictly increasing, so it doubles as the feed cursor.
    public var sequence: Int64
    /// The session revoked, if this entry revokes one session.
    public var sessionID: String?
    /// The principal whose earlier tokens are revoked, if this entry revokes by principal.
    public var principalID: String?
    /// When it was revoked (unix seconds).
    public var revokedAt: Int64

    /// Creates an entry.
    public init(sequence: Int64, sessionID: String? = nil, principalID: String? = nil, revokedAt: Int64) {
        self.sequence = sequence
        self.sessionID = sessionID
        self.principalID = principalID
        self.revokedAt = revokedAt
    }
}

/// A page of the revocation list: the entries after the requested cursor, and where to continue.
public struct RevocationPage: Codable, Sendable, Hashable {
    /// Entries in sequence order.
    public var entries: [RevocationEntry]
    /// The cursor for the next request (the last sequence returned, or the request's cursor).
    public var nextCursor: Int64

    /// Creates a page.
    public init(entries: [RevocationEntry], nextCursor: Int64) {
        self.entries = entries
        self.nextCursor = nextCursor
    }
}

/// The revocations a verifier knows, folded into two lookups answered in O(1).
public struct RevocationSet: Sendable, Hashable {
    /// Revoked sessions and when; the time is kept only so old entries can be pruned.
    public private(set) var sessions: [String: Int64] = [:]
    /// Per principal, the latest `revokedAt`: tokens issued at or before it are revoked.
    public private(set) var principals: [String: Int64] = [:]

    /// An empty set.
    public init() {}

    /// The number of sessions and principals with a revocation.
    public var count: Int { sessions.count + principals.count }

    /// Adds entries. Order does not matter: a principal keeps the latest cut-off it was given.
    public mutating func apply(_ entries: some Sequence<RevocationEntry>) {
        for entry in entries {
            if let session = entry.sessionID {
                sessions[session] = max(sessions[session] ?? entry.revokedAt, entry.revokedAt)
            }
            if let principal = entry.principalID {
                principals[principal] = max(principals[principal] ?? entry.revokedAt, entry.revokedAt)
            }
        }
    }

    /// Whether a token with these claims is revoked.
    public func isRevoked(_ claims: SessionClaims) -> Bool {
        if sessions[claims.sessionID] != nil { return true }
        if let cutoff = principals[claims.principalID], claims.issuedAt <= cutoff { return true }
        return false
    }

    /// Forgets entries revoked before `cutoff`. Safe when every token lives at most
    /// `now - cutoff` seconds: any token such an entry could refuse has expired anyway.
    public mutating func prune(revokedBefore cutoff: Int64) {
        sessions = sessions.filter { $0.value >= cutoff }
        principals = principals.filter { $0.value >= cutoff }
    }
}

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
    private func checkSignatureAndClaims(_ parsed: SessionTokenFormat.Parsed, with key: Ed25519PublicKey) throws -> SessionClaims {
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
            return .dependencyUnavailable("Cannot verify sessions: the revocation list has not been loaded from identity")
        }
        if now - last >= Self.seconds(maxStaleness) {
            return .dependencyUnavailable(
                "Cannot verify sessions: the revocation list has not been refreshed from identity for \(now - last) seconds")
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
    /// one; at most one such attempt a second, so an identity outage does not become a storm.
    private func loadRevocationsIfNeverLoaded() async {
        let now = clock()
        let task = state.withLock { s -> Task<Void, Never>? in
            guard s.lastRevocationSuccess == nil else { return nil }
            if let running = s.revocationRefresh { return running }
            if let last = s.lastRevocationAttempt, now <= last { return nil }
            return startRevocationRefresh(&s)
        }
        await task?.value
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

// MARK: - Cache

/// Verified claims by SHA-256 of the token. Hashing keeps bearer tokens out of memory longer
/// than needed and makes every key 32 bytes. When full it drops expired entries, then the
/// oldest, down to 90 % so the sweep's cost is spread over many inserts.
struct VerifiedTokenCache {
    struct Entry {
        var claims: SessionClaims
        var principal: Principal
        /// Insertion stamp, matched against ``order`` so a stale order slot is skipped.
        var stamp: UInt64
    }

    let capacity: Int
    private var entries: [[UInt8]: Entry] = [:]
    private var order: [(key: [UInt8], stamp: UInt64)] = []
    private var head = 0
    private var nextStamp: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    var count: Int { entries.count }

    func entry(for key: [UInt8]) -> Entry? { entries[key] }

    mutating func remove(_ key: [UInt8]) {
        entries[key] = nil
    }

    mutating func removeAll(where shouldRemove: (SessionClaims) -> Bool) {
        entries = entries.filter { !shouldRemove($0.value.claims) }
    }

    mutating func insert(_ key: [UInt8], claims: SessionClaims, principal: Principal, now: Int64) {
        guard capacity > 0 else { return }
        if entries[key] == nil && entries.count >= capacity {
            makeRoom(now: now)
        }
        nextStamp += 1
        entries[key] = Entry(claims: claims, principal: principal, stamp: nextStamp)
        order.append((key, nextStamp))
        // Removals leave dead slots behind; rebuild before they outnumber the live ones.
        if order.count - head > 2 * capacity + 16 {
            order = order[head...].filter { entries[$0.key]?.stamp == $0.stamp }
            head = 0
        }
    }

    private mutating func makeRoom(now: Int64) {
        entries = entries.filter { $0.value.claims.expiresAt > now }
        let target = min(capacity - 1, capacity * 9 / 10)
        while entries.count > target && head < order.count {
            let slot = order[head]
            head += 1
            if entries[slot.key]?.stamp == slot.stamp { entries[slot.key] = nil }
        }
        if head > order.count / 2 {
            order.removeFirst(head)
            head = 0
        }
    }
}

/// A value behind a pthread mutex. Every authenticated request takes the verifier's lock; with
/// more runnable threads than cores, `Synchronization.Mutex` spun for a preempted holder (about
/// a tenth of the CPU under load in `siopen-bench identity`), while a pthread mutex parks waiters.
final class ParkingLock<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
