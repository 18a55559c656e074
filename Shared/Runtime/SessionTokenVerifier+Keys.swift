// Session tokens: how the verifier gets identity's public signing keys, fetched on first use and
// refetched (rate-limited) when a token names a key id it does not know.
import SiOpenProtocol
import SiOpenSecurity

extension SessionTokenVerifier {
    /// The key for `keyID`, fetching the key set when it is unknown (rate-limited).
    func publicKey(for keyID: String) async throws -> Ed25519PublicKey {
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
    func keyRefusal(_ s: State) -> RPCError {
        s.lastKeyFetchFailed
            ? .dependencyUnavailable("Cannot verify sessions: the signing keys could not be fetched from identity")
            : SessionTokenRefusal.unknownKey
    }

    /// One key fetch. The new set replaces the old one, so a key identity withdrew stops being
    /// trusted, and cached tokens it signed are forgotten.
    func performKeyFetch() async {
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
}
