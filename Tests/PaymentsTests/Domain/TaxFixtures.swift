import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

// Orders' payment facts built the way orders builds them (OrderTotals does the PPN), for the tax tests.
@testable import PaymentsService

enum TaxFixtures {
    /// One line of a test order.
    struct Line {
        var kind: ProductKind
        var unitPrice: Rupiah
        var quantity: Int = 1
        var categoryCode: String = "ATK"
    }

    /// A 10% PPN rule as it stood before 2022-04-01 (UU 42/2009), which the shipped PPN schedule no
    /// longer lists because no SiOpen order predates it.
    static let ppn10 = try! PPNRate(
        numerator: 10, denominator: 100, effectiveFrom: .fixed("2010-04-01"), rounding: .down,
        dppRounding: .halfUp, legalBasis: "UU 8/1983 Pasal 7 ayat (1) as amended by UU 42/2009: 10%")

    static let document = DocumentInfo(
        id: "doc-1", type: "surat_pesanan", number: "001/SP/DISDIK/I/2025", issuedOn: .fixed("2025-01-02"),
        seal: DocumentSealInfo(
            sha256: String(repeating: "a", count: 64), signature: "sig", keyID: "k1",
            sealedAt: "2025-01-02T00:00:00.000Z"),
        acknowledgements: [])

    /// The facts of an order of `lines` (plus costs) from a PKP or non-PKP vendor, priced with or
    /// without PPN under `rate`, with `penalty` withheld.
    static func facts(
        _ lines: [Line], delivery: Rupiah = 0, installation: Rupiah = 0, training: Rupiah = 0, pkp: Bool = true,
        includesPPN: Bool = true, rate: PPNRate = .from2025, penalty: Rupiah = 0, umkm: Bool = false
    ) throws -> OrderPaymentFacts {
        let terms = PPNTerms(
            vendorStatus: VendorTaxStatus(isPKP: pkp), priceBasis: PriceBasis(includesPPN: includesPPN), rate: rate)
        let offer = lines.enumerated().map { index, line in
            OfferLine(itemID: "item-\(index + 1)", unitPrice: line.unitPrice, quantity: line.quantity)
        }
        let totals = try OrderTotals(
            lines: offer, deliveryCost: delivery, installationCost: installation, trainingCost: training, ppn: terms)
        let items = try lines.enumerated().map { index, line in
            PaymentItem(
                itemID: "item-\(index + 1)", productID: "p-\(index + 1)", name: "Barang \(index + 1)", unit: "unit",
                categoryCode: line.categoryCode, kind: line.kind, quantity: line.quantity, unitPrice: line.unitPrice,
                amount: try line.unitPrice * line.quantity)
        }
        return OrderPaymentFacts(
            orderID: "order-1", tenant: "balangan", agency: "disdik", packageName: "Pengadaan ATK",
            fundingSource: .apbd, budgetAccountCode: "5.1.02.01.01.0024",
            buyer: PaymentBuyer(tenant: "balangan", agency: "disdik", ppkAccountID: "ppk-1", ppkName: "PPK"),
            vendor: PaymentVendor(id: "v-1", name: "CV Maju", isPKP: pkp, isUMKM: umkm), items: items, totals: totals,
            penalty: penalty == .zero ? nil : LatePenaltyAssessment(parts: [], total: penalty),
            suratPesanan: document, bast: document)
    }

    /// Goods only, one line.
    static func goods(_ amount: Rupiah, pkp: Bool = true, includesPPN: Bool = true, rate: PPNRate = .from2025)
        throws -> OrderPaymentFacts
    {
        try facts([Line(kind: .goods, unitPrice: amount)], pkp: pkp, includesPPN: includesPPN, rate: rate)
    }

    /// Services only, one line.
    static func services(_ amount: Rupiah, pkp: Bool = false, includesPPN: Bool = true, rate: PPNRate = .from2025)
        throws -> OrderPaymentFacts
    {
        try facts([Line(kind: .services, unitPrice: amount)], pkp: pkp, includesPPN: includesPPN, rate: rate)
    }

    /// `TaxComputation.assess` with the shipped settings unless told otherwise.
    static func assess(
        _ facts: OrderPaymentFacts, on date: String, mechanism: PaymentMechanism = .ls,
        certificate: UMKMCertificate? = nil, isSplit: Bool = false, settings: TaxSettings = .defaults
    ) throws -> TaxAssessment {
        try TaxComputation.assess(
            facts: facts, mechanism: mechanism, paymentDate: .fixed(date), certificate: certificate, isSplit: isSplit,
            settings: settings)
    }
}

extension TaxAssessment {
    /// The line of `taxType`, if any.
    func line(_ taxType: TaxType) -> TaxLine? { lines.first { $0.taxType == taxType } }
    /// The reasons `taxType` was not applied.
    func reasons(_ taxType: TaxType) -> [TaxExemptionReason] {
        notApplied.filter { $0.taxType == taxType }.map(\.reason)
    }
}
