import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Accounts as stored (`account`): officials' and vendors' logins, roles, passwords and sign-in failures.
enum AccountStore {
    /// Reads one account.
    static func account(_ db: Connection, id: String) throws -> AccountInfo {
        guard
            let row = try db.queryOne(
                """
                SELECT id, username, email, full_name, roles, tenant, agency, status, must_change_password,
                    assignment_number, assignment_date, assignment_issuer, vendor_id, nip, rank, position,
                    civil_servant, profile_version
                FROM account WHERE id = ?
                """, id)
        else { throw RPCError.notFound("account", id: id) }
        var assignment: AssignmentLetter?
        if let number = try row.optionalString(9) {
            assignment = AssignmentLetter(
                number: number, date: try row.optionalString(10) ?? "", issuer: try row.optionalString(11) ?? "")
        }
        return AccountInfo(
            id: try row.string(0), username: try row.string(1), email: try row.string(2), fullName: try row.string(3),
            roles: try JSONColumn.value([Role].self, try row.string(4)), tenant: try row.optionalString(5),
            agency: try row.optionalString(6),
            status: try row.string(7), mustChangePassword: try row.int64(8) != 0, assignment: assignment,
            vendorID: try row.optionalString(12), nip: try row.optionalString(13).map { try NIP($0) },
            rank: try row.optionalString(14), position: try row.optionalString(15),
            civilServant: try row.optionalInt64(16).map { $0 != 0 }, profileVersion: try row.int64(17))
    }

    /// Replaces an official's printed profile and bumps its version.
    static func setProfile(_ db: Connection, _ params: AccountProfileParams, at: Date) throws {
        try db.run(
            """
            UPDATE account SET full_name = ?, nip = ?, rank = ?, position = ?, civil_servant = ?,
                profile_version = profile_version + 1, updated_at = ? WHERE id = ?
            """,
            arguments: [
                params.fullName, params.nip?.value, params.rank, params.position,
                params.civilServant.map { Int64($0 ? 1 : 0) }, Timestamp.iso8601(at), params.accountID,
            ])
    }

    /// The directory an auditor reads: the accounts of `tenant` and the national ones (no
    /// credentials), by id.
    static func directory(_ db: Connection, tenant: String?) throws -> [DirectoryEntry] {
        try db.query(
            """
            SELECT id, full_name, roles, tenant, agency, status, position, vendor_id FROM account
            WHERE ?1 IS NULL OR tenant = ?1 OR tenant IS NULL ORDER BY id
            """, arguments: [tenant]
        ).map { row in
            DirectoryEntry(
                accountID: try row.string(0), fullName: try row.string(1),
                roles: try JSONColumn.value([Role].self, try row.string(2)), tenant: try row.optionalString(3),
                agency: try row.optionalString(4), status: try row.string(5), position: try row.optionalString(6),
                vendorID: try row.optionalString(7))
        }
    }

    /// Refuses a username or email another account has.
    static func refuseTaken(_ db: Connection, username: String, email: String) throws {
        if try db.queryOne("SELECT 1 FROM account WHERE username = ?", username) != nil {
            throw RPCError.validationFailed(field: "username", reason: "is taken")
        }
        // Compared folded, so a row spelled otherwise before emails were lowercased counts too.
        if try db.queryOne("SELECT 1 FROM account WHERE lower(email) = lower(?)", email) != nil {
            throw RPCError.validationFailed(field: "email", reason: "is already registered")
        }
    }

    /// Loads an account the caller administers: Super Admin any, an agency administrator their agency's.
    static func administered(_ db: Connection, id: String, by principal: Principal) throws -> AccountInfo {
        let account = try Self.account(db, id: id)
        if principal.has(.superAdmin) { return account }
        guard account.tenant == principal.tenant, account.agency == principal.agency,
            Set(account.roles).isSubset(of: AccountRules.agencyGrantable)
        else { throw RPCError.forbidden("this account is not administered by the caller") }
        return account
    }

    /// The accounts of `tenant` and `agency` (each when given), by username.
    static func list(_ db: Connection, tenant: String?, agency: String?) throws -> [AccountInfo] {
        try db.query(
            "SELECT id FROM account WHERE (?1 IS NULL OR tenant = ?1) AND (?2 IS NULL OR agency = ?2) ORDER BY username",
            arguments: [tenant, agency]
        ).map { try account(db, id: try $0.string(0)) }
    }

    /// Stores a new official's account, active, with a first password to change.
    static func insert(
        _ db: Connection, id: String, _ params: AccountCreateParams, roles sortedRoles: [String],
        passwordHash hash: String, at: Date
    ) throws {
        try db.run(
            """
            INSERT INTO account (id, tenant, agency, username, email, full_name, roles, password_hash, must_change_password,
                status, assignment_number, assignment_date, assignment_issuer, created_at, updated_at,
                nip, rank, position, civil_servant)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                id, params.tenant, params.agency, params.username, params.email.value, params.fullName,
                try JSONColumn.text(sortedRoles), hash,
                params.assignment.number, params.assignment.date, params.assignment.issuer, Timestamp.iso8601(at),
                Timestamp.iso8601(at), params.nip?.value, params.rank, params.position,
                params.civilServant.map { Int64($0 ? 1 : 0) },
            ])
    }

    /// The account a login (username or email, lowercased) names, with what sign-in checks.
    static func credentials(_ db: Connection, login: String) throws -> (
        id: String, hash: String, failures: Int64, notBefore: Int64
    )? {
        guard
            let row = try db.queryOne(
                "SELECT id, password_hash, failed_attempts, locked_until FROM account WHERE username = ?1 OR lower(email) = ?1",
                login)
        else { return nil }
        return (try row.string(0), try row.string(1), try row.int64(2), try row.int64(3))
    }

    /// The username and password hash of an account; 404 when there is none.
    static func usernameAndPasswordHash(_ db: Connection, id: String) throws -> (String, String) {
        guard let row = try db.queryOne("SELECT username, password_hash FROM account WHERE id = ?", id) else {
            throw RPCError.notFound("account", id: id)
        }
        return (try row.string(0), try row.string(1))
    }

    /// The tenant of an account (nil for Super Admin's or an unknown account).
    static func tenant(_ db: Connection, id: String) throws -> String? {
        try db.queryOne("SELECT tenant FROM account WHERE id = ?", id)?.optionalString(0)
    }

    /// The stored failure count and next allowed attempt (unix seconds) of an account.
    static func failures(_ db: Connection, id: String) throws -> (failures: Int64, notBefore: Int64)? {
        try db.queryOne("SELECT failed_attempts, locked_until FROM account WHERE id = ?", id).map {
            (try $0.int64(0), try $0.int64(1))
        }
    }

    /// Stores the failure count and next allowed attempt (0 and 0 after a success).
    static func setFailures(_ db: Connection, id: String, failures: Int64, notBefore: Int64) throws {
        try db.run("UPDATE account SET failed_attempts = ?, locked_until = ? WHERE id = ?", failures, notBefore, id)
    }

    /// Replaces the password hash (a rehash at sign-in), changing nothing else.
    static func setPasswordHash(_ db: Connection, id: String, passwordHash: String) throws {
        try db.run("UPDATE account SET password_hash = ? WHERE id = ?", passwordHash, id)
    }

    /// Sets a temporary password an administrator gave, to be changed, and clears the failures.
    static func setTemporaryPassword(_ db: Connection, id: String, passwordHash: String, at: Date) throws {
        try db.run(
            "UPDATE account SET password_hash = ?, must_change_password = 1, failed_attempts = 0, locked_until = 0, updated_at = ? WHERE id = ?",
            passwordHash, Timestamp.iso8601(at), id)
    }

    /// Sets the password the account's user chose.
    static func setChangedPassword(_ db: Connection, id: String, passwordHash: String, at: Date) throws {
        try db.run(
            "UPDATE account SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?", passwordHash,
            Timestamp.iso8601(at), id)
    }

    /// Disables an account.
    static func disable(_ db: Connection, id: String, at: Date) throws {
        try db.run("UPDATE account SET status = 'disabled', updated_at = ? WHERE id = ?", Timestamp.iso8601(at), id)
    }

    /// Whether any account holds the Super Admin role.
    static func superAdminExists(_ db: Connection) throws -> Bool {
        try db.queryOne("SELECT 1 FROM account WHERE roles LIKE '%\"super_admin\"%'") != nil
    }

    /// Stores the first Super Admin (made on the server, its password not to be changed first).
    static func insertSuperAdmin(
        _ db: Connection, id: String, username: String, email: String, fullName: String, passwordHash hash: String,
        at stamp: String
    ) throws {
        try db.run(
            """
            INSERT INTO account (id, username, email, full_name, roles, password_hash, must_change_password, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, '["super_admin"]', ?, 0, 'active', ?, ?)
            """,
            arguments: [id, username, email, fullName, hash, stamp, stamp])
    }
}
