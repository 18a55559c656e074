import Foundation
import SiOpenDomain
import SiOpenProtocol

// What every service's handlers need to check a caller and an input, in one place.

extension RequestContext {
    /// The signed-in caller of a handler (the runtime has already checked the method's access);
    /// a 401 when there is none.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw RPCError.unauthenticated() }
        return principal
    }
}

extension Principal {
    /// Refuses (403) unless this principal may see or act on records of `tenant`: their own
    /// tenant, or any for Super Admin and, when only `reading`, the national monitor.
    public func requireTenant(_ tenant: String?, reading: Bool = false) throws {
        if has(.superAdmin) { return }
        if reading && has(.monitor) { return }
        guard let tenant, self.tenant == tenant else {
            throw RPCError.forbidden("this record belongs to another tenant")
        }
    }
}

/// Input checks that answer with a 422 naming the field.
public enum InputRules {
    /// A non-empty text of at most `max` characters, free of control and invisible formatting
    /// characters (line breaks and tabs only when `multiline`; see ``freeTextProblem(_:max:multiline:)``).
    public static func requireText(_ text: String, field: String, max: Int = 500, multiline: Bool = false) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw RPCError.validationFailed(field: field, reason: "must not be empty") }
        try requireFreeText(text, field: field, max: max, multiline: multiline)
    }

    /// A real calendar date written `YYYY-MM-DD`.
    public static func requireCivilDate(_ text: String, field: String) throws {
        do { _ = try CivilDate(text) } catch { throw RPCError.validationFailed(field: field, reason: error.reason) }
    }

    /// The field problems a 422 carries (empty for other errors), to merge several checks into one answer.
    public static func fields(of error: RPCError) -> [FieldError] {
        (error.data?["fields"]?.arrayValue ?? []).compactMap { field in
            guard let name = field["field"]?.stringValue, let reason = field["reason"]?.stringValue else { return nil }
            return FieldError(field: name, reason: reason)
        }
    }
}

/// JSON stored in a text column.
public enum JSONColumn {
    /// The JSON text of `value`.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONCoding.encode(value), as: UTF8.self)
    }

    /// The value a JSON column holds.
    public static func value<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONCoding.decode(type, from: Array(text.utf8))
    }
}
