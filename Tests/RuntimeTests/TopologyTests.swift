import Foundation
import SiOpenRuntime
import Testing

@Suite("Topology")
struct TopologyTests {
    let topologyPath = repositoryRoot + "/Compose/topology.json"

    @Test func loadsTheFiveServices() throws {
        let topology = try Topology.load(from: topologyPath)
        #expect(topology.services.map(\.name) == ["identity", "catalog", "orders", "payments", "reporting"])
        for service in topology.services {
            #expect(service.executable == "siopen-\(service.name)")
            #expect(service.socket == "run/\(service.name).sock")
            #expect(service.database == "db/\(service.name).sqlite")
            #expect(!service.summary.isEmpty)
            // The topology agrees with where a service started alone listens and stores.
            let alone = ServiceConfiguration(serviceName: service.name, dataDirectory: "/d")
            #expect(service.socketPath(dataDirectory: "/d") == alone.socketPath)
            #expect("/d/" + service.database == alone.databasePath)
        }
    }

    @Test func missingFileIsAConfigurationError() {
        let error = #expect(throws: ConfigurationError.self) {
            try Topology.load(from: "/no/such/topology.json")
        }
        #expect(error?.message.contains("/no/such/topology.json") == true)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SIOPEN_TOPOLOGY"] == nil))
    func locateFindsTheSourceTreeFromABuildFolder() {
        #expect(Topology.locate(explicit: "/given.json", binariesDirectory: "/nowhere") == "/given.json")
        // From a build products folder (`<repo>/.build/<triple>/debug`) the source tree's file is found.
        let found = Topology.locate(explicit: nil, binariesDirectory: repositoryRoot + "/.build/x86_64-unknown-linux-gnu/debug")
        #expect(found.map { ($0 as NSString).standardizingPath } == (topologyPath as NSString).standardizingPath)
    }
}
