import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// `vendor.standing`: what the feed would tell another service about a vendor, read now.
struct VendorStandingHandlers {
    let context: IdentityContext

    func register(into table: inout RPCMethodTable) {
        table.register(VendorStandingRead.self) { params, request in try await standing(params, request) }
    }

    func standing(_ params: VendorRef, _ request: RequestContext) async throws -> VendorStanding {
        // The access rule admits service tokens only; say so again where the data is read.
        guard try request.requirePrincipal().kind == .service else {
            throw RPCError.forbidden("vendor.standing is for services")
        }
        let vendor = try await context.database.read { db in try VendorStore.vendor(db, id: params.vendorID) }
        return Self.standing(of: vendor)
    }

    /// The standing of `vendor`, as its feed events carry it.
    static func standing(of vendor: VendorInfo) -> VendorStanding {
        VendorStanding(
            vendorID: vendor.id, tenant: vendor.tenant, accountID: vendor.accountID, name: vendor.name,
            status: vendor.status,
            npwp: vendor.npwp, isPKP: vendor.isPKP, isUMKM: vendor.businessScale?.isUMKM ?? false,
            version: vendor.version)
    }
}
