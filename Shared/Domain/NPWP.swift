// NPWP (Nomor Pokok Wajib Pajak), the taxpayer number, in its legacy and 16-digit forms.
import SiOpenProtocol

/// A valid NPWP, stored in its canonical 16-digit form.
///
/// Accepted input:
/// - the legacy 15 digits, plain (`012345674005000`) or punctuated `XX.XXX.XXX.X-XXX.XXX`,
///   whose 9th digit must be the Luhn check digit of the first 8; stored as `0` + the 15 digits;
/// - 16 digits starting with `0`: `0` + a legacy NPWP, whose check digit must also hold;
/// - 16 digits not starting with `0`: the holder's NIK (since 2024), which must be a valid ``NIK``.
///
/// Encodes as a JSON string of the 16 canonical digits, whatever form was given.
public struct NPWP: Sendable, Hashable, Codable, JSONSchemaDescribing, CustomStringConvertible {
    /// The canonical 16 digits.
    public let value: String

    /// Validates `text` in any accepted form (see the type's description).
    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        let digits: [UInt8]
        if bytes.count == 20 && NPWP.isLegacyPunctuated(bytes) {
            digits = bytes.filter { $0 >= 0x30 && $0 <= 0x39 }
        } else if Digits.all(bytes) && (bytes.count == 15 || bytes.count == 16) {
            digits = bytes
        } else {
            throw IdentifierError(
                reason: "must be an NPWP of 15 digits (optionally written XX.XXX.XXX.X-XXX.XXX) or 16 digits")
        }
        if digits.count == 16 && digits[0] != 0x30 {
            do {
                value = try NIK(text).value
            } catch {
                throw IdentifierError(reason: "is a 16-digit NPWP not starting with 0, so it " + error.reason)
            }
            return
        }
        let legacy = digits.count == 16 ? Array(digits.dropFirst()) : digits
        guard legacy[0..<9].contains(where: { $0 != 0x30 }) else {
            throw IdentifierError(reason: "must be an NPWP whose first 9 digits are not all 0")
        }
        guard Digits.luhnCheckDigit(legacy[0..<8]) == Int(legacy[8] - 0x30) else {
            throw IdentifierError(
                reason:
                    "must be an NPWP whose check digit (the 9th digit of the 15) matches the first 8; check for a typing error"
            )
        }
        value = "0" + String(decoding: legacy, as: UTF8.self)
    }

    /// Validates `text`; the same as ``init(_:)``.
    public init(validating text: String) throws(IdentifierError) {
        try self.init(text)
    }

    /// Whether this NPWP is a legacy 15-digit number (stored with a leading `0`) rather than a NIK.
    public var isLegacy: Bool { value.hasPrefix("0") }

    /// The legacy 15 digits, or `nil` for a NIK-based NPWP.
    public var legacyDigits: String? { isLegacy ? String(value.dropFirst()) : nil }

    /// The legacy number as printed on the card, `XX.XXX.XXX.X-XXX.XXX`; `nil` for a NIK-based NPWP.
    public var legacyFormatted: String? {
        guard let digits = legacyDigits.map(Array.init) else { return nil }
        func part(_ range: Range<Int>) -> String { String(digits[range]) }
        return "\(part(0..<2)).\(part(2..<5)).\(part(5..<8)).\(part(8..<9))-\(part(9..<12)).\(part(12..<15))"
    }

    /// The NPWP as a person expects to read it: the punctuated legacy form, or the 16 digits.
    public var displayText: String { legacyFormatted ?? value }

    /// The holder's NIK when the NPWP is one (16 digits not starting with `0`).
    public var nik: NIK? { isLegacy ? nil : try? NIK(value) }

    /// The legacy taxpayer-type code, the first two legacy digits (`01`-`03` business entity,
    /// `04`-`09` individuals, `00` government treasurer); `nil` for a NIK-based NPWP.
    public var taxpayerTypeCode: String? { legacyDigits.map { String($0.prefix(2)) } }

    /// Whether this is the NPWP of a government treasurer (bendahara): a legacy number whose
    /// taxpayer-type code is `00`. Codes `01`-`03` also begin with 0 but are business entities.
    public var isGovernmentTreasurer: Bool { taxpayerTypeCode == "00" }

    /// The canonical 16 digits.
    public var description: String { value }

    /// Decodes a JSON string in any accepted form and validates it.
    public init(from decoder: any Decoder) throws {
        self = try ValidatedCoding.decode(from: decoder) { (text) throws(IdentifierError) in try NPWP(text) }
    }

    /// Encodes the canonical 16 digits as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        try ValidatedCoding.encode(value, to: encoder)
    }

    /// A string of 15 or 16 digits, or the punctuated legacy form.
    public static var jsonSchema: JSONValue {
        ValidatedCoding.stringSchema(
            pattern: #"^([0-9]{15,16}|[0-9]{2}\.[0-9]{3}\.[0-9]{3}\.[0-9]-[0-9]{3}\.[0-9]{3})$"#,
            description:
                "NPWP: legacy 15 digits (plain or XX.XXX.XXX.X-XXX.XXX, 9th digit a Luhn check digit over the first 8), or 16 digits (a NIK, or 0 followed by a legacy NPWP). Returned as the canonical 16 digits."
        )
    }

    /// A valid legacy NPWP of a business entity, 01.234.567.4-005.000.
    public static var schemaExample: NPWP { NPWP(unchecked: "0012345674005000") }

    private init(unchecked value: String) {
        self.value = value
    }

    /// Whether `bytes` (20 of them) are `XX.XXX.XXX.X-XXX.XXX`.
    private static func isLegacyPunctuated(_ bytes: [UInt8]) -> Bool {
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 2, 6, 10, 16: if byte != UInt8(ascii: ".") { return false }
            case 12: if byte != UInt8(ascii: "-") { return false }
            default: if !(0x30...0x39).contains(byte) { return false }
            }
        }
        return true
    }
}
