// Generated: the primitive overloads the decoding container protocols require, each forwarding
// to the generic schema-recording path.

extension SchemaKeyedContainer {
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try child(key, required: false).decode(type)
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key, required: true).decode(type) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try child(key, required: false).decode(type)
    }
}

extension SchemaUnkeyedContainer {
    mutating func decode(_ type: Bool.Type) throws -> Bool { try decode(type as Bool.Type, generic: ()) }
    mutating func decode(_ type: String.Type) throws -> String { try decode(type as String.Type, generic: ()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try decode(type as Double.Type, generic: ()) }
    mutating func decode(_ type: Float.Type) throws -> Float { try decode(type as Float.Type, generic: ()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try decode(type as Int.Type, generic: ()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decode(type as Int8.Type, generic: ()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decode(type as Int16.Type, generic: ()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decode(type as Int32.Type, generic: ()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decode(type as Int64.Type, generic: ()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decode(type as UInt.Type, generic: ()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(type as UInt8.Type, generic: ()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(type as UInt16.Type, generic: ()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(type as UInt32.Type, generic: ()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(type as UInt64.Type, generic: ()) }
    mutating func decode<T: Decodable>(_ type: T.Type, generic: Void) throws -> T {
        let items = SchemaBox(depth: box.depth + 1)
        box.items = items
        return try items.decode(type)
    }
}

extension SchemaSingleValueContainer {
    func decode(_ type: Bool.Type) throws -> Bool { try box.decode(type) }
    func decode(_ type: String.Type) throws -> String { try box.decode(type) }
    func decode(_ type: Double.Type) throws -> Double { try box.decode(type) }
    func decode(_ type: Float.Type) throws -> Float { try box.decode(type) }
    func decode(_ type: Int.Type) throws -> Int { try box.decode(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try box.decode(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try box.decode(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try box.decode(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try box.decode(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try box.decode(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try box.decode(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try box.decode(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try box.decode(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try box.decode(type) }
}
