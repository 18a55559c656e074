import Foundation
import SiOpenProtocol
import SiOpenStorage

/// Makes a creating write apply once per idempotency key: a client that retries a call whose
/// answer it lost (a timeout, a dropped connection) sends the same `idempotencyKey` and gets the
/// first call's result instead of a second record. Updates need no key: they carry the version
/// they read, so a repeat is refused as a conflict.
public enum IdempotentWrite {
    /// The table of answered keys; part of the migrations of every service that creates records.
    public static let schemaSQL = """
        CREATE TABLE idempotent_write (
            principal TEXT NOT NULL,
            method TEXT NOT NULL,
            key TEXT NOT NULL,
            result TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (principal, method, key)
        ) STRICT;
        """

    /// Runs `body` in the caller's transaction unless this caller already sent `request`'s
    /// method with its idempotency key, in which case the stored result is returned. Without a
    /// key (or a signed-in caller) `body` simply runs.
    public static func once<Result: Codable>(
        _ db: Connection, _ request: RequestContext, at: Date, _ body: () throws -> Result
    ) throws -> Result {
        guard let key = request.idempotencyKey, let principal = request.principal else { return try body() }
        if let row = try db.queryOne(
            "SELECT result FROM idempotent_write WHERE principal = ? AND method = ? AND key = ?", principal.id,
            request.method, key)
        {
            return try JSONCoding.decode(Result.self, from: Array(try row.string(0).utf8))
        }
        let result = try body()
        try db.run(
            "INSERT INTO idempotent_write (principal, method, key, result, created_at) VALUES (?, ?, ?, ?, ?)",
            principal.id, request.method, key, String(decoding: try JSONCoding.encode(result), as: UTF8.self),
            Timestamp.iso8601(at))
        return result
    }
}
