import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// Everything the identity handlers share: the database, the password hasher, the token signer,
/// the throttle, the document store and the clock.
struct IdentityContext: Sendable {
    let database: Database
    /// The shared password hasher; a full hashing queue answers 429.
    let hasher: IdentityPasswords
    let signer: SessionTokenSigner
    let throttle: SignInThrottle
    let documents: BlobStore
    let now: @Sendable () -> Date
    /// How long a session lasts.
    let sessionLifetime: Int64 = 12 * 3600
    /// The vendor terms version that must be accepted to register.
    let currentTermsVersion: String
    /// A hash to verify unknown logins against, so timing does not tell which logins exist.
    let dummyPasswordHash: String

    var unixNow: Int64 { Int64(now().timeIntervalSince1970) }
    var timestamp: String { Timestamp.iso8601(now()) }

    static func newID() -> String { UUID().uuidString.lowercased() }
}

/// Identity's door to the password hasher: the same calls, with a full hashing queue turned into
/// the 429 every caller understands (`data.retryAfterSeconds`) instead of an internal error.
struct IdentityPasswords: Sendable {
    let hasher: PasswordHasher

    /// Hashes a new password.
    func hash(_ password: String) async throws -> String {
        do { return try await hasher.hash(password) } catch let busy as PasswordHashingBusy { throw Self.refusal(busy) }
    }

    /// Checks a password against a stored hash.
    func verify(_ password: String, against encoded: String) async throws -> PasswordVerification {
        do { return try await hasher.verify(password, against: encoded) } catch let busy as PasswordHashingBusy {
            throw Self.refusal(busy)
        }
    }

    static func refusal(_ busy: PasswordHashingBusy) -> RPCError {
        var error = RPCError.rateLimited(retryAfterSeconds: busy.retryAfterSeconds)
        error.message = "Too many sign-ins are being checked right now; try again in \(busy.retryAfterSeconds) seconds"
        return error
    }
}
