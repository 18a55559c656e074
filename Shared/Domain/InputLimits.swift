// The documented bounds of every number a caller may send: quantities, amounts of money, counts,
// day counts. Declared once here; contracts attach them to their params (checked at the RPC
// boundary with a 422 naming the field, shown as minimum/maximum in rpc.discover), and domain
// rules may narrow them further. Within these bounds no product or sum the domain computes
// (unit price × quantity, a delivery's units, a penalty) comes near Int64's limit, and the
// domain's arithmetic is checked anyway.
import SiOpenProtocol

/// The bounds on numbers from callers, by kind.
public enum InputLimits {
    /// Units of one item (ordered, offered, delivered, accepted or rejected on inspection, bought
    /// in a force-majeure purchase): 0 to 1,000,000. The rules of each method then say where
    /// zero is not enough (an order line or a delivery line needs at least 1).
    public static let quantity: ClosedRange<Int64> = 0...1_000_000
    /// Any amount of money a caller states (a unit price, a cost, a ceiling, a price filter):
    /// Rp0 to Rp1,000,000,000,000 (one trillion, more than a kabupaten's yearly budget).
    public static let amount: ClosedRange<Int64> = 0...1_000_000_000_000
    /// Units in stock: 0 to 10,000,000.
    public static let stock: ClosedRange<Int64> = 0...10_000_000
    /// A number of days a caller states (delivery days, response periods, windows, penalty caps):
    /// 0 to 3,650 (ten years); each rule may allow less.
    public static let days: ClosedRange<Int64> = 0...3_650
    /// A number of months (a warranty): 0 to 1,200; each rule may allow less.
    public static let months: ClosedRange<Int64> = 0...1_200
    /// A share in basis points (TKDN): 0 to 10,000, that is 0–100%.
    public static let basisPoints: ClosedRange<Int64> = 0...10_000
    /// A negotiation round: 0 to 10,000.
    public static let round: ClosedRange<Int64> = 0...10_000
}
