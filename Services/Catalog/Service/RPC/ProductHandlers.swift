import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Vendors' offers, their revisions and their verification.
struct ProductHandlers {
    let context: CatalogContext

    func register(into table: inout RPCMethodTable) {
        table.register(ProductSubmit.self) { params, request in
            try await submit(params, productID: nil, version: nil, request)
        }
        table.register(ProductEditMethod.self) { params, request in
            try await submit(params.offer, productID: params.productID, version: params.version, request)
        }
        table.register(ProductWithdraw.self) { params, request in try await withdraw(params, request) }
        table.register(ProductRecordGet.self) { params, request in try await record(params, request) }
        table.register(ProductRecordList.self) { params, request in try await list(params, request) }
        table.register(ProductVerify.self) { params, request in try await verify(params, request) }
        table.register(ProductFileRead.self) { params, request in try await file(params, request) }
    }

    // MARK: The vendor's side

    /// The vendor a caller's session names, as learned from identity's feed.
    /// A new image or document, decoded and type-checked but not yet stored.
    struct PendingFile {
        let field: String
        let bytes: [UInt8]
        let kind: BlobKind
    }

    /// Decodes and checks an upload; stores nothing.
    static func decode(_ base64: String, field: String, maxBytes: Int, allowed: Set<BlobKind>) throws -> PendingFile {
        let bytes = try UploadDecoding.bytes(fromBase64: base64, field: field, maxBytes: maxBytes)
        guard let kind = BlobKind.detect(bytes), allowed.contains(kind) else {
            let names = allowed.map(\.rawValue).sorted().joined(separator: " or ")
            throw RPCError.validationFailed(field: field, reason: "must be a \(names) file; its bytes are not")
        }
        return PendingFile(field: field, bytes: bytes, kind: kind)
    }

    /// The checks a submission passes before any file is stored, and again in the transaction
    /// that records it (another edit may have committed in between): for an edit, the product is
    /// the vendor's and unchanged since `version`; every kept file (`sha256`) is this product's,
    /// and no document is kept as an image. Returns the product as it was, the kept files by
    /// field, and the kept files' problems (to report with the offer's).
    static func checkRevision(
        _ db: Connection, _ input: ProductOfferInput, productID: String?, version: Int64?, vendorID: String
    ) throws -> (before: ProductRecord?, kept: [String: StoredFile], problems: [FieldError]) {
        var before: ProductRecord?
        if let productID {
            let current = try Products.record(db, id: productID)
            guard current.vendorID == vendorID else {
                throw RPCError.forbidden("this product belongs to another vendor")
            }
            guard current.version == version else {
                throw RPCError.conflict(
                    "the product changed since it was read (version \(current.version))",
                    currentState: "version \(current.version)")
            }
            before = current
        }
        // Files kept from earlier revisions must be this product's own.
        var problems: [FieldError] = []
        var kept: [String: StoredFile] = [:]
        func keep(_ sha256: String, field: String, image: Bool) throws {
            guard let productID, let file = try Products.file(db, productID: productID, sha256: sha256) else {
                problems.append(
                    FieldError(field: field, reason: "is not a file of this product; upload it with contentBase64"))
                return
            }
            if image && file.contentType == BlobKind.pdf.mediaType {
                problems.append(FieldError(field: field, reason: "is a document, not an image"))
                return
            }
            kept[field] = file
        }
        for (index, image) in input.images.enumerated() {
            if let sha256 = image.sha256 { try keep(sha256, field: "images[\(index)].sha256", image: true) }
        }
        if let sha256 = input.partnershipDocument?.sha256 {
            try keep(sha256, field: "partnershipDocument.sha256", image: false)
        }
        return (before, kept, problems)
    }

    /// Submits a new product (`productID` nil) or a new revision of one.
    ///
    /// Everything that can refuse it (the vendor's standing, ownership, version, every field,
    /// every upload's size and type, kept files) is checked before any upload is stored, so a
    /// refused call leaves no file behind; a file stored for a call that then loses a race is
    /// unreferenced and collected later (``CatalogService``'s file sweep).
    func submit(_ input: ProductOfferInput, productID existingID: String?, version: Int64?, _ request: RequestContext)
        async throws -> ProductRecord
    {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: input)
        // Right after an activation the feed may not have reached the catalog: a vendor unknown
        // here, or not active here, is asked about at identity before it is refused.
        if let vendorID = principal.vendorID, let identity = context.identity {
            let known = try await context.database.read { db in try Products.vendor(db, of: principal) }
            if known?.status != "active" {
                _ = await identity.refresh(vendorID, into: context.database, at: context.now())
            }
        }
        let (vendor, category, regions, keptProblems) = try await context.database.read { db in
            guard let vendor = try Products.vendor(db, of: principal), vendor.tenant == principal.tenant else {
                throw RPCError.forbidden("this account is not a vendor known to the catalog yet; try again in a moment")
            }
            // Ownership and version before the offer's fields: another vendor learns nothing of the product.
            let keptProblems = try Self.checkRevision(
                db, input, productID: existingID, version: version, vendorID: vendor.id
            ).problems
            return (
                vendor, try CategoryStore.category(db, tenant: vendor.tenant, code: input.categoryCode),
                Set(try CategoryStore.settings(db, tenant: vendor.tenant).deliveryRegions.map(\.code)), keptProblems
            )
        }
        guard vendor.status == "active" else {
            throw RPCError.conflict(
                "only an active vendor may offer products; this vendor is \(vendor.status)", currentState: vendor.status
            )
        }
        let problems =
            OfferRules.problems(input, category: category, regions: regions)
            + OfferRules.ppnProblems(input.price, vendorIsPKP: vendor.isPKP) + keptProblems
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }

        // Decode and check every file before storing any, so a bad one leaves nothing behind.
        var uploads: [PendingFile] = []
        for (index, image) in input.images.enumerated() {
            if let base64 = image.contentBase64 {
                uploads.append(
                    try Self.decode(
                        base64, field: "images[\(index)].contentBase64", maxBytes: OfferRules.maxImageBytes,
                        allowed: [.jpeg, .png]))
            }
        }
        if let base64 = input.partnershipDocument?.contentBase64 {
            uploads.append(
                try Self.decode(
                    base64, field: "partnershipDocument.contentBase64", maxBytes: OfferRules.maxDocumentBytes,
                    allowed: [.pdf, .jpeg, .png]))
        }
        var storedByField: [String: StoredFile] = [:]
        for upload in uploads {
            let blob = try context.files.store(upload.bytes, declaredKind: upload.kind)
            storedByField[upload.field] = StoredFile(
                sha256: blob.sha256, contentType: blob.kind.mediaType, byteCount: blob.byteCount)
        }
        let stored = storedByField

        let at = context.now()
        let stamp = Timestamp.iso8601(at)
        return try await context.database.write { db in
            try IdempotentWrite.once(db, request, at: at) {
                let productID = existingID ?? CatalogContext.newID()
                let (before, kept, keptProblems) = try Self.checkRevision(
                    db, input, productID: existingID, version: version, vendorID: vendor.id)
                if !keptProblems.isEmpty { throw RPCError.validationFailed(keptProblems) }
                var images: [StoredFile] = []
                for (index, image) in input.images.enumerated() {
                    images.append(
                        image.sha256 != nil
                            ? kept["images[\(index)].sha256"]! : stored["images[\(index)].contentBase64"]!)
                }
                var partnership: PartnershipDocument?
                if let document = input.partnershipDocument {
                    let file =
                        document.sha256 != nil
                        ? kept["partnershipDocument.sha256"]! : stored["partnershipDocument.contentBase64"]!
                    partnership = PartnershipDocument(
                        kind: document.kind, number: document.number, issuer: document.issuer,
                        validUntil: document.validUntil, file: file)
                }
                let offer = ProductOffer(
                    categoryCode: input.categoryCode, name: input.name, description: input.description,
                    function: input.function,
                    specification: input.specification, origin: input.origin, tkdn: input.tkdn, unit: input.unit,
                    price: input.price,
                    stock: input.stock, deliveryDays: input.deliveryDays, warranty: input.warranty,
                    bonusOrDiscount: input.bonusOrDiscount,
                    installationCost: input.installationCost, trainingCost: input.trainingCost, images: images,
                    partnershipDocument: partnership)

                let revision = (before?.latestRevision ?? 0) + 1
                try Products.storeRevision(
                    db, productID: productID, revision, offer, vendor: (id: vendor.id, tenant: vendor.tenant),
                    isNew: before == nil, files: images + (partnership.map { [$0.file] } ?? []), at: stamp)
                let after = try Products.record(db, id: productID)
                try AuditTrail.append(
                    db, tenant: vendor.tenant, actor: principal,
                    method: before == nil ? ProductSubmit.name : ProductEditMethod.name, targetType: "product",
                    targetID: productID, action: before == nil ? "submitted" : "revised", before: nil,
                    after: ["revision": .integer(revision), "offer": try JSONCoding.value(offer)], at: at)
                try EventFeed.publish(
                    ProductSubmitted.self,
                    ProductSubmission(productID: productID, vendorID: vendor.id, revision: revision), db: db,
                    tenant: vendor.tenant, subjectID: productID, at: at)
                return after
            }
        }
    }

    func withdraw(_ params: ProductRef, _ request: RequestContext) async throws -> ProductRecord {
        let principal = try request.requirePrincipal()
        let at = context.now()
        return try await context.database.write { db in
            let before = try Products.record(db, id: params.productID)
            guard let vendor = try Products.vendor(db, of: principal), vendor.id == before.vendorID else {
                throw RPCError.forbidden("this product belongs to another vendor")
            }
            guard before.version == params.version else {
                throw RPCError.conflict(
                    "the product changed since it was read (version \(before.version))",
                    currentState: "version \(before.version)")
            }
            guard !before.withdrawn else { return before }
            try Products.withdraw(db, productID: params.productID, at: at)
            try Listings.refresh(db, productID: params.productID)
            let after = try Products.record(db, id: params.productID)
            try AuditTrail.append(
                db, tenant: before.tenant, actor: principal, method: ProductWithdraw.name, targetType: "product",
                targetID: params.productID,
                action: "withdrawn", before: ["withdrawn": false], after: ["withdrawn": true], at: at)
            try EventFeed.publish(
                ProductWithdrawn.self, ProductWithdrawal(productID: params.productID), db: db, tenant: before.tenant,
                subjectID: params.productID, at: at)
            return after
        }
    }

    // MARK: Reading records

    /// Refuses unless `principal` may see `product`'s record: its own vendor, or officials of its tenant.
    static func requireRecordAccess(_ db: Connection, _ principal: Principal, _ product: ProductRecord) throws {
        if principal.has(.vendor) && !principal.roles.contains(where: { $0 != .vendor }) {
            guard principal.vendorID == product.vendorID else {
                throw RPCError.forbidden("this product belongs to another vendor")
            }
            return
        }
        try principal.requireTenant(product.tenant, reading: true)
    }

    func record(_ params: ProductRef, _ request: RequestContext) async throws -> ProductRecord {
        let principal = try request.requirePrincipal()
        return try await context.database.read { db in
            let product = try Products.record(db, id: params.productID)
            try Self.requireRecordAccess(db, principal, product)
            return product
        }
    }

    func list(_ params: ProductRecordListParams, _ request: RequestContext) async throws -> ProductRecordPage {
        let principal = try request.requirePrincipal()
        let limit = try CursorParams.pageLimit(params.limit, default: 50, maximum: 200)
        return try await context.database.read { db in
            var conditions = ["p.id > ?"]
            var arguments: [any SQLBindable] = [params.after ?? ""]
            if principal.has(.vendor) && !principal.roles.contains(where: { $0 != .vendor }) {
                guard let vendor = try Products.vendor(db, of: principal) else {
                    return ProductRecordPage(products: [], nextCursor: nil)
                }
                conditions.append("p.vendor_id = ?")
                arguments.append(vendor.id)
            } else {
                conditions.append("p.tenant = ?")
                arguments.append(try CatalogContext.tenant(params.tenant, of: principal, reading: true))
            }
            if let status = params.latestStatus {
                conditions.append(
                    "(SELECT status FROM product_revision r WHERE r.product_id = p.id AND r.revision = p.latest_revision) = ?"
                )
                arguments.append(status.rawValue)
            }
            let ids = try Products.ids(db, where: conditions, arguments, limit: limit + 1)
            let page = try ids.prefix(limit).map { try Products.record(db, id: $0) }
            return ProductRecordPage(products: page, nextCursor: ids.count > limit ? page.last?.id : nil)
        }
    }

    // MARK: Verification

    func verify(_ params: ProductVerification, _ request: RequestContext) async throws -> ProductRecord {
        let principal = try request.requirePrincipal()
        let reasons = params.reasons?.trimmingCharacters(in: .whitespacesAndNewlines)
        if params.decision == .rejected && (reasons ?? "").isEmpty {
            throw RPCError.validationFailed(field: "reasons", reason: "a rejection needs its reasons")
        }
        try InputRules.requireFreeText(reasons, field: "reasons", max: 2000, multiline: true)
        let at = context.now()
        let stamp = Timestamp.iso8601(at)
        return try await context.database.write { db in
            let before = try Products.record(db, id: params.productID)
            try principal.requireTenant(before.tenant)
            guard before.version == params.version else {
                throw RPCError.conflict(
                    "the product changed since it was read (version \(before.version))",
                    currentState: "version \(before.version)")
            }
            guard params.revision == before.latestRevision, let current = before.revisions.first,
                current.status == .pending
            else {
                let state =
                    before.revisions.first(where: { $0.revision == params.revision })?.status.rawValue ?? "unknown"
                throw RPCError.conflict(
                    "only the newest revision, while pending, can be decided; revision \(params.revision) is \(state)",
                    currentState: state)
            }
            try Products.recordDecision(
                db, productID: params.productID, revision: params.revision, params.decision, reasons: reasons,
                by: principal.id, at: stamp)
            try Listings.refresh(db, productID: params.productID)
            let after = try Products.record(db, id: params.productID)
            try AuditTrail.append(
                db, tenant: before.tenant, actor: principal, method: ProductVerify.name, targetType: "product",
                targetID: params.productID,
                action: "verification_\(params.decision.rawValue)",
                before: [
                    "revision": .integer(params.revision), "status": .string(current.status.rawValue),
                    "listedRevision": before.listedRevision.map { .integer($0) } ?? .null,
                ],
                after: [
                    "revision": .integer(params.revision), "status": .string(params.decision.rawValue),
                    "reasons": reasons.map { .string($0) } ?? .null,
                    "listedRevision": after.listedRevision.map { .integer($0) } ?? .null,
                ],
                at: at)
            try EventFeed.publish(
                ProductVerified.self,
                ProductVerdict(productID: params.productID, revision: params.revision, decision: params.decision),
                db: db,
                tenant: before.tenant, subjectID: params.productID, at: at)
            return after
        }
    }

    // MARK: Files

    func file(_ params: ProductFileRef, _ request: RequestContext) async throws -> ProductFileContent {
        let principal = try request.requirePrincipal()
        let file = try await context.database.read { db -> StoredFile in
            let product = try Products.record(db, id: params.productID)
            guard let file = try Products.file(db, productID: params.productID, sha256: params.sha256) else {
                throw RPCError.notFound("file", id: params.sha256)
            }
            // Images of the listed revision are public to the tenant's users; everything else is the vendor's and the officials'.
            let listedImages =
                try product.listedRevision.map { try Products.offer(db, productID: product.id, revision: $0).images }
                ?? []
            if listedImages.contains(file) && !product.withdrawn {
                try principal.requireTenant(product.tenant, reading: true)
            } else {
                try Self.requireRecordAccess(db, principal, product)
                if !principal.has(.vendor)
                    && !principal.roles.contains(where: { [.verifier, .auditor, .ukpbjHead, .superAdmin].contains($0) })
                {
                    throw RPCError.forbidden(
                        "only the vendor and the tenant's verifiers and auditors may read this file")
                }
            }
            return file
        }
        let bytes = try context.files.load(sha256: file.sha256)
        return ProductFileContent(file: file, contentBase64: Data(bytes).base64EncodedString())
    }
}
