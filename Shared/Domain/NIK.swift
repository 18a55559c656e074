// NIK (Nomor Induk Kependudukan), the national identity number on the KTP.
import SiOpenProtocol

/// A valid NIK: 16 digits `PPKKCCDDMMYYSSSS`: province, kabupaten/kota and kecamatan codes, the
/// holder's date of birth (day + 40 for women) and a serial number.
///
/// Validation checks the shape, that no region code is `00`, that the birth date exists (a
/// two-digit year allows 29 February when 19yy or 20yy is a leap year, i.e. when yy is a
/// multiple of 4), and that the serial is not `0000`. It cannot tell whether the number was
/// actually issued; only Dukcapil can.
///
/// Encodes as a plain JSON string of the 16 digits. Decoding a value that is not a valid NIK
/// throws `DecodingError.dataCorrupted` at the field, which the RPC layer reports as -32602.
public struct NIK: Sendable, Hashable, Codable, JSONSchemaDescribing, CustomStringConvertible {
    /// The 16 digits.
    public let value: String

    /// Validates `text`, which must be exactly 16 ASCII digits (no spaces or punctuation).
    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 16 && Digits.all(bytes) else {
            if text.count != 16 {
                throw IdentifierError(reason: "must be a NIK of exactly 16 digits, not \(text.count) characters")
            }
            throw IdentifierError(reason: "must be a NIK of 16 digits 0-9, with no letters, spaces or punctuation")
        }
        guard bytes[0..<2] != [0x30, 0x30], bytes[2..<4] != [0x30, 0x30], bytes[4..<6] != [0x30, 0x30] else {
            throw IdentifierError(
                reason:
                    "must be a NIK whose first 6 digits are real province, kabupaten and kecamatan codes (none is 00)")
        }
        let dayField = Digits.value(bytes[6..<8])
        let month = Digits.value(bytes[8..<10])
        let year = Digits.value(bytes[10..<12])
        guard (1...31).contains(dayField) || (41...71).contains(dayField) else {
            throw IdentifierError(
                reason: "must be a NIK with a birth day (digits 7-8) of 01-31, or 41-71 for women (day + 40)")
        }
        guard (1...12).contains(month) else {
            throw IdentifierError(reason: "must be a NIK with a birth month (digits 9-10) of 01-12")
        }
        let day = dayField > 40 ? dayField - 40 : dayField
        guard day <= NIK.daysIn(month: month, twoDigitYear: year) else {
            throw IdentifierError(
                reason:
                    "must be a NIK with a real birth date (digits 7-12); day \(day) of month \(month) does not exist")
        }
        guard bytes[12..<16] != [0x30, 0x30, 0x30, 0x30] else {
            throw IdentifierError(reason: "must be a NIK whose serial number (last 4 digits) is not 0000")
        }
        value = text
    }

    /// Validates `text`; the same as ``init(_:)``.
    public init(validating text: String) throws(IdentifierError) {
        try self.init(text)
    }

    /// The two-digit province code, e.g. `63` for Kalimantan Selatan.
    public var provinceCode: String { String(value.prefix(2)) }

    /// The four-digit kabupaten/kota code (province + regency), e.g. `6311` for Balangan.
    public var regionCode: String { String(value.prefix(4)) }

    /// The six-digit kecamatan code (province + regency + district).
    public var districtCode: String { String(value.prefix(6)) }

    /// Whether the holder is a woman (the birth day is written + 40).
    public var isFemale: Bool { field(6..<8) > 40 }

    /// The day of birth, 1-31 (with the + 40 for women removed).
    public var birthDay: Int {
        let day = field(6..<8)
        return day > 40 ? day - 40 : day
    }

    /// The month of birth, 1-12.
    public var birthMonth: Int { field(8..<10) }

    /// The last two digits of the year of birth, 0-99 (the century is not recorded).
    public var birthYearTwoDigits: Int { field(10..<12) }

    /// The four-digit serial number.
    public var serial: String { String(value.suffix(4)) }

    /// Whether the NIK was issued in one of the regions whose codes begin with one of
    /// `prefixes` (e.g. `["6311"]` for Kabupaten Balangan). Dots are ignored, so `"63.11"` works
    /// too; empty prefixes are ignored rather than matching everything.
    public func hasDomicile(in prefixes: [String]) -> Bool {
        prefixes.contains { prefix in
            let digits = prefix.filter { $0 != "." }
            return !digits.isEmpty && value.hasPrefix(digits)
        }
    }

    /// The 16 digits.
    public var description: String { value }

    /// Decodes a JSON string and validates it.
    public init(from decoder: any Decoder) throws {
        self = try ValidatedCoding.decode(from: decoder) { (text) throws(IdentifierError) in try NIK(text) }
    }

    /// Encodes the 16 digits as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        try ValidatedCoding.encode(value, to: encoder)
    }

    /// A string of 16 digits, described.
    public static var jsonSchema: JSONValue {
        ValidatedCoding.stringSchema(
            pattern: "^[0-9]{16}$",
            description:
                "NIK: 16 digits PPKKCCDDMMYYSSSS (province, kabupaten, kecamatan, birth date with day + 40 for women, serial); the birth date must exist and the serial must not be 0000."
        )
    }

    /// A valid NIK from Kabupaten Balangan.
    public static var schemaExample: NIK { NIK(unchecked: "6311011501900001") }

    private init(unchecked value: String) {
        self.value = value
    }

    private func field(_ range: Range<Int>) -> Int {
        let bytes = Array(value.utf8)
        return Digits.value(bytes[range])
    }

    /// Days in `month` for a two-digit year: February has 29 when either 19yy or 20yy is a leap
    /// year. 1900 is not a leap year but 2000 is, so that is exactly when yy is a multiple of 4.
    static func daysIn(month: Int, twoDigitYear year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
