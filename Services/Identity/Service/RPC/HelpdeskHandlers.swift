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
        table.register(HelpdeskComment.self) { params, request in
            try await act(params, request, method: HelpdeskComment.name, to: nil)
        }
        table.register(HelpdeskForward.self) { params, request in
            try await act(params, request, method: HelpdeskForward.name, to: .forwarded)
        }
        table.register(HelpdeskResolve.self) { params, request in
            try await act(params, request, method: HelpdeskResolve.name, to: .resolved)
        }
        table.register(HelpdeskClose.self) { params, request in
            try await act(params, request, method: HelpdeskClose.name, to: .closed)
        }
        table.register(HelpdeskList.self) { _, request in try await list(request) }
        table.register(AnnouncementPublish.self) { params, request in try await publish(params, request) }
        table.register(AnnouncementAlertAdministrators.self) { params, request in
            try await publish(
                AnnouncementInfo(
                    kind: .notice, title: params.title, body: params.body, tenants: [], startsAt: params.startsAt,
                    endsAt: params.endsAt, audience: .administrators), request,
                method: AnnouncementAlertAdministrators.name)
        }
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
            try HelpdeskStore.insertTicket(
                db, id: id, by: principal, subject: params.subject, comments: comments, at: at)
            let ticket = try HelpdeskStore.ticket(db, id: id)
            try AuditTrail.append(
                db, tenant: principal.tenant, actor: principal, method: HelpdeskOpen.name, targetType: "ticket",
                targetID: id, action: "opened", before: nil, after: try JSONCoding.value(ticket), at: at)
            return ticket
        }
    }

    /// The moves a ticket allows, and who may make them.
    static func allowed(_ ticket: TicketInfo, agency: String?, to next: TicketStatus?, by principal: Principal)
        -> RPCError?
    {
        let isOpener = ticket.openedBy == principal.id
        let isAgencyAdmin = principal.has(.agencyAdmin) && principal.tenant == ticket.tenant
        let isSuperAdmin = principal.has(.superAdmin)
        switch next {
        case nil:
            if ticket.status == .closed {
                return .conflict("the ticket is closed", currentState: ticket.status.rawValue)
            }
            return isOpener || isAgencyAdmin || isSuperAdmin
                ? nil : .forbidden("only the opener or an administrator may comment")
        case .forwarded:
            guard ticket.status == .open else {
                return .conflict("only an open ticket can be forwarded", currentState: ticket.status.rawValue)
            }
            return isAgencyAdmin ? nil : .forbidden("only the agency administrator forwards tickets")
        case .resolved:
            if ticket.status == .open {
                return isAgencyAdmin || isSuperAdmin ? nil : .forbidden("only an administrator resolves tickets")
            }
            if ticket.status == .forwarded {
                return isSuperAdmin ? nil : .forbidden("a forwarded ticket is resolved by Super Admin")
            }
            return .conflict("the ticket is \(ticket.status.rawValue)", currentState: ticket.status.rawValue)
        case .closed:
            guard ticket.status == .resolved else {
                return .conflict("only a resolved ticket can be closed", currentState: ticket.status.rawValue)
            }
            return isOpener || isAgencyAdmin || isSuperAdmin
                ? nil : .forbidden("only the opener or an administrator may close")
        case .open:
            return .conflict("a ticket cannot be reopened")
        }
    }

    func act(_ params: TicketActionParams, _ request: RequestContext, method: String, to next: TicketStatus?)
        async throws -> TicketInfo
    {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        if next == nil && (params.comment ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw RPCError.validationFailed(field: "comment", reason: "must not be empty")
        }
        if let comment = params.comment {
            try InputRules.requireText(comment, field: "comment", max: 10_000, multiline: true)
        }
        let at = context.now()
        return try await context.database.write { db in
            let before = try HelpdeskStore.ticket(db, id: params.ticketID)
            if !principal.has(.superAdmin) && before.tenant != principal.tenant {
                throw RPCError.notFound("ticket", id: params.ticketID)
            }
            if let refusal = Self.allowed(before, agency: principal.agency, to: next, by: principal) { throw refusal }
            var comments = before.comments
            if let comment = params.comment, !comment.isEmpty {
                comments.append(TicketComment(author: principal.id, body: comment, at: Timestamp.iso8601(at)))
            }
            try HelpdeskStore.updateTicket(
                db, id: params.ticketID, status: next ?? before.status, comments: comments, at: at)
            let after = try HelpdeskStore.ticket(db, id: params.ticketID)
            try AuditTrail.append(
                db, tenant: after.tenant, actor: principal, method: method, targetType: "ticket", targetID: after.id,
                action: next?.rawValue ?? "commented", before: try JSONCoding.value(before),
                after: try JSONCoding.value(after), at: at)
            return after
        }
    }

    func list(_ request: RequestContext) async throws -> [TicketInfo] {
        let principal = try request.requirePrincipal()
        return try await context.database.read { db in
            try HelpdeskStore.tickets(db, visibleTo: principal)
        }
    }

    // MARK: Announcements

    /// Publishes `params` for `AnnouncementPublish` (Super Admin) or, audited under `method`, for
    /// `AnnouncementAlertAdministrators` (a service).
    func publish(_ params: AnnouncementInfo, _ request: RequestContext, method: String = AnnouncementPublish.name)
        async throws -> AnnouncementInfo
    {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        try InputRules.requireText(params.title, field: "title", max: 200)
        try InputRules.requireText(params.body, field: "body", max: 10_000, multiline: true)
        let format = Date.ISO8601FormatStyle(includingFractionalSeconds: false)
        let lenient = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        func instant(_ text: String, _ field: String) throws -> Date {
            if let date = try? format.parse(text) { return date }
            if let date = try? lenient.parse(text) { return date }
            throw RPCError.validationFailed(
                field: field, reason: "must be an ISO 8601 UTC time such as 2026-12-01T22:00:00Z")
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
            for tenant in announcement.tenants where try !TenantStore.exists(db, code: tenant) {
                throw RPCError.validationFailed(field: "tenants", reason: "no tenant \(tenant)")
            }
            try HelpdeskStore.insertAnnouncement(db, announcement, by: principal.id, at: at)
            try AuditTrail.append(
                db, tenant: nil, actor: principal, method: method, targetType: "announcement",
                targetID: announcement.id!, action: "published", before: nil, after: try JSONCoding.value(announcement),
                at: at)
            return announcement
        }
    }

    func announcements(_ request: RequestContext) async throws -> [AnnouncementInfo] {
        let principal = try request.requirePrincipal()
        let now = Timestamp.iso8601(context.now())
        return try await context.database.read { db in
            try HelpdeskStore.announcements(db, endingAfter: now).filter { announcement in
                // Super Admin and the monitor role read every announcement; the others only
                // those for everyone in their tenant (or all tenants).
                if principal.has(.superAdmin) || principal.has(.monitor) { return true }
                return announcement.audience != .administrators
                    && (announcement.tenants.isEmpty || announcement.tenants.contains(principal.tenant ?? ""))
            }
        }
    }
}
