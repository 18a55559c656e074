// The verifier's cache of verified tokens and the lock it sits behind.
import Foundation
import SiOpenProtocol
import SiOpenSecurity

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
