import SiOpenDomain
import SiOpenProtocol

// MARK: - Payloads

/// A product revision a vendor submitted for verification (a new product or an edit).
public struct ProductSubmission: Codable, Sendable, Hashable {
    /// The product.
    public var productID: String
    /// Its vendor.
    public var vendorID: String
    /// The revision submitted, from 1.
    public var revision: Int64

    private enum CodingKeys: String, CodingKey {
        case productID = "productId"
        case vendorID = "vendorId"
        case revision
    }

    /// Creates it.
    public init(productID: String, vendorID: String, revision: Int64) {
        self.productID = productID
        self.vendorID = vendorID
        self.revision = revision
    }
}

/// A verifier's decision on a product revision.
public struct ProductVerdict: Codable, Sendable, Hashable {
    /// The product.
    public var productID: String
    /// The revision decided.
    public var revision: Int64
    /// The decision.
    public var decision: VerificationDecision

    private enum CodingKeys: String, CodingKey {
        case productID = "productId"
        case revision, decision
    }

    /// Creates it.
    public init(productID: String, revision: Int64, decision: VerificationDecision) {
        self.productID = productID
        self.revision = revision
        self.decision = decision
    }
}

/// A product its vendor withdrew from the catalogue.
public struct ProductWithdrawal: Codable, Sendable, Hashable {
    /// The product.
    public var productID: String

    private enum CodingKeys: String, CodingKey { case productID = "productId" }

    /// Creates it.
    public init(productID: String) {
        self.productID = productID
    }
}

// MARK: - Declarations

/// `category.created`.
public enum CategoryCreated: EventContract {
    /// The wire name.
    public static let type = "category.created"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A category was added to a tenant's tree."
    /// The category as created.
    public typealias Payload = Category
}

/// `category.updated`.
public enum CategoryUpdated: EventContract {
    /// The wire name.
    public static let type = "category.updated"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A category's name, kind or document requirement changed."
    /// The category after the change.
    public typealias Payload = Category
}

/// `product.submitted`.
public enum ProductSubmitted: EventContract {
    /// The wire name.
    public static let type = "product.submitted"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A vendor submitted a product revision (new or edited) for verification."
    /// The product, vendor and revision.
    public typealias Payload = ProductSubmission
}

/// `product.verified`.
public enum ProductVerified: EventContract {
    /// The wire name.
    public static let type = "product.verified"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A verifier decided on a product revision (approved or rejected)."
    /// The product, revision and decision.
    public typealias Payload = ProductVerdict
}

/// `product.withdrawn`.
public enum ProductWithdrawn: EventContract {
    /// The wire name.
    public static let type = "product.withdrawn"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A vendor withdrew a product from the catalogue."
    /// The product.
    public typealias Payload = ProductWithdrawal
}

/// `sanction.proposed`.
public enum SanctionProposed: EventContract {
    /// The wire name.
    public static let type = "sanction.proposed"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A delisting sanction (turun tayang) was proposed against a vendor (Pasal 14)."
    /// The sanction as proposed.
    public typealias Payload = Sanction
}

/// `sanction.decided`.
public enum SanctionDecided: EventContract {
    /// The wire name.
    public static let type = "sanction.decided"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "The UKPBJ head accepted or rejected a proposed sanction."
    /// The sanction after the decision.
    public typealias Payload = Sanction
}

/// `sanction.started`.
public enum SanctionStarted: EventContract {
    /// The wire name.
    public static let type = "sanction.started"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "An accepted sanction came into force: the vendor's products are delisted."
    /// The sanction.
    public typealias Payload = Sanction
}

/// `sanction.ended`.
public enum SanctionEnded: EventContract {
    /// The wire name.
    public static let type = "sanction.ended"
    /// The payload's version.
    public static let version = 1
    /// What it means.
    public static let summary = "A sanction's period ended: the vendor's products may be listed again."
    /// The sanction.
    public typealias Payload = Sanction
}

/// The events the catalog publishes.
public enum CatalogEvents {
    /// Every event the catalog publishes.
    public static let declarations: [any EventContract.Type] = [
        CategoryCreated.self, CategoryUpdated.self, ProductSubmitted.self, ProductVerified.self, ProductWithdrawn.self,
        SanctionProposed.self, SanctionDecided.self, SanctionStarted.self, SanctionEnded.self,
    ]

    /// Every event the catalog publishes, for its `rpc.discover`.
    public static var all: [EventDescriptor] { declarations.map { $0.descriptor } }
}
