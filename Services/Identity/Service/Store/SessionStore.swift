import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Sessions (`session`) and the revocation list (`revocation`) every service polls.
enum SessionStore {
    /// Records a session opened at sign-in.
    static func open(_ db: Connection, id: String, accountID: String, issuedAt: Int64, expiresAt: Int64) throws {
        try db.run(
            "INSERT INTO session (id, account_id, issued_at, expires_at) VALUES (?, ?, ?, ?)", id, accountID, issuedAt,
            expiresAt)
    }

    /// Ends an open session and revokes it; false when it had ended already.
    static func end(_ db: Connection, id: String, at now: Int64) throws -> Bool {
        let changed = try db.run("UPDATE session SET ended_at = ? WHERE id = ? AND ended_at IS NULL", now, id)
        guard changed > 0 else { return false }
        try db.run("INSERT INTO revocation (session_id, revoked_at) VALUES (?, ?)", id, now)
        return true
    }

    /// Ends every open session of an account (password change, reset, block, disable), each by
    /// its id: a session opened right afterwards, even within the same second, stays valid.
    static func revokePrincipal(_ db: Connection, principalID: String, at: Int64) throws {
        for row in try db.query(
            "SELECT id FROM session WHERE account_id = ? AND ended_at IS NULL AND expires_at > ?", principalID, at)
        {
            try db.run("INSERT INTO revocation (session_id, revoked_at) VALUES (?, ?)", try row.string(0), at)
        }
        try db.run("UPDATE session SET ended_at = ? WHERE account_id = ? AND ended_at IS NULL", at, principalID)
    }

    /// Revocation entries after `after`, oldest first: what `auth.revocations` serves and what
    /// identity's own verifier reads directly.
    static func revocationPage(_ db: Connection, after: Int64, limit: Int) throws -> RevocationPage {
        let entries = try db.query(
            "SELECT sequence, session_id, principal_id, revoked_at FROM revocation WHERE sequence > ? ORDER BY sequence LIMIT ?",
            after, limit
        ).map { row in
            RevocationEntry(
                sequence: try row.int64(0), sessionID: try row.optionalString(1),
                principalID: try row.optionalString(2), revokedAt: try row.int64(3))
        }
        return RevocationPage(entries: entries, nextCursor: entries.last?.sequence ?? after)
    }
}
