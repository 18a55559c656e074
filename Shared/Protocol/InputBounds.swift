// Documented bounds on the integer members of a method's params, declared once per params type:
// the dispatch table checks them on every call (422 naming the field) and rpc.discover shows them
// as JSON Schema `minimum`/`maximum`, so what is enforced and what is documented cannot differ.

/// The inclusive range allowed for one integer member of a params object.
///
/// `path` names the member the way a 422 names a field, with `[]` standing for every element of
/// an array: `quantity`, `items[].quantity`, `price.regions[].unitPrice`. An absent or `null`
/// member is not checked (whether it is required is the decoder's business).
public struct IntegerBound: Sendable, Hashable {
    /// The member's path, `[]` for every array element.
    public let path: String
    /// The values allowed, both ends included.
    public let range: ClosedRange<Int64>

    /// The bound `range` on the member at `path`.
    public init(_ path: String, _ range: ClosedRange<Int64>) {
        self.path = path
        self.range = range
    }

    /// This bound on the same member of a value nested at `prefix` (`items[]`, `offer`).
    public func nested(under prefix: String) -> IntegerBound {
        IntegerBound(path.hasPrefix("[") ? prefix + path : prefix + "." + path, range)
    }
}

extension Array where Element == IntegerBound {
    /// These bounds on a value nested at `prefix`, e.g. the bounds of a line under `items[]`.
    public func nested(under prefix: String) -> [IntegerBound] { map { $0.nested(under: prefix) } }
}

/// Params whose integer members (quantities, prices, costs, counts, day counts) have documented
/// bounds. The dispatch table checks every call's params against ``integerBounds`` after decoding
/// and before the handler runs, and adds them to the params schema in `rpc.discover`.
public protocol BoundedParams {
    /// Every bounded member.
    static var integerBounds: [IntegerBound] { get }
}

/// Checking and documenting ``IntegerBound``s.
public enum InputBounds {
    /// Throws 422 naming every member of `params` that lies outside its bound (`items[2].quantity`:
    /// "must be from 1 to 1000000"). Numbers that are not whole are refused too; numbers beyond
    /// `Int64` never get here, since decoding refuses them first (-32602).
    public static func check(_ params: JSONValue?, against bounds: [IntegerBound]) throws(RPCError) {
        guard let params, !bounds.isEmpty else { return }
        var problems: [FieldError] = []
        for bound in bounds {
            visit(params, steps: steps(of: bound.path)[...], field: "") { value, field in
                guard case .number(let text) = value else { return }
                if let number = Int64(text), bound.range.contains(number) { return }
                problems.append(
                    FieldError(
                        field: field, reason: "must be from \(bound.range.lowerBound) to \(bound.range.upperBound)"))
            }
        }
        guard problems.isEmpty else { throw .validationFailed(problems) }
    }

    /// `schema` (an inferred params schema) with `minimum` and `maximum` set at each bound's path.
    public static func annotate(_ schema: JSONValue, with bounds: [IntegerBound]) -> JSONValue {
        var result = schema
        for bound in bounds {
            result = annotating(result, steps: steps(of: bound.path)[...], range: bound.range)
        }
        return result
    }

    /// The params schema of `type` as `rpc.discover` shows it: inferred, then annotated with its
    /// bounds when it declares any.
    public static func schema<T: Decodable>(for type: T.Type) -> (schema: JSONValue, error: (any Error)?) {
        let inferred = JSONSchemaInference.schema(for: type)
        guard let bounded = type as? any BoundedParams.Type else { return inferred }
        return (annotate(inferred.schema, with: bounded.integerBounds), inferred.error)
    }

    /// Checks `params` against the bounds `type` declares, if it declares any.
    public static func check<T>(_ params: JSONValue?, for type: T.Type) throws(RPCError) {
        guard let bounded = type as? any BoundedParams.Type else { return }
        try check(params, against: bounded.integerBounds)
    }

    private enum Step {
        case key(String)
        case everyElement
    }

    private static func steps(of path: String) -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var elements = 0
            while name.hasSuffix("[]") {
                name = name.dropLast(2)
                elements += 1
            }
            if !name.isEmpty { steps.append(.key(String(name))) }
            steps += Array(repeating: .everyElement, count: elements)
        }
        return steps
    }

    private static func visit(
        _ value: JSONValue, steps: ArraySlice<Step>, field: String, _ body: (JSONValue, String) -> Void
    ) {
        guard let step = steps.first else {
            body(value, field.isEmpty ? "params" : field)
            return
        }
        switch (step, value) {
        case (.key(let key), .object(let members)):
            guard let member = members[key], member != .null else { return }
            visit(member, steps: steps.dropFirst(), field: field.isEmpty ? key : "\(field).\(key)", body)
        case (.everyElement, .array(let elements)):
            for (index, element) in elements.enumerated() {
                visit(element, steps: steps.dropFirst(), field: "\(field)[\(index)]", body)
            }
        default:
            return
        }
    }

    private static func annotating(_ schema: JSONValue, steps: ArraySlice<Step>, range: ClosedRange<Int64>) -> JSONValue
    {
        guard case .object(var members) = schema else { return schema }
        guard let step = steps.first else {
            members["minimum"] = .integer(range.lowerBound)
            members["maximum"] = .integer(range.upperBound)
            return .object(members)
        }
        switch step {
        case .key(let key):
            guard case .object(var properties)? = members["properties"], let property = properties[key] else {
                return schema
            }
            properties[key] = annotating(property, steps: steps.dropFirst(), range: range)
            members["properties"] = .object(properties)
        case .everyElement:
            guard let items = members["items"] else { return schema }
            members["items"] = annotating(items, steps: steps.dropFirst(), range: range)
        }
        return .object(members)
    }
}
