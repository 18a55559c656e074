import SiOpenProtocol

// Helpdesk (Balangan annex I.A.7.b) and announcements (Polewali Mandar Pasal 22(d), 25(4)).

/// Where a helpdesk ticket stands: open → forwarded → resolved → closed.
public enum TicketStatus: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Waiting for the agency administrator.
    case open
    /// Forwarded to Super Admin.
    case forwarded
    /// Answered.
    case resolved
    /// Closed.
    case closed
}

/// A comment in a ticket's thread.
public struct TicketComment: Codable, Sendable, Hashable {
    /// The account id of who wrote it.
    public var author: String
    /// The text, at most 10,000 characters; line breaks allowed.
    public var body: String
    /// When it was written: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).
    public var at: String

    /// Creates it.
    public init(author: String, body: String, at: String) {
        self.author = author
        self.body = body
        self.at = at
    }
}

/// A helpdesk ticket.
public struct TicketInfo: Codable, Sendable, Hashable {
    /// The ticket's id.
    public var id: String
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String?
    /// The account id of who opened the ticket.
    public var openedBy: String
    /// The ticket's subject, at most 200 characters.
    public var subject: String
    /// Where the record stands in its lifecycle.
    public var status: TicketStatus
    /// The thread, oldest first.
    public var comments: [TicketComment]

    /// Creates it.
    public init(
        id: String, tenant: String? = nil, openedBy: String, subject: String, status: TicketStatus,
        comments: [TicketComment]
    ) {
        self.id = id
        self.tenant = tenant
        self.openedBy = openedBy
        self.subject = subject
        self.status = status
        self.comments = comments
    }
}

/// A new ticket.
public struct TicketOpenParams: Codable, Sendable, Hashable {
    /// The ticket's subject, one line of 1–200 characters.
    public var subject: String
    /// What the problem is, at most 10,000 characters; line breaks allowed.
    public var body: String

    /// Creates it.
    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }
}

/// `helpdesk.open`: any user opens a ticket.
public enum HelpdeskOpen: RPCMethod {
    public static let name = "helpdesk.open"
    public static let summary = "Any signed-in user opens a helpdesk ticket."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .validationFailed]
    public typealias Params = TicketOpenParams
    public typealias Result = TicketInfo
}

/// An action on a ticket, with an optional comment.
public struct TicketActionParams: Codable, Sendable, Hashable {
    /// The helpdesk ticket's id, as returned by `helpdesk.open`.
    public var ticketID: String
    /// Comment added to the thread.
    public var comment: String?

    /// Creates it.
    public init(ticketID: String, comment: String? = nil) {
        self.ticketID = ticketID
        self.comment = comment
    }
}

/// `helpdesk.comment`: adds to the thread (the opener or an administrator).
public enum HelpdeskComment: RPCMethod {
    public static let name = "helpdesk.comment"
    public static let summary =
        "Adds a comment to a ticket's thread (its opener, the agency administrator or Super Admin)."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = TicketActionParams
    public typealias Result = TicketInfo
}

/// `helpdesk.forward`: the agency administrator forwards to Super Admin.
public enum HelpdeskForward: RPCMethod {
    public static let name = "helpdesk.forward"
    public static let summary = "The agency administrator forwards a ticket to Super Admin (open → forwarded)."
    public static let access = Access.roles(.agencyAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = TicketActionParams
    public typealias Result = TicketInfo
}

/// `helpdesk.resolve`: an administrator answers.
public enum HelpdeskResolve: RPCMethod {
    public static let name = "helpdesk.resolve"
    public static let summary =
        "The agency administrator (open) or Super Admin (forwarded) resolves a ticket with an answer."
    public static let access = Access.roles(.agencyAdmin, .superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = TicketActionParams
    public typealias Result = TicketInfo
}

/// `helpdesk.close`: the opener or an administrator closes a resolved ticket.
public enum HelpdeskClose: RPCMethod {
    public static let name = "helpdesk.close"
    public static let summary = "Closes a resolved ticket (its opener or an administrator)."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = TicketActionParams
    public typealias Result = TicketInfo
}

/// `helpdesk.list`: the caller's tickets, or the tenant's for administrators.
public enum HelpdeskList: RPCMethod {
    public static let name = "helpdesk.list"
    public static let summary =
        "Tickets: one's own; the tenant's for agency administrators; forwarded ones for Super Admin."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = [TicketInfo]
}

/// What an announcement is about.
public enum AnnouncementKind: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// An outage or technical problem.
    case outage
    /// Planned maintenance.
    case maintenance
    /// Anything else.
    case notice
}

/// Who reads an announcement.
public enum AnnouncementAudience: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Every user of the tenants addressed.
    case everyone
    /// Super Admin and the monitor role only (operations alerts such as a filling disk).
    case administrators
}

/// An announcement to the users of some tenants.
public struct AnnouncementInfo: Codable, Sendable, Hashable {
    /// The announcement's id: assigned by the service; omit it when publishing.
    public var id: String?
    /// What kind of announcement it is.
    public var kind: AnnouncementKind
    /// The announcement's title, at most 200 characters.
    public var title: String
    /// The text, at most 10,000 characters; line breaks allowed.
    public var body: String
    /// The tenants addressed; empty means all.
    public var tenants: [String]
    /// Start of the window (ISO 8601 UTC), e.g. of maintenance.
    public var startsAt: String
    /// End of the window.
    public var endsAt: String
    /// Who reads it; omitted means everyone.
    public var audience: AnnouncementAudience?

    /// Creates it.
    public init(
        id: String? = nil, kind: AnnouncementKind, title: String, body: String, tenants: [String], startsAt: String,
        endsAt: String, audience: AnnouncementAudience? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.body = body
        self.tenants = tenants
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.audience = audience
    }
}

/// `announcement.publish`: Super Admin announces.
public enum AnnouncementPublish: RPCMethod {
    public static let name = "announcement.publish"
    public static let summary =
        "Super Admin publishes an announcement (outage, maintenance window with start and end, notice) to some or all tenants."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .validationFailed]
    public typealias Params = AnnouncementInfo
    public typealias Result = AnnouncementInfo
}

/// What the system's own monitoring tells administrators (a capacity threshold crossed): an
/// announcement of kind `notice` to the administrators of every tenant.
public struct AdministratorAlert: Codable, Sendable, Hashable {
    /// The title, at most 200 characters.
    public var title: String
    /// The text, at most 10,000 characters.
    public var body: String
    /// When it shows from: an ISO 8601 UTC time (`2026-12-01T22:00:00Z`).
    public var startsAt: String
    /// When it stops showing: an ISO 8601 UTC time after `startsAt`.
    public var endsAt: String

    /// Creates it.
    public init(title: String, body: String, startsAt: String, endsAt: String) {
        self.title = title
        self.body = body
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

/// `announcement.alertAdministrators`: the system's monitoring (`siopen up`'s capacity watch,
/// with its own service token) tells the administrators, without a person's session.
public enum AnnouncementAlertAdministrators: RPCMethod {
    public static let name = "announcement.alertAdministrators"
    public static let summary =
        "Service only: the system's monitoring publishes an alert (a capacity threshold crossed) as a notice to the administrators of every tenant, read by Super Admin and the monitor role (Polewali Mandar Pasal 25)."
    public static let access = Access.service
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public typealias Params = AdministratorAlert
    public typealias Result = AnnouncementInfo
}

/// `announcement.list`: announcements addressed to the caller's tenant that have not ended.
public enum AnnouncementList: RPCMethod {
    public static let name = "announcement.list"
    public static let summary =
        "Announcements addressed to the caller's tenant that have not ended yet (those for administrators only to Super Admin and the monitor role)."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = [AnnouncementInfo]
}
