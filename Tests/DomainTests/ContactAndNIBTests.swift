import SiOpenDomain
import Testing

@Suite("NIB, email and phone")
struct ContactAndNIBTests {
    @Test func nibIsThirteenDigits() throws {
        #expect(try NIB("9120001234567").value == "9120001234567")
        #expect(try NIB(validating: "0220001234567").description == "0220001234567")
        for bad in ["912000123456", "91200012345678", "912000123456A", "9120-001234567", " 9120001234567", ""] {
            #expect(throws: IdentifierError.self, "\(bad)") { try NIB(bad) }
        }
    }

    @Test func emailIsLowercasedWhole() throws {
        let email = try EmailAddress("Budi.Santoso@BalanganKab.GO.ID")
        #expect(email.value == "budi.santoso@balangankab.go.id")
        #expect(email.localPart == "budi.santoso")
        #expect(try EmailAddress("BUDI.SANTOSO@balangankab.go.id") == email)
        // NFC: a decomposed é is the same address as a composed one.
        #expect(try EmailAddress("re\u{0301}ne@example.com") == EmailAddress("r\u{00E9}ne@example.com"))
        #expect(throws: IdentifierError.self) { try EmailAddress("budi\u{202E}@example.com") }
        #expect(email.domain == "balangankab.go.id")
        #expect(try EmailAddress("cv.maju+order@mail.example.co.id").domain == "mail.example.co.id")
    }

    @Test(arguments: [
        "", "budi", "budi@", "@example.com", "budi@example", "budi@@example.com", "budi@exa@mple.com",
        "budi santoso@example.com", "budi@example .com", " budi@example.com", "budi@example.com\n",
        "budi@.example.com", "budi@example..com", "budi@example.com.", "budi@-example.com",
        "Budi <budi@example.com>", "budi,ani@example.com",
    ])
    func emailRefuses(_ text: String) {
        #expect(throws: IdentifierError.self, "\(text)") { try EmailAddress(text) }
    }

    @Test func emailLengthLimits() throws {
        let local64 = String(repeating: "a", count: 64)
        #expect(try EmailAddress("\(local64)@example.com").localPart == local64)
        #expect(throws: IdentifierError.self) { try EmailAddress("a\(local64)@example.com") }
        let longDomain =
            String(repeating: "d", count: 63) + "." + String(repeating: "e", count: 63) + "."
            + String(repeating: "f", count: 63) + ".com"  // 195 characters, leaving 58 before the @
        let fits = String(repeating: "b", count: 254 - 1 - longDomain.count) + "@" + longDomain  // 254 exactly
        #expect(fits.count == 254)
        #expect(throws: Never.self) { try EmailAddress(fits) }
        #expect(throws: IdentifierError.self) { try EmailAddress("b" + fits) }
    }

    @Test(arguments: [
        ("+6281234567890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0526) 2028123", "+625262028123"),
        ("021-1234567", "+62211234567"),
    ])
    func phoneNormalisesToE164(_ text: String, _ expected: String) throws {
        let phone = try PhoneNumber(text)
        #expect(phone.value == expected)
        #expect(phone.domesticFormat == "0" + expected.dropFirst(3))
    }

    @Test(arguments: [
        "", "81234567890", "+6181234567890", "+1 555 123 4567", "+620812345678", "0812345", "+62812345678901234",
        "0812 3456 789O", "08123456789a", "+62+81234567890",
    ])
    func phoneRefuses(_ text: String) {
        #expect(throws: IdentifierError.self, "\(text)") { try PhoneNumber(text) }
    }

    @Test func phoneDigitBounds() throws {
        // 7 to 13 digits after +62, i.e. 9 to 15 digits in E.164.
        #expect(try PhoneNumber("+621234567").value == "+621234567")
        #expect(throws: IdentifierError.self) { try PhoneNumber("+62123456") }
        #expect(try PhoneNumber("+628123456789012").value.count == 16)
        #expect(throws: IdentifierError.self) { try PhoneNumber("+6281234567890123") }
    }
}
