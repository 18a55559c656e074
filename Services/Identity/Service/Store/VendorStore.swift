import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Vendors as stored (`vendor`): registrations, their standing, and their uploaded documents' references.
enum VendorStore {
    /// Reads one vendor; 404 when there is none.
    static func vendor(_ db: Connection, id: String) throws -> VendorInfo {
        guard
            let row = try db.queryOne(
                """
                SELECT id, tenant, status, status_reason, registration, accepted_terms_at, account_id, documents, version, npwp,
                    domicile_confirmed_by
                FROM vendor WHERE id = ?
                """, id)
        else { throw RPCError.notFound("vendor", id: id) }
        let registration = try JSONColumn.value(VendorRegistration.self, try row.string(4))
        return VendorInfo(
            id: try row.string(0), tenant: try row.string(1), kind: registration.kind, name: registration.name,
            status: VendorStatus(rawValue: try row.string(2)) ?? .registered, statusReason: try row.optionalString(3),
            nik: registration.nik.value, npwp: try row.string(9), nib: registration.nib?.value,
            email: registration.email.value,
            phone: registration.phone.value, address: registration.address, deed: registration.deed,
            director: registration.director,
            businessLicenceNumber: registration.businessLicenceNumber, bankAccount: registration.bankAccount,
            isPKP: registration.isPKP,
            businessScale: registration.businessScale,
            acceptedTermsVersion: registration.acceptedTermsVersion, acceptedTermsAt: try row.string(5),
            accountID: try row.string(6),
            documents: try JSONColumn.value([VendorDocument].self, try row.string(7)), version: try row.int64(8),
            ktpAddress: registration.ktpAddress, domicileConfirmed: try row.optionalString(10) != nil)
    }

    /// Records which verifier confirmed the KTP domicile against the scan.
    static func confirmDomicile(_ db: Connection, vendorID: String, by verifierID: String) throws {
        try db.run("UPDATE vendor SET domicile_confirmed_by = ? WHERE id = ?", verifierID, vendorID)
    }

    /// Identifiers already registered in the tenant are refused (annex I.C).
    static func refuseDuplicate(_ db: Connection, _ registration: VendorRegistration, excluding vendorID: String?)
        throws
    {
        let checks: [(String, String, String?)] = [
            ("nik", "nik", registration.nik.value), ("npwp", "npwp", registration.npwp.value),
            ("nib", "nib", registration.nib?.value),
            ("email", "email", registration.email.value),
        ]
        var problems: [FieldError] = []
        for (field, column, value) in checks {
            guard let value else { continue }
            let compared = column == "email" ? "lower(email) = lower(?)" : "\(column) = ?"
            if try db.queryOne(
                "SELECT 1 FROM vendor WHERE tenant = ? AND \(compared) AND id IS NOT ?", registration.tenant, value,
                vendorID) != nil
            {
                problems.append(FieldError(field: field, reason: "is already registered in this tenant"))
            }
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
    }

    /// Stores a registration: the vendor's account (role vendor) and the vendor, `registered`.
    static func insertRegistration(
        _ db: Connection, vendorID: String, accountID: String, _ params: VendorRegistration, registration: String,
        passwordHash hash: String, at stamp: String
    ) throws {
        try db.run(
            """
            INSERT INTO account (id, tenant, username, email, full_name, roles, password_hash, status, vendor_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, '["vendor"]', ?, 'active', ?, ?, ?)
            """,
            arguments: [
                accountID, params.tenant, params.username, params.email.value, params.name, hash, vendorID, stamp,
                stamp,
            ])
        try db.run(
            """
            INSERT INTO vendor (id, tenant, status, nik, npwp, nib, email, registration, accepted_terms_version, accepted_terms_at,
                account_id, created_at, updated_at)
            VALUES (?, ?, 'registered', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                vendorID, params.tenant, params.nik.value, params.npwp.value, params.nib?.value, params.email.value,
                registration,
                params.acceptedTermsVersion, stamp, accountID, stamp, stamp,
            ])
    }

    /// Stores a resubmitted registration in status `next` and bumps the version.
    static func storeResubmission(
        _ db: Connection, vendorID: String, status next: VendorStatus, _ params: VendorRegistration,
        registration: String, at: Date
    ) throws {
        try db.run(
            """
            UPDATE vendor SET status = ?, status_reason = NULL, nik = ?, npwp = ?, nib = ?, email = ?, registration = ?,
                domicile_confirmed_by = NULL,
                accepted_terms_version = ?, accepted_terms_at = ?, version = version + 1, updated_at = ? WHERE id = ?
            """,
            arguments: [
                next.rawValue, params.nik.value, params.npwp.value, params.nib?.value, params.email.value, registration,
                params.acceptedTermsVersion, Timestamp.iso8601(at), Timestamp.iso8601(at), vendorID,
            ])
    }

    /// The vendor an account belongs to; 403 when it is not a vendor's account.
    static func vendorID(_ db: Connection, ofAccount accountID: String) throws -> String {
        guard let row = try db.queryOne("SELECT vendor_id FROM account WHERE id = ?", accountID),
            let id = try row.optionalString(0)
        else {
            throw RPCError.forbidden("this account is not a vendor's")
        }
        return id
    }

    /// The vendors of `tenant` (every tenant's when nil) in `status` (any when nil), oldest first.
    static func list(_ db: Connection, tenant: String?, status: VendorStatus?) throws -> [VendorInfo] {
        try db.query(
            "SELECT id FROM vendor WHERE (?1 IS NULL OR tenant = ?1) AND (?2 IS NULL OR status = ?2) ORDER BY created_at",
            arguments: [tenant, status?.rawValue]
        )
        .map { try vendor(db, id: try $0.string(0)) }
    }

    /// Moves a vendor to `next` with its reason and bumps the version.
    static func setStatus(
        _ db: Connection, vendorID: String, _ next: VendorStatus, reason statusReason: String?, at: Date
    ) throws {
        try db.run(
            "UPDATE vendor SET status = ?, status_reason = ?, version = version + 1, updated_at = ? WHERE id = ?",
            next.rawValue, statusReason, Timestamp.iso8601(at), vendorID)
    }

    /// Replaces a vendor's document list and bumps the version.
    static func setDocuments(_ db: Connection, vendorID: String, _ documents: [VendorDocument], at: Date) throws {
        try db.run(
            "UPDATE vendor SET documents = ?, version = version + 1, updated_at = ? WHERE id = ?",
            try JSONColumn.text(documents), Timestamp.iso8601(at), vendorID)
    }

    /// The accounts of the tenant's vendors with this NPWP.
    static func accountIDs(_ db: Connection, tenant: String, npwp: String) throws -> [String] {
        try db.query("SELECT account_id FROM vendor WHERE tenant = ? AND npwp = ?", tenant, npwp).map {
            try $0.string(0)
        }
    }

    /// A vendor account signs in only while the vendor is not blocked, deactivated or blacklisted.
    static func refuseInactiveVendorSignIn(_ db: Connection, vendorID: String, at: Date) throws {
        let vendor = try vendor(db, id: vendorID)
        switch vendor.status {
        case .blocked: throw RPCError.forbidden("this vendor is blocked: \(vendor.statusReason ?? "")")
        case .deactivated: throw RPCError.forbidden("this vendor is deactivated")
        default: break
        }
        do { try BlacklistStore.refuseBlacklisted(db, tenant: vendor.tenant, npwp: vendor.npwp, at: at) } catch let
            error as RPCError
        {
            throw RPCError.forbidden(error.message)
        }
    }
}
