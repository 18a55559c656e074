import Foundation
import IdentityService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenScenario
import SiOpenServiceTestSupport
import SiOpenTestSupport
import Testing

/// The parties of an order (issue 11) are learned from identity's feed and snapshotted into the
/// order when its Surat Pesanan is issued; later changes in identity never reach an issued order.
@Suite struct PartySnapshotTests {
    @Test func suratPesananSnapshotsThePartiesAndKeepsThemWhenIdentityChanges() async throws {
        try await withSystem([.catalog, .orders]) { system in
            let market = try await system.market(isPKP: true)
            let placed = try await system.placedOrder(market)
            #expect(placed.parties == nil)
            let contracted = try await system.contractedOrder(market)
            let parties = try #require(contracted.parties)
            #expect(parties.regency.governmentName == "Pemerintah Kabupaten Balangan")
            #expect(parties.regency.seat == "Paringin")
            #expect(parties.regency.emblemSHA256 == nil)
            #expect(parties.agency.code == "DINKES" && parties.agency.name == "Dinas Kesehatan")
            let ppk = system.balangan[.ppk]!.account
            #expect(parties.ppk.accountID == ppk.id && parties.ppk.name == ppk.fullName)
            #expect(parties.ppk.nip == ppk.nip?.value && parties.ppk.nip.count == 18)
            #expect(parties.ppk.position == "Pejabat Pembuat Komitmen" && parties.ppk.rank == "Penata (III/c)")
            let vendor = market.vendor
            #expect(parties.vendor.vendorID == vendor.id && parties.vendor.name == vendor.name)
            #expect(parties.vendor.signerName == vendor.director?.name && parties.vendor.signerPosition == "Direktur")
            #expect(parties.vendor.address == vendor.address && parties.vendor.nib == vendor.nib)
            #expect(parties.vendor.npwp == vendor.npwp && parties.vendor.isPKP)
            #expect(parties.vendor.bankAccount == vendor.bankAccount)

            // Identity changes the agency, the PPK's profile and the tenant's emblem.
            let updatedAgency = try await system.identity.call(
                AgencyUpdate.self,
                AgencyInfo(
                    tenant: "balangan", code: "DINKES", name: "Dinas Kesehatan Kabupaten Balangan",
                    address: "Jl. Jend. A. Yani Km. 1,5, Paringin", phone: "(0526) 2028060",
                    email: try EmailAddress("dinkes@balangankab.go.id"),
                    npwp: try NPWP(ScenarioData.npwpText("00123456"))), token: system.superAdmin)
            _ = try await system.identity.call(
                AccountUpdateProfile.self,
                AccountProfileParams(
                    accountID: ppk.id, fullName: "Dr. Rahmat Hidayat, M.Si.", nip: ppk.nip, rank: "Pembina (IV/a)",
                    position: "Kepala Bidang Pelayanan"), token: system.superAdmin)
            let emblemTenant = try await system.identity.call(
                TenantSetEmblem.self,
                TenantEmblemUpload(tenant: "balangan", contentBase64: SampleFiles.base64(SampleFiles.emblemPNG)),
                token: system.superAdmin)

            // A second order issued after the feed has told orders: the new facts.
            let second = try await system.contractedOrder(market, paper: 5, printers: 0)
            let fresh = try #require(second.parties)
            #expect(fresh.agency.name == updatedAgency.name && fresh.agency.npwp == updatedAgency.npwp?.value)
            #expect(fresh.agency.address == "Jl. Jend. A. Yani Km. 1,5, Paringin")
            #expect(fresh.ppk.name == "Dr. Rahmat Hidayat, M.Si." && fresh.ppk.position == "Kepala Bidang Pelayanan")
            #expect(fresh.regency.emblemSHA256 == emblemTenant.emblemSHA256)

            // The first order still prints what was true when it was signed.
            let reread = try await system.orders.call(
                OrderGet.self, OrderRef(orderID: contracted.id), token: system.ppk)
            #expect(reread.parties == parties)
        }
    }
}

/// The scenario kit's realistic parties, carried to an issued Surat Pesanan.
@Suite struct RealisticPartiesTests {
    @Test func realisticWorldIssuesAFullyIdentifiedSuratPesanan() async throws {
        let launcher = try ServiceLauncher.inProcess(prefix: "siparty", clock: TestClock())
        try await launcher.whileRunning {
            try await launcher.start(["identity", "catalog", "orders"])
            let scenario = Scenario(sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion)
            defer { scenario.close() }
            let world = try await scenario.realisticWorld()
            var preparation = ScenarioData.preparation(
                [OrderItemRequest(productID: world.product.id, quantity: 10)], today: CivilDate(Date()))
            preparation.deliveryAddress = "SDN 1 Paringin, Jl. Merdeka No. 3, Paringin"
            let order = try await scenario.contract(
                try await scenario.placedOrder(preparation, ppk: try world.token(.ppk)), ppk: try world.token(.ppk),
                vendorToken: world.vendor.token)
            let parties = try #require(order.parties)
            #expect(parties.regency.governmentName == "Pemerintah Kabupaten Balangan")
            #expect(parties.regency.seat == "Paringin")
            #expect(parties.regency.emblemSHA256 != nil)
            #expect(parties.agency.name == "Dinas Pendidikan dan Kebudayaan Kabupaten Balangan")
            #expect(parties.agency.address.contains("Paringin") && parties.agency.npwp.count == 16)
            #expect(parties.ppk.name == "Hj. Nurul Hidayah, S.Pd., M.M." && parties.ppk.nip == "197805122005012003")
            #expect(
                parties.ppk.rank == "Pembina (IV/a)" && parties.ppk.position == "Kepala Bidang Sarana dan Prasarana")
            #expect(
                parties.vendor.name == "CV Karya Banua Mandiri" && parties.vendor.signerName == "H. Ahmad Rizani, S.T.")
            #expect(parties.vendor.signerPosition == "Direktur" && parties.vendor.nib == "9120304152637")
            #expect(parties.vendor.isPKP && parties.vendor.bankAccount.bank == "Bank Kalsel")
        }
    }
}
