// NIP (Nomor Induk Pegawai), the 18-digit number of an Indonesian civil servant (PNS/ASN).
import SiOpenProtocol

/// A valid NIP: 18 digits laid out as BKN assigns them (Peraturan Kepala BKN 22/2007 Pasal 6):
/// date of birth `YYYYMMDD`, the year and month of appointment `YYYYMM`, sex (1 man, 2 woman) and
/// a three-digit serial (001–999). The birth date must exist; appointment comes after birth.
///
/// Encodes as a plain JSON string of the 18 digits; printed grouped as `19870101 201001 1 001`.
public struct NIP: Sendable, Hashable, Codable, JSONSchemaDescribing, CustomStringConvertible {
    /// The 18 digits.
    public let value: String

    /// Validates `text`: 18 ASCII digits with a real birth date, an appointment month after it,
    /// sex 1 or 2 and a serial from 001.
    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 18 && Digits.all(bytes) else {
            throw IdentifierError(reason: "must be an NIP of exactly 18 digits 0-9, with no spaces or punctuation")
        }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 48) } }
        let birthText = "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.dropFirst(6).prefix(2))"
        guard let birth = try? CivilDate(birthText) else {
            throw IdentifierError(reason: "must begin with the holder's date of birth, YYYYMMDD (digits 1-8)")
        }
        let appointedYear = number(8..<12)
        let appointedMonth = number(12..<14)
        guard (1...12).contains(appointedMonth), appointedYear > birth.year,
            appointedYear * 100 + appointedMonth > birth.year * 100 + birth.month
        else {
            throw IdentifierError(
                reason: "digits 9-14 must be the year and month of appointment, YYYYMM, after the date of birth")
        }
        guard bytes[14] == UInt8(ascii: "1") || bytes[14] == UInt8(ascii: "2") else {
            throw IdentifierError(reason: "digit 15 must be the holder's sex: 1 (man) or 2 (woman)")
        }
        guard number(15..<18) >= 1 else {
            throw IdentifierError(reason: "digits 16-18 must be a serial from 001")
        }
        value = text
    }

    /// The 18 digits.
    public var description: String { value }

    /// The NIP as printed under a signature: `19870101 201001 1 001`.
    public var printed: String {
        let digits = Array(value)
        return String(digits[0..<8]) + " " + String(digits[8..<14]) + " " + String(digits[14]) + " "
            + String(digits[15..<18])
    }

    /// Decodes a JSON string and validates it.
    public init(from decoder: any Decoder) throws {
        self = try ValidatedCoding.decode(from: decoder) { (text) throws(IdentifierError) in try NIP(text) }
    }

    /// Encodes the 18 digits as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        try ValidatedCoding.encode(value, to: encoder)
    }

    /// A string of 18 digits.
    public static var jsonSchema: JSONValue {
        ValidatedCoding.stringSchema(
            pattern: "^[0-9]{18}$",
            description:
                "NIP (civil servant number): 18 digits, date of birth YYYYMMDD, appointment YYYYMM, sex 1 or 2, serial 001-999."
        )
    }

    /// An 18-digit example.
    public static var schemaExample: NIP { NIP(unchecked: "198701012010011001") }

    private init(unchecked value: String) {
        self.value = value
    }
}
