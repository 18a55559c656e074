// The realistic parties of a purchase as documents print them (issue 11): Pemerintah Kabupaten
// Balangan seated at Paringin with its emblem, the Dinas Pendidikan dan Kebudayaan with its
// address and NPWP, a PPK with NIP, rank and position, a CV with its director; and Polewali
// Mandar as the second tenant. Names, addresses and numbers are made up but shaped as real ones.
import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

extension ScenarioData {
    /// Dinas Pendidikan dan Kebudayaan Kabupaten Balangan, with its office in Paringin.
    public static let balanganDisdik = AgencyInfo(
        tenant: "balangan", code: "DISDIK", name: "Dinas Pendidikan dan Kebudayaan Kabupaten Balangan",
        address: "Jl. Jenderal A. Yani Km. 1,5 Kelurahan Paringin Kota, Kecamatan Paringin, Kabupaten Balangan 71618",
        phone: "(0526) 2028060", email: try? EmailAddress("disdikbud@balangankab.go.id"),
        npwp: try? NPWP(npwpText("00653127", branch: "731")))

    /// Dinas Pendidikan dan Kebudayaan Kabupaten Polewali Mandar, in Polewali.
    public static let polmanDisdik = AgencyInfo(
        tenant: "polman", code: "DISDIK", name: "Dinas Pendidikan dan Kebudayaan Kabupaten Polewali Mandar",
        address: "Jl. Jenderal Sudirman No. 48, Polewali, Kabupaten Polewali Mandar 91311",
        phone: "(0428) 21052", email: try? EmailAddress("disdikbud@polmankab.go.id"),
        npwp: try? NPWP(npwpText("00653128", branch: "813")))

    /// The PPK of Balangan's DISDIK: a civil servant with NIP, rank and position.
    public static func realisticPPK(username: String = "ppk-disdik") throws -> AccountCreateParams {
        AccountCreateParams(
            username: username, email: try EmailAddress("\(username)@balangankab.go.id"),
            fullName: "Hj. Nurul Hidayah, S.Pd., M.M.", roles: [.ppk], tenant: "balangan", agency: "DISDIK",
            assignment: AssignmentLetter(
                number: "188.45/012/DISDIKBUD/2026", date: "2026-01-05",
                issuer: "Kepala Dinas Pendidikan dan Kebudayaan Kabupaten Balangan"),
            initialPassword: initialPassword, nip: try NIP("197805122005012003"), rank: "Pembina (IV/a)",
            position: "Kepala Bidang Sarana dan Prasarana")
    }

    /// A PKP CV of Paringin whose director's NIK was first issued in Banjarmasin (63.71) while
    /// the KTP address lies in Kecamatan Paringin (63.11.06): domiciled in Balangan.
    public static func realisticVendor(termsVersion: String, username: String = "cv-karya-banua") throws
        -> VendorRegistration
    {
        let nik = try NIK("6371031408820002")
        return VendorRegistration(
            tenant: "balangan", kind: .entity, name: "CV Karya Banua Mandiri", nik: nik,
            npwp: try NPWP(npwpText("31754219", branch: "731")), nib: try NIB("9120304152637"),
            email: try EmailAddress("admin@karyabanua.co.id"), phone: try PhoneNumber("0812-5190-4417"),
            address: "Jl. Putri Kabu No. 17 RT 004 RW 002, Paringin Kota, Paringin, Balangan 71618",
            deed: DeedOfEstablishment(
                number: "07", date: "2018-03-12", ratificationNumber: "AHU-0018462-AH.01.14 Tahun 2018",
                latestAmendmentNumber: "21"),
            director: DirectorIdentity(name: "H. Ahmad Rizani, S.T.", nik: nik, position: "Direktur"),
            businessLicenceNumber: "503/0412/SIUP-K/DPMPTSP/2018",
            bankAccount: BankAccount(bank: "Bank Kalsel", number: "0310104422", holderName: "CV Karya Banua Mandiri"),
            isPKP: true, businessScale: .small, acceptedTermsVersion: termsVersion, username: username,
            password: "karya-banua-pass-1",
            ktpAddress: KTPAddress(
                street: "Jl. Putri Kabu No. 17 RT 004 RW 002, Kel. Paringin Kota, Kec. Paringin",
                regionCode: try RegionCode("63.11.06")))
    }
}

extension Scenario {
    /// Creates an official from `params` as Super Admin, signs in and changes the first password.
    public func official(_ params: AccountCreateParams, password: String? = nil) async throws -> SessionInfo {
        _ = try await call(AccountCreate.self, params, on: identity, token: superAdmin)
        let first = try await call(
            AuthSignIn.self, SignInParams(login: params.username, password: params.initialPassword), on: identity)
        return try await call(
            AuthChangePassword.self,
            PasswordChangeParams(
                currentPassword: params.initialPassword,
                newPassword: password ?? ScenarioData.finalPassword(of: params.username)),
            on: identity, token: first.token)
    }

    /// The realistic parties on a fresh data folder: both tenants with their DISDIK, Balangan's
    /// emblem, a verifier, the realistic PPK (in `officials[.ppk]`), a PA/KPA and treasurer of
    /// DISDIK, and the realistic CV verified (documents uploaded, domicile confirmed) and
    /// active, with one accepted product.
    public func realisticWorld() async throws -> ScenarioWorld {
        try await signInSuperAdmin()
        try await createTenants(
            [ScenarioData.balangan, ScenarioData.polman],
            agencies: [ScenarioData.balanganDisdik, ScenarioData.polmanDisdik])
        _ = try await call(
            TenantSetEmblem.self,
            TenantEmblemUpload(tenant: "balangan", contentBase64: SampleFiles.base64(SampleFiles.emblemPNG)),
            on: identity, token: superAdmin)
        var officials: [Role: SessionInfo] = [:]
        officials[.ppk] = try await official(try ScenarioData.realisticPPK())
        for role in [Role.verifier, .budgetHolder, .treasurer, .auditor] {
            officials[role] = try await official(
                "disdik-\(role.rawValue)", roles: [role], tenant: "balangan",
                agency: ScenarioData.agencyRoles.contains(role) ? "DISDIK" : nil)
        }
        let verifier = officials[.verifier]!.token
        let vendor = try await activeVendor(
            verifier: verifier, registration: try ScenarioData.realisticVendor(termsVersion: termsVersion))
        try await setUpCatalog()
        let product = try await listedProduct(
            ScenarioData.offer(name: "Kertas HVS A4", price: 50_000), vendorToken: vendor.token, verifier: verifier)
        return ScenarioWorld(superAdmin: superAdmin, officials: officials, vendor: vendor, product: product)
    }
}
