import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The daily capacity record of a data folder (Perbup Polewali Mandar 31/2012 Pasal 25: daily
/// monitoring of disk and memory capacity): one sample a day (the day's latest) of the data
/// folder's free disk, the machine's memory, and each database's and WAL's size, plus the alerts
/// raised and not yet cleared. Kept in `<data>/capacity.json` (0600, replaced atomically), which
/// `siopen up` updates at every capacity check and `siopen capacity` prints.
public struct CapacityRecord: Codable, Sendable, Hashable {
    /// The samples, oldest first, one per UTC day; at most ``keptDays``.
    public var days: [CapacitySample] = []
    /// The thresholds crossed and not yet cleared, by ``CapacityAlertKind`` raw value.
    public var alerts: [String: CapacityAlert] = [:]

    /// Creates an empty record.
    public init() {}

    /// How many days the record keeps.
    public static let keptDays = 400

    /// `<data>/capacity.json`.
    public static func path(dataDirectory: String) -> String { dataDirectory + "/capacity.json" }

    /// The record of `dataDirectory`; an empty one when there is none yet.
    public static func load(dataDirectory: String) throws -> CapacityRecord {
        guard let bytes = try SecureFiles.readSecret(at: path(dataDirectory: dataDirectory)) else {
            return CapacityRecord()
        }
        return try JSONDecoder().decode(CapacityRecord.self, from: Data(bytes))
    }

    /// Writes the record for `dataDirectory` (atomically, 0600).
    public func save(dataDirectory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try SecureFiles.writeSecret(Array(try encoder.encode(self)), to: Self.path(dataDirectory: dataDirectory))
    }

    /// Adds `sample` as its day's entry (replacing an earlier sample of the same day) and drops
    /// the days beyond ``keptDays``.
    public mutating func add(_ sample: CapacitySample) {
        if let last = days.last, last.day == sample.day { days.removeLast() }
        days.append(sample)
        if days.count > Self.keptDays { days.removeFirst(days.count - Self.keptDays) }
    }

    /// The sample of the day before `sample`'s, if recorded.
    public func previousDay(before sample: CapacitySample) -> CapacitySample? {
        days.last { $0.day < sample.day }
    }

    /// Days until the disk is full at the data folder's growth over the last week (from the
    /// oldest sample of the 7 days before `sample`'s day); nil when it does not grow or there is
    /// no earlier day yet.
    public func projectedDaysUntilFull(_ sample: CapacitySample) -> Double? {
        guard let now = Timestamp.date(sample.takenAt),
            let earliest = days.first(where: { day in
                guard day.day < sample.day, let at = Timestamp.date(day.takenAt) else { return false }
                return now.timeIntervalSince(at) <= 7.5 * 86_400
            }),
            let then = Timestamp.date(earliest.takenAt)
        else { return nil }
        let elapsedDays = now.timeIntervalSince(then) / 86_400
        let grown = Double(sample.dataBytes - earliest.dataBytes)
        guard elapsedDays >= 1.0 / 24, grown > 0 else { return nil }
        return Double(sample.freeDiskBytes) / (grown / elapsedDays)
    }

    /// Measures `dataDirectory` now: free and total disk of its file system, the machine's
    /// available and total memory (`/proc/meminfo`), the resident memory of `pids` (the services),
    /// every file's bytes under it, and each of `services`' database and WAL.
    public static func measure(
        dataDirectory: String, services: [String], pids: [Int32], now: Date = Date()
    ) -> CapacitySample {
        let memory = Self.memory()
        let databases = services.map { service in
            let path = ServiceConfiguration(serviceName: service, dataDirectory: dataDirectory).databasePath
            return CapacitySample.DatabaseSize(
                service: service, databaseBytes: ProcessFigures.size(path), walBytes: ProcessFigures.size(path + "-wal")
            )
        }
        let taken = Timestamp.iso8601(now)
        return CapacitySample(
            day: String(taken.prefix(10)), takenAt: taken,
            freeDiskBytes: ServiceHost.freeDiskBytes(at: dataDirectory),
            diskBytes: ProcessFigures.diskBytes(at: dataDirectory), availableMemoryBytes: memory.available,
            totalMemoryBytes: memory.total,
            servicesResidentBytes: pids.reduce(0) { $0 + ProcessFigures.residentMemoryBytes(of: String($1)) },
            dataBytes: Self.bytes(under: dataDirectory), databases: databases)
    }

    /// `MemAvailable` and `MemTotal` of `/proc/meminfo`, in bytes (0 where there is none).
    static func memory() -> (available: Int64, total: Int64) {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Int64 {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            let kibibytes = line.split(separator: " ").dropFirst().first.flatMap { Int64($0) } ?? 0
            return kibibytes * 1024
        }
        return (field("MemAvailable"), field("MemTotal"))
    }

    /// The bytes of every regular file under `folder` (symbolic links not followed).
    static func bytes(under folder: String) -> Int64 {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var total: Int64 = 0
        while let relative = walker.nextObject() as? String {
            var info = stat()
            guard lstat(folder + "/" + relative, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            total += Int64(info.st_size)
        }
        return total
    }

    /// What `sample` says about each threshold: crossed (at or beyond it), cleared (back past it
    /// by a tenth, so a value hovering at the threshold does not raise an alert at every check),
    /// or neither.
    public func judge(_ sample: CapacitySample, thresholds: CapacityThresholds) -> [CapacityJudgement] {
        let days = projectedDaysUntilFull(sample)
        func judgement(_ kind: CapacityAlertKind, value: Double?, minimum: Double, text: String) -> CapacityJudgement {
            guard let value else { return CapacityJudgement(kind: kind, crossed: false, cleared: true, text: text) }
            return CapacityJudgement(kind: kind, crossed: value < minimum, cleared: value >= minimum * 1.1, text: text)
        }
        return [
            judgement(
                .freeDisk, value: Double(sample.freeDiskBytes), minimum: Double(thresholds.minimumFreeDiskBytes),
                text:
                    "Ruang disk kosong pada folder data tinggal \(CapacityFormat.bytes(sample.freeDiskBytes)) dari \(CapacityFormat.bytes(sample.diskBytes)) (batas: \(CapacityFormat.bytes(thresholds.minimumFreeDiskBytes)))."
            ),
            judgement(
                .memory, value: sample.totalMemoryBytes == 0 ? nil : Double(sample.availableMemoryBytes),
                minimum: Double(thresholds.minimumAvailableMemoryBytes),
                text:
                    "Memori yang tersedia tinggal \(CapacityFormat.bytes(sample.availableMemoryBytes)) dari \(CapacityFormat.bytes(sample.totalMemoryBytes)) (batas: \(CapacityFormat.bytes(thresholds.minimumAvailableMemoryBytes)))."
            ),
            judgement(
                .daysUntilFull, value: days, minimum: thresholds.minimumDaysUntilFull,
                text:
                    "Dengan pertumbuhan data sepekan terakhir, disk diperkirakan penuh dalam \(days.map { String(format: "%.1f", $0) } ?? "-") hari (batas: \(String(format: "%.0f", thresholds.minimumDaysUntilFull)) hari)."
            ),
        ]
    }
}

/// One capacity sample of a data folder.
public struct CapacitySample: Codable, Sendable, Hashable {
    /// The size of one service's database.
    public struct DatabaseSize: Codable, Sendable, Hashable {
        /// The service.
        public var service: String
        /// `<data>/db/<service>.sqlite`, in bytes.
        public var databaseBytes: Int64
        /// Its write-ahead log, in bytes.
        public var walBytes: Int64

        /// Creates it.
        public init(service: String, databaseBytes: Int64, walBytes: Int64) {
            self.service = service
            self.databaseBytes = databaseBytes
            self.walBytes = walBytes
        }
    }

    /// The UTC day, `YYYY-MM-DD`.
    public var day: String
    /// When it was taken, ISO 8601 UTC.
    public var takenAt: String
    /// Free bytes (for unprivileged users) on the data folder's file system.
    public var freeDiskBytes: Int64
    /// The size of that file system.
    public var diskBytes: Int64
    /// The machine's available memory (`MemAvailable`).
    public var availableMemoryBytes: Int64
    /// The machine's memory (`MemTotal`).
    public var totalMemoryBytes: Int64
    /// The services' resident memory together (0 when measured without them, by `siopen capacity --check`).
    public var servicesResidentBytes: Int64
    /// Every file under the data folder (databases, documents, keys), in bytes.
    public var dataBytes: Int64
    /// Each service's database and WAL.
    public var databases: [DatabaseSize]

    /// Creates a sample (``CapacityRecord/measure(dataDirectory:services:pids:now:)`` measures one).
    public init(
        day: String, takenAt: String, freeDiskBytes: Int64, diskBytes: Int64, availableMemoryBytes: Int64,
        totalMemoryBytes: Int64, servicesResidentBytes: Int64, dataBytes: Int64, databases: [DatabaseSize]
    ) {
        self.day = day
        self.takenAt = takenAt
        self.freeDiskBytes = freeDiskBytes
        self.diskBytes = diskBytes
        self.availableMemoryBytes = availableMemoryBytes
        self.totalMemoryBytes = totalMemoryBytes
        self.servicesResidentBytes = servicesResidentBytes
        self.dataBytes = dataBytes
        self.databases = databases
    }
}

/// The thresholds that raise a capacity alert: deployment settings (`siopen up` and
/// `siopen capacity --check` flags), with defaults for a small server.
public struct CapacityThresholds: Codable, Sendable, Hashable {
    /// Alert when the data folder's disk has less free than this (default 2 GiB).
    public var minimumFreeDiskBytes: Int64
    /// Alert when the machine has less memory available than this (default 256 MiB).
    public var minimumAvailableMemoryBytes: Int64
    /// Alert when the disk is projected to be full in fewer days than this (default 30).
    public var minimumDaysUntilFull: Double

    /// Creates thresholds.
    public init(
        minimumFreeDiskBytes: Int64 = 2 << 30, minimumAvailableMemoryBytes: Int64 = 256 << 20,
        minimumDaysUntilFull: Double = 30
    ) {
        self.minimumFreeDiskBytes = minimumFreeDiskBytes
        self.minimumAvailableMemoryBytes = minimumAvailableMemoryBytes
        self.minimumDaysUntilFull = minimumDaysUntilFull
    }
}

/// Which threshold an alert is about.
public enum CapacityAlertKind: String, Codable, Sendable, CaseIterable {
    /// Free disk of the data folder.
    case freeDisk
    /// Available memory of the machine.
    case memory
    /// Projected days until the disk is full.
    case daysUntilFull

    /// The announcement's title (Bahasa Indonesia).
    public var title: String {
        switch self {
        case .freeDisk: return "Peringatan kapasitas: ruang disk hampir habis"
        case .memory: return "Peringatan kapasitas: memori server hampir habis"
        case .daysUntilFull: return "Peringatan kapasitas: disk diperkirakan segera penuh"
        }
    }
}

/// A threshold crossed: since when, and the announcement that told Super Admin (nil until one
/// was published; the next check tries again).
public struct CapacityAlert: Codable, Sendable, Hashable {
    /// When the threshold was first seen crossed, ISO 8601 UTC.
    public var since: String
    /// What the sample said then.
    public var text: String
    /// The announcement's id, once published.
    public var announcementID: String?
    /// When it was published.
    public var announcedAt: String?

    /// Creates an alert not yet announced.
    public init(since: String, text: String) {
        self.since = since
        self.text = text
    }
}

/// One threshold judged against a sample.
public struct CapacityJudgement: Sendable, Hashable {
    /// The threshold.
    public var kind: CapacityAlertKind
    /// At or beyond it.
    public var crossed: Bool
    /// Back past it by the margin (an alert raised earlier ends).
    public var cleared: Bool
    /// The figures, as the announcement says them.
    public var text: String
}

/// Byte counts as people read them.
public enum CapacityFormat {
    /// `bytes` in the largest binary unit that keeps a number of at least 1 (`1.5 GiB`).
    public static func bytes(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes)
        var unit = 0
        while abs(value) >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }

    /// A size as an operator writes it: a number of bytes, or with `K`, `M`, `G`, `T` or `P`
    /// (binary units, `2G` = 2 GiB). Nil when it is not one.
    public static func parseBytes(_ text: String) -> Int64? {
        let factors: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40, "P": 1 << 50]
        var digits = Substring(text.uppercased())
        if digits.hasSuffix("IB") {
            digits = digits.dropLast(2)
        } else if digits.hasSuffix("B") {
            digits = digits.dropLast()
        }
        var factor: Int64 = 1
        if let last = digits.last, let unit = factors[last] {
            factor = unit
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let count = Int64(digits), count >= 0 else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }
}
