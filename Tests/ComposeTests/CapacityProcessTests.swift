import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The daily capacity record and its alerts (Pasal 25) through `siopen up`, and planned
/// maintenance with its announcement (Pasal 22(d), 25(4)) through `siopen maintenance schedule`,
/// against the real processes.
@Suite("Compose: capacity alerts and scheduled maintenance", .serialized)
struct CapacityProcessTests {
    @Test func siopenUpRecordsCapacityAndTellsSuperAdminOncePerCrossing() async throws {
        let binaries = try productsDirectory()
        let base = try makeShortTemporaryDirectory(prefix: "sicap")
        let data = base + "/var"
        let children = ChildList()
        defer {
            killLeftovers(dataDirectory: data, children: children.all)
            try? FileManager.default.removeItem(atPath: base)
        }
        // Super Admin first, as an operator bootstraps a data folder; then siopen up runs it all.
        let launcher = try ServiceLauncher(
            directory: data, mode: .processes(binaries: binaries, realPasswordHashing: false))
        try launcher.prepareDataFolder(bootstrap: .executables(binaries: binaries, realPasswordHashing: false))
        let siopen = binaries + "/siopen"
        // A free-disk threshold no disk meets (1 PiB): it is crossed at every check, each second
        // (memory's is off, so a loaded test machine does not raise a second alert).
        let up = children.add(
            try Child.spawn(
                siopen,
                [
                    "up", "--data-dir", data, "--topology", topologyPath, "--capacity-every", "1s", "--min-free-disk",
                    "1P", "--min-free-memory", "0",
                ],
                logPrefix: base + "/up", environment: ServiceLauncher.childEnvironment(realPasswordHashing: false)))
        for name in serviceNames {
            guard await waitForHealth(socket: launcher.socketPath(name), service: name) != nil else {
                Issue.record("\(name) did not become healthy\n\(up.transcript)")
                return
            }
        }
        let scenario = Scenario(sockets: launcher.sockets, termsVersion: "unused")
        defer { scenario.close() }
        try await scenario.signInSuperAdmin()
        // No person's session is kept in the data folder (no `siopen login`): the watch announces
        // with the operations service token `siopen up` issued itself, through the service-only
        // announcement.alertAdministrators.
        #expect(!FileManager.default.fileExists(atPath: data + "/session.token"))

        let announced = await eventually(timeout: .seconds(60)) {
            (try? CapacityRecord.load(dataDirectory: data))?.alerts["freeDisk"]?.announcementID != nil
        }
        #expect(announced, "no capacity alert was announced\n\(up.transcript)")
        // Several more checks with the threshold still crossed: no second announcement.
        try await Task.sleep(for: .seconds(4))
        let all = try await scenario.call(
            AnnouncementList.self, EmptyParams(), on: scenario.identity, token: scenario.superAdmin)
        let alerts = all.filter { $0.title == CapacityAlertKind.freeDisk.title }
        #expect(alerts.count == 1, "\(all)")
        #expect(alerts.first?.audience == .administrators)
        #expect(alerts.first?.body.contains("1.0 PiB") == true, "\(alerts)")

        // An ordinary user does not see the administrators' alert.
        try await scenario.createTenants(
            [ScenarioData.balangan], agencies: [AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan")]
        )
        let ppk = try await scenario.official("cap-ppk", roles: [.ppk], tenant: "balangan", agency: "DINKES")
        let seen = try await scenario.call(
            AnnouncementList.self, EmptyParams(), on: scenario.identity, token: ppk.token)
        #expect(!seen.contains { $0.title == CapacityAlertKind.freeDisk.title }, "\(seen)")

        // The record: private, one day, every database, and the alert marked as announced.
        var info = stat()
        #expect(stat(CapacityRecord.path(dataDirectory: data), &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let record = try CapacityRecord.load(dataDirectory: data)
        #expect(record.days.count == 1)
        #expect(Set(record.days.last?.databases.map(\.service) ?? []) == Set(serviceNames))
        #expect(record.days.last.map { $0.databases.allSatisfy { $0.databaseBytes > 0 } } == true)
        #expect(record.days.last.map { $0.servicesResidentBytes > 0 && $0.availableMemoryBytes > 0 } == true)
        #expect(record.alerts["memory"] == nil && record.alerts["daysUntilFull"] == nil)
        let printed = try await runToEnd(
            siopen, ["capacity", "--data-dir", data, "--topology", topologyPath, "--min-free-disk", "1P"],
            logPrefix: base + "/capacity")
        #expect(printed.termination == .exited(0), "\(printed.child.transcript)")
        #expect(printed.child.standardOutput.contains("ALERT freeDisk"), "\(printed.child.standardOutput)")
        #expect(printed.child.standardOutput.contains("announced to administrators"))
        for name in serviceNames { #expect(printed.child.standardOutput.contains("  \(name)")) }

        up.send(SIGTERM)
        #expect(await up.waitForExit(timeout: .seconds(60)) == .exited(0), "\(up.transcript)")
    }

    @Test func scheduledMaintenanceIsAnnouncedAndRefusesWritesWithItsText() async throws {
        try await withRunningServices(prefix: "sisch") { launcher, base in
            try await Self.scheduledMaintenance(launcher, base: base)
        }
    }

    static func scheduledMaintenance(_ launcher: ServiceLauncher, base: String) async throws {
        let binaries = try productsDirectory()
        let data = launcher.directory
        let scenario = Scenario(sockets: launcher.sockets, termsVersion: "unused")
        defer { scenario.close() }
        try await scenario.signInSuperAdmin()
        let token = scenario.superAdmin
        try await scenario.createTenants(
            [ScenarioData.balangan], agencies: [AgencyInfo(tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan")]
        )
        let ppk = try await scenario.official("sch-ppk", roles: [.ppk], tenant: "balangan", agency: "DINKES")
        let siopen = binaries + "/siopen"
        let common = ["--data-dir", data, "--topology", topologyPath]
        let message = "Pemeliharaan server Diskominfo: perubahan data ditunda sampai pukul 16.00 WITA."
        let start = Date().addingTimeInterval(3)
        let end = Date().addingTimeInterval(600)
        let schedule = ["maintenance", "schedule", "--from", iso(start), "--until", iso(end), "--message", message]

        // Without a Super Admin session nothing is announced and no window is set.
        let unsigned = try await runToEnd(siopen, schedule + common, logPrefix: base + "/unsigned")
        #expect(unsigned.termination != .exited(0), "\(unsigned.child.transcript)")
        #expect(MaintenanceWindow.read(dataDirectory: data) == nil)

        let scheduled = try await runToEnd(
            siopen, schedule + common + ["--token", token], logPrefix: base + "/schedule")
        #expect(scheduled.termination == .exited(0), "\(scheduled.child.transcript)")
        let window = try #require(MaintenanceWindow.read(dataDirectory: data))
        #expect(window.announcement == message)
        // Every user sees the announcement, with the window's start and end.
        let announcements = try await scenario.call(
            AnnouncementList.self, EmptyParams(), on: scenario.identity, token: ppk.token)
        let announcement = try #require(announcements.first { $0.kind == .maintenance }, "\(announcements)")
        #expect(announcement.id == window.announcementID)
        #expect(announcement.body == message)
        #expect(announcement.startsAt == window.startsAt && announcement.endsAt == window.endsAt)

        // Once it starts, writes answer 503 with retryAfterSeconds and the announcement's text; reads continue.
        func tenant() -> TenantInfo {
            let code = "sch-\(UInt32.random(in: 0...UInt32.max))"
            return TenantInfo(code: code, name: "Kabupaten \(code)", domicileRegionCodes: ["6311"])
        }
        var refusal: RPCError?
        _ = await eventually(timeout: .seconds(20)) {
            refusal = await rpcError {
                _ = try await scenario.call(TenantCreate.self, tenant(), on: scenario.identity, token: token)
            }
            return refusal?.code == 503
        }
        #expect(refusal?.code == 503, "writes were not refused during the window: \(String(describing: refusal))")
        #expect(refusal?.data?["announcement"]?.stringValue == message)
        #expect((refusal?.data?["retryAfterSeconds"]?.int64Value ?? 0) > 500)
        _ = try await scenario.call(TenantList.self, EmptyParams(), on: scenario.identity, token: token)
        _ = try await scenario.call(AnnouncementList.self, EmptyParams(), on: scenario.identity, token: ppk.token)

        let off = try await runToEnd(siopen, ["maintenance", "off"] + common, logPrefix: base + "/off")
        #expect(off.termination == .exited(0), "\(off.child.transcript)")
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
