// Dates and numbers the way Indonesian official documents print them.
import SiOpenDomain

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
