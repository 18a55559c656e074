import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// What orders knows of the parties it prints: tenants, agencies, officials and vendors as
/// identity's feed last told them (`party_*`), and every emblem image ever seen, by SHA-256
/// (`party_emblem`, never deleted, so an old Surat Pesanan re-renders with the emblem it had).
///
/// Each record keeps the version identity gave it (tenant and agency `version`, an account's
/// `profileVersion`, a vendor's `version`): applying an event twice, or an older one after a
/// newer, changes nothing. Events are decoded only through `IdentityEvents`; one that does not
/// decode is the feed consumer's dead letter. Officials are kept without email or credentials.
enum PartyDirectory {
    /// Keeps what a party event tells; other events are skipped.
    static func apply(_ event: FeedEvent, _ db: Connection) throws {
        if event.is(TenantCreated.self) {
            try keepTenant(try event.decode(TenantCreated.self), db)
        } else if event.is(TenantUpdated.self) {
            try keepTenant(try event.decode(TenantUpdated.self), db)
        } else if event.is(TenantEmblemSet.self) {
            try keepEmblem(try event.decode(TenantEmblemSet.self), db)
        } else if event.is(AgencyCreated.self) {
            try keepAgency(try event.decode(AgencyCreated.self), db)
        } else if event.is(AgencyUpdated.self) {
            try keepAgency(try event.decode(AgencyUpdated.self), db)
        } else if event.is(AccountCreated.self) {
            try keepOfficial(try event.decode(AccountCreated.self), db)
        } else if event.is(AccountUpdated.self) {
            try keepOfficial(try event.decode(AccountUpdated.self), db)
        } else if event.is(AccountDisabled.self) {
            try keepOfficial(try event.decode(AccountDisabled.self), db)
        } else if let declaration = IdentityEvents.vendorStanding.first(where: { $0.matches(type: event.type) }) {
            func decode<E: VendorStandingEvent>(_ declaration: E.Type) throws -> VendorStandingChange {
                try event.decode(declaration)
            }
            try keepVendor(try decode(declaration), db)
        }
    }

    /// Inserts `value` under `key`, or replaces the stored one when `version` is newer.
    private static func upsert(_ db: Connection, table: String, key: [String], value: String, version: Int64) throws {
        let columns = ["k1", "k2"].prefix(key.count)
        try db.run(
            """
            INSERT INTO \(table) (\(columns.joined(separator: ", ")), data, version)
            VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")), ?, ?)
            ON CONFLICT (\(columns.joined(separator: ", "))) DO UPDATE SET data = excluded.data, version = excluded.version
            WHERE excluded.version > \(table).version
            """, arguments: key.map { $0 as any SQLBindable } + [value as any SQLBindable, version])
    }

    private static func keepTenant(_ tenant: TenantInfo, _ db: Connection) throws {
        try upsert(
            db, table: "party_tenant", key: [tenant.code], value: try JSONColumn.text(tenant),
            version: tenant.version ?? 1)
    }

    private static func keepEmblem(_ emblem: TenantEmblem, _ db: Connection) throws {
        guard let bytes = Data(base64Encoded: emblem.contentBase64).map(Array.init),
            SHA256.hexDigest(bytes) == emblem.sha256
        else {
            throw PermanentFeedFailure("the emblem of \(emblem.tenant) does not match its SHA-256")
        }
        try db.run(
            "INSERT INTO party_emblem (sha256, content_type, content) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            emblem.sha256, emblem.contentType, bytes)
        // The tenant record moves to the emblem's version unless a newer one is stored.
        guard var tenant = try self.tenant(db, code: emblem.tenant), (tenant.version ?? 1) < emblem.tenantVersion
        else { return }
        tenant.emblemSHA256 = emblem.sha256
        tenant.version = emblem.tenantVersion
        try keepTenant(tenant, db)
    }

    private static func keepAgency(_ agency: AgencyInfo, _ db: Connection) throws {
        try upsert(
            db, table: "party_agency", key: [agency.tenant, agency.code], value: try JSONColumn.text(agency),
            version: agency.version ?? 1)
    }

    private static func keepOfficial(_ account: AccountInfo, _ db: Connection) throws {
        // Vendors' accounts are vendors' (their standing events say who signs); keep officials.
        guard account.vendorID == nil else { return }
        let official = OfficialParty(
            accountID: account.id, name: account.fullName, nip: account.nip?.value ?? "", rank: account.rank ?? "",
            position: account.position ?? "")
        try upsert(
            db, table: "party_official", key: [account.id], value: try JSONColumn.text(official),
            version: account.profileVersion ?? 1)
    }

    private static func keepVendor(_ change: VendorStandingChange, _ db: Connection) throws {
        try upsert(
            db, table: "party_vendor", key: [change.vendorID], value: try JSONColumn.text(change),
            version: change.version)
    }

    // MARK: Reading

    private static func data<T: Decodable>(_ type: T.Type, _ db: Connection, table: String, key: [String]) throws -> T?
    {
        let condition = ["k1", "k2"].prefix(key.count).map { "\($0) = ?" }.joined(separator: " AND ")
        guard
            let row = try db.queryOne(
                "SELECT data FROM \(table) WHERE \(condition)", arguments: key.map { $0 as any SQLBindable })
        else { return nil }
        return try JSONColumn.value(T.self, try row.string(0))
    }

    /// The vendor's NPWP and bank account as last learned, for `order.readyForPayment`, or nil
    /// before identity's feed told of the vendor.
    static func payee(_ db: Connection, vendorID: String) throws -> (npwp: String, bankAccount: BankAccount?)? {
        try data(VendorStandingChange.self, db, table: "party_vendor", key: [vendorID]).map {
            ($0.npwp, $0.bankAccount)
        }
    }

    /// The tenant as last learned, or nil before the feed told of it.
    static func tenant(_ db: Connection, code: String) throws -> TenantInfo? {
        try data(TenantInfo.self, db, table: "party_tenant", key: [code])
    }

    /// An emblem image kept under its SHA-256, with its media type.
    static func emblem(_ db: Connection, sha256: String) throws -> (contentType: String, bytes: [UInt8])? {
        try db.queryOne("SELECT content_type, content FROM party_emblem WHERE sha256 = ?", sha256).map {
            (try $0.string(0), try $0.blob(1))
        }
    }

    /// The parties of an order as they stand now, or the names of those the feed has not told
    /// of yet.
    static func parties(_ db: Connection, tenant code: String, agency: String, ppk: String, vendor vendorID: String)
        throws -> Result<OrderParties, MissingParties>
    {
        let tenant = try self.tenant(db, code: code)
        let agency = try data(AgencyInfo.self, db, table: "party_agency", key: [code, agency])
        let official = try data(OfficialParty.self, db, table: "party_official", key: [ppk])
        let vendor = try data(VendorStandingChange.self, db, table: "party_vendor", key: [vendorID])
        guard let tenant, let agency, let official, let vendor else {
            var missing: [String] = []
            if tenant == nil { missing.append("tenant") }
            if agency == nil { missing.append("agency") }
            if official == nil { missing.append("ppk") }
            if vendor == nil { missing.append("vendor") }
            return .failure(MissingParties(names: missing))
        }
        let entity = vendor.kind == .entity
        return .success(
            OrderParties(
                regency: regencyParty(tenant), agency: agencyParty(agency),
                ppk: official,
                vendor: VendorParty(
                    vendorID: vendor.vendorID, name: vendor.name, kind: vendor.kind,
                    signerName: vendor.signerName ?? vendor.name,
                    signerPosition: vendor.signerPosition ?? (entity ? "Direktur" : "Pemilik"),
                    address: vendor.address ?? "", npwp: vendor.npwp, nib: vendor.nib, isPKP: vendor.isPKP,
                    bankAccount: vendor.bankAccount ?? BankAccount(bank: "", number: "", holderName: ""))))
    }

    /// The regency as documents print it.
    static func regencyParty(_ tenant: TenantInfo) -> RegencyParty {
        RegencyParty(
            code: tenant.code, governmentName: tenant.governmentName ?? "Pemerintah \(tenant.name)",
            seat: tenant.seat ?? "", emblemSHA256: tenant.emblemSHA256)
    }

    /// The agency as documents print it.
    static func agencyParty(_ agency: AgencyInfo) -> AgencyParty {
        AgencyParty(
            code: agency.code, name: agency.name, address: agency.address ?? "", phone: agency.phone ?? "",
            email: agency.email?.value ?? "", npwp: agency.npwp?.value ?? "")
    }

    /// The regency and agency as last learned (for documents without an order, such as a
    /// force-majeure Berita Acara); nil for what the feed has not told of yet.
    static func regencyAndAgency(_ db: Connection, tenant code: String, agency: String) throws -> (
        regency: RegencyParty?, agency: AgencyParty?
    ) {
        (
            try tenant(db, code: code).map(regencyParty),
            try data(AgencyInfo.self, db, table: "party_agency", key: [code, agency]).map(agencyParty)
        )
    }

    /// An official as last learned, or nil before the feed told of them.
    static func official(_ db: Connection, accountID: String) throws -> OfficialParty? {
        try data(OfficialParty.self, db, table: "party_official", key: [accountID])
    }

    /// The emblem file of `regency` as documents embed it; nil when it has none or orders has not kept it.
    static func emblemData(_ db: Connection, _ regency: RegencyParty) throws -> Data? {
        guard let sha256 = regency.emblemSHA256 else { return nil }
        return try emblem(db, sha256: sha256).map { Data($0.bytes) }
    }

    /// Parties of an order that identity's feed has not yet told orders of.
    struct MissingParties: Error, Sendable {
        let names: [String]

        /// The retryable refusal: the feed is behind, try again shortly.
        var refusal: RPCError {
            var error = RPCError.dependencyUnavailable(
                "orders has not yet learned the order's \(names.joined(separator: ", ")) from identity; try again in a few seconds"
            )
            error.data = [
                "kind": "dependency_unavailable", "retryAfterSeconds": 2,
                "missing": .array(names.map { .string($0) }),
            ]
            return error
        }
    }
}
