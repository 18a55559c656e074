// Descriptions for inferred JSON Schemas. Schemas are inferred from Codable types at run time,
// where `///` comments are not visible; the generator (see `README.md`, "Contract descriptions")
// copies each Codable type's and member's `///` comment into a committed
// `SchemaDescriptions.generated.swift` of the type's module, which conforms the type to
// ``SchemaDescribed``. Schema inference and the OpenRPC document then show them as JSON Schema
// `description`s.

/// A Codable type whose JSON Schema carries descriptions: of the type itself and of its members
/// (by their JSON member name).
public protocol SchemaDescribed {
    /// What a value of the type is; for an enum, also what each value means.
    static var schemaDescription: String { get }
    /// Each member's description, by JSON member name: meaning, unit, bounds and format.
    static var fieldDescriptions: [String: String] { get }
}

extension SchemaDescribed {
    /// No member descriptions (an enum, a single-value type).
    public static var fieldDescriptions: [String: String] { [:] }
}

enum SchemaDescriptionMerge {
    /// `schema` with `description` set to `field`; with `merge`, followed by what the schema
    /// says of itself when that adds something (the unit of a `Rupiah`, the format of a date, the
    /// values of an enum).
    static func describing(_ schema: JSONValue, with field: String?, merge: Bool) -> JSONValue {
        guard let field, case .object(var members) = schema else { return schema }
        if merge, let own = members["description"]?.stringValue, !own.isEmpty, own != field, !field.contains(own) {
            members["description"] = .string(field.hasSuffix(".") ? "\(field) \(own)" : "\(field). \(own)")
        } else {
            members["description"] = .string(field)
        }
        return .object(members)
    }
}
