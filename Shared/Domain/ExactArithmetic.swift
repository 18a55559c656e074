// Money fractions in integers only: value × numerator ÷ denominator, rounded as the law says.
// No floating point, so an amount computed here is the same on every machine and every year.
import SiOpenProtocol

/// How a fraction of a rupiah is rounded to a whole rupiah.
public enum RupiahRounding: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Half a rupiah or more rounds up (tax lines from 2025, PER-11/PJ/2025 Pasal 129).
    case halfUp = "half_up"
    /// Any fraction is dropped (tax lines before 2025).
    case down
}

/// Exact integer arithmetic for money fractions (rates, penalties, median prices).
public enum ExactArithmetic {
    /// `value × numerator ÷ denominator` rounded per `rounding`, or nil when an operand is
    /// negative, the denominator is zero, or the result does not fit in `Int64`. The product is
    /// taken at 128 bits, so it never overflows on the way.
    public static func scaled(_ value: Int64, times numerator: Int64, over denominator: Int64, rounding: RupiahRounding)
        -> Int64?
    {
        guard let (quotient, remainder) = divided(value, times: numerator, over: denominator) else { return nil }
        // remainder < denominator ≤ Int64.max, so doubling it in UInt64 cannot overflow.
        guard rounding == .halfUp && UInt64(remainder) * 2 >= UInt64(denominator) else { return quotient }
        return quotient == Int64.max ? nil : quotient + 1
    }

    /// `value × numerator ÷ denominator` as a whole quotient and the remainder (below
    /// `denominator`), or nil when an operand is negative, the denominator is zero, or the
    /// quotient does not fit in `Int64`. The product is taken at 128 bits, so it never overflows
    /// on the way; ``scaled(_:times:over:rounding:)`` rounds it, and a decimal writer continues
    /// the division from the remainder.
    public static func divided(_ value: Int64, times numerator: Int64, over denominator: Int64)
        -> (quotient: Int64, remainder: Int64)?
    {
        guard value >= 0, numerator >= 0, denominator > 0 else { return nil }
        let product = UInt64(value).multipliedFullWidth(by: UInt64(numerator))
        let divisor = UInt64(denominator)
        // The quotient fits in 64 bits only when the high half is below the divisor.
        guard product.high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        guard quotient <= UInt64(Int64.max) else { return nil }
        return (Int64(quotient), Int64(remainder))
    }
}

extension ExactArithmetic {
    /// `lhs + rhs`, or nil when the sum does not fit in `Int`.
    public static func adding(_ lhs: Int, _ rhs: Int) -> Int? {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? nil : sum
    }

    /// `lhs − rhs`, or nil when the difference does not fit in `Int`.
    public static func subtracting(_ lhs: Int, _ rhs: Int) -> Int? {
        let (difference, overflow) = lhs.subtractingReportingOverflow(rhs)
        return overflow ? nil : difference
    }
}
