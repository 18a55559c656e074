import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// `siopen metrics`, `siopen monitor` and `siopen maintenance`.
enum OperationsCommands {
    /// `system.metrics` of every service of the topology (nil for one that does not answer).
    static func reports(_ options: Options, token: String?) async throws -> [(String, Result<MetricsReport, any Error>)]
    {
        var reports: [(String, Result<MetricsReport, any Error>)] = []
        for service in try options.topology().services {
            let client = RPCClient(
                socketPath: service.socketPath(dataDirectory: options.dataDirectory), serviceName: service.name)
            defer { client.close() }
            do {
                let report = try await client.call(
                    SystemMetrics.self, EmptyParams(), token: token, timeout: .seconds(5))
                reports.append((service.name, .success(report)))
            } catch {
                reports.append((service.name, .failure(error)))
            }
        }
        return reports
    }

    /// `siopen metrics`: the Prometheus text of every service; a service that does not answer
    /// is `siopen_up 0` (and named on standard error). Exit 1 when none answers.
    static func metrics(_ options: Options) async throws -> Int32 {
        let token = try CallInput.token(explicit: options.token, dataDirectory: options.dataDirectory)
        let results = try await reports(options, token: token)
        let answered = results.compactMap { try? $0.1.get() }
        var text = PrometheusText.render(answered)
        for (name, result) in results {
            if case .failure(let error) = result {
                text += "siopen_up{service=\"\(name)\"} 0\n"
                FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
            }
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        return answered.isEmpty ? 1 : 0
    }

    /// `siopen monitor`: a live table of every service, redrawn every second (`--count N` draws N
    /// times and stops; on a terminal it runs until Ctrl-C).
    static func monitor(_ options: Options) async throws -> Int32 {
        let token = try CallInput.token(explicit: options.token, dataDirectory: options.dataDirectory)
        let terminal = isatty(STDOUT_FILENO) == 1
        var previous: [String: MetricsReport] = [:]
        var drawn = 0
        while options.count.map({ drawn < $0 }) ?? true {
            let results = try await reports(options, token: token)
            var lines: [String] = []
            lines.append("SiOpen monitor  \(Timestamp.iso8601(Date()))  \(options.dataDirectory)")
            lines.append(
                pad("service", 10) + pad("RSS MiB", 9) + pad("CPU %", 7) + pad("conns", 7) + pad("fds", 6)
                    + pad("db MiB", 8) + pad("wal MiB", 9) + pad("free GiB", 10) + pad("req/s", 8) + pad("errors", 8)
                    + "slowest p99")
            for (name, result) in results {
                guard case .success(let report) = result else {
                    lines.append(pad(name, 10) + "DOWN")
                    continue
                }
                let requests = report.methods.reduce(Int64(0)) { $0 + $1.requests }
                let errors = report.methods.reduce(Int64(0)) { $0 + $1.errors.reduce(0) { $0 + $1.count } }
                var cpu = "-"
                var rate = "-"
                if let before = previous[name], before.pid == report.pid {
                    let elapsed = max(1, report.uptimeSeconds - before.uptimeSeconds)
                    let used =
                        (report.cpuUserMicros + report.cpuSystemMicros)
                        - (before.cpuUserMicros + before.cpuSystemMicros)
                    cpu = String(format: "%.1f", Double(used) / Double(elapsed) / 10_000)
                    let earlier = before.methods.reduce(Int64(0)) { $0 + $1.requests }
                    rate = String((requests - earlier) / elapsed)
                }
                previous[name] = report
                let slowest = report.methods.max { $0.latency.p99Micros < $1.latency.p99Micros }
                lines.append(
                    pad(name, 10) + pad(mebibytes(report.residentMemoryBytes), 9) + pad(cpu, 7)
                        + pad(String(report.openConnections), 7) + pad(String(report.openDescriptors), 6)
                        + pad(mebibytes(report.databaseBytes), 8) + pad(mebibytes(report.walBytes), 9)
                        + pad(String(format: "%.1f", Double(report.freeDiskBytes) / Double(1 << 30)), 10)
                        + pad(rate, 8) + pad(String(errors), 8)
                        + (slowest.map { "\($0.method) \(Double($0.latency.p99Micros) / 1000) ms" } ?? "-")
                        + (report.inMaintenance ? "  MAINTENANCE" : ""))
            }
            let screen = (terminal ? "\u{1B}[H\u{1B}[2J" : "") + lines.joined(separator: "\n") + "\n"
            FileHandle.standardOutput.write(Data(screen.utf8))
            drawn += 1
            if options.count.map({ drawn >= $0 }) ?? false { break }
            try await Task.sleep(for: .seconds(1))
        }
        return 0
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    static func mebibytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / Double(1 << 20)) }

    /// `siopen maintenance on|schedule|off|status`; returns the exit status.
    static func maintenance(_ options: Options) async throws -> Int32 {
        guard let action = options.positional.first, options.positional.count == 1 else {
            throw ConfigurationError(
                "usage: siopen maintenance on [--message TEXT] [--minutes N | --from ISO --until ISO] | schedule --from ISO --until ISO --message TEXT | off | status"
            )
        }
        switch action {
        case "schedule":
            return try await scheduleMaintenance(options)
        case "on":
            let now = Date()
            var start = now
            var end: Date?
            if let from = options.maintenanceFrom {
                guard let date = ISO8601DateFormatter().date(from: from) else {
                    throw ConfigurationError("--from takes an ISO 8601 UTC time such as 2026-12-24T14:00:00Z")
                }
                start = date
            }
            if let until = options.maintenanceUntil {
                guard let date = ISO8601DateFormatter().date(from: until) else {
                    throw ConfigurationError("--until takes an ISO 8601 UTC time such as 2026-12-24T16:00:00Z")
                }
                end = date
            } else if let minutes = options.maintenanceMinutes {
                end = start.addingTimeInterval(TimeInterval(minutes) * 60)
            }
            if let end, end <= start { throw ConfigurationError("the window ends before it starts") }
            let window = MaintenanceWindow(
                startsAt: start, endsAt: end, announcement: options.message ?? MaintenanceWindow.defaultAnnouncement)
            try MaintenanceWindow.write(window, dataDirectory: options.dataDirectory)
            printLine(
                "maintenance \(start > now ? "scheduled from" : "on since") \(window.startsAt)\(window.endsAt.map { " until \($0)" } ?? " until siopen maintenance off"): writes answer 503, reads continue (every service of \(options.dataDirectory) within a second)"
            )
            printLine(
                "announce it to users with: siopen call identity announcement.publish @announcement.json (kind maintenance, the same start and end)"
            )
        case "off":
            printLine(
                MaintenanceWindow.remove(dataDirectory: options.dataDirectory)
                    ? "maintenance off: writes are served again" : "no maintenance window was set")
        case "status":
            guard let window = MaintenanceWindow.read(dataDirectory: options.dataDirectory) else {
                printLine("no maintenance window")
                return 0
            }
            printLine(
                "\(window.isInForce(at: Date()) ? "IN FORCE" : "scheduled"): from \(window.startsAt)\(window.endsAt.map { " until \($0)" } ?? ", open-ended"): \(window.announcement)"
            )
        default:
            throw ConfigurationError("siopen maintenance takes on, schedule, off or status, not \(action)")
        }
        return 0
    }

    /// `siopen maintenance schedule --from ISO --until ISO --message TEXT`: planned maintenance
    /// (Pasal 22(d), 25(4)). Super Admin's announcement to every user goes out first through
    /// identity's `announcement.publish` (kind `maintenance`, the same start and end, the message
    /// as its text); only once identity has published it is the window written, with the
    /// announcement's id and text, so writes during it answer 503 with that text. A window that
    /// could not be announced is not set (use `maintenance on` for an unplanned one).
    static func scheduleMaintenance(_ options: Options) async throws -> Int32 {
        let usage = "usage: siopen maintenance schedule --from ISO --until ISO --message TEXT"
        guard let from = options.maintenanceFrom, let until = options.maintenanceUntil,
            let message = options.message?.trimmingCharacters(in: .whitespacesAndNewlines), !message.isEmpty
        else { throw ConfigurationError("\(usage): a planned window needs its start, end and announcement") }
        guard let start = Timestamp.date(from) else {
            throw ConfigurationError("--from takes an ISO 8601 UTC time such as 2026-12-24T14:00:00Z")
        }
        guard let end = Timestamp.date(until) else {
            throw ConfigurationError("--until takes an ISO 8601 UTC time such as 2026-12-24T16:00:00Z")
        }
        guard start < end else { throw ConfigurationError("the window ends before it starts") }
        guard end > Date() else { throw ConfigurationError("the window has already ended") }
        guard message.count <= 1000 else {
            throw ConfigurationError("the maintenance announcement is longer than 1000 characters")
        }
        guard let token = try CallInput.token(explicit: options.token, dataDirectory: options.dataDirectory) else {
            throw ConfigurationError("scheduling maintenance announces it as Super Admin: sign in with siopen login")
        }
        let client = try options.client(for: "identity")
        defer { client.close() }
        let published = try await client.call(
            AnnouncementPublish.self,
            AnnouncementInfo(
                kind: .maintenance, title: "Pemeliharaan sistem", body: message, tenants: [],
                startsAt: Timestamp.iso8601(start), endsAt: Timestamp.iso8601(end)),
            token: token, timeout: options.timeout)
        let window = MaintenanceWindow(
            startsAt: start, endsAt: end, announcement: message, announcementID: published.id)
        try MaintenanceWindow.write(window, dataDirectory: options.dataDirectory)
        printLine(
            "maintenance scheduled from \(window.startsAt) until \(window.endsAt ?? "?"), announced to every user (announcement \(published.id ?? "?")); during it writes answer 503 with the announcement, reads continue"
        )
        return 0
    }
}
