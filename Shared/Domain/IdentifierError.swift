// The error of every validated value in this module, and the helpers they share.
import SiOpenProtocol

/// Why a text is not a valid identifier, address or amount, in words a person can act on.
///
/// The reason is phrased to follow the field's name ("must be exactly 16 digits"), because the
/// RPC layer reports it as `<field>: <reason>`. It never repeats the refused value, so an error
/// that reaches a log does not leak a NIK or a phone number.
public struct IdentifierError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the value was refused, for a person.
    public var reason: String

    /// Creates the error with its reason.
    public init(reason: String) {
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }

    /// The 422 `validation_failed` error that names `field` with this reason, for code paths that
    /// validate outside params decoding (decoding failures become -32602 on their own).
    public func validationFailed(field: String) -> DomainRefusal {
        .validationFailed(field: field, reason: reason)
    }
}

/// Shared plumbing of the string-encoded value types.
enum ValidatedCoding {
    /// Decodes a JSON string and validates it with `make`; a refusal becomes
    /// `DecodingError.dataCorrupted` at the decoder's coding path, whose description is the reason.
    static func decode<T>(from decoder: any Decoder, _ make: (String) throws(IdentifierError) -> T) throws -> T {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            return try make(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    /// Encodes `text` as a plain JSON string.
    static func encode(_ text: String, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// The JSON Schema of a string value: its pattern and what it means.
    static func stringSchema(pattern: String, description: String) -> JSONValue {
        ["type": "string", "pattern": .string(pattern), "description": .string(description)]
    }
}

/// ASCII digit helpers over UTF-8 bytes.
enum Digits {
    /// Whether every byte is an ASCII digit (and there is at least one).
    static func all(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The number written by ASCII digit bytes (the caller has checked they are digits).
    static func value(_ bytes: some Collection<UInt8>) -> Int {
        bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// The standard Luhn check digit for `payload` (ASCII digits): doubling every second digit
    /// starting from the rightmost payload digit, so that payload + check passes the Luhn test.
    static func luhnCheckDigit(_ payload: some BidirectionalCollection<UInt8>) -> Int {
        var sum = 0
        for (position, byte) in payload.reversed().enumerated() {
            var digit = Int(byte - 0x30)
            if position % 2 == 0 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return (10 - sum % 10) % 10
    }
}
