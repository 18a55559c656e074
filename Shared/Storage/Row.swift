/// Column names of one result set, shared by all its rows so each row stays small.
final class ColumnLayout: Sendable {
    let names: [String]
    private let exact: [String: Int]
    private let folded: [String: Int]

    init(names: [String]) {
        self.names = names
        var exact: [String: Int] = [:]
        var folded: [String: Int] = [:]
        // First occurrence wins, like SQLite's own name resolution for duplicate result columns.
        for (index, name) in names.enumerated() {
            if exact[name] == nil { exact[name] = index }
            let key = name.lowercased()
            if folded[key] == nil { folded[key] = index }
        }
        self.exact = exact
        self.folded = folded
    }

    /// Exact match first, then case-insensitive, since SQL identifiers are case-insensitive.
    func index(of name: String) -> Int? {
        exact[name] ?? folded[name.lowercased()]
    }
}

/// One result row. Values are copied out of SQLite, so a row is safe to keep and send anywhere.
public struct Row: Sendable {
    let values: [SQLValue]
    let layout: ColumnLayout

    init(values: [SQLValue], layout: ColumnLayout) {
        self.values = values
        self.layout = layout
    }

    /// Result column names, in order.
    public var columnNames: [String] { layout.names }

    /// Number of columns.
    public var count: Int { values.count }

    /// The value at a column index; `.null` when the index is out of range.
    public subscript(_ index: Int) -> SQLValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// The value of a column by name (case-insensitive fallback); `.null` when absent.
    public subscript(_ name: String) -> SQLValue {
        guard let index = layout.index(of: name) else { return .null }
        return values[index]
    }

    // MARK: Typed accessors

    /// The INTEGER at `column`; throws ``StorageError/typeMismatch(column:expected:found:)`` otherwise.
    public func int64(_ column: Int) throws -> Int64 { try Self.int64(try resolve(column)) }
    /// The INTEGER in the named column; throws on NULL, other types, or a missing column.
    public func int64(_ name: String) throws -> Int64 { try Self.int64(try resolve(name)) }
    /// The INTEGER at `column`, or nil for NULL.
    public func optionalInt64(_ column: Int) throws -> Int64? { try Self.optional(try resolve(column), Self.int64) }
    /// The INTEGER in the named column, or nil for NULL.
    public func optionalInt64(_ name: String) throws -> Int64? { try Self.optional(try resolve(name), Self.int64) }

    /// The INTEGER at `column` as `Int`.
    public func int(_ column: Int) throws -> Int { Int(try int64(column)) }
    /// The INTEGER in the named column as `Int`.
    public func int(_ name: String) throws -> Int { Int(try int64(name)) }

    /// The TEXT at `column`; throws on NULL or other types.
    public func string(_ column: Int) throws -> String { try Self.string(try resolve(column)) }
    /// The TEXT in the named column; throws on NULL or other types.
    public func string(_ name: String) throws -> String { try Self.string(try resolve(name)) }
    /// The TEXT at `column`, or nil for NULL.
    public func optionalString(_ column: Int) throws -> String? { try Self.optional(try resolve(column), Self.string) }
    /// The TEXT in the named column, or nil for NULL.
    public func optionalString(_ name: String) throws -> String? { try Self.optional(try resolve(name), Self.string) }

    /// The REAL (or INTEGER, widened) at `column`; throws on NULL or other types.
    public func double(_ column: Int) throws -> Double { try Self.double(try resolve(column)) }
    /// The REAL (or INTEGER, widened) in the named column.
    public func double(_ name: String) throws -> Double { try Self.double(try resolve(name)) }
    /// The REAL at `column`, or nil for NULL.
    public func optionalDouble(_ column: Int) throws -> Double? { try Self.optional(try resolve(column), Self.double) }
    /// The REAL in the named column, or nil for NULL.
    public func optionalDouble(_ name: String) throws -> Double? { try Self.optional(try resolve(name), Self.double) }

    /// The INTEGER at `column` as a Bool (non-zero is true).
    public func bool(_ column: Int) throws -> Bool { try Self.bool(try resolve(column)) }
    /// The INTEGER in the named column as a Bool (non-zero is true).
    public func bool(_ name: String) throws -> Bool { try Self.bool(try resolve(name)) }
    /// The Bool at `column`, or nil for NULL.
    public func optionalBool(_ column: Int) throws -> Bool? { try Self.optional(try resolve(column), Self.bool) }
    /// The Bool in the named column, or nil for NULL.
    public func optionalBool(_ name: String) throws -> Bool? { try Self.optional(try resolve(name), Self.bool) }

    /// The BLOB at `column`; throws on NULL or other types.
    public func blob(_ column: Int) throws -> [UInt8] { try Self.blob(try resolve(column)) }
    /// The BLOB in the named column; throws on NULL or other types.
    public func blob(_ name: String) throws -> [UInt8] { try Self.blob(try resolve(name)) }
    /// The BLOB at `column`, or nil for NULL.
    public func optionalBlob(_ column: Int) throws -> [UInt8]? { try Self.optional(try resolve(column), Self.blob) }
    /// The BLOB in the named column, or nil for NULL.
    public func optionalBlob(_ name: String) throws -> [UInt8]? { try Self.optional(try resolve(name), Self.blob) }

    // MARK: Resolution and conversion

    /// A value plus a label naming its column for error messages.
    private typealias Cell = (value: SQLValue, label: String)

    private func resolve(_ index: Int) throws -> Cell {
        guard values.indices.contains(index) else {
            throw StorageError.noSuchColumn("at index \(index) (the row has \(values.count) columns)")
        }
        let name = layout.names.indices.contains(index) ? layout.names[index] : "?"
        return (values[index], "\(index) (\(name))")
    }

    private func resolve(_ name: String) throws -> Cell {
        guard let index = layout.index(of: name) else {
            throw StorageError.noSuchColumn("'\(name)' (columns: \(layout.names.joined(separator: ", ")))")
        }
        return (values[index], "'\(name)'")
    }

    private static func optional<T>(_ cell: Cell, _ convert: (Cell) throws -> T) throws -> T? {
        if case .null = cell.value { return nil }
        return try convert(cell)
    }

    private static func int64(_ cell: Cell) throws -> Int64 {
        if case .integer(let value) = cell.value { return value }
        throw StorageError.typeMismatch(column: cell.label, expected: "INTEGER", found: cell.value.typeName)
    }

    private static func string(_ cell: Cell) throws -> String {
        if case .text(let value) = cell.value { return value }
        throw StorageError.typeMismatch(column: cell.label, expected: "TEXT", found: cell.value.typeName)
    }

    private static func double(_ cell: Cell) throws -> Double {
        switch cell.value {
        case .real(let value): return value
        // Aggregates such as SUM over integers yield INTEGER even for REAL-minded callers.
        case .integer(let value): return Double(value)
        default:
            throw StorageError.typeMismatch(column: cell.label, expected: "REAL", found: cell.value.typeName)
        }
    }

    private static func bool(_ cell: Cell) throws -> Bool {
        if case .integer(let value) = cell.value { return value != 0 }
        throw StorageError.typeMismatch(column: cell.label, expected: "INTEGER (boolean)", found: cell.value.typeName)
    }

    private static func blob(_ cell: Cell) throws -> [UInt8] {
        if case .blob(let value) = cell.value { return value }
        throw StorageError.typeMismatch(column: cell.label, expected: "BLOB", found: cell.value.typeName)
    }
}
