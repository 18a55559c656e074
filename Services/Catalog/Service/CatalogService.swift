import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// The catalog service of SiOpen: categories, product offers and their verification, the
/// catalogue buyers search, price references, and delisting sanctions.
public enum CatalogService {
    /// Its definition, with the real clock.
    public static let definition = makeDefinition()

    /// How long an upload no record refers to is kept before the file sweep removes it: far
    /// longer than any request between storing a file and committing its record.
    public static let unreferencedFileGrace: Duration = .seconds(24 * 3600)

    /// Its definition. Tests pass a clock they control (sanctions start and end by it) and a
    /// short interval for reading identity's feed.
    public static func makeDefinition(
        now: @escaping @Sendable () -> Date = { Date() }, feedPollInterval: Duration = .seconds(1),
        fileSweepInterval: Duration = .seconds(3600)
    ) -> ServiceDefinition {
        ServiceDefinition(
            name: "catalog",
            summary:
                "Catalog and verification: categories, product offers with their price breakdown and revisions, verification, catalogue search with the annex's criteria, price references, and delisting sanctions (turun tayang).",
            migrations: CatalogSchema.migrations,
            registerMethods: { table, environment in
                let context = CatalogContext(
                    database: environment.database,
                    files: try BlobStore(
                        directory: environment.configuration.filesDirectory + "/products",
                        maxBytes: OfferRules.maxDocumentBytes),
                    orders: RPCClient(
                        socketPath: environment.configuration.peerSocketPath("orders"), serviceName: "orders",
                        defaultTimeout: .seconds(10)),
                    now: now, identity: VendorStandingLookup(environment))
                CategoryHandlers(context: context).register(into: &table)
                ProductHandlers(context: context).register(into: &table)
                SearchHandlers(context: context).register(into: &table)
                SanctionHandlers(context: context).register(into: &table)
                // Vendors' standing from identity; failed orders' sanction proposals from orders.
                let identityFeed = feedConsumer(of: "identity", environment, now: now)
                environment.background.every(feedPollInterval, name: "identity feed") {
                    try await identityFeed.drain { event, db in try VendorFeed.apply(event, db, at: now()) }
                }
                let ordersFeed = feedConsumer(of: "orders", environment, now: now)
                environment.background.every(feedPollInterval, name: "orders feed") {
                    try await ordersFeed.drain { event, db in try OrdersFeed.apply(event, db, at: now()) }
                }
                environment.background.every(feedPollInterval, name: "sanction calendar") {
                    try await SanctionStore.announceByCalendar(environment.database, now: now)
                }
                // Uploads of refused or lost-race calls, and temporaries of a crash (file times are real time).
                environment.background.every(fileSweepInterval, name: "unreferenced files") {
                    let referenced = try await environment.database.read { try Products.referencedFiles($0) }
                    let collected = try context.files.collectUnreferenced(
                        keeping: referenced, olderThan: unreferencedFileGrace)
                    if collected.files > 0 || collected.temporaries > 0 {
                        environment.logger.info(
                            "removed unreferenced files",
                            [
                                "files": .integer(Int64(collected.files)), "bytes": .integer(collected.bytes),
                                "temporaries": .integer(Int64(collected.temporaries)),
                            ])
                    }
                }
            },
            events: CatalogEvents.all, examples: ContractExamples.of("catalog"))
    }
}

/// A reader of `source`'s event feed with the catalog's service token, cursor and dead letters in
/// the catalog's database.
private func feedConsumer(of source: String, _ environment: ServiceEnvironment, now: @escaping @Sendable () -> Date)
    -> FeedConsumer
{
    let configuration = environment.configuration
    return FeedConsumer(
        source: source,
        client: RPCClient(
            socketPath: configuration.peerSocketPath(source), serviceName: source, defaultTimeout: .seconds(10)),
        database: environment.database, token: { IdentityLink.serviceToken(for: configuration) }, now: now,
        logger: environment.logger)
}

/// Everything the catalog handlers share.
struct CatalogContext: Sendable {
    let database: Database
    /// Product images and partnership documents, by content hash.
    let files: BlobStore
    /// Orders, asked with the caller's own token (a sanction proposal's order).
    let orders: RPCClient
    let now: @Sendable () -> Date
    /// Identity, asked for a vendor's standing when the feed has not told the catalog yet.
    var identity: VendorStandingLookup? = nil

    /// Today in the tenants' calendar (``TenantCalendar``, the one identity counts blacklist
    /// periods in): sanctions and blacklist periods are whole days.
    var today: CivilDate { TenantCalendar.wita.today(at: now()) }
    var timestamp: String { Timestamp.iso8601(now()) }

    static func newID() -> String { UUID().uuidString.lowercased() }

    /// The tenant a call acts in: the one named (Super Admin; the national monitor when only
    /// reading) or the caller's own.
    static func tenant(_ requested: String?, of principal: Principal, reading: Bool) throws -> String {
        guard let tenant = requested ?? principal.tenant else {
            throw RPCError.validationFailed(field: "tenant", reason: "is required for a caller without a tenant")
        }
        try principal.requireTenant(tenant, reading: reading)
        return tenant
    }
}
