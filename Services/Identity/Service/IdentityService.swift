import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// The identity service of SiOpen: tenants and agencies, accounts and roles, vendor registration
/// and verification, sessions, the blacklist, helpdesk and announcements.
public enum IdentityService {
    /// The vendor terms version a registration must accept (`vendor.terms` serves the terms).
    public static let currentTermsVersion = VendorTermsText.current.version

    /// Its definition, with the real clock.
    public static let definition = makeDefinition()

    /// Its definition; tests pass a clock they control and may pass the password hasher (to
    /// hold its slots); by default it is ``PasswordHasher/fromEnvironment(_:)``.
    public static func makeDefinition(
        now: @escaping @Sendable () -> Date = { Date() }, passwordHasher: PasswordHasher? = nil
    ) -> ServiceDefinition {
        let contexts = ContextBox()
        return ServiceDefinition(
            name: "identity",
            summary:
                "Identity and access: tenants and agencies, accounts and roles, vendor registration and verification, sessions, the blacklist, helpdesk and announcements.",
            migrations: IdentitySchema.migrations,
            registerMethods: { table, environment in
                let context = try makeContext(
                    environment, now: now, hasher: passwordHasher ?? PasswordHasher.fromEnvironment())
                contexts.set(context)
                AccountHandlers(context: context).register(into: &table)
                VendorHandlers(context: context).register(into: &table)
                VendorStandingHandlers(context: context).register(into: &table)
                HelpdeskHandlers(context: context).register(into: &table)
            },
            makeAuthenticator: { environment in
                // Identity verifies its own tokens against its own tables, without a socket round trip.
                let database = environment.database
                let verifier = SessionTokenVerifier(
                    // Every key identity has signed with: tokens signed before a rotation still verify.
                    keys: { try await database.read { try SigningKeys.publicKeys($0) } },
                    revocations: { after in
                        try await database.read { db in try SessionStore.revocationPage(db, after: after, limit: 1000) }
                    },
                    refreshInterval: .seconds(2),
                    clock: { Int64(now().timeIntervalSince1970) })
                verifier.startPeriodicRefresh()
                return verifier
            },
            events: IdentityEvents.all, examples: ContractExamples.of("identity"))
    }

    static func makeContext(
        _ environment: ServiceEnvironment, now: @escaping @Sendable () -> Date, hasher: PasswordHasher
    ) throws -> IdentityContext {
        let key = try SigningKeys.load(environment.database, configuration: environment.configuration, now: now).current
        return IdentityContext(
            database: environment.database, hasher: IdentityPasswords(hasher: hasher),
            signer: signer(for: key),
            throttle: SignInThrottle(),
            documents: try BlobStore(directory: environment.configuration.filesDirectory + "/documents"),
            now: now, currentTermsVersion: currentTermsVersion,
            dummyPasswordHash: try hasher.hashSync(SecureRandom.token()))
    }

    /// The signer for identity's key, under its published id.
    static func signer(for key: Ed25519PrivateKey) -> SessionTokenSigner {
        SessionTokenSigner(keyID: SigningKeys.keyID(of: key.publicKey), privateKey: key)
    }
}

/// Hands the context made while registering methods to the authenticator made after it.
final class ContextBox: @unchecked Sendable {
    private let lock = NSLock()
    private var context: IdentityContext?
    func set(_ value: IdentityContext) { lock.withLock { context = value } }
    func get() throws -> IdentityContext {
        try lock.withLock {
            guard let context else { throw ConfigurationError("identity's context is not ready") }
            return context
        }
    }
}
