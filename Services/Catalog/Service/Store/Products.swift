import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Reading products and their revisions.
enum Products {
    /// The SHA-256 of every file a product revision refers to: what the file sweep keeps.
    static func referencedFiles(_ db: Connection) throws -> Set<String> {
        Set(try db.query("SELECT DISTINCT sha256 FROM product_file").map { try $0.string(0).lowercased() })
    }

    /// One revision's offer.
    static func offer(_ db: Connection, productID: String, revision: Int64) throws -> ProductOffer {
        guard
            let row = try db.queryOne(
                "SELECT offer FROM product_revision WHERE product_id = ? AND revision = ?", productID, revision)
        else {
            throw RPCError.notFound("product revision", id: "\(productID)#\(revision)")
        }
        return try JSONColumn.value(ProductOffer.self, try row.string(0))
    }

    /// A product with every revision, newest first; 404 when there is none.
    static func record(_ db: Connection, id: String) throws -> ProductRecord {
        guard
            let row = try db.queryOne(
                "SELECT tenant, vendor_id, listed_revision, latest_revision, withdrawn, version FROM product WHERE id = ?",
                id)
        else { throw RPCError.notFound("product", id: id) }
        let revisions = try db.query(
            "SELECT revision, offer, status, reasons, submitted_at, decided_at, decided_by FROM product_revision WHERE product_id = ? ORDER BY revision DESC",
            id
        ).map { revision in
            ProductRevision(
                revision: try revision.int64(0), offer: try JSONColumn.value(ProductOffer.self, try revision.string(1)),
                status: RevisionStatus(rawValue: try revision.string(2)) ?? .pending,
                reasons: try revision.optionalString(3),
                submittedAt: try revision.string(4), decidedAt: try revision.optionalString(5),
                decidedBy: try revision.optionalString(6))
        }
        return ProductRecord(
            id: id, tenant: try row.string(0), vendorID: try row.string(1), listedRevision: try row.optionalInt64(2),
            latestRevision: try row.int64(3), withdrawn: try row.bool(4), revisions: revisions,
            version: try row.int64(5))
    }

    /// The vendor standing of `vendorID` as buyers see it.
    static func listedVendor(_ db: Connection, vendorID: String) throws -> ListedVendor {
        guard let row = try db.queryOne("SELECT name, is_umkm, is_pkp FROM vendor_state WHERE vendor_id = ?", vendorID)
        else {
            return ListedVendor(id: vendorID, name: "", isUMKM: false, isPKP: false)
        }
        return ListedVendor(id: vendorID, name: try row.string(0), isUMKM: try row.bool(1), isPKP: try row.bool(2))
    }

    /// The standing of the caller's vendor as the feed last told it.
    struct KnownVendor {
        let id: String
        let tenant: String
        let status: String
        /// Whether identity records the vendor as a PKP (it may charge PPN).
        let isPKP: Bool
    }

    /// The caller's vendor as the catalog knows it from identity's feed; nil for a non-vendor or a vendor not yet heard of.
    static func vendor(_ db: Connection, of principal: Principal) throws -> KnownVendor? {
        guard let vendorID = principal.vendorID else { return nil }
        return try db.queryOne(
            "SELECT vendor_id, tenant, status, is_pkp FROM vendor_state WHERE vendor_id = ?", vendorID
        ).map {
            KnownVendor(id: try $0.string(0), tenant: try $0.string(1), status: try $0.string(2), isPKP: try $0.bool(3))
        }
    }

    /// A file of the product, or nil when the product has no file with this SHA-256.
    static func file(_ db: Connection, productID: String, sha256: String) throws -> StoredFile? {
        try db.queryOne(
            "SELECT content_type, byte_count FROM product_file WHERE product_id = ? AND sha256 = ?", productID, sha256
        ).map { row in
            StoredFile(sha256: sha256, contentType: try row.string(0), byteCount: try row.int64(1))
        }
    }

    /// Stores revision `revision` of a product, pending, with its files: a new product at
    /// revision 1, or an edit that supersedes an undecided earlier edit.
    static func storeRevision(
        _ db: Connection, productID: String, _ revision: Int64, _ offer: ProductOffer,
        vendor: (id: String, tenant: String), isNew: Bool, files: [StoredFile], at stamp: String
    ) throws {
        if isNew {
            try db.run(
                "INSERT INTO product (id, tenant, vendor_id, listed_revision, latest_revision, withdrawn, version, created_at, updated_at) VALUES (?, ?, ?, NULL, 1, 0, 1, ?, ?)",
                productID, vendor.tenant, vendor.id, stamp, stamp)
        } else {
            // An undecided earlier edit is replaced by this one; the listed revision stays listed.
            try db.run(
                "UPDATE product_revision SET status = 'superseded' WHERE product_id = ? AND status = 'pending'",
                productID)
            try db.run(
                "UPDATE product SET latest_revision = ?, version = version + 1, updated_at = ? WHERE id = ?", revision,
                stamp, productID)
        }
        try db.run(
            "INSERT INTO product_revision (product_id, revision, offer, status, submitted_at) VALUES (?, ?, ?, 'pending', ?)",
            productID, revision, try JSONColumn.text(offer), stamp)
        for file in files {
            try db.run(
                "INSERT INTO product_file (product_id, sha256, content_type, byte_count) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                productID, file.sha256, file.contentType, file.byteCount)
        }
    }

    /// Records a verifier's decision on a revision; an accepted one becomes the listed revision.
    static func recordDecision(
        _ db: Connection, productID: String, revision: Int64, _ decision: VerificationDecision, reasons: String?,
        by decidedBy: String, at stamp: String
    ) throws {
        try db.run(
            "UPDATE product_revision SET status = ?, reasons = ?, decided_at = ?, decided_by = ? WHERE product_id = ? AND revision = ?",
            decision.rawValue, reasons, stamp, decidedBy, productID, revision)
        if decision == .accepted {
            try db.run("UPDATE product SET listed_revision = ?, withdrawn = 0 WHERE id = ?", revision, productID)
        }
        try db.run("UPDATE product SET version = version + 1, updated_at = ? WHERE id = ?", stamp, productID)
    }

    /// Withdraws a product from the catalogue.
    static func withdraw(_ db: Connection, productID: String, at: Date) throws {
        try db.run(
            "UPDATE product SET withdrawn = 1, version = version + 1, updated_at = ? WHERE id = ?",
            Timestamp.iso8601(at), productID)
    }

    /// Product ids matching `conditions` (SQL over `product p`, with their `arguments`), by id, at most `limit`.
    static func ids(_ db: Connection, where conditions: [String], _ arguments: [any SQLBindable], limit: Int) throws
        -> [String]
    {
        try db.query(
            "SELECT p.id FROM product p WHERE \(conditions.joined(separator: " AND ")) ORDER BY p.id LIMIT ?",
            arguments: arguments + [limit]
        ).map { try $0.string(0) }
    }

    /// The tenant of a product, or nil when there is no such product.
    static func tenant(_ db: Connection, productID: String) throws -> String? {
        try db.queryOne("SELECT tenant FROM product WHERE id = ?", productID)?.string(0)
    }

    /// When a revision was decided (ISO 8601), or nil while undecided.
    static func decidedAt(_ db: Connection, productID: String, revision: Int64) throws -> String? {
        try db.queryOne(
            "SELECT decided_at FROM product_revision WHERE product_id = ? AND revision = ?", productID, revision)?
            .optionalString(0)
    }
}
