import Foundation

/// The system's services as `Compose/topology.json` lists them: what to start, in which order,
/// and where each listens, relative to the data folder.
public struct Topology: Codable, Sendable {
    /// One service of the topology.
    public struct Service: Codable, Sendable {
        /// Its name (`identity`, …).
        public var name: String
        /// The executable's file name, looked up in the binaries folder.
        public var executable: String
        /// The socket path relative to the data folder.
        public var socket: String
        /// The database path relative to the data folder.
        public var database: String
        /// One line about it.
        public var summary: String

        /// The absolute socket path under `dataDirectory`.
        public func socketPath(dataDirectory: String) -> String { "\(dataDirectory)/\(socket)" }
    }

    /// The services in start order.
    public var services: [Service]

    /// The names of the services in start order up to and including `last`: what a test or tool
    /// that needs `last` starts, since each service needs only those before it. Every service
    /// when `last` is not in the topology.
    public func names(through last: String) -> [String] {
        let names = services.map(\.name)
        guard let end = names.firstIndex(of: last) else { return names }
        return Array(names[...end])
    }

    /// Reads a topology file.
    public static func load(from path: String) throws -> Topology {
        do {
            return try JSONDecoder().decode(Topology.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ConfigurationError("cannot read the topology file \(path): \(error)")
        }
    }

    /// The topology file to use: `explicit`, else `SIOPEN_TOPOLOGY`, else `Compose/topology.json`
    /// below the working folder, else next to the executables, else the source tree the
    /// executables were built in (`.build/<config>/` → `Compose/`).
    public static func locate(explicit: String?, binariesDirectory: String) -> String? {
        var candidates: [String] = []
        if let explicit { return explicit }
        if let fromEnvironment = ProcessInfo.processInfo.environment["SIOPEN_TOPOLOGY"] { return fromEnvironment }
        candidates.append(FileManager.default.currentDirectoryPath + "/Compose/topology.json")
        candidates.append(binariesDirectory + "/topology.json")
        var folder = URL(fileURLWithPath: binariesDirectory)
        for _ in 0..<4 {
            folder.deleteLastPathComponent()
            candidates.append(folder.path + "/Compose/topology.json")
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The topology this process would use: ``locate(explicit:binariesDirectory:)`` from the
    /// folder of its own executable, loaded. Tests and tools read the services from here rather
    /// than list them, so a new service is added in `Package.swift` and `topology.json` only.
    public static func current() throws -> Topology {
        guard let path = locate(explicit: nil, binariesDirectory: executableDirectory) else {
            throw ConfigurationError("no topology file found (Compose/topology.json, or set SIOPEN_TOPOLOGY)")
        }
        return try load(from: path)
    }

    /// The folder holding the running executable (and so its sibling service executables).
    public static var executableDirectory: String {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (path as NSString).deletingLastPathComponent
    }
}
