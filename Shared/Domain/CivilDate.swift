// Calendar days, as legal documents, deadlines and sanctions count them.
import Foundation
import SiOpenProtocol

/// A calendar day (`YYYY-MM-DD`) with no time and no zone: a Surat Pesanan's delivery date, a
/// sanction's first and last day. Day arithmetic is exact (no daylight or leap-second effects).
///
/// Encodes as a JSON string `YYYY-MM-DD`; decoding refuses dates that do not exist.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, JSONSchemaDescribing, CustomStringConvertible {
    /// The year, 1900–2200.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// Validates `YYYY-MM-DD`: a real date between 1900 and 2200.
    public init(_ text: String) throws(IdentifierError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day),
            DateComponents(calendar: CivilDate.utcCalendar, year: year, month: month, day: day).isValidDate
        else { throw IdentifierError(reason: "must be a real date written YYYY-MM-DD") }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `instant` falls on in `timeZone` (default WITA, Asia/Makassar, Balangan's zone).
    public init(_ instant: Date, timeZone: TimeZone = CivilDate.defaultTimeZone) {
        var calendar = CivilDate.utcCalendar
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    private init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The zone days are counted in unless a tenant says otherwise.
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Makassar") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    /// Midnight UTC of this day, the base of day arithmetic.
    private var midnightUTC: Date {
        CivilDate.utcCalendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// This day moved by `days` (negative goes back).
    public func adding(days: Int) -> CivilDate {
        CivilDate(
            CivilDate.utcCalendar.date(byAdding: .day, value: days, to: midnightUTC)!,
            timeZone: TimeZone(secondsFromGMT: 0)!)
    }

    /// This day moved by `years`; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> CivilDate {
        CivilDate(
            CivilDate.utcCalendar.date(byAdding: .year, value: years, to: midnightUTC)!,
            timeZone: TimeZone(secondsFromGMT: 0)!)
    }

    /// Whole days from this day to `other` (negative when `other` is earlier).
    public func days(until other: CivilDate) -> Int {
        CivilDate.utcCalendar.dateComponents([.day], from: midnightUTC, to: other.midnightUTC).day!
    }

    /// `YYYY-MM-DD`.
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// Earlier days first.
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes a JSON string and validates it.
    public init(from decoder: any Decoder) throws {
        self = try ValidatedCoding.decode(from: decoder) { (text) throws(IdentifierError) in try CivilDate(text) }
    }

    /// Encodes `YYYY-MM-DD` as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        try ValidatedCoding.encode(description, to: encoder)
    }

    /// A string `YYYY-MM-DD`.
    public static var jsonSchema: JSONValue {
        ValidatedCoding.stringSchema(
            pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "A calendar day, YYYY-MM-DD.")
    }

    /// An example day.
    public static var schemaExample: CivilDate { CivilDate(year: 2026, month: 11, day: 21) }
}
