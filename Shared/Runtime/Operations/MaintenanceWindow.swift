import Foundation
import SiOpenProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// A maintenance window (Perbup Polewali Mandar 31/2012 Pasal 22(d), 25(4)): while it is in
/// force, every service answers writes with 503 (`data.reason` `maintenance`,
/// `data.retryAfterSeconds`, `data.announcement`) and keeps serving reads.
///
/// Every service of a data folder learns of it from one file, `<data>/run/maintenance.json`,
/// which it re-reads at most once a second when its modification time changes. A file rather
/// than identity's event feed: the services that must stop writing include identity itself,
/// a window usually exists because something (identity, the database, the disk) is being worked
/// on, and a service deployed alone needs nothing but its data folder; `run/` also keeps it out
/// of backups, so a restored system never starts in an old window. `siopen maintenance`
/// writes and removes it (on the server of a service deployed elsewhere, with its `--data-dir`).
public struct MaintenanceWindow: Codable, Sendable, Hashable {
    /// When writes stop, ISO 8601 UTC.
    public var startsAt: String
    /// When writes resume, ISO 8601 UTC; nil for an unplanned window that lasts until switched off.
    public var endsAt: String?
    /// The announcement shown to callers (Bahasa Indonesia), at most 1,000 characters.
    public var announcement: String
    /// When the window was set, ISO 8601 UTC.
    public var setAt: String
    /// The id of the announcement identity published for a scheduled window
    /// (`siopen maintenance schedule`); nil for an unplanned one.
    public var announcementID: String?

    /// Creates a window.
    public init(
        startsAt: Date, endsAt: Date?, announcement: String, setAt: Date = Date(), announcementID: String? = nil
    ) {
        self.startsAt = Timestamp.iso8601(startsAt)
        self.endsAt = endsAt.map(Timestamp.iso8601)
        self.announcement = announcement
        self.setAt = Timestamp.iso8601(setAt)
        self.announcementID = announcementID
    }

    /// The default announcement of `siopen maintenance on` without `--message`.
    public static let defaultAnnouncement =
        "Sistem sedang dalam pemeliharaan. Data dapat dilihat, tetapi perubahan data belum dapat dilakukan."

    /// Retry advice for an open-ended window.
    public static let openEndedRetrySeconds = 300

    /// `<data>/run/maintenance.json`.
    public static func path(dataDirectory: String) -> String { dataDirectory + "/run/maintenance.json" }

    /// Whether the window is in force at `now`.
    public func isInForce(at now: Date) -> Bool {
        guard let start = Timestamp.date(startsAt), start <= now else { return false }
        guard let endsAt else { return true }
        guard let end = Timestamp.date(endsAt) else { return true }
        return now < end
    }

    /// The 503 a write gets at `now` during the window.
    public func refusal(at now: Date) -> RPCError {
        var retry = Self.openEndedRetrySeconds
        if let endsAt, let end = Timestamp.date(endsAt) { retry = max(1, Int(end.timeIntervalSince(now).rounded(.up))) }
        var data: [String: JSONValue] = [
            "kind": "dependency_unavailable", "reason": "maintenance", "retryAfterSeconds": .integer(Int64(retry)),
            "announcement": .string(announcement), "startsAt": .string(startsAt),
        ]
        if let endsAt { data["endsAt"] = .string(endsAt) }
        return RPCError(
            code: ApplicationErrorCode.dependencyUnavailable.rawValue,
            message:
                "The system is under maintenance; changes are refused until it ends (reads continue): \(announcement)",
            data: .object(data))
    }

    /// Writes `window` for every service of `dataDirectory` (atomically, 0600).
    public static func write(_ window: MaintenanceWindow, dataDirectory: String) throws {
        guard window.announcement.count <= 1000 else {
            throw ConfigurationError("the maintenance announcement is longer than 1000 characters")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try SecureFiles.createPrivateDirectory(dataDirectory + "/run")
        try SecureFiles.writeSecret(Array(try encoder.encode(window)), to: path(dataDirectory: dataDirectory))
    }

    /// Ends any window of `dataDirectory`; returns whether there was one.
    @discardableResult
    public static func remove(dataDirectory: String) -> Bool {
        unlink(path(dataDirectory: dataDirectory)) == 0
    }

    /// The window written for `dataDirectory`, nil when there is none or the file is unreadable.
    public static func read(dataDirectory: String) -> MaintenanceWindow? {
        guard let data = FileManager.default.contents(atPath: path(dataDirectory: dataDirectory)) else { return nil }
        return try? JSONDecoder().decode(MaintenanceWindow.self, from: data)
    }
}

/// A service's view of its data folder's maintenance file: re-read at most once a second, and
/// only when the file's modification time or size changed, so the per-call check is a lock and
/// a clock read.
public final class MaintenanceWatch: @unchecked Sendable {
    private let path: String
    private let dataDirectory: String
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var checkedAt: ContinuousClock.Instant?
    private var stamp: (seconds: Int, nanoseconds: Int, size: Int64)?
    private var window: MaintenanceWindow?

    /// Watches `<dataDirectory>/run/maintenance.json`, judging windows by `now`.
    public init(dataDirectory: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.dataDirectory = dataDirectory
        self.path = MaintenanceWindow.path(dataDirectory: dataDirectory)
        self.now = now
    }

    /// The window in force now, if any.
    public var current: MaintenanceWindow? {
        let window: MaintenanceWindow? = lock.withLock {
            let instant = ContinuousClock.now
            if let checkedAt, instant - checkedAt < .seconds(1) { return self.window }
            checkedAt = instant
            var info = stat()
            guard stat(path, &info) == 0 else {
                stamp = nil
                self.window = nil
                return nil
            }
            let fresh = (Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int64(info.st_size))
            if let stamp, stamp == fresh { return self.window }
            stamp = fresh
            self.window = MaintenanceWindow.read(dataDirectory: dataDirectory)
            return self.window
        }
        guard let window, window.isInForce(at: now()) else { return nil }
        return window
    }

    /// The refusal for a call of `entry` now: a 503 for a write during a window, else nil.
    public func refusal(for entry: RPCMethodTable.Entry) -> RPCError? {
        guard !entry.servedDuringMaintenance, let window = current else { return nil }
        return window.refusal(at: now())
    }
}
