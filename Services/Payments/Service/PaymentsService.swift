import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// The payments service of SiOpen: the treasurer's payment of completed orders by transfer, SP2D
/// or KKPD (annex I.D.3.l), the tax the treasurer collects and its deposit, the vendors' UMKM
/// Surat Keterangan, and the kuitansi, withholding slips, payment proof and payment packet it
/// seals (Pasal 8, annex I.F).
///
/// Laid out as every service is: `Domain/` (rules, no I/O), `Store/` (its SQL), `RPC/` (thin
/// handlers), `Schema.swift`, and this file, which wires them. Payables come from orders' feed
/// (`order.readyForPayment`, `order.splitPurchaseFlagged`, `order.cancelled`, `order.failed`)
/// under the cursor `orders`, moved in the transaction of their effects.
public enum PaymentsService {
    /// Its definition, with the real clock.
    public static let definition = makeDefinition()

    /// Its definition. Tests pass a clock they control and a short feed poll interval.
    public static func makeDefinition(
        now: @escaping @Sendable () -> Date = { Date() }, feedPollInterval: Duration = .seconds(1)
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: "payments",
            summary:
                "Payments and tax: the treasurer pays completed orders (UP/GU, LS by SP2D, KKPD), prepared → instructed → settled → confirmed; the tax collected by the tenant's dated rules and its deposit; the vendors' Surat Keterangan; the kuitansi, withholding slips, payment proof and payment packet, sealed and verifiable; the treasurer's monthly report and the Coretax BPPU export.",
            migrations: PaymentsSchema.migrations,
            registerMethods: { table, environment in
                let keys = try SigningKeys.load(
                    environment.database, configuration: environment.configuration, now: now)
                let configuration = environment.configuration
                let orders = RPCClient(
                    socketPath: configuration.peerSocketPath("orders"), serviceName: "orders",
                    defaultTimeout: .seconds(10))
                let ordersFeed = FeedConsumer(
                    source: "orders", client: orders,
                    database: environment.database, token: { IdentityLink.serviceToken(for: configuration) },
                    now: now, logger: environment.logger)
                let catchUpPayables: @Sendable () async throws -> Void = {
                    _ = try await ordersFeed.drain { event, db in try PayableStore.apply(event, db, at: now()) }
                }
                let context = PaymentsContext(
                    database: environment.database,
                    identity: RPCClient(
                        socketPath: IdentityLink.identitySocket(for: configuration), serviceName: "identity",
                        defaultTimeout: .seconds(10)),
                    orders: orders,
                    sealer: DocumentSealer(keyID: keys.currentKeyID, privateKey: keys.current),
                    documentVerifier: DocumentVerifier(database: environment.database, keyring: keys),
                    serviceToken: { IdentityLink.serviceToken(for: configuration) }, now: now,
                    catchUpPayables: catchUpPayables)
                PaymentHandlers(context: context).register(into: &table)
                TaxHandlers(context: context).register(into: &table)
                PaymentsSettingsHandlers(context: context).register(into: &table)
                environment.background.every(feedPollInterval, name: "orders payable feed") {
                    try await catchUpPayables()
                }
            },
            events: PaymentsEvents.all, examples: ContractExamples.of("payments"))
    }
}

/// Everything the payments handlers share.
struct PaymentsContext: Sendable {
    /// The service's own database.
    let database: Database
    /// Identity, asked (with the treasurer's own token) for the treasurer's name and NIP.
    let identity: RPCClient
    /// Orders, asked (with the treasurer's own token) for the Surat Pesanan's and BAST's PDFs the packet embeds.
    let orders: RPCClient
    /// Seals documents with the service's key.
    let sealer: DocumentSealer
    /// The shared `document.verify`, with every key the service has sealed with.
    let documentVerifier: DocumentVerifier
    /// Payments' own service token, for identity's service-only methods (`account.official`).
    let serviceToken: @Sendable () -> String?
    /// The service's clock (``ServiceClock`` in the executable, a controlled one in tests).
    let now: @Sendable () -> Date
    /// Reads orders' feed into payables now (the background poll does it every second); a
    /// preparation calls it when the payable is not known yet.
    let catchUpPayables: @Sendable () async throws -> Void

    /// Today in WITA: payment dates, deadlines and periods count whole days.
    var today: CivilDate { CivilDate(now()) }

    static func newID() -> String { UUID().uuidString.lowercased() }
}
