// The tax base of each part of a payment: the order's DPP split exactly between goods and services.
import SiOpenContracts
import SiOpenDomain

/// The goods and services parts of a payment, as priced and without PPN.
struct TaxBaseParts: Sendable, Hashable {
    /// The goods part.
    let goods: TaxBasePart
    /// The services part.
    let services: TaxBasePart

    /// The part of `kind`.
    subscript(kind: ProductKind) -> TaxBasePart { kind == .goods ? goods : services }

    /// Both parts, goods first.
    var all: [TaxBasePart] { [goods, services] }
}

/// Splits an order's DPP between its goods and its services.
enum TaxBaseAllocation {
    /// The parts of `facts`: each item counts with its kind, the supporting costs as
    /// `supportingCosts` says; the stated amounts add up to the order's stated total. The DPP
    /// (`totalBeforePPN`) is allocated by the stated amounts: the goods part is
    /// `DPP × goods ÷ stated`, rounded half up, and the services part is the rest, so the parts add
    /// up to the DPP exactly. When prices exclude PPN (or the vendor is no PKP) the DPP is the stated
    /// total and each part's base is its stated amount.
    static func parts(of facts: OrderPaymentFacts, supportingCosts: SupportingCostKinds) throws(DomainRefusal)
        -> TaxBaseParts
    {
        let totals = facts.totals
        var goods: [Rupiah] = []
        var services: [Rupiah] = []
        for item in facts.items {
            if item.kind == .goods { goods.append(item.amount) } else { services.append(item.amount) }
        }
        for (kind, cost) in [
            (supportingCosts.delivery, totals.deliveryCost), (supportingCosts.installation, totals.installationCost),
            (supportingCosts.training, totals.trainingCost),
        ] {
            if kind == .goods { goods.append(cost) } else { services.append(cost) }
        }
        let goodsStated: Rupiah
        let servicesStated: Rupiah
        do {
            goodsStated = try Rupiah.sum(goods)
            servicesStated = try Rupiah.sum(services)
        } catch { throw .validationFailed(field: "items", reason: "must add up to an amount that fits") }
        let stated: Rupiah
        do { stated = try goodsStated + servicesStated } catch {
            throw .validationFailed(field: "items", reason: "must add up to an amount that fits")
        }
        guard stated == totals.statedTotal else {
            throw .validationFailed(
                field: "items",
                reason: "must add up with the supporting costs to the stated total (\(totals.statedTotal.formatted))")
        }
        let dpp = totals.totalBeforePPN
        let goodsBase = try share(of: dpp, goodsStated, over: stated, field: "totalBeforePPN")
        let servicesBase: Rupiah
        do { servicesBase = try dpp - goodsBase } catch {
            throw .validationFailed(field: "totalBeforePPN", reason: "must not be less than its goods part")
        }
        let exact = dpp == stated
        func explain(_ kind: ProductKind, _ part: Rupiah, _ base: Rupiah) -> String {
            if exact { return "\(base.formatted) (harga tanpa PPN)" }
            if kind == .goods {
                return
                    "\(dpp.formatted) × \(part.formatted) / \(stated.formatted) = \(TaxFigures.exact(dpp.amount, times: part.amount, over: stated.amount)) → \(base.formatted) (dibulatkan: 0,50 ke atas)"
            }
            return "\(dpp.formatted) − \(goodsBase.formatted) = \(base.formatted) (sisa DPP)"
        }
        return TaxBaseParts(
            goods: TaxBasePart(
                kind: .goods, stated: goodsStated, base: goodsBase, explanation: explain(.goods, goodsStated, goodsBase)
            ),
            services: TaxBasePart(
                kind: .services, stated: servicesStated, base: servicesBase,
                explanation: explain(.services, servicesStated, servicesBase)))
    }

    /// `whole × part ÷ total` rounded half up (Rp0 when `total` is Rp0); 422 naming `field` when it
    /// does not fit (it cannot when `part ≤ total`).
    static func share(of whole: Rupiah, _ part: Rupiah, over total: Rupiah, field: String) throws(DomainRefusal)
        -> Rupiah
    {
        guard total > .zero else { return .zero }
        guard part <= total,
            let value = ExactArithmetic.scaled(whole.amount, times: part.amount, over: total.amount, rounding: .halfUp),
            let amount = try? Rupiah(checked: value)
        else { throw .validationFailed(field: field, reason: "must be shared out in amounts that fit") }
        return amount
    }
}
