import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// Creating the first Super Admin of a fresh data folder. Accounts are otherwise only created by
/// administrators (Pasal 6), so the very first one is made by an operator on the server.
public enum IdentityBootstrap {
    /// `siopen-identity create-super-admin --username U --email E --name "Full Name" [--data-dir D]`:
    /// reads the password from standard input (never from the command line, where `ps` and shell
    /// history would show it). Refused once any Super Admin exists.
    public static func runCommand(_ arguments: [String]) -> Int32 {
        var username: String?
        var email: String?
        var fullName: String?
        var rest: [String] = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--username": username = remaining.popFirst()
            case "--email": email = remaining.popFirst()
            case "--name": fullName = remaining.popFirst()
            default: rest.append(argument)
            }
        }
        func fail(_ message: String) -> Int32 {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            return 64
        }
        guard let username, let email, let fullName else {
            return fail(
                "usage: siopen-identity create-super-admin --username U --email E --name \"Full Name\" [--data-dir DIR] < password-file"
            )
        }
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration.fromCommandLine(serviceName: "identity", arguments: rest)
        } catch {
            return fail("\(error)")
        }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let password = String(decoding: input, as: UTF8.self).trimmingCharacters(in: .newlines)
        do {
            let id = try createSuperAdmin(
                configuration: configuration, username: username, email: email, fullName: fullName, password: password)
            FileHandle.standardOutput.write(Data("created Super Admin \(username) (\(id))\n".utf8))
            return 0
        } catch let error as RPCError {
            return fail(error.message)
        } catch {
            return fail("\(error)")
        }
    }

    /// Creates the first Super Admin; throws if one exists or the input breaks a rule.
    public static func createSuperAdmin(
        configuration: ServiceConfiguration, username: String, email: String, fullName: String, password: String,
        now: Date = Date(), hasher: PasswordHasher = PasswordHasher.fromEnvironment()
    ) throws -> String {
        var problems: [FieldError] = []
        if let problem = AccountRules.usernameProblem(username) { problems.append(problem) }
        if let problem = AccountRules.passwordProblem(password, username: username, field: "password") {
            problems.append(problem)
        }
        do { try InputRules.requireText(fullName, field: "name", max: 200) } catch let error as RPCError {
            problems += InputRules.fields(of: error)
        }
        let address: EmailAddress
        do { address = try EmailAddress(email) } catch {
            throw RPCError.validationFailed(field: "email", reason: error.reason)
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        let hash = try hasher.hashSync(password)
        let database = try ServiceHost.openDatabase(configuration, migrations: IdentitySchema.migrations)
        defer { database.close() }
        try AuditSeal.open(configuration: configuration, database: database)
        let id = IdentityContext.newID()
        let stamp = Timestamp.iso8601(now)
        try database.writeSync { db in
            if try AccountStore.superAdminExists(db) {
                throw RPCError.conflict(
                    "a Super Admin exists already; further accounts are created with account.create")
            }
            try AccountStore.refuseTaken(db, username: username, email: address.value)
            try AccountStore.insertSuperAdmin(
                db, id: id, username: username, email: address.value, fullName: fullName, passwordHash: hash, at: stamp)
            try AuditTrail.append(
                db, tenant: nil, actor: nil, method: "create-super-admin", targetType: "account", targetID: id,
                action: "created", before: nil, after: ["username": .string(username), "roles": ["super_admin"]],
                at: now)
        }
        return id
    }
}

/// Service principals: other SiOpen services call `.service` methods (`events.read`, …) with a
/// token identity signs for them. A user token is never accepted there.
public enum ServiceTokens {
    /// The longest a service token lives; verifiers refuse longer ones, so the launcher renews.
    public static let maxLifetimeHours = 24

    /// `siopen-identity service-token --service NAME [--hours H] [--data-dir DIR]`: prints a
    /// service token for NAME, signed with identity's key, to standard output.
    public static func runCommand(_ arguments: [String]) -> Int32 {
        var service: String?
        var hours = maxLifetimeHours
        var rest: [String] = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--service": service = remaining.popFirst()
            case "--hours": hours = Int(remaining.popFirst() ?? "") ?? -1
            default: rest.append(argument)
            }
        }
        func fail(_ message: String) -> Int32 {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            return 64
        }
        guard let service, !service.isEmpty, service.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
            return fail(
                "usage: siopen-identity service-token --service NAME [--hours 1-\(maxLifetimeHours)] [--data-dir DIR]")
        }
        guard (1...maxLifetimeHours).contains(hours) else { return fail("--hours must be 1 to \(maxLifetimeHours)") }
        do {
            let configuration = try ServiceConfiguration.fromCommandLine(serviceName: "identity", arguments: rest)
            let token = try issue(configuration: configuration, service: service, hours: hours)
            FileHandle.standardOutput.write(Data((token + "\n").utf8))
            return 0
        } catch {
            return fail("\(error)")
        }
    }

    /// Signs a service token with identity's signing key (`<data>/keys/identity.signing.key`).
    public static func issue(configuration: ServiceConfiguration, service: String, hours: Int, now: Date = Date())
        throws -> String
    {
        let database = try ServiceHost.openDatabase(configuration, migrations: IdentitySchema.migrations)
        defer { database.close() }
        try AuditSeal.open(configuration: configuration, database: database)
        let key = try SigningKeys.load(database, configuration: configuration, now: { now }).current
        let issuedAt = Int64(now.timeIntervalSince1970)
        let claims = SessionClaims(
            sessionID: "service-\(service)-\(SecureRandom.token(byteCount: 9))", principalID: "service:\(service)",
            kind: .service,
            issuedAt: issuedAt, expiresAt: issuedAt + Int64(hours) * 3600)
        let token = try IdentityService.signer(for: key).sign(claims)
        try database.writeSync { db in
            try AuditTrail.append(
                db, tenant: nil, actor: nil, method: "service-token", targetType: "service", targetID: service,
                action: "token_issued", before: nil, after: ["expiresAt": .integer(claims.expiresAt)], at: now)
        }
        return token
    }
}
