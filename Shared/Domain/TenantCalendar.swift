// What "today" is for a tenant: one calendar for every service.
import Foundation

/// The calendar a tenant counts whole days in: blacklist periods, sanctions, deadlines and
/// penalties start and end on the tenant's local date, never on the UTC date. Every service asks
/// this one type, so identity and the catalog agree on whether a period has started at
/// 23:30 UTC (already the next day in WITA).
public struct TenantCalendar: Sendable, Hashable {
    /// The zone the tenant's days are counted in.
    public let timeZone: TimeZone

    /// A calendar counting days in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// WITA (Asia/Makassar, UTC+8), the zone of every tenant served today: Kabupaten Balangan
    /// (South Kalimantan) and Kabupaten Polewali Mandar (West Sulawesi).
    public static let wita = TenantCalendar(timeZone: CivilDate.defaultTimeZone)

    /// The calendar of `tenant`. Tenants do not carry a zone yet because all of them keep WITA;
    /// a tenant in WIB or WIT needs a zone in its tenant record, carried on identity's feed,
    /// and this is the one place to read it from.
    public static func of(tenant: String) -> TenantCalendar { .wita }

    /// The tenant's date at `instant`.
    public func today(at instant: Date) -> CivilDate {
        CivilDate(instant, timeZone: timeZone)
    }
}
