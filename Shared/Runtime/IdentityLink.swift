import Foundation
import SiOpenProtocol
import SiOpenSecurity

/// A public key that signs session tokens.
public struct PublicKeyInfo: Codable, Sendable, Hashable {
    /// Key id, as in the token's `keyID`.
    public var keyID: String
    /// The Ed25519 public key, base64url without padding.
    public var publicKey: String

    /// Creates it.
    public init(keyID: String, publicKey: String) {
        self.keyID = keyID
        self.publicKey = publicKey
    }
}

/// `auth.publicKeys` (identity): the keys every service verifies tokens with.
public enum AuthPublicKeys: RPCMethod {
    public static let name = "auth.publicKeys"
    public static let summary =
        "The Ed25519 public keys that sign session tokens, so every service verifies tokens locally."
    public static let access = Access.anyone
    public static let errors: [ApplicationErrorCode]? = []
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = [PublicKeyInfo]
}

/// `auth.revocations` (identity): ended sessions and revoked principals after a cursor.
/// Entries carry only opaque ids, so anyone may read them.
public enum AuthRevocations: RPCMethod {
    public static let name = "auth.revocations"
    public static let summary =
        "Ended sessions and revoked principals after a cursor (limit 1–1000, default 1000); every service polls it so sign-out, blocking and password changes take effect everywhere within 60 seconds."
    public static let access = Access.anyone
    public static let errors: [ApplicationErrorCode]? = [.validationFailed]
    public static let isIdempotent = true
    public typealias Params = CursorParams
    public typealias Result = RevocationPage
}

/// How a service other than identity authenticates callers: it verifies tokens locally with
/// identity's public keys and polls identity's revocation list, both over identity's socket
/// (`SIOPEN_IDENTITY_SOCKET`, default `<data-dir>/run/identity.sock`).
public enum IdentityLink {
    /// Identity's socket for a service configured as `configuration`.
    public static func identitySocket(for configuration: ServiceConfiguration) -> String {
        configuration.peerSocketPath("identity")
    }

    /// A verifier wired to identity, refreshing revocations in the background.
    public static func authenticator(for environment: ServiceEnvironment) -> any RequestAuthenticator {
        authenticator(for: environment, now: { Date() })
    }

    /// A verifier wired to identity whose expiry checks read `now` (a test's clock that stands still).
    public static func authenticator(for environment: ServiceEnvironment, now: @escaping @Sendable () -> Date)
        -> any RequestAuthenticator
    {
        let client = RPCClient(
            socketPath: identitySocket(for: environment.configuration), serviceName: "identity",
            defaultTimeout: .seconds(5))
        let verifier = SessionTokenVerifier(
            keys: { try decodeKeys(try await client.call(AuthPublicKeys.self, EmptyParams())) },
            revocations: { after in try await client.call(AuthRevocations.self, CursorParams(after: after, limit: 1000))
            }, clock: { Int64(now().timeIntervalSince1970) })
        verifier.startPeriodicRefresh()
        return verifier
    }

    /// This service's own token for `.service` methods of other services: `SIOPEN_SERVICE_TOKEN`,
    /// else the file `<data-dir>/keys/<service>.token` (re-read on every call, so a renewed
    /// token is picked up without a restart). `siopen up` writes and renews these files;
    /// `siopen-identity service-token --service NAME` issues one by hand.
    public static func serviceToken(for configuration: ServiceConfiguration) -> String? {
        if let token = ProcessInfo.processInfo.environment["SIOPEN_SERVICE_TOKEN"], !token.isEmpty { return token }
        let path = "\(configuration.dataDirectory)/keys/\(configuration.serviceName).token"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    /// Public keys by id from their published form.
    public static func decodeKeys(_ infos: [PublicKeyInfo]) throws -> [String: Ed25519PublicKey] {
        var keys: [String: Ed25519PublicKey] = [:]
        for info in infos {
            guard let raw = Base64URL.decode(info.publicKey) else {
                throw RPCError.dependencyUnavailable("identity published a malformed key \(info.keyID)")
            }
            keys[info.keyID] = try Ed25519PublicKey(rawRepresentation: raw)
        }
        return keys
    }
}

/// The tables every service carries: the audit trail and the event feed. Put this SQL in a
/// service's first migration.
public enum SharedSchema {
    /// The audit trail's and event feed's tables.
    public static let sql = AuditTrail.schemaSQL + "\n" + EventFeed.schemaSQL
}
