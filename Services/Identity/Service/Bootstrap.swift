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
            return fail("usage: siopen-identity create-super-admin --username U --email E --name \"Full Name\" [--data-dir DIR] < password-file")
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
            let id = try createSuperAdmin(configuration: configuration, username: username, email: email, fullName: fullName, password: password)
            FileHandle.standardOutput.write(Data("created Super Admin \(username) (\(id))\n".utf8))
            return 0
        } catch let error as RPCError {
            return fail(error.message)
        } catch {
            return fail("\(error)")
        }
    }

    /// Creates the first Super Admin; throws if one exists or the input breaks a rule.
    public static func createSuperAdmin(configuration: ServiceConfiguration, username: String, email: String, fullName: String, password: String, now: Date = Date()) throws -> String {
        var problems: [FieldError] = []
        if let problem = AccountRules.usernameProblem(username) { problems.append(problem) }
        if let problem = AccountRules.passwordProblem(password, username: username, field: "password") { problems.append(problem) }
        let address: EmailAddress
        do { address = try EmailAddress(email) } catch { throw RPCError.validationFailed(field: "email", reason: error.reason) }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        let hash = try PasswordHasher.fromEnvironment().hashSync(password)
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory + "/db", withIntermediateDirectories: true)
        let database = try Database(path: configuration.databasePath, configuration: DatabaseConfiguration(migrations: IdentitySchema.migrations))
        defer { database.close() }
        let id = IdentityContext.newID()
        let stamp = IdentityContext.iso(now)
        try database.writeSync { db in
            if try db.queryOne("SELECT 1 FROM account WHERE roles LIKE '%\"super_admin\"%'") != nil {
                throw RPCError.conflict("a Super Admin exists already; further accounts are created with account.create")
            }
            try AccountHandlers.refuseTaken(db, username: username, email: address.value)
            try db.run(
                """
                INSERT INTO account (id, username, email, full_name, roles, password_hash, must_change_password, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, '["super_admin"]', ?, 0, 'active', ?, ?)
                """,
                arguments: [id, username, address.value, fullName, hash, stamp, stamp])
            try AuditTrail.append(db, tenant: nil, actor: nil, method: "create-super-admin", targetType: "account", targetID: id, action: "created", before: nil, after: ["username": .string(username), "roles": ["super_admin"]], at: now)
        }
        return id
    }
}
