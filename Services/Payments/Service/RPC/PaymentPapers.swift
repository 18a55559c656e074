import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Issues a settled payment's documents through the shared register, in the settlement's
/// transaction: the kuitansi (with the treasurer's "lunas dibayar", now that the money arrived),
/// one withholding/collection slip per tax line, the payment proof, and the SPJ packet that
/// gathers them with the Surat Pesanan and BAST. The forms are h-docs' (`Documents/`); this
/// only fills their facts from the payable and the payment.
enum PaymentPapers {
    /// The Surat Pesanan's and BAST's sealed PDFs, when the treasurer could fetch them from orders,
    /// to embed in the packet.
    struct OrderPDFs: Sendable {
        var suratPesanan: Data?
        var bast: Data?
    }

    static func issue(
        _ db: Connection, _ record: inout PaymentRecord, payable: PayableRecord, sealer: DocumentSealer,
        orderPDFs: OrderPDFs = OrderPDFs(), at: Date
    ) throws {
        let facts = payable.facts
        guard let snapshot = facts.parties else {
            throw DomainRefusal.conflict(
                "orders told no parties snapshot for this order (issued before orders kept one): its documents cannot name the parties",
                currentState: record.state.rawValue)
        }
        let settings = try PaymentsSettingsStore.settings(db, tenant: record.tenant)
        let issuedOn = record.settledOn ?? CivilDate(at)
        let setting = PaymentDocumentSetting.of(
            settings.documents, tenant: record.tenant, on: issuedOn, place: snapshot.regency.seat)
        let parties = PaymentParties(
            regency: snapshot.regency, agency: snapshot.agency, ppk: snapshot.ppk,
            budgetHolder: record.budgetHolder
                ?? OfficialParty(
                    accountID: "", name: "", nip: "", rank: "", position: "Pengguna Anggaran/Kuasa Pengguna Anggaran"),
            treasurer: OfficialParty(
                accountID: record.treasurer.accountID, name: record.treasurer.name, nip: record.treasurer.nip,
                rank: "", position: "Bendahara Pengeluaran"),
            treasurerNITKU: TaxIdentities.headOfficeNITKU(npwp: record.treasurer.npwp), vendor: snapshot.vendor,
            vendorNITKU: TaxIdentities.headOfficeNITKU(npwp: snapshot.vendor.npwp), vendorNIK: nil)
        let purchase = PaidPurchase(
            orderID: facts.orderID, packageName: facts.packageName, budgetAccountCode: facts.budgetAccountCode,
            suratPesanan: reference(facts.suratPesanan), bast: reference(facts.bast))
        let mechanism: PaymentDocumentMechanism
        switch record.mechanism {
        case .upGu: mechanism = .upGU
        case .ls: mechanism = .ls(sp2dNumber: record.sp2d?.number ?? "", sp2dDate: record.sp2d?.date ?? issuedOn)
        case .kkpd: mechanism = .kkpd(cardReference: record.transferReference ?? "")
        }
        let figures = record.taxLines.map { figuresOf($0.line) }
        let breakdown = PaymentBreakdown(
            gross: record.assessment.gross, taxes: figures, penalty: record.assessment.penalty,
            net: record.assessment.net)
        let verification = setting.texts.verificationURLPrefix
        let treasurerAck = Acknowledgement(
            party: PaymentDocuments.Party.treasurer, accountID: record.treasurer.accountID,
            at: Timestamp.iso8601(at),
            signedNote: PaymentDocuments.actedNote(
                party: PaymentDocuments.Party.treasurer, at: at, calendar: setting.calendar))

        func number(_ kind: DocumentKind) throws -> String {
            try DocumentRegister.nextNumber(
                db, kind: kind,
                template: try DocumentNumberTemplate(DocumentNumberTemplate.paymentsDefault(for: kind)!),
                tenant: record.tenant, agency: record.agency, date: issuedOn)
        }
        func issued(_ info: DocumentInfo) throws -> IssuedPaymentDocument {
            guard let content = try DocumentRegister.content(db, id: info.id) else {
                throw DomainRefusal.notFound("document", id: info.id)
            }
            return IssuedPaymentDocument(
                content: content,
                reference: ReferencedDocument(number: info.number, date: info.issuedOn, sha256: info.seal.sha256))
        }

        // The kuitansi: received from the treasurer, paid now, approved by the PA/KPA if they did;
        // the vendor's acknowledgement stays blank until it confirms receipt.
        let kuitansi = try PaymentDocuments.kuitansi(
            KuitansiFacts(
                number: try number(.kuitansi), issuedOn: issuedOn, parties: parties, purchase: purchase,
                mechanism: mechanism, breakdown: breakdown, approvedAt: record.approvedAt.flatMap(Timestamp.date),
                settledAt: at,
                vendorAcknowledgedAt: nil), setting: setting)
        let kuitansiInfo = try DocumentRegister.issue(
            db, kuitansi, kind: .kuitansi, tenant: record.tenant, subjectID: record.id, sealer: sealer,
            acknowledgements: [treasurerAck], verificationPrefix: verification, at: at)
        let kuitansiReference = reference(kuitansiInfo)

        var slips: [IssuedPaymentDocument] = []
        for index in record.taxLines.indices {
            let line = record.taxLines[index].line
            let certificate = line.umkmCertificateNumber.flatMap { number in
                record.certificate.map {
                    SuratKeteranganReference(number: number, validFrom: $0.validFrom, validUntil: $0.validUntil)
                }
            }
            let slip = PaymentDocuments.withholdingSlip(
                WithholdingSlipFacts(
                    number: try number(.withholdingSlip), issuedOn: issuedOn,
                    taxPeriodMonth: record.paymentDate.month, taxPeriodYear: record.paymentDate.year,
                    parties: parties, tax: figures[index], basisDocumentKind: "Kuitansi",
                    basisDocument: kuitansiReference, suratKeterangan: certificate, mechanism: mechanism,
                    purchase: purchase, signedAt: at), setting: setting)
            let info = try DocumentRegister.issue(
                db, slip, kind: .withholdingSlip, tenant: record.tenant, subjectID: record.id, sealer: sealer,
                acknowledgements: [treasurerAck], verificationPrefix: verification, at: at)
            record.taxLines[index].slip = info
            slips.append(try issued(info))
        }

        let instructedAt = record.instructedAt.flatMap(Timestamp.date) ?? at
        let proof = try PaymentDocuments.paymentProof(
            PaymentProofFacts(
                number: try number(.paymentProof), issuedOn: issuedOn, parties: parties, purchase: purchase,
                mechanism: mechanism, breakdown: breakdown, kuitansi: kuitansiReference,
                instruction: PaymentInstructionFacts(
                    reference: record.transferReference ?? "", instructedAt: instructedAt),
                settlement: PaymentSettlementFacts(bankReference: record.bankReference ?? "", settledAt: at)),
            setting: setting)
        let proofInfo = try DocumentRegister.issue(
            db, proof, kind: .paymentProof, tenant: record.tenant, subjectID: record.id, sealer: sealer,
            verificationPrefix: verification, at: at)

        var attachments: [PacketAttachmentFacts] = []
        if let pdf = orderPDFs.suratPesanan {
            attachments.append(
                PacketAttachmentFacts(
                    fileName: "surat-pesanan.pdf", title: "Surat Pesanan \(facts.suratPesanan.number)", pdf: pdf))
        }
        if let pdf = orderPDFs.bast {
            attachments.append(
                PacketAttachmentFacts(fileName: "bast.pdf", title: "BAST \(facts.bast.number)", pdf: pdf))
        }
        let packet = PaymentDocuments.packet(
            PaymentPacketFacts(
                number: try number(.paymentPacket), issuedOn: issuedOn, parties: parties, purchase: purchase,
                breakdown: breakdown, kuitansi: try issued(kuitansiInfo), slips: slips, proof: try issued(proofInfo),
                attachments: attachments), setting: setting)
        let packetInfo = try DocumentRegister.issue(
            db, bundle: packet, kind: .paymentPacket, tenant: record.tenant, subjectID: record.id, sealer: sealer,
            verificationPrefix: verification, at: at)

        record.kuitansi = kuitansiInfo
        record.proof = proofInfo
        record.packet = packetInfo
    }

    static func reference(_ info: DocumentInfo) -> ReferencedDocument {
        ReferencedDocument(number: info.number, date: info.issuedOn, sha256: info.seal.sha256)
    }

    /// One tax line as the documents print it.
    static func figuresOf(_ line: TaxLine) -> SlipTaxFigures {
        let kind: SlipTaxKind =
            switch line.taxType {
            case .ppn: .ppn
            case .pph22: .pph22
            case .pph23: .pph23
            case .pphFinalUMKM: .pphFinal
            }
        return SlipTaxFigures(
            kind: kind, label: TaxIdentities.label(line.taxType), objectCode: line.taxObjectCode ?? "",
            base: line.base, rateText: line.rate.display, amount: line.amount, legalBasis: line.legalBasis)
    }
}
