import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Signing keys in key files, not in databases; the start-up permission check and its override.
@Suite("Signing keys and private files")
struct SigningKeysTests {
    static let migrations = [Migration(version: 1, name: "keys", sql: SigningKeys.schemaSQL + SharedSchema.sql)]

    static func configuration(_ directory: String, allowInsecure: Bool = false) -> ServiceConfiguration {
        var configuration = ServiceConfiguration(serviceName: "rtkeys", dataDirectory: directory, logLevel: .error)
        configuration.allowInsecurePermissions = allowInsecure
        return configuration
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("a key an older version kept in the database moves to its key file and leaves no byte behind")
    func legacyKeyMovesOutOfTheDatabase() async throws {
        try await withDataDirectory { directory in
            let configuration = Self.configuration(directory)
            // What older versions did: the private key in the signing_key table.
            let legacy = Ed25519PrivateKey()
            let legacyID = SigningKeys.keyID(of: legacy.publicKey)
            let old = try Database(
                path: configuration.databasePath, configuration: DatabaseConfiguration(migrations: Self.migrations))
            try old.writeSync { db in
                try db.run(
                    "INSERT INTO signing_key (key_id, private_key, created_at) VALUES (?, ?, ?)", legacyID,
                    legacy.rawRepresentation,
                    "2026-01-01T00:00:00.000Z")
            }
            old.close()
            // The operator's fix the start-up check asks for: chmod -R go-rwx.
            #expect(chmod(directory + "/db", 0o700) == 0 && chmod(configuration.databasePath, 0o600) == 0)
            let before = try Data(contentsOf: URL(fileURLWithPath: configuration.databasePath))
            #expect(
                before.range(of: Data(legacy.rawRepresentation)) != nil, "the setup did not store the key in the file")

            let database = try ServiceHost.openDatabase(configuration, migrations: Self.migrations)
            let keys = try SigningKeys.load(database, configuration: configuration)
            let rows = try database.readSync { try $0.queryOne("SELECT count(*) FROM signing_key")!.int64(0) }
            database.close()

            #expect(keys.currentKeyID == legacyID, "the moved key signs on")
            #expect(keys.publicKeys[legacyID] == legacy.publicKey)
            #expect(rows == 0)
            let keyFile = SigningKeys.keyPath(configuration)
            #expect(try Data(contentsOf: URL(fileURLWithPath: keyFile)) == Data(legacy.rawRepresentation))
            #expect(try Self.mode(keyFile) == 0o600)
            #expect(try Self.mode(configuration.keysDirectory) == 0o700)
            for suffix in ["", "-wal"] {
                guard let bytes = FileManager.default.contents(atPath: configuration.databasePath + suffix) else {
                    continue
                }
                #expect(
                    bytes.range(of: Data(legacy.rawRepresentation)) == nil,
                    "the database\(suffix) still carries the private key")
            }
        }
    }

    @Test("rotation signs with a new key and keeps every earlier public key")
    func rotationKeepsOldPublicKeys() async throws {
        try await withDataDirectory { directory in
            let configuration = Self.configuration(directory)
            let database = try ServiceHost.openDatabase(configuration, migrations: Self.migrations)
            defer { database.close() }
            let first = try SigningKeys.load(database, configuration: configuration)
            let again = try SigningKeys.load(database, configuration: configuration)
            #expect(again.currentKeyID == first.currentKeyID, "a second load makes no new key")
            let message = Array("signed before the rotation".utf8)
            let signature = try first.current.signature(for: message)

            let second = try SigningKeys.rotate(database, configuration: configuration)
            #expect(second.currentKeyID != first.currentKeyID)
            #expect(Set(second.publicKeys.keys) == [first.currentKeyID, second.currentKeyID])
            #expect(second.publicKeys[first.currentKeyID]?.isValidSignature(signature, for: message) == true)
            let reloaded = try SigningKeys.load(database, configuration: configuration)
            #expect(reloaded.currentKeyID == second.currentKeyID)
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: SigningKeys.keyPath(configuration)))
                    == Data(second.current.rawRepresentation))
            // No private key in the database, old or new.
            let tables = try database.readSync { db in
                try db.query("SELECT * FROM signing_public_key").map { try $0.blob(1) }
            }
            #expect(
                !tables.contains(first.current.rawRepresentation) && !tables.contains(second.current.rawRepresentation))
        }
    }

    @Test("a key file group or others may read is refused, unless insecure permissions are allowed")
    func openKeyFileIsRefused() async throws {
        try await withDataDirectory { directory in
            let configuration = Self.configuration(directory)
            let database = try ServiceHost.openDatabase(configuration, migrations: Self.migrations)
            defer { database.close() }
            _ = try SigningKeys.load(database, configuration: configuration)
            #expect(chmod(SigningKeys.keyPath(configuration), 0o644) == 0)
            #expect(throws: SecureFileError.self) { try SigningKeys.load(database, configuration: configuration) }
            #expect(throws: SecureFileError.self) { try ServiceHost.preparePrivateDataFolder(configuration) }
            let allowed = Self.configuration(directory, allowInsecure: true)
            _ = try SigningKeys.load(database, configuration: allowed)
            try ServiceHost.preparePrivateDataFolder(allowed)
        }
    }

    @Test("the start-up check names a database, its WAL, and a data folder others may read")
    func startUpCheckNamesEveryOpenPath() async throws {
        try await withDataDirectory { directory in
            let configuration = Self.configuration(directory)
            let database = try ServiceHost.openDatabase(configuration, migrations: Self.migrations)
            database.close()
            #expect(SecureFiles.insecurePaths(of: configuration).isEmpty)
            #expect(try Self.mode(configuration.databasePath) == 0o600, "the database is created private")
            #expect(try Self.mode(directory + "/db") == 0o700)
            #expect(chmod(configuration.databasePath, 0o604) == 0)
            #expect(chmod(directory, 0o750) == 0)
            let problems = SecureFiles.insecurePaths(of: configuration)
            #expect(problems.count == 2, "\(problems)")
            #expect(problems.contains { $0.hasPrefix(configuration.databasePath + " ") })
            #expect(problems.contains { $0.hasPrefix(directory + " ") })
            // Passing through (0710) to reach the sockets is allowed for the data folder only.
            #expect(chmod(directory, 0o710) == 0)
            #expect(chmod(configuration.databasePath, 0o600) == 0)
            #expect(SecureFiles.insecurePaths(of: configuration).isEmpty)
            #expect(chmod(directory, 0o700) == 0)
        }
    }

    @Test("--allow-insecure-permissions and SIOPEN_ALLOW_INSECURE_PERMISSIONS=1 turn the check into a warning")
    func insecurePermissionsFlag() throws {
        let plain = try ServiceConfiguration.fromCommandLine(serviceName: "orders", arguments: [], environment: [:])
        #expect(!plain.allowInsecurePermissions)
        let flag = try ServiceConfiguration.fromCommandLine(
            serviceName: "orders", arguments: ["--allow-insecure-permissions"], environment: [:])
        #expect(flag.allowInsecurePermissions)
        let environment = try ServiceConfiguration.fromCommandLine(
            serviceName: "orders", arguments: [], environment: ["SIOPEN_ALLOW_INSECURE_PERMISSIONS": "1"])
        #expect(environment.allowInsecurePermissions)
        let other = try ServiceConfiguration.fromCommandLine(
            serviceName: "orders", arguments: [], environment: ["SIOPEN_ALLOW_INSECURE_PERMISSIONS": "yes"])
        #expect(!other.allowInsecurePermissions)
    }
}
