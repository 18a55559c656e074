import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenTestSupport
import Testing

/// The parties as documents print them (issue 11): officials' NIP, rank and position; agencies'
/// address and NPWP; the tenant's government name, seat and emblem; the vendor's KTP domicile
/// and the documents a verifier needs; the auditors' account directory.
@Suite("Identity party data")
struct PartyDataTests {
    static let nip = "198703152010011002"

    func ppkParams(_ username: String, agency: String = "DINKES", tenant: String = "balangan") throws
        -> AccountCreateParams
    {
        AccountCreateParams(
            username: username, email: try EmailAddress("\(username)@pemkab.go.id"),
            fullName: "Hj. Siti Rahmah, S.E., M.M.", roles: [.ppk], tenant: tenant, agency: agency,
            assignment: AssignmentLetter(number: "800/77/2026", date: "2026-01-05", issuer: "Bupati Balangan"),
            initialPassword: "initial-pass-1", nip: try NIP(Self.nip), rank: "Penata Tingkat I (III/d)",
            position: "Kepala Bidang Sarana dan Prasarana")
    }

    @Test func officialsCarryNIPRankAndPosition() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let created = try await client.call(AccountCreate.self, try ppkParams("ppk-nip"), token: fixture.superAdmin)
            #expect(created.nip?.value == Self.nip)
            #expect(created.nip?.printed == "19870315 201001 1 002")
            #expect(created.rank == "Penata Tingkat I (III/d)")
            #expect(created.position == "Kepala Bidang Sarana dan Prasarana")
            #expect(created.profileVersion == 1)

            // A PPK without an NIP is refused unless marked as not a civil servant.
            var missing = try ppkParams("ppk-no-nip")
            missing.nip = nil
            let refused = await rpcError {
                _ = try await client.call(AccountCreate.self, missing, token: fixture.superAdmin)
            }
            #expect(refused?.code == 422 && fieldNames(refused) == ["nip"], "\(String(describing: refused))")
            missing.civilServant = false
            let nonASN = try await client.call(AccountCreate.self, missing, token: fixture.superAdmin)
            #expect(nonASN.nip == nil && nonASN.civilServant == false)
            // Not a civil servant yet an NIP: contradictory.
            var both = try ppkParams("ppk-both")
            both.civilServant = false
            let contradictory = await rpcError {
                _ = try await client.call(AccountCreate.self, both, token: fixture.superAdmin)
            }
            #expect(fieldNames(contradictory) == ["nip"])

            // Malformed NIPs at the boundary: 17 digits, 31 February, sex 3, appointment before birth.
            let good = try JSONCoding.value(try ppkParams("ppk-bad-nip"))
            for bad in ["19870315201001100", "198702312010011002", "198703152010013002", "198703151980011002"] {
                let error = await rpcError {
                    _ = try await client.callRaw(
                        method: AccountCreate.name, params: replacing(good, "nip", with: .string(bad)),
                        token: fixture.superAdmin)
                }
                #expect(error?.code == -32602 || error?.code == 422, "\(bad): \(String(describing: error))")
                #expect(fieldNames(error).contains("nip"), "\(bad): \(String(describing: error))")
            }
            // Hostile text in rank and position.
            for (field, value) in [("rank", "Penata\nTingkat I"), ("position", "Kepala\u{202E}Bidang"), ("rank", " ")] {
                let error = await rpcError {
                    _ = try await client.callRaw(
                        method: AccountCreate.name, params: replacing(good, field, with: .string(value)),
                        token: fixture.superAdmin)
                }
                #expect(
                    error?.code == 422 && fieldNames(error).contains(field), "\(field): \(String(describing: error))")
            }
        }
    }

    @Test func procurementOfficialIsGrantedLikeAPPK() async throws {
        try await withFixture { fixture in
            var params = try ppkParams("pejabat-pengadaan")
            params.roles = [.procurementOfficial]
            params.position = "Pejabat Pengadaan"
            let created = try await fixture.client.call(
                AccountCreate.self, params, token: fixture.tokens[.agencyAdmin]!)
            #expect(created.roles == [.procurementOfficial] && created.agency == "DINKES")
            // Not in another agency, and not without an agency.
            var elsewhere = try ppkParams("pp-pupr", agency: "PUPR")
            elsewhere.roles = [.procurementOfficial]
            let other = await rpcError {
                _ = try await fixture.client.call(AccountCreate.self, elsewhere, token: fixture.tokens[.agencyAdmin]!)
            }
            #expect(other?.code == 403)
            var none = try ppkParams("pp-none")
            none.roles = [.procurementOfficial]
            none.agency = nil
            let noAgency = await rpcError {
                _ = try await fixture.client.call(AccountCreate.self, none, token: fixture.superAdmin)
            }
            #expect(fieldNames(noAgency) == ["agency"])
        }
    }

    @Test func administratorsUpdateProfilesWithinTheirAgency() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let ppk = fixture.accounts[.ppk]!
            let update = AccountProfileParams(
                accountID: ppk.id, fullName: "Ir. Ahmad Fauzi", nip: try NIP(Self.nip), rank: "Pembina (IV/a)",
                position: "Sekretaris Dinas")
            let updated = try await client.call(AccountUpdateProfile.self, update, token: fixture.tokens[.agencyAdmin]!)
            #expect(updated.fullName == "Ir. Ahmad Fauzi" && updated.rank == "Pembina (IV/a)")
            #expect(updated.profileVersion == (ppk.profileVersion ?? 1) + 1)
            // Another tenant's agency administrator, and a PPK, may not.
            let polman = await rpcError {
                _ = try await client.call(AccountUpdateProfile.self, update, token: fixture.polmanAgencyAdmin)
            }
            #expect(polman?.code == 403)
            let own = await rpcError {
                _ = try await client.call(AccountUpdateProfile.self, update, token: fixture.tokens[.ppk]!)
            }
            #expect(own?.code == 403)
            // Clearing the NIP of a civil servant PPK is refused.
            var cleared = update
            cleared.nip = nil
            let noNIP = await rpcError {
                _ = try await client.call(AccountUpdateProfile.self, cleared, token: fixture.superAdmin)
            }
            #expect(fieldNames(noNIP) == ["nip"])
            // The change is audited with before and after.
            let entries = try await client.call(
                AuditRead.self, CursorParams(after: 0, limit: 1000), token: fixture.tokens[.auditor]!
            ).entries
            let audit = entries.last { $0.method == AccountUpdateProfile.name }
            #expect(audit?.before?["fullName"]?.stringValue == ppk.fullName)
            #expect(audit?.after?["fullName"]?.stringValue == "Ir. Ahmad Fauzi")
        }
    }

    @Test func agenciesCarryAddressAndNPWPAndOnlyTheirAdministratorsEditThem() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let disdik = AgencyInfo(
                tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan Kabupaten Balangan",
                address: "Jl. Jend. A. Yani Km. 1,5, Paringin", phone: "(0526) 2028060",
                email: try EmailAddress("dinkes@balangankab.go.id"), npwp: try NPWP(npwpText("00123456")))
            // Another tenant's agency administrator cannot edit balangan's agency; nor a sibling
            // agency's administrator, nor a PPK.
            let polman = await rpcError {
                _ = try await client.call(AgencyUpdate.self, disdik, token: fixture.polmanAgencyAdmin)
            }
            #expect(polman?.code == 403)
            var pupr = disdik
            pupr.code = "PUPR"
            let sibling = await rpcError {
                _ = try await client.call(AgencyUpdate.self, pupr, token: fixture.tokens[.agencyAdmin]!)
            }
            #expect(sibling?.code == 403)
            let ppk = await rpcError {
                _ = try await client.call(AgencyUpdate.self, disdik, token: fixture.tokens[.ppk]!)
            }
            #expect(ppk?.code == 403)
            let updated = try await client.call(AgencyUpdate.self, disdik, token: fixture.tokens[.agencyAdmin]!)
            #expect(updated.address == disdik.address && updated.npwp == disdik.npwp && updated.version == 2)
            let listed = try await client.call(AgencyList.self, TenantScope(), token: fixture.tokens[.ppk]!)
            #expect(listed.first { $0.code == "DINKES" } == updated)
            // Bad data: a broken NPWP check digit, a foreign phone number, a multi-line address.
            let good = try JSONCoding.value(disdik)
            var npwp = Array(npwpText("00123456"))
            npwp[8] = Character(String((Int(String(npwp[8]))! + 1) % 10))
            for (field, value) in [
                ("npwp", String(npwp)), ("phone", "+44 20 7946 0000"), ("address", "Jl. A. Yani\nParingin"),
            ] {
                let error = await rpcError {
                    _ = try await client.callRaw(
                        method: AgencyUpdate.name, params: replacing(good, field, with: .string(value)),
                        token: fixture.superAdmin)
                }
                #expect(
                    (error?.code == 422 || error?.code == -32602) && fieldNames(error).contains(field),
                    "\(field): \(String(describing: error))")
            }
        }
    }

    @Test func tenantsCarryGovernmentNameSeatAndRegionCodes() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let tenants = try await client.call(TenantList.self, EmptyParams(), token: fixture.superAdmin)
            let balangan = tenants.first { $0.code == "balangan" }
            #expect(balangan?.governmentName == "Pemerintah Kabupaten Balangan" && balangan?.seat == "Paringin")
            #expect(balangan?.domicileRegionCodes == ["6311"])
            let updated = try await client.call(
                TenantUpdate.self,
                TenantUpdateParams(
                    tenant: "polman", name: "Kabupaten Polewali Mandar", domicileRegionCodes: ["76.04"],
                    governmentName: "Pemerintah Kabupaten Polewali Mandar", seat: "Polewali"), token: fixture.superAdmin
            )
            #expect(updated.domicileRegionCodes == ["7604"] && updated.seat == "Polewali")
            #expect(updated.version == (tenants.first { $0.code == "polman" }?.version ?? 1) + 1)
            for codes in [["63.11.01"], ["6311x"], ["00.11"]] {
                let error = await rpcError {
                    _ = try await client.call(
                        TenantUpdate.self,
                        TenantUpdateParams(
                            tenant: "polman", name: "Kabupaten Polewali Mandar", domicileRegionCodes: codes,
                            governmentName: "Pemerintah Kabupaten Polewali Mandar", seat: "Polewali"),
                        token: fixture.superAdmin)
                }
                #expect(fieldNames(error) == ["domicileRegionCodes[0]"], "\(codes): \(String(describing: error))")
            }
            let denied = await rpcError {
                _ = try await client.call(
                    TenantUpdate.self,
                    TenantUpdateParams(
                        tenant: "balangan", name: "X", domicileRegionCodes: ["6311"], governmentName: "X", seat: "X"),
                    token: fixture.tokens[.agencyAdmin]!)
            }
            #expect(denied?.code == 403)
        }
    }

    @Test func emblemIsCheckedFromItsBytes() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let png = SampleFiles.emblemPNG
            func upload(_ bytes: [UInt8]) async -> RPCError? {
                await rpcError {
                    _ = try await client.call(
                        TenantSetEmblem.self,
                        TenantEmblemUpload(tenant: "balangan", contentBase64: Data(bytes).base64EncodedString()),
                        token: fixture.superAdmin)
                }
            }
            // Wrong magic (a PDF), truncated (no IEND), a JPEG cut short, oversized, absurd dimensions.
            var huge = png
            huge.replaceSubrange(16..<24, with: [0, 0, 0x40, 0, 0, 0, 0x40, 0])  // 16384 × 16384
            let tooBig = png + [UInt8](repeating: 0, count: 300 << 10)
            for (name, bytes) in [
                ("pdf", SampleFiles.pdf), ("truncated", Array(png.prefix(png.count - 12))),
                ("jpeg cut short", SampleFiles.jpeg), ("oversized", tooBig), ("16384 px", huge),
                ("empty chunk list", Array(png.prefix(8))),
            ] {
                let error = await upload(bytes)
                #expect(
                    error?.code == 422 && fieldNames(error) == ["contentBase64"],
                    "\(name): \(String(describing: error))")
            }
            let none = await rpcError {
                _ = try await client.call(TenantEmblemRead.self, TenantScope(), token: fixture.tokens[.ppk]!)
            }
            #expect(none?.code == 404)
            // A PPK may not set it.
            let denied = await rpcError {
                _ = try await client.call(
                    TenantSetEmblem.self,
                    TenantEmblemUpload(tenant: "balangan", contentBase64: Data(png).base64EncodedString()),
                    token: fixture.tokens[.ppk]!)
            }
            #expect(denied?.code == 403)
            let tenant = try await client.call(
                TenantSetEmblem.self,
                TenantEmblemUpload(tenant: "balangan", contentBase64: Data(png).base64EncodedString()),
                token: fixture.superAdmin)
            #expect(tenant.emblemSHA256?.count == 64)
            // Anyone signed in reads it, byte for byte.
            let read = try await client.call(TenantEmblemRead.self, TenantScope(), token: fixture.tokens[.vendor]!)
            #expect(Data(base64Encoded: read.contentBase64) == Data(png))
            #expect(read.sha256 == tenant.emblemSHA256 && read.width == 32 && read.height == 32)
            #expect(read.contentType == "image/png")
        }
    }

    @Test func domicileIsTheKTPAddressNotTheNIKPrefix() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            // A Balangan resident whose NIK was first issued in Banjarmasin (63.71).
            var resident = try registration(70, region: "6371")
            resident.ktpAddress = KTPAddress(
                street: "Jl. Putri Kabu No. 4, RT 003 RW 002, Paringin Kota", regionCode: try RegionCode("63.11.06"))
            let accepted = try await client.call(VendorRegister.self, resident)
            #expect(accepted.nik.hasPrefix("6371") && accepted.ktpAddress?.regionCode.value == "631106")
            // A Balangan-issued NIK whose holder now lives in Banjarmasin is not domiciled here.
            var moved = try registration(71)
            moved.ktpAddress = KTPAddress(street: "Jl. Lambung Mangkurat No. 1", regionCode: try RegionCode("63.71"))
            let refused = await rpcError { _ = try await client.call(VendorRegister.self, moved) }
            #expect(fieldNames(refused) == ["ktpAddress.regionCode"], "\(String(describing: refused))")
        }
    }

    @Test func verificationNeedsTheRequiredDocumentsAndTheDomicileConfirmed() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let verifier = fixture.tokens[.verifier]!
            let registered = try await fixture.scenario.registerVendor(try registration(80))
            let bare = await rpcError {
                _ = try await client.call(
                    VendorVerify.self,
                    VendorVerification(
                        vendorID: registered.info.id, version: registered.info.version, domicileConfirmed: true),
                    token: verifier)
            }
            #expect(bare?.code == 422, "\(String(describing: bare))")
            let reason = (bare?.data?["fields"]?.arrayValue ?? []).first { $0["field"] == "documents" }?["reason"]
            #expect(reason?.stringValue == "missing required documents: ktp, npwp, nib, deed, licence")
            // With only the KTP and NPWP, an entity still lacks NIB, deed and licence.
            var current = registered.info
            for type in [VendorDocumentType.ktp, .npwp] {
                current = try await client.call(
                    VendorUploadDocument.self,
                    VendorDocumentUpload(type: type, contentBase64: SampleFiles.base64(SampleFiles.pdf)),
                    token: registered.token)
            }
            let partial = await rpcError {
                _ = try await client.call(
                    VendorVerify.self,
                    VendorVerification(vendorID: current.id, version: current.version, domicileConfirmed: true),
                    token: verifier)
            }
            let partialReason = (partial?.data?["fields"]?.arrayValue ?? []).first { $0["field"] == "documents" }?[
                "reason"]
            #expect(partialReason?.stringValue == "missing required documents: nib, deed, licence")
            current = try await fixture.scenario.uploadRequiredDocuments(current, vendorToken: registered.token)
            // The verifier must confirm the KTP domicile.
            let unconfirmed = await rpcError {
                _ = try await client.call(
                    VendorVerify.self,
                    VendorVerification(vendorID: current.id, version: current.version, domicileConfirmed: false),
                    token: verifier)
            }
            #expect(fieldNames(unconfirmed) == ["domicileConfirmed"])
            let verified = try await client.call(
                VendorVerify.self,
                VendorVerification(vendorID: current.id, version: current.version, domicileConfirmed: true),
                token: verifier)
            #expect(verified.status == .verified && verified.domicileConfirmed == true)
            // An individual needs only the KTP and NPWP.
            let person = try await fixture.scenario.registerVendor(try registration(81, kind: .individual))
            let personBare = await rpcError {
                _ = try await client.call(
                    VendorVerify.self,
                    VendorVerification(
                        vendorID: person.info.id, version: person.info.version, domicileConfirmed: true),
                    token: verifier)
            }
            let personReason = (personBare?.data?["fields"]?.arrayValue ?? []).first { $0["field"] == "documents" }?[
                "reason"]
            #expect(personReason?.stringValue == "missing required documents: ktp, npwp")
        }
    }

    @Test func auditorsReadTheAccountDirectoryWithoutCredentials() async throws {
        try await withFixture { fixture in
            let client = fixture.client
            let raw = try await client.callRaw(
                method: AccountDirectory.name, params: ["tenant": "balangan"], token: fixture.tokens[.auditor]!)
            let entries = raw.arrayValue ?? []
            #expect(!entries.isEmpty)
            for entry in entries {
                #expect(entry["email"] == nil && entry["username"] == nil && entry["passwordHash"] == nil)
            }
            let directory = try await client.call(
                AccountDirectory.self, TenantScope(), token: fixture.tokens[.auditor]!)
            let ppk = fixture.accounts[.ppk]!
            let found = directory.first { $0.accountID == ppk.id }
            #expect(found?.fullName == ppk.fullName && found?.agency == "DINKES" && found?.roles == [.ppk])
            // The national Super Admin, who acts in every tenant's audit trail, is in it too.
            let admin = fixture.accounts[.superAdmin]?.id
            #expect(admin == nil || directory.contains { $0.accountID == admin })
            #expect(!directory.contains { $0.tenant == "polman" })
            // Every actor of identity's balangan audit trail is named.
            let audit = try await client.call(
                AuditRead.self, CursorParams(after: 0, limit: 1000), token: fixture.tokens[.auditor]!)
            let named = Set(directory.map(\.accountID))
            let unnamed = audit.entries.filter { $0.actorKind == "user" && !named.contains($0.actor) }
            #expect(unnamed.isEmpty, "\(unnamed.map(\.actor))")
            // Another tenant's directory, and a PPK: refused.
            let other = await rpcError {
                _ = try await client.call(
                    AccountDirectory.self, TenantScope(tenant: "polman"), token: fixture.tokens[.auditor]!)
            }
            #expect(other?.code == 403)
            let ppkDenied = await rpcError {
                _ = try await client.call(AccountDirectory.self, TenantScope(), token: fixture.tokens[.ppk]!)
            }
            #expect(ppkDenied?.code == 403)
        }
    }
}
