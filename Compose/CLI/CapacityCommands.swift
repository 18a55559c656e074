import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime

/// The capacity checks of `siopen up` and `siopen capacity` (Pasal 25): each check adds a sample
/// to the data folder's ``CapacityRecord`` and, when free disk, memory or the projected days
/// until the disk is full cross a threshold, tells Super Admin once: an announcement to
/// administrators through identity's service-only `announcement.alertAdministrators` with the
/// operations service token `siopen up` keeps, or else `announcement.publish` with the operator's
/// session (`--token`, `SIOPEN_TOKEN`, or the session `siopen login` saved, read again at every
/// check). A crossing that could not be announced (no token, identity down) is tried again at the next
/// check; one announced is not announced again until it has cleared (back past the threshold by
/// a tenth) and is crossed anew.
final class CapacityWatch: @unchecked Sendable {
    let dataDirectory: String
    let topology: Topology
    let thresholds: CapacityThresholds
    let token: String?
    let logger: Logger
    private let lock = NSLock()

    /// How long a capacity announcement stays up.
    static let announcementDays = 7.0

    init(dataDirectory: String, topology: Topology, thresholds: CapacityThresholds, token: String?, logger: Logger) {
        self.dataDirectory = dataDirectory
        self.topology = topology
        self.thresholds = thresholds
        self.token = token
        self.logger = logger
    }

    /// One check: measure, record, announce new crossings, clear old ones. Returns the record.
    @discardableResult
    func check(pids: [Int32], now: Date = Date()) async -> CapacityRecord? {
        let (record, due): (CapacityRecord?, [CapacityAlertKind]) = lock.withLock {
            do {
                var record = try CapacityRecord.load(dataDirectory: dataDirectory)
                let sample = CapacityRecord.measure(
                    dataDirectory: dataDirectory, services: topology.services.map(\.name), pids: pids, now: now)
                record.add(sample)
                var due: [CapacityAlertKind] = []
                for judgement in record.judge(sample, thresholds: thresholds) {
                    let key = judgement.kind.rawValue
                    if judgement.crossed {
                        if record.alerts[key] == nil {
                            record.alerts[key] = CapacityAlert(since: sample.takenAt, text: judgement.text)
                            logger.warning(
                                "capacity threshold crossed", ["kind": .string(key), "text": .string(judgement.text)])
                        }
                        if record.alerts[key]?.announcementID == nil {
                            record.alerts[key]?.text = judgement.text
                            due.append(judgement.kind)
                        }
                    } else if judgement.cleared, record.alerts.removeValue(forKey: key) != nil {
                        logger.info(
                            "capacity threshold cleared", ["kind": .string(key), "text": .string(judgement.text)])
                    }
                }
                try record.save(dataDirectory: dataDirectory)
                return (record, due)
            } catch {
                logger.error(
                    "capacity check failed", ["dataDir": .string(dataDirectory), "error": .string("\(error)")])
                return (nil, [])
            }
        }
        guard var record, !due.isEmpty else { return record }
        for kind in due {
            guard let alert = record.alerts[kind.rawValue] else { continue }
            do {
                let published = try await announce(kind, alert: alert, now: now)
                record = lock.withLock {
                    // Saved at once, so a crash after publishing does not announce it again.
                    var fresh = (try? CapacityRecord.load(dataDirectory: dataDirectory)) ?? record
                    fresh.alerts[kind.rawValue]?.announcementID = published.id
                    fresh.alerts[kind.rawValue]?.announcedAt = Timestamp.iso8601(now)
                    do { try fresh.save(dataDirectory: dataDirectory) } catch {
                        logger.error("cannot save the capacity record", ["error": .string("\(error)")])
                    }
                    return fresh
                }
                logger.info(
                    "capacity alert announced to administrators",
                    ["kind": .string(kind.rawValue), "announcement": .string(published.id ?? "")])
            } catch {
                logger.error(
                    "cannot announce the capacity alert; tried again at the next check (sign in with siopen login as Super Admin)",
                    ["kind": .string(kind.rawValue), "error": .string("\(error)")])
            }
        }
        return record
    }

    /// Publishes the alert to administrators of every tenant: with the operations service token
    /// `siopen up` keeps (`<data>/keys/operations.token`, through the service-only
    /// `announcement.alertAdministrators`), so no person's session has to stay valid; else with
    /// an operator's Super Admin session (`--token`, SIOPEN_TOKEN or `siopen login`).
    private func announce(_ kind: CapacityAlertKind, alert: CapacityAlert, now: Date) async throws -> AnnouncementInfo {
        guard let identity = topology.services.first(where: { $0.name == "identity" }) else {
            throw ConfigurationError("the topology has no identity service to announce through")
        }
        let client = RPCClient(socketPath: identity.socketPath(dataDirectory: dataDirectory), serviceName: "identity")
        defer { client.close() }
        let title = kind.title
        let body = alert.text + "\nTercatat sejak \(alert.since) oleh pemantauan kapasitas harian (siopen capacity)."
        let startsAt = Timestamp.iso8601(now)
        let endsAt = Timestamp.iso8601(now.addingTimeInterval(Self.announcementDays * 86_400))
        let operations = ServiceConfiguration(serviceName: Self.operationsService, dataDirectory: dataDirectory)
        if let serviceToken = IdentityLink.serviceToken(for: operations) {
            return try await client.call(
                AnnouncementAlertAdministrators.self,
                AdministratorAlert(title: title, body: body, startsAt: startsAt, endsAt: endsAt), token: serviceToken,
                timeout: .seconds(30))
        }
        guard let token = try CallInput.token(explicit: token, dataDirectory: dataDirectory) else {
            throw ConfigurationError(
                "no operations service token (siopen up or siopen tokens writes it) and no Super Admin session (--token, SIOPEN_TOKEN or siopen login)"
            )
        }
        let announcement = AnnouncementInfo(
            kind: .notice, title: title, body: body, tenants: [], startsAt: startsAt, endsAt: endsAt,
            audience: .administrators)
        return try await client.call(AnnouncementPublish.self, announcement, token: token, timeout: .seconds(30))
    }

    /// The name of the service token `siopen up` issues for its own monitoring.
    static let operationsService = "operations"
}

/// `siopen capacity`.
enum CapacityCommands {
    /// `siopen capacity [--check] [--json]`: prints the record (with `--check`, takes a sample and
    /// announces crossings first, for a deployment without `siopen up`, e.g. from a timer).
    static func run(_ options: Options) async throws -> Int32 {
        guard options.positional.isEmpty else {
            throw ConfigurationError("usage: siopen capacity [--check] [--json] [--data-dir DIR]")
        }
        var record = try CapacityRecord.load(dataDirectory: options.dataDirectory)
        if options.capacityCheck {
            let watch = CapacityWatch(
                dataDirectory: options.dataDirectory, topology: try options.topology(),
                thresholds: options.capacityThresholds, token: options.token, logger: Logger(service: "siopen"))
            guard let checked = await watch.check(pids: []) else { return 1 }
            record = checked
        }
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            printLine(String(decoding: try encoder.encode(record), as: UTF8.self))
            return 0
        }
        printLine(table(record, thresholds: options.capacityThresholds))
        return 0
    }

    /// The record as a table: a line a day (oldest first), the newest day's databases with
    /// their growth since the day before, and the alerts in force.
    static func table(_ record: CapacityRecord, thresholds: CapacityThresholds) -> String {
        guard let latest = record.days.last else {
            return
                "no capacity record yet: siopen up records one at every capacity check (or run siopen capacity --check)"
        }
        let pad = OperationsCommands.pad
        func size(_ bytes: Int64) -> String { CapacityFormat.bytes(bytes) }
        func growth(_ now: Int64, _ before: Int64?) -> String {
            guard let before else { return "-" }
            return (now >= before ? "+" : "-") + size(abs(now - before))
        }
        var lines = [
            pad("day", 12) + pad("free disk", 12) + pad("disk", 11) + pad("free memory", 13) + pad("services RSS", 14)
                + pad("data", 11) + "growth"
        ]
        var before: CapacitySample?
        for day in record.days {
            lines.append(
                pad(day.day, 12) + pad(size(day.freeDiskBytes), 12) + pad(size(day.diskBytes), 11)
                    + pad(size(day.availableMemoryBytes), 13) + pad(size(day.servicesResidentBytes), 14)
                    + pad(size(day.dataBytes), 11) + growth(day.dataBytes, before?.dataBytes))
            before = day
        }
        let previous = record.previousDay(before: latest)
        lines.append("")
        lines.append("databases at \(latest.takenAt):")
        lines.append(pad("  service", 12) + pad("database", 12) + pad("growth", 12) + pad("WAL", 11) + "growth")
        for database in latest.databases {
            let earlier = previous?.databases.first { $0.service == database.service }
            lines.append(
                pad("  " + database.service, 12) + pad(size(database.databaseBytes), 12)
                    + pad(growth(database.databaseBytes, earlier?.databaseBytes), 12) + pad(size(database.walBytes), 11)
                    + growth(database.walBytes, earlier?.walBytes))
        }
        lines.append("")
        lines.append(
            "projected days until the disk is full: "
                + (record.projectedDaysUntilFull(latest).map { String(format: "%.1f", $0) }
                    ?? "- (not growing, or no earlier day)"))
        lines.append(
            "thresholds: free disk \(size(thresholds.minimumFreeDiskBytes)), free memory \(size(thresholds.minimumAvailableMemoryBytes)), days until full \(String(format: "%.0f", thresholds.minimumDaysUntilFull))"
        )
        if record.alerts.isEmpty {
            lines.append("alerts: none")
        } else {
            for (kind, alert) in record.alerts.sorted(by: { $0.key < $1.key }) {
                lines.append(
                    "ALERT \(kind) since \(alert.since): \(alert.text) "
                        + (alert.announcementID.map { "(announced to administrators, \($0))" }
                            ?? "(NOT YET ANNOUNCED: sign in with siopen login as Super Admin)"))
            }
        }
        return lines.joined(separator: "\n")
    }
}
