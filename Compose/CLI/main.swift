import Foundation
import SiOpenProtocol
import SiOpenRuntime

let usage = """
    usage: siopen <command> [options]

    commands:
      up       [--data-dir DIR] [--topology FILE] [--bin-dir DIR]
               [--backup-dir DIR [--backup-every PERIOD] [--backup-keep N] [--passphrase-file F]]
               [--capacity-every PERIOD] [--min-free-disk SIZE] [--min-free-memory SIZE]
               [--min-days-until-full DAYS] [--token T]
               start every service, wait until each is healthy, restart any that crashes;
               Ctrl-C (SIGINT) or SIGTERM stops them all. With --backup-dir, takes a backup
               every PERIOD (minutes, or 30s, 6h, 1d; default 1d) into DIR and keeps the newest
               N (default 7). Every --capacity-every PERIOD (default 10m) it adds to the daily
               capacity record and tells Super Admin of a crossed threshold (see capacity)
      backup   --to FILE [--passphrase-file F | --no-keys] [--data-dir DIR]
               an online backup of every database, document file and configuration into one
               tar archive with a manifest (SHA-256 of each file, code and schema versions);
               private keys only sealed with the passphrase (asked on a terminal), else left out
      backup verify FILE [--passphrase-file F]
               checks an archive without restoring it; exit 1 when it is damaged
      tokens   [--data-dir DIR] [--bin-dir DIR]
               issues every service's token (24 hours) into <data>/keys, as siopen up does every
               6 hours; for services run by systemd (Compose/systemd/siopen-tokens.timer)
      load     SERVICE [--socket PATH] [--token T] [--method M] [--params JSON] [--connections N]
               [--rate R] [--duration SECONDS] [--json]
               drives one service with one method (default system.health): closed loop over N
               connections, or with --rate an open loop at R requests/s whose latencies count
               from each request's intended send time; throughput, p50-p99.9, max, errors
      load     SERVICE --scenario NAME [--password-file F] [--connections N | --rate R] [--duration S] [--json]
               a scenario of the scenario kit, every action reported: identity (sign-in, whoami),
               catalog (search mix, product pages), orders (whole purchases, each order step),
               year-end (orders: 32 PPKs at once; the p99 of order actions); payments and
               reporting when they serve. Sets up its world as Super Admin (the password from F,
               else asked): for a test or staging deployment, not production
      metrics  [--data-dir DIR] [--token T]
               system.metrics of every service in the Prometheus text format (Super Admin,
               developer or monitor session)
      monitor  [--data-dir DIR] [--token T] [--count N]
               a live view of every service (memory, CPU, connections, database, disk, traffic),
               redrawn every second
      maintenance on [--message TEXT] [--minutes N | --from ISO --until ISO] | off | status
               a maintenance window for every service of the data folder: writes answer 503
               with retryAfterSeconds and the announcement, reads continue
      maintenance schedule --from ISO --until ISO --message TEXT [--token T]
               planned maintenance: announces it to every user (identity's announcement.publish,
               as Super Admin) and sets the window, which starts and ends by itself
      capacity [--check] [--json] [--min-free-disk SIZE] [--min-free-memory SIZE]
               [--min-days-until-full DAYS]
               the daily capacity record (<data>/capacity.json): free disk, memory, each database's
               and WAL's size and growth, projected days until the disk is full, alerts. With
               --check, takes a sample and announces crossed thresholds first (for a deployment
               without siopen up). Thresholds (also SIOPEN_MIN_FREE_DISK, SIOPEN_MIN_FREE_MEMORY,
               SIOPEN_MIN_DAYS_UNTIL_FULL): 2G, 256M and 30 days by default; an alert goes to
               Super Admin once per crossing with the session of --token, SIOPEN_TOKEN or login
      restore  FILE --data-dir DIR [--passphrase-file F | --without-keys]
               restores into an empty or new DIR, checking every SHA-256, each database's
               integrity_check and each audit chain
      status   [--data-dir DIR] [--topology FILE]
               the health of each service
      call     SERVICE METHOD [PARAMS-JSON | @FILE | -] [--data-dir DIR] [--token T] [--idempotency-key K] [--timeout SECONDS]
               one JSON-RPC call; prints the result as JSON; on an error prints it and exits 1.
               Params are the JSON text itself, @FILE (read from the file) or - (read from standard input).
               The token is --token, else SIOPEN_TOKEN, else the session `siopen login` saved.
      login    [--login L] [--service identity] [--data-dir DIR]
               signs in: asks for the login (unless given) and the password (not echoed; read from
               standard input when it is not a terminal) and keeps the session token in
               <data>/session.token (mode 0600) for `siopen call`
      logout   [--data-dir DIR]
               ends that session (auth.signOut) and removes the file
      methods  SERVICE [METHOD] [--data-dir DIR]
               the methods a service serves, from its OpenRPC document; with METHOD, that method's
               access, params, result, errors and examples
      docs     --out DIR [--data-dir DIR]
               writes the contract reference: one Markdown page per service, from rpc.discover

    The data folder defaults to SIOPEN_DATA_DIR or ./var.
    """

struct Options {
    var positional: [String] = []
    var dataDirectory = ProcessInfo.processInfo.environment["SIOPEN_DATA_DIR"] ?? "./var"
    var topologyPath: String?
    var binariesDirectory = Topology.executableDirectory
    var token = ProcessInfo.processInfo.environment["SIOPEN_TOKEN"]
    var idempotencyKey: String?
    var timeoutSeconds = 30.0
    var login: String?
    var loginService = "identity"
    var outputDirectory: String?
    var dataDirectoryGiven = false
    var backupTarget: String?
    var passphraseFile: String?
    var noKeys = false
    var withoutKeys = false
    var backupDirectory: String?
    var backupEverySeconds: Int64 = 86_400
    var backupKeep = 7
    var count: Int?
    var socketPath: String?
    var loadMethod = "system.health"
    var loadParams: String?
    var loadConnections = 1
    var loadRate: Double?
    var loadSeconds = 10.0
    var json = false
    var message: String?
    var maintenanceMinutes: Int?
    var maintenanceFrom: String?
    var maintenanceUntil: String?
    var capacityCheck = false
    var loadScenario: String?
    var passwordFile: String?
    var connectionsGiven = false
    var capacityEverySeconds: Int64 = 600
    var capacityThresholds = CapacityThresholds()

    init(_ arguments: ArraySlice<String>) throws {
        // Capacity thresholds are deployment settings: the environment first, flags override.
        let environment = ProcessInfo.processInfo.environment
        if let text = environment["SIOPEN_MIN_FREE_DISK"] {
            capacityThresholds.minimumFreeDiskBytes = try Self.size(text, "SIOPEN_MIN_FREE_DISK")
        }
        if let text = environment["SIOPEN_MIN_FREE_MEMORY"] {
            capacityThresholds.minimumAvailableMemoryBytes = try Self.size(text, "SIOPEN_MIN_FREE_MEMORY")
        }
        if let text = environment["SIOPEN_MIN_DAYS_UNTIL_FULL"] {
            capacityThresholds.minimumDaysUntilFull = try Self.days(text, "SIOPEN_MIN_DAYS_UNTIL_FULL")
        }
        var remaining = arguments
        while let argument = remaining.popFirst() {
            func value() throws -> String {
                guard let value = remaining.popFirst() else { throw ConfigurationError("\(argument) needs a value") }
                return value
            }
            switch argument {
            case "--data-dir":
                dataDirectory = try value()
                dataDirectoryGiven = true
            case "--to": backupTarget = try value()
            case "--message": message = try value()
            case "--socket": socketPath = try value()
            case "--method": loadMethod = try value()
            case "--params": loadParams = try value()
            case "--json": json = true
            case "--connections":
                guard let number = Int(try value()), (1...4096).contains(number) else {
                    throw ConfigurationError("--connections takes a number from 1 to 4096")
                }
                loadConnections = number
                connectionsGiven = true
            case "--scenario": loadScenario = try value()
            case "--password-file": passwordFile = try value()
            case "--rate":
                guard let number = Double(try value()), number > 0, number <= 1_000_000 else {
                    throw ConfigurationError("--rate takes requests per second, above 0 and at most 1000000")
                }
                loadRate = number
            case "--duration":
                guard let number = Double(try value()), number > 0, number <= 86_400 else {
                    throw ConfigurationError("--duration takes seconds, above 0 and at most 86400")
                }
                loadSeconds = number
            case "--check": capacityCheck = true
            case "--capacity-every":
                guard let seconds = Self.seconds(try value()) else {
                    throw ConfigurationError(
                        "--capacity-every takes a period: minutes (10), or a number with s, m, h or d (30s, 1h)")
                }
                capacityEverySeconds = seconds
            case "--min-free-disk": capacityThresholds.minimumFreeDiskBytes = try Self.size(try value(), argument)
            case "--min-free-memory":
                capacityThresholds.minimumAvailableMemoryBytes = try Self.size(try value(), argument)
            case "--min-days-until-full": capacityThresholds.minimumDaysUntilFull = try Self.days(try value(), argument)
            case "--from": maintenanceFrom = try value()
            case "--until": maintenanceUntil = try value()
            case "--minutes":
                guard let minutes = Int(try value()), (1...525_600).contains(minutes) else {
                    throw ConfigurationError("--minutes takes a number of minutes, 1 to 525600")
                }
                maintenanceMinutes = minutes
            case "--count":
                guard let number = Int(try value()), number > 0 else {
                    throw ConfigurationError("--count takes a positive number")
                }
                count = number
            case "--passphrase-file": passphraseFile = try value()
            case "--no-keys": noKeys = true
            case "--without-keys": withoutKeys = true
            case "--backup-dir": backupDirectory = try value()
            case "--backup-every":
                guard let seconds = Self.seconds(try value()) else {
                    throw ConfigurationError(
                        "--backup-every takes a period: minutes (1440), or a number with s, m, h or d (30s, 6h, 1d), at most a year"
                    )
                }
                backupEverySeconds = seconds
            case "--backup-keep":
                guard let keep = Int(try value()), (1...10_000).contains(keep) else {
                    throw ConfigurationError("--backup-keep takes a number of backups, 1 to 10000")
                }
                backupKeep = keep
            case "--topology": topologyPath = try value()
            case "--bin-dir": binariesDirectory = try value()
            case "--token": token = try value()
            case "--idempotency-key": idempotencyKey = try value()
            case "--login": login = try value()
            case "--service": loginService = try value()
            case "--out": outputDirectory = try value()
            case "--timeout":
                guard let seconds = Double(try value()), seconds > 0 else {
                    throw ConfigurationError("--timeout takes a number of seconds")
                }
                timeoutSeconds = seconds
            case "-h", "--help": throw ConfigurationError(usage, isHelp: true)
            default:
                if argument.hasPrefix("--") { throw ConfigurationError("unknown option \(argument)\n\n\(usage)") }
                positional.append(argument)
            }
        }
        dataDirectory = ServiceConfiguration(serviceName: "siopen", dataDirectory: dataDirectory).dataDirectory
    }

    /// A period: a bare number is minutes; `s`, `m`, `h` or `d` after it say the unit. Nil when
    /// it is not one, or is outside 1 second to a year.
    static func seconds(_ text: String) -> Int64? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var digits = Substring(text)
        var unit: Int64 = 60
        if let last = text.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let count = Int64(digits), count > 0,
            count <= 366 * 86_400 / unit
        else { return nil }
        return count * unit
    }

    /// A size setting (`2G`, `512M`, bytes), or a configuration error naming `setting`.
    static func size(_ text: String, _ setting: String) throws -> Int64 {
        guard let bytes = CapacityFormat.parseBytes(text) else {
            throw ConfigurationError("\(setting) takes a size: bytes, or a number with K, M, G, T or P (2G, 512M)")
        }
        return bytes
    }

    /// A number of days setting, or a configuration error naming `setting`.
    static func days(_ text: String, _ setting: String) throws -> Double {
        guard let days = Double(text), days >= 0, days <= 100_000_000 else {
            throw ConfigurationError("\(setting) takes a number of days, 0 to 100000000")
        }
        return days
    }

    func topology() throws -> Topology {
        guard let path = Topology.locate(explicit: topologyPath, binariesDirectory: binariesDirectory) else {
            throw ConfigurationError(
                "cannot find Compose/topology.json; run from the SiOpen folder or pass --topology FILE")
        }
        return try Topology.load(from: path)
    }

    var timeout: Duration { .milliseconds(Int64(timeoutSeconds * 1000)) }

    /// The client of the service named `name` in the topology.
    func client(for name: String) throws -> RPCClient {
        let topology = try topology()
        guard let service = topology.services.first(where: { $0.name == name }) else {
            throw ConfigurationError(
                "no service named \(name); services: \(topology.services.map(\.name).joined(separator: ", "))")
        }
        return RPCClient(socketPath: service.socketPath(dataDirectory: dataDirectory), serviceName: service.name)
    }
}

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code)
}

func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

// Whatever the launcher creates in the data folder is its user's alone.
umask(0o077)

let arguments = CommandLine.arguments.dropFirst()
guard let command = arguments.first else { fail(usage, code: 64) }

do {
    let options = try Options(arguments.dropFirst())
    switch command {
    case "up":
        let supervisor = Supervisor(
            topology: try options.topology(), dataDirectory: options.dataDirectory,
            binariesDirectory: options.binariesDirectory)
        supervisor.capacityWatch = CapacityWatch(
            dataDirectory: options.dataDirectory, topology: supervisor.topology, thresholds: options.capacityThresholds,
            token: options.token, logger: supervisor.logger)
        supervisor.capacityEvery = .seconds(options.capacityEverySeconds)
        if let folder = options.backupDirectory {
            supervisor.backupSchedule = Supervisor.BackupSchedule(
                folder: ServiceConfiguration(serviceName: "siopen", dataDirectory: folder).dataDirectory,
                every: .seconds(options.backupEverySeconds), keep: options.backupKeep,
                passphrase: try BackupCommands.passphrase(file: options.passphraseFile, confirm: true))
        }
        exit(await supervisor.run())

    case "backup":
        exit(try BackupCommands.backup(options))

    case "restore":
        exit(try BackupCommands.restore(options))

    case "tokens":
        let topology = try options.topology()
        let written = Supervisor.issueServiceTokens(
            topology: topology, dataDirectory: options.dataDirectory, binariesDirectory: options.binariesDirectory,
            logger: Logger(service: "siopen"))
        printLine("issued \(written) of \(topology.services.count) service tokens into \(options.dataDirectory)/keys")
        exit(written == topology.services.count ? 0 : 1)

    case "load":
        exit(try await LoadCommand.run(options))

    case "metrics":
        exit(try await OperationsCommands.metrics(options))

    case "monitor":
        exit(try await OperationsCommands.monitor(options))

    case "maintenance":
        exit(try await OperationsCommands.maintenance(options))

    case "capacity":
        exit(try await CapacityCommands.run(options))

    case "status":
        let topology = try options.topology()
        var allHealthy = true
        for service in topology.services {
            let client = RPCClient(
                socketPath: service.socketPath(dataDirectory: options.dataDirectory), serviceName: service.name)
            do {
                let report = try await client.call(SystemHealth.self, EmptyParams(), timeout: .seconds(3))
                if report.status != .ok { allHealthy = false }
                printLine(
                    "\(service.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(report.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) v\(report.version)  pid \(report.pid)  up \(report.uptimeSeconds)s  database \(report.databaseOK ? "ok" : "FAILING")  free disk \(report.freeDiskBytes / (1 << 20)) MiB  \(service.socketPath(dataDirectory: options.dataDirectory))"
                )
            } catch {
                allHealthy = false
                printLine("\(service.name.padding(toLength: 10, withPad: " ", startingAt: 0)) DOWN      \(error)")
            }
            client.close()
        }
        exit(allHealthy ? 0 : 1)

    case "call":
        guard options.positional.count >= 2, options.positional.count <= 3 else {
            throw ConfigurationError("usage: siopen call SERVICE METHOD [PARAMS-JSON | @FILE | -]")
        }
        let client = try options.client(for: options.positional[0])
        // Not a ternary: JSONValue is nil-literal expressible, so `: nil` would send `"params":null`.
        var params: JSONValue?
        if options.positional.count == 3 { params = try CallInput.params(options.positional[2]) }
        let token = try CallInput.token(explicit: options.token, dataDirectory: options.dataDirectory)
        do {
            let result = try await client.callRaw(
                method: options.positional[1], params: params, token: token,
                idempotencyKey: options.idempotencyKey, timeout: options.timeout)
            printLine(result.serializedString)
            exit(0)
        } catch let error as RPCError {
            fail(error.jsonValue.serializedString)
        }

    case "login":
        guard options.positional.isEmpty else {
            throw ConfigurationError("usage: siopen login [--login L] [--service identity]")
        }
        let client = try options.client(for: options.loginService)
        let login = try options.login ?? CallInput.readLine(prompt: "login: ", hidden: false)
        let password = try CallInput.readLine(prompt: "password: ", hidden: true)
        let session = try await client.callRaw(
            method: "auth.signIn", params: ["login": .string(login), "password": .string(password)],
            timeout: options.timeout)
        guard let token = session["token"]?.stringValue else { fail("auth.signIn answered without a token") }
        let path = CallInput.sessionFile(dataDirectory: options.dataDirectory)
        try SecureFiles.writeSecret(Array(token.utf8), to: path)
        var note =
            "signed in as \(session["account"]?["username"]?.stringValue ?? login); the session token is in \(path)"
        if session["mustChangePassword"] == .bool(true) {
            note += "\nthis password must be changed before any role works: siopen call identity auth.changePassword -"
        }
        FileHandle.standardError.write(Data((note + "\n").utf8))
        exit(0)

    case "logout":
        let path = CallInput.sessionFile(dataDirectory: options.dataDirectory)
        guard let token = try CallInput.token(explicit: nil, dataDirectory: options.dataDirectory) else {
            fail("not signed in (no \(path))")
        }
        let client = try options.client(for: options.loginService)
        _ = try await client.callRaw(method: "auth.signOut", params: nil, token: token, timeout: options.timeout)
        try FileManager.default.removeItem(atPath: path)
        exit(0)

    case "docs":
        guard let output = options.outputDirectory, options.positional.isEmpty else {
            throw ConfigurationError("usage: siopen docs --out DIR")
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        var documents: [(service: String, document: JSONValue)] = []
        for service in try options.topology().services {
            let client = RPCClient(
                socketPath: service.socketPath(dataDirectory: options.dataDirectory), serviceName: service.name)
            defer { client.close() }
            let document = try await client.call(RPCDiscover.self, EmptyParams(), timeout: options.timeout)
            documents.append((service.name, document))
            let page = OpenRPCReference.page(service: service.name, document: document)
            try Data(page.utf8).write(to: URL(fileURLWithPath: "\(output)/\(service.name).md"))
        }
        try Data(OpenRPCReference.index(documents).utf8).write(to: URL(fileURLWithPath: "\(output)/README.md"))
        exit(0)

    case "methods":
        guard (1...2).contains(options.positional.count) else {
            throw ConfigurationError("usage: siopen methods SERVICE [METHOD]")
        }
        let client = try options.client(for: options.positional[0])
        let document = try await client.call(RPCDiscover.self, EmptyParams(), timeout: options.timeout)
        if options.positional.count == 2 {
            let name = options.positional[1]
            guard let method = document["methods"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name }) else {
                throw ConfigurationError(
                    "\(options.positional[0]) serves no method \(name); see siopen methods \(options.positional[0])")
            }
            printLine(OpenRPCReference.section(method).joined(separator: "\n"))
            exit(0)
        }
        for method in document["methods"]?.arrayValue ?? [] {
            let name = method["name"]?.stringValue ?? "?"
            let access = method["x-access"]?.serializedString ?? ""
            printLine("\(name)\n    \(method["summary"]?.stringValue ?? "")\n    access: \(access)")
        }
        exit(0)

    case "-h", "--help", "help":
        printLine(usage)
        exit(0)

    default:
        throw ConfigurationError("unknown command \(command)\n\n\(usage)")
    }
} catch let error as ConfigurationError {
    if error.isHelp {
        printLine(error.message)
        exit(0)
    }
    fail(error.message, code: 64)
} catch let error as RPCError {
    fail(error.jsonValue.serializedString)
} catch {
    fail("\(error)")
}
