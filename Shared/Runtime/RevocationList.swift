// Revocation: identity's revocation list as served (entries, pages) and as a verifier holds it.
import Foundation
import SiOpenProtocol
import SiOpenSecurity

// MARK: - Revocation

/// One entry of identity's revocation list.
///
/// A `sessionID` entry revokes that session (sign-out); a `principalID` entry revokes every
/// token of that principal issued at or before `revokedAt` (blocking, password change).
public struct RevocationEntry: Codable, Sendable, Hashable {
    /// Position in identity's list; strictly increasing, so it doubles as the feed cursor.
    public var sequence: Int64
    /// The session revoked, if this entry revokes one session.
    public var sessionID: String?
    /// The principal whose earlier tokens are revoked, if this entry revokes by principal.
    public var principalID: String?
    /// When it was revoked (unix seconds).
    public var revokedAt: Int64

    /// Creates an entry.
    public init(sequence: Int64, sessionID: String? = nil, principalID: String? = nil, revokedAt: Int64) {
        self.sequence = sequence
        self.sessionID = sessionID
        self.principalID = principalID
        self.revokedAt = revokedAt
    }
}

/// A page of the revocation list: the entries after the requested cursor, and where to continue.
public struct RevocationPage: Codable, Sendable, Hashable {
    /// Entries in sequence order.
    public var entries: [RevocationEntry]
    /// The cursor for the next request (the last sequence returned, or the request's cursor).
    public var nextCursor: Int64

    /// Creates a page.
    public init(entries: [RevocationEntry], nextCursor: Int64) {
        self.entries = entries
        self.nextCursor = nextCursor
    }
}

/// The revocations a verifier knows, folded into two lookups answered in O(1).
public struct RevocationSet: Sendable, Hashable {
    /// Revoked sessions and when; the time is kept only so old entries can be pruned.
    public private(set) var sessions: [String: Int64] = [:]
    /// Per principal, the latest `revokedAt`: tokens issued at or before it are revoked.
    public private(set) var principals: [String: Int64] = [:]

    /// An empty set.
    public init() {}

    /// The number of sessions and principals with a revocation.
    public var count: Int { sessions.count + principals.count }

    /// Adds entries. Order does not matter: a principal keeps the latest cut-off it was given.
    public mutating func apply(_ entries: some Sequence<RevocationEntry>) {
        for entry in entries {
            if let session = entry.sessionID {
                sessions[session] = max(sessions[session] ?? entry.revokedAt, entry.revokedAt)
            }
            if let principal = entry.principalID {
                principals[principal] = max(principals[principal] ?? entry.revokedAt, entry.revokedAt)
            }
        }
    }

    /// Whether a token with these claims is revoked.
    public func isRevoked(_ claims: SessionClaims) -> Bool {
        if sessions[claims.sessionID] != nil { return true }
        if let cutoff = principals[claims.principalID], claims.issuedAt <= cutoff { return true }
        return false
    }

    /// Forgets entries revoked before `cutoff`. Safe when every token lives at most
    /// `now - cutoff` seconds: any token such an entry could refuse has expired anyway.
    public mutating func prune(revokedBefore cutoff: Int64) {
        sessions = sessions.filter { $0.value >= cutoff }
        principals = principals.filter { $0.value >= cutoff }
    }
}
