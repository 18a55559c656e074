// Password hashing with scrypt, stored as PHC strings, with bounded concurrency.
import Dispatch
import Foundation
import Synchronization

/// The outcome of checking a password against a stored hash.
public enum PasswordVerification: Sendable, Equatable {
    /// The password does not match.
    case invalid
    /// The password matches. `needsRehash` is true when the stored hash used parameters other
    /// than the hasher's current ones, so the caller should store a fresh `hash` of the password.
    case valid(needsRehash: Bool)

    /// Whether the password matched, ignoring the rehash hint.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}

/// scrypt password hashing with a bound on concurrent hashes so a flood of sign-ins cannot
/// exhaust memory (each `owaspMinimum` hash holds about 128 MiB while it runs).
///
/// Hashes are PHC strings: `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, salt and hash in standard
/// base64 without padding. The async methods run scrypt on a private dispatch queue, never on
/// Swift's cooperative pool, and queue excess requests in FIFO order, at most
/// `maxQueuedHashes` of them: beyond that they throw ``PasswordHashingBusy`` at once instead of
/// making every later sign-in wait behind a flood. Every hasher instance has its own limits, so
/// a service should share one instance.
public final class PasswordHasher: Sendable {
    /// Parameters for new hashes; stored hashes with different ones verify with `needsRehash`.
    public let parameters: ScryptParameters
    /// How many hashes (async or sync) may run at once on this instance.
    public let maxConcurrentHashes: Int
    /// How many async hashes may wait for a slot; one more throws ``PasswordHashingBusy``.
    public let maxQueuedHashes: Int
    let gate: AdmissionGate
    private let queue = DispatchQueue(
        label: "siopen.security.password-hashing", qos: .userInitiated, attributes: .concurrent)

    /// Creates a hasher. `maxConcurrentHashes` below 1 is treated as 1, `maxQueuedHashes` below
    /// 0 as 0; the queue defaults to twice the processor count.
    public init(
        parameters: ScryptParameters = .owaspMinimum, maxConcurrentHashes: Int = 2,
        maxQueuedHashes: Int = 2 * ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.parameters = parameters
        self.maxConcurrentHashes = max(1, maxConcurrentHashes)
        self.maxQueuedHashes = max(0, maxQueuedHashes)
        self.gate = AdmissionGate(limit: self.maxConcurrentHashes, maxWaiting: self.maxQueuedHashes)
    }

    /// `.owaspMinimum`, unless the environment variable SIOPEN_INSECURE_FAST_PASSWORD_HASHING=1
    /// is set (tests only): then `.insecureFastForTesting`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> PasswordHasher {
        let fast = environment["SIOPEN_INSECURE_FAST_PASSWORD_HASHING"] == "1"
        return PasswordHasher(parameters: fast ? .insecureFastForTesting : .owaspMinimum)
    }

    /// Hashes `password` with a fresh random salt, off the cooperative pool.
    /// - Returns: a PHC string.
    /// - Throws: `SecurityError` if the hasher's parameters are invalid or OpenSSL fails;
    ///   `CancellationError` if the task is already cancelled; ``PasswordHashingBusy`` if the
    ///   queue is full.
    public func hash(_ password: String) async throws -> String {
        try await run { try self.hashUnbounded(password) }
    }

    /// Checks `password` against a stored PHC string, using the parameters in that string,
    /// off the cooperative pool.
    /// - Throws: `SecurityError` if `encoded` is malformed or its parameters are out of bounds;
    ///   ``PasswordHashingBusy`` if the queue is full.
    public func verify(_ password: String, against encoded: String) async throws -> PasswordVerification {
        // Parse before queueing so malformed input fails fast without taking a slot.
        let stored = try PHCScrypt(parsing: encoded)
        return try await run { try self.verifyUnbounded(password, against: stored) }
    }

    /// Blocking `hash`. Waits for a slot, so never call it on the cooperative pool (from async
    /// code): it would block one of very few threads for the whole hash.
    public func hashSync(_ password: String) throws -> String {
        try runBlocking { try hashUnbounded(password) }
    }

    /// Blocking `verify`. Waits for a slot, so never call it on the cooperative pool.
    public func verifySync(_ password: String, against encoded: String) throws -> PasswordVerification {
        let stored = try PHCScrypt(parsing: encoded)
        return try runBlocking { try verifyUnbounded(password, against: stored) }
    }

    // MARK: - Work

    private func hashUnbounded(_ password: String) throws -> String {
        guard (8...64).contains(parameters.saltLength) else {
            throw SecurityError("scrypt salt length must be 8...64 bytes, got \(parameters.saltLength)")
        }
        guard (16...64).contains(parameters.keyLength) else {
            throw SecurityError("password hash length must be 16...64 bytes, got \(parameters.keyLength)")
        }
        var passwordBytes = Array(password.utf8)
        defer { secureWipe(&passwordBytes) }
        let salt = SecureRandom.bytes(parameters.saltLength)
        var derived = try scrypt(password: passwordBytes, salt: salt, parameters: parameters)
        defer { secureWipe(&derived) }
        return PHCScrypt(parameters: parameters, salt: salt, hash: derived).encoded
    }

    private func verifyUnbounded(_ password: String, against stored: PHCScrypt) throws -> PasswordVerification {
        var passwordBytes = Array(password.utf8)
        defer { secureWipe(&passwordBytes) }
        var derived = try scrypt(password: passwordBytes, salt: stored.salt, parameters: stored.parameters)
        defer { secureWipe(&derived) }
        guard constantTimeEquals(derived, stored.hash) else { return .invalid }
        return .valid(needsRehash: stored.parameters != parameters)
    }

    // MARK: - Scheduling

    /// Runs `work` on the private queue once a slot is free, resuming the caller afterwards;
    /// throws ``PasswordHashingBusy`` without waiting when the queue is full.
    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try Task.checkCancellation()
        return try await withCheckedThrowingContinuation { continuation in
            let admitted = gate.acquireIfRoom { [queue, gate] in
                queue.async {
                    defer { gate.release() }
                    continuation.resume(with: Result { try work() })
                }
            }
            if !admitted { continuation.resume(throwing: PasswordHashingBusy()) }
        }
    }

    /// Runs `work` on the calling thread once a slot is free.
    private func runBlocking<T>(_ work: () throws -> T) rethrows -> T {
        let granted = DispatchSemaphore(value: 0)
        gate.acquire { granted.signal() }
        granted.wait()
        defer { gate.release() }
        return try work()
    }
}

/// Every slot is busy and the queue in front of them is full: the caller should answer "retry
/// later" (identity answers 429 with `retryAfterSeconds`) rather than wait.
public struct PasswordHashingBusy: Error, Sendable, Hashable, CustomStringConvertible {
    /// A fair time to wait before retrying: a queue's worth of hashes takes about a second.
    public let retryAfterSeconds: Int

    /// Creates the error.
    public init(retryAfterSeconds: Int = 1) { self.retryAfterSeconds = retryAfterSeconds }

    public var description: String { "password hashing is busy; retry in \(retryAfterSeconds) s" }
}

/// A FIFO counting gate. Waiters are callbacks rather than blocked threads, so a flood of
/// requests costs a closure each, not a thread each; `acquireIfRoom` bounds how many wait.
final class AdmissionGate: Sendable {
    private struct State {
        var running = 0
        var peakRunning = 0
        var peakWaiting = 0
        var waiting: [@Sendable () -> Void] = []
        var head = 0  // index of the next waiter; avoids O(n) removeFirst
    }

    private let limit: Int
    private let maxWaiting: Int
    private let state = Mutex(State())

    init(limit: Int, maxWaiting: Int = .max) {
        self.limit = limit
        self.maxWaiting = maxWaiting
    }

    /// Like `acquire`, but returns false (and never calls `onGranted`) when `maxWaiting` callers
    /// are already waiting.
    func acquireIfRoom(_ onGranted: @escaping @Sendable () -> Void) -> Bool {
        enum Answer { case granted, queued, refused }
        let answer = state.withLock { s -> Answer in
            if s.running < limit {
                s.running += 1
                s.peakRunning = max(s.peakRunning, s.running)
                return .granted
            }
            guard s.waiting.count - s.head < maxWaiting else { return .refused }
            s.waiting.append(onGranted)
            s.peakWaiting = max(s.peakWaiting, s.waiting.count - s.head)
            return .queued
        }
        if answer == .granted { onGranted() }
        return answer != .refused
    }

    /// Calls `onGranted` (possibly on another thread) once the caller holds a slot; the holder
    /// must call `release()` exactly once.
    func acquire(_ onGranted: @escaping @Sendable () -> Void) {
        let grantedNow = state.withLock { s -> Bool in
            if s.running < limit {
                s.running += 1
                s.peakRunning = max(s.peakRunning, s.running)
                return true
            }
            s.waiting.append(onGranted)
            s.peakWaiting = max(s.peakWaiting, s.waiting.count - s.head)
            return false
        }
        if grantedNow { onGranted() }
    }

    /// Frees a slot, handing it straight to the oldest waiter if there is one.
    func release() {
        let next = state.withLock { s -> (@Sendable () -> Void)? in
            if s.head < s.waiting.count {
                let waiter = s.waiting[s.head]
                s.head += 1
                if s.head == s.waiting.count {
                    s.waiting.removeAll(keepingCapacity: true)
                    s.head = 0
                }
                return waiter  // slot passes on; `running` is unchanged
            }
            s.running -= 1
            return nil
        }
        next?()
    }

    /// Highest number of slots held at once so far (for tests and metrics).
    var peakRunning: Int { state.withLock { $0.peakRunning } }

    /// Highest number of callers waiting at once so far (for tests and metrics).
    var peakWaiting: Int { state.withLock { $0.peakWaiting } }

    /// Callers waiting now (for tests and metrics).
    var waitingCount: Int { state.withLock { $0.waiting.count - $0.head } }
}

/// A parsed `$scrypt$ln=..,r=..,p=..$salt$hash` string.
struct PHCScrypt: Sendable {
    let parameters: ScryptParameters
    let salt: [UInt8]
    let hash: [UInt8]

    init(parameters: ScryptParameters, salt: [UInt8], hash: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    /// The PHC string for this hash.
    var encoded: String {
        "$scrypt$ln=\(parameters.logN),r=\(parameters.r),p=\(parameters.p)$"
            + "\(StrictBase64.encode(salt))$\(StrictBase64.encode(hash))"
    }

    /// Parses strictly (exact field order, canonical numbers and base64) and bounds every value,
    /// so stored data can never make verification allocate or compute without limit.
    init(parsing text: String) throws {
        guard text.utf8.count <= 512 else { throw SecurityError("password hash string too long") }
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty, fields[1] == "scrypt" else {
            throw SecurityError("not a $scrypt$ PHC string")
        }
        let pairs = fields[2].split(separator: ",", omittingEmptySubsequences: false)
        guard pairs.count == 3 else { throw SecurityError("scrypt hash must have ln, r and p") }
        let logN = try Self.number(pairs[0], key: "ln")
        let r = try Self.number(pairs[1], key: "r")
        let p = try Self.number(pairs[2], key: "p")
        guard let salt = StrictBase64.decode(String(fields[3])), (8...64).contains(salt.count) else {
            throw SecurityError("scrypt hash has a malformed salt")
        }
        guard let hash = StrictBase64.decode(String(fields[4])), (16...64).contains(hash.count) else {
            throw SecurityError("scrypt hash has a malformed hash value")
        }
        let parameters = ScryptParameters(logN: logN, r: r, p: p, keyLength: hash.count, saltLength: salt.count)
        try parameters.validate()
        self.init(parameters: parameters, salt: salt, hash: hash)
    }

    /// Parses `key=<decimal>` with 1 to 4 digits and no leading zero.
    private static func number(_ pair: Substring, key: String) throws -> Int {
        let prefix = key + "="
        guard pair.hasPrefix(prefix) else { throw SecurityError("scrypt hash expected \(key)=") }
        let digits = pair.dropFirst(prefix.count).utf8
        guard (1...4).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            digits.count == 1 || digits.first != 0x30, let value = Int(Substring(digits))
        else {
            throw SecurityError("scrypt hash has a malformed \(key) value")
        }
        return value
    }
}
