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
    public init() {}
    /// The test's now.
    public func now() -> Date { lock.withLock { Date().addingTimeInterval(offset) } }
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
