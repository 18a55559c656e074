import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Orders made outside the system under force majeure (annex I.E), with their Berita Acara.
struct ForceMajeureHandlers {
    let context: OrdersContext

    func register(into table: inout RPCMethodTable) {
        table.register(ForceMajeureRecord.self) { params, request in try await record(params, request) }
        table.register(ForceMajeureAcknowledge.self) { params, request in try await acknowledge(params, request) }
    }

    static func problems(_ params: ForceMajeureRecordParams, today: CivilDate) -> [FieldError] {
        var problems: [FieldError] = []
        for (field, value, max, multiline) in [
            ("description", params.description, 5000, true), ("vendorName", params.vendorName, 200, false),
        ] {
            do { try InputRules.requireText(value, field: field, max: max, multiline: multiline) } catch let error
                as RPCError
            { problems += InputRules.fields(of: error) } catch {}
        }
        for (field, value) in [
            ("beritaAcaraNumber", params.beritaAcaraNumber), ("budgetAccountCode", params.budgetAccountCode),
        ] {
            if let reason = InputRules.documentNumberProblem(value) {
                problems.append(FieldError(field: field, reason: reason))
            }
        }
        if params.items.isEmpty { problems.append(FieldError(field: "items", reason: "must list what was bought")) }
        for (index, item) in params.items.enumerated() {
            if item.quantity < 1 {
                problems.append(FieldError(field: "items[\(index)].quantity", reason: "must be at least 1"))
            }
            if item.unitPrice == .zero {
                problems.append(FieldError(field: "items[\(index)].unitPrice", reason: "must be more than zero"))
            }
            if item.description.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(FieldError(field: "items[\(index)].description", reason: "must not be empty"))
            }
            if let reason = InputRules.freeTextProblem(item.description, max: 500, multiline: false) {
                problems.append(FieldError(field: "items[\(index)].description", reason: reason))
            }
            if let reason = InputRules.freeTextProblem(item.unit, max: 50, multiline: false) {
                problems.append(FieldError(field: "items[\(index)].unit", reason: reason))
            }
        }
        if params.orderedOn > today {
            problems.append(FieldError(field: "orderedOn", reason: "must not be after today (\(today))"))
        }
        return problems
    }

    func record(_ params: ForceMajeureRecordParams, _ request: RequestContext) async throws -> ForceMajeureOrder {
        let principal = try request.requirePrincipal()
        guard let tenant = principal.tenant, let agency = principal.agency else {
            throw RPCError.forbidden("only a PPK of an agency records force-majeure orders")
        }
        let today = context.today
        try InputRules.requirePrintableStrings(in: params)
        let problems = Self.problems(params, today: today)
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        let isPKP = params.vendorIsPKP ?? false
        let basis = PriceBasis(includesPPN: params.pricesIncludePPN ?? true)
        if !isPKP, params.pricesIncludePPN == true {
            throw RPCError.validationFailed(
                field: "pricesIncludePPN",
                reason: "must not be true: a vendor that is not a PKP charges no PPN, so its prices contain none")
        }
        let lines = params.items.enumerated().map { index, item in
            OfferLine(itemID: "item-\(index + 1)", unitPrice: item.unitPrice, quantity: item.quantity)
        }
        // Where the PA/KPA is also the PPK, the PA's own record suffices (annex I.E.3).
        let selfAcknowledged = principal.has(.budgetHolder)
        let ppkName =
            (try? await context.identity.call(AuthWhoAmI.self, EmptyParams(), token: request.token).fullName)
            ?? principal.id
        let sealer = context.sealer
        let at = context.now()
        let stamp = Timestamp.iso8601(at)
        return try await context.database.write { db in
            try IdempotentWrite.once(db, request, at: at) {
                let settings = try SettingsStore.settings(db, tenant: tenant)
                // PPN and the ceiling as for an order (issue 11): the rule in force on the day it was ordered.
                guard let rate = PPNRate.inForce(on: params.orderedOn, schedule: settings.ppnRates) else {
                    throw RPCError.validationFailed(
                        field: "orderedOn", reason: "has no PPN rule in force; the tenant administrator must set one")
                }
                let totals = try OrderTotals(
                    lines: lines, deliveryCost: .zero, installationCost: .zero, trainingCost: .zero,
                    ppn: PPNTerms(vendorStatus: VendorTaxStatus(isPKP: isPKP), priceBasis: basis, rate: rate))
                try CeilingCheck.check(
                    total: totals.totalIncludingPPN, source: params.fundingSource,
                    ceilings: try SettingsRules.ceilings(settings), on: params.orderedOn, field: "items")
                let agreedTotal = totals.totalIncludingPPN
                try DocumentRegister.requireTypedNumber(
                    params.beritaAcaraNumber, field: "beritaAcaraNumber",
                    outside: try SettingsRules.numberTemplates(settings))
                let id = OrdersContext.newID()
                let known = try PartyDirectory.regencyAndAgency(db, tenant: tenant, agency: agency)
                let regency =
                    known.regency ?? OrderDocuments.fallbackRegency(tenant: tenant, place: settings.documentPlace)
                let setting = DocumentSetting.of(
                    settings, tenant: tenant, on: today,
                    place: regency.seat.isEmpty ? settings.documentPlace : regency.seat,
                    emblem: try PartyDirectory.emblemData(db, regency))
                let document = Self.beritaAcara(
                    params, regency: regency, agency: known.agency ?? OrderDocuments.fallbackAgency(agency),
                    ppk: try PartyDirectory.official(db, accountID: principal.id), ppkName: ppkName,
                    total: agreedTotal, issuedOn: today, setting: setting,
                    selfAcknowledged: selfAcknowledged, issuedAt: at)
                let signed = OrderDocuments.signedNote(at: at, calendar: setting.calendar)
                var acknowledgements = [
                    Acknowledgement(party: "ppk", accountID: principal.id, at: stamp, signedNote: signed)
                ]
                if selfAcknowledged {
                    acknowledgements.append(
                        Acknowledgement(party: "budget_holder", accountID: principal.id, at: stamp, signedNote: signed))
                }
                let info = try DocumentRegister.issue(
                    db, document, kind: .forceMajeure, tenant: tenant, subjectID: id, sealer: sealer,
                    acknowledgements: acknowledgements, verificationPrefix: setting.texts.verificationURLPrefix, at: at)
                let record = ForceMajeureOrder(
                    id: id, tenant: tenant, agency: agency, recordedBy: principal.id, record: params,
                    total: agreedTotal,
                    beritaAcara: info,
                    acknowledged: selfAcknowledged, version: 1, recordedAt: stamp, totals: totals)
                try ForceMajeureStore.insert(db, record)
                try AuditTrail.append(
                    db, tenant: tenant, actor: principal, method: ForceMajeureRecord.name, targetType: "force_majeure",
                    targetID: id, action: "recorded",
                    before: nil, after: try JSONCoding.value(record), at: at)
                try EventFeed.publish(ForceMajeureRecorded.self, record, db: db, tenant: tenant, subjectID: id, at: at)
                return record
            }
        }
    }

    func acknowledge(_ params: ForceMajeureRef, _ request: RequestContext) async throws -> ForceMajeureOrder {
        let principal = try request.requirePrincipal()
        let at = context.now()
        return try await context.database.write { db in
            var record = try ForceMajeureStore.load(db, id: params.id)
            guard principal.tenant == record.tenant, principal.agency == record.agency else {
                throw RPCError.forbidden(
                    "only the PA/KPA of agency \(record.agency) acknowledges its force-majeure orders")
            }
            guard record.version == params.version else {
                throw RPCError.conflict(
                    "the record changed since it was read",
                    currentState: record.acknowledged ? "acknowledged" : "recorded")
            }
            guard !record.acknowledged else {
                throw RPCError.conflict("already acknowledged", currentState: "acknowledged")
            }
            try DocumentRegister.acknowledge(
                db, id: record.beritaAcara.id,
                try Self.acknowledgement(db, principal: principal, at: at),
                signedNote: OrderDocuments.acknowledgedNote(
                    party: "budget_holder", kind: .forceMajeure, at: at,
                    calendar: TenantCalendar.of(tenant: record.tenant)),
                sealer: context.sealer, at: at)
            record.acknowledged = true
            record.beritaAcara = try DocumentRegister.info(db, id: record.beritaAcara.id)
            record.version += 1
            try ForceMajeureStore.saveAcknowledged(db, record)
            try AuditTrail.append(
                db, tenant: record.tenant, actor: principal, method: ForceMajeureAcknowledge.name,
                targetType: "force_majeure", targetID: params.id,
                action: "acknowledged", before: ["acknowledged": false], after: ["acknowledged": true], at: at)
            try EventFeed.publish(
                ForceMajeureAcknowledged.self, record, db: db, tenant: record.tenant, subjectID: params.id, at: at)
            return record
        }
    }

    static func beritaAcara(
        _ params: ForceMajeureRecordParams, regency: RegencyParty, agency agencyParty: AgencyParty,
        ppk: OfficialParty?, ppkName: String,
        total: Rupiah, issuedOn: CivilDate, setting: DocumentSetting, selfAcknowledged: Bool, issuedAt: Date
    ) -> LegalDocument {
        let reason =
            params.reason == .naturalDisaster ? "bencana alam" : "pelaksanaan kegiatan Pemerintah Daerah di luar Daerah"
        let rows = params.items.enumerated().map { index, item in
            [
                String(index + 1), item.description, String(item.quantity), item.unit, item.unitPrice.printed,
                ((try? item.unitPrice * item.quantity) ?? .zero).printed,
            ]
        }
        let signed = OrderDocuments.signedNote(at: issuedAt, calendar: setting.calendar)
        var parties = [
            LegalDocument.Signatory(
                role: (selfAcknowledged
                    ? "Pengguna Anggaran selaku Pejabat Pembuat Komitmen" : "Pejabat Pembuat Komitmen")
                    + "\n" + agencyParty.name,
                name: ppk?.name ?? ppkName,
                detail: ppk.flatMap { OrderDocuments.printedNIP($0.nip) }.map { "NIP \($0)" },
                signedNote: signed, party: "ppk", meterai: setting.meteraiPlace(for: total))
        ]
        if !selfAcknowledged {
            // The PA acknowledges (annex I.E.3); the block stays unsigned until the PA/KPA does.
            parties.insert(
                .init(
                    role: "Mengetahui,\nPengguna Anggaran/Kuasa Pengguna Anggaran", name: "",
                    signedNote: OrderDocuments.pendingNote, party: "budget_holder"), at: 0)
        }
        var identification: [LegalDocument.Field] = [
            .init("Keadaan", params.description),
            .init("Penyedia", params.vendorName),
        ]
        if let npwp = params.vendorNPWP { identification.append(.init("NPWP Penyedia", npwp.value)) }
        identification += [
            .init("Tanggal Pemesanan", IndonesianDate.long(params.orderedOn)),
            .init("Sumber Dana", params.fundingSource.rawValue.uppercased()),
            .init("Kode Rekening", params.budgetAccountCode),
        ]
        return LegalDocument(
            letterhead: OrderDocuments.letterhead(regency: regency, agency: agencyParty),
            title: "BERITA ACARA PEMESANAN DI LUAR SISTEM (KEADAAN KAHAR)", documentNumber: params.beritaAcaraNumber,
            issuedOn: issuedOn,
            blocks: [
                .paragraph(
                    "Pada \(IndonesianDate.inWords(issuedOn)), bertempat di \(setting.place), Pejabat Pembuat Komitmen menyatakan bahwa pemesanan barang/jasa berikut dilakukan tanpa menggunakan \(setting.texts.systemName) karena keadaan kahar (\(reason)), sebagaimana dimaksud dalam \(setting.texts.forceMajeureBasis)."
                ),
                .fields(identification),
                .table(
                    .init(
                        columns: [
                            .init("No", alignment: .center), .init("Barang/Jasa"), .init("Jumlah", alignment: .right),
                            .init("Satuan"),
                            .init("Harga Satuan", alignment: .right), .init("Total", alignment: .right),
                        ],
                        rows: rows, footer: [["", "TOTAL", "", "", "", total.printed]])),
                .paragraph("Total: \(Terbilang.amount(total))."),
                .paragraph(
                    "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."),
                .signatures(
                    .init(placeAndDate: "\(setting.place), \(IndonesianDate.long(issuedOn))", parties: parties)),
                .smallPrint(DocumentTextRules.sealNote(setting.texts)),
            ], emblem: setting.emblem)
    }
}

extension ForceMajeureHandlers {
    /// The PA/KPA's acknowledgement, naming them as identity's feed last told orders (the Berita
    /// Acara's block names no one before they act; nil name while the feed has not told of them).
    static func acknowledgement(_ db: Connection, principal: Principal, at: Date) throws -> Acknowledgement {
        let official = try PartyDirectory.official(db, accountID: principal.id)
        return Acknowledgement(
            party: "budget_holder", accountID: principal.id, at: Timestamp.iso8601(at), signerName: official?.name,
            signerDetail: official.flatMap { OrderDocuments.printedNIP($0.nip) }.map { "NIP " + $0 })
    }
}
