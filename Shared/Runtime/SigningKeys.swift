import Foundation
import SiOpenSecurity
import SiOpenStorage

/// A service's own Ed25519 signing key (identity signs sessions with it, orders seals legal
/// documents), made on first start and kept in the service's database so it survives restarts.
public enum SigningKeys {
    /// The table that holds the keys; part of the migrations of every service that signs.
    public static let schemaSQL = """
        CREATE TABLE IF NOT EXISTS signing_key (
            key_id TEXT PRIMARY KEY,
            private_key BLOB NOT NULL,
            created_at TEXT NOT NULL
        );
        """

    /// The newest key, made and stored now if there is none.
    public static func current(_ database: Database, now: @escaping @Sendable () -> Date) throws -> Ed25519PrivateKey {
        let raw: [UInt8] = try database.writeSync { db in
            if let row = try db.queryOne("SELECT private_key FROM signing_key ORDER BY created_at DESC LIMIT 1") {
                return try row.blob(0)
            }
            let key = Ed25519PrivateKey()
            try db.run(
                "INSERT INTO signing_key (key_id, private_key, created_at) VALUES (?, ?, ?)",
                keyID(of: key.publicKey), key.rawRepresentation, Timestamp.iso8601(now()))
            return key.rawRepresentation
        }
        return try Ed25519PrivateKey(rawRepresentation: raw)
    }

    /// A key's published id: the first 16 hex digits of its public key's SHA-256.
    public static func keyID(of key: Ed25519PublicKey) -> String {
        String(SHA256.hexDigest(key.rawRepresentation).prefix(16))
    }
}
