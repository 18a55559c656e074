import Foundation

/// How sign-in failures slow further attempts (OWASP ASVS 4.0 V2.2.1, NIST SP 800-63B 5.2.2).
///
/// - Per account: the first `freeFailures` consecutive failures cost nothing; from then on every
///   failure makes the next attempt wait `delay(afterFailures:)`: 1 s, 2 s, 4 s, … capped at
///   15 minutes. During the wait no password is checked (429 with `retryAfterSeconds`); once it
///   has passed, the right password gets in and resets the count. Nobody can lock an account:
///   an attacker earns at most one guess per delay, and the owner signs in the moment it expires.
///   Unknown logins are counted exactly like accounts, under their normalised login, so the
///   answers never tell which logins exist.
/// - Per source (the network address the web gateway saw; only a gateway may assert it): at most
///   `sourceFailureLimit` failures in a rolling `sourceWindowSeconds`; beyond that the source
///   waits until the oldest failure leaves the window. Callers without a source share no bucket.
enum SignInPolicy {
    /// Consecutive failures before delays start.
    static let freeFailures: Int64 = 5
    /// The longest delay between two attempts on one account.
    static let maxDelaySeconds: Int64 = 15 * 60
    /// Failures one source may make in a window.
    static let sourceFailureLimit = 30
    /// The rolling window of the per-source limit.
    static let sourceWindowSeconds: Int64 = 5 * 60

    /// Seconds the next attempt must wait after `failures` consecutive failures.
    static func delay(afterFailures failures: Int64) -> Int64 {
        guard failures >= freeFailures else { return 0 }
        let exponent = min(failures - freeFailures, 10)  // 2^10 s is past the cap already
        return min(Int64(1) << exponent, maxDelaySeconds)
    }
}

/// The throttle's memory: per login (an account id, or `login:<normalised>` for an unknown
/// login) the consecutive failures, when the next attempt may start and how many checks are
/// running; per source the recent failures. Accounts' counts are also kept in the database
/// (`failed_attempts`, `locked_until` = not before), which seeds this table after a restart.
final class SignInThrottle: @unchecked Sendable {
    /// A login's state.
    struct LoginState: Equatable {
        var failures: Int64 = 0
        var notBefore: Int64 = 0
        var checking = 0
    }

    /// Whether an attempt may check its password now.
    enum Admission: Equatable {
        /// Check it; report the outcome with `finish`.
        case proceed
        /// Answer 429 and let the caller retry after this many seconds.
        case wait(seconds: Int)
    }

    /// How a check ended.
    enum Outcome {
        /// The password was right: the count is reset.
        case success
        /// The password was wrong at `now`.
        case failure(now: Int64)
        /// No password was checked (the hashing queue was full, or an error).
        case abandoned
    }

    let capacity: Int
    private let lock = NSLock()
    private var logins: [String: LoginState] = [:]
    private var sources: [String: [Int64]] = [:]

    /// A throttle remembering at most `capacity` logins and as many sources.
    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    /// Starts an attempt for `key`. `persisted` is the database's count for an account, used when
    /// this table does not know the key (after a restart). While the key is in its delay, or a
    /// check for it is already running once the free failures are used up, the answer is `wait`:
    /// parallel guesses cannot overtake the delay.
    func begin(_ key: String, persisted: (failures: Int64, notBefore: Int64)? = nil, now: Int64) -> Admission {
        lock.withLock {
            var state =
                logins[key] ?? LoginState(failures: persisted?.failures ?? 0, notBefore: persisted?.notBefore ?? 0)
            if state.notBefore > now { return .wait(seconds: Int(state.notBefore - now)) }
            if state.checking > 0 && state.failures + Int64(state.checking) >= SignInPolicy.freeFailures {
                return .wait(seconds: 1)
            }
            state.checking += 1
            if logins[key] == nil { makeRoom(now: now) }
            logins[key] = state
            return .proceed
        }
    }

    /// Ends an attempt begun with `.proceed`; returns the login's state afterwards (to store).
    @discardableResult
    func finish(_ key: String, _ outcome: Outcome) -> LoginState {
        lock.withLock {
            var state = logins[key] ?? LoginState()
            state.checking = max(0, state.checking - 1)
            switch outcome {
            case .success:
                state.failures = 0
                state.notBefore = 0
            case .failure(let now):
                state.failures += 1
                state.notBefore = max(state.notBefore, now + SignInPolicy.delay(afterFailures: state.failures))
            case .abandoned:
                break
            }
            if state == LoginState() { logins[key] = nil } else { logins[key] = state }
            return state
        }
    }

    /// Forgets a login's failures (an administrator reset its password).
    func forget(_ key: String) {
        lock.withLock { logins[key] = nil }
    }

    /// Seconds `source` must wait before its next attempt, or nil.
    func sourceWait(_ source: String, now: Int64) -> Int? {
        lock.withLock {
            let recent = (sources[source] ?? []).filter { now - $0 < SignInPolicy.sourceWindowSeconds }
            sources[source] = recent.isEmpty ? nil : recent
            guard recent.count >= SignInPolicy.sourceFailureLimit, let oldest = recent.first else { return nil }
            return Int(max(1, oldest + SignInPolicy.sourceWindowSeconds - now))
        }
    }

    /// Records a failure from `source`.
    func recordSourceFailure(_ source: String, now: Int64) {
        lock.withLock {
            var recent = (sources[source] ?? []).filter { now - $0 < SignInPolicy.sourceWindowSeconds }
            recent.append(now)
            if sources[source] == nil && sources.count >= capacity {
                sources = sources.filter { $0.value.contains { now - $0 < SignInPolicy.sourceWindowSeconds } }
                if sources.count >= capacity { sources.removeAll() }  // a flood of distinct sources
            }
            sources[source] = recent
        }
    }

    /// Keeps the login table bounded: drops logins whose delay has run out and that no check is
    /// using (an account's count survives in the database and is read back on its next attempt).
    private func makeRoom(now: Int64) {
        guard logins.count >= capacity else { return }
        logins = logins.filter { $0.value.checking > 0 || $0.value.notBefore > now }
    }
}
