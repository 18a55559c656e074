import SiOpenDomain
import SiOpenProtocol

// MARK: - Categories

/// Whether a category's products are goods or services; payments withholds PPh 22 on goods and
/// PPh 23 on services.
public enum ProductKind: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Barang.
    case goods
    /// Jasa lainnya.
    case services
}

/// A category of the tenant's catalogue tree.
public struct Category: Codable, Sendable, Hashable {
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// Code, unique in the tenant (`ATK`, `ATK-KERTAS`).
    public var code: String
    /// The category's name as buyers see it (`Kertas HVS`).
    public var name: String
    /// The parent's code; nil for a top-level category.
    public var parentCode: String?
    /// Whether the category's products are goods (PPh 22) or services (PPh 23).
    public var kind: ProductKind
    /// Whether offers need a partnership or permit document from the producer or distributor (annex I.C.1.g).
    public var requiresPartnershipDocument: Bool
    /// Optimistic-concurrency version (assigned; send it back to update).
    public var version: Int64?

    /// Creates it.
    public init(
        tenant: String, code: String, name: String, parentCode: String? = nil, kind: ProductKind,
        requiresPartnershipDocument: Bool = false, version: Int64? = nil
    ) {
        self.tenant = tenant
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.kind = kind
        self.requiresPartnershipDocument = requiresPartnershipDocument
        self.version = version
    }
}

/// `category.create`: adds a category (Super Admin).
public enum CategoryCreate: RPCMethod {
    public static let name = "category.create"
    public static let summary =
        "Adds a category to a tenant's tree, under an existing parent or at the top; says goods or services and whether a partnership/permit document is required."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = Category
    public typealias Result = Category
}

/// `category.update`: renames a category or changes its rules (Super Admin).
public enum CategoryUpdate: RPCMethod {
    public static let name = "category.update"
    public static let summary =
        "Changes a category's name, parent, kind or document requirement; send the version read. A category cannot become its own ancestor."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = Category
    public typealias Result = Category
}

/// `category.list`: a tenant's category tree, parents before children.
public enum CategoryList: RPCMethod {
    public static let name = "category.list"
    public static let summary = "A tenant's categories, parents before their children."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = [Category]
}
