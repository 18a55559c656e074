import Foundation

// The one way tests and benchmarks start a program of ours as a child: posix_spawn with a clean
// signal state (as a shell would start it), standard input from /dev/null, standard output and
// error in files, and reaping under our control (so a test can tell an exit from a signal).
#if canImport(Glibc)
    import Glibc
#endif

/// How a child process ended.
public enum Termination: Equatable, Sendable, CustomStringConvertible {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it.
    case signaled(Int32)

    /// "exit status N" or "signal N".
    public var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "signal \(signal)"
        }
    }
}

/// A child process, spawned with a clean signal state and its standard output and error in files.
public final class ChildProcess: @unchecked Sendable {
    /// Its pid.
    public let pid: pid_t
    /// Where its standard output goes.
    public let stdoutPath: String
    /// Where its standard error goes.
    public let stderrPath: String
    /// The command line, for messages.
    public let commandLine: String
    private let lock = NSLock()
    private var ended: Termination?

    private init(pid: pid_t, stdoutPath: String, stderrPath: String, commandLine: String) {
        self.pid = pid
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
        self.commandLine = commandLine
    }

    /// The environment children get by default: ours without any SIOPEN_* setting that would
    /// change what a test means.
    public static var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SIOPEN_") }
    }

    /// Spawns `executable` with `arguments` and `environment` (the clean one by default); standard
    /// input is the file `standardInput`; output goes to `<logPrefix>.out` and `<logPrefix>.err` (0600).
    public static func spawn(
        _ executable: String, _ arguments: [String], logPrefix: String, standardInput: String = "/dev/null",
        environment: [String: String]? = nil
    ) throws -> ChildProcess {
        let stdoutPath = logPrefix + ".out"
        let stderrPath = logPrefix + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Test threads block signals; a child must start as it would from a shell.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let variables = (environment ?? cleanEnvironment).map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ScenarioFailure("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return ChildProcess(
            pid: pid, stdoutPath: stdoutPath, stderrPath: stderrPath,
            commandLine: ([executable] + arguments).joined(separator: " "))
    }

    /// The exit, if the process has ended (reaps it).
    public func poll() -> Termination? {
        lock.withLock {
            if let ended { return ended }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            guard result == pid else { return nil }
            let low = status & 0x7f
            ended = low == 0 ? .exited((status >> 8) & 0xff) : .signaled(low)
            return ended
        }
    }

    /// Whether it still runs.
    public var isRunning: Bool { poll() == nil }

    /// Waits up to `timeout` for the process to end.
    public func waitForExit(timeout: Duration) async -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let ended = poll() { return ended }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Sends `signal` unless the process was already reaped.
    public func send(_ signal: Int32) {
        lock.withLock {
            if ended == nil { _ = kill(pid, signal) }
        }
    }

    /// SIGTERM, then SIGKILL if it still runs after `grace`; reaped either way.
    public func terminate(grace: Duration) {
        Self.terminate([self], grace: grace)
    }

    /// SIGTERM to each, SIGKILL to any still running after `grace`; all reaped.
    public static func terminate(_ children: [ChildProcess], grace: Duration) {
        for child in children { child.send(SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while children.contains(where: \.isRunning) && ContinuousClock.now < deadline { usleep(20_000) }
        for child in children { child.killAndReap() }
    }

    /// SIGKILL and reap, for cleanup; harmless when it has already ended.
    public func killAndReap() {
        guard poll() == nil else { return }
        send(SIGKILL)
        while poll() == nil { usleep(10_000) }
    }

    /// What it wrote on standard output.
    public var standardOutput: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    /// What it wrote on standard error.
    public var standardError: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Both outputs, for failure messages.
    public var transcript: String {
        "$ \(commandLine)\n--- stdout ---\n\(standardOutput)\n--- stderr ---\n\(standardError)"
    }
}
