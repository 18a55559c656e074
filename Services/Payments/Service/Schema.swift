import SiOpenDocuments
import SiOpenRuntime
import SiOpenStorage

/// The payments database, as migrations in version order. Version 1 is what every service
/// has: the audit trail and the event feed.
enum PaymentsSchema {
    /// Every migration, oldest first; a new table is a new version at the end, never an edit.
    static let migrations = [
        Migration(version: 1, name: "audit trail and event feed", sql: SharedSchema.sql),
        Migration(version: 2, name: "event versions", sql: EventFeed.versionSQL),
        // Payables from orders' feed (cursor "orders" in feed_cursor, moved with the effects);
        // a payment per order at most (UNIQUE order_id), its tax lines and deposits in its JSON;
        // vendors' Surat Keterangan; the tenant's tax rules; idempotency keys; the sealed
        // documents (kuitansi, slips, proof, packet) in the shared register.
        Migration(
            version: 3, name: "payables, payments, certificates, settings, documents",
            sql: FeedDeadLetters.schemaSQL + IdempotentWrite.schemaSQL + SigningKeys.schemaSQL
                + DocumentRegister.schemaSQL + DocumentRegister.acknowledgementSchemaSQL + """
                    CREATE TABLE payments_settings (
                        tenant TEXT PRIMARY KEY,
                        settings TEXT NOT NULL,              -- JSON PaymentsSettings (without version)
                        version INTEGER NOT NULL,
                        updated_at TEXT NOT NULL
                    ) STRICT;

                    CREATE TABLE payable (
                        order_id TEXT PRIMARY KEY,
                        tenant TEXT NOT NULL,
                        agency TEXT NOT NULL,
                        vendor_id TEXT NOT NULL,
                        state TEXT NOT NULL,                 -- PayableState
                        payment_id TEXT,
                        withdrawn_reason TEXT,
                        facts TEXT NOT NULL,                 -- JSON OrderPaymentFacts
                        recorded_at TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX payable_by_agency ON payable (tenant, agency, order_id);
                    CREATE INDEX payable_by_vendor ON payable (vendor_id, order_id);

                    -- Orders orders flagged as possible split purchases (order.splitPurchaseFlagged),
                    -- whether or not they are payables yet: the small-payment exemptions do not apply.
                    CREATE TABLE split_purchase_order (
                        order_id TEXT PRIMARY KEY
                    ) STRICT;

                    CREATE TABLE payment (
                        id TEXT PRIMARY KEY,
                        order_id TEXT NOT NULL UNIQUE,       -- an order is paid at most once
                        tenant TEXT NOT NULL,
                        agency TEXT NOT NULL,
                        vendor_id TEXT NOT NULL,
                        state TEXT NOT NULL,                 -- PaymentState
                        payment_date TEXT NOT NULL,          -- YYYY-MM-DD
                        data TEXT NOT NULL,                  -- JSON PaymentRecord
                        version INTEGER NOT NULL,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX payment_by_agency ON payment (tenant, agency, id);
                    CREATE INDEX payment_by_vendor ON payment (vendor_id, id);
                    CREATE INDEX payment_by_period ON payment (tenant, agency, payment_date);

                    CREATE TABLE vendor_tax_certificate (
                        vendor_id TEXT PRIMARY KEY,
                        data TEXT NOT NULL,                  -- JSON VendorTaxCertificate
                        updated_at TEXT NOT NULL
                    ) STRICT;
                    """),
    ]
}
