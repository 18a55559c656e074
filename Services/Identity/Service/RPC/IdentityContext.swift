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

/// The caller of a handler that requires sign-in (the runtime has already checked the role).
func caller(_ context: RequestContext) throws -> Principal {
    guard let principal = context.principal else { throw RPCError.unauthenticated() }
    return principal
}

/// Whether `principal` may see or act on records of `tenant`: their own tenant, or any for
/// Super Admin and (reading only) the national monitor.
func requireTenant(_ principal: Principal, _ tenant: String?, reading: Bool = false) throws {
    if principal.has(.superAdmin) { return }
    if reading && principal.has(.monitor) { return }
    guard let tenant, principal.tenant == tenant else {
        throw RPCError.forbidden("this record belongs to another tenant")
    }
}

/// JSON text of a value, for columns holding JSON.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try JSONCoding.encode(value), as: UTF8.self)
}

/// A value from a JSON column.
func fromJSONText<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try JSONCoding.decode(type, from: Array(text.utf8))
}

/// A `YYYY-MM-DD` date, or a 422 naming `field`.
func requireCivilDate(_ text: String, field: String) throws {
    let parts = text.split(separator: "-")
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
        let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
        (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day),
        DateComponents(calendar: Calendar(identifier: .gregorian), year: year, month: month, day: day).isValidDate
    else {
        throw RPCError.validationFailed(field: field, reason: "must be a real date written YYYY-MM-DD")
    }
}

/// A non-empty text of at most `max` characters, or a 422 naming `field`.
func requireText(_ text: String, field: String, max: Int = 500) throws {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty { throw RPCError.validationFailed(field: field, reason: "must not be empty") }
    if text.count > max { throw RPCError.validationFailed(field: field, reason: "must have at most \(max) characters") }
}
