// Kemendagri region codes (kode wilayah administrasi pemerintahan, Permendagri 72/2019 and its
// updates, e.g. Kepmendagri 100.1.1-6117/2022): province, kabupaten/kota, kecamatan, desa/kelurahan.
import SiOpenProtocol

/// A valid Kemendagri region code: 4 digits for a kabupaten/kota (`63.11` Balangan), 6 for a
/// kecamatan (`63.11.01`) or 10 for a desa/kelurahan (`63.11.01.2001`), each level's first two
/// digits not `00`. Accepted with or without the dots; kept and encoded as the digits alone
/// (`6311`); ``dotted`` writes it as Kemendagri prints it.
///
/// The code is where a place lies, not where a person's NIK was issued: a NIK is kept for life
/// (UU 24/2013 Pasal 13) and its prefix names the region of first registration only.
public struct RegionCode: Sendable, Hashable, Codable, JSONSchemaDescribing, CustomStringConvertible {
    /// The digits, without dots: 4, 6 or 10 of them.
    public let value: String

    /// Validates `text`: 4, 6 or 10 ASCII digits, optionally dotted as `PP.KK`, `PP.KK.CC` or
    /// `PP.KK.CC.DDDD`.
    public init(_ text: String) throws(IdentifierError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Array($0.utf8) }
        let digits: [UInt8]
        if parts.count == 1 {
            digits = parts[0]
        } else {
            let widths = [2, 2, 2, 4]
            guard parts.count <= 4, zip(parts, widths).allSatisfy({ $0.count == $1 }) else {
                throw IdentifierError(
                    reason: "must be a Kemendagri region code written PP.KK, PP.KK.CC or PP.KK.CC.DDDD (e.g. 63.11)")
            }
            digits = parts.flatMap { $0 }
        }
        guard [4, 6, 10].contains(digits.count), Digits.all(digits) else {
            throw IdentifierError(
                reason:
                    "must be a Kemendagri region code of 4 (kabupaten/kota), 6 (kecamatan) or 10 (desa/kelurahan) digits, e.g. 63.11"
            )
        }
        for start in [0, 2, 4] where start + 2 <= digits.count && digits[start..<start + 2] == [0x30, 0x30] {
            throw IdentifierError(reason: "must be a region code whose province, regency and district parts are not 00")
        }
        value = String(decoding: digits, as: UTF8.self)
    }

    /// The kabupaten/kota this code lies in (its first 4 digits).
    public var regency: String { String(value.prefix(4)) }

    /// As Kemendagri prints it: `63.11`, `63.11.01`, `63.11.01.2001`.
    public var dotted: String {
        let characters = Array(value)
        var pieces = [String(characters[0..<2]), String(characters[2..<4])]
        if characters.count >= 6 { pieces.append(String(characters[4..<6])) }
        if characters.count == 10 { pieces.append(String(characters[6..<10])) }
        return pieces.joined(separator: ".")
    }

    /// Whether this place lies in one of `regions` (codes of larger or equal areas, with or
    /// without dots); unreadable entries match nothing.
    public func lies(in regions: [String]) -> Bool {
        regions.contains { region in
            guard let area = try? RegionCode(region) else { return false }
            return value.hasPrefix(area.value)
        }
    }

    /// The digits.
    public var description: String { value }

    /// Decodes a JSON string (dotted or not) and validates it.
    public init(from decoder: any Decoder) throws {
        self = try ValidatedCoding.decode(from: decoder) { (text) throws(IdentifierError) in try RegionCode(text) }
    }

    /// Encodes the digits as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        try ValidatedCoding.encode(value, to: encoder)
    }

    /// A region code, dotted or not.
    public static var jsonSchema: JSONValue {
        ValidatedCoding.stringSchema(
            pattern: "^([0-9]{4}|[0-9]{6}|[0-9]{10}|[0-9]{2}\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)$",
            description:
                "Kemendagri region code (kode wilayah): 4 digits for a kabupaten/kota, 6 for a kecamatan, 10 for a desa/kelurahan, with or without dots (63.11, 63.11.01); answered without dots."
        )
    }

    /// Kabupaten Balangan.
    public static var schemaExample: RegionCode { RegionCode(unchecked: "6311") }

    private init(unchecked value: String) {
        self.value = value
    }
}
