import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime

// The one way tests and benchmarks run SiOpen's services: a private data folder prepared in one
// place (Super Admin, each service's own token, the clock offset), then the services of
// `Compose/topology.json` started either in this process (`ServiceHost.start`, for fast tests)
// or as the real `siopen-<service>` executables, each awaited until it answers `system.health`.
// Either way the result is the same thing: a socket path per service.
#if canImport(Glibc)
    import Glibc
#endif

/// How a data folder gets its first Super Admin and the services' own tokens. Identity owns
/// both; the launcher only knows these two calls.
public struct DataFolderBootstrap: Sendable {
    /// Creates Super Admin `root` with `password` in identity's database (identity's configuration).
    public var createSuperAdmin: @Sendable (_ identity: ServiceConfiguration, _ password: String) throws -> Void
    /// Issues `service`'s own token valid `hours` from `now`, signed by identity.
    public var issueServiceToken:
        @Sendable (_ identity: ServiceConfiguration, _ service: String, _ hours: Int, _ now: Date) throws -> String

    /// A bootstrap from two functions (e.g. identity's library calls, for in-process tests).
    public init(
        createSuperAdmin: @escaping @Sendable (ServiceConfiguration, String) throws -> Void,
        issueServiceToken: @escaping @Sendable (ServiceConfiguration, String, Int, Date) throws -> String
    ) {
        self.createSuperAdmin = createSuperAdmin
        self.issueServiceToken = issueServiceToken
    }

    /// The bootstrap an operator runs: `siopen-identity create-super-admin` (the password on
    /// standard input) and `siopen-identity service-token` from `binaries`, hashing the password
    /// as the services will (`realPasswordHashing`). Tokens are issued at the real time.
    public static func executables(binaries: String, realPasswordHashing: Bool) -> DataFolderBootstrap {
        let environment = ServiceLauncher.childEnvironment(realPasswordHashing: realPasswordHashing)
        return DataFolderBootstrap(
            createSuperAdmin: { identity, password in
                _ = try ServiceLauncher.runCommand(
                    binaries + "/siopen-identity",
                    [
                        "create-super-admin", "--username", ScenarioData.superAdminLogin, "--email", "root@siopen.test",
                        "--name", "Root Admin",
                        "--data-dir", identity.dataDirectory,
                    ],
                    input: password + "\n", environment: environment)
            },
            issueServiceToken: { identity, service, hours, _ in
                let output = try ServiceLauncher.runCommand(
                    binaries + "/siopen-identity",
                    [
                        "service-token", "--service", service, "--hours", String(hours), "--data-dir",
                        identity.dataDirectory,
                    ],
                    environment: environment)
                return output.trimmingCharacters(in: .whitespacesAndNewlines)
            })
    }
}

/// Runs the services of the topology over one data folder, in this process or as processes.
public final class ServiceLauncher: @unchecked Sendable {
    /// Where the services run.
    public enum Mode: Sendable {
        /// In this process: `definition(name)` gives the service to host (nil: the test does not
        /// run that one). The caller's definitions read the caller's clock.
        case inProcess(definition: @Sendable (String) throws -> ServiceDefinition?)
        /// As the built `siopen-<service>` executables in `binaries`, each with `--parent-pid`
        /// (so it never outlives us), the clock offset file, and the fast password hashing of
        /// tests unless `realPasswordHashing`.
        case processes(binaries: String, realPasswordHashing: Bool)
    }

    /// The data folder every service shares.
    public let directory: String
    /// Where the services run.
    public let mode: Mode
    /// The services that may run, in start order.
    public let topology: Topology
    /// The clock offset every process reads (`SIOPEN_CLOCK_OFFSET_FILE`), in seconds.
    public var clockOffsetFile: String { directory + "/clock-offset" }

    private let lock = NSLock()
    private var hosts: [String: ServiceHost] = [:]
    private var children: [String: ChildProcess] = [:]

    /// A launcher over `directory` (made private if missing). The topology is
    /// `Compose/topology.json`, found as `siopen up` finds it.
    public init(directory: String, mode: Mode, topology: Topology? = nil) throws {
        self.directory = directory
        self.mode = mode
        if let topology {
            self.topology = topology
        } else {
            let binaries: String
            if case .processes(let folder, _) = mode {
                binaries = folder
            } else {
                binaries = Topology.executableDirectory
            }
            guard let path = Topology.locate(explicit: nil, binariesDirectory: binaries) else {
                throw ScenarioFailure(
                    "Compose/topology.json not found from \(FileManager.default.currentDirectoryPath) or \(binaries)")
            }
            self.topology = try Topology.load(from: path)
        }
        try SecureFiles.createPrivateDirectory(directory)
    }

    /// Every service name of the topology, in start order.
    public var serviceNames: [String] { topology.services.map(\.name) }

    /// The socket path of `service` (whether it runs or not).
    public func socketPath(_ service: String) -> String {
        topology.services.first { $0.name == service }?.socketPath(dataDirectory: directory)
            ?? ServiceConfiguration.socketPath(of: service, dataDirectory: directory)
    }

    /// The socket path of every service of the topology, by name.
    public var sockets: [String: String] {
        Dictionary(uniqueKeysWithValues: serviceNames.map { ($0, socketPath($0)) })
    }

    /// The configuration a service of this data folder runs with.
    public func configuration(_ service: String) -> ServiceConfiguration {
        ServiceConfiguration(
            serviceName: service, dataDirectory: directory, socketPath: socketPath(service), logLevel: .warning)
    }

    // MARK: The data folder

    /// Makes the data folder ready, private throughout (0700 folders, 0600 files): Super Admin
    /// `root` with `superAdminPassword`, each other service's own token under `keys/`, where
    /// `siopen up` would put it, and the clock at offset 0.
    public func prepareDataFolder(
        bootstrap: DataFolderBootstrap, superAdminPassword: String = ScenarioData.superAdminPassword, now: Date = Date()
    ) throws {
        try SecureFiles.createPrivateDirectory(directory + "/keys")
        try bootstrap.createSuperAdmin(configuration("identity"), superAdminPassword)
        try writeServiceTokens(bootstrap: bootstrap, now: now)
        try setClockOffset(seconds: 0)
    }

    /// Issues every service's token again at `now` (after a test moved the clock past them).
    public func writeServiceTokens(bootstrap: DataFolderBootstrap, now: Date = Date(), hours: Int = 24) throws {
        for service in serviceNames where service != "identity" {
            let token = try bootstrap.issueServiceToken(configuration("identity"), service, hours, now)
            try SecureFiles.writeSecret(Array(token.utf8), to: "\(directory)/keys/\(service).token")
        }
    }

    /// A service's own token, as written under `keys/`.
    public func serviceToken(_ service: String) throws -> String {
        guard let bytes = try SecureFiles.readSecret(at: "\(directory)/keys/\(service).token") else {
            throw ScenarioFailure("no token for \(service) under \(directory)/keys")
        }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Moves every process's clock to `seconds` after the real time; they re-read it within
    /// 100 ms, so this waits 300 ms. (In-process services read the caller's clock instead.)
    public func moveClock(seconds: Int) async throws {
        try setClockOffset(seconds: seconds)
        try await Task.sleep(for: .milliseconds(300))
    }

    private func setClockOffset(seconds: Int) throws {
        try SecureFiles.writeSecret(Array(String(seconds).utf8), to: clockOffsetFile)
    }

    // MARK: Starting and stopping

    /// Starts `services` in the given order (all of the topology's by default) and waits until
    /// each answers `system.health`. Processes are all spawned first, then awaited, as
    /// `siopen up` does: a service must cope with its peers coming up after it.
    public func start(_ services: [String]? = nil, timeout: Duration = .seconds(120)) async throws {
        let services = services ?? serviceNames
        guard case .processes(let binaries, let realPasswordHashing) = mode else {
            for service in services { try await start(service, timeout: timeout) }
            return
        }
        var spawned: [(String, ChildProcess)] = []
        for service in services {
            let process = try spawn(service, binaries: binaries, realPasswordHashing: realPasswordHashing)
            lock.withLock { children[service] = process }
            spawned.append((service, process))
        }
        for (service, process) in spawned { try await awaitHealth(service, process: process, timeout: timeout) }
    }

    /// Starts one service and waits until it answers `system.health`.
    public func start(_ service: String, timeout: Duration = .seconds(120)) async throws {
        switch mode {
        case .inProcess(let definition):
            guard let made = try definition(service) else {
                throw ScenarioFailure("no in-process definition of \(service)")
            }
            let host = try ServiceHost.start(made, configuration: configuration(service))
            lock.withLock { hosts[service] = host }
        case .processes(let binaries, let realPasswordHashing):
            let process = try spawn(service, binaries: binaries, realPasswordHashing: realPasswordHashing)
            lock.withLock { children[service] = process }
            try await awaitHealth(service, process: process, timeout: timeout)
        }
    }

    /// Starts `siopen-<service>` on the data folder, its output in `<service>.out` and `.err`.
    private func spawn(_ service: String, binaries: String, realPasswordHashing: Bool) throws -> ChildProcess {
        let executable =
            binaries + "/" + (topology.services.first { $0.name == service }?.executable ?? "siopen-\(service)")
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ScenarioFailure(
                "\(executable) missing: build first with `swift build --build-tests` (or `swift build`) and the same scratch path"
            )
        }
        var environment = Self.childEnvironment(realPasswordHashing: realPasswordHashing)
        if FileManager.default.fileExists(atPath: clockOffsetFile) {
            environment["SIOPEN_CLOCK_OFFSET_FILE"] = clockOffsetFile
        }
        return try ChildProcess.spawn(
            executable, ["--data-dir", directory, "--log-level", "warning", "--parent-pid", String(getpid())],
            logPrefix: "\(directory)/\(service)", environment: environment)
    }

    private func awaitHealth(_ service: String, process: ChildProcess, timeout: Duration) async throws {
        let client = RPCClient(socketPath: socketPath(service), serviceName: service)
        defer { client.close() }
        let deadline = ContinuousClock.now + timeout
        while true {
            if (try? await client.call(SystemHealth.self, EmptyParams(), timeout: .seconds(5))) != nil { return }
            if !process.isRunning || ContinuousClock.now >= deadline {
                throw ScenarioFailure(
                    "\(service) did not answer system.health (running: \(process.isRunning))\n\(log(service).suffix(4000))"
                )
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The in-process host of `service`, when it runs in this process.
    public func host(_ service: String) -> ServiceHost? { lock.withLock { hosts[service] } }

    /// The process of `service`, when it runs as one.
    public func process(_ service: String) -> ChildProcess? { lock.withLock { children[service] } }

    /// Where a process's standard error goes.
    public func logPath(_ service: String) -> String { "\(directory)/\(service).err" }

    /// What `service`'s process wrote on standard error.
    public func log(_ service: String) -> String {
        (try? String(contentsOfFile: logPath(service), encoding: .utf8)) ?? ""
    }

    /// The services whose process has ended, with how.
    public var ended: [String] {
        lock.withLock {
            serviceNames.compactMap { service in
                guard let process = children[service], let ended = process.poll() else { return nil }
                return "\(service) (\(ended))"
            }
        }
    }

    /// Stops one service: an in-process host stops (after waiting up to `draining` for its
    /// clients to hang up); a process gets SIGTERM, and SIGKILL if it is still running after `grace`.
    public func stop(_ service: String, grace: Duration = .seconds(10), draining: Duration = .zero) async {
        let (host, process) = lock.withLock {
            (hosts.removeValue(forKey: service), children.removeValue(forKey: service))
        }
        if let host {
            let deadline = ContinuousClock.now + draining
            while host.server.connectionCount > 0, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(10))
            }
            await host.stop()
        }
        if let process { process.terminate(grace: grace) }
    }

    /// Kills one service process with SIGKILL at once, as a crash or a power cut would (kill -9),
    /// and reaps it; an in-process host is only stopped. Start it again with ``start(_:timeout:)``.
    public func kill(_ service: String) async {
        let (host, process) = lock.withLock {
            (hosts.removeValue(forKey: service), children.removeValue(forKey: service))
        }
        if let host { await host.stop() }
        process?.killAndReap()
    }

    /// For `defer` in synchronous code: terminates every service process at once (SIGTERM, then
    /// SIGKILL after `grace`) and removes the data folder. In-process hosts need `stopAndRemove`.
    public func terminateAndRemove(grace: Duration = .seconds(10)) {
        let processes = lock.withLock {
            let all = Array(children.values)
            children = [:]
            return all
        }
        ChildProcess.terminate(processes, grace: grace)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stops every running service, the last started first.
    public func stopAll(draining: Duration = .zero) async {
        for service in serviceNames.reversed() { await stop(service, draining: draining) }
    }

    /// Stops every service and removes the data folder.
    public func stopAndRemove(draining: Duration = .zero) async {
        await stopAll(draining: draining)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs `body`, then stops every service and removes the data folder, whatever happens.
    public func whileRunning<T>(_ body: () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            await stopAndRemove()
            return result
        } catch {
            await stopAndRemove()
            throw error
        }
    }

    // MARK: Commands

    /// The environment of a child: ours without any SIOPEN_* setting (the services find each
    /// other in the data folder only), with the tests' fast password hashing unless `realPasswordHashing`.
    public static func childEnvironment(realPasswordHashing: Bool) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SIOPEN_") }
        if !realPasswordHashing { environment["SIOPEN_INSECURE_FAST_PASSWORD_HASHING"] = "1" }
        return environment
    }

    /// Runs a short command to its end with `input` on standard input; returns its standard
    /// output, or throws with its standard error when it fails.
    @discardableResult
    public static func runCommand(
        _ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String]? = nil
    ) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScenarioFailure(
                "\(executable) \(arguments.first ?? "") failed (\(process.terminationStatus)): \(String(decoding: errors, as: UTF8.self))"
            )
        }
        return String(decoding: output, as: UTF8.self)
    }
}
