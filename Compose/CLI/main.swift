import Foundation
import SiOpenProtocol
import SiOpenRuntime

let usage = """
    usage: siopen <command> [options]

    commands:
      up       [--data-dir DIR] [--topology FILE] [--bin-dir DIR]
               start every service, wait until each is healthy, restart any that crashes;
               Ctrl-C (SIGINT) or SIGTERM stops them all
      status   [--data-dir DIR] [--topology FILE]
               the health of each service
      call     SERVICE METHOD [PARAMS-JSON] [--data-dir DIR] [--token T] [--idempotency-key K] [--timeout SECONDS]
               one JSON-RPC call; prints the result as JSON; on an error prints it and exits 1.
               The token may also come from SIOPEN_TOKEN.
      methods  SERVICE [--data-dir DIR]
               the methods a service serves, from its OpenRPC document

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

    init(_ arguments: ArraySlice<String>) throws {
        var remaining = arguments
        while let argument = remaining.popFirst() {
            func value() throws -> String {
                guard let value = remaining.popFirst() else { throw ConfigurationError("\(argument) needs a value") }
                return value
            }
            switch argument {
            case "--data-dir": dataDirectory = try value()
            case "--topology": topologyPath = try value()
            case "--bin-dir": binariesDirectory = try value()
            case "--token": token = try value()
            case "--idempotency-key": idempotencyKey = try value()
            case "--timeout":
                guard let seconds = Double(try value()), seconds > 0 else { throw ConfigurationError("--timeout takes a number of seconds") }
                timeoutSeconds = seconds
            case "-h", "--help": throw ConfigurationError(usage, isHelp: true)
            default:
                if argument.hasPrefix("--") { throw ConfigurationError("unknown option \(argument)\n\n\(usage)") }
                positional.append(argument)
            }
        }
        dataDirectory = ServiceConfiguration(serviceName: "siopen", dataDirectory: dataDirectory).dataDirectory
    }

    func topology() throws -> Topology {
        guard let path = Topology.locate(explicit: topologyPath, binariesDirectory: binariesDirectory) else {
            throw ConfigurationError("cannot find Compose/topology.json; run from the SiOpen folder or pass --topology FILE")
        }
        return try Topology.load(from: path)
    }

    var timeout: Duration { .milliseconds(Int64(timeoutSeconds * 1000)) }
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
        exit(await supervisor.run())

    case "status":
        let topology = try options.topology()
        var allHealthy = true
        for service in topology.services {
            let client = RPCClient(socketPath: service.socketPath(dataDirectory: options.dataDirectory), serviceName: service.name)
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
            throw ConfigurationError("usage: siopen call SERVICE METHOD [PARAMS-JSON]")
        }
        let topology = try options.topology()
        let serviceName = options.positional[0]
        guard let service = topology.services.first(where: { $0.name == serviceName }) else {
            throw ConfigurationError("no service named \(serviceName); services: \(topology.services.map(\.name).joined(separator: ", "))")
        }
        var params: JSONValue?
        if options.positional.count == 3 {
            do {
                params = try JSONValue(parsing: options.positional[2])
            } catch {
                throw ConfigurationError("the params are not valid JSON: \(error)")
            }
        }
        let client = RPCClient(socketPath: service.socketPath(dataDirectory: options.dataDirectory), serviceName: service.name)
        do {
            let result = try await client.callRaw(
                method: options.positional[1], params: params, token: options.token,
                idempotencyKey: options.idempotencyKey, timeout: options.timeout)
            printLine(result.serializedString)
            exit(0)
        } catch let error as RPCError {
            fail(error.jsonValue.serializedString)
        }

    case "methods":
        guard options.positional.count == 1 else { throw ConfigurationError("usage: siopen methods SERVICE") }
        let topology = try options.topology()
        guard let service = topology.services.first(where: { $0.name == options.positional[0] }) else {
            throw ConfigurationError("no service named \(options.positional[0])")
        }
        let client = RPCClient(socketPath: service.socketPath(dataDirectory: options.dataDirectory), serviceName: service.name)
        let document = try await client.call(RPCDiscover.self, EmptyParams(), timeout: options.timeout)
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
