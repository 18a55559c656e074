import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Helpdesk tickets (annex I.A.7.b) and announcements (Polewali Mandar Pasal 22(d), 25(4)).
struct HelpdeskHandlers {
    let context: IdentityContext

    func register(into table: inout RPCMethodTable) {
        table.register(HelpdeskOpen.self) { params, request in try await open(params, request) }
        table.register(HelpdeskComment.self) { params, request in try await act(params, request, method: HelpdeskComment.name, to: nil) }
        table.register(HelpdeskForward.self) { params, request in try await act(params, request, method: HelpdeskForward.name, to: .forwarded) }
        table.register(HelpdeskResolve.self) { params, request in try await act(params, request, method: HelpdeskResolve.name, to: .resolved) }
        table.register(HelpdeskClose.self) { params, request in try await act(params, request, method: HelpdeskClose.name, to: .closed) }
        table.register(HelpdeskList.self) { _, request in try await list(request) }
        table.register(AnnouncementPublish.self) { params, request in try await publish(params, request) }
        table.register(AnnouncementList.self) { _, request in try await announcements(request) }
    }

    func open(_ params: TicketOpenParams, _ request: RequestContext) async throws -> TicketInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        try InputRules.requireText(params.subject, field: "subject", max: 200)
        try InputRules.requireText(params.body, field: "body", max: 10_000, multiline: true)
        let id = IdentityContext.newID()
        let at = context.now()
        let comments = [TicketComment(author: principal.id, body: params.body, at: Timestamp.iso8601(at))]
        return try await context.database.write { db in
            try db.run(
                "INSERT INTO ticket (id, tenant, agency, opened_by, subject, status, comments, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)",
                arguments: [id, principal.tenant, principal.agency, principal.id, params.subject, try JSONColumn.text(comments), Timestamp.iso8601(at), Timestamp.iso8601(at)])
            let ticket = try Self.ticket(db, id: id)
            try AuditTrail.append(db, tenant: principal.tenant, actor: principal, method: HelpdeskOpen.name, targetType: "ticket", targetID: id, action: "opened", before: nil, after: try JSONCoding.value(ticket), at: at)
            return ticket
        }
    }

    /// The moves a ticket allows, and who may make them.
    static func allowed(_ ticket: TicketInfo, agency: String?, to next: TicketStatus?, by principal: Principal) -> RPCError? {
        let isOpener = ticket.openedBy == principal.id
        let isAgencyAdmin = principal.has(.agencyAdmin) && principal.tenant == ticket.tenant
        let isSuperAdmin = principal.has(.superAdmin)
        switch next {
        case nil:
            if ticket.status == .closed { return .conflict("the ticket is closed", currentState: ticket.status.rawValue) }
            return isOpener || isAgencyAdmin || isSuperAdmin ? nil : .forbidden("only the opener or an administrator may comment")
        case .forwarded:
            guard ticket.status == .open else { return .conflict("only an open ticket can be forwarded", currentState: ticket.status.rawValue) }
            return isAgencyAdmin ? nil : .forbidden("only the agency administrator forwards tickets")
        case .resolved:
            if ticket.status == .open { return isAgencyAdmin || isSuperAdmin ? nil : .forbidden("only an administrator resolves tickets") }
            if ticket.status == .forwarded { return isSuperAdmin ? nil : .forbidden("a forwarded ticket is resolved by Super Admin") }
            return .conflict("the ticket is \(ticket.status.rawValue)", currentState: ticket.status.rawValue)
        case .closed:
            guard ticket.status == .resolved else { return .conflict("only a resolved ticket can be closed", currentState: ticket.status.rawValue) }
            return isOpener || isAgencyAdmin || isSuperAdmin ? nil : .forbidden("only the opener or an administrator may close")
        case .open:
            return .conflict("a ticket cannot be reopened")
        }
    }

    func act(_ params: TicketActionParams, _ request: RequestContext, method: String, to next: TicketStatus?) async throws -> TicketInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        if next == nil && (params.comment ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw RPCError.validationFailed(field: "comment", reason: "must not be empty")
        }
        if let comment = params.comment { try InputRules.requireText(comment, field: "comment", max: 10_000, multiline: true) }
        let at = context.now()
        return try await context.database.write { db in
            let before = try Self.ticket(db, id: params.ticketID)
            if !principal.has(.superAdmin) && before.tenant != principal.tenant { throw RPCError.notFound("ticket", id: params.ticketID) }
            if let refusal = Self.allowed(before, agency: principal.agency, to: next, by: principal) { throw refusal }
            var comments = before.comments
            if let comment = params.comment, !comment.isEmpty {
                comments.append(TicketComment(author: principal.id, body: comment, at: Timestamp.iso8601(at)))
            }
            try db.run("UPDATE ticket SET status = ?, comments = ?, updated_at = ? WHERE id = ?", (next ?? before.status).rawValue, try JSONColumn.text(comments), Timestamp.iso8601(at), params.ticketID)
            let after = try Self.ticket(db, id: params.ticketID)
            try AuditTrail.append(db, tenant: after.tenant, actor: principal, method: method, targetType: "ticket", targetID: after.id, action: next?.rawValue ?? "commented", before: try JSONCoding.value(before), after: try JSONCoding.value(after), at: at)
            return after
        }
    }

    func list(_ request: RequestContext) async throws -> [TicketInfo] {
        let principal = try request.requirePrincipal()
        return try await context.database.read { db in
            let rows: [Row]
            if principal.has(.superAdmin) {
                rows = try db.query("SELECT id FROM ticket WHERE status = 'forwarded' OR opened_by = ? ORDER BY created_at", principal.id)
            } else if principal.has(.agencyAdmin) {
                rows = try db.query("SELECT id FROM ticket WHERE tenant = ? ORDER BY created_at", principal.tenant)
            } else {
                rows = try db.query("SELECT id FROM ticket WHERE opened_by = ? ORDER BY created_at", principal.id)
            }
            return try rows.map { try Self.ticket(db, id: try $0.string(0)) }
        }
    }

    static func ticket(_ db: Connection, id: String) throws -> TicketInfo {
        guard let row = try db.queryOne("SELECT id, tenant, opened_by, subject, status, comments FROM ticket WHERE id = ?", id) else {
            throw RPCError.notFound("ticket", id: id)
        }
        return TicketInfo(
            id: try row.string(0), tenant: try row.optionalString(1), openedBy: try row.string(2), subject: try row.string(3),
            status: TicketStatus(rawValue: try row.string(4)) ?? .open, comments: try JSONColumn.value([TicketComment].self, try row.string(5)))
    }

    // MARK: Announcements

    func publish(_ params: AnnouncementInfo, _ request: RequestContext) async throws -> AnnouncementInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        try InputRules.requireText(params.title, field: "title", max: 200)
        try InputRules.requireText(params.body, field: "body", max: 10_000, multiline: true)
        let format = Date.ISO8601FormatStyle(includingFractionalSeconds: false)
        let lenient = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        func instant(_ text: String, _ field: String) throws -> Date {
            if let date = try? format.parse(text) { return date }
            if let date = try? lenient.parse(text) { return date }
            throw RPCError.validationFailed(field: field, reason: "must be an ISO 8601 UTC time such as 2026-12-01T22:00:00Z")
        }
        let starts = try instant(params.startsAt, "startsAt")
        let ends = try instant(params.endsAt, "endsAt")
        guard starts < ends else { throw RPCError.validationFailed(field: "endsAt", reason: "must be after startsAt") }
        var announcement = params
        announcement.id = IdentityContext.newID()
        announcement.startsAt = Timestamp.iso8601(starts)
        announcement.endsAt = Timestamp.iso8601(ends)
        let at = context.now()
        return try await context.database.write { [announcement] db in
            for tenant in announcement.tenants where try db.queryOne("SELECT 1 FROM tenant WHERE code = ?", tenant) == nil {
                throw RPCError.validationFailed(field: "tenants", reason: "no tenant \(tenant)")
            }
            try db.run(
                "INSERT INTO announcement (id, kind, title, body, tenants, starts_at, ends_at, published_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [announcement.id, announcement.kind.rawValue, announcement.title, announcement.body, try JSONColumn.text(announcement.tenants),
                    announcement.startsAt, announcement.endsAt, principal.id, Timestamp.iso8601(at)])
            try AuditTrail.append(db, tenant: nil, actor: principal, method: AnnouncementPublish.name, targetType: "announcement", targetID: announcement.id!, action: "published", before: nil, after: try JSONCoding.value(announcement), at: at)
            return announcement
        }
    }

    func announcements(_ request: RequestContext) async throws -> [AnnouncementInfo] {
        let principal = try request.requirePrincipal()
        let now = Timestamp.iso8601(context.now())
        return try await context.database.read { db in
            try db.query("SELECT id, kind, title, body, tenants, starts_at, ends_at FROM announcement WHERE ends_at > ? ORDER BY starts_at", now).compactMap { row -> AnnouncementInfo? in
                let tenants = try JSONColumn.value([String].self, try row.string(4))
                guard tenants.isEmpty || principal.has(.superAdmin) || principal.has(.monitor) || tenants.contains(principal.tenant ?? "") else { return nil }
                return AnnouncementInfo(
                    id: try row.string(0), kind: AnnouncementKind(rawValue: try row.string(1)) ?? .notice, title: try row.string(2),
                    body: try row.string(3), tenants: tenants, startsAt: try row.string(5), endsAt: try row.string(6))
            }
        }
    }
}
