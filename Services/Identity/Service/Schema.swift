import SiOpenRuntime
import SiOpenStorage

/// The identity service's database schema, in migration order.
enum IdentitySchema {
    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "identity",
            sql: SharedSchema.sql + "\n" + """
                CREATE TABLE tenant (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    domicile_region_codes TEXT NOT NULL,   -- JSON array of NIK prefixes
                    created_at TEXT NOT NULL
                );
                CREATE TABLE agency (
                    tenant TEXT NOT NULL REFERENCES tenant(code),
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (tenant, code)
                );
                CREATE TABLE account (
                    id TEXT PRIMARY KEY,
                    tenant TEXT REFERENCES tenant(code),
                    agency TEXT,
                    username TEXT NOT NULL UNIQUE,
                    email TEXT NOT NULL UNIQUE,
                    full_name TEXT NOT NULL,
                    roles TEXT NOT NULL,                   -- JSON array of role names
                    password_hash TEXT NOT NULL,
                    must_change_password INTEGER NOT NULL DEFAULT 0,
                    status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
                    assignment_number TEXT, assignment_date TEXT, assignment_issuer TEXT,
                    vendor_id TEXT,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    locked_until INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE session (
                    id TEXT PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES account(id),
                    issued_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    ended_at INTEGER
                );
                CREATE TABLE revocation (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id TEXT,
                    principal_id TEXT,
                    revoked_at INTEGER NOT NULL
                );
                CREATE TABLE signing_key (
                    key_id TEXT PRIMARY KEY,
                    private_key BLOB NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE vendor (
                    id TEXT PRIMARY KEY,
                    tenant TEXT NOT NULL REFERENCES tenant(code),
                    status TEXT NOT NULL,
                    status_reason TEXT,
                    nik TEXT NOT NULL,
                    npwp TEXT NOT NULL,
                    nib TEXT,
                    email TEXT NOT NULL,
                    registration TEXT NOT NULL,            -- JSON of the submitted data, minus the password
                    accepted_terms_version TEXT NOT NULL,
                    accepted_terms_at TEXT NOT NULL,
                    account_id TEXT NOT NULL REFERENCES account(id),
                    documents TEXT NOT NULL DEFAULT '[]',
                    version INTEGER NOT NULL DEFAULT 1,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE UNIQUE INDEX vendor_nik ON vendor(tenant, nik);
                CREATE UNIQUE INDEX vendor_npwp ON vendor(tenant, npwp);
                CREATE UNIQUE INDEX vendor_nib ON vendor(tenant, nib) WHERE nib IS NOT NULL;
                CREATE UNIQUE INDEX vendor_email ON vendor(tenant, email);
                CREATE TABLE blacklist (
                    id TEXT PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    npwp TEXT NOT NULL,
                    name TEXT NOT NULL,
                    source TEXT NOT NULL,
                    basis TEXT NOT NULL,
                    starts_on TEXT NOT NULL,
                    ends_on TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX blacklist_npwp ON blacklist(tenant, npwp);
                CREATE TABLE ticket (
                    id TEXT PRIMARY KEY,
                    tenant TEXT,
                    agency TEXT,
                    opened_by TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    status TEXT NOT NULL,
                    comments TEXT NOT NULL,                -- JSON array, append-only by the service
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE announcement (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    title TEXT NOT NULL,
                    body TEXT NOT NULL,
                    tenants TEXT NOT NULL,                 -- JSON array; empty = all tenants
                    starts_at TEXT NOT NULL,
                    ends_at TEXT NOT NULL,
                    published_by TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                """),
        // Emails are one spelling per mailbox (EmailAddress lowercases the whole address).
        // Existing rows are lowercased, except rows that would then collide with another: those
        // keep their spelling, both of them, and are listed in email_case_conflict for an
        // administrator to resolve (which account is the mailbox's); new accounts and vendors
        // with any spelling of such an address are refused, as the uniqueness checks compare
        // lowercased. SQLite's lower() folds ASCII letters only: an address with other capital
        // letters is left as written (and compared by its ASCII folding).
        Migration(
            version: 2, name: "email-case",
            sql: """
                CREATE TABLE email_case_conflict (
                    account_id TEXT PRIMARY KEY,
                    email TEXT NOT NULL,
                    noted_at TEXT NOT NULL
                );
                INSERT INTO email_case_conflict (account_id, email, noted_at)
                    SELECT a.id, a.email, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM account a
                    WHERE EXISTS (SELECT 1 FROM account b WHERE b.id != a.id AND lower(b.email) = lower(a.email));
                UPDATE account SET email = lower(email)
                    WHERE email != lower(email) AND id NOT IN (SELECT account_id FROM email_case_conflict);
                UPDATE vendor SET email = lower(email)
                    WHERE email != lower(email)
                    AND NOT EXISTS (SELECT 1 FROM vendor v WHERE v.tenant = vendor.tenant AND v.id != vendor.id AND lower(v.email) = lower(vendor.email));
                CREATE INDEX account_email_folded ON account(lower(email));
                """),
        Migration(version: 3, name: "event versions", sql: EventFeed.versionSQL),
        // The parties as documents print them (issue 11): officials' NIP, rank and position;
        // agencies' address, phone, email and NPWP; the tenant's government name, seat and
        // emblem; versions that order each record's events. Existing tenants get their government
        // name from their name ("Pemerintah Kabupaten Balangan"); their seat stays unset until an
        // administrator gives it. Existing vendors keep their status; their KTP address (in the
        // registration JSON) is unknown until they resubmit, and verifying one still registered
        // asks for it.
        Migration(
            version: 4, name: "parties",
            sql: """
                ALTER TABLE account ADD COLUMN nip TEXT;
                ALTER TABLE account ADD COLUMN rank TEXT;
                ALTER TABLE account ADD COLUMN position TEXT;
                ALTER TABLE account ADD COLUMN civil_servant INTEGER;       -- NULL: not stated (officials: yes)
                ALTER TABLE account ADD COLUMN profile_version INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE agency ADD COLUMN address TEXT;
                ALTER TABLE agency ADD COLUMN phone TEXT;
                ALTER TABLE agency ADD COLUMN email TEXT;
                ALTER TABLE agency ADD COLUMN npwp TEXT;
                ALTER TABLE agency ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE tenant ADD COLUMN government_name TEXT;
                ALTER TABLE tenant ADD COLUMN seat TEXT;
                ALTER TABLE tenant ADD COLUMN emblem_sha256 TEXT;
                ALTER TABLE tenant ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
                UPDATE tenant SET government_name = 'Pemerintah ' || name WHERE government_name IS NULL;
                ALTER TABLE vendor ADD COLUMN domicile_confirmed_by TEXT;
                CREATE TABLE tenant_emblem (
                    sha256 TEXT PRIMARY KEY,
                    content_type TEXT NOT NULL,
                    width INTEGER NOT NULL,
                    height INTEGER NOT NULL,
                    content BLOB NOT NULL,
                    created_at TEXT NOT NULL
                );
                """),
        // Operations alerts (capacity) are for Super Admin and the monitor role, not every user.
        Migration(
            version: 5, name: "announcement audience",
            sql: "ALTER TABLE announcement ADD COLUMN audience TEXT NOT NULL DEFAULT 'everyone';"),
    ]
}
