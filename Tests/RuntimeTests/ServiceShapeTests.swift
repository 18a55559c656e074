import Foundation
import SiOpenRuntime
import Testing

/// Every service has one shape (README, "Layout"): `Domain/` (rules, no I/O), `Store/` (its SQL),
/// `RPC/` (thin handlers), `Schema.swift` and `<Name>Service.swift` with `makeDefinition(now:)`.
/// These tests read the sources of the services the topology lists.
@Suite("Service shape")
struct ServiceShapeTests {
    struct Service {
        let folder: String
        var root: String { "\(repositoryRoot)/Services/\(folder)/Service" }
    }

    func services() throws -> [Service] {
        try Topology.load(from: repositoryRoot + "/Compose/topology.json").services.map {
            Service(folder: $0.name.prefix(1).uppercased() + $0.name.dropFirst())
        }
    }

    /// The Swift files directly in `folder` (empty when it does not exist), by file name.
    func sources(_ folder: String) throws -> [(name: String, text: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return try names.filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOfFile: folder + "/" + $0, encoding: .utf8))
        }
    }

    @Test func everyServiceHasTheFoldersSchemaAndAClockInjectableDefinition() throws {
        for service in try services() {
            for folder in ["Domain", "Store", "RPC"] {
                #expect(try !sources(service.root + "/" + folder).isEmpty, "\(service.folder) has no \(folder)/")
            }
            #expect(
                FileManager.default.fileExists(atPath: service.root + "/Schema.swift"),
                "\(service.folder) has no Schema.swift")
            let main = try String(contentsOfFile: "\(service.root)/\(service.folder)Service.swift", encoding: .utf8)
            #expect(
                main.contains("func makeDefinition(") && main.contains("now: @escaping @Sendable () -> Date"),
                "\(service.folder)Service has no makeDefinition(now:)")
        }
    }

    @Test func storeAndDomainNeverCallIntoRPCFiles() throws {
        let declaration = try Regex(#"(?m)^(?:package |public )?(?:struct|enum|final class|class) ([A-Z][A-Za-z0-9]*)"#)
        var offenders: [String] = []
        for service in try services() {
            let rpcTypes = try sources(service.root + "/RPC").flatMap { file in
                file.text.matches(of: declaration).map { String($0.output[1].substring ?? "") }
            }
            for folder in ["Store", "Domain"] {
                for file in try sources(service.root + "/" + folder) {
                    for type in rpcTypes where file.text.contains(try Regex("\\b\(type)\\b")) {
                        offenders.append("\(service.folder)/\(folder)/\(file.name) uses \(type)")
                    }
                }
            }
        }
        #expect(offenders.isEmpty, "move what they use down to Store/ or Domain/: \(offenders)")
    }

    @Test func handlersAreNeverUsedAsRepositoriesOrByEachOther() throws {
        // Constructing handlers in the service's wiring is fine; reaching into their members is not.
        let staticUse = try Regex(#"(?:^|[^/\w])([A-Z][A-Za-z]*Handlers\.(?!swift)[a-z])"#)
        var offenders: [String] = []
        for folder in ["Services", "Tests", "Compose"] {
            let root = repositoryRoot + "/" + folder
            guard let files = FileManager.default.enumerator(atPath: root) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
                    .split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(
                        separator: "\n")
                for match in text.matches(of: staticUse) { offenders.append("\(folder)/\(file): \(text[match.range])") }
            }
        }
        #expect(offenders.isEmpty, "shared logic belongs in Store/ or Domain/: \(offenders)")
    }

    @Test func domainFilesDoNoIO() throws {
        let io = try Regex(#"import SiOpenStorage|\bConnection\b|\bDatabase\b|FileManager|RPCClient"#)
        var offenders: [String] = []
        for service in try services() {
            for file in try sources(service.root + "/Domain") where file.text.contains(io) {
                offenders.append("\(service.folder)/Domain/\(file.name)")
            }
        }
        #expect(offenders.isEmpty, "Domain/ holds rules only: \(offenders)")
    }

    /// RPC handlers are thin: no RPC file of any service runs SQL itself; its `Store/` does.
    @Test func rpcFilesHoldNoSQL() throws {
        let sql = try Regex(#"\bdb\.(run|query|queryOne)\("#)
        var offenders: Set<String> = []
        for service in try services() {
            for file in try sources(service.root + "/RPC") where file.text.contains(sql) {
                offenders.insert("\(service.folder)/Service/RPC/\(file.name)")
            }
        }
        #expect(offenders.isEmpty, "move the SQL into Store/: \(offenders.sorted())")
    }
}
