import Foundation
import SiOpenRuntime
import SiOpenTestSupport
import Testing

/// The systemd units of `Compose/systemd/`: one per service of the topology and one for the
/// portal, hardened, and accepted by `systemd-analyze verify` without a complaint.
@Suite("Compose: systemd units")
struct DeploymentUnitsTests {
    static let folder = repositoryRoot + "/Compose/systemd"

    static let hardening = [
        "User=siopen", "UMask=0077", "NoNewPrivileges=yes", "ProtectSystem=strict", "ReadWritePaths=/var/lib/siopen",
        "PrivateTmp=yes", "ProtectHome=yes", "CapabilityBoundingSet=\n", "SystemCallFilter=@system-service",
    ]

    @Test func everyServiceHasAHardenedUnitThatOnlyUsesUnixSockets() throws {
        let topology = try Topology.load(from: topologyPath)
        for service in topology.services {
            let path = "\(Self.folder)/siopen-\(service.name).service"
            let unit = try String(contentsOfFile: path, encoding: .utf8)
            #expect(
                unit.contains("ExecStart=/opt/siopen/bin/\(service.executable) --data-dir /var/lib/siopen"), "\(path)")
            for line in Self.hardening + [
                "RestrictAddressFamilies=AF_UNIX\n", "PrivateNetwork=yes", "IPAddressDeny=any",
            ] {
                #expect(unit.contains(line), "\(path) lacks \(line)")
            }
        }
        let portal = try String(contentsOfFile: "\(Self.folder)/siopen-portal.service", encoding: .utf8)
        for line in Self.hardening { #expect(portal.contains(line), "the portal unit lacks \(line)") }
        #expect(portal.contains("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"))
    }

    @Test func systemdAnalyzeVerifyAcceptsEveryUnit() async throws {
        guard
            let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else {
            print("skipped: systemd-analyze is not installed on this machine (apt-get install systemd)")
            return
        }
        let binaries = try productsDirectory()
        let scratch = try makeShortTemporaryDirectory(prefix: "siunit")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch + "/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch + "/media", withIntermediateDirectories: true)
        // The units as installed, but pointing at this build and a scratch data folder (verify
        // checks that every ExecStart exists). The portal is a placeholder with no executable yet:
        // its unit is checked against the siopen command instead.
        var copies: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.folder).sorted()
        where name.hasSuffix(".service") || name.hasSuffix(".timer") {
            let text = try String(contentsOfFile: "\(Self.folder)/\(name)", encoding: .utf8)
                .replacingOccurrences(of: "/opt/siopen/bin/siopen-portal", with: "/opt/siopen/bin/siopen")
                .replacingOccurrences(of: "/opt/siopen/bin", with: binaries)
                .replacingOccurrences(of: "/var/lib/siopen", with: scratch + "/data")
                .replacingOccurrences(of: "/media/siopen-backup", with: scratch + "/media")
            try text.write(toFile: "\(scratch)/\(name)", atomically: true, encoding: .utf8)
            copies.append("\(scratch)/\(name)")
        }
        #expect(copies.count >= 8)
        let run = try await runToEnd(analyze, ["verify", "--man=no"] + copies, logPrefix: scratch + "/verify")
        // verify exits 0 on some problems (an unparsable value is "ignored"): any output is a complaint.
        #expect(run.termination == .exited(0), "\(run.child.transcript)")
        let said = (run.child.standardOutput + run.child.standardError).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(said.isEmpty, "systemd-analyze verify complained:\n\(said)")
    }
}
