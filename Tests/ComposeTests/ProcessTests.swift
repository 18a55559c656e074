import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Real processes: a service alone, and the `siopen` launcher with its five services. Serialized,
/// so they do not compete for the machine; every wait is a generous timeout, never a timing claim.
@Suite("Compose: real processes", .serialized)
struct ProcessTests {
    @Test func serviceAloneAnswersHealthAndStopsOnSIGTERM() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sict")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }
        let socket = data + "/run/orders.sock"

        // Configuration mistakes stop the service before it starts: usage error 64; --help is not an error.
        let bad = try await runToEnd(
            binaries + "/siopen-orders", ["--data-dir", data, "--bogus"], logPrefix: data + "/bad")
        #expect(bad.termination == .exited(64), "\(bad.child.transcript)")
        #expect(bad.child.standardError.contains("--bogus"), "\(bad.child.transcript)")
        let help = try await runToEnd(binaries + "/siopen-orders", ["--help"], logPrefix: data + "/help")
        #expect(help.termination == .exited(0), "\(help.child.transcript)")
        #expect(help.child.standardError.contains("usage: siopen-orders"), "\(help.child.transcript)")
        #expect(!FileManager.default.fileExists(atPath: socket))

        let first = children.add(
            try Child.spawn(binaries + "/siopen-orders", ["--data-dir", data], logPrefix: data + "/orders-1"))
        guard let report = await waitForHealth(socket: socket, service: "orders") else {
            Issue.record("siopen-orders did not answer system.health within 120 s\n\(first.transcript)")
            return
        }
        #expect(report.status == .ok)
        #expect(report.service == "orders")
        #expect(report.pid == first.pid)
        #expect(report.databaseOK)
        #expect(FileManager.default.fileExists(atPath: data + "/db/orders.sqlite"))

        // A second instance on the same data folder refuses to start while the first runs.
        let second = children.add(
            try Child.spawn(binaries + "/siopen-orders", ["--data-dir", data], logPrefix: data + "/orders-2"))
        let secondEnd = await second.waitForExit(timeout: .seconds(120))
        #expect(
            secondEnd != nil && secondEnd != .exited(0),
            "second instance: \(secondEnd.map(\.description) ?? "still running")\n\(second.transcript)")
        #expect(first.poll() == nil, "the first instance ended\n\(first.transcript)")
        let stillServing = await waitForHealth(socket: socket, service: "orders", timeout: .seconds(60))
        #expect(stillServing?.pid == first.pid, "the first instance no longer answers after the refused start")

        // SIGTERM: a graceful stop, exit status 0, socket removed.
        first.send(SIGTERM)
        let end = await first.waitForExit(timeout: .seconds(120))
        #expect(end == .exited(0), "after SIGTERM: \(end.map(\.description) ?? "still running")\n\(first.transcript)")
        #expect(!FileManager.default.fileExists(atPath: socket), "the socket file is left behind")
    }

    @Test func launcherRestartsACrashedServiceAndStopsEverything() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sict")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }
        let siopen = binaries + "/siopen"

        let launcher = children.add(
            try Child.spawn(siopen, ["up", "--data-dir", data, "--topology", topologyPath], logPrefix: data + "/up"))
        var pids: [String: pid_t] = [:]
        for name in serviceNames {
            guard let report = await waitForHealth(socket: "\(data)/run/\(name).sock", service: name) else {
                Issue.record("\(name) did not answer system.health within 120 s\n\(launcher.transcript)")
                return
            }
            #expect(report.service == name)
            pids[name] = report.pid
        }
        var seen = Array(pids.values)
        #expect(Set(seen).count == 5)

        // kill -9 one service: the supervisor starts a new one.
        let crashed = pids["orders"]!
        #expect(kill(crashed, SIGKILL) == 0)
        guard
            let restarted = await waitForHealth(
                socket: "\(data)/run/orders.sock", service: "orders", accept: { $0.pid != crashed })
        else {
            Issue.record("orders was not restarted within 120 s\n\(launcher.transcript)")
            return
        }
        seen.append(restarted.pid)
        #expect(restarted.status == .ok)
        #expect(
            await waitUntilGone([crashed], dataDirectory: data).isEmpty,
            "the killed orders process \(crashed) is still there")
        #expect(launcher.poll() == nil, "the launcher ended\n\(launcher.transcript)")

        // A second launcher on the same data folder refuses to run and leaves the first alone.
        let secondLauncher = children.add(
            try Child.spawn(siopen, ["up", "--data-dir", data, "--topology", topologyPath], logPrefix: data + "/up-2"))
        let secondEnd = await secondLauncher.waitForExit(timeout: .seconds(120))
        #expect(
            secondEnd != nil && secondEnd != .exited(0),
            "second launcher: \(secondEnd.map(\.description) ?? "still running")\n\(secondLauncher.transcript)")
        #expect(launcher.poll() == nil, "the first launcher ended\n\(launcher.transcript)")

        // siopen status
        let status = try await runToEnd(siopen, ["status", "--data-dir", data], logPrefix: data + "/status")
        #expect(status.termination == .exited(0), "\(status.child.transcript)")
        for name in serviceNames {
            #expect(
                status.child.standardOutput.contains(name),
                "status does not mention \(name)\n\(status.child.transcript)")
        }
        #expect(status.child.standardOutput.contains("pid \(restarted.pid)"), "\(status.child.transcript)")

        // siopen call: a result as JSON.
        let call = try await runToEnd(
            siopen, ["call", "orders", "system.health", "--data-dir", data], logPrefix: data + "/call")
        #expect(call.termination == .exited(0), "\(call.child.transcript)")
        let printed = try? JSONValue(parsing: call.child.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(printed?["service"]?.stringValue == "orders", "\(call.child.transcript)")
        #expect(printed?["status"]?.stringValue == "ok", "\(call.child.transcript)")
        #expect(call.child.standardOutput.contains(#""service":"orders""#), "\(call.child.transcript)")

        // siopen call: an unknown method fails with -32601.
        let missing = try await runToEnd(
            siopen, ["call", "orders", "no.such.method", "--data-dir", data], logPrefix: data + "/missing")
        #expect(missing.termination != .exited(0), "\(missing.child.transcript)")
        let errorText = missing.child.standardOutput + missing.child.standardError
        #expect(errorText.contains("-32601"), "\(missing.child.transcript)")

        // SIGTERM to the launcher: it stops every service and exits 0.
        launcher.send(SIGTERM)
        let end = await launcher.waitForExit(timeout: .seconds(120))
        #expect(
            end == .exited(0),
            "launcher after SIGTERM: \(end.map(\.description) ?? "still running")\n\(launcher.transcript)")
        let left = await waitUntilGone(seen, dataDirectory: data)
        #expect(left.isEmpty, "service processes still running after the launcher stopped: \(left)")
        #expect(livePIDs(mentioning: data).isEmpty, "processes on the data folder: \(livePIDs(mentioning: data))")
        for name in serviceNames {
            #expect(!FileManager.default.fileExists(atPath: "\(data)/run/\(name).sock"), "\(name).sock is left behind")
        }

        // With everything stopped, status says so and fails.
        let down = try await runToEnd(siopen, ["status", "--data-dir", data], logPrefix: data + "/status-down")
        #expect(down.termination == .exited(1), "\(down.child.transcript)")
        #expect(down.child.standardOutput.contains("DOWN"), "\(down.child.transcript)")
    }

    @Test func servicesExitWhenTheLauncherIsKilled() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sict")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }

        let launcher = children.add(
            try Child.spawn(
                binaries + "/siopen", ["up", "--data-dir", data, "--topology", topologyPath], logPrefix: data + "/up"))
        var pids: [pid_t] = []
        for name in serviceNames {
            guard let report = await waitForHealth(socket: "\(data)/run/\(name).sock", service: name) else {
                Issue.record("\(name) did not answer system.health within 120 s\n\(launcher.transcript)")
                return
            }
            pids.append(report.pid)
        }

        launcher.send(SIGKILL)
        let end = await launcher.waitForExit(timeout: .seconds(60))
        #expect(end == .signaled(SIGKILL))

        // Each service notices its parent is gone (it was started with --parent-pid) and exits.
        let left = await waitUntilGone(pids, dataDirectory: data, allowingZombie: true, timeout: .seconds(60))
        #expect(left.isEmpty, "services still running after the launcher was killed: \(left)\n\(launcher.transcript)")
        #expect(livePIDs(mentioning: data).isEmpty)
        // They stopped gracefully, so their sockets are gone too.
        for name in serviceNames {
            #expect(!FileManager.default.fileExists(atPath: "\(data)/run/\(name).sock"), "\(name).sock is left behind")
        }
    }

    /// `--parent-pid` names the process to outlive: a service watching a live process that is not
    /// its parent keeps serving, and stops once that process is gone.
    @Test func parentPIDOfAnotherProcessIsWatchedUntilItEnds() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sict")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }
        let socket = data + "/run/catalog.sock"

        let watched = children.add(try Child.spawn("/bin/sleep", ["600"], logPrefix: data + "/sleep"))
        let service = children.add(
            try Child.spawn(
                binaries + "/siopen-catalog", ["--data-dir", data, "--parent-pid", String(watched.pid)],
                logPrefix: data + "/catalog"))
        guard await waitForHealth(socket: socket, service: "catalog") != nil else {
            Issue.record("siopen-catalog did not answer system.health within 120 s\n\(service.transcript)")
            return
        }
        // The parent check runs every second; give it several chances to (wrongly) fire.
        try await Task.sleep(for: .seconds(3))
        #expect(service.poll() == nil, "the service stopped while the watched process was alive\n\(service.transcript)")
        #expect(await health(socket: socket, service: "catalog")?.pid == service.pid)

        watched.killAndReap()
        let end = await service.waitForExit(timeout: .seconds(60))
        #expect(
            end == .exited(0),
            "after the watched process ended: \(end.map(\.description) ?? "still running")\n\(service.transcript)")
        #expect(!FileManager.default.fileExists(atPath: socket))
    }

    /// A SIGTERM that arrives as soon as the socket exists (the service may still be finishing its
    /// start) is a graceful stop: exit status 0 and no socket left, every time.
    @Test func sigtermRightAfterTheSocketAppearsIsGraceful() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sict")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }
        let socket = data + "/run/orders.sock"

        for round in 1...5 {
            let service = children.add(
                try Child.spawn(
                    binaries + "/siopen-orders", ["--data-dir", data], logPrefix: data + "/orders-\(round)"))
            let deadline = ContinuousClock.now + .seconds(120)
            while !FileManager.default.fileExists(atPath: socket), service.poll() == nil, ContinuousClock.now < deadline
            {
                usleep(500)
            }
            service.send(SIGTERM)
            let end = await service.waitForExit(timeout: .seconds(120))
            #expect(
                end == .exited(0), "round \(round): \(end.map(\.description) ?? "still running")\n\(service.transcript)"
            )
            #expect(!FileManager.default.fileExists(atPath: socket), "round \(round): the socket file is left behind")
            if end != .exited(0) { return }
        }
    }

    /// SIGTERM to the launcher while it is still starting services: it finishes, stops them all,
    /// and exits 0 with nothing left running.
    @Test func launcherStoppedWhileStarting() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sict")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }

        let launcher = children.add(
            try Child.spawn(
                binaries + "/siopen", ["up", "--data-dir", data, "--topology", topologyPath], logPrefix: data + "/up"))
        let deadline = ContinuousClock.now + .seconds(120)
        while !FileManager.default.fileExists(atPath: data + "/run/identity.sock"), launcher.poll() == nil,
            ContinuousClock.now < deadline
        {
            usleep(1000)
        }
        launcher.send(SIGTERM)
        let end = await launcher.waitForExit(timeout: .seconds(300))
        #expect(end == .exited(0), "launcher: \(end.map(\.description) ?? "still running")\n\(launcher.transcript)")
        let left = await waitUntilGone(livePIDs(mentioning: data), dataDirectory: data, allowingZombie: true)
        #expect(left.isEmpty, "processes left on the data folder: \(left)\n\(launcher.transcript)")
        for name in serviceNames {
            #expect(!FileManager.default.fileExists(atPath: "\(data)/run/\(name).sock"), "\(name).sock is left behind")
        }
    }

    /// A service already running alone on the data folder: the launcher cannot start its own
    /// instance, must not take the stranger's answers for its own, and gives up; the lone
    /// service is left alone.
    @Test func launcherRefusesADataFolderWithAServiceAlreadyRunning() async throws {
        let binaries = try productsDirectory()
        let data = try makeShortTemporaryDirectory(prefix: "sict")
        let children = ChildList()
        defer { killLeftovers(dataDirectory: data, children: children.all) }
        let socket = data + "/run/orders.sock"

        let alone = children.add(
            try Child.spawn(binaries + "/siopen-orders", ["--data-dir", data], logPrefix: data + "/alone"))
        guard await waitForHealth(socket: socket, service: "orders") != nil else {
            Issue.record("siopen-orders did not answer system.health within 120 s\n\(alone.transcript)")
            return
        }
        let launcher = children.add(
            try Child.spawn(
                binaries + "/siopen", ["up", "--data-dir", data, "--topology", topologyPath], logPrefix: data + "/up"))
        let end = await launcher.waitForExit(timeout: .seconds(400))
        #expect(
            end != nil && end != .exited(0),
            "launcher: \(end.map(\.description) ?? "still running")\n\(launcher.transcript)")
        #expect(!launcher.standardOutput.contains("SiOpen is up"), "\(launcher.transcript)")

        #expect(alone.poll() == nil, "the lone service ended\n\(alone.transcript)")
        #expect(await health(socket: socket, service: "orders")?.pid == alone.pid)
        let others = livePIDs(mentioning: data).filter { $0 != alone.pid }
        #expect(await waitUntilGone(others, dataDirectory: data).isEmpty, "the launcher left services running")
        alone.send(SIGTERM)
        #expect(await alone.waitForExit(timeout: .seconds(120)) == .exited(0))
    }
}
