import Foundation
import SiOpenRuntime
import Testing

@Suite("ServiceConfiguration from flags and environment")
struct ServiceConfigurationTests {
    let workingDirectory = (FileManager.default.currentDirectoryPath as NSString).standardizingPath

    @Test func defaultsWithoutFlagsOrEnvironment() throws {
        let configuration = try ServiceConfiguration.fromCommandLine(
            serviceName: "orders", arguments: [], environment: [:])
        #expect(configuration.serviceName == "orders")
        #expect(configuration.dataDirectory == workingDirectory + "/var")
        #expect(configuration.socketPath == workingDirectory + "/var/run/orders.sock")
        #expect(configuration.databasePath == workingDirectory + "/var/db/orders.sqlite")
        #expect(configuration.filesDirectory == workingDirectory + "/var/files/orders")
        #expect(configuration.logLevel == .info)
        #expect(configuration.parentPID == nil)
    }

    @Test func environmentIsRead() throws {
        let configuration = try ServiceConfiguration.fromCommandLine(
            serviceName: "catalog", arguments: [],
            environment: [
                "SIOPEN_DATA_DIR": "/srv/siopen/",
                "SIOPEN_CATALOG_SOCKET": "/run/cat.sock",
                "SIOPEN_LOG_LEVEL": "debug",
                "SIOPEN_PARENT_PID": "4242",
                "SIOPEN_ORDERS_SOCKET": "/run/not-mine.sock",
            ])
        #expect(configuration.dataDirectory == "/srv/siopen")
        #expect(configuration.socketPath == "/run/cat.sock")
        #expect(configuration.databasePath == "/srv/siopen/db/catalog.sqlite")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.parentPID == 4242)
    }

    @Test func socketAndDatabaseFollowTheDataDirectory() throws {
        let configuration = try ServiceConfiguration.fromCommandLine(
            serviceName: "payments", arguments: ["--data-dir", "/data/x"], environment: [:])
        #expect(configuration.socketPath == "/data/x/run/payments.sock")
        #expect(configuration.databasePath == "/data/x/db/payments.sqlite")
        #expect(ServiceConfiguration.socketPath(of: "payments", dataDirectory: "/data/x") == configuration.socketPath)
    }

    @Test func flagsOverrideEnvironment() throws {
        let configuration = try ServiceConfiguration.fromCommandLine(
            serviceName: "identity",
            arguments: [
                "--data-dir", "/flag/data", "--socket", "/flag/id.sock", "--log-level", "error", "--parent-pid", "7",
            ],
            environment: [
                "SIOPEN_DATA_DIR": "/env/data", "SIOPEN_IDENTITY_SOCKET": "/env/id.sock",
                "SIOPEN_LOG_LEVEL": "debug", "SIOPEN_PARENT_PID": "8",
            ])
        #expect(configuration.dataDirectory == "/flag/data")
        #expect(configuration.socketPath == "/flag/id.sock")
        #expect(configuration.logLevel == .error)
        #expect(configuration.parentPID == 7)
    }

    @Test func dataDirectoryFlagOverridesEnvironmentForTheDerivedPaths() throws {
        let configuration = try ServiceConfiguration.fromCommandLine(
            serviceName: "reporting", arguments: ["--data-dir", "/flag/data"],
            environment: ["SIOPEN_DATA_DIR": "/env/data"])
        #expect(configuration.socketPath == "/flag/data/run/reporting.sock")
        #expect(configuration.databasePath == "/flag/data/db/reporting.sqlite")
    }

    @Test func relativeDataDirectoryIsMadeAbsolute() throws {
        let fromFlag = try ServiceConfiguration.fromCommandLine(
            serviceName: "orders", arguments: ["--data-dir", "some/./nested/../dir"], environment: [:])
        #expect(fromFlag.dataDirectory == workingDirectory + "/some/dir")
        #expect(fromFlag.socketPath == workingDirectory + "/some/dir/run/orders.sock")
        #expect(fromFlag.databasePath == workingDirectory + "/some/dir/db/orders.sqlite")

        let fromEnvironment = try ServiceConfiguration.fromCommandLine(
            serviceName: "orders", arguments: [], environment: ["SIOPEN_DATA_DIR": "rel"])
        #expect(fromEnvironment.dataDirectory == workingDirectory + "/rel")

        let explicit = ServiceConfiguration(serviceName: "orders", dataDirectory: "./x")
        #expect(explicit.dataDirectory == workingDirectory + "/x")
        #expect(explicit.dataDirectory.hasPrefix("/"))
    }

    @Test(arguments: [
        (["--log-level", "verbose"], [String: String]()),
        ([], ["SIOPEN_LOG_LEVEL": "loud"]),
        (["--bogus"], [:]),
        (["--data-dir", "/x", "positional"], [:]),
        (["--data-dir"], [:]),
        (["--socket"], [:]),
        (["--log-level"], [:]),
        (["--parent-pid"], [:]),
        (["--parent-pid", "abc"], [:]),
        (["--parent-pid", "-3"], [:]),
        ([], ["SIOPEN_PARENT_PID": "0"]),
    ])
    func badInputThrowsConfigurationError(arguments: [String], environment: [String: String]) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration.fromCommandLine(
                serviceName: "orders", arguments: arguments, environment: environment)
        }
        #expect(error?.isHelp == false)
        #expect(error?.message.isEmpty == false)
    }

    @Test func missingValueNamesTheFlag() {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration.fromCommandLine(serviceName: "orders", arguments: ["--data-dir"], environment: [:])
        }
        #expect(error?.message.contains("--data-dir") == true)
    }

    @Test func helpIsReportedAsHelp() {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration.fromCommandLine(serviceName: "orders", arguments: ["--help"], environment: [:])
        }
        #expect(error?.isHelp == true)
        #expect(error?.message.contains("siopen-orders") == true)
    }

    @Test func everyLogLevelIsAccepted() throws {
        for level in LogLevel.allCases {
            let configuration = try ServiceConfiguration.fromCommandLine(
                serviceName: "orders", arguments: ["--log-level", level.rawValue], environment: [:])
            #expect(configuration.logLevel == level)
        }
        #expect(LogLevel.debug < LogLevel.info)
        #expect(LogLevel.warning < LogLevel.error)
    }
}
