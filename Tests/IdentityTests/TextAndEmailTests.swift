import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage
import SiOpenTestSupport
import Testing

/// Hostile text in names and codes, and one spelling per email address.
@Suite("Identity text and email rules")
struct TextAndEmailTests {
    /// The params of a new PPK of DINKES, as JSON, so a test can send what a typed client would not.
    func accountParams(_ username: String, email: String, fullName: String = "Siti Rahmah") throws -> JSONValue {
        let params = AccountCreateParams(
            username: username, email: try EmailAddress("placeholder@pemkab.go.id"), fullName: fullName, roles: [.ppk],
            tenant: "balangan", agency: "DINKES",
            assignment: AssignmentLetter(number: "800/12/2026", date: "2026-01-05", issuer: "Bupati"),
            initialPassword: "initial-pass-1", nip: try NIP("198501012010011001"))
        return replacing(try JSONCoding.value(params), "email", with: .string(email))
    }

    @Test func namesAndCodesRefuseHostileCharacters() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let root = fixture.superAdmin
            // A right-to-left override in the name printed as the PPK's signature.
            let bidi = await rpcError {
                _ = try await client.callRaw(
                    method: AccountCreate.name,
                    params: try accountParams("ppk-bidi", email: "bidi@pemkab.go.id", fullName: "Siti \u{202E}hamhaR"),
                    token: root)
            }
            #expect(bidi?.code == 422)
            #expect(fieldNames(bidi) == ["fullName"])
            // Zero-width and control characters, and line breaks in a one-line name.
            for name in ["Siti\u{200B}Rahmah", "Siti\u{0007}Rahmah", "Siti\nRahmah", "Siti\u{2066}Rahmah\u{2069}"] {
                let error = await rpcError {
                    _ = try await client.callRaw(
                        method: AccountCreate.name,
                        params: try accountParams("ppk-zw", email: "zw@pemkab.go.id", fullName: name), token: root)
                }
                #expect(fieldNames(error) == ["fullName"], "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            // An over-long name.
            let long = await rpcError {
                _ = try await client.callRaw(
                    method: AccountCreate.name,
                    params: try accountParams(
                        "ppk-long", email: "long@pemkab.go.id", fullName: String(repeating: "A", count: 201)),
                    token: root)
            }
            #expect(long?.code == 422)
            #expect(fieldNames(long) == ["fullName"])
            // 200 characters are fine.
            _ = try await client.callRaw(
                method: AccountCreate.name,
                params: try accountParams(
                    "ppk-200", email: "p200@pemkab.go.id", fullName: String(repeating: "A", count: 200)), token: root)

            // A Cyrillic Е (U+0415) in an agency code looks like DINKES on every document.
            let lookAlike = await rpcError {
                _ = try await client.call(
                    AgencyCreate.self, AgencyInfo(tenant: "balangan", code: "DINK\u{0415}S", name: "Dinas Kesehatan"),
                    token: root)
            }
            #expect(lookAlike?.code == 422)
            #expect(fieldNames(lookAlike) == ["code"])
            let tenantLookAlike = await rpcError {
                _ = try await client.call(
                    TenantCreate.self,
                    TenantInfo(code: "b\u{0430}langan", name: "Kabupaten Balangan", domicileRegionCodes: ["6311"]),
                    token: root)
            }
            #expect(fieldNames(tenantLookAlike) == ["code"])
            // Arabic-Indic digits are numbers to Swift, but not region codes.
            let digits = await rpcError {
                _ = try await client.call(
                    TenantCreate.self,
                    TenantInfo(
                        code: "tabalong", name: "Kabupaten Tabalong",
                        domicileRegionCodes: ["\u{0666}\u{0663}\u{0661}\u{0669}"]), token: root)
            }
            #expect(fieldNames(digits) == ["domicileRegionCodes[0]"])
            let bidiName = await rpcError {
                _ = try await client.call(
                    AgencyCreate.self, AgencyInfo(tenant: "balangan", code: "DISDIK", name: "Dinas \u{202E}Pendidikan"),
                    token: root)
            }
            #expect(fieldNames(bidiName) == ["name"])
            #expect(
                try await client.call(
                    AgencyCreate.self, AgencyInfo(tenant: "balangan", code: "DISDIK_2", name: "Dinas Pendidikan"),
                    token: root
                ).code == "DISDIK_2")

            // Vendors: a hidden character anywhere in a registration is named by its path.
            var registration = try registration(70)
            registration.bankAccount.holderName = "CV Maju\u{200F} 70"
            let vendorError = await rpcError { _ = try await client.call(VendorRegister.self, registration) }
            #expect(fieldNames(vendorError) == ["bankAccount.holderName"])
            // Helpdesk bodies keep their line breaks.
            let ticket = try await client.call(
                HelpdeskOpen.self, TicketOpenParams(subject: "Tidak bisa masuk", body: "Baris satu\nBaris dua"),
                token: fixture.tokens[.ppk]!)
            #expect(ticket.subject == "Tidak bisa masuk")
            let badTicket = await rpcError {
                _ = try await client.call(
                    HelpdeskOpen.self, TicketOpenParams(subject: "Tidak\u{202D} bisa", body: "x"),
                    token: fixture.tokens[.ppk]!)
            }
            #expect(fieldNames(badTicket) == ["subject"])
        }
    }

    @Test func twoAccountsCannotDifferOnlyByTheCaseOfTheirEmail() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let root = fixture.superAdmin
            let first = try await client.callRaw(
                method: AccountCreate.name, params: try accountParams("ppk-siti", email: "Siti.Rahmah@Pemkab.GO.ID"),
                token: root)
            #expect(first["email"]?.stringValue == "siti.rahmah@pemkab.go.id")
            for spelling in ["siti.rahmah@pemkab.go.id", "SITI.RAHMAH@pemkab.go.id", "Siti.Rahmah@pemkab.go.id"] {
                let error = await rpcError {
                    _ = try await client.callRaw(
                        method: AccountCreate.name, params: try accountParams("ppk-siti2", email: spelling), token: root
                    )
                }
                #expect(error?.code == 422, "\(spelling)")
                #expect(fieldNames(error) == ["email"], "\(spelling)")
            }
            // A vendor registering with a differently cased spelling of a vendor's address.
            var sameEmail = try registration(71)
            let params = replacing(
                try JSONCoding.value(sameEmail), "email", with: .string(fixture.vendor.email.uppercased()))
            let error = await rpcError { _ = try await client.callRaw(method: VendorRegister.name, params: params) }
            #expect(fieldNames(error).contains("email"))
            sameEmail.email = try EmailAddress("Vendor71@Example.co.id")
            #expect(try await client.call(VendorRegister.self, sameEmail).email == "vendor71@example.co.id")
            // Sign-in by the address in any case finds the one account.
            let session = try await client.call(
                AuthSignIn.self, SignInParams(login: "SITI.RAHMAH@pemkab.go.id", password: "initial-pass-1"))
            #expect(session.account.username == "ppk-siti")
        }
    }

    @Test func theMigrationLowercasesEmailsAndListsRowsThatWouldCollide() async throws {
        let directory = try makeShortTemporaryDirectory(prefix: "siem")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/identity.sqlite"
        let migrations = IdentityService.makeDefinition().migrations
        // A database as the first version of identity left it, with two accounts one mailbox apart.
        let old = try Database(
            path: path, configuration: DatabaseConfiguration(migrations: migrations.filter { $0.version == 1 }))
        try old.writeSync { db in
            for (id, username, email) in [
                ("a1", "budi1", "Budi@Pemkab.go.id"), ("a2", "budi2", "budi@pemkab.go.id"),
                ("a3", "siti", "Siti.Rahmah@pemkab.go.id"), ("a4", "ani", "ani@pemkab.go.id"),
            ] {
                try db.run(
                    """
                    INSERT INTO account (id, username, email, full_name, roles, password_hash, status, created_at, updated_at)
                    VALUES (?, ?, ?, 'Nama', '["ppk"]', 'x', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                    """, id, username, email)
            }
        }
        old.close()
        let migrated = try Database(path: path, configuration: DatabaseConfiguration(migrations: migrations))
        defer { migrated.close() }
        let emails = try migrated.readSync { db in
            try db.query("SELECT id, email FROM account ORDER BY id").map { (try $0.string(0), try $0.string(1)) }
        }
        #expect(
            emails.map(\.1) == [
                "Budi@Pemkab.go.id", "budi@pemkab.go.id", "siti.rahmah@pemkab.go.id", "ani@pemkab.go.id",
            ])
        let conflicts = try migrated.readSync { db in
            try db.query("SELECT account_id FROM email_case_conflict ORDER BY account_id").map { try $0.string(0) }
        }
        #expect(conflicts == ["a1", "a2"])
    }
}
