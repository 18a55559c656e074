// The taxes on one payment, from the order's facts and the tenant's dated rule table: pure, no I/O.
//
// Decisions (docs/tax-rules.md has the sources):
// - Gross is the order's `totalIncludingPPN` (what the Surat Pesanan and the tax invoice state);
//   net = gross − penalty − taxes collected, and the assessment refuses to exist unless
//   gross = net + taxes + penalty to the rupiah.
// - PPN is the PPN on the invoice (the facts' `ppn`), never recomputed differently: it is checked
//   against the order's own PPN rule (`PPNComputation`) and against the tenant's PPN row covering
//   that rule's start (same effective rate), and collected only from a PKP, above the threshold of
//   the row in force on the payment date unless the payment is split, and not on exempt mechanisms.
// - PPh 22/23 and the final UMKM tax apply to the price without PPN (the DPP). When prices
//   include PPN the DPP is allocated to the goods and services parts by their stated amounts:
//   the goods part is rounded half up and the services part is the rest, so the parts add up to
//   the DPP exactly; each part's allocation is shown in `baseParts`.
// - Delivery follows the goods, installation and training are services (tenant data,
//   `TaxSettings.supportingCosts`; PMK 141/2015 lists jasa instalasi and jasa pelatihan).
// - Thresholds compare the whole payment (PPN included or not as the row says) with the row's
//   threshold: up to and including it, and not split, the tax is not collected.
// - Every rule is taken on the payment date (the withholding date, which is when PPh 22/23 is
//   owed); the rounding of each line is the rounding rule in force on that date.
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// Computes the taxes the treasurer withholds and collects on one payment (see docs/tax-rules.md).
enum TaxComputation {
    /// The assessment of paying `facts` by `mechanism` on `paymentDate`: the tax lines with the rule
    /// row behind each, the taxes not applied with why, and gross = net + taxes + penalty.
    ///
    /// - `certificate`: the vendor's Surat Keterangan (PP 55/2022), when it registered one.
    /// - `isSplit`: whether the payment is part of a split purchase (thresholds then do not exempt).
    ///
    /// Refusals: 409 when the tenant's collector is the platform (PMK 58/2022, not implemented), or
    /// when the invoice's PPN does not match the tenant's PPN rule; 422 naming the field when an
    /// amount does not fit or add up, or no rule is in force.
    static func assess(
        facts: OrderPaymentFacts, mechanism: PaymentMechanism, paymentDate: CivilDate, certificate: UMKMCertificate?,
        isSplit: Bool, settings: TaxSettings
    ) throws(DomainRefusal) -> TaxAssessment {
        guard settings.collector == .treasurer else {
            throw .conflict(
                "The tenant's tax settings name the platform as collector (Pihak Lain, PMK 58/2022), which SiOpen does not implement: set the collector to treasurer, or have the platform's operator collect PPN and PPh 22 outside SiOpen",
                currentState: settings.collector.rawValue)
        }
        try checkConsistency(facts)
        let rounding = try roundingRule(on: paymentDate, settings: settings)
        let parts = try TaxBaseAllocation.parts(of: facts, supportingCosts: settings.supportingCosts)
        var context = Context(
            facts: facts, mechanism: mechanism, paymentDate: paymentDate, isSplit: isSplit, settings: settings,
            rounding: rounding)

        try context.assessPPN()
        try context.assessIncomeTax(parts: parts, certificate: certificate)

        let gross = facts.totalIncludingPPN
        let penalty = facts.penaltyAmount
        let taxes: Rupiah
        do { taxes = try Rupiah.sum(context.lines.map(\.amount)) } catch {
            throw .validationFailed(
                field: "taxesCollected", reason: "must be an amount that fits: the sum is too large")
        }
        let deductions: Rupiah
        do { deductions = try taxes + penalty } catch {
            throw .validationFailed(field: "penaltyAmount", reason: "must add up with the taxes to an amount that fits")
        }
        let net: Rupiah
        do { net = try gross - deductions } catch {
            throw .validationFailed(
                field: "penaltyAmount",
                reason:
                    "must leave something to pay: penalty \(penalty.formatted) and taxes \(taxes.formatted) exceed the gross \(gross.formatted)"
            )
        }
        return try TaxAssessment(
            lines: context.lines, notApplied: context.notApplied, baseParts: parts.all, gross: gross,
            penalty: penalty, taxesCollected: taxes, net: net, mechanism: mechanism, paymentDate: paymentDate)
    }

    /// The order's figures must agree with its totals: the facts are checked, not trusted.
    static func checkConsistency(_ facts: OrderPaymentFacts) throws(DomainRefusal) {
        let totals = facts.totals
        guard facts.totalIncludingPPN == totals.totalIncludingPPN else {
            throw .validationFailed(field: "totalIncludingPPN", reason: "must equal the totals' totalIncludingPPN")
        }
        guard facts.totalBeforePPN == totals.totalBeforePPN else {
            throw .validationFailed(field: "totalBeforePPN", reason: "must equal the totals' totalBeforePPN")
        }
        guard facts.ppn == totals.ppn else {
            throw .validationFailed(field: "ppn", reason: "must equal the totals' ppn")
        }
        let sum: Rupiah
        do { sum = try totals.totalBeforePPN + totals.ppn } catch {
            throw .validationFailed(field: "totalIncludingPPN", reason: "must be an amount that fits")
        }
        guard sum == totals.totalIncludingPPN else {
            throw .validationFailed(field: "totalIncludingPPN", reason: "must be totalBeforePPN + ppn")
        }
        guard facts.vendor.isPKP == (totals.ppnTerms.vendorStatus == .pkp) else {
            throw .validationFailed(
                field: "vendor.isPKP", reason: "must agree with the PPN terms the order was priced on")
        }
        // The invoice's PPN, recomputed by the order's own rule, must be the PPN stated.
        let steps = try PPNComputation(stated: totals.statedTotal, terms: totals.ppnTerms)
        guard steps.ppn == totals.ppn, steps.dpp == totals.totalBeforePPN else {
            throw .validationFailed(
                field: "ppn",
                reason: "must be the PPN the order's rule gives on its stated total (\(steps.ppn.formatted))")
        }
        guard facts.items.count == totals.lines.count else {
            throw .validationFailed(field: "items", reason: "must list the same lines as the totals")
        }
        for (index, item) in facts.items.enumerated() {
            let line = totals.lines[index]
            guard item.itemID == line.itemID, item.amount == line.amount else {
                throw .validationFailed(
                    field: "items[\(index)].amount",
                    reason: "must equal the totals' line \(line.itemID) (\(line.amount.formatted))")
            }
        }
        guard facts.penaltyAmount == (facts.penalty?.total ?? .zero) else {
            throw .validationFailed(field: "penaltyAmount", reason: "must equal the penalty assessment's total")
        }
    }

    /// The rounding rule in force on `date`; 422 naming `roundingRules` when none is.
    static func roundingRule(on date: CivilDate, settings: TaxSettings) throws(DomainRefusal) -> TaxRoundingRule {
        let matching = settings.roundingRules.filter {
            $0.effectiveFrom <= date && ($0.effectiveUntil.map { date <= $0 } ?? true)
        }
        guard let rule = matching.max(by: { $0.effectiveFrom < $1.effectiveFrom }) else {
            throw .validationFailed(field: "roundingRules", reason: "must have a rounding rule in force on \(date)")
        }
        return rule
    }

    /// The rule rows for `taxType` that cover `scope` on `date` (an `any` row covers every part).
    static func rule(
        _ taxType: TaxType, scope: TaxRuleScope, goodsClass: PPNGoodsClass? = nil, on date: CivilDate,
        settings: TaxSettings
    ) -> TaxRule? {
        settings.rules.filter { rule in
            rule.taxType == taxType && rule.isInForce(on: date)
                && (rule.appliesTo == scope || rule.appliesTo == .any || scope == .any)
                && (goodsClass == nil || rule.ppnGoodsClass == nil || rule.ppnGoodsClass == goodsClass)
        }
        .max { $0.effectiveFrom < $1.effectiveFrom }
    }
}

// MARK: - The computation's working state

extension TaxComputation {
    struct Context {
        let facts: OrderPaymentFacts
        let mechanism: PaymentMechanism
        let paymentDate: CivilDate
        let isSplit: Bool
        let settings: TaxSettings
        let rounding: TaxRoundingRule
        var lines: [TaxLine] = []
        var notApplied: [TaxExemption] = []

        /// The payment as the rule compares it with its threshold.
        func compared(_ rule: TaxRule) -> Rupiah {
            rule.thresholdIncludesPPN ? facts.totalIncludingPPN : facts.totalBeforePPN
        }

        /// Whether `rule` does not apply to this payment (exempt mechanism, then threshold); when it does
        /// not, the reason is listed in `notApplied`.
        mutating func exemption(
            _ rule: TaxRule, part: ProductKind?, name: String, nameEnglish: String
        ) -> Bool {
            if rule.exemptMechanisms.contains(mechanism) {
                notApplied.append(
                    TaxExemption(
                        taxType: rule.taxType, part: part, ruleID: rule.id, reason: .mechanismExempt,
                        legalBasis: rule.legalBasis,
                        explanation:
                            "\(name) tidak dipungut bendahara atas pembayaran dengan \(TaxWords.mechanism(mechanism)) (\(rule.legalBasis)).",
                        explanationEnglish:
                            "\(nameEnglish) is not collected by the treasurer on a payment by \(TaxWords.mechanismEnglish(mechanism)) (\(rule.legalBasis))."
                    ))
                return true
            }
            let amount = compared(rule)
            if !isSplit && amount <= rule.threshold {
                let including = rule.thresholdIncludesPPN ? "termasuk PPN" : "tidak termasuk PPN"
                let includingEnglish = rule.thresholdIncludesPPN ? "including PPN" : "excluding PPN"
                notApplied.append(
                    TaxExemption(
                        taxType: rule.taxType, part: part, ruleID: rule.id, reason: .belowThreshold,
                        legalBasis: rule.legalBasis,
                        explanation:
                            "\(name) tidak dipungut: pembayaran \(amount.formatted) (\(including)) tidak melebihi batas \(rule.threshold.formatted) dan tidak dipecah (\(rule.legalBasis)).",
                        explanationEnglish:
                            "\(nameEnglish) is not collected: the payment of \(amount.formatted) (\(includingEnglish)) is not more than the threshold of \(rule.threshold.formatted) and is not split (\(rule.legalBasis))."
                    ))
                return true
            }
            return false
        }

        func dueDate(_ taxType: TaxType) throws(DomainRefusal) -> CivilDate {
            try DepositDeadline.due(paymentDate: paymentDate, taxType: taxType, settings: settings)
        }

        // MARK: PPN

        mutating func assessPPN() throws(DomainRefusal) {
            let terms = facts.totals.ppnTerms
            let goodsClass = terms.rate.goodsClass
            guard terms.vendorStatus == .pkp else {
                notApplied.append(
                    TaxExemption(
                        taxType: .ppn, part: nil,
                        ruleID: TaxComputation.rule(
                            .ppn, scope: .any, goodsClass: goodsClass, on: paymentDate, settings: settings)?.id,
                        reason: .vendorNotPKP, legalBasis: "UU 8/1983 Pasal 3A ayat (1) (only a PKP charges PPN)",
                        explanation:
                            "PPN tidak dipungut: penyedia bukan Pengusaha Kena Pajak, sehingga tidak ada PPN dalam tagihan.",
                        explanationEnglish:
                            "PPN is not collected: the vendor is not a PKP, so the invoice carries no PPN."))
                return
            }
            guard
                let rule = TaxComputation.rule(
                    .ppn, scope: .any, goodsClass: goodsClass, on: paymentDate, settings: settings)
            else {
                throw .validationFailed(field: "rules", reason: "must have a PPN rule in force on \(paymentDate)")
            }
            // The invoice's rate must be the tenant's rate for the period the invoice's rule began in.
            guard
                let invoiceRule = TaxComputation.rule(
                    .ppn, scope: .any, goodsClass: goodsClass, on: terms.rate.effectiveFrom, settings: settings)
            else {
                throw .validationFailed(
                    field: "rules",
                    reason:
                        "must have a PPN rule in force on \(terms.rate.effectiveFrom), when the invoice's PPN rule began"
                )
            }
            let invoiceEffective = TaxRate(
                numerator: terms.rate.effectiveRate.numerator, denominator: terms.rate.effectiveRate.denominator)
            let ruleEffective = TaxRate(
                numerator: invoiceRule.rate.numerator * (invoiceRule.otherBase?.numerator ?? 1),
                denominator: invoiceRule.rate.denominator * (invoiceRule.otherBase?.denominator ?? 1))
            guard invoiceEffective.isSameRate(as: ruleEffective) else {
                throw .conflict(
                    "The invoice's PPN is at an effective \(invoiceEffective.display), but the tenant's PPN rule \(invoiceRule.id) gives \(ruleEffective.display): correct the tax settings or the order",
                    currentState: invoiceRule.id)
            }
            if requirePKPFailed(rule) { return }
            if exemption(rule, part: nil, name: "PPN", nameEnglish: "PPN") { return }
            guard facts.ppn > .zero else {
                notApplied.append(
                    TaxExemption(
                        taxType: .ppn, part: nil, ruleID: rule.id, reason: .nothingToTax, legalBasis: rule.legalBasis,
                        explanation: "PPN tidak dipungut: tagihan tidak memuat PPN (Rp0).",
                        explanationEnglish: "PPN is not collected: the invoice carries no PPN (Rp0)."))
                return
            }
            let tariff = TaxRate(numerator: terms.rate.numerator, denominator: terms.rate.denominator)
            let base = facts.totals.dppNilaiLain
            let product = TaxFigures.exactProduct(base, tariff)
            let words = TaxWords.rounding(terms.rate.rounding)
            var detail = ""
            var detailEnglish = ""
            if let top = terms.rate.otherBaseNumerator, let bottom = terms.rate.otherBaseDenominator {
                detail = " (DPP nilai lain = \(top)/\(bottom) × DPP \(facts.totalBeforePPN.formatted))"
                detailEnglish = " (DPP nilai lain = \(top)/\(bottom) × DPP \(facts.totalBeforePPN.formatted))"
            }
            let basis =
                rule.id == invoiceRule.id
                ? rule.legalBasis : "\(rule.legalBasis); tarif faktur: \(invoiceRule.legalBasis)"
            lines.append(
                TaxLine(
                    taxType: .ppn, part: nil, ruleID: rule.id, taxObjectCode: rule.taxObjectCode, base: base,
                    rate: tariff, amount: facts.ppn, rounding: terms.rate.rounding, legalBasis: basis,
                    depositDueOn: try dueDate(.ppn), umkmCertificateNumber: nil,
                    explanation:
                        "PPN \(tariff.display) × \(base.formatted)\(detail) = \(product) → \(facts.ppn.formatted) (\(words.indonesian), sesuai faktur pajak; aturan \(rule.id))",
                    explanationEnglish:
                        "PPN \(tariff.display) × \(base.formatted)\(detailEnglish) = \(product) → \(facts.ppn.formatted) (\(words.english), as on the tax invoice; rule \(rule.id))"
                ))
        }

        /// A rule that requires a PKP vendor, when the vendor is not one: listed, and true.
        mutating func requirePKPFailed(_ rule: TaxRule) -> Bool {
            guard rule.requiresPKP, !facts.vendor.isPKP else { return false }
            notApplied.append(
                TaxExemption(
                    taxType: rule.taxType, part: nil, ruleID: rule.id, reason: .vendorNotPKP,
                    legalBasis: rule.legalBasis,
                    explanation: "Tidak dipungut: penyedia bukan Pengusaha Kena Pajak (\(rule.legalBasis)).",
                    explanationEnglish: "Not collected: the vendor is not a PKP (\(rule.legalBasis))."))
            return true
        }

        // MARK: PPh 22, PPh 23, final UMKM

        mutating func assessIncomeTax(parts: TaxBaseParts, certificate: UMKMCertificate?) throws(DomainRefusal) {
            if let certificate {
                if certificate.isValid(on: paymentDate) {
                    try assessFinalUMKM(parts: parts, certificate: certificate)
                    return
                }
                let expired = paymentDate > certificate.validUntil
                notApplied.append(
                    TaxExemption(
                        taxType: .pphFinalUMKM, part: nil,
                        ruleID: TaxComputation.rule(.pphFinalUMKM, scope: .any, on: paymentDate, settings: settings)?
                            .id,
                        reason: expired ? .certificateExpired : .certificateNotYetValid,
                        legalBasis: "PP 55/2022 (the Surat Keterangan must be valid when the income is received)",
                        explanation: expired
                            ? "PPh final 0,5% tidak diterapkan: Surat Keterangan \(certificate.number) berlaku sampai \(certificate.validUntil), sudah kedaluwarsa pada tanggal pembayaran \(paymentDate); PPh Pasal 22/23 dipungut."
                            : "PPh final 0,5% tidak diterapkan: Surat Keterangan \(certificate.number) baru berlaku mulai \(certificate.validFrom), belum berlaku pada tanggal pembayaran \(paymentDate); PPh Pasal 22/23 dipungut.",
                        explanationEnglish: expired
                            ? "Final PPh 0.5% not applied: Surat Keterangan \(certificate.number) was valid until \(certificate.validUntil) and had expired on the payment date \(paymentDate); PPh 22/23 is collected instead."
                            : "Final PPh 0.5% not applied: Surat Keterangan \(certificate.number) is valid only from \(certificate.validFrom), not yet on the payment date \(paymentDate); PPh 22/23 is collected instead."
                    ))
            } else if facts.vendor.isUMKM {
                notApplied.append(
                    TaxExemption(
                        taxType: .pphFinalUMKM, part: nil,
                        ruleID: TaxComputation.rule(.pphFinalUMKM, scope: .any, on: paymentDate, settings: settings)?
                            .id,
                        reason: .noCertificate, legalBasis: "PP 55/2022",
                        explanation:
                            "PPh final 0,5% tidak diterapkan: penyedia UMKM belum mendaftarkan Surat Keterangan PP 55/2022; PPh Pasal 22/23 dipungut.",
                        explanationEnglish:
                            "Final PPh 0.5% not applied: the UMKM vendor has registered no Surat Keterangan under PP 55/2022; PPh 22/23 is collected instead."
                    ))
            }
            try assessPart(.goods, taxType: .pph22, parts: parts, name: "PPh Pasal 22", nameEnglish: "PPh 22")
            try assessPart(.services, taxType: .pph23, parts: parts, name: "PPh Pasal 23", nameEnglish: "PPh 23")
        }

        mutating func assessPart(
            _ kind: ProductKind, taxType: TaxType, parts: TaxBaseParts, name: String, nameEnglish: String
        ) throws(DomainRefusal) {
            let part = parts[kind]
            let scope: TaxRuleScope = kind == .goods ? .goods : .services
            guard part.stated > .zero else {
                notApplied.append(
                    TaxExemption(
                        taxType: taxType, part: kind,
                        ruleID: TaxComputation.rule(taxType, scope: scope, on: paymentDate, settings: settings)?.id,
                        reason: .nothingToTax, legalBasis: "no \(kind.rawValue) in the payment: nothing to tax",
                        explanation: "\(name) tidak dipungut: pembayaran tidak memuat \(TaxWords.kind(kind)).",
                        explanationEnglish: "\(nameEnglish) is not collected: the payment has no \(kind.rawValue) part."
                    ))
                return
            }
            guard let rule = TaxComputation.rule(taxType, scope: scope, on: paymentDate, settings: settings) else {
                throw .validationFailed(
                    field: "rules",
                    reason: "must have a \(nameEnglish) rule for \(kind.rawValue) in force on \(paymentDate)")
            }
            if requirePKPFailed(rule) { return }
            if exemption(rule, part: kind, name: name, nameEnglish: nameEnglish) { return }
            // Items in categories the rule exempts (fuel, electricity, …) leave the base.
            let exemptCodes = Set(rule.exemptCategoryCodes)
            var base = part.base
            var note = ""
            var noteEnglish = ""
            if !exemptCodes.isEmpty {
                let exemptItems = facts.items.filter { $0.kind == kind && exemptCodes.contains($0.categoryCode) }
                if !exemptItems.isEmpty {
                    let exemptStated: Rupiah
                    do { exemptStated = try Rupiah.sum(exemptItems.map(\.amount)) } catch {
                        throw .validationFailed(field: "items", reason: "must add up to an amount that fits")
                    }
                    let taxableStated: Rupiah
                    do { taxableStated = try part.stated - exemptStated } catch {
                        throw .validationFailed(field: "items", reason: "must not exceed their part's total")
                    }
                    base = try TaxBaseAllocation.share(
                        of: part.base, taxableStated, over: part.stated, field: "items")
                    if base == .zero {
                        notApplied.append(
                            TaxExemption(
                                taxType: taxType, part: kind, ruleID: rule.id, reason: .exemptCategory,
                                legalBasis: rule.legalBasis,
                                explanation:
                                    "\(name) tidak dipungut: semua \(TaxWords.kind(kind)) termasuk kategori yang dikecualikan (\(rule.legalBasis)).",
                                explanationEnglish:
                                    "\(nameEnglish) is not collected: every \(kind.rawValue) item is in an exempt category (\(rule.legalBasis))."
                            ))
                        return
                    }
                    note =
                        " (tanpa kategori yang dikecualikan: \(exemptItems.map(\.categoryCode).joined(separator: ", ")))"
                    noteEnglish =
                        " (without exempt categories: \(exemptItems.map(\.categoryCode).joined(separator: ", ")))"
                }
            }
            try appendLine(
                taxType: taxType, part: kind, rule: rule, base: base, certificate: nil, name: name,
                nameEnglish: nameEnglish, note: note, noteEnglish: noteEnglish)
        }

        mutating func assessFinalUMKM(parts: TaxBaseParts, certificate: UMKMCertificate) throws(DomainRefusal) {
            guard let rule = TaxComputation.rule(.pphFinalUMKM, scope: .any, on: paymentDate, settings: settings) else {
                throw .validationFailed(
                    field: "rules", reason: "must have a final UMKM (PP 55/2022) rule in force on \(paymentDate)")
            }
            for kind in [ProductKind.goods, .services] where parts[kind].stated > .zero {
                notApplied.append(
                    TaxExemption(
                        taxType: kind == .goods ? .pph22 : .pph23, part: kind, ruleID: nil,
                        reason: .replacedByFinalUMKM, legalBasis: rule.legalBasis,
                        explanation:
                            "\(kind == .goods ? "PPh Pasal 22" : "PPh Pasal 23") tidak dipungut: diganti PPh final 0,5% berdasarkan Surat Keterangan \(certificate.number) (\(rule.legalBasis)).",
                        explanationEnglish:
                            "\(kind == .goods ? "PPh 22" : "PPh 23") is not collected: the final 0.5% PPh applies instead, on Surat Keterangan \(certificate.number) (\(rule.legalBasis))."
                    ))
            }
            if exemption(rule, part: nil, name: "PPh final UMKM", nameEnglish: "Final UMKM PPh") { return }
            let base = facts.totalBeforePPN
            guard base > .zero else {
                notApplied.append(
                    TaxExemption(
                        taxType: .pphFinalUMKM, part: nil, ruleID: rule.id, reason: .nothingToTax,
                        legalBasis: rule.legalBasis, explanation: "PPh final tidak dipungut: peredaran bruto Rp0.",
                        explanationEnglish: "Final PPh is not collected: the gross turnover is Rp0."))
                return
            }
            try appendLine(
                taxType: .pphFinalUMKM, part: nil, rule: rule, base: base, certificate: certificate,
                name: "PPh final UMKM", nameEnglish: "Final UMKM PPh", note: "", noteEnglish: "")
        }

        mutating func appendLine(
            taxType: TaxType, part: ProductKind?, rule: TaxRule, base: Rupiah, certificate: UMKMCertificate?,
            name: String, nameEnglish: String, note: String, noteEnglish: String
        ) throws(DomainRefusal) {
            guard
                let scaled = ExactArithmetic.scaled(
                    base.amount, times: rule.rate.numerator, over: rule.rate.denominator, rounding: rounding.rounding),
                let amount = try? Rupiah(checked: scaled)
            else {
                throw .validationFailed(
                    field: "rules[\(rule.id)].rate", reason: "must give a tax that fits on \(base.formatted)")
            }
            let words = TaxWords.rounding(rounding.rounding)
            let product = TaxFigures.exactProduct(base, rule.rate)
            let certificateText = certificate.map { " berdasarkan Surat Keterangan \($0.number)" } ?? ""
            let certificateEnglish = certificate.map { " on Surat Keterangan \($0.number)" } ?? ""
            lines.append(
                TaxLine(
                    taxType: taxType, part: part, ruleID: rule.id, taxObjectCode: rule.taxObjectCode, base: base,
                    rate: rule.rate, amount: amount, rounding: rounding.rounding,
                    legalBasis: "\(rule.legalBasis); \(rounding.legalBasis)", depositDueOn: try dueDate(taxType),
                    umkmCertificateNumber: certificate?.number,
                    explanation:
                        "\(name)\(certificateText): \(rule.rate.display) × \(base.formatted)\(note) = \(product) → \(amount.formatted) (\(words.indonesian), \(rounding.legalBasis); aturan \(rule.id))",
                    explanationEnglish:
                        "\(nameEnglish)\(certificateEnglish): \(rule.rate.display) × \(base.formatted)\(noteEnglish) = \(product) → \(amount.formatted) (\(words.english), \(rounding.legalBasis); rule \(rule.id))"
                ))
        }
    }
}

// MARK: - Words and figures

/// The words the explanations use.
enum TaxWords {
    static func mechanism(_ mechanism: PaymentMechanism) -> String {
        switch mechanism {
        case .upGu: "UP/GU"
        case .ls: "LS (SP2D)"
        case .kkpd: "Kartu Kredit Pemerintah Daerah (KKPD)"
        }
    }

    static func mechanismEnglish(_ mechanism: PaymentMechanism) -> String {
        switch mechanism {
        case .upGu: "UP/GU"
        case .ls: "LS (SP2D)"
        case .kkpd: "the regional government credit card (KKPD)"
        }
    }

    static func kind(_ kind: ProductKind) -> String { kind == .goods ? "barang" : "jasa" }

    static func rounding(_ rounding: TaxRounding) -> (indonesian: String, english: String) {
        switch rounding {
        case .halfUp: ("dibulatkan: 0,50 ke atas", "half-up")
        case .down: ("dibulatkan ke bawah", "rounded down")
        }
    }
}

extension TaxFigures {
    /// `base × rate` written exactly the Indonesian way (`Rp67.567,575`); see ``exact(_:times:over:)``.
    static func exactProduct(_ base: Rupiah, _ rate: TaxRate) -> String {
        exact(base.amount, times: rate.numerator, over: rate.denominator)
    }

    /// `value × numerator ÷ denominator` in rupiah, written exactly with a decimal comma
    /// (`Rp2.702.702,7`); a fraction with no finite decimal is cut at six places and marked `…`.
    static func exact(_ value: Int64, times numerator: Int64, over denominator: Int64) -> String {
        guard let written = fraction(value, times: numerator, over: denominator, places: 6) else { return "?" }
        return "Rp" + written.text + (written.isExact ? "" : "…")
    }
}
