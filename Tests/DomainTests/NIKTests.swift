import SiOpenDomain
import Testing

@Suite("NIK")
struct NIKTests {
    @Test func acceptsAValidNIKAndReadsItsParts() throws {
        let nik = try NIK("6311011501900001")
        #expect(nik.value == "6311011501900001")
        #expect(nik.provinceCode == "63")
        #expect(nik.regionCode == "6311")
        #expect(nik.districtCode == "631101")
        #expect(!nik.isFemale)
        #expect(nik.birthDay == 15)
        #expect(nik.birthMonth == 1)
        #expect(nik.birthYearTwoDigits == 90)
        #expect(nik.serial == "0001")
        #expect(try NIK(validating: "6311011501900001") == nik)
    }

    @Test func womenHaveFortyAddedToTheDay() throws {
        let first = try NIK("6311014101900002")
        #expect(first.isFemale)
        #expect(first.birthDay == 1)
        let last = try NIK("6311017101900002")
        #expect(last.isFemale)
        #expect(last.birthDay == 31)
    }

    @Test(arguments: [
        ("631101150190001", "15 digits"),
        ("63110115019000011", "17 digits"),
        ("", "empty"),
        ("631101150190000A", "a letter"),
        ("6311 01150190001", "a space"),
        ("6311-0115019-0001", "punctuation"),
        ("631101150190000١", "a non-ASCII digit"),
        ("6311013201900001", "day 32"),
        ("6311014001900001", "day 40"),
        ("6311017201900001", "day 72 (32 for a woman)"),
        ("6311010001900001", "day 00"),
        ("6311011513900001", "month 13"),
        ("6311011500900001", "month 00"),
        ("6311013002900001", "30 February"),
        ("6311017002900001", "30 February for a woman"),
        ("6311013102990001", "31 February (310299)"),
        ("6311013104900001", "31 April"),
        ("6311012902010001", "29 February 2001/1901"),
        ("6311011501900000", "serial 0000"),
        ("0011011501900001", "province 00"),
        ("6300011501900001", "kabupaten 00"),
        ("6311001501900001", "kecamatan 00"),
    ])
    func refuses(_ text: String, _ why: String) {
        let error = #expect(throws: IdentifierError.self, "\(why) should be refused") { try NIK(text) }
        #expect(error?.reason.hasPrefix("must be a NIK") == true, "\(why): \(error?.reason ?? "")")
    }

    @Test func reasonsSayWhatIsWrong() {
        #expect(throws: IdentifierError(reason: "must be a NIK of exactly 16 digits, not 15 characters")) {
            try NIK("631101150190001")
        }
        let day = #expect(throws: IdentifierError.self) { try NIK("6311013201900001") }
        #expect(day?.reason.contains("41-71 for women") == true)
        let date = #expect(throws: IdentifierError.self) { try NIK("6311013102990001") }
        #expect(date?.reason.contains("day 31 of month 2 does not exist") == true)
        let serial = #expect(throws: IdentifierError.self) { try NIK("6311011501900000") }
        #expect(serial?.reason.contains("0000") == true)
    }

    @Test func leapDayNeedsAYearDivisibleByFour() throws {
        // 2000 is a leap year (1900 is not, but either century counts); 1996/2096 and 2024/1924 too.
        #expect(try NIK("6311012902000001").birthDay == 29)
        #expect(try NIK("6311012902960001").birthMonth == 2)
        #expect(try NIK("6311016902240001").isFemale)
        #expect(throws: IdentifierError.self) { try NIK("6311012902990001") }
        #expect(throws: IdentifierError.self) { try NIK("6311016902230001") }
    }

    @Test func domicileInBalangan() throws {
        let balangan = try NIK("6311011501900001")
        let polewaliMandar = try NIK("7604011501900001")
        #expect(balangan.hasDomicile(in: ["6311"]))
        #expect(balangan.hasDomicile(in: ["63.11"]))
        #expect(balangan.hasDomicile(in: ["7604", "6311"]))
        #expect(!polewaliMandar.hasDomicile(in: ["6311"]))
        #expect(polewaliMandar.hasDomicile(in: ["7604"]))
        // Kota Banjarmasin (6371) is in the same province but not Balangan.
        #expect(!(try NIK("6371011501900001")).hasDomicile(in: ["6311"]))
        // An empty list or an empty prefix admits no one.
        #expect(!balangan.hasDomicile(in: []))
        #expect(!balangan.hasDomicile(in: [""]))
    }
}
