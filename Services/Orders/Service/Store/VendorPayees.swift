import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Vendors' NPWP and bank account, learned from identity's vendor events (decoded only through
/// `IdentityEvents`), so `order.readyForPayment` carries who is paid without payments calling
/// identity. Applying an event twice, or an older one after a newer, changes nothing.
enum VendorPayees {
    /// Keeps the payee of a vendor event; other events are skipped.
    static func apply(_ event: FeedEvent, _ db: Connection) throws {
        guard let declaration = IdentityEvents.vendorStanding.first(where: { $0.matches(type: event.type) }) else {
            return
        }
        func decode<E: VendorStandingEvent>(_ declaration: E.Type) throws -> VendorStandingChange {
            try event.decode(declaration)
        }
        let change = try decode(declaration)
        try db.run(
            """
            INSERT INTO vendor_payee (vendor_id, npwp, bank_account, feed_version) VALUES (?, ?, ?, ?)
            ON CONFLICT (vendor_id) DO UPDATE SET
                npwp = excluded.npwp, bank_account = excluded.bank_account, feed_version = excluded.feed_version
            WHERE excluded.feed_version > vendor_payee.feed_version
            """,
            arguments: [
                change.vendorID, change.npwp, try change.bankAccount.map { try JSONColumn.text($0) }, change.version,
            ])
    }

    /// The vendor's NPWP and bank account as last learned, or `nil` before identity's feed told of it.
    static func payee(_ db: Connection, vendorID: String) throws -> (npwp: String, bankAccount: BankAccount?)? {
        guard let row = try db.queryOne("SELECT npwp, bank_account FROM vendor_payee WHERE vendor_id = ?", vendorID)
        else { return nil }
        return (
            try row.string("npwp"),
            try row.optionalString("bank_account").map { try JSONColumn.value(BankAccount.self, $0) }
        )
    }
}
