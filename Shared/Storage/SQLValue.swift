import Foundation

/// A value stored in or read from SQLite: one case per SQLite storage class.
public enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit signed integer (SQLite INTEGER).
    case integer(Int64)
    /// An IEEE 754 double (SQLite REAL).
    case real(Double)
    /// UTF-8 text (SQLite TEXT).
    case text(String)
    /// Raw bytes (SQLite BLOB).
    case blob([UInt8])

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The SQLite storage class name, used in type-mismatch messages.
    var typeName: String {
        switch self {
        case .null: return "NULL"
        case .integer: return "INTEGER"
        case .real: return "REAL"
        case .text: return "TEXT"
        case .blob: return "BLOB"
        }
    }
}

/// A Swift value that can be bound as a statement parameter.
public protocol SQLBindable {
    /// The SQLite value this Swift value is stored as.
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLBindable {
    /// The value itself, so raw `SQLValue`s can be mixed with Swift values in argument lists.
    public var sqlValue: SQLValue { self }
}

extension Int64: SQLBindable {
    /// Stored as INTEGER.
    public var sqlValue: SQLValue { .integer(self) }
}

extension Int: SQLBindable {
    /// Stored as INTEGER (Int is 64-bit on every platform SiOpen supports).
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int32: SQLBindable {
    /// Stored as INTEGER.
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Bool: SQLBindable {
    /// Stored as INTEGER 1 or 0, SQLite's own boolean convention.
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Double: SQLBindable {
    /// Stored as REAL.
    public var sqlValue: SQLValue { .real(self) }
}

extension String: SQLBindable {
    /// Stored as UTF-8 TEXT.
    public var sqlValue: SQLValue { .text(self) }
}

extension Array: SQLBindable where Element == UInt8 {
    /// Stored as BLOB.
    public var sqlValue: SQLValue { .blob(self) }
}

extension Data: SQLBindable {
    /// Stored as BLOB.
    public var sqlValue: SQLValue { .blob([UInt8](self)) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    /// `nil` is stored as NULL; a present value as its wrapped value.
    public var sqlValue: SQLValue {
        switch self {
        case .none: return .null
        case .some(let wrapped): return wrapped.sqlValue
        }
    }
}
