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
    let hasher: PasswordHasher
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
