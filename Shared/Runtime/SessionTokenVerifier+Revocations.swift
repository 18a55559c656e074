// Session tokens: how the verifier keeps identity's revocation list, polled periodically and
// before the first token, so that sign-out, blocking and password changes reach every service
// within a minute; the verifier fails closed when the list is stale.
import SiOpenProtocol

extension SessionTokenVerifier {
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
    func loadRevocationsIfNeverLoaded() async {
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
    func startRevocationRefresh(_ s: inout State) -> Task<Void, Never> {
        s.lastRevocationAttempt = clock()
        let task = Task { await self.performRevocationRefresh() }
        s.revocationRefresh = task
        return task
    }

    /// Reads pages until caught up (an empty page, or a cursor that stops moving). Pages read
    /// before a failure are still applied: each is consistent up to its cursor.
    func performRevocationRefresh() async {
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
