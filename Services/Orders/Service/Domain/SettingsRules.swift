import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// A tenant's order rules as data: the defaults a tenant starts with, their checks, and the
/// domain values (ceilings, number templates) they become.
enum SettingsRules {
    /// The settings a tenant starts with: the regulation's defaults.
    static func defaults(tenant: String) -> OrdersSettings {
        OrdersSettings(
            tenant: tenant,
            ceilings: PurchaseCeilings.balanganDefaults.entries.map {
                CeilingSetting(
                    fundingSource: $0.source, amount: $0.amount, legalBasis: $0.legalBasis,
                    effectiveFrom: $0.effectiveFrom)
            },
            vendorResponseDays: VendorResponseDeadline.standard.days,
            splitPurchaseRules: [.standard], maxPenaltyDays: LatePenalty.defaultMaxDays, ppnRates: PPNRate.schedule,
            allowsDeliveryBeyondBudgetYear: false,
            suratPesananNumberTemplate: DocumentNumberTemplate.suratPesananDefault,
            bastNumberTemplate: DocumentNumberTemplate.bastDefault, terms: defaultTerms(tenant: tenant),
            documentPlace: DocumentTextRules.seedPlace(tenant: tenant), version: nil,
            documents: DocumentTextRules.seed(tenant: tenant))
    }

    /// The clauses a tenant starts with: its own shipped example where there is one (Polewali
    /// Mandar), Balangan's otherwise.
    static func defaultTerms(tenant: String) -> SuratPesananTerms {
        tenant == "polman" ? polmanTerms : defaultTerms
    }

    /// Polewali Mandar's example clauses: the same annex I.D.1.c structure, citing the national
    /// rules instead of Balangan's regulation (Perbup Polewali Mandar 31/2012 sets up the LPSE
    /// and has no clauses of its own).
    static let polmanTerms = SuratPesananTerms(
        rightsAndObligations: defaultTerms.rightsAndObligations, workExecution: defaultTerms.workExecution,
        price: defaultTerms.price, payment: defaultTerms.payment,
        sanctions:
            "Penyedia yang mengundurkan diri tanpa alasan yang dapat diterima, tidak melaksanakan atau tidak menyelesaikan pekerjaan, atau tidak bersedia mengganti barang yang rusak/cacat/malfungsi dikenakan sanksi sesuai Peraturan Presiden Nomor 16 Tahun 2018 Pasal 78 sebagaimana telah diubah.",
        latePenalty: defaultTerms.latePenalty, forceMajeure: defaultTerms.forceMajeure,
        disputeSettlement: defaultTerms.disputeSettlement,
        antiGratification:
            "Para pihak dilarang memberi atau menerima komisi, hadiah atau gratifikasi dalam bentuk apa pun terkait Surat Pesanan ini (Peraturan Presiden Nomor 16 Tahun 2018 Pasal 7)."
    )

    /// Balangan's clauses of annex I.D.1.c in their usual Indonesian wording, the shipped example.
    static let defaultTerms = SuratPesananTerms(
        rightsAndObligations:
            "PPK berhak menerima barang/jasa sesuai Surat Pesanan dan berkewajiban membayar harga yang disepakati. Penyedia berhak menerima pembayaran dan berkewajiban menyerahkan barang/jasa sesuai spesifikasi, jumlah dan waktu dalam Surat Pesanan.",
        workExecution:
            "Penyedia melaksanakan pengiriman/pekerjaan sesuai spesifikasi teknis ke alamat pengiriman paling lambat pada tanggal pengiriman yang disepakati. PPK memeriksa barang/jasa yang diterima; barang yang rusak, cacat, malfungsi atau tidak sesuai spesifikasi wajib diganti oleh Penyedia atas biaya Penyedia.",
        price:
            "Harga sudah termasuk biaya pengiriman, pajak, serta keuntungan dan overhead sebagaimana tercantum dalam Surat Pesanan.",
        payment:
            "Pembayaran dilakukan secara nontunai (transfer) oleh Bendahara Pengeluaran setelah berita acara serah terima ditandatangani, dengan pemotongan/pemungutan pajak sesuai ketentuan.",
        sanctions:
            "Penyedia yang mengundurkan diri tanpa alasan yang dapat diterima, tidak melaksanakan atau tidak menyelesaikan pekerjaan, atau tidak bersedia mengganti barang yang rusak/cacat/malfungsi dikenakan sanksi turun tayang selama 1 (satu) tahun; penyampaian data palsu dikenakan sanksi turun tayang selama 2 (dua) tahun (Perbup Balangan 92/2023 Pasal 14).",
        latePenalty:
            "Keterlambatan penyerahan dikenakan denda 1‰ (satu permil) per hari dari nilai bagian yang terlambat sebelum PPN (Perpres 16/2018 Pasal 79).",
        forceMajeure:
            "Keadaan kahar meliputi bencana alam dan keadaan lain di luar kemampuan para pihak; pihak yang mengalami wajib memberitahukan secara tertulis paling lambat 14 (empat belas) hari kalender sejak terjadinya keadaan kahar.",
        disputeSettlement:
            "Perselisihan diselesaikan secara musyawarah untuk mufakat; apabila tidak tercapai, melalui pengadilan negeri di wilayah PPK.",
        antiGratification:
            "Para pihak dilarang memberi atau menerima komisi, hadiah atau gratifikasi dalam bentuk apa pun terkait Surat Pesanan ini (Perbup Balangan 92/2023 Pasal 16)."
    )

    /// The tenant's automatic numbering templates (Surat Pesanan and BAST), whose shapes typed numbers may not take.
    static func numberTemplates(_ settings: OrdersSettings) throws(RPCError) -> [DocumentNumberTemplate] {
        [
            try DocumentNumberTemplate(settings.suratPesananNumberTemplate),
            try DocumentNumberTemplate(settings.bastNumberTemplate),
        ]
    }

    /// The ceilings as the domain checks them.
    static func ceilings(_ settings: OrdersSettings) throws(DomainRefusal) -> PurchaseCeilings {
        var ceilings = PurchaseCeilings([])
        for setting in settings.ceilings {
            ceilings = ceilings.setting(
                try PurchaseCeiling(
                    source: setting.fundingSource, amount: setting.amount, legalBasis: setting.legalBasis,
                    effectiveFrom: setting.effectiveFrom))
        }
        return ceilings
    }

    static func validate(_ settings: OrdersSettings) -> [FieldError] {
        var problems: [FieldError] = []
        func check(_ field: String, _ body: () throws -> Void) {
            do { try body() } catch let error as any RPCErrorConvertible {
                problems += InputRules.fields(of: error.rpcError).map {
                    FieldError(field: $0.field == "template" ? field : $0.field, reason: $0.reason)
                }
            } catch {}
        }
        for (index, ceiling) in settings.ceilings.enumerated() {
            check("ceilings[\(index)]") {
                _ = try PurchaseCeiling(
                    source: ceiling.fundingSource, amount: ceiling.amount, legalBasis: ceiling.legalBasis,
                    effectiveFrom: ceiling.effectiveFrom)
            }
            check("ceilings[\(index)].legalBasis") {
                try InputRules.requireFreeText(ceiling.legalBasis, field: "ceilings[\(index)].legalBasis", max: 500)
            }
        }
        check("vendorResponseDays") { _ = try VendorResponseDeadline(days: settings.vendorResponseDays) }
        if settings.splitPurchaseRules.isEmpty {
            problems.append(FieldError(field: "splitPurchaseRules", reason: "must list at least one rule"))
        }
        for (index, rule) in settings.splitPurchaseRules.enumerated() {
            let path = "splitPurchaseRules[\(index)]"
            check("\(path).windowDays") { _ = try SplitPurchaseDetector(windowDays: rule.windowDays) }
            check("\(path).legalBasis") {
                try InputRules.requireFreeText(rule.legalBasis, field: "\(path).legalBasis", max: 500)
            }
        }
        problems += ppnRateProblems(settings.ppnRates)
        if !(0...365).contains(settings.maxPenaltyDays) {
            problems.append(FieldError(field: "maxPenaltyDays", reason: "must be 0 to 365 days"))
        }
        check("suratPesananNumberTemplate") { _ = try DocumentNumberTemplate(settings.suratPesananNumberTemplate) }
        check("bastNumberTemplate") { _ = try DocumentNumberTemplate(settings.bastNumberTemplate) }
        check("documentPlace") { try InputRules.requireText(settings.documentPlace, field: "documentPlace", max: 100) }
        problems += TermsRules.problems(settings.terms, prefix: "terms")
        problems += DocumentTextRules.problems(settings.documents)
        return problems
    }
}

extension SettingsRules {
    /// Each PPN rule checked as a caller's value (`ppnRates[i].…`), with a legal basis, no two of
    /// one goods class starting the same day, and at least one rule for ordinary goods.
    static func ppnRateProblems(_ rates: [PPNRate]) -> [FieldError] {
        var problems: [FieldError] = []
        var starts = Set<String>()
        for (index, rate) in rates.enumerated() {
            let path = "ppnRates[\(index)]"
            do { _ = try rate.validated() } catch {
                problems += error.fields.map { FieldError(field: "\(path).\($0.field)", reason: $0.reason) }
            }
            if let reason = InputRules.freeTextProblem(rate.legalBasis, max: 500, multiline: false) {
                problems.append(FieldError(field: "\(path).legalBasis", reason: reason))
            }
            if !starts.insert("\(rate.goodsClass.rawValue) \(rate.effectiveFrom)").inserted {
                problems.append(
                    FieldError(
                        field: "\(path).effectiveFrom",
                        reason: "must differ from every other \(rate.goodsClass.rawValue) rule's first day"))
            }
        }
        if !rates.contains(where: { $0.goodsClass == .ordinary }) {
            problems.append(FieldError(field: "ppnRates", reason: "must list at least one rule for ordinary goods"))
        }
        return problems
    }
}

/// The Surat Pesanan clauses must all be there (annex I.D.1.c).
enum TermsRules {
    static func problems(_ terms: SuratPesananTerms, prefix: String) -> [FieldError] {
        let clauses: [(String, String)] = [
            ("rightsAndObligations", terms.rightsAndObligations), ("workExecution", terms.workExecution),
            ("price", terms.price),
            ("payment", terms.payment), ("sanctions", terms.sanctions), ("latePenalty", terms.latePenalty),
            ("forceMajeure", terms.forceMajeure),
            ("disputeSettlement", terms.disputeSettlement), ("antiGratification", terms.antiGratification),
        ]
        return clauses.compactMap { name, text in
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return FieldError(
                    field: "\(prefix).\(name)", reason: "must not be empty: the Surat Pesanan needs this clause")
            }
            if let reason = InputRules.freeTextProblem(text, max: 5000, multiline: true) {
                return FieldError(field: "\(prefix).\(name)", reason: reason)
            }
            return nil
        }
    }
}
