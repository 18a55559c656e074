import Foundation
import SiOpenProtocol

// What every test target needs from the machine, in one place: a failure with a message, a
// short temporary folder (socket paths must stay under 108 bytes), and the built executables.
#if canImport(Glibc)
    import Glibc
#endif

/// A test failure with a message meant for the person reading the test log.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A fresh folder `/tmp/<prefix>-XXXXXX`, short enough for socket paths below it.
public func makeShortTemporaryDirectory(prefix: String) throws -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
        guard let result = mkdtemp(buffer.baseAddress!) else { return nil }
        return String(cString: result)
    }
    guard let made else { throw TestFailure("mkdtemp failed: \(String(cString: strerror(errno)))") }
    return made
}

/// The build products folder, where `swift test` puts the test binary next to every executable
/// of the package; throws, naming them, when any of `executables` is missing.
public func productsDirectory(containing executables: [String]) throws -> String {
    let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    let directory = (path as NSString).deletingLastPathComponent
    let missing = executables.filter { !FileManager.default.isExecutableFile(atPath: directory + "/" + $0) }
    guard missing.isEmpty else {
        throw TestFailure(
            "\(missing.joined(separator: ", ")) missing from \(directory) (the folder of the running test binary); build first with `swift build --build-tests` and the same scratch path"
        )
    }
    return directory
}

/// A clock the test moves: the real time plus an offset. Services take `{ clock.now() }`.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0
    /// Where a frozen clock stands before it is moved; nil for one that runs with real time.
    private let frozenAt: Date?
    public init() { frozenAt = nil }
    /// A clock that stands still at `instant` until the test moves it, for output that must
    /// come out the same on every run (the document samples).
    public init(frozenAt instant: Date) { frozenAt = instant }
    /// Whether the clock stands still between the test's moves.
    public var isFrozen: Bool { frozenAt != nil }
    /// The test's now.
    public func now() -> Date { lock.withLock { (frozenAt ?? Date()).addingTimeInterval(offset) } }
    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) { lock.withLock { offset += seconds } }
    /// Moves the clock forward by whole days.
    public func advance(days: Int) { advance(by: TimeInterval(days) * 86_400) }
}

/// The error a call throws, or nil when it succeeds.
public func rpcError(_ body: () async throws -> Void) async -> RPCError? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: -1, message: "non-RPC error: \(error)")
    }
}

/// The field names of a validation error.
public func fieldNames(_ error: RPCError?) -> Set<String> {
    Set((error?.data?["fields"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue })
}

/// Polls `condition` until it holds or `timeout` passes.
public func eventually(timeout: Duration = .seconds(60), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(200))
    }
}

// MARK: - Blocking work, settling, and a process's memory

/// Runs a blocking closure on a thread of its own, so socket reads and writes never occupy one of
/// the (two, on this machine) cooperative threads the server's request tasks need.
public func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Waits until `sample` has not changed for 300 ms; fails after 20 s (a server that never settles).
public func waitUntilSteady<T: Equatable & Sendable>(_ sample: @Sendable () -> T) async throws {
    let deadline = ContinuousClock.now + .seconds(20)
    var last = sample()
    var since = ContinuousClock.now
    while ContinuousClock.now - since < .milliseconds(300) {
        guard ContinuousClock.now < deadline else { throw TestFailure("the server did not settle within 20 s") }
        try await Task.sleep(for: .milliseconds(20))
        let now = sample()
        if now != last {
            last = now
            since = ContinuousClock.now
        }
    }
}

/// Resident memory of process `pid` (`"self"`: this one), from `/proc/<pid>/status`; 0 when unreadable.
public func residentBytes(of pid: String = "self") -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes * 1024
}
