// Session tokens: the signer identity uses at sign-in.
import Foundation
import SiOpenProtocol
import SiOpenSecurity

// MARK: - Signing

/// Signs session tokens with one of identity's Ed25519 keys.
///
/// A token is `v1.<base64url(claims JSON)>.<base64url(signature)>`; the 64-byte signature covers
/// the ASCII bytes `v1.<claims part>`, so the version cannot be swapped without breaking it.
public struct SessionTokenSigner: Sendable {
    /// The id verifiers look the public key up by.
    public let keyID: String
    private let privateKey: Ed25519PrivateKey

    /// Creates a signer for the key published under `keyID`.
    public init(keyID: String, privateKey: Ed25519PrivateKey) {
        self.keyID = keyID
        self.privateKey = privateKey
    }

    /// The public half, to publish under ``keyID``.
    public var publicKey: Ed25519PublicKey { privateKey.publicKey }

    /// Signs `claims` and returns the token. The signer stamps its own key id (a token naming
    /// another key could never verify) and sorts the roles, so equal claims give equal tokens.
    /// - Throws: `SecurityError` if the claims could never be accepted (empty ids, a lifetime
    ///   that is not positive) or signing fails.
    public func sign(_ claims: SessionClaims) throws -> String {
        guard !keyID.isEmpty else { throw SecurityError("session token key id must not be empty") }
        guard !claims.sessionID.isEmpty, !claims.principalID.isEmpty else {
            throw SecurityError("session token needs a session id and a principal id")
        }
        guard claims.expiresAt > claims.issuedAt else {
            throw SecurityError("session token must expire after it is issued")
        }
        var canonical = claims
        canonical.keyID = keyID
        canonical.roles = Set(claims.roles).sorted { $0.rawValue < $1.rawValue }
        // Sorted keys and no slash escaping: one byte string per set of claims.
        let claimsPart = Base64URL.encode(try JSONCoding.encode(canonical))
        let signingInput = SessionTokenFormat.version + "." + claimsPart
        let signature = try privateKey.signature(for: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }
}
