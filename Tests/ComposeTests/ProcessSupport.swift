import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The repository root, found from this file's path (`Tests/ComposeTests/<file>`).
let repositoryRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

let topologyPath = repositoryRoot + "/Compose/topology.json"
/// Every service, in start order, as the topology lists them (an unreadable topology gives a
/// name no executable has, so the tests fail rather than pass over no services).
let serviceNames: [String] = (try? Topology.load(from: topologyPath))?.services.map(\.name) ?? ["unreadable-topology"]

/// The build products folder, holding `siopen` and every `siopen-<service>`.
func productsDirectory() throws -> String {
    try productsDirectory(containing: ["siopen"] + serviceNames.map { "siopen-\($0)" })
}

/// How a child process ended (the scenario kit's).
typealias Termination = SiOpenScenario.Termination

/// A child process of the test, spawned with a clean signal state (as a shell would) and its
/// standard output and error in files: the scenario kit's one way to start a program.
typealias Child = ChildProcess

/// Runs a short command to its end (generous timeout) and returns it.
func runToEnd(
    _ executable: String, _ arguments: [String], logPrefix: String, timeout: Duration = .seconds(120),
    standardInput: String = "/dev/null", environment: [String: String] = [:]
) async throws -> (child: Child, termination: Termination) {
    let child = try Child.spawn(
        executable, arguments, logPrefix: logPrefix, standardInput: standardInput,
        environment: ChildProcess.cleanEnvironment.merging(environment) { $1 })
    guard let termination = await child.waitForExit(timeout: timeout) else {
        child.killAndReap()
        throw TestFailure("\(child.commandLine) did not finish within \(timeout)\n\(child.transcript)")
    }
    return (child, termination)
}

/// One `system.health` call on a fresh connection; nil when the service does not answer.
func health(socket: String, service: String) async -> HealthReport? {
    let client = RPCClient(socketPath: socket, serviceName: service)
    defer { client.close() }
    return try? await client.call(SystemHealth.self, EmptyParams(), timeout: .seconds(10))
}

/// Polls `system.health` until it answers with a report satisfying `accept`, or the timeout passes.
func waitForHealth(
    socket: String, service: String, timeout: Duration = .seconds(120),
    accept: (HealthReport) -> Bool = { _ in true }
) async -> HealthReport? {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let report = await health(socket: socket, service: service), accept(report) { return report }
        if ContinuousClock.now >= deadline { return nil }
        try? await Task.sleep(for: .milliseconds(200))
    }
}

/// The state letter of a process from `/proc/<pid>/stat` (`R`, `S`, `Z`, …), nil when there is none.
func processState(_ pid: pid_t) -> Character? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: close)...].first { $0 != " " }
}

/// The command line of a process, arguments joined by spaces; empty for zombies and when gone.
func processCommandLine(_ pid: pid_t) -> String {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
    return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
}

/// True when `pid` no longer runs one of our programs on `dataDirectory`: `kill(pid, 0)` fails
/// with ESRCH, or the pid now belongs to an unrelated process. With `allowingZombie`, an unreaped
/// zombie also counts as gone: orphans are reaped by whatever adopted them, which is not ours to
/// control; a process reaped by its parent (the launcher) must be truly gone.
func isGone(_ pid: pid_t, dataDirectory: String, allowingZombie: Bool) -> Bool {
    if kill(pid, 0) != 0 && errno == ESRCH { return true }
    if processState(pid) == "Z" { return allowingZombie }
    let commandLine = processCommandLine(pid)
    return !commandLine.isEmpty && !commandLine.contains(dataDirectory)
}

/// Waits up to `timeout` until every pid is gone; returns the ones still there.
func waitUntilGone(
    _ pids: [pid_t], dataDirectory: String, allowingZombie: Bool = false, timeout: Duration = .seconds(60)
) async -> [pid_t] {
    let deadline = ContinuousClock.now + timeout
    while true {
        let left = pids.filter { !isGone($0, dataDirectory: dataDirectory, allowingZombie: allowingZombie) }
        if left.isEmpty || ContinuousClock.now >= deadline { return left }
        try? await Task.sleep(for: .milliseconds(100))
    }
}

/// Live (non-zombie) processes whose command line mentions `dataDirectory`: ours, by construction.
func livePIDs(mentioning dataDirectory: String) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { pid_t($0) }.filter { pid in
        pid != getpid() && processState(pid) != "Z" && processCommandLine(pid).contains(dataDirectory)
    }
}

/// Cleanup for `defer`: SIGKILL every process still running on `dataDirectory` (the data folder is
/// unique to one test, so these are the test's own), reap our direct children, remove the folder.
func killLeftovers(dataDirectory: String, children: [Child]) {
    for child in children { child.killAndReap() }
    for _ in 0..<3 {
        let leftovers = livePIDs(mentioning: dataDirectory)
        if leftovers.isEmpty { break }
        for pid in leftovers { kill(pid, SIGKILL) }
        usleep(200_000)
    }
    try? FileManager.default.removeItem(atPath: dataDirectory)
}

/// Collects the children a test starts, so `defer` can clean them all up.
final class ChildList: @unchecked Sendable {
    private let lock = NSLock()
    private var children: [Child] = []
    func add(_ child: Child) -> Child {
        lock.withLock { children.append(child) }
        return child
    }
    var all: [Child] { lock.withLock { children } }
}

/// Runs `body` with every service running as its own process over a fresh data folder
/// (`<base>/var`, `launcher.directory`) whose Super Admin exists, with the tests' fast password
/// hashing; `base` is the test's own folder for logs and files. Stops them all and removes both
/// folders afterwards.
func withRunningServices<T>(prefix: String, _ body: (ServiceLauncher, _ base: String) async throws -> T)
    async throws -> T
{
    let binaries = try productsDirectory()
    let base = try makeShortTemporaryDirectory(prefix: prefix)
    let data = base + "/var"
    let launcher = try ServiceLauncher(
        directory: data, mode: .processes(binaries: binaries, realPasswordHashing: false))
    defer {
        launcher.terminateAndRemove()
        killLeftovers(dataDirectory: data, children: [])
        try? FileManager.default.removeItem(atPath: base)
    }
    try launcher.prepareDataFolder(bootstrap: .executables(binaries: binaries, realPasswordHashing: false))
    try await launcher.start()
    return try await body(launcher, base)
}
