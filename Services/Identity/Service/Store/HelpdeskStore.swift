import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Helpdesk tickets (`ticket`) and announcements (`announcement`) as stored.
enum HelpdeskStore {
    /// Reads one ticket; 404 when there is none.
    static func ticket(_ db: Connection, id: String) throws -> TicketInfo {
        guard
            let row = try db.queryOne(
                "SELECT id, tenant, opened_by, subject, status, comments FROM ticket WHERE id = ?", id)
        else {
            throw RPCError.notFound("ticket", id: id)
        }
        return TicketInfo(
            id: try row.string(0), tenant: try row.optionalString(1), openedBy: try row.string(2),
            subject: try row.string(3),
            status: TicketStatus(rawValue: try row.string(4)) ?? .open,
            comments: try JSONColumn.value([TicketComment].self, try row.string(5)))
    }

    /// Stores a new open ticket of the caller's tenant and agency.
    static func insertTicket(
        _ db: Connection, id: String, by principal: Principal, subject: String, comments: [TicketComment], at: Date
    ) throws {
        try db.run(
            "INSERT INTO ticket (id, tenant, agency, opened_by, subject, status, comments, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)",
            arguments: [
                id, principal.tenant, principal.agency, principal.id, subject, try JSONColumn.text(comments),
                Timestamp.iso8601(at), Timestamp.iso8601(at),
            ])
    }

    /// Stores a ticket's new status and comments.
    static func updateTicket(_ db: Connection, id: String, status: TicketStatus, comments: [TicketComment], at: Date)
        throws
    {
        try db.run(
            "UPDATE ticket SET status = ?, comments = ?, updated_at = ? WHERE id = ?", status.rawValue,
            try JSONColumn.text(comments), Timestamp.iso8601(at), id)
    }

    /// The tickets `principal` sees: Super Admin the forwarded ones and its own, an agency
    /// administrator the tenant's, everyone else their own; oldest first.
    static func tickets(_ db: Connection, visibleTo principal: Principal) throws -> [TicketInfo] {
        let rows: [Row]
        if principal.has(.superAdmin) {
            rows = try db.query(
                "SELECT id FROM ticket WHERE status = 'forwarded' OR opened_by = ? ORDER BY created_at", principal.id)
        } else if principal.has(.agencyAdmin) {
            rows = try db.query("SELECT id FROM ticket WHERE tenant = ? ORDER BY created_at", principal.tenant)
        } else {
            rows = try db.query("SELECT id FROM ticket WHERE opened_by = ? ORDER BY created_at", principal.id)
        }
        return try rows.map { try ticket(db, id: try $0.string(0)) }
    }

    /// Stores a published announcement.
    static func insertAnnouncement(_ db: Connection, _ announcement: AnnouncementInfo, by publisher: String, at: Date)
        throws
    {
        try db.run(
            "INSERT INTO announcement (id, kind, title, body, tenants, starts_at, ends_at, published_by, created_at, audience) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                announcement.id, announcement.kind.rawValue, announcement.title, announcement.body,
                try JSONColumn.text(announcement.tenants),
                announcement.startsAt, announcement.endsAt, publisher, Timestamp.iso8601(at),
                (announcement.audience ?? .everyone).rawValue,
            ])
    }

    /// A stored audience as the contract states it: nil (omitted) for everyone, and an unknown
    /// value read as the narrower one.
    static func audience(_ stored: String) -> AnnouncementAudience? {
        switch AnnouncementAudience(rawValue: stored) {
        case .everyone: return nil
        case .administrators, nil: return .administrators
        }
    }

    /// The announcements that end after `now` (an ISO 8601 time), by start.
    static func announcements(_ db: Connection, endingAfter now: String) throws -> [AnnouncementInfo] {
        try db.query(
            "SELECT id, kind, title, body, tenants, starts_at, ends_at, audience FROM announcement WHERE ends_at > ? ORDER BY starts_at",
            now
        ).map { row in
            AnnouncementInfo(
                id: try row.string(0), kind: AnnouncementKind(rawValue: try row.string(1)) ?? .notice,
                title: try row.string(2),
                body: try row.string(3), tenants: try JSONColumn.value([String].self, try row.string(4)),
                startsAt: try row.string(5), endsAt: try row.string(6),
                audience: Self.audience(try row.string(7)))
        }
    }
}
