import Foundation

/// Throttles sign-in failures per source (connection peer or declared client address) in
/// memory: after `limit` failures within `window`, the source waits `lockout`. The per-account
/// lock-out is kept in the database, so it survives restarts; the per-source one need not.
final class SignInThrottle: @unchecked Sendable {
    let limit: Int
    let window: TimeInterval
    let lockout: TimeInterval
    private let lock = NSLock()
    private var failures: [String: [TimeInterval]] = [:]
    private var lockedUntil: [String: TimeInterval] = [:]

    init(limit: Int = 20, window: TimeInterval = 300, lockout: TimeInterval = 900) {
        self.limit = limit
        self.window = window
        self.lockout = lockout
    }

    /// Seconds the source must still wait, or nil.
    func retryAfter(source: String, now: TimeInterval) -> Int? {
        lock.withLock {
            guard let until = lockedUntil[source], until > now else { return nil }
            return Int((until - now).rounded(.up))
        }
    }

    /// Records a failure; returns seconds to wait if it locked the source.
    func recordFailure(source: String, now: TimeInterval) {
        lock.withLock {
            var recent = (failures[source] ?? []).filter { now - $0 < window }
            recent.append(now)
            if recent.count >= limit {
                lockedUntil[source] = now + lockout
                recent.removeAll()
            }
            failures[source] = recent
            if failures.count > 100_000 { failures.removeAll() }  // bound memory under a flood
        }
    }

    /// Forgets a source's failures after a success.
    func recordSuccess(source: String) {
        lock.withLock { _ = failures.removeValue(forKey: source) }
    }
}

/// Per-account lock-out policy: after 5 consecutive failures the account is locked for 15 minutes.
enum AccountLockout {
    static let maxConsecutiveFailures = 5
    static let lockSeconds: Int64 = 15 * 60
}
