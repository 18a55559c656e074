// How long a vendor may leave its move unanswered before the system expires the order.
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// The number of days a vendor has to answer the order or the PPK's latest offer; a tenant
/// setting. After the last day the system may `expire` the order (``OrderStateMachine``).
///
/// The default of 5 days follows SIPLah's practice of cancelling an order the vendor has not
/// confirmed by day 5; no regulation sets it, so a tenant may change it.
///
/// Decoding trusts what was stored; values from a caller go through the throwing initializer.
public struct VendorResponseDeadline: Sendable, Hashable, Codable {
    /// Days the vendor has, counted from the day after the order or offer was sent.
    public let days: Int

    /// The default, 5 days.
    public static let standard = VendorResponseDeadline(unchecked: 5)

    /// A deadline of `days`, 1 to 90; anything else is 422 naming `days`.
    public init(days: Int) throws(DomainRefusal) {
        guard (1...90).contains(days) else {
            throw .validationFailed(field: "days", reason: "must be from 1 to 90 days")
        }
        self.days = days
    }

    private init(unchecked days: Int) { self.days = days }

    /// The last day the vendor may still answer something sent on `sentOn`.
    public func lastDay(sentOn: CivilDate) -> CivilDate { sentOn.adding(days: days) }

    /// Whether the vendor's time to answer something sent on `sentOn` is over on `today`.
    public func hasLapsed(sentOn: CivilDate, today: CivilDate) -> Bool { today > lastDay(sentOn: sentOn) }
}
