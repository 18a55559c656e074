import SiOpenDocuments
import SiOpenRuntime
import SiOpenStorage

/// The orders service's own tables. An order is one aggregate (a JSON document checked by its
/// version); the columns beside it are what queries filter on.
enum OrdersSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "audit trail and event feed", sql: SharedSchema.sql),
        Migration(
            version: 2, name: "orders, documents, sequences, force majeure",
            // The document register is the shared one (Shared/Documents/DocumentRegister.swift).
            sql: SigningKeys.schemaSQL + """
                CREATE TABLE orders_settings (
                    tenant TEXT PRIMARY KEY,
                    settings TEXT NOT NULL,              -- JSON OrdersSettings
                    version INTEGER NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT;

                CREATE TABLE purchase_order (
                    id TEXT PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    agency TEXT NOT NULL,
                    ppk_account_id TEXT NOT NULL,
                    vendor_id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    data TEXT NOT NULL,                  -- JSON OrderData
                    vendor_response_due TEXT,            -- set while the vendor owes an answer
                    total INTEGER,                       -- agreed total including PPN
                    version INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT;
                CREATE INDEX order_by_tenant ON purchase_order (tenant, id);
                CREATE INDEX order_by_vendor ON purchase_order (vendor_id, id);
                CREATE INDEX order_awaiting_vendor ON purchase_order (vendor_response_due) WHERE vendor_response_due IS NOT NULL;

                -- One row per product line of a submitted order, for split-purchase detection.
                CREATE TABLE order_purchase (
                    order_id TEXT NOT NULL REFERENCES purchase_order (id),
                    tenant TEXT NOT NULL,
                    agency TEXT NOT NULL,
                    vendor_id TEXT NOT NULL,
                    product_id TEXT NOT NULL,
                    amount INTEGER NOT NULL,
                    ordered_on TEXT NOT NULL,
                    live INTEGER NOT NULL,               -- 0 once cancelled, declined or expired
                    PRIMARY KEY (order_id, product_id)
                ) STRICT;
                CREATE INDEX order_purchase_lookup ON order_purchase (tenant, agency, vendor_id, product_id, ordered_on);

                CREATE TABLE split_purchase_flag (
                    order_id TEXT PRIMARY KEY REFERENCES purchase_order (id),
                    tenant TEXT NOT NULL,
                    flag TEXT NOT NULL                   -- JSON SplitPurchaseFlag
                ) STRICT;

                """ + DocumentRegister.schemaSQL + """

                    CREATE TABLE force_majeure (
                        id TEXT PRIMARY KEY,
                        tenant TEXT NOT NULL,
                        agency TEXT NOT NULL,
                        data TEXT NOT NULL,                  -- JSON ForceMajeureOrder
                        acknowledged INTEGER NOT NULL,
                        version INTEGER NOT NULL,
                        recorded_at TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX force_majeure_by_tenant ON force_majeure (tenant, id);
                    """),
        Migration(version: 3, name: "idempotency keys", sql: IdempotentWrite.schemaSQL),
        Migration(version: 4, name: "event versions", sql: EventFeed.versionSQL),
        // Vendors' tax identity and bank account from identity's feed, for order.readyForPayment.
        Migration(
            version: 5, name: "vendor payees and feed dead letters",
            sql: FeedDeadLetters.schemaSQL + """
                CREATE TABLE vendor_payee (
                    vendor_id TEXT PRIMARY KEY,
                    npwp TEXT NOT NULL,
                    bank_account TEXT,
                    feed_version INTEGER NOT NULL
                ) STRICT;
                """),
        // The parties documents print (PartyDirectory), from identity's feed under their own
        // cursor ("identity-parties", from the feed's start, so tenants, agencies and officials
        // created before this migration are learned too). k1/k2 are each record's key: the
        // tenant code; tenant and agency code; the account id; the vendor id.
        Migration(
            version: 6, name: "party directory",
            sql: """
                CREATE TABLE party_tenant (
                    k1 TEXT PRIMARY KEY,
                    data TEXT NOT NULL,                  -- JSON TenantInfo
                    version INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE party_agency (
                    k1 TEXT NOT NULL,
                    k2 TEXT NOT NULL,
                    data TEXT NOT NULL,                  -- JSON AgencyInfo
                    version INTEGER NOT NULL,
                    PRIMARY KEY (k1, k2)
                ) STRICT;
                CREATE TABLE party_official (
                    k1 TEXT PRIMARY KEY,
                    data TEXT NOT NULL,                  -- JSON OfficialParty (no email, no credentials)
                    version INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE party_vendor (
                    k1 TEXT PRIMARY KEY,
                    data TEXT NOT NULL,                  -- JSON VendorStandingChange
                    version INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE party_emblem (
                    sha256 TEXT PRIMARY KEY,
                    content_type TEXT NOT NULL,
                    content BLOB NOT NULL                -- kept for ever: old documents re-render with it
                ) STRICT;
                """),
        // Documents keep their content and QR verification code; acknowledgements are sealed copies.
        Migration(
            version: 7, name: "document acknowledgements",
            sql: DocumentRegister.acknowledgementSchemaSQL),
        // The party directory (migration 6) keeps every vendor event's NPWP and bank account,
        // so orders reads identity's feed once; the payee table it replaces goes.
        Migration(version: 8, name: "payees from the party directory", sql: "DROP TABLE vendor_payee;"),
        // Each order's payment as payments' feed tells it (cursor "payments"), so the order shows paid.
        Migration(
            version: 9, name: "order payments",
            sql: """
                CREATE TABLE order_payment (
                    order_id TEXT PRIMARY KEY,
                    data TEXT NOT NULL,                  -- JSON OrderPaymentStatus
                    version INTEGER NOT NULL             -- the payment's version: older events change nothing
                ) STRICT;
                """),
    ]
}
