import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Payments as stored (`payment`): one JSON record per payment, with the columns queries filter
/// on beside it. `order_id` is UNIQUE: whatever races, an order has at most one payment.
enum PaymentStore {
    /// Inserts a new payment (version 1); a second payment of the same order is 409.
    static func insert(_ db: Connection, _ record: PaymentRecord) throws {
        do {
            try db.run(
                """
                INSERT INTO payment (id, order_id, tenant, agency, vendor_id, state, payment_date, data, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                """, record.id, record.orderID, record.tenant, record.agency, record.vendorID, record.state.rawValue,
                record.paymentDate.description, try JSONColumn.text(record), record.createdAt, record.updatedAt)
        } catch let error as StorageError where error.isUniqueViolation {
            throw DomainRefusal.conflict("order \(record.orderID) already has a payment", currentState: "paid_once")
        }
    }

    /// Saves `record` under the version read, one version on; 409 when another change came first.
    static func save(_ db: Connection, _ record: PaymentRecord, expectedVersion: Int64, at: Date) throws
        -> PaymentRecord
    {
        var saved = record
        saved.version = expectedVersion + 1
        saved.updatedAt = Timestamp.iso8601(at)
        let changed = try db.run(
            "UPDATE payment SET state = ?, data = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
            saved.state.rawValue, try JSONColumn.text(saved), saved.version, saved.updatedAt, saved.id,
            expectedVersion)
        guard changed == 1 else {
            throw DomainRefusal.conflict(
                "the payment changed since it was read; read it again", currentState: record.state.rawValue)
        }
        return saved
    }

    /// A payment; 404 when there is none.
    static func load(_ db: Connection, id: String) throws -> PaymentRecord {
        guard let row = try db.queryOne("SELECT data FROM payment WHERE id = ?", id) else {
            throw DomainRefusal.notFound("payment", id: id)
        }
        return try JSONColumn.value(PaymentRecord.self, try row.string(0))
    }

    /// The payment of an order, if any.
    static func ofOrder(_ db: Connection, orderID: String) throws -> PaymentRecord? {
        try db.queryOne("SELECT data FROM payment WHERE order_id = ?", orderID).map {
            try JSONColumn.value(PaymentRecord.self, try $0.string(0))
        }
    }

    /// A page of payments in `scope`, by id.
    static func page(_ db: Connection, _ scope: PaymentScope, state: PaymentState?, after: String, limit: Int) throws
        -> [PaymentRecord]
    {
        let (condition, arguments) = scope.condition
        var sql = "SELECT data FROM payment WHERE \(condition) AND id > ?"
        var all = arguments + [after as any SQLBindable]
        if let state {
            sql += " AND state = ?"
            all.append(state.rawValue)
        }
        sql += " ORDER BY id LIMIT ?"
        all.append(Int64(limit))
        return try db.query(sql, arguments: all).map { try JSONColumn.value(PaymentRecord.self, try $0.string(0)) }
    }

    /// Every payment of an agency dated in `year`-`month`, by payment date and id.
    static func period(_ db: Connection, tenant: String, agency: String, year: Int, month: Int) throws
        -> [PaymentRecord]
    {
        let prefix = String(format: "%04d-%02d-", year, month)
        return try db.query(
            """
            SELECT data FROM payment WHERE tenant = ? AND agency = ? AND payment_date >= ? AND payment_date <= ?
            ORDER BY payment_date, id
            """, tenant, agency, prefix + "01", prefix + "31"
        ).map { try JSONColumn.value(PaymentRecord.self, try $0.string(0)) }
    }
}

/// Vendors' UMKM Surat Keterangan (`vendor_tax_certificate`), the latest registration per vendor.
enum CertificateStore {
    /// Keeps `certificate` as the vendor's.
    static func save(_ db: Connection, _ certificate: VendorTaxCertificate) throws {
        try db.run(
            """
            INSERT INTO vendor_tax_certificate (vendor_id, data, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (vendor_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
            """, certificate.vendorID, try JSONColumn.text(certificate), certificate.registeredAt)
    }

    /// The vendor's registered certificate, if any.
    static func of(_ db: Connection, vendorID: String) throws -> VendorTaxCertificate? {
        try db.queryOne("SELECT data FROM vendor_tax_certificate WHERE vendor_id = ?", vendorID).map {
            try JSONColumn.value(VendorTaxCertificate.self, try $0.string(0))
        }
    }
}

/// A tenant's payment rules as stored (`payments_settings`), one JSON row per tenant.
enum PaymentsSettingsStore {
    /// The table, with the shipped tax defaults while a tenant has none stored.
    static let table = TenantSettingsTable<PaymentsSettings>(name: "payments_settings") {
        PaymentsSettings(tenant: $0, tax: TaxSettings.defaults)
    }

    /// The tenant's settings, or the defaults while none are stored.
    static func settings(_ db: Connection, tenant: String) throws -> PaymentsSettings {
        try table.load(db, tenant: tenant)
    }
}

extension PaymentsSettings: VersionedTenantSettings {}
