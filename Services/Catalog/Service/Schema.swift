import SiOpenRuntime
import SiOpenStorage

/// The catalog's own tables. Vendors' standing and the blacklist are copies learned from
/// identity's event feed; nothing here is read from another service's database.
enum CatalogSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "audit trail and event feed", sql: SharedSchema.sql),
        Migration(
            version: 2, name: "categories, products, listings, sanctions",
            sql: """
                CREATE TABLE catalog_settings (
                    tenant TEXT PRIMARY KEY,
                    delivery_regions TEXT NOT NULL,      -- JSON [DeliveryRegion]
                    updated_at TEXT NOT NULL
                ) STRICT;

                CREATE TABLE category (
                    tenant TEXT NOT NULL,
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    parent_code TEXT,
                    kind TEXT NOT NULL CHECK (kind IN ('goods', 'services')),
                    requires_partnership INTEGER NOT NULL CHECK (requires_partnership IN (0, 1)),
                    version INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (tenant, code),
                    FOREIGN KEY (tenant, parent_code) REFERENCES category (tenant, code)
                ) STRICT;

                -- Vendors as identity's feed describes them; `feed_version` is the vendor record's
                -- version, so a replayed or older event never overwrites a newer state.
                CREATE TABLE vendor_state (
                    vendor_id TEXT PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    account_id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    status TEXT NOT NULL,
                    npwp TEXT NOT NULL,
                    is_pkp INTEGER NOT NULL,
                    is_umkm INTEGER NOT NULL,
                    feed_version INTEGER NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT;

                -- Blacklist entries from identity's feed; starts_on and ends_on are both inclusive.
                CREATE TABLE blacklist (
                    id TEXT PRIMARY KEY,
                    tenant TEXT,
                    npwp TEXT NOT NULL,
                    starts_on TEXT NOT NULL,
                    ends_on TEXT NOT NULL,
                    basis TEXT NOT NULL
                ) STRICT;
                CREATE INDEX blacklist_by_npwp ON blacklist (npwp);

                CREATE TABLE product (
                    id TEXT PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    vendor_id TEXT NOT NULL,
                    listed_revision INTEGER,
                    latest_revision INTEGER NOT NULL,
                    withdrawn INTEGER NOT NULL DEFAULT 0,
                    version INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT;
                CREATE INDEX product_by_vendor ON product (vendor_id, id);
                CREATE INDEX product_by_tenant ON product (tenant, id);

                -- Every revision, kept forever.
                CREATE TABLE product_revision (
                    product_id TEXT NOT NULL REFERENCES product (id),
                    revision INTEGER NOT NULL,
                    offer TEXT NOT NULL,                 -- JSON ProductOffer
                    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'superseded')),
                    reasons TEXT,
                    submitted_at TEXT NOT NULL,
                    decided_at TEXT,
                    decided_by TEXT,
                    PRIMARY KEY (product_id, revision)
                ) STRICT;

                -- Files any revision of a product refers to, so a later revision may keep them
                -- and reads are authorised per product.
                CREATE TABLE product_file (
                    product_id TEXT NOT NULL REFERENCES product (id),
                    sha256 TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    byte_count INTEGER NOT NULL,
                    PRIMARY KEY (product_id, sha256)
                ) STRICT;

                -- What buyers may see: one row per product with an accepted revision, carrying
                -- the filter and sort columns of that revision. Whether the vendor may be listed
                -- today is decided at query time (sanctions and blacklist periods start and end
                -- by the calendar); `vendor_active` mirrors the vendor's status from the feed.
                CREATE TABLE listing (
                    docid INTEGER PRIMARY KEY,
                    product_id TEXT NOT NULL UNIQUE REFERENCES product (id),
                    tenant TEXT NOT NULL,
                    vendor_id TEXT NOT NULL,
                    vendor_npwp TEXT NOT NULL,
                    vendor_active INTEGER NOT NULL,
                    is_umkm INTEGER NOT NULL,
                    category_code TEXT NOT NULL,
                    revision INTEGER NOT NULL,
                    unit_price INTEGER NOT NULL,         -- the lowest regional unit price
                    tkdn_bp INTEGER NOT NULL,
                    origin TEXT NOT NULL,
                    delivery_days INTEGER NOT NULL,
                    warranty_months INTEGER NOT NULL,
                    stock INTEGER NOT NULL,
                    summary TEXT NOT NULL                -- JSON ProductSummary, without vendor standing
                ) STRICT;
                CREATE INDEX listing_by_price ON listing (tenant, unit_price, docid);
                CREATE INDEX listing_by_tkdn ON listing (tenant, tkdn_bp, docid);
                CREATE INDEX listing_by_delivery ON listing (tenant, delivery_days, docid);
                CREATE INDEX listing_by_category ON listing (tenant, category_code, unit_price);
                CREATE INDEX listing_by_vendor ON listing (vendor_id);

                CREATE TABLE listing_price (
                    docid INTEGER NOT NULL REFERENCES listing (docid) ON DELETE CASCADE,
                    region_code TEXT NOT NULL,
                    unit_price INTEGER NOT NULL,
                    PRIMARY KEY (docid, region_code)
                ) STRICT, WITHOUT ROWID;

                -- Accent- and case-insensitive words of listed revisions; rowid = listing.docid.
                CREATE VIRTUAL TABLE listing_text USING fts5(
                    name, description, specification, tokenize = 'unicode61 remove_diacritics 2');

                CREATE TABLE sanction (
                    id TEXT PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    agency TEXT NOT NULL,
                    vendor_id TEXT NOT NULL,
                    vendor_name TEXT NOT NULL,
                    proposal TEXT NOT NULL,              -- JSON SanctionProposal
                    order_id TEXT NOT NULL,
                    grounds TEXT NOT NULL,
                    proposed_by TEXT NOT NULL,
                    proposed_at TEXT NOT NULL,
                    decision TEXT NOT NULL CHECK (decision IN ('proposed', 'accepted', 'rejected')),
                    decision_number TEXT,
                    decision_date TEXT,
                    decided_by TEXT,
                    decision_reason TEXT,
                    starts_on TEXT,                      -- first delisted day
                    ends_on TEXT,                        -- first day listed again
                    version INTEGER NOT NULL,
                    UNIQUE (tenant, order_id, grounds)
                ) STRICT;
                CREATE INDEX sanction_in_force ON sanction (tenant, decision, starts_on, ends_on);
                CREATE INDEX sanction_by_vendor ON sanction (vendor_id);
                """),
        Migration(version: 3, name: "idempotency keys", sql: IdempotentWrite.schemaSQL),
        // How far the feed has announced an accepted sanction: none, started, ended.
        Migration(
            version: 4, name: "sanction announcements",
            sql: "ALTER TABLE sanction ADD COLUMN announced TEXT NOT NULL DEFAULT 'none';"),
        // Feed events the catalog could never apply (identity's and orders' feeds).
        Migration(version: 5, name: "feed dead letters", sql: FeedDeadLetters.schemaSQL),
        Migration(version: 6, name: "event versions", sql: EventFeed.versionSQL),
    ]
}
