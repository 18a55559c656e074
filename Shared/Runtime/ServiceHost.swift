import Dispatch
import Foundation
import SiOpenProtocol
import SiOpenStorage

#if canImport(Glibc)
    import Glibc
#endif

/// The version every SiOpen service reports.
public enum SiOpenVersion {
    /// Semantic version of this build and of its contracts (`info.version` of every OpenRPC
    /// document): a breaking contract change raises MAJOR, an additive one MINOR, a fix PATCH
    /// (the README's "Contracts and versions" says what counts as breaking).
    public static let current = "0.1.0"
}

/// What a service is: its name and description, its database schema, and its methods.
///
/// A service's library declares one of these; its executable's `main` hands it to
/// ``ServiceHost/runMain(_:)``; tests and benchmarks start it in-process with ``ServiceHost/start(_:configuration:authenticator:)``.
public struct ServiceDefinition: Sendable {
    /// The service's name: its socket is `run/<name>.sock`, its database `db/<name>.sqlite`.
    public var name: String
    /// One paragraph for the OpenRPC document.
    public var summary: String
    /// The database migrations, in version order.
    public var migrations: [Migration]
    /// Registers the service's methods; called once at start with the open environment.
    public var registerMethods: @Sendable (inout RPCMethodTable, ServiceEnvironment) throws -> Void
    /// How the service authenticates tokens. By default: locally, with identity's keys and
    /// revocation list (see ``IdentityLink``); identity itself supplies its own.
    public var makeAuthenticator: @Sendable (ServiceEnvironment) throws -> any RequestAuthenticator
    /// The events the service publishes on its feed (its `Shared/Contracts/<Service>/<Service>Events.swift`),
    /// listed in `rpc.discover`'s `x-events`.
    public var events: [EventDescriptor]
    /// Its methods' recorded examples (`ContractExamples.of(name)`), shown in `rpc.discover`.
    public var examples: [OpenRPCExample]

    /// Creates a definition.
    public init(
        name: String, summary: String, migrations: [Migration] = [],
        registerMethods: @escaping @Sendable (inout RPCMethodTable, ServiceEnvironment) throws -> Void = { _, _ in },
        makeAuthenticator: @escaping @Sendable (ServiceEnvironment) throws -> any RequestAuthenticator = {
            IdentityLink.authenticator(for: $0)
        },
        events: [EventDescriptor] = [], examples: [OpenRPCExample] = []
    ) {
        self.events = events
        self.examples = examples
        self.makeAuthenticator = makeAuthenticator
        self.name = name
        self.summary = summary
        self.migrations = migrations
        self.registerMethods = registerMethods
    }
}

/// What a running service hands its handlers: configuration, database, logger.
public struct ServiceEnvironment: Sendable {
    /// The configuration it was started with.
    public let configuration: ServiceConfiguration
    /// The service's own database.
    public let database: Database
    /// Its structured logger.
    public let logger: Logger
    /// Its periodic background jobs, stopped with the service.
    public let background: BackgroundWork
}

/// A running service: its database, dispatch table and socket server.
public final class ServiceHost: Sendable {
    /// The definition it runs.
    public let definition: ServiceDefinition
    /// Its environment.
    public let environment: ServiceEnvironment
    /// The socket server.
    public let server: RPCServer
    let startedAt: ContinuousClock.Instant
    /// The token verifier this host made (not one passed in); its background poll stops with the service.
    let ownedVerifier: SessionTokenVerifier?
    /// The audit log's key and checkpoint file.
    let auditSeal: AuditSeal

    private init(
        definition: ServiceDefinition, environment: ServiceEnvironment, server: RPCServer,
        ownedVerifier: SessionTokenVerifier?,
        startedAt: ContinuousClock.Instant, auditSeal: AuditSeal
    ) {
        self.auditSeal = auditSeal
        self.definition = definition
        self.environment = environment
        self.server = server
        self.ownedVerifier = ownedVerifier
        self.startedAt = startedAt
    }

    /// Opens the database (applying migrations), builds the dispatch table with `system.health`
    /// and `rpc.discover`, and starts listening.
    public static func start(
        _ definition: ServiceDefinition, configuration: ServiceConfiguration,
        authenticator explicitAuthenticator: (any RequestAuthenticator)? = nil
    ) throws -> ServiceHost {
        let logger = Logger(service: definition.name, minimumLevel: configuration.logLevel)
        try SecureFiles.createPrivateDirectory(configuration.dataDirectory + "/run")
        // Claim the instance before opening the database, so a second instance (perhaps a newer
        // build) never migrates the schema under a running one. Opening checks the permissions.
        let instanceLock = try InstanceLock.acquire(socketPath: configuration.socketPath)
        let database = try openDatabase(configuration, migrations: definition.migrations, logger: logger)
        let auditSeal: AuditSeal
        do {
            auditSeal = try AuditSeal.open(configuration: configuration, database: database)
        } catch {
            database.close()
            throw error
        }
        Self.checkpointAudit(auditSeal, database: database, logger: logger)
        let environment = ServiceEnvironment(
            configuration: configuration, database: database, logger: logger, background: BackgroundWork(logger: logger)
        )
        let startedAt = ContinuousClock.now

        var table = RPCMethodTable()
        let authenticator: any RequestAuthenticator
        do {
            try definition.registerMethods(&table, environment)
            authenticator = try explicitAuthenticator ?? definition.makeAuthenticator(environment)
        } catch {
            environment.background.cancel()
            database.close()
            throw error
        }
        EventFeed.registerFeedAndAudit(into: &table, database: database)
        environment.background.every(auditCheckpointInterval, name: "audit checkpoint") {
            _ = try await database.read { try auditSeal.checkpoint($0) }
        }
        let ownedVerifier = explicitAuthenticator == nil ? authenticator as? SessionTokenVerifier : nil
        let probe = HealthProbe()
        table.register(SystemHealth.self) { _, _ in
            await Self.health(definition: definition, environment: environment, startedAt: startedAt, probe: probe)
        }
        let maintenance = MaintenanceWatch(dataDirectory: configuration.dataDirectory)
        let traffic = RPCMetrics(methods: Array(table.entries.keys) + [SystemMetrics.name, RPCDiscover.name])
        let serverSlot = ServerSlot()
        table.register(SystemMetrics.self) { _, _ in
            Self.metrics(
                definition: definition, environment: environment, startedAt: startedAt, traffic: traffic,
                server: { serverSlot.server }, maintenance: maintenance)
        }
        let document = OpenRPCDocument.make(
            title: "SiOpen \(definition.name)", version: SiOpenVersion.current, description: definition.summary,
            table: table.adding(RPCDiscover.self), events: definition.events,
            examples: definition.examples)
        table.register(RPCDiscover.self, constantResult: document)

        let dispatcher = RPCDispatcher(
            table: table, authenticator: authenticator,
            observer: { record in
                traffic.record(record)
                Self.log(record, logger: logger)
            },
            gate: { maintenance.refusal(for: $0) })
        let server = RPCServer(socketPath: configuration.socketPath, dispatcher: dispatcher, instanceLock: instanceLock)
        serverSlot.server = server
        do {
            try server.start()
        } catch {
            environment.background.cancel()
            ownedVerifier?.stop()
            database.close()
            throw error
        }
        // Under umask 077 the socket is the user's alone; its group may call the service too.
        chmod(configuration.socketPath, 0o660)
        logger.info(
            "listening",
            [
                "socket": .string(configuration.socketPath), "database": .string(configuration.databasePath),
                "pid": .integer(Int64(getpid())),
            ])
        return ServiceHost(
            definition: definition, environment: environment, server: server, ownedVerifier: ownedVerifier,
            startedAt: startedAt,
            auditSeal: auditSeal)
    }

    /// Writes the log line of one answered call: debug level, or an error for an internal failure.
    static func log(_ record: RPCCallRecord, logger: Logger) {
        // Per-request lines are debug level: skip building them unless they will be written.
        guard record.internalError != nil || logger.minimumLevel <= .debug else { return }
        var fields: [String: JSONValue] = [
            "requestId": .string(record.requestID),
            "durationMicros": .integer(
                Int64(
                    record.duration.components.seconds * 1_000_000 + record.duration.components.attoseconds
                        / 1_000_000_000_000)),
        ]
        if let method = record.method { fields["method"] = .string(method) }
        if let code = record.errorCode { fields["errorCode"] = .integer(Int64(code)) }
        if let principal = record.principalID { fields["principal"] = .string(principal) }
        if let detail = record.internalError {
            fields["error"] = .string(detail)
            logger.error("request failed unexpectedly", fields)
        } else {
            logger.debug("request", fields)
        }
    }

    /// How often the head of the audit log is checkpointed (when it moved): well within the
    /// minute the checkpoints promise.
    public static let auditCheckpointInterval: Duration = .seconds(30)

    /// Creates the data folder and its `db` and `keys` folders (0700) as needed, then refuses,
    /// naming each path, a data folder, database or key file that group or others may access,
    /// unless the configuration allows it, in which case it logs a warning.
    public static func preparePrivateDataFolder(_ configuration: ServiceConfiguration, logger: Logger? = nil) throws {
        try SecureFiles.createPrivateDirectory(configuration.dataDirectory + "/db")
        try SecureFiles.createPrivateDirectory(configuration.keysDirectory)
        let problems = SecureFiles.insecurePaths(of: configuration)
        guard !problems.isEmpty else { return }
        guard configuration.allowInsecurePermissions else {
            throw SecureFiles.refusal(problems, configuration: configuration)
        }
        logger?.warning(
            "group or others may access the data folder, database or key files; running anyway because insecure permissions are allowed",
            ["paths": .array(problems.map { .string($0) })])
    }

    /// Opens the service's database as a service or one of its commands must: in a private
    /// data folder (see ``preparePrivateDataFolder(_:logger:)``), the file created 0600, and with
    /// private keys that older versions kept in it moved out to key files
    /// (``SigningKeys/moveLegacyKeys(_:configuration:)``). Commands that append audit entries also
    /// open the service's ``AuditSeal``.
    public static func openDatabase(
        _ configuration: ServiceConfiguration, migrations: [Migration], logger: Logger? = nil
    ) throws -> Database {
        try preparePrivateDataFolder(configuration, logger: logger)
        try SecureFiles.createPrivateFile(configuration.databasePath)
        let databaseConfiguration = DatabaseConfiguration(migrations: migrations)
        let database = try Database(path: configuration.databasePath, configuration: databaseConfiguration)
        guard try SigningKeys.moveLegacyKeys(database, configuration: configuration) else { return database }
        // Closing checkpoints the WAL into the main file and removes it: the zeroed pages replace
        // the ones that held the keys.
        database.close()
        logger?.info(
            "moved the signing key out of the database", ["keyFile": .string(SigningKeys.keyPath(configuration))])
        return try Database(path: configuration.databasePath, configuration: databaseConfiguration)
    }

    /// Checkpoints the audit log's head now, logging (not throwing) a refusal: a log that no
    /// longer reaches its last checkpoint stays as evidence for `audit.verify`.
    static func checkpointAudit(_ seal: AuditSeal, database: Database, logger: Logger) {
        do {
            _ = try database.readSync { try seal.checkpoint($0) }
        } catch {
            logger.error("audit checkpoint refused", ["error": .string("\(error)")])
        }
    }

    /// Stops accepting, finishes requests in flight, checkpoints the audit log, closes the database.
    public func stop() async {
        environment.logger.info("stopping")
        await server.shutdown()
        await environment.background.stop()
        ownedVerifier?.stop()
        Self.checkpointAudit(auditSeal, database: environment.database, logger: environment.logger)
        environment.database.close()
        environment.logger.info("stopped")
    }

    static func health(
        definition: ServiceDefinition, environment: ServiceEnvironment, startedAt: ContinuousClock.Instant,
        probe: HealthProbe
    ) async -> HealthReport {
        let (databaseOK, freeDisk) = await probe.measure(environment)
        let diskOK = freeDisk > 64 << 20
        return HealthReport(
            status: databaseOK && diskOK ? .ok : .degraded, service: definition.name, version: SiOpenVersion.current,
            uptimeSeconds: (ContinuousClock.now - startedAt).components.seconds, databaseOK: databaseOK,
            freeDiskBytes: freeDisk, pid: getpid())
    }

    /// Free bytes for unprivileged users on the file system holding `path`.
    public static func freeDiskBytes(at path: String) -> Int64 {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return 0 }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }

    /// The whole life of a service executable: read configuration, start, serve until SIGTERM or
    /// SIGINT (or until the launcher named by `--parent-pid` is gone), stop gracefully, exit.
    ///
    /// `siopen-<service> rotate-signing-key [--data-dir DIR]` instead replaces the service's
    /// signing key (see ``rotateSigningKey(_:arguments:)``) and exits.
    public static func runMain(_ definition: ServiceDefinition, authenticator: (any RequestAuthenticator)? = nil) async
        -> Never
    {
        // Every file the service makes (database, WAL, blobs, keys) is its user's alone.
        umask(0o077)
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "rotate-signing-key" {
            arguments.removeFirst()
            exit(rotateSigningKey(definition, arguments: arguments))
        }
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration.fromCommandLine(serviceName: definition.name, arguments: arguments)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            exit(error.isHelp ? 0 : 64)
        } catch {
            exit(64)
        }
        let logger = Logger(service: definition.name, minimumLevel: configuration.logLevel)
        // Watch before starting: a SIGTERM that arrives as the socket appears must stop the
        // service gracefully, not kill it by the default action.
        let shutdown = ShutdownWatch(parentPID: configuration.parentPID)
        let host: ServiceHost
        do {
            host = try start(definition, configuration: configuration, authenticator: authenticator)
        } catch {
            logger.error("cannot start", ["error": .string(String(describing: error))])
            exit(1)
        }
        await shutdown.wait()
        await host.stop()
        exit(0)
    }
}

extension ServiceHost {
    /// `rotate-signing-key [--data-dir DIR]`: makes a new signing key for a service that signs
    /// (identity, orders), keeping every earlier public key so what was signed before still
    /// verifies; the service signs with the new key from its next start. Prints the new key id.
    /// Returns the exit status.
    public static func rotateSigningKey(_ definition: ServiceDefinition, arguments: [String]) -> Int32 {
        func fail(_ message: String, code: Int32 = 1) -> Int32 {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            return code
        }
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration.fromCommandLine(serviceName: definition.name, arguments: arguments)
        } catch {
            return fail("\(error)\nusage: siopen-\(definition.name) rotate-signing-key [--data-dir DIR]", code: 64)
        }
        do {
            let database = try openDatabase(configuration, migrations: definition.migrations)
            defer { database.close() }
            // Services that sign have the key tables in their schema (``SigningKeys/schemaSQL``).
            let signs = try database.readSync { db in
                try db.queryOne(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name IN ('signing_key', 'signing_public_key')"
                ) != nil
            }
            guard signs else {
                return fail("\(definition.name) has never signed anything; it has no signing key to rotate")
            }
            let keys = try SigningKeys.rotate(database, configuration: configuration)
            FileHandle.standardOutput.write(
                Data(
                    "new signing key \(keys.currentKeyID) in \(SigningKeys.keyPath(configuration)); restart siopen-\(definition.name) to sign with it\n"
                        .utf8))
            return 0
        } catch {
            return fail("cannot rotate the signing key: \(error)")
        }
    }
}

extension RPCMethodTable {
    /// A copy with `method` registered to a placeholder, so the OpenRPC document can list the
    /// discovery method itself before its real handler (which returns the document) exists.
    func adding<M: RPCMethod>(_ method: M.Type) -> RPCMethodTable {
        var copy = self
        copy.register(method) { _, _ in throw RPCError.internalError(requestID: nil) }
        return copy
    }
}

/// Waits for SIGTERM or SIGINT, or for the parent process to go away.
public enum ShutdownSignal {
    /// Returns when the process should stop. Only signals that arrive after the call are seen;
    /// a process that must not miss one while it starts creates a ``ShutdownWatch`` first.
    public static func wait(parentPID: Int32? = nil) async {
        await ShutdownWatch(parentPID: parentPID).wait()
    }
}

/// Watches for SIGTERM or SIGINT, or for the parent process to go away, from the moment it is
/// created: a stop requested while the service is still starting is remembered, and the service
/// stops gracefully once started instead of being killed half-way or ignoring the request.
///
/// A watch takes over SIGTERM and SIGINT for the rest of the process's life; create one per process.
public final class ShutdownWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var sources: [any DispatchSourceProtocol] = []

    /// Starts watching. With `parentPID`, the process also stops once that process is gone.
    public init(parentPID: Int32? = nil) {
        let queue = DispatchQueue(label: "siopen.signals")
        var sources: [any DispatchSourceProtocol] = []
        let registered = DispatchGroup()
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [weak self] in self?.request() }
            registered.enter()
            source.setRegistrationHandler { registered.leave() }
            source.resume()
            sources.append(source)
        }
        // Registration is asynchronous; until it is done the signal is ignored, so wait for it.
        _ = registered.wait(timeout: .now() + 10)
        if let parentPID {
            // Started by that process (the launcher): a changed parent means it died, even by
            // kill -9, and a reused pid cannot fool the check. Otherwise watch the pid itself.
            let startedByIt = getppid() == parentPID
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + 1, repeating: 1)
            timer.setEventHandler { [weak self] in
                let gone = startedByIt ? getppid() != parentPID : (kill(parentPID, 0) != 0 && errno == ESRCH)
                if gone { self?.request() }
            }
            timer.resume()
            sources.append(timer)
        }
        lock.withLock { self.sources = sources }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Whether a stop has been requested.
    public var isRequested: Bool { lock.withLock { requested } }

    /// Returns once a stop has been requested (at once if it already was).
    public func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = lock.withLock {
                if requested { return true }
                waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    private func request() {
        let waiting: [CheckedContinuation<Void, Never>] = lock.withLock {
            requested = true
            defer { waiters.removeAll() }
            return waiters
        }
        for continuation in waiting { continuation.resume() }
    }
}

/// The server of a host, set once it exists (the `system.metrics` handler is registered before).
final class ServerSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: RPCServer?
    var server: RPCServer? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// The database and disk figures of `system.health`, measured at most once a second: load
/// balancers and the launcher poll health often, and each probe is a database read.
final class HealthProbe: @unchecked Sendable {
    private let lock = NSLock()
    private var measuredAt: ContinuousClock.Instant?
    private var figures: (databaseOK: Bool, freeDiskBytes: Int64) = (false, 0)

    func measure(_ environment: ServiceEnvironment) async -> (databaseOK: Bool, freeDiskBytes: Int64) {
        let cached: (Bool, Int64)? = lock.withLock {
            guard let measuredAt, ContinuousClock.now - measuredAt < .seconds(1) else { return nil }
            return figures
        }
        if let cached { return cached }
        let databaseOK = (try? await environment.database.read { try $0.queryOne("SELECT 1") != nil }) ?? false
        let freeDisk = ServiceHost.freeDiskBytes(at: environment.configuration.dataDirectory)
        lock.withLock {
            measuredAt = .now
            figures = (databaseOK, freeDisk)
        }
        return (databaseOK, freeDisk)
    }
}
