// Amounts of money in whole rupiah.
import SiOpenProtocol

/// An amount of money in whole rupiah, never negative.
///
/// Arithmetic never wraps or traps: `+`, `-` and `*` throw ``IdentifierError`` when the result
/// would overflow `Int64` or fall below zero, so they are written `try a + b`. Encodes as a JSON
/// integer; decoding refuses negative numbers (and fractions, which are not integers).
public struct Rupiah: Sendable, Hashable, Comparable, Codable, JSONSchemaDescribing, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// The amount in rupiah, zero or more.
    public let amount: Int64

    /// No money.
    public static let zero = Rupiah(unchecked: 0)

    /// An amount from a run-time value; throws when `amount` is negative.
    public init(checked amount: Int64) throws(IdentifierError) {
        guard amount >= 0 else { throw IdentifierError(reason: "must be an amount of zero rupiah or more") }
        self.amount = amount
    }

    /// An amount from a literal in code (`let fee: Rupiah = 50_000`); a negative literal is a
    /// programming error and traps. Use ``init(checked:)`` for values that arrive at run time.
    public init(integerLiteral value: Int64) {
        precondition(value >= 0, "a Rupiah amount cannot be negative")
        amount = value
    }

    private init(unchecked amount: Int64) {
        self.amount = amount
    }

    /// The sum; throws on overflow.
    public static func + (lhs: Rupiah, rhs: Rupiah) throws(IdentifierError) -> Rupiah {
        let (sum, overflow) = lhs.amount.addingReportingOverflow(rhs.amount)
        guard !overflow else { throw IdentifierError(reason: "must be an amount that fits: the sum is too large") }
        return Rupiah(unchecked: sum)
    }

    /// The difference; throws when `rhs` is larger than `lhs` (the result would be negative).
    public static func - (lhs: Rupiah, rhs: Rupiah) throws(IdentifierError) -> Rupiah {
        let (difference, overflow) = lhs.amount.subtractingReportingOverflow(rhs.amount)
        guard !overflow, difference >= 0 else {
            throw IdentifierError(reason: "must not be more than the amount it is taken from")
        }
        return Rupiah(unchecked: difference)
    }

    /// The amount `times` over, e.g. unit price × quantity; throws on overflow or a negative factor.
    public static func * (lhs: Rupiah, times: Int) throws(IdentifierError) -> Rupiah {
        guard times >= 0 else { throw IdentifierError(reason: "must be multiplied by zero or more") }
        let (product, overflow) = lhs.amount.multipliedReportingOverflow(by: Int64(times))
        guard !overflow else { throw IdentifierError(reason: "must be an amount that fits: the product is too large") }
        return Rupiah(unchecked: product)
    }

    /// The amount `times` over; the same as `lhs * times` with the operands swapped.
    public static func * (times: Int, rhs: Rupiah) throws(IdentifierError) -> Rupiah {
        try rhs * times
    }

    /// The total of `amounts`; throws on overflow.
    public static func sum(_ amounts: some Sequence<Rupiah>) throws(IdentifierError) -> Rupiah {
        var total = Rupiah.zero
        for amount in amounts { total = try total + amount }
        return total
    }

    /// Orders by amount.
    public static func < (lhs: Rupiah, rhs: Rupiah) -> Bool { lhs.amount < rhs.amount }

    /// The amount written the Indonesian way, with dots between thousands: `Rp10.000.000`.
    public var formatted: String {
        let digits = Array(String(amount))
        var out = "Rp"
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return out
    }

    /// The formatted amount, e.g. `Rp10.000.000`.
    public var description: String { formatted }

    /// Decodes a JSON integer of zero or more.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let amount = try container.decode(Int64.self)
        do {
            try self.init(checked: amount)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    /// Encodes the amount as a JSON integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(amount)
    }

    /// A non-negative integer.
    public static var jsonSchema: JSONValue {
        [
            "type": "integer", "minimum": 0, "maximum": .integer(Int64.max),
            "description": "Amount in whole rupiah (no fractions), zero or more.",
        ]
    }

    /// An example amount.
    public static var schemaExample: Rupiah { Rupiah(unchecked: 10_000_000) }
}
