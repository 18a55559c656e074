/// The roles of SiOpen (Perbup Balangan 92/2023 annex I.A–B, plus the national monitor).
public enum Role: String, Codable, CaseIterable, Sendable, Hashable {
    /// Manages all features and all accounts.
    case superAdmin = "super_admin"
    /// Creates PPK, treasurer and PA/KPA accounts for their agency; runs the helpdesk.
    case agencyAdmin = "agency_admin"
    /// Verifies vendors and products.
    case verifier
    /// A vendor (Penyedia).
    case vendor
    /// Pejabat Pembuat Komitmen: prepares and places orders.
    case ppk
    /// Pejabat Pengadaan (Perpres 16/2018 Pasal 9 and 14(3)): orders through the e-marketplace
    /// and proposes sanctions as a PPK does.
    case procurementOfficial = "procurement_official"
    /// Bendahara Pengeluaran: pays vendors and withholds tax.
    case treasurer
    /// PA/KPA: decides sanctions, acknowledges force-majeure orders.
    case budgetHolder = "budget_holder"
    /// Head of the procurement unit (UKPBJ): decides vendor blocking.
    case ukpbjHead = "ukpbj_head"
    /// APIP: internal auditor, sees all transactions.
    case auditor
    /// Maintainer of the system.
    case developer
    /// The national agency: reads across tenants, for reports only.
    case monitor
}

/// Who may call a method. Checked by the runtime before the handler runs; anything else is denied.
public enum Access: Sendable, Hashable {
    /// No sign-in needed (health, discovery, sign-in, vendor self-registration).
    case anyone
    /// Any signed-in user, whatever the role.
    case authenticated
    /// A signed-in user holding at least one of these roles.
    case roles(Set<Role>)
    /// Another SiOpen service only; user tokens are refused.
    case service

    /// A signed-in user holding at least one of the given roles.
    public static func roles(_ roles: Role...) -> Access { .roles(Set(roles)) }

    /// Whether `principal` passes this rule (tenant and ownership are the handler's to check).
    public func admits(_ principal: Principal?) -> Bool {
        switch self {
        case .anyone: return true
        case .authenticated: return principal?.kind == .user
        case .roles(let allowed):
            guard let principal, principal.kind == .user else { return false }
            return !allowed.isDisjoint(with: principal.roles)
        case .service: return principal?.kind == .service
        }
    }

    /// A JSON description for the OpenRPC document.
    public var jsonValue: JSONValue {
        switch self {
        case .anyone: return ["kind": "anyone"]
        case .authenticated: return ["kind": "authenticated"]
        case .roles(let roles):
            return ["kind": "roles", "roles": .array(roles.map(\.rawValue).sorted().map { .string($0) })]
        case .service: return ["kind": "service"]
        }
    }
}

/// An authenticated caller: a person with roles in a tenant, or another SiOpen service.
public struct Principal: Sendable, Hashable, Codable {
    /// Whether the caller is a person or a service.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A signed-in person.
        case user
        /// Another SiOpen service.
        case service
    }

    /// Person or service.
    public var kind: Kind
    /// The account id (for a service, its name).
    public var id: String
    /// The tenant (kabupaten or institution) the caller acts in; `nil` for services and cross-tenant roles.
    public var tenant: String?
    /// The agency (SKPD) of an official, if any.
    public var agency: String?
    /// The vendor a vendor's account belongs to.
    public var vendorID: String?
    /// The caller's roles.
    public var roles: Set<Role>
    /// The session this principal was authenticated by, if any.
    public var sessionID: String?

    /// Creates a principal.
    public init(
        kind: Kind, id: String, tenant: String? = nil, agency: String? = nil, vendorID: String? = nil,
        roles: Set<Role> = [], sessionID: String? = nil
    ) {
        self.kind = kind
        self.id = id
        self.tenant = tenant
        self.agency = agency
        self.vendorID = vendorID
        self.roles = roles
        self.sessionID = sessionID
    }

    /// Whether the principal holds `role`.
    public func has(_ role: Role) -> Bool { roles.contains(role) }
}
