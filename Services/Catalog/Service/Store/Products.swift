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
        guard let row = try db.queryOne("SELECT offer FROM product_revision WHERE product_id = ? AND revision = ?", productID, revision) else {
            throw RPCError.notFound("product revision", id: "\(productID)#\(revision)")
        }
        return try JSONColumn.value(ProductOffer.self, try row.string(0))
    }

    /// A product with every revision, newest first; 404 when there is none.
    static func record(_ db: Connection, id: String) throws -> ProductRecord {
        guard let row = try db.queryOne(
            "SELECT tenant, vendor_id, listed_revision, latest_revision, withdrawn, version FROM product WHERE id = ?", id)
        else { throw RPCError.notFound("product", id: id) }
        let revisions = try db.query(
            "SELECT revision, offer, status, reasons, submitted_at, decided_at, decided_by FROM product_revision WHERE product_id = ? ORDER BY revision DESC",
            id
        ).map { revision in
            ProductRevision(
                revision: try revision.int64(0), offer: try JSONColumn.value(ProductOffer.self, try revision.string(1)),
                status: RevisionStatus(rawValue: try revision.string(2)) ?? .pending, reasons: try revision.optionalString(3),
                submittedAt: try revision.string(4), decidedAt: try revision.optionalString(5), decidedBy: try revision.optionalString(6))
        }
        return ProductRecord(
            id: id, tenant: try row.string(0), vendorID: try row.string(1), listedRevision: try row.optionalInt64(2),
            latestRevision: try row.int64(3), withdrawn: try row.bool(4), revisions: revisions, version: try row.int64(5))
    }

    /// The vendor standing of `vendorID` as buyers see it.
    static func listedVendor(_ db: Connection, vendorID: String) throws -> ListedVendor {
        guard let row = try db.queryOne("SELECT name, is_umkm, is_pkp FROM vendor_state WHERE vendor_id = ?", vendorID) else {
            return ListedVendor(id: vendorID, name: "", isUMKM: false, isPKP: false)
        }
        return ListedVendor(id: vendorID, name: try row.string(0), isUMKM: try row.bool(1), isPKP: try row.bool(2))
    }
}
