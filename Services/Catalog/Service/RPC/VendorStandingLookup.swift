import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Asks identity for a vendor's standing (`vendor.standing`, with the catalog's service token)
/// when the catalog's copy from the feed cannot decide: the vendor is unknown yet, or not active
/// in a copy that may be older than the activation the caller just saw.
struct VendorStandingLookup: Sendable {
    let client: RPCClient
    let token: @Sendable () -> String?

    /// A lookup through identity's socket for the catalog configured in `environment`.
    init(_ environment: ServiceEnvironment) {
        let configuration = environment.configuration
        client = RPCClient(
            socketPath: IdentityLink.identitySocket(for: configuration), serviceName: "identity",
            defaultTimeout: .seconds(5))
        token = { IdentityLink.serviceToken(for: configuration) }
    }

    /// Identity's current standing of `vendorID`, stored in the catalog (newer versions only,
    /// exactly as the feed would store it). Nil when identity cannot be asked; the caller keeps
    /// what it knew.
    func refresh(_ vendorID: String, into database: Database, at: Date) async -> VendorStanding? {
        guard
            let standing = try? await client.call(
                VendorStandingRead.self, VendorRef(vendorID: vendorID), token: token())
        else { return nil }
        do {
            try await database.write { db in try VendorStates.store(db, standing, at: at) }
        } catch {
            return nil
        }
        return standing
    }
}
