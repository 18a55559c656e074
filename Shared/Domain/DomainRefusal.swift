// The one error every service's rules throw. It says what kind of refusal it is and why, in
// words a person can act on; the RPC layer turns it into the wire error (Shared/Runtime/DomainRefusal+RPC.swift),
// so rules never build JSON-RPC error objects themselves.
import SiOpenProtocol

/// A rule's refusal: the kind, a message for a person, and what the kind carries (the record's
/// current state for a conflict, each field and reason for a validation failure, the entity and
/// id of what was not found).
///
/// The constructors mirror the wire errors they become (403, 409, 422, 404), so a rule reads
/// `throw .conflict("…", currentState: …)` whichever layer it sits in.
public struct DomainRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of refusal this is.
    public enum Kind: Sendable, Hashable {
        /// The party may never do this (role, tenant, agency or ownership): 403.
        case forbidden
        /// The record's state (or version) does not allow it now: 409.
        case conflict
        /// The input broke a rule; ``DomainRefusal/fields`` names each field: 422.
        case validation
        /// The named record does not exist: 404.
        case notFound
    }

    /// What kind of refusal this is.
    public let kind: Kind
    /// A short sentence for a person.
    public let message: String
    /// For a conflict, the state the record is in (published as `data.currentState`).
    public let currentState: String?
    /// For a validation failure, each field and why (published as `data.fields`).
    public let fields: [FieldError]
    /// For not found, what kind of record and its id (published as `data.entity` and `data.id`).
    public let entity: (name: String, id: String)?

    private init(
        kind: Kind, message: String, currentState: String? = nil, fields: [FieldError] = [],
        entity: (name: String, id: String)? = nil
    ) {
        self.kind = kind
        self.message = message
        self.currentState = currentState
        self.fields = fields
        self.entity = entity
    }

    /// The party may never do this.
    public static func forbidden(_ message: String) -> DomainRefusal {
        DomainRefusal(kind: .forbidden, message: message)
    }

    /// The record's current state does not allow this.
    public static func conflict(_ message: String, currentState: String? = nil) -> DomainRefusal {
        DomainRefusal(kind: .conflict, message: message, currentState: currentState)
    }

    /// The input broke one or more rules; each field is named with the reason.
    public static func validationFailed(_ fields: [FieldError]) -> DomainRefusal {
        let summary = fields.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")
        return DomainRefusal(kind: .validation, message: "Validation failed: \(summary)", fields: fields)
    }

    /// One field broke a rule.
    public static func validationFailed(field: String, reason: String) -> DomainRefusal {
        validationFailed([FieldError(field: field, reason: reason)])
    }

    /// The named record does not exist.
    public static func notFound(_ what: String, id: String) -> DomainRefusal {
        DomainRefusal(kind: .notFound, message: "\(what) \(id) was not found", entity: (what, id))
    }

    /// The message, with the kind.
    public var description: String { "\(kind): \(message)" }

    public static func == (lhs: DomainRefusal, rhs: DomainRefusal) -> Bool {
        lhs.kind == rhs.kind && lhs.message == rhs.message && lhs.currentState == rhs.currentState
            && lhs.fields == rhs.fields
            && lhs.entity?.name == rhs.entity?.name && lhs.entity?.id == rhs.entity?.id
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(message)
        hasher.combine(currentState)
        hasher.combine(fields)
        hasher.combine(entity?.name)
        hasher.combine(entity?.id)
    }
}
