import SiOpenDomain
import SiOpenProtocol

// MARK: - Force majeure (annex I.E)

/// Why an order was made outside the system.
public enum ForceMajeureReason: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// A natural disaster (bencana alam).
    case naturalDisaster = "natural_disaster"
    /// A regional government activity outside the region.
    case governmentActivityOutsideRegion = "government_activity_outside_region"
}

/// One item bought outside the system.
public struct ForceMajeureItem: Codable, Sendable, Hashable {
    /// What was bought.
    public var description: String
    /// How many. At the RPC boundary 0 to 1,000,000 (``InputLimits/quantity``).
    public var quantity: Int
    /// The unit of sale as the vendor states it (`rim`, `unit`, `paket`), at most 30 characters.
    public var unit: String
    /// Unit price paid, PPN included unless the record says the prices exclude it (`pricesIncludePPN`). At the RPC boundary Rp0 to Rp1,000,000,000,000 (``InputLimits/amount``).
    public var unitPrice: Rupiah

    /// Creates it.
    public init(description: String, quantity: Int, unit: String, unitPrice: Rupiah) {
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
    }
}

/// The PPK's record of an order made outside the system, with its Berita Acara.
public struct ForceMajeureRecordParams: Codable, Sendable, Hashable {
    /// The force-majeure reason.
    public var reason: ForceMajeureReason
    /// The circumstances of the force majeure.
    public var description: String
    /// The vendor's name as on its invoice.
    public var vendorName: String
    /// The vendor's NPWP, when known.
    public var vendorNPWP: NPWP?
    /// A SiOpen vendor, when it is one.
    public var vendorID: String?
    /// The goods or services bought, at least one.
    public var items: [ForceMajeureItem]
    /// The day it was ordered.
    public var orderedOn: CivilDate
    /// The Berita Acara's number (printable ASCII, at most 100 characters, not of the form of the
    /// tenant's automatic numbers).
    public var beritaAcaraNumber: String
    /// Where the money comes from.
    public var fundingSource: FundingSource
    /// The budget account (kode rekening) charged, printable ASCII without spaces at either end.
    public var budgetAccountCode: String
    /// Whether the vendor is a PKP and charged PPN (default false: no PPN).
    public var vendorIsPKP: Bool?
    /// Whether the unit prices include PPN (default true, as paid). A vendor that is not a PKP charges no PPN, so `true` is refused for it (422 naming `pricesIncludePPN`); leave it out.
    public var pricesIncludePPN: Bool?

    /// Creates it.
    public init(
        reason: ForceMajeureReason, description: String, vendorName: String, vendorNPWP: NPWP? = nil,
        vendorID: String? = nil, items: [ForceMajeureItem],
        orderedOn: CivilDate, beritaAcaraNumber: String, fundingSource: FundingSource, budgetAccountCode: String,
        vendorIsPKP: Bool? = nil, pricesIncludePPN: Bool? = nil
    ) {
        self.vendorIsPKP = vendorIsPKP
        self.pricesIncludePPN = pricesIncludePPN
        self.reason = reason
        self.description = description
        self.vendorName = vendorName
        self.vendorNPWP = vendorNPWP
        self.vendorID = vendorID
        self.items = items
        self.orderedOn = orderedOn
        self.beritaAcaraNumber = beritaAcaraNumber
        self.fundingSource = fundingSource
        self.budgetAccountCode = budgetAccountCode
    }
}

/// A force-majeure order.
public struct ForceMajeureOrder: Codable, Sendable, Hashable {
    /// The record's id.
    public var id: String
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// The agency's code within the tenant (ASCII letters, digits, `-`, `_` and `.`).
    public var agency: String
    /// The PPK who recorded it.
    public var recordedBy: String
    /// What the PPK recorded.
    public var record: ForceMajeureRecordParams
    /// Total value, PPN included: `totals.totalIncludingPPN`; this counts toward the ceiling.
    public var total: Rupiah
    /// The money as the tax invoice computes it (DPP, DPP nilai lain, PPN under the tenant's rule in force on `orderedOn`); nil for records made before it was kept.
    public var totals: OrderTotals?
    /// The sealed Berita Acara.
    public var beritaAcara: DocumentInfo
    /// Whether the PA/KPA has acknowledged it (immediately when the PA/KPA is the PPK).
    public var acknowledged: Bool
    /// Optimistic-concurrency version: starts at 1, grows by one with every change; send it back with a change.
    public var version: Int64
    /// When it was recorded: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).
    public var recordedAt: String

    /// Creates it.
    public init(
        id: String, tenant: String, agency: String, recordedBy: String, record: ForceMajeureRecordParams, total: Rupiah,
        beritaAcara: DocumentInfo, acknowledged: Bool, version: Int64, recordedAt: String, totals: OrderTotals? = nil
    ) {
        self.totals = totals
        self.id = id
        self.tenant = tenant
        self.agency = agency
        self.recordedBy = recordedBy
        self.record = record
        self.total = total
        self.beritaAcara = beritaAcara
        self.acknowledged = acknowledged
        self.version = version
        self.recordedAt = recordedAt
    }
}

/// `forceMajeure.record`: the PPK records an order made outside the system.
public enum ForceMajeureRecord: RPCMethod {
    public static let name = "forceMajeure.record"
    public static let summary =
        "The PPK records an order made outside SiOpen under force majeure (natural disaster, or a government activity outside the region) with its Berita Acara; the PA/KPA acknowledges it, or it is acknowledged at once when the PA/KPA is the PPK."
    public static let access = Access.roles(.ppk)
    public static let errors: [ApplicationErrorCode]? = [
        .forbidden, .notFound, .conflict, .validationFailed, .dependencyUnavailable,
    ]
    public typealias Params = ForceMajeureRecordParams
    public typealias Result = ForceMajeureOrder
}

/// Names a force-majeure order and the version read.
public struct ForceMajeureRef: Codable, Sendable, Hashable {
    /// The record's id.
    public var id: String
    /// The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.
    public var version: Int64

    /// Creates it.
    public init(id: String, version: Int64) {
        self.id = id
        self.version = version
    }
}

/// `forceMajeure.acknowledge`: the PA/KPA of the agency acknowledges the Berita Acara.
public enum ForceMajeureAcknowledge: RPCMethod {
    public static let name = "forceMajeure.acknowledge"
    public static let summary =
        "The PA/KPA of the recording PPK's agency acknowledges (mengetahui) a force-majeure Berita Acara."
    public static let access = Access.roles(.budgetHolder)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict]
    public typealias Params = ForceMajeureRef
    public typealias Result = ForceMajeureOrder
}
