/// Builds a service's OpenRPC 1.3 document from its dispatch table.
public enum OpenRPCDocument {
    /// The OpenRPC version written.
    public static let specVersion = "1.3.2"

    /// The document for a service serving `table` and publishing `events` (listed in the
    /// `x-events` extension member, with their payload schemas); each method shows its recorded
    /// `examples` (those of methods the table does not serve are left out).
    public static func make(
        title: String, version: String, description: String, table: RPCMethodTable, events: [EventDescriptor] = [],
        examples: [OpenRPCExample] = []
    ) -> JSONValue {
        let examplesByMethod = Dictionary(grouping: examples, by: \.method)
        var errors: [String: JSONValue] = [:]
        for code in ApplicationErrorCode.allCases {
            errors[code.name] = ["code": .integer(Int64(code.rawValue)), "message": .string(code.meaning)]
        }
        let reserved: [(String, Int, String)] = [
            ("parse_error", -32700, "The line is not valid JSON."),
            (
                "invalid_request", -32600,
                "Not a valid request object, an empty or oversized batch, or a request over the size limit."
            ),
            ("method_not_found", -32601, "No such method on this service."),
            ("invalid_params", -32602, "The params do not fit the method; data.fields names the field."),
            ("internal_error", -32603, "An unexpected failure in the service; data.requestId points to its log line."),
        ]
        for (name, code, meaning) in reserved {
            errors[name] = ["code": .integer(Int64(code)), "message": .string(meaning)]
        }
        let methods: [JSONValue] = table.entries.keys.sorted(by: documentOrder).map { name in
            let entry = table.entries[name]!
            let params = entry.paramsSchema().schema
            var descriptors: [JSONValue] = []
            let required = Set(params["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            if let properties = params["properties"]?.objectValue {
                // Required params first: generated clients turn the list into a signature, where an
                // optional (defaulted) argument may not precede a required one. Params are by-name,
                // so the order means nothing on the wire.
                for key in requiredFirst(properties.keys, required: required) {
                    var descriptor: [String: JSONValue] = [
                        "name": .string(key), "required": .bool(required.contains(key)), "schema": properties[key]!,
                    ]
                    if let description = properties[key]?["description"] { descriptor["description"] = description }
                    descriptors.append(.object(descriptor))
                }
            }
            // Error objects inline, not `$ref`: several client generators do not follow references there.
            let errorRefs: [JSONValue] = errorNames(entry).compactMap { errors[$0] }
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
            if let recorded = examplesByMethod[name], !recorded.isEmpty {
                let order = descriptors.compactMap { $0["name"]?.stringValue }
                method["examples"] = .array(recorded.map { $0.pairing(paramOrder: order) })
            }
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
                        + "\"idempotencyKey\" (a retry with the same key is applied once). "
                        + "Calendar days are \"YYYY-MM-DD\" in the tenant's time zone; timestamps ISO 8601 UTC text, or Unix seconds where the schema is an integer; "
                        + "money integer rupiah; info.version follows semantic versioning."),
            ],
            "methods": .array(methods),
            "components": ["errors": .object(errors)],
            "x-events": .array(events.sorted { $0.type < $1.type }.map(\.openRPCEntry)),
        ]
    }

    /// The order of methods in the document: by area (the name up to its last dot), then by verb,
    /// except that verbs naming a Python builtin type (`list`, `set`, …) come last in their area.
    /// Generated Python clients define an area's methods in document order in one class, where a
    /// method `list` would shadow the builtin in every later annotation (`list[str]`) and the
    /// client would not import.
    public static func documentOrder(_ a: String, _ b: String) -> Bool {
        func key(_ name: String) -> (area: String, shadows: Bool, verb: String) {
            guard let dot = name.lastIndex(of: ".") else { return (name, false, "") }
            let verb = String(name[name.index(after: dot)...])
            return (String(name[..<dot]), pythonBuiltinTypes.contains(verb), verb)
        }
        let (x, y) = (key(a), key(b))
        if x.area != y.area { return x.area < y.area }
        if x.shadows != y.shadows { return !x.shadows }
        return x.verb < y.verb
    }

    static let pythonBuiltinTypes: Set<String> = [
        "list", "dict", "set", "tuple", "str", "int", "float", "bool", "bytes", "type",
    ]

    /// `names` ordered required first, then optional, each group alphabetically.
    public static func requiredFirst(_ names: some Sequence<String>, required: Set<String>) -> [String] {
        names.sorted { a, b in
            let (ra, rb) = (required.contains(a), required.contains(b))
            return ra != rb ? ra : a < b
        }
    }

    /// The result descriptor: its description is the result schema's, or says what an array holds.
    static func resultDescriptor(name: String, schema: JSONValue) -> JSONValue {
        var descriptor: [String: JSONValue] = ["name": .string("\(name).result"), "schema": schema]
        if name == RPCDiscover.name { descriptor["description"] = "This service's OpenRPC 1.3 document." }
        if let description = schema["description"]
            ?? schema["items"]?["description"].map({ .string("A list; each: " + ($0.stringValue ?? "")) })
        {
            descriptor["description"] = description
        }
        return .object(descriptor)
    }

    /// The names (in `components/errors`) of every error `entry` may return, by code: -32602 for
    /// params that do not fit; 401, 503 (sessions cannot be verified) and, for role-guarded
    /// methods, 403 from its access rule; 503 for writes (a maintenance window); and those its
    /// handler declares.
    static func errorNames(_ entry: RPCMethodTable.Entry) -> [String] {
        var codes: Set<Int> = [-32602]
        switch entry.access {
        case .anyone: break
        case .authenticated, .service:
            codes.formUnion([
                ApplicationErrorCode.unauthenticated.rawValue, ApplicationErrorCode.dependencyUnavailable.rawValue,
            ])
        case .roles:
            codes.formUnion([
                ApplicationErrorCode.unauthenticated.rawValue, ApplicationErrorCode.forbidden.rawValue,
                ApplicationErrorCode.dependencyUnavailable.rawValue,
            ])
        }
        for code in entry.errors ?? [] { codes.insert(code.rawValue) }
        // A write refused during a maintenance window (data.reason `maintenance`, data.retryAfterSeconds).
        if !entry.servedDuringMaintenance { codes.insert(ApplicationErrorCode.dependencyUnavailable.rawValue) }
        return codes.sorted().map { code in ApplicationErrorCode(rawValue: code)?.name ?? "invalid_params" }
    }
}
