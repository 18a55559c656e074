import Foundation
import SiOpenRuntime
import Testing

@Suite("Topology")
struct TopologyTests {
    let topologyPath = repositoryRoot + "/Compose/topology.json"

    @Test func loadsTheServices() throws {
        let topology = try Topology.load(from: topologyPath)
        // Identity first: every other service verifies sessions with its keys.
        #expect(topology.services.first?.name == "identity")
        #expect(topology.services.count >= 5)
        #expect(Set(topology.services.map(\.name)).count == topology.services.count)
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
        let found = Topology.locate(
            explicit: nil, binariesDirectory: repositoryRoot + "/.build/x86_64-unknown-linux-gnu/debug")
        #expect(found.map { ($0 as NSString).standardizingPath } == (topologyPath as NSString).standardizingPath)
    }

    /// A new service is a folder plus one line in `Package.swift` and one in the topology: the
    /// package builds `Services/<Folder>/Service` and `siopen-<name>` for exactly the topology's services.
    @Test func packageBuildsExactlyTheTopologysServices() throws {
        let topology = try Topology.load(from: topologyPath)
        let manifest = try String(contentsOfFile: repositoryRoot + "/Package.swift", encoding: .utf8)
        let entries = try Regex(#"\(\s*"([A-Za-z]+)"\s*,\s*"([A-Za-z]+)"\s*\)"#)
        let declared = manifest.matches(of: entries).map { String($0.output[1].substring ?? "").lowercased() }
        #expect(declared == topology.services.map(\.name))
        for service in topology.services {
            let folder = service.name.prefix(1).uppercased() + service.name.dropFirst()
            for part in ["Service", "Main"] {
                var isFolder: ObjCBool = false
                let path = "\(repositoryRoot)/Services/\(folder)/\(part)"
                #expect(
                    FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue,
                    "\(path)")
            }
        }
    }

    /// Tests and tools read the services from the topology: no source file lists them. An array
    /// literal of service names naming all of the topology's services, or all but one, is such a
    /// list (a scenario naming the two or three services it needs is not; a table of per-service
    /// scenarios, whose elements are not bare names, is not either). A test that needs the
    /// services up to one asks ``Topology/names(through:)``.
    @Test func noSourceHardCodesTheListOfServices() throws {
        let names = try Topology.load(from: topologyPath).services.map(\.name)
        let arrayLiteral = try Regex(#"\[\s*"[^"]*"(\s*,\s*"[^"]*")*\s*,?\s*\]"#)
        var offenders: [String] = []
        for folder in ["Tests", "Compose", "Shared", "Services"] {
            let root = repositoryRoot + "/" + folder
            guard let files = FileManager.default.enumerator(atPath: root) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
                for match in text.matches(of: arrayLiteral) {
                    let literal = text[match.range]
                    let named = names.filter { literal.contains("\"\($0)\"") }
                    if named.count >= names.count - 1 { offenders.append("\(folder)/\(file): \(literal.prefix(80))") }
                }
            }
        }
        #expect(
            offenders.isEmpty, "read the services from Compose/topology.json (Topology.current()) instead: \(offenders)"
        )
    }
}
