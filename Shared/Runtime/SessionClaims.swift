// Session tokens: identity signs them once at sign-in, and every service verifies them locally
// (no call to identity per request). This file holds what a token asserts; the signer, the wire
// format, the revocation list and the verifier are in the SessionToken*/Revocation* files beside it.
import Foundation
import SiOpenProtocol
import SiOpenSecurity

// MARK: - Claims

/// What a session token asserts: who the caller is, for which session, and until when.
///
/// The JSON member names are fixed by ``CodingKeys`` and are part of the token format: renaming
/// a property must not change them, or every token in circulation would stop verifying.
public struct SessionClaims: Codable, Sendable, Hashable {
    /// The session this token belongs to; revoking it (sign-out) refuses the token.
    public var sessionID: String
    /// The account id (for a service, its name).
    public var principalID: String
    /// A person or another SiOpen service.
    public var kind: Principal.Kind
    /// The tenant the caller acts in; `nil` for services and cross-tenant roles.
    public var tenant: String?
    /// The agency (SKPD) of an official, if any.
    public var agency: String?
    /// The vendor a vendor's account belongs to, so services know it without asking identity.
    public var vendorID: String?
    /// The caller's roles. The signer writes them sorted and without duplicates.
    public var roles: [Role]
    /// When identity issued the token (unix seconds).
    public var issuedAt: Int64
    /// When the token stops being accepted (unix seconds, exclusive).
    public var expiresAt: Int64
    /// The id of the identity key that signed it; the signer fills it in.
    public var keyID: String

    /// Creates claims. `keyID` may be left empty: ``SessionTokenSigner/sign(_:)`` stamps its own.
    public init(
        sessionID: String, principalID: String, kind: Principal.Kind, tenant: String? = nil, agency: String? = nil,
        vendorID: String? = nil, roles: [Role] = [], issuedAt: Int64, expiresAt: Int64, keyID: String = ""
    ) {
        self.sessionID = sessionID
        self.principalID = principalID
        self.kind = kind
        self.tenant = tenant
        self.agency = agency
        self.vendorID = vendorID
        self.roles = roles
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.keyID = keyID
    }

    /// The caller these claims describe, as handlers see it in ``RequestContext/principal``.
    public var principal: Principal {
        Principal(
            kind: kind, id: principalID, tenant: tenant, agency: agency, vendorID: vendorID, roles: Set(roles),
            sessionID: sessionID)
    }

    /// Short, stable wire names: the token rides on every request line.
    enum CodingKeys: String, CodingKey {
        case sessionID = "sid"
        case principalID = "sub"
        case kind
        case tenant
        case agency
        case vendorID = "vnd"
        case roles
        case issuedAt = "iat"
        case expiresAt = "exp"
        case keyID = "kid"
    }

    /// Decodes claims, dropping role names this build does not know: identity may add a role
    /// before every service is redeployed, and granting fewer roles is the safe way to lag.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sessionID = try container.decode(String.self, forKey: .sessionID)
        principalID = try container.decode(String.self, forKey: .principalID)
        kind = try container.decode(Principal.Kind.self, forKey: .kind)
        tenant = try container.decodeIfPresent(String.self, forKey: .tenant)
        agency = try container.decodeIfPresent(String.self, forKey: .agency)
        vendorID = try container.decodeIfPresent(String.self, forKey: .vendorID)
        roles = try container.decode([String].self, forKey: .roles).compactMap(Role.init(rawValue:))
        issuedAt = try container.decode(Int64.self, forKey: .issuedAt)
        expiresAt = try container.decode(Int64.self, forKey: .expiresAt)
        keyID = try container.decode(String.self, forKey: .keyID)
    }
}
