// The vocabulary of an order's life: its states, who acts and what they do.
// The transitions themselves are decided in one place only: OrderStateMachine.
import SiOpenDomain
import SiOpenProtocol

/// Where an order stands (Balangan annex I.D.3: order → response → negotiation → agreement →
/// Surat Pesanan → delivery and inspection → receipt and BAST).
public enum OrderState: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// The PPK's draft: specification with justification, price estimate and draft SP terms; editable.
    case prepared
    /// Sent to the vendor, awaiting its response.
    case ordered
    /// Offers are being exchanged in rounds.
    case negotiating
    /// One side accepted the other's latest offer (or the order) unchanged.
    case agreed
    /// The vendor declined, with a reason. Terminal.
    case declined
    /// The vendor did not answer in time. Terminal.
    case expired
    /// The PPK cancelled before the Surat Pesanan. Terminal.
    case cancelled
    /// The Surat Pesanan is issued: the contract. Its terms are immutable from here on.
    case contracted
    /// The vendor acknowledged the SP; deliveries, inspections and replacements happen here.
    case inDelivery = "in_delivery"
    /// Everything is accepted and the PPK confirmed receipt; the BAST awaits both acknowledgements.
    case received
    /// The BAST is acknowledged by the PPK and the vendor: ready for payment. Terminal for this service.
    case completed
    /// After the SP the vendor withdrew, did not perform, did not finish or refused to replace.
    /// Terminal; a sanction proposal follows (Pasal 14).
    case failed

    /// Whether no action can move the order any more.
    public var isTerminal: Bool {
        switch self {
        case .declined, .expired, .cancelled, .completed, .failed: true
        default: false
        }
    }

    /// Whether the PPK may still edit the draft (spec, justification, estimate, SP terms).
    public var acceptsDraftChanges: Bool { self == .prepared }

    /// Whether a Surat Pesanan exists, so the agreed terms are a contract and may never change.
    public var isUnderContract: Bool {
        switch self {
        case .contracted, .inDelivery, .received, .completed, .failed: true
        default: false
        }
    }

    /// The state in words, for messages: `in delivery` rather than `in_delivery`.
    public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// Who performs an action on an order.
public enum OrderParty: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// The commitment official (Pejabat Pembuat Komitmen) of the buying agency.
    case ppk
    /// The vendor (Penyedia) the order is addressed to.
    case vendor
    /// The service itself, e.g. expiring an order nobody answered.
    case system

    /// The party in words, for messages.
    public var words: String {
        switch self {
        case .ppk: "the PPK"
        case .vendor: "the vendor"
        case .system: "the system"
        }
    }

    /// The other side of a negotiation: PPK ↔ vendor; the system has none.
    public var counterparty: OrderParty? {
        switch self {
        case .ppk: .vendor
        case .vendor: .ppk
        case .system: nil
        }
    }
}

/// Everything that can be done to an order. Data an action carries (an offer, a delivery, an
/// inspection, a reason) travels beside it; the state machine only needs the kind.
public enum OrderAction: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// PPK sends the prepared order to the vendor.
    case submit
    /// PPK cancels before the Surat Pesanan.
    case cancel
    /// Vendor accepts the order as it is.
    case vendorAccept = "vendor_accept"
    /// Vendor declines, with a reason.
    case vendorDecline = "vendor_decline"
    /// Either party makes an offer (a negotiation round).
    case offer
    /// Either party accepts the other party's latest offer unchanged.
    case acceptOffer = "accept_offer"
    /// The system closes an order whose vendor did not answer in time.
    case expire
    /// PPK issues the Surat Pesanan, the contract.
    case issueSuratPesanan = "issue_surat_pesanan"
    /// Vendor acknowledges the Surat Pesanan and starts delivering.
    case acknowledgeSuratPesanan = "acknowledge_surat_pesanan"
    /// Vendor records a delivery (or a replacement).
    case recordDelivery = "record_delivery"
    /// PPK records the inspection of a delivery.
    case inspect
    /// PPK asks the vendor to replace rejected goods. Never offered in `availableActions`: units
    /// rejected in `order.inspect` are the replacement request, and no method takes this step.
    case requestReplacement = "request_replacement"
    /// PPK confirms receipt once everything ordered is accepted; the BAST is generated.
    case confirmReceipt = "confirm_receipt"
    /// PPK or vendor acknowledges the BAST.
    case acknowledgeBAST = "acknowledge_bast"
    /// PPK declares the vendor failed after the Surat Pesanan. Its ground is a `SanctionGrounds`
    /// (SiOpenContracts, Pasal 14), the same value the sanction proposal that follows carries.
    case fail

    /// The action as a verb phrase that reads in "cannot … an order that is …".
    public var verbPhrase: String {
        switch self {
        case .submit: "submit"
        case .cancel: "cancel"
        case .vendorAccept: "accept"
        case .vendorDecline: "decline"
        case .offer: "make an offer on"
        case .acceptOffer: "accept an offer on"
        case .expire: "expire"
        case .issueSuratPesanan: "issue the Surat Pesanan for"
        case .acknowledgeSuratPesanan: "acknowledge the Surat Pesanan of"
        case .recordDelivery: "record a delivery on"
        case .inspect: "inspect a delivery of"
        case .requestReplacement: "request a replacement on"
        case .confirmReceipt: "confirm receipt of"
        case .acknowledgeBAST: "acknowledge the BAST of"
        case .fail: "fail"
        }
    }
}

/// One party's complete proposal for the order's terms in one round.
public struct NegotiationOffer: Sendable, Hashable, Codable {
    /// The party making this proposal: the PPK or the vendor.
    public var by: OrderParty
    /// The round: 0 is the submitted order itself (the PPK's), then 1, 2, … alternating.
    public var round: Int
    /// Every item of the order with its proposed unit price and quantity.
    public var items: [OfferLine]
    /// The proposed delivery cost for the whole order.
    public var deliveryCost: Rupiah
    /// The proposed installation cost for the whole order.
    public var installationCost: Rupiah
    /// The proposed training cost for the whole order.
    public var trainingCost: Rupiah
    /// The proposed delivery date, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8).
    public var deliveryDate: CivilDate
    /// Technical points or reasons, for the other side.
    public var note: String

    /// Creates an offer.
    public init(
        by: OrderParty, round: Int, items: [OfferLine], deliveryCost: Rupiah = .zero, installationCost: Rupiah = .zero,
        trainingCost: Rupiah = .zero, deliveryDate: CivilDate, note: String = ""
    ) {
        self.by = by
        self.round = round
        self.items = items
        self.deliveryCost = deliveryCost
        self.installationCost = installationCost
        self.trainingCost = trainingCost
        self.deliveryDate = deliveryDate
        self.note = note
    }

}
