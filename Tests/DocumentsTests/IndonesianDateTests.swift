// Indonesian month names and the Roman month in document numbers.
import SiOpenDocuments
import SiOpenDomain
import Testing

@Suite("Indonesian dates and Roman numerals")
struct IndonesianDateTests {
    @Test func longDates() throws {
        #expect(IndonesianDate.long(try CivilDate("2026-11-21")) == "21 November 2026")
        #expect(IndonesianDate.long(try CivilDate("2027-01-05")) == "5 Januari 2027")
        #expect(IndonesianDate.long(try CivilDate("2028-02-29")) == "29 Februari 2028")
        #expect(IndonesianDate.long(try CivilDate("2026-08-17")) == "17 Agustus 2026")
    }

    @Test func everyMonthHasItsIndonesianName() throws {
        let expected = [
            "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
            "November",
            "Desember",
        ]
        for month in 1...12 {
            let date = try CivilDate("2026-\(month < 10 ? "0" : "")\(month)-01")
            #expect(IndonesianDate.long(date) == "1 \(expected[month - 1]) 2026")
        }
    }

    @Test func romanMonths() {
        let expected = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
        #expect((1...12).map(RomanNumeral.of) == expected)
    }

    @Test(arguments: [
        (14, "XIV"), (40, "XL"), (49, "XLIX"), (90, "XC"), (400, "CD"), (444, "CDXLIV"), (900, "CM"),
        (1994, "MCMXCIV"), (2026, "MMXXVI"), (3888, "MMMDCCCLXXXVIII"), (3999, "MMMCMXCIX"),
    ])
    func romanNumerals(number: Int, expected: String) {
        #expect(RomanNumeral.of(number) == expected)
    }

    @Test func outsideRomanRangeStaysDecimal() {
        #expect(RomanNumeral.of(0) == "0")
        #expect(RomanNumeral.of(-3) == "-3")
        #expect(RomanNumeral.of(4000) == "4000")
    }

    @Test func documentNumberTemplate() throws {
        let day = try CivilDate("2026-11-21")
        #expect("001/SP/DISKOMINFO/\(RomanNumeral.of(day.month))/\(day.year)" == "001/SP/DISKOMINFO/XI/2026")
    }
}
