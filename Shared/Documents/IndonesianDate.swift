// Dates and numbers the way Indonesian official documents print them.
import Foundation
import SiOpenDomain

extension Rupiah {
    /// The amount as documents print it, with dots between thousands and the (always zero)
    /// sen after a comma: `Rp10.000.000,00`.
    public var printed: String { formatted + ",00" }
}

/// Calendar days written out in Indonesian.
public enum IndonesianDate {
    /// The Indonesian month names, January first.
    public static let monthNames = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ]

    /// The day as a document dates itself: "21 November 2026" (no leading zero on the day).
    public static func long(_ date: CivilDate) -> String {
        // CivilDate guarantees 1...12; the fallback only keeps this total.
        let month = monthNames.indices.contains(date.month - 1) ? monthNames[date.month - 1] : String(date.month)
        return "\(date.day) \(month) \(date.year)"
    }

    /// The Indonesian day names, Monday first.
    public static let dayNames = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

    /// The day of the week of `date`: "Rabu" for 2 December 2026.
    public static func dayName(_ date: CivilDate) -> String {
        // Days since 1970-01-01 (a Thursday), by the civil-from-days inverse (H. Hinnant).
        let year = date.month <= 2 ? date.year - 1 : date.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let weekday = ((days % 7) + 7 + 3) % 7  // 0 = Monday
        return dayNames[weekday]
    }

    /// The date in words, as a Berita Acara opens: "hari Rabu tanggal dua bulan Desember tahun
    /// dua ribu dua puluh enam".
    public static func inWords(_ date: CivilDate) -> String {
        let month = monthNames.indices.contains(date.month - 1) ? monthNames[date.month - 1] : String(date.month)
        return
            "hari \(dayName(date)) tanggal \(Terbilang.words(UInt64(max(0, date.day)))) bulan \(month) tahun \(Terbilang.words(UInt64(max(0, date.year))))"
    }

    /// An instant as documents state when something happened, in the tenant's calendar:
    /// "2 Desember 2026 pukul 10.15 WITA".
    public static func instant(_ instant: Date, calendar: TenantCalendar) -> String {
        let date = calendar.today(at: instant)
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        let parts = gregorian.dateComponents([.hour, .minute], from: instant)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        let clock = (hour < 10 ? "0" : "") + "\(hour)." + (minute < 10 ? "0" : "") + "\(minute)"
        return "\(long(date)) pukul \(clock) \(zoneName(calendar.timeZone, at: instant))"
    }

    /// The Indonesian name of a zone: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9), else "UTC+h".
    public static func zoneName(_ zone: TimeZone, at instant: Date) -> String {
        let seconds = zone.secondsFromGMT(for: instant)
        switch seconds {
        case 7 * 3600: return "WIB"
        case 8 * 3600: return "WITA"
        case 9 * 3600: return "WIT"
        default:
            let hours = seconds / 3600
            return "UTC\(hours >= 0 ? "+" : "")\(hours)"
        }
    }
}

/// Roman numerals, as document numbers carry the month: `001/SP/DISKOMINFO/XI/2026`.
public enum RomanNumeral {
    private static let values: [(value: Int, symbol: String)] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]

    /// `number` in Roman numerals for 1...3999 (`11` gives "XI", `2026` "MMXXVI"). Numbers
    /// outside that range have no standard Roman form and come back as decimal digits, so a
    /// document number built from them is still unique and readable rather than a crash.
    public static func of(_ number: Int) -> String {
        guard (1...3999).contains(number) else { return String(number) }
        var rest = number
        var out = ""
        for (value, symbol) in values {
            while rest >= value {
                out += symbol
                rest -= value
            }
        }
        return out
    }
}
