/// Builds a service's OpenRPC 1.3 document from its dispatch table.
public enum OpenRPCDocument {
    /// The OpenRPC version written.
    public static let specVersion = "1.3.2"

    /// The document for a service serving `table` and publishing `events` (listed in the
    /// `x-events` extension member, with their payload schemas).
    public static func make(title: String, version: String, description: String, table: RPCMethodTable, events: [EventDescriptor] = []) -> JSONValue {
        var errors: [String: JSONValue] = [:]
        for code in ApplicationErrorCode.allCases {
            errors[code.name] = ["code": .integer(Int64(code.rawValue)), "message": .string(code.meaning)]
        }
        let reserved: [(String, Int, String)] = [
            ("parse_error", -32700, "The line is not valid JSON."),
            ("invalid_request", -32600, "Not a valid request object, an empty or oversized batch, or a request over the size limit."),
            ("method_not_found", -32601, "No such method on this service."),
            ("invalid_params", -32602, "The params do not fit the method; data.fields names the field."),
            ("internal_error", -32603, "An unexpected failure in the service; data.requestId points to its log line."),
        ]
        for (name, code, meaning) in reserved {
            errors[name] = ["code": .integer(Int64(code)), "message": .string(meaning)]
        }
        let methods: [JSONValue] = table.entries.keys.sorted().map { name in
            let entry = table.entries[name]!
            let params = entry.paramsSchema().schema
            var descriptors: [JSONValue] = []
            let required = Set(params["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            if let properties = params["properties"]?.objectValue {
                for key in properties.keys.sorted() {
                    descriptors.append(
                        ["name": .string(key), "required": .bool(required.contains(key)), "schema": properties[key]!])
                }
            }
            var errorRefs: [JSONValue] = [["$ref": "#/components/errors/invalid_params"]]
            switch entry.access {
            case .anyone: break
            case .authenticated, .service: errorRefs.append(["$ref": "#/components/errors/unauthenticated"])
            case .roles:
                errorRefs.append(["$ref": "#/components/errors/unauthenticated"])
                errorRefs.append(["$ref": "#/components/errors/forbidden"])
            }
            return [
                "name": .string(name),
                "summary": .string(entry.summary),
                "paramStructure": "by-name",
                "params": .array(descriptors),
                "result": ["name": .string("\(name).result"), "schema": entry.resultSchema().schema],
                "errors": .array(errorRefs),
                "x-access": entry.access.jsonValue,
                "x-idempotent": .bool(entry.isIdempotent),
                "x-max-request-bytes": .integer(Int64(entry.maxRequestBytes)),
            ]
        }
        return [
            "openrpc": .string(specVersion),
            "info": [
                "title": .string(title),
                "version": .string(version),
                "description": .string(
                    description
                        + " Transport: JSON-RPC 2.0 over a Unix domain stream socket, one JSON text per line. "
                        + "Requests may carry two extra members: \"auth\" (the session token) and "
                        + "\"idempotencyKey\" (a retry with the same key is applied once)."),
            ],
            "methods": .array(methods),
            "components": ["errors": .object(errors)],
            "x-events": .array(events.sorted { $0.type < $1.type }.map(\.openRPCEntry)),
        ]
    }
}
