// The register of sealed documents that any service issuing documents keeps in its own
// database: gapless yearly number sequences and the sealed PDF and HTML, written in the caller's
// transaction so a document and the state change that issued it commit (and survive a crash)
// together. Orders issues the Surat Pesanan, BAST and force-majeure Berita Acara through it;
// payments (kuitansi, slips) and reporting (reports) are to do the same.
import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// A kind of sealed document as stored, sealed and numbered, e.g. `surat_pesanan`. Each service
/// declares its own kinds (`extension DocumentKind { static let kuitansi = DocumentKind("kuitansi") }`).
public struct DocumentKind: RawRepresentable, Sendable, Hashable {
    /// The stored name: lowercase ASCII letters, digits and `_`.
    public let rawValue: String

    /// A kind named `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A kind named `name`.
    public init(_ name: String) { self.rawValue = name }
}

/// Numbering, issuing and reading sealed documents in a service's own database.
///
/// A service that issues documents adds ``schemaSQL`` to one of its migrations, loads its keys
/// (`SigningKeys.load`), seals with `DocumentSealer(keyID: keys.currentKeyID, privateKey: keys.current)`,
/// numbers and issues with ``nextNumber(_:kind:template:tenant:agency:date:)`` and
/// ``issue(_:_:kind:tenant:subjectID:sealer:acknowledgements:at:)`` inside the write that
/// changes its state, and registers `DocumentVerifier(database:keyring:)` for `document.verify`.
///
/// Numbers of one kind are unique in a tenant; automatic numbers come from one gapless sequence
/// per tenant, kind, scope (the agency, when the template uses `{agency}`) and year.
public enum DocumentRegister {
    /// The register's tables: `document` (one sealed document: PDF, HTML, seal and the parties'
    /// acknowledgements) and `document_sequence` (the last number taken per tenant, kind, scope
    /// and year). `IF NOT EXISTS`, so a service whose earlier migration made them (orders) keeps them.
    public static let schemaSQL = """
        -- Sealed documents, kept in the database so a document and the state change
        -- that issued it commit (and survive a crash) together.
        CREATE TABLE IF NOT EXISTS document (
            id TEXT PRIMARY KEY,
            tenant TEXT NOT NULL,
            subject_id TEXT NOT NULL,            -- what it documents (an order, a payment, ...)
            type TEXT NOT NULL,                  -- DocumentKind
            number TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            seal TEXT NOT NULL,                  -- JSON DocumentSeal
            acknowledgements TEXT NOT NULL,      -- JSON [Acknowledgement]
            pdf BLOB NOT NULL,
            html TEXT NOT NULL,
            UNIQUE (tenant, type, number)
        ) STRICT;
        CREATE INDEX IF NOT EXISTS document_by_hash ON document (sha256);

        -- Yearly document sequences; taken in the transaction that issues the document,
        -- so a number is used exactly when its document exists: no gaps, no repeats.
        CREATE TABLE IF NOT EXISTS document_sequence (
            tenant TEXT NOT NULL,
            type TEXT NOT NULL,
            scope TEXT NOT NULL,                 -- the agency when the template numbers per agency
            year INTEGER NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (tenant, type, scope, year)
        ) STRICT;
        """

    /// What makes acknowledgements verifiable, added by a later migration of a service that
    /// already has ``schemaSQL`` (and by every new one after it): the document's content as
    /// issued (to render acknowledged copies), the verification code its QR code carries, and
    /// one sealed copy per acknowledgement, each naming the original's SHA-256.
    public static let acknowledgementSchemaSQL = """
        ALTER TABLE document ADD COLUMN content TEXT;          -- JSON LegalDocument as issued
        ALTER TABLE document ADD COLUMN verification_code TEXT; -- in its QR code: SHA-256 of the PDF without it
        CREATE INDEX document_by_verification_code ON document (verification_code);

        -- One sealed copy per acknowledgement: the original re-rendered with every
        -- acknowledgement up to this one, stating the original's SHA-256.
        CREATE TABLE document_acknowledgement (
            document_id TEXT NOT NULL REFERENCES document (id),
            sequence INTEGER NOT NULL,           -- 1 for the first acknowledgement
            party TEXT NOT NULL,
            original_sha256 TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            seal TEXT NOT NULL,                  -- JSON DocumentSeal
            pdf BLOB NOT NULL,
            html TEXT NOT NULL,
            PRIMARY KEY (document_id, sequence),
            UNIQUE (document_id, party)
        ) STRICT;
        CREATE INDEX document_acknowledgement_by_hash ON document_acknowledgement (sha256);
        """

    /// The next number of `kind` for `tenant` (per agency when the template uses the agency),
    /// taken in the caller's transaction: it is used only if that transaction commits.
    ///
    /// A number already taken in the tenant (a document numbered by hand before typed numbers
    /// were kept out of the automatic shape, or under an earlier template) is skipped inside the
    /// same transaction, so no existing document can make every later issue fail: the register
    /// still holds every sequence number once.
    public static func nextNumber(
        _ db: Connection, kind: DocumentKind, template: DocumentNumberTemplate, tenant: String, agency: String,
        date: CivilDate
    ) throws -> String {
        let scope = template.usesAgency ? agency : ""
        // Each skipped number is an existing document, so the loop ends; the bound only keeps a
        // corrupted register from holding the write lock.
        for _ in 0..<10_000 {
            try db.run(
                """
                INSERT INTO document_sequence (tenant, type, scope, year, last) VALUES (?, ?, ?, ?, 1)
                ON CONFLICT (tenant, type, scope, year) DO UPDATE SET last = last + 1
                """, tenant, kind.rawValue, scope, date.year)
            guard
                let sequence = try db.queryOne(
                    "SELECT last FROM document_sequence WHERE tenant = ? AND type = ? AND scope = ? AND year = ?",
                    tenant, kind.rawValue, scope,
                    date.year)?.int64(0), sequence >= 1, sequence <= Int64(Int32.max)
            else {
                throw RPCError.conflict(
                    "the \(kind.rawValue) sequence of \(date.year) is corrupted", currentState: "number_taken")
            }
            let number = try template.render(sequence: Int(sequence), agency: agency, tenant: tenant, date: date)
            if try !isTaken(db, kind: kind, tenant: tenant, number: number) { return number }
        }
        throw RPCError.conflict("no free \(kind.rawValue) number in this year's sequence", currentState: "number_taken")
    }

    /// Refuses (422 naming `field`) a number typed by hand that is not printable ASCII
    /// (``InputRules/requireDocumentNumber(_:field:)``) or has the shape of one of the tenant's
    /// automatic numbers (`templates`), whatever agency, sequence or date it names: the
    /// automatic sequences of every agency stay theirs, so a typed number can neither take an
    /// agency's next number nor pass for one.
    public static func requireTypedNumber(_ number: String, field: String, outside templates: [DocumentNumberTemplate])
        throws
    {
        try InputRules.requireDocumentNumber(number, field: field)
        if let template = templates.first(where: { $0.reserves(number) }) {
            throw RPCError.validationFailed(
                field: field,
                reason:
                    "has the form of the automatic numbers (\(template.template)), which are reserved for them; leave it out to number the document automatically, or use a number of another form"
            )
        }
    }

    /// Whether a `kind` numbered `number` exists in `tenant`.
    public static func isTaken(_ db: Connection, kind: DocumentKind, tenant: String, number: String) throws -> Bool {
        try db.queryOne(
            "SELECT 1 FROM document WHERE tenant = ? AND type = ? AND number = ?", tenant, kind.rawValue, number) != nil
    }

    /// Renders `document` (PDF and HTML), seals its PDF and stores all three in the caller's
    /// transaction. A number already used for `kind` in `tenant` is 409 `number_taken`.
    ///
    /// With a `verificationPrefix` (the tenant's verification page address, empty while there is
    /// none) the document carries a QR code: the PDF is first rendered without it, that file's
    /// SHA-256 becomes the document's verification code (a file cannot hold its own hash), and the
    /// QR code holds the prefix and the code; `document.verify` accepts the code as well as the
    /// sealed PDF's hash. ``verificationCodePlaceholder`` in small print is replaced by the code.
    public static func issue(
        _ db: Connection, _ document: LegalDocument, kind: DocumentKind, tenant: String, subjectID: String,
        sealer: DocumentSealer,
        acknowledgements: [Acknowledgement] = [], verificationPrefix: String? = nil, at: Date
    ) throws -> DocumentInfo {
        // A bundle of one document and no attachments renders to that document's own PDF and HTML.
        try issue(
            db, bundle: DocumentBundle(cover: document), kind: kind, tenant: tenant, subjectID: subjectID,
            sealer: sealer, acknowledgements: acknowledgements, verificationPrefix: verificationPrefix, at: at)
    }

    /// Renders `bundle` (PDF with its attachments, and HTML), seals the PDF and stores it in the
    /// caller's transaction like ``issue(_:_:kind:tenant:subjectID:sealer:acknowledgements:verificationPrefix:at:)``:
    /// the cover's number is the bundle's, the cover carries the QR code when `verificationPrefix`
    /// is given (the code is the SHA-256 of the bundle rendered without it), and the stored content is the cover.
    public static func issue(
        _ db: Connection, bundle: DocumentBundle, kind: DocumentKind, tenant: String, subjectID: String,
        sealer: DocumentSealer, verificationPrefix: String? = nil, at: Date
    ) throws -> DocumentInfo {
        try issue(
            db, bundle: bundle, kind: kind, tenant: tenant, subjectID: subjectID, sealer: sealer, acknowledgements: [],
            verificationPrefix: verificationPrefix, at: at)
    }

    private static func issue(
        _ db: Connection, bundle: DocumentBundle, kind: DocumentKind, tenant: String, subjectID: String,
        sealer: DocumentSealer, acknowledgements: [Acknowledgement], verificationPrefix: String?, at: Date
    ) throws -> DocumentInfo {
        let number = bundle.cover.documentNumber
        if try isTaken(db, kind: kind, tenant: tenant, number: number) {
            throw RPCError.conflict(
                "a \(kind.rawValue) numbered \(number) already exists in this tenant", currentState: "number_taken")
        }
        var bundle = bundle
        var code: String?
        if let verificationPrefix {
            bundle.cover.verification = nil
            let verificationCode = SHA256.hexDigest(PDFRenderer.render(bundle))
            bundle.cover = withVerification(bundle.cover, code: verificationCode, prefix: verificationPrefix)
            code = verificationCode
        }
        let pdf = PDFRenderer.render(bundle)
        let html = HTMLRenderer.render(bundle)
        let seal = try sealer.seal(pdf: pdf, documentType: kind.rawValue, documentNumber: number, at: at)
        let id = UUID().uuidString.lowercased()
        try db.run(
            """
            INSERT INTO document (id, tenant, subject_id, type, number, issued_on, sha256, seal, acknowledgements, pdf, html,
                content, verification_code)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                id, tenant, subjectID, kind.rawValue, number, bundle.cover.issuedOn.description, seal.sha256,
                try JSONColumn.text(seal), try JSONColumn.text(acknowledgements), pdf, html,
                try JSONColumn.text(bundle.cover), code,
            ])
        return try info(db, id: id)
    }

    /// `document` carrying the QR code of `code` under `prefix`, with the code in its small print.
    private static func withVerification(_ document: LegalDocument, code: String, prefix: String) -> LegalDocument {
        var document = document
        document.verification = .of(code: code, prefix: prefix)
        document.blocks = document.blocks.map { block in
            guard case .smallPrint(let text) = block else { return block }
            return .smallPrint(text.replacingOccurrences(of: verificationCodePlaceholder, with: code))
        }
        return document
    }

    /// A document's description and published seal; 404 when there is none.
    public static func info(_ db: Connection, id: String) throws -> DocumentInfo {
        guard
            let row = try db.queryOne(
                "SELECT type, number, issued_on, seal, acknowledgements FROM document WHERE id = ?", id)
        else {
            throw RPCError.notFound("document", id: id)
        }
        let seal = try JSONColumn.value(DocumentSeal.self, try row.string(3))
        return DocumentInfo(
            id: id, type: try row.string(0), number: try row.string(1), issuedOn: try CivilDate(try row.string(2)),
            seal: sealInfo(seal),
            acknowledgements: try JSONColumn.value([Acknowledgement].self, try row.string(4)))
    }

    /// A stored document: who it belongs to, what it documents, and its content.
    public struct Stored: Sendable {
        /// Its tenant.
        public let tenant: String
        /// What it documents (an order, a force-majeure record, a payment, ...).
        public let subjectID: String
        /// Its kind.
        public let kind: DocumentKind
        /// The sealed PDF bytes.
        public let pdf: [UInt8]
        /// The same document as HTML.
        public let html: String
    }

    /// A document's owner, subject and content; 404 when there is none.
    public static func stored(_ db: Connection, id: String) throws -> Stored {
        guard let row = try db.queryOne("SELECT tenant, subject_id, type, pdf, html FROM document WHERE id = ?", id)
        else {
            throw RPCError.notFound("document", id: id)
        }
        return Stored(
            tenant: try row.string(0), subjectID: try row.string(1), kind: DocumentKind(try row.string(2)),
            pdf: try row.blob(3), html: try row.string(4))
    }

    /// Stands for the verification code in a document's small print (the seal note) until
    /// ``issue(_:_:kind:tenant:subjectID:sealer:acknowledgements:verificationPrefix:at:)`` knows it.
    public static let verificationCodePlaceholder = "{kode}"

    /// The acknowledgement party under which a document's meterai is recorded (once per document).
    public static let meteraiParty = "meterai"

    /// Records a party's acknowledgement (once per party: a second is 409 `acknowledged`) and,
    /// for a document whose content the register keeps, seals a new copy against the original:
    /// the original re-rendered with the note `signedNote` in the acknowledging party's signature
    /// block (and every earlier acknowledgement's), and a line naming the original's SHA-256 and
    /// what the copy records. Returns the copy, or nil for a document issued before contents were kept.
    @discardableResult
    public static func acknowledge(
        _ db: Connection, id: String, _ acknowledgement: Acknowledgement, signedNote: String, sealer: DocumentSealer,
        at: Date
    ) throws -> AcknowledgedCopy? {
        let current = try info(db, id: id)
        var acknowledgements = current.acknowledgements
        guard !acknowledgements.contains(where: { $0.party == acknowledgement.party }) else {
            throw RPCError.conflict(
                "the \(acknowledgement.party) has already acknowledged this document", currentState: "acknowledged")
        }
        var recorded = acknowledgement
        recorded.signedNote = signedNote
        guard let content = try db.queryOne("SELECT content FROM document WHERE id = ?", id)?.optionalString(0)
        else {
            acknowledgements.append(recorded)
            try db.run(
                "UPDATE document SET acknowledgements = ? WHERE id = ?", try JSONColumn.text(acknowledgements), id)
            return nil
        }
        var document = try JSONColumn.value(LegalDocument.self, content)
        let sequence =
            (try db.queryOne(
                "SELECT COUNT(*) FROM document_acknowledgement WHERE document_id = ?", id)?.int64(0) ?? 0) + 1
        acknowledgements.append(recorded)
        let notes = Dictionary(
            acknowledgements.map { ($0.party, $0.signedNote ?? "") }, uniquingKeysWith: { first, _ in first })
        document.blocks = document.blocks.map { block in
            guard case .signatures(var signatures) = block else { return block }
            signatures.parties = signatures.parties.map { party in
                var party = party
                if let key = party.party, let note = notes[key], !note.isEmpty { party.signedNote = note }
                // A block that named no one before (the PA/KPA's) names who acknowledged.
                if party.name.isEmpty, let key = party.party,
                    let signer = acknowledgements.first(where: { $0.party == key }), let name = signer.signerName
                {
                    party.name = name
                    party.detail = signer.signerDetail
                }
                // The meterai is recorded like an acknowledgement, under the party `meterai`.
                if party.meterai != nil, let note = notes[meteraiParty], !note.isEmpty { party.meterai = note }
                return party
            }
            return .signatures(signatures)
        }
        document.blocks.append(
            .smallPrint(
                "Salinan berpengakuan ke-\(sequence) atas dokumen asli dengan SHA-256 \(current.seal.sha256), disegel pada \(IndonesianDate.instant(at, calendar: TenantCalendar.of(tenant: try tenantOf(db, id: id)))). Salinan ini mencatat pengakuan elektronik yang telah terjadi sebagaimana tertera pada blok tanda tangan; dokumen asli tetap berlaku dan dapat diperiksa dengan kode verifikasinya."
            ))
        let pdf = PDFRenderer.render(document)
        let html = HTMLRenderer.render(document)
        let seal = try sealer.seal(
            pdf: pdf, documentType: current.type, documentNumber: current.number, at: at)
        recorded.copySha256 = seal.sha256
        acknowledgements[acknowledgements.count - 1] = recorded
        try db.run(
            """
            INSERT INTO document_acknowledgement (document_id, sequence, party, original_sha256, sha256, seal, pdf, html)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                id, sequence, acknowledgement.party, current.seal.sha256, seal.sha256, try JSONColumn.text(seal), pdf,
                html,
            ])
        try db.run("UPDATE document SET acknowledgements = ? WHERE id = ?", try JSONColumn.text(acknowledgements), id)
        return AcknowledgedCopy(
            sequence: Int(sequence), acknowledgements: acknowledgements, originalSha256: current.seal.sha256,
            seal: sealInfo(seal), pdfBase64: Data(pdf).base64EncodedString(), html: html)
    }

    private static func tenantOf(_ db: Connection, id: String) throws -> String {
        try db.queryOne("SELECT tenant FROM document WHERE id = ?", id)?.string(0) ?? ""
    }

    /// The published form of a seal.
    static func sealInfo(_ seal: DocumentSeal) -> DocumentSealInfo {
        DocumentSealInfo(
            sha256: seal.sha256, signature: seal.signature, keyID: seal.keyID, sealedAt: seal.sealedAt,
            pdfSignature: seal.pdfSignature)
    }

    /// The document's content as issued, or nil for one issued before contents were kept.
    public static func content(_ db: Connection, id: String) throws -> LegalDocument? {
        guard let row = try db.queryOne("SELECT content FROM document WHERE id = ?", id) else {
            throw RPCError.notFound("document", id: id)
        }
        return try row.optionalString(0).map { try JSONColumn.value(LegalDocument.self, $0) }
    }

    /// The acknowledgements the copy sealed with `copySha256` shows: every one up to the one it records.
    public static func acknowledgements(_ db: Connection, id: String, shownBy copySha256: String) throws
        -> [Acknowledgement]
    {
        let all = try info(db, id: id).acknowledgements
        guard let last = all.firstIndex(where: { $0.copySha256 == copySha256 }) else { return all }
        return Array(all[...last])
    }

    /// The latest acknowledged copy of a document (the one showing every acknowledgement so
    /// far); nil while nobody has acknowledged it or for documents issued before copies were kept.
    public static func latestCopy(_ db: Connection, id: String) throws -> AcknowledgedCopy? {
        guard
            let row = try db.queryOne(
                """
                SELECT sequence, original_sha256, seal, pdf, html FROM document_acknowledgement
                WHERE document_id = ? ORDER BY sequence DESC LIMIT 1
                """, id)
        else { return nil }
        let sequence = Int(try row.int64(0))
        let seal = try JSONColumn.value(DocumentSeal.self, try row.string(2))
        let acknowledgements = try acknowledgements(db, id: id, shownBy: seal.sha256)
        return AcknowledgedCopy(
            sequence: sequence, acknowledgements: acknowledgements, originalSha256: try row.string(1),
            seal: sealInfo(seal), pdfBase64: Data(try row.blob(3)).base64EncodedString(), html: try row.string(4))
    }
}
