import Foundation
import SiOpenTestSupport
import Testing

/// The tree's habits: `swift format lint --strict` with the repository's `.swift-format`
/// (line length 120) is clean, so every change keeps the one layout. Fix what it reports with
/// `swift format format -i -r Shared Services Compose Tests Package.swift`.
@Suite("Habits: swift format")
struct FormatLintTests {
    @Test("swift format lint --strict finds nothing in the sources")
    func lintIsClean() async throws {
        let paths = ["Shared", "Services", "Compose", "Tests", "Package.swift"]
        let directory = try makeShortTemporaryDirectory(prefix: "sifmt")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = directory + "/lint"
        let (child, termination) = try await runToEnd(
            "/usr/bin/env",
            ["swift", "format", "lint", "--strict", "--configuration", repositoryRoot + "/.swift-format", "-r"]
                + paths.map { repositoryRoot + "/" + $0 },
            logPrefix: log, timeout: .seconds(300),
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        #expect(termination == .exited(0), "swift format lint reported:\n\(child.standardError)\(child.standardOutput)")
    }
}
