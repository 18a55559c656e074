import Foundation

/// The one dispatch table of a service: every method it serves, with its declaration and handler.
public struct RPCMethodTable: Sendable {
    /// A registered method, type-erased for dispatch.
    public struct Entry: Sendable {
        /// Wire name.
        public let name: String
        /// What it does.
        public let summary: String
        /// Who may call it.
        public let access: Access
        /// Whether a client may retry it freely.
        public let isIdempotent: Bool
        /// The largest request line accepted for it.
        public let maxRequestBytes: Int
        /// The errors its handler may return (``RPCMethod/errors``), `nil` when undeclared.
        public let errors: [ApplicationErrorCode]?
        /// Whether it is served during a maintenance window: reads, and the writes that opt in
        /// (``RPCMethod/continuesDuringMaintenance``).
        public let servedDuringMaintenance: Bool
        /// JSON Schemas of params and result, inferred from the declaration's types.
        public let paramsSchema: @Sendable () -> (schema: JSONValue, error: (any Error)?)
        /// The result's schema.
        public let resultSchema: @Sendable () -> (schema: JSONValue, error: (any Error)?)
        let invoke: @Sendable (JSONValue?, RequestContext) async throws -> [UInt8]
    }

    /// Methods by name.
    public private(set) var entries: [String: Entry] = [:]

    /// An empty table.
    public init() {}

    /// Adds `method` served by `handler`. Registering a name twice is a programming error.
    public mutating func register<M: RPCMethod>(
        _ method: M.Type,
        handler: @escaping @Sendable (M.Params, RequestContext) async throws -> M.Result
    ) {
        precondition(entries[M.name] == nil, "method \(M.name) registered twice")
        entries[M.name] = Entry(
            name: M.name, summary: M.summary, access: M.access, isIdempotent: M.isIdempotent,
            maxRequestBytes: M.maxRequestBytes, errors: M.errors,
            servedDuringMaintenance: M.isIdempotent || M.continuesDuringMaintenance,
            paramsSchema: { InputBounds.schema(for: M.Params.self) },
            resultSchema: { JSONSchemaInference.schema(for: M.Result.self) },
            invoke: { params, context in
                let decoded = try ParamsDecoding.decode(M.Params.self, from: params)
                try InputBounds.check(params, for: M.Params.self)
                let result = try await handler(decoded, context)
                return try JSONCoding.encode(result)
            })
    }

    /// Adds `method` answering always with `result`, encoded once here rather than on every call
    /// (the OpenRPC document of `rpc.discover`: a few hundred kilobytes that would otherwise cost
    /// milliseconds per call). The params are still checked. A result that cannot be encoded is a
    /// programming error.
    public mutating func register<M: RPCMethod>(_ method: M.Type, constantResult result: M.Result) {
        precondition(entries[M.name] == nil, "method \(M.name) registered twice")
        guard let encoded = try? JSONCoding.encode(result) else {
            preconditionFailure("the result of \(M.name) cannot be encoded")
        }
        entries[M.name] = Entry(
            name: M.name, summary: M.summary, access: M.access, isIdempotent: M.isIdempotent,
            maxRequestBytes: M.maxRequestBytes, errors: M.errors,
            servedDuringMaintenance: M.isIdempotent || M.continuesDuringMaintenance,
            paramsSchema: { JSONSchemaInference.schema(for: M.Params.self) },
            resultSchema: { JSONSchemaInference.schema(for: M.Result.self) },
            invoke: { params, _ in
                _ = try ParamsDecoding.decode(M.Params.self, from: params)
                return encoded
            })
    }

    /// The largest request line any method accepts.
    public var maxRequestBytes: Int {
        entries.values.map(\.maxRequestBytes).max().map { max($0, RPCLimits.defaultMaxRequestBytes) }
            ?? RPCLimits.defaultMaxRequestBytes
    }
}

/// Decodes params and turns decoding failures into -32602 errors that name the field.
public enum ParamsDecoding {
    static let emptyObject: [UInt8] = Array("{}".utf8)

    /// Decodes `params` (absent means `{}`) into `type`.
    public static func decode<P: Decodable>(_ type: P.Type, from params: JSONValue?) throws -> P {
        if P.self == EmptyParams.self {
            switch params {
            case nil, .array([]): return EmptyParams() as! P
            case .object(let members) where members.isEmpty: return EmptyParams() as! P
            default: break
            }
        }
        do {
            return try JSONDecoder().decode(P.self, from: Data(params?.serialized ?? emptyObject))
        } catch let error as DecodingError {
            // Positional params reach only the types that read an array; for the rest, say so plainly.
            if case .array = params, case .typeMismatch(_, let context) = error, context.codingPath.isEmpty {
                throw RPCError.invalidParams(field: "params", reason: "must be an object with named members")
            }
            // Foundation's JSONDecoder reports a number its property cannot hold (1.5 for an Int,
            // -1 for a UInt) as "not valid JSON" with no coding path. The params are valid JSON
            // (they were parsed already), so find that number and name its field.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let params,
                let field = unfitNumberField(P.self, in: params)
            {
                throw RPCError.invalidParams(
                    field: field, reason: "is a number this field cannot hold (not whole, or out of range)")
            }
            throw invalidParams(error)
        } catch let error as RPCError {
            throw error
        }
    }

    private enum PathStep {
        case key(String)
        case index(Int)
    }

    /// The field of the number that stops decoding: numbers are set to 0 one at a time, the
    /// likely culprits (fractions, exponents, negatives, long integers) first, until decoding
    /// gets past the failure. Bounded, as it runs only for a request that is already refused.
    static func unfitNumberField<P: Decodable>(_ type: P.Type, in params: JSONValue) -> String? {
        var numbers: [(path: [PathStep], text: String)] = []
        collectNumbers(params, path: [], into: &numbers)
        func plain(_ text: String) -> Bool { Int32(text) != nil && !text.hasPrefix("-") }
        var patched = params
        for number in (numbers.filter { !plain($0.text) } + numbers.filter { plain($0.text) }).prefix(16) {
            patched = replacing(patched, at: number.path[...], with: .number("0"))
            do {
                _ = try JSONDecoder().decode(P.self, from: Data(patched.serialized))
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                continue
            } catch {}
            var field = ""
            for step in number.path {
                switch step {
                case .key(let key): field += field.isEmpty ? key : ".\(key)"
                case .index(let index): field += "[\(index)]"
                }
            }
            return field.isEmpty ? "params" : field
        }
        return nil
    }

    private static func collectNumbers(
        _ value: JSONValue, path: [PathStep], into numbers: inout [(path: [PathStep], text: String)]
    ) {
        switch value {
        case .number(let text): numbers.append((path, text))
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                collectNumbers(element, path: path + [.index(index)], into: &numbers)
            }
        case .object(let members):
            for key in members.keys.sorted() { collectNumbers(members[key]!, path: path + [.key(key)], into: &numbers) }
        default: break
        }
    }

    private static func replacing(_ value: JSONValue, at path: ArraySlice<PathStep>, with replacement: JSONValue)
        -> JSONValue
    {
        guard let step = path.first else { return replacement }
        switch (value, step) {
        case (.array(var elements), .index(let index)):
            elements[index] = replacing(elements[index], at: path.dropFirst(), with: replacement)
            return .array(elements)
        case (.object(var members), .key(let key)):
            members[key] = replacing(members[key]!, at: path.dropFirst(), with: replacement)
            return .object(members)
        default:
            return value
        }
    }

    /// The -32602 error for a decoding failure.
    public static func invalidParams(_ error: DecodingError) -> RPCError {
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidParams(field: path(context.codingPath + [key]), reason: "is required")
        case .typeMismatch(let type, let context):
            return .invalidParams(field: path(context.codingPath), reason: "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            return .invalidParams(field: path(context.codingPath), reason: "must be \(describe(type)), not null")
        case .dataCorrupted(let context):
            return .invalidParams(field: path(context.codingPath), reason: context.debugDescription)
        @unknown default:
            return .invalidParams(field: "params", reason: "\(error)")
        }
    }

    /// A coding path as `items[2].quantity`; `params` for the top level.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result.isEmpty ? "params" : result
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type, is UInt32.Type:
            return "a whole number"
        case is Double.Type, is Float.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a valid \(name)"
        }
    }
}
