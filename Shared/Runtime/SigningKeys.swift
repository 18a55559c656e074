import Foundation
import SiOpenSecurity
import SiOpenStorage

/// A service's signing keys: the current private key, which signs, and the public half of
/// every key it has signed with, which verify what was signed before a rotation.
public struct SigningKeyring: Sendable {
    /// The key that signs now.
    public let current: Ed25519PrivateKey
    /// Its published id (``SigningKeys/keyID(of:)``).
    public let currentKeyID: String
    /// Every public key by id, the current one and every earlier one.
    public let publicKeys: [String: Ed25519PublicKey]
}

/// A service's own Ed25519 signing key (identity signs sessions with it, orders seals legal
/// documents), made on first start.
///
/// The private key lives in its own file, `<data>/keys/<service>.signing.key` (32 raw bytes,
/// mode 0600 in a 0700 folder), never in the database, so a copy or backup of the database does
/// not carry it. The database keeps the public half of every key the service has used
/// (`signing_public_key`), so tokens and documents signed before a rotation still verify.
public enum SigningKeys {
    /// The table that held private keys before they moved to key files; part of the first
    /// migration of every service that signs, and emptied by ``moveLegacyKeys(_:configuration:)``.
    public static let schemaSQL = """
        CREATE TABLE IF NOT EXISTS signing_key (
            key_id TEXT PRIMARY KEY,
            private_key BLOB NOT NULL,
            created_at TEXT NOT NULL
        );
        """

    /// The public keys, created on first use rather than by a numbered migration, so every
    /// service that signs gets it without renumbering its own migrations.
    static let publicKeysSQL = """
        CREATE TABLE IF NOT EXISTS signing_public_key (
            key_id TEXT PRIMARY KEY,
            public_key BLOB NOT NULL,
            created_at TEXT NOT NULL
        );
        """

    /// `<data>/keys/<service>.signing.key`.
    public static func keyPath(_ configuration: ServiceConfiguration) -> String {
        "\(configuration.keysDirectory)/\(configuration.serviceName).signing.key"
    }

    /// The current key from its file (made now if there is none) and every public key.
    public static func load(
        _ database: Database, configuration: ServiceConfiguration, now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> SigningKeyring {
        let path = keyPath(configuration)
        var raw = try SecureFiles.readSecret(at: path, allowInsecure: configuration.allowInsecurePermissions)
        if raw == nil {
            try SecureFiles.createPrivateDirectory(configuration.keysDirectory)
            // Of two processes making the first key at once (the launcher's service-token
            // command and the service), one wins and both use its key.
            _ = try SecureFiles.createSecretIfAbsent(Ed25519PrivateKey().rawRepresentation, at: path)
            raw = try SecureFiles.readSecret(at: path, allowInsecure: configuration.allowInsecurePermissions)
        }
        guard let raw else { throw SecureFileError("the signing key \(path) disappeared while it was being made") }
        let key: Ed25519PrivateKey
        do {
            key = try Ed25519PrivateKey(rawRepresentation: raw)
        } catch {
            throw SecureFileError("the signing key \(path) is not a 32-byte Ed25519 key: \(error)")
        }
        let id = keyID(of: key.publicKey)
        let stamp = Timestamp.iso8601(now())
        let publicKeys = try database.writeSync { db in
            try db.execute(publicKeysSQL)
            try db.run(
                "INSERT OR IGNORE INTO signing_public_key (key_id, public_key, created_at) VALUES (?, ?, ?)",
                id, key.publicKey.rawRepresentation, stamp)
            return try Self.publicKeys(db)
        }
        return SigningKeyring(current: key, currentKeyID: id, publicKeys: publicKeys)
    }

    /// Replaces the current key with a new one; earlier public keys stay for verification. The
    /// old private key is overwritten. A running service picks the new key up when it restarts.
    public static func rotate(
        _ database: Database, configuration: ServiceConfiguration, now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> SigningKeyring {
        // Make sure the outgoing key's public half is recorded before its file is replaced.
        _ = try load(database, configuration: configuration, now: now)
        try SecureFiles.writeSecret(Ed25519PrivateKey().rawRepresentation, to: keyPath(configuration))
        return try load(database, configuration: configuration, now: now)
    }

    /// Every public key recorded in `connection`'s database, by id.
    public static func publicKeys(_ connection: Connection) throws -> [String: Ed25519PublicKey] {
        var keys: [String: Ed25519PublicKey] = [:]
        guard
            try connection.queryOne("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'signing_public_key'")
                != nil
        else {
            return keys
        }
        for row in try connection.query("SELECT key_id, public_key FROM signing_public_key") {
            keys[try row.string(0)] = try Ed25519PublicKey(rawRepresentation: try row.blob(1))
        }
        return keys
    }

    /// Moves private keys that older versions kept in the `signing_key` table out of the
    /// database: the newest becomes the key file (unless one exists), every one's public half is
    /// recorded, and the rows are deleted with `secure_delete` on, so the freed pages are zeroed.
    /// Returns whether it removed any; the caller then closes and reopens the database, which
    /// checkpoints the WAL into the main file and removes it, so no copy of the file still
    /// carries the old bytes. The key file is written (and synced) before the rows go, so a crash
    /// in between loses nothing.
    public static func moveLegacyKeys(_ database: Database, configuration: ServiceConfiguration) throws -> Bool {
        let legacy: [(id: String, key: [UInt8], createdAt: String)] = try database.readSync { db in
            guard try db.queryOne("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'signing_key'") != nil
            else { return [] }
            return try db.query("SELECT key_id, private_key, created_at FROM signing_key ORDER BY created_at").map {
                (try $0.string(0), try $0.blob(1), try $0.string(2))
            }
        }
        guard let newest = legacy.last else { return false }
        let keys = try legacy.map { try Ed25519PrivateKey(rawRepresentation: $0.key) }
        try SecureFiles.createPrivateDirectory(configuration.keysDirectory)
        _ = try SecureFiles.createSecretIfAbsent(newest.key, at: keyPath(configuration))
        try database.writeSync { db in
            try db.execute(publicKeysSQL)
            for (row, key) in zip(legacy, keys) {
                try db.run(
                    "INSERT OR IGNORE INTO signing_public_key (key_id, public_key, created_at) VALUES (?, ?, ?)",
                    keyID(of: key.publicKey), key.publicKey.rawRepresentation, row.createdAt)
            }
            try db.execute("PRAGMA secure_delete = ON")
            try db.run("DELETE FROM signing_key")
        }
        return true
    }

    /// A key's published id: the first 16 hex digits of its public key's SHA-256.
    public static func keyID(of key: Ed25519PublicKey) -> String {
        String(SHA256.hexDigest(key.rawRepresentation).prefix(16))
    }
}
