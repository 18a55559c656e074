import Foundation

/// A type that states its own JSON Schema, for types whose decoding validates its input (an
/// enum, a NIK, a date) and so cannot be inferred by decoding a placeholder.
public protocol JSONSchemaDescribing: Decodable {
    /// The JSON Schema of the encoded value.
    static var jsonSchema: JSONValue { get }
    /// Any valid value, used while inferring the schemas of types that contain this one.
    static var schemaExample: Self { get }
}

/// String-backed enums describe themselves as a JSON Schema `enum` of their raw values.
extension JSONSchemaDescribing where Self: CaseIterable & RawRepresentable, RawValue == String {
    public static var jsonSchema: JSONValue {
        ["type": "string", "enum": .array(allCases.map { .string($0.rawValue) })]
    }
    public static var schemaExample: Self { allCases.first! }
}

extension Role: JSONSchemaDescribing {}

/// Infers JSON Schemas of `Decodable` types by decoding a placeholder value and recording which
/// members the type asks for and of which type. Optional members are not required.
public enum JSONSchemaInference {
    /// The schema of `type`, or the error that stopped inference (a type that should conform to
    /// ``JSONSchemaDescribing``); the partial schema is still returned alongside.
    public static func schema<T: Decodable>(for type: T.Type) -> (schema: JSONValue, error: (any Error)?) {
        let box = SchemaBox(depth: 0)
        do {
            _ = try box.decode(type)
            return (box.schema, nil)
        } catch {
            return (box.schema, error)
        }
    }
}

final class SchemaBox {
    let depth: Int
    var kind: Kind = .unknown
    var properties: [(String, SchemaBox)] = []
    var required: [String] = []
    var items: SchemaBox?
    var fixed: JSONValue?
    var title: String?
    var typeDescription: String?
    var fieldDescriptions: [String: String] = [:]

    enum Kind { case unknown, object, array, string, integer, number, boolean, fixed }

    init(depth: Int) { self.depth = depth }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        title = String(describing: type)
        if let described = type as? any SchemaDescribed.Type {
            typeDescription = described.schemaDescription
            fieldDescriptions = described.fieldDescriptions
        }
        if let described = type as? any JSONSchemaDescribing.Type {
            kind = .fixed
            fixed = described.jsonSchema
            return described.schemaExample as! T
        }
        if depth > 24 {
            kind = .fixed
            fixed = [:]
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "\(type) nests too deeply to infer"))
        }
        if type == String.self {
            kind = .string
            return "" as! T
        }
        if type == Bool.self {
            kind = .boolean
            return false as! T
        }
        if type == Double.self || type == Float.self {
            kind = .number
            return (type == Double.self ? 0.0 as Double as! T : Float(0) as! T)
        }
        if let value = Self.integerPlaceholder(type) {
            kind = .integer
            return value
        }
        if type == JSONValue.self {
            kind = .fixed
            fixed = [:]
            return JSONValue.null as! T
        }
        return try T(from: SchemaDecoder(box: self, codingPath: []))
    }

    static func integerPlaceholder<T>(_ type: T.Type) -> T? {
        switch type {
        case is Int.Type: return (0 as Int) as? T
        case is Int64.Type: return (0 as Int64) as? T
        case is Int32.Type: return (0 as Int32) as? T
        case is Int16.Type: return (0 as Int16) as? T
        case is Int8.Type: return (0 as Int8) as? T
        case is UInt.Type: return (0 as UInt) as? T
        case is UInt64.Type: return (0 as UInt64) as? T
        case is UInt32.Type: return (0 as UInt32) as? T
        case is UInt16.Type: return (0 as UInt16) as? T
        case is UInt8.Type: return (0 as UInt8) as? T
        default: return nil
        }
    }

    var schema: JSONValue {
        guard let typeDescription else { return bareSchema }
        return SchemaDescriptionMerge.describing(bareSchema, with: typeDescription, merge: kind == .fixed)
    }

    var bareSchema: JSONValue {
        switch kind {
        case .unknown: return [:]
        case .fixed: return fixed ?? [:]
        case .string: return ["type": "string"]
        case .integer: return ["type": "integer"]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .array: return ["type": "array", "items": items?.schema ?? [:]]
        case .object:
            var members: [String: JSONValue] = ["type": "object"]
            var props: [String: JSONValue] = [:]
            for (name, box) in properties {
                props[name] = SchemaDescriptionMerge.describing(
                    box.schema, with: fieldDescriptions[name], merge: box.kind == .fixed)
            }
            members["properties"] = .object(props)
            if !required.isEmpty { members["required"] = .array(required.map { .string($0) }) }
            if let title { members["title"] = .string(title) }
            return .object(members)
        }
    }
}

struct SchemaDecoder: Decoder {
    let box: SchemaBox
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        box.kind = .object
        return KeyedDecodingContainer(SchemaKeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        box.kind = .array
        return SchemaUnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SchemaSingleValueContainer(box: box, codingPath: codingPath)
    }
}

struct SchemaKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let box: SchemaBox
    var codingPath: [any CodingKey]
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func child(_ key: Key, required: Bool) -> SchemaBox {
        let child = SchemaBox(depth: box.depth + 1)
        box.properties.append((key.stringValue, child))
        if required { box.required.append(key.stringValue) }
        return child
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try child(key, required: true).decode(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try child(key, required: false).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let nested = child(key, required: true)
        nested.kind = .object
        return KeyedDecodingContainer(SchemaKeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let nested = child(key, required: true)
        nested.kind = .array
        return SchemaUnkeyedContainer(box: nested, codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder { SchemaDecoder(box: box, codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        SchemaDecoder(box: child(key, required: true), codingPath: codingPath + [key])
    }
}

struct SchemaUnkeyedContainer: UnkeyedDecodingContainer {
    let box: SchemaBox
    var codingPath: [any CodingKey]
    var count: Int? { 1 }
    var isAtEnd: Bool { box.items != nil }
    var currentIndex: Int { box.items == nil ? 0 : 1 }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let items = SchemaBox(depth: box.depth + 1)
        box.items = items
        return try items.decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let items = SchemaBox(depth: box.depth + 1)
        box.items = items
        items.kind = .object
        return KeyedDecodingContainer(SchemaKeyedContainer<NestedKey>(box: items, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let items = SchemaBox(depth: box.depth + 1)
        box.items = items
        items.kind = .array
        return SchemaUnkeyedContainer(box: items, codingPath: codingPath)
    }

    mutating func superDecoder() throws -> any Decoder { SchemaDecoder(box: box, codingPath: codingPath) }
}

struct SchemaSingleValueContainer: SingleValueDecodingContainer {
    let box: SchemaBox
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try box.decode(type) }
}
