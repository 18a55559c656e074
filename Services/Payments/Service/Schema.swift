import SiOpenRuntime
import SiOpenStorage

/// The payments database, as migrations in version order. Version 1 is what every service
/// has: the audit trail and the event feed.
enum PaymentsSchema {
    /// Every migration, oldest first; a new table is a new version at the end, never an edit.
    static let migrations = [
        Migration(version: 1, name: "audit trail and event feed", sql: SharedSchema.sql),
        Migration(version: 2, name: "event versions", sql: EventFeed.versionSQL),
    ]
}
