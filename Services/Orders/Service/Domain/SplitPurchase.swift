// Spotting a purchase split into small orders to stay under the ceiling (pemecahan paket).
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// One order's purchase, as the detector sees it.
public struct PurchaseRecord: Sendable, Hashable, Codable {
    /// The order's id.
    public var orderID: String
    /// The buying agency (SKPD).
    public var agencyID: String
    /// The vendor.
    public var vendorID: String
    /// The order's (first) catalogue product, for the report; purchases are related across products.
    public var productID: String
    /// The order's value including PPN, delivery, installation and training (``OrderTotals/totalIncludingPPN``).
    public var total: Rupiah
    /// The order's date.
    public var date: CivilDate

    /// Creates a record.
    public init(orderID: String, agencyID: String, vendorID: String, productID: String, total: Rupiah, date: CivilDate)
    {
        self.orderID = orderID
        self.agencyID = agencyID
        self.vendorID = vendorID
        self.productID = productID
        self.total = total
        self.date = date
    }
}

/// A suspected split: the new purchase and its related earlier ones together exceed the ceiling.
public struct SplitPurchaseFinding: Sendable, Hashable, Codable {
    /// The related earlier orders, oldest first (the new order is not among them).
    public let relatedOrderIDs: [String]
    /// The new purchase plus the related ones.
    public let sum: Rupiah
    /// The ceiling the sum exceeds.
    public let ceiling: Rupiah
}

/// Flags orders from the same agency to the same vendor whose values, PPN included, within
/// `windowDays` of each other add up to more than the ceiling (Perpres 16/2018 Pasal 20 ayat (2)
/// huruf d, as amended by Perpres 12/2021: a package may not be split to avoid the rules).
///
/// Decisions:
/// - An earlier purchase is related when agency and vendor match, whatever the products, and its
///   date is at most `windowDays` days from the new one's, either way (so back-dated entries count
///   too). Splitting one need over several products of one vendor is still one package.
///   With a window of 30, orders 30 days apart are related and 31 days apart are not.
/// - Only a sum strictly above the ceiling is flagged, and only when at least one related
///   purchase exists: a single order above the ceiling is the ceiling check's business.
/// - The detector does not decide what follows: the caller warns the PPK and keeps the finding
///   for the procurement unit and APIP. The caller passes only purchases that still count
///   (not cancelled, declined or expired).
///
/// Decoding trusts what was stored; values from a caller go through the throwing initializer.
public struct SplitPurchaseDetector: Sendable, Hashable, Codable {
    /// How many days apart two purchases may be and still be related.
    public let windowDays: Int

    /// The default window, 30 days: no regulation sets one; a tenant setting.
    public static let standard = SplitPurchaseDetector(unchecked: 30)

    /// A detector with a window of `windowDays`, 0 to 366 (422 naming `windowDays` otherwise).
    public init(windowDays: Int) throws(DomainRefusal) {
        guard (0...366).contains(windowDays) else {
            throw .validationFailed(field: "windowDays", reason: "must be from 0 to 366 days")
        }
        self.init(unchecked: windowDays)
    }

    private init(unchecked windowDays: Int) { self.windowDays = windowDays }

    /// The finding for `new` among `earlier`, or nil when nothing suspicious. A sum too large for
    /// an amount is certainly above the ceiling and is reported as the largest amount.
    public func check(new: PurchaseRecord, earlier: [PurchaseRecord], ceiling: Rupiah) -> SplitPurchaseFinding? {
        let related =
            earlier
            .filter {
                $0.orderID != new.orderID && $0.agencyID == new.agencyID && $0.vendorID == new.vendorID
                    && abs($0.date.days(until: new.date)) <= windowDays
            }
            .sorted { ($0.date, $0.orderID) < ($1.date, $1.orderID) }
        guard !related.isEmpty else { return nil }
        let sum = (try? Rupiah.sum([new.total] + related.map(\.total))) ?? Rupiah(integerLiteral: .max)
        guard sum > ceiling else { return nil }
        return SplitPurchaseFinding(relatedOrderIDs: related.map(\.orderID), sum: sum, ceiling: ceiling)
    }
}
