import SiOpenDomain
import Testing

/// Reference Luhn (ISO/IEC 7812-1), written independently of the module: a number passes when,
/// doubling every second digit from the right (the check digit itself is not doubled) and
/// subtracting 9 from doubles over 9, the digit sum is a multiple of 10.
func luhnValid(_ number: String) -> Bool {
    var sum = 0
    for (index, character) in number.reversed().enumerated() {
        var digit = character.wholeNumberValue!
        if index % 2 == 1 {
            digit *= 2
            if digit > 9 { digit -= 9 }
        }
        sum += digit
    }
    return sum % 10 == 0
}

/// The check digit that makes `payload` + digit pass the reference Luhn test.
func luhnCheckDigit(_ payload: String) -> Int {
    (0...9).first { luhnValid(payload + String($0)) }!
}

@Suite("NPWP")
struct NPWPTests {
    @Test func referenceLuhnAgreesWithKnownValues() {
        #expect(luhnValid("79927398713"))  // the textbook example
        #expect(!luhnValid("79927398710"))
        #expect(luhnCheckDigit("01234567") == 4)  // worked by hand: 5+6+1+4+6+2+2+0 = 26 → 4
        #expect(luhnCheckDigit("65389112") == 7)  // from a published NPWP check-digit calculator
    }

    @Test func legacyWithComputedCheckDigit() throws {
        let check = luhnCheckDigit("01234567")
        let npwp = try NPWP("01.234.567.\(check)-005.000")
        #expect(npwp.value == "001234567\(check)005000")
        #expect(npwp.isLegacy)
        #expect(npwp.legacyDigits == "01234567\(check)005000")
        #expect(npwp.legacyFormatted == "01.234.567.\(check)-005.000")
        #expect(npwp.displayText == "01.234.567.\(check)-005.000")
        #expect(npwp.taxpayerTypeCode == "01")
        #expect(npwp.nik == nil)
        // Every wrong check digit is refused.
        for wrong in (0...9).filter({ $0 != check }) {
            let error = #expect(throws: IdentifierError.self) { try NPWP("01.234.567.\(wrong)-005.000") }
            #expect(error?.reason.contains("check digit") == true)
        }
    }

    @Test func punctuationIsOptionalAndTheStoredFormIsCanonical() throws {
        let punctuated = try NPWP("65.389.112.7-005.000")
        let plain = try NPWP("653891127005000")
        let sixteen = try NPWP("0653891127005000")
        #expect(punctuated == plain)
        #expect(plain == sixteen)
        #expect(sixteen.value == "0653891127005000")
        #expect(sixteen.legacyFormatted == "65.389.112.7-005.000")
        #expect(sixteen.description == "0653891127005000")
    }

    @Test(arguments: [
        "65.389.112.7-005.00",  // too short
        "65.389.112.7.005.000",  // dot where the hyphen goes
        "65-389-112-7-005-000",
        "65 389 112 7 005 000",
        "6538911270050",  // 13 digits
        "06538911270050001",  // 17 digits
        "65389112700500A",
        "065.389.112.7-005.000",  // punctuation is only for the legacy 15
        "000000000000000",  // Luhn holds for all zeros, but that is no number
        "",
    ])
    func refusesMalformed(_ text: String) {
        #expect(throws: IdentifierError.self, "\(text) should be refused") { try NPWP(text) }
    }

    @Test func sixteenDigitLegacyMustHoldItsCheckDigit() {
        #expect(throws: IdentifierError.self) { try NPWP("0653891128005000") }
    }

    @Test func sixteenDigitNIKForm() throws {
        let npwp = try NPWP("6311011501900001")
        #expect(npwp.value == "6311011501900001")
        #expect(!npwp.isLegacy)
        #expect(npwp.legacyFormatted == nil)
        #expect(npwp.legacyDigits == nil)
        #expect(npwp.displayText == "6311011501900001")
        #expect(npwp.nik == (try NIK("6311011501900001")))
        #expect(!npwp.isGovernmentTreasurer)
        // A 16-digit NPWP not starting with 0 must be a valid NIK (here: 32nd day).
        let error = #expect(throws: IdentifierError.self) { try NPWP("6311013201900001") }
        #expect(error?.reason.hasPrefix("is a 16-digit NPWP not starting with 0, so it must be a NIK") == true)
    }

    @Test func governmentTreasurerHasTypeCode00() throws {
        let treasurer = try NPWP("00.123.456.\(luhnCheckDigit("00123456"))-731.000")
        #expect(treasurer.isGovernmentTreasurer)
        #expect(treasurer.taxpayerTypeCode == "00")
        // 01-03 begin with 0 too, but are business entities.
        let company = try NPWP("01.234.567.\(luhnCheckDigit("01234567"))-731.000")
        #expect(!company.isGovernmentTreasurer)
        let person = try NPWP("65.389.112.7-005.000")
        #expect(!person.isGovernmentTreasurer)
    }
}
