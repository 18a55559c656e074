import Dispatch
import Foundation
import SiOpenProtocol
import SiOpenRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// Runs every service of a topology as its own process: starts them in order, waits until each
/// answers `system.health`, restarts a crashed one with exponential backoff, and on SIGINT or
/// SIGTERM stops them all (SIGTERM, then SIGKILL after a grace period).
final class Supervisor: @unchecked Sendable {
    let topology: Topology
    let dataDirectory: String
    let binariesDirectory: String
    private let queue = DispatchQueue(label: "siopen.supervisor")
    private var processes: [String: Process] = [:]
    private var restartDelay: [String: Double] = [:]
    private var startedAt: [String: Date] = [:]
    private var stopping = false
    let logger = Logger(service: "siopen")

    /// A service that keeps running this long has its backoff reset.
    let stableAfterSeconds = 60.0
    let maxBackoffSeconds = 30.0

    /// Scheduled backups (`--backup-dir`): every `every`, a ``BackupArchive`` into `folder`
    /// named by its time, keeping the newest `keep`; the private keys sealed with `passphrase`,
    /// or left out (with a warning in the log) without one.
    struct BackupSchedule {
        var folder: String
        var every: Duration
        var keep: Int
        var passphrase: [UInt8]?
    }

    /// Set before ``run()`` to keep the daily capacity record and alert Super Admin, every
    /// ``capacityEvery`` (the first check right after start).
    var capacityWatch: CapacityWatch?
    /// How often the capacity is checked.
    var capacityEvery: Duration = .seconds(600)

    /// Set before ``run()`` to take backups on a schedule.
    var backupSchedule: BackupSchedule?
    private var backupRunning = false

    init(topology: Topology, dataDirectory: String, binariesDirectory: String) {
        self.topology = topology
        self.dataDirectory = dataDirectory
        self.binariesDirectory = binariesDirectory
    }

    /// Runs until a stop signal; returns the exit status.
    func run() async -> Int32 {
        // Watch from the start, so a stop requested while services start is not lost.
        let stopSignal = ShutdownWatch()
        // The data folder and everything the launcher makes in it are private (0700 folders,
        // 0600 files); the services refuse to start on one that is not.
        do {
            try SecureFiles.createPrivateDirectory(dataDirectory + "/run")
            try SecureFiles.createPrivateDirectory(dataDirectory + "/db")
            try SecureFiles.createPrivateDirectory(dataDirectory + "/keys")
        } catch {
            logger.error(
                "cannot create the data folder", ["dataDir": .string(dataDirectory), "error": .string("\(error)")])
            return 1
        }
        // Refuse up front what every service would refuse, rather than restart them in a loop.
        if ProcessInfo.processInfo.environment["SIOPEN_ALLOW_INSECURE_PERMISSIONS"] != "1" {
            for service in topology.services {
                let configuration = ServiceConfiguration(serviceName: service.name, dataDirectory: dataDirectory)
                let problems = SecureFiles.insecurePaths(of: configuration)
                if !problems.isEmpty {
                    FileHandle.standardError.write(
                        Data((SecureFiles.refusal(problems, configuration: configuration).message + "\n").utf8))
                    return 1
                }
            }
        }
        // One launcher per data folder.
        let lockPath = dataDirectory + "/run/siopen.lock"
        let lockFD = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lockFD >= 0, flock(lockFD, LOCK_EX | LOCK_NB) == 0 else {
            logger.error(
                "another siopen up is already running for this data folder", ["dataDir": .string(dataDirectory)])
            return 1
        }
        for service in topology.services {
            let path = binariesDirectory + "/" + service.executable
            guard FileManager.default.isExecutableFile(atPath: path) else {
                logger.error(
                    "service executable not found; build first with: swift build -c release", ["path": .string(path)])
                return 1
            }
        }
        // Service principals: each service gets a token from identity before it starts, renewed
        // well before the 24-hour limit (see IdentityLink.serviceToken).
        issueServiceTokens()
        let renewal = DispatchSource.makeTimerSource(queue: queue)
        renewal.schedule(deadline: .now() + .seconds(6 * 3600), repeating: .seconds(6 * 3600))
        renewal.setEventHandler { [weak self] in self?.issueServiceTokens() }
        renewal.resume()
        defer { renewal.cancel() }
        for service in topology.services {
            queue.sync { launch(service) }
            let healthy = await waitUntilHealthy(service, timeout: .seconds(60))
            if !healthy {
                logger.error("service did not become healthy", ["service": .string(service.name)])
                await stopAll()
                return 1
            }
        }
        printLine("SiOpen is up. Data folder: \(dataDirectory)")
        for service in topology.services {
            let pid = queue.sync { processes[service.name]?.processIdentifier ?? 0 }
            printLine(
                "  \(service.name.padding(toLength: 10, withPad: " ", startingAt: 0)) pid \(pid)  \(service.socketPath(dataDirectory: dataDirectory))"
            )
        }
        var backupTimer: (any DispatchSourceTimer)?
        if let schedule = backupSchedule {
            let timer = DispatchSource.makeTimerSource(queue: queue)
            let seconds = Int(schedule.every.components.seconds)
            timer.schedule(deadline: .now() + .seconds(seconds), repeating: .seconds(seconds))
            timer.setEventHandler { [weak self] in self?.takeScheduledBackup(schedule) }
            timer.resume()
            backupTimer = timer
            printLine(
                "Backups every \(seconds) seconds into \(schedule.folder), keeping the newest \(schedule.keep)\(schedule.passphrase == nil ? " (private keys left out: no passphrase)" : "")."
            )
        }
        defer { backupTimer?.cancel() }
        var capacityTask: Task<Void, Never>?
        if let watch = capacityWatch {
            let every = capacityEvery
            capacityTask = Task { [weak self] in
                while !Task.isCancelled {
                    guard let self else { return }
                    let pids = self.queue.sync { self.processes.values.map(\.processIdentifier) }
                    await watch.check(pids: pids)
                    try? await Task.sleep(for: every)
                }
            }
        }
        defer { capacityTask?.cancel() }
        printLine("Press Ctrl-C to stop.")
        await stopSignal.wait()
        capacityTask?.cancel()
        await stopAll()
        return 0
    }

    /// Writes `<data>/keys/<service>.token` (mode 0600) for every service, signed by identity's
    /// key through `siopen-identity service-token`. A failure is logged: the services still run,
    /// only their calls to `.service` methods are refused until the next renewal.
    private func issueServiceTokens() {
        _ = Self.issueServiceTokens(
            topology: topology, dataDirectory: dataDirectory, binariesDirectory: binariesDirectory, logger: logger)
    }

    /// Issues every service's token as ``issueServiceTokens()`` does (also `siopen tokens`, for
    /// services run by systemd); returns how many were written.
    static func issueServiceTokens(
        topology: Topology, dataDirectory: String, binariesDirectory: String, logger: Logger
    ) -> Int {
        var written = 0
        guard let identity = topology.services.first(where: { $0.name == "identity" }) else { return 0 }
        let keys = dataDirectory + "/keys"
        try? SecureFiles.createPrivateDirectory(keys)
        // The services' tokens, and one for siopen's own monitoring (the capacity watch's alerts).
        for name in topology.services.map(\.name) + [CapacityWatch.operationsService] {
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: binariesDirectory + "/" + identity.executable)
            process.arguments = [
                "service-token", "--service", name, "--hours", "24", "--data-dir", dataDirectory,
            ]
            process.standardOutput = output
            do {
                try process.run()
                let token = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                guard process.terminationStatus == 0, !token.isEmpty else {
                    logger.error("cannot issue a service token", ["service": .string(name)])
                    continue
                }
                let path = "\(keys)/\(name).token"
                do {
                    try SecureFiles.writeSecret([UInt8](token), to: path)
                    written += 1
                } catch {
                    logger.error(
                        "cannot write the service token",
                        ["service": .string(name), "path": .string(path), "error": .string("\(error)")])
                    continue
                }
            } catch {
                logger.error(
                    "cannot issue a service token", ["service": .string(name), "error": .string("\(error)")])
            }
        }
        return written
    }

    /// Takes one scheduled backup on a background thread (on `queue`: skipped while the last
    /// one still runs), then prunes the folder to the newest `keep`.
    private func takeScheduledBackup(_ schedule: BackupSchedule) {
        guard !backupRunning, !stopping else { return }
        backupRunning = true
        let topology = topology
        let dataDirectory = dataDirectory
        let logger = logger
        let queue = queue
        DispatchQueue.global(qos: .utility).async {
            let path = schedule.folder + "/" + BackupArchive.scheduledName(at: Date())
            do {
                let manifest = try BackupArchive.create(
                    at: path, dataDirectory: dataDirectory, topology: topology, passphrase: schedule.passphrase)
                let removed = BackupArchive.prune(schedule.folder, keep: schedule.keep)
                logger.info(
                    "backup taken",
                    [
                        "path": .string(path), "files": .integer(Int64(manifest.files.count)),
                        "removedOld": .integer(Int64(removed.count)),
                    ])
                for note in manifest.leftOut { logger.warning("left out of the backup", ["what": .string(note)]) }
            } catch {
                logger.error("scheduled backup failed", ["path": .string(path), "error": .string("\(error)")])
            }
            queue.async { [weak self] in self?.backupRunning = false }
        }
    }

    /// Starts `service` (on `queue`).
    private func launch(_ service: Topology.Service) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binariesDirectory + "/" + service.executable)
        process.arguments = [
            "--data-dir", dataDirectory,
            "--socket", service.socketPath(dataDirectory: dataDirectory),
            "--parent-pid", String(getpid()),
        ]
        process.terminationHandler = { [weak self] finished in
            guard let self else { return }
            let status = finished.terminationStatus
            let reason = finished.terminationReason == .uncaughtSignal ? "signal \(status)" : "status \(status)"
            self.queue.async { self.exited(service, process: finished, reason: reason) }
        }
        do {
            try process.run()
            processes[service.name] = process
            startedAt[service.name] = Date()
            logger.info(
                "started", ["service": .string(service.name), "pid": .integer(Int64(process.processIdentifier))])
        } catch {
            logger.error("cannot start", ["service": .string(service.name), "error": .string("\(error)")])
            scheduleRestart(service)
        }
    }

    private func exited(_ service: Topology.Service, process: Process, reason: String) {
        guard processes[service.name] === process else { return }
        processes[service.name] = nil
        guard !stopping else { return }
        if let started = startedAt[service.name], Date().timeIntervalSince(started) > stableAfterSeconds {
            restartDelay[service.name] = nil
        }
        logger.warning("service exited; restarting", ["service": .string(service.name), "reason": .string(reason)])
        scheduleRestart(service)
    }

    private func scheduleRestart(_ service: Topology.Service) {
        let delay = restartDelay[service.name] ?? 0.5
        restartDelay[service.name] = min(delay * 2, maxBackoffSeconds)
        queue.asyncAfter(deadline: .now() + delay) { [self] in
            guard !stopping, processes[service.name] == nil else { return }
            launch(service)
        }
    }

    private func waitUntilHealthy(_ service: Topology.Service, timeout: Duration) async -> Bool {
        let client = RPCClient(socketPath: service.socketPath(dataDirectory: dataDirectory), serviceName: service.name)
        defer { client.close() }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            // Only our own process counts: another instance serving the socket (one started alone
            // on this data folder) would make a service that cannot start look healthy.
            let launched = queue.sync { processes[service.name]?.processIdentifier }
            if let report = try? await client.call(SystemHealth.self, EmptyParams(), timeout: .seconds(2)),
                report.status == .ok,
                report.pid == launched
            {
                return true
            }
            client.close()
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// SIGTERM to every service, then SIGKILL to any still running after 20 seconds.
    private func stopAll() async {
        let running: [Process] = queue.sync {
            stopping = true
            return Array(processes.values)
        }
        logger.info("stopping all services")
        for process in running where process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(20)
        while running.contains(where: \.isRunning), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        for process in running where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for process in running { process.waitUntilExit() }
        logger.info("all services stopped")
    }
}
