// Session tokens: the v1 wire format and the refusals of a malformed or unacceptable token.
import Foundation
import SiOpenProtocol
import SiOpenSecurity

// MARK: - Parsing

/// Reads a token's claims without checking the signature.
public enum SessionTokenParsing {
    /// The claims of `token`, unverified: for logs and diagnostics only, never to decide access
    /// (anyone can write a token with any claims; only the verifier's answer counts).
    /// - Throws: ``RPCError/unauthenticated(_:)`` (reason `malformed`) if it is not a v1 token.
    public static func claims(ofUnverified token: String) throws -> SessionClaims {
        try SessionTokenFormat.parse(token).claims
    }
}

/// The v1 wire format, shared by the signer, the parser and the verifier.
enum SessionTokenFormat {
    static let version = "v1"
    /// Far above a real token (a few hundred bytes); bounds the work spent on junk input.
    static let maxTokenBytes = 8192

    /// A token split into what the signature covers and what it claims.
    struct Parsed {
        var claims: SessionClaims
        var signingInput: [UInt8]
        var signature: [UInt8]
    }

    /// Splits and decodes a token. Works on bytes so that no Unicode equivalence can make two
    /// different byte strings parse as the same token.
    static func parse(_ token: String) throws -> Parsed {
        let bytes = Array(token.utf8)
        guard !bytes.isEmpty else { throw SessionTokenRefusal.malformed("it is empty") }
        guard bytes.count <= maxTokenBytes else { throw SessionTokenRefusal.malformed("it is too long") }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw SessionTokenRefusal.malformed("it contains characters outside printable ASCII")
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw SessionTokenRefusal.malformed("it has \(parts.count) parts instead of 3")
        }
        guard parts[0].elementsEqual(version.utf8) else {
            throw SessionTokenRefusal.malformed("its version is not \(version)")
        }
        guard let claimsJSON = Base64URL.decode(String(decoding: parts[1], as: UTF8.self)), !claimsJSON.isEmpty else {
            throw SessionTokenRefusal.malformed("its claims are not base64url")
        }
        guard let signature = Base64URL.decode(String(decoding: parts[2], as: UTF8.self)), signature.count == 64 else {
            throw SessionTokenRefusal.malformed("its signature is not 64 bytes of base64url")
        }
        let claims: SessionClaims
        do {
            claims = try JSONCoding.decode(SessionClaims.self, from: claimsJSON)
        } catch {
            throw SessionTokenRefusal.malformed("its claims are not valid claims JSON")
        }
        let signingInput = Array(bytes[..<(parts[0].count + 1 + parts[1].count)])
        return Parsed(claims: claims, signingInput: signingInput, signature: signature)
    }
}

/// The 401s a token can earn. `data.reason` lets a client tell "sign in again" (expired,
/// revoked) from a bug (malformed) without parsing the message.
enum SessionTokenRefusal {
    static func refusal(_ reason: String, _ message: String) -> RPCError {
        RPCError(
            code: ApplicationErrorCode.unauthenticated.rawValue, message: message,
            data: ["kind": "unauthenticated", "reason": .string(reason)])
    }

    static func malformed(_ why: String) -> RPCError {
        refusal("malformed", "The session token is malformed: \(why)")
    }

    static let invalidSignature = refusal("invalid_signature", "The session token has an invalid signature")
    static let expired = refusal("expired", "The session token has expired")
    static let revoked = refusal("revoked", "The session token has been revoked")
    static let unknownKey = refusal("unknown_key", "The session token is signed with an unknown key")

    static func invalidClaims(_ why: String) -> RPCError {
        refusal("invalid_claims", "The session token's claims are not acceptable: \(why)")
    }
}
