import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// The orders service of SiOpen: the purchase procedure of annex I.D from the PPK's preparation
/// to the Surat Pesanan, deliveries, inspection and the handover record, force-majeure orders,
/// and the verification of the legal documents it seals.
public enum OrdersService {
    /// Its definition, with the real clock.
    public static let definition = makeDefinition()

    /// Its definition. Tests pass a clock they control (vendor response deadlines, delivery
    /// dates and penalties run on it) and a short interval for the expiry sweep.
    public static func makeDefinition(
        now: @escaping @Sendable () -> Date = { Date() }, expirySweepInterval: Duration = .seconds(60),
        feedPollInterval: Duration = .seconds(1)
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: "orders",
            summary:
                "Orders and negotiation: the PPK's preparation, orders, negotiation rounds, the Surat Pesanan, deliveries, inspection, replacement, the late-delivery penalty, the handover record (BAST), force-majeure orders, and verification of sealed documents.",
            migrations: OrdersSchema.migrations,
            registerMethods: { table, environment in
                let keys = try SigningKeys.load(
                    environment.database, configuration: environment.configuration, now: now)
                let key = keys.current
                let configuration = environment.configuration
                // The parties documents print, from identity's feed under their own cursor (from the
                // feed's start, so what identity told before the party directory existed is learned too).
                let partyFeed = FeedConsumer(
                    source: "identity-parties",
                    client: RPCClient(
                        socketPath: IdentityLink.identitySocket(for: configuration), serviceName: "identity",
                        defaultTimeout: .seconds(10)),
                    database: environment.database, token: { IdentityLink.serviceToken(for: configuration) }, now: now,
                    logger: environment.logger)
                let catchUpParties: @Sendable () async throws -> Void = {
                    _ = try await partyFeed.drain { event, db in try PartyDirectory.apply(event, db) }
                }
                let context = OrdersContext(
                    database: environment.database,
                    identity: RPCClient(
                        socketPath: IdentityLink.identitySocket(for: environment.configuration),
                        serviceName: "identity", defaultTimeout: .seconds(10)),
                    catalog: RPCClient(
                        socketPath: environment.configuration.peerSocketPath("catalog"),
                        serviceName: "catalog", defaultTimeout: .seconds(10)),
                    sealer: DocumentSealer(keyID: keys.currentKeyID, privateKey: key),
                    documentVerifier: DocumentVerifier(database: environment.database, keyring: keys),
                    serviceToken: { [configuration = environment.configuration] in
                        IdentityLink.serviceToken(for: configuration)
                    }, now: now, catchUpParties: catchUpParties)
                SettingsHandlers(context: context).register(into: &table)
                OrderHandlers(context: context).register(into: &table)
                ContractHandlers(context: context).register(into: &table)
                DocumentHandlers(context: context).register(into: &table)
                ForceMajeureHandlers(context: context).register(into: &table)
                ReassignHandlers(context: context).register(into: &table)
                let sweeper = ExpirySweeper(context: context)
                environment.background.every(expirySweepInterval, name: "order expiry") { try await sweeper.sweep() }
                environment.background.every(feedPollInterval, name: "identity party feed") {
                    try await catchUpParties()
                }
                // Payments' feed under its own cursor: each order shows its payment's state.
                let paymentFeed = FeedConsumer(
                    source: "payments",
                    client: RPCClient(
                        socketPath: configuration.peerSocketPath("payments"), serviceName: "payments",
                        defaultTimeout: .seconds(10)),
                    database: environment.database, token: { IdentityLink.serviceToken(for: configuration) }, now: now,
                    logger: environment.logger)
                environment.background.every(feedPollInterval, name: "payments feed") {
                    _ = try await paymentFeed.drain { event, db in try OrderPayments.apply(event, db) }
                }
            },
            events: OrdersEvents.all, examples: ContractExamples.of("orders"))
    }
}

/// Everything the orders handlers share.
struct OrdersContext: Sendable {
    let database: Database
    /// Identity, asked (with the PPK's own token) for the PPK's name.
    let identity: RPCClient
    /// The catalog, called on the PPK's behalf (with the PPK's own token) for products and prices.
    let catalog: RPCClient
    /// Seals documents with the service's key.
    let sealer: DocumentSealer
    /// The shared `document.verify`, with every key the service has sealed with: documents
    /// sealed before a rotation verify.
    let documentVerifier: DocumentVerifier
    /// Orders' own service token, for identity's service-only methods (`account.official`).
    let serviceToken: @Sendable () -> String?
    let now: @Sendable () -> Date
    /// Reads identity's feed into the party directory now (the background poll does it every
    /// second); the Surat Pesanan calls it when a party is not known yet.
    let catchUpParties: @Sendable () async throws -> Void

    /// Today in WITA: delivery dates, deadlines and penalties count whole days.
    var today: CivilDate { CivilDate(now()) }

    static func newID() -> String { UUID().uuidString.lowercased() }
}
