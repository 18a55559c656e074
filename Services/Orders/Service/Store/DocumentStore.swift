import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Issuing, numbering and reading sealed documents.
enum DocumentStore {
    /// Document types as stored and sealed.
    enum Kind: String {
        case suratPesanan = "surat_pesanan"
        case bast
        case forceMajeure = "berita_acara_force_majeure"
    }

    /// The next number of `kind` for `tenant` (per agency when the template uses the agency),
    /// taken in the caller's transaction: it is used only if that transaction commits.
    ///
    /// A number already taken in the tenant (a document numbered by hand before typed numbers
    /// were kept out of the automatic shape, or under an earlier template) is skipped inside the
    /// same transaction, so no existing document can make every later issue fail: the register
    /// still holds every sequence number once.
    static func nextNumber(_ db: Connection, kind: Kind, template: DocumentNumberTemplate, tenant: String, agency: String, date: CivilDate) throws -> String {
        let scope = template.usesAgency ? agency : ""
        // Each skipped number is an existing document, so the loop ends; the bound only keeps a
        // corrupted register from holding the write lock.
        for _ in 0..<10_000 {
            try db.run(
                """
                INSERT INTO document_sequence (tenant, type, scope, year, last) VALUES (?, ?, ?, ?, 1)
                ON CONFLICT (tenant, type, scope, year) DO UPDATE SET last = last + 1
                """, tenant, kind.rawValue, scope, date.year)
            let sequence = try db.queryOne(
                "SELECT last FROM document_sequence WHERE tenant = ? AND type = ? AND scope = ? AND year = ?", tenant, kind.rawValue, scope, date.year)!.int64(0)
            let number = try template.render(sequence: Int(sequence), agency: agency, tenant: tenant, date: date)
            if try db.queryOne("SELECT 1 FROM document WHERE tenant = ? AND type = ? AND number = ?", tenant, kind.rawValue, number) == nil {
                return number
            }
        }
        throw RPCError.conflict("no free \(kind.rawValue) number in this year's sequence", currentState: "number_taken")
    }

    /// Refuses (422 naming `field`) a number typed by hand that has the shape of one of the
    /// tenant's automatic numbers (`templates`), whatever agency, sequence or date it names: the
    /// automatic sequences of every agency stay theirs, so a typed number can neither take an
    /// agency's next number nor pass for one.
    static func requireTypedNumber(_ number: String, field: String, outside templates: [DocumentNumberTemplate]) throws {
        try InputRules.requireDocumentNumber(number, field: field)
        if let template = templates.first(where: { $0.reserves(number) }) {
            throw RPCError.validationFailed(
                field: field,
                reason: "has the form of the automatic numbers (\(template.template)), which are reserved for them; leave it out to number the document automatically, or use a number of another form")
        }
    }

    /// Renders `document`, seals its PDF and stores both in the caller's transaction.
    static func issue(
        _ db: Connection, _ document: LegalDocument, kind: Kind, tenant: String, subjectID: String, sealer: DocumentSealer,
        acknowledgements: [Acknowledgement] = [], at: Date
    ) throws -> DocumentInfo {
        if try db.queryOne("SELECT 1 FROM document WHERE tenant = ? AND type = ? AND number = ?", tenant, kind.rawValue, document.documentNumber) != nil {
            throw RPCError.conflict("a \(kind.rawValue) numbered \(document.documentNumber) already exists in this tenant", currentState: "number_taken")
        }
        let pdf = PDFRenderer.render(document)
        let html = HTMLRenderer.render(document)
        let seal = try sealer.seal(pdf: pdf, documentType: kind.rawValue, documentNumber: document.documentNumber, at: at)
        let id = OrdersContext.newID()
        try db.run(
            """
            INSERT INTO document (id, tenant, subject_id, type, number, issued_on, sha256, seal, acknowledgements, pdf, html)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [id, tenant, subjectID, kind.rawValue, document.documentNumber, document.issuedOn.description, seal.sha256,
                try JSONColumn.text(seal), try JSONColumn.text(acknowledgements), pdf, html])
        return try info(db, id: id)
    }

    /// A document's description and seal.
    static func info(_ db: Connection, id: String) throws -> DocumentInfo {
        guard let row = try db.queryOne("SELECT type, number, issued_on, seal, acknowledgements FROM document WHERE id = ?", id) else {
            throw RPCError.notFound("document", id: id)
        }
        let seal = try JSONColumn.value(DocumentSeal.self, try row.string(3))
        return DocumentInfo(
            id: id, type: try row.string(0), number: try row.string(1), issuedOn: try CivilDate(try row.string(2)),
            seal: DocumentSealInfo(sha256: seal.sha256, signature: seal.signature, keyID: seal.keyID, sealedAt: seal.sealedAt),
            acknowledgements: try JSONColumn.value([Acknowledgement].self, try row.string(4)))
    }

    /// Records a party's acknowledgement (once per party).
    static func acknowledge(_ db: Connection, id: String, _ acknowledgement: Acknowledgement) throws {
        var acknowledgements = try info(db, id: id).acknowledgements
        guard !acknowledgements.contains(where: { $0.party == acknowledgement.party }) else {
            throw RPCError.conflict("the \(acknowledgement.party) has already acknowledged this document", currentState: "acknowledged")
        }
        acknowledgements.append(acknowledgement)
        try db.run("UPDATE document SET acknowledgements = ? WHERE id = ?", try JSONColumn.text(acknowledgements), id)
    }
}
