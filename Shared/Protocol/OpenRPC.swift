/// Builds a service's OpenRPC 1.3 document from its dispatch table.
public enum OpenRPCDocument {
    /// The OpenRPC version written.
    public static let specVersion = "1.3.2"

    /// The document for a service serving `table`.
    public static func make(title: String, version: String, description: String, table: RPCMethodTable) -> JSONValue {
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
                    var descriptor: [String: JSONValue] = [
                        "name": .string(key), "required": .bool(required.contains(key)), "schema": properties[key]!,
                    ]
                    if let description = properties[key]?["description"] { descriptor["description"] = description }
                    descriptors.append(.object(descriptor))
                }
            }
            let errorRefs: [JSONValue] = errorNames(entry).map { ["$ref": .string("#/components/errors/\($0)")] }
            var method: [String: JSONValue] = [
                "name": .string(name),
                "summary": .string(entry.summary),
                "paramStructure": "by-name",
                "params": .array(descriptors),
                "result": resultDescriptor(name: name, schema: entry.resultSchema().schema),
                "errors": .array(errorRefs),
                "x-access": entry.access.jsonValue,
                "x-idempotent": .bool(entry.isIdempotent),
                "x-max-request-bytes": .integer(Int64(entry.maxRequestBytes)),
            ]
            // A method whose handler's errors are not declared yet: the contract completeness test refuses it.
            if entry.errors == nil { method["x-errors-undeclared"] = true }
            return .object(method)
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
        ]
    }

    /// The result descriptor: its description is the result schema's, or says what an array holds.
    static func resultDescriptor(name: String, schema: JSONValue) -> JSONValue {
        var descriptor: [String: JSONValue] = ["name": .string("\(name).result"), "schema": schema]
        if name == RPCDiscover.name { descriptor["description"] = "This service's OpenRPC 1.3 document." }
        if let description = schema["description"] ?? schema["items"]?["description"].map({ .string("A list; each: " + ($0.stringValue ?? "")) }) {
            descriptor["description"] = description
        }
        return .object(descriptor)
    }

    /// The names (in `components/errors`) of every error `entry` may return, by code: -32602 for
    /// params that do not fit; 401, 503 (sessions cannot be verified) and, for role-guarded
    /// methods, 403 from its access rule; and those its handler declares.
    static func errorNames(_ entry: RPCMethodTable.Entry) -> [String] {
        var codes: Set<Int> = [-32602]
        switch entry.access {
        case .anyone: break
        case .authenticated, .service:
            codes.formUnion([ApplicationErrorCode.unauthenticated.rawValue, ApplicationErrorCode.dependencyUnavailable.rawValue])
        case .roles:
            codes.formUnion([
                ApplicationErrorCode.unauthenticated.rawValue, ApplicationErrorCode.forbidden.rawValue,
                ApplicationErrorCode.dependencyUnavailable.rawValue,
            ])
        }
        for code in entry.errors ?? [] { codes.insert(code.rawValue) }
        return codes.sorted().map { code in ApplicationErrorCode(rawValue: code)?.name ?? "invalid_params" }
    }
}
