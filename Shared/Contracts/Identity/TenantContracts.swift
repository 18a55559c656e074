import SiOpenDomain
import SiOpenProtocol

// The identity service's RPC contract: every method it serves, declared once. Servers register
// handlers for these types; clients call them by type; the OpenRPC document is generated from them.

/// An assignment letter (surat tugas / SK) by which an official holds a role.
public struct AssignmentLetter: Codable, Sendable, Hashable {
    /// The letter's number as written on it, printable ASCII.
    public var number: String
    /// The letter's date, `YYYY-MM-DD`.
    public var date: String
    /// Who issued it (e.g. "Kepala UKPBJ Kabupaten Balangan").
    public var issuer: String

    /// Creates a letter reference.
    public init(number: String, date: String, issuer: String) {
        self.number = number
        self.date = date
        self.issuer = issuer
    }
}

// MARK: - Tenants and agencies

/// A tenant: a kabupaten or institution served by this deployment.
public struct TenantInfo: Codable, Sendable, Hashable {
    /// Short code, e.g. `balangan`.
    public var code: String
    /// The full official name, at most 200 characters.
    public var name: String
    /// The Kemendagri region codes (kode wilayah, Permendagri 72/2019 as updated) of the
    /// kabupaten/kota whose residents count as domiciled in the tenant: 4 digits, province and
    /// regency, e.g. `["6311"]` for Balangan (written `63.11`; given with or without the dot,
    /// stored without). A vendor's KTP address must lie in one of them.
    public var domicileRegionCodes: [String]
    /// The government's full name as printed at the top of a letterhead, e.g. "Pemerintah
    /// Kabupaten Balangan"; at most 200 characters. When absent, "Pemerintah " and the name.
    public var governmentName: String?
    /// The seat of government, printed as the place of signing (Balangan: "Paringin"; Polewali
    /// Mandar: "Polewali"); at most 100 characters.
    public var seat: String?
    /// SHA-256 (lowercase hex) of the emblem set with `tenant.setEmblem`; ignored on create and
    /// update; absent while none is set.
    public var emblemSHA256: String?
    /// The tenant record's version: 1 at creation, one more at every change (update or emblem);
    /// ignored on create.
    public var version: Int64?

    /// Creates it.
    public init(
        code: String, name: String, domicileRegionCodes: [String], governmentName: String? = nil, seat: String? = nil,
        emblemSHA256: String? = nil, version: Int64? = nil
    ) {
        self.code = code
        self.name = name
        self.domicileRegionCodes = domicileRegionCodes
        self.governmentName = governmentName
        self.seat = seat
        self.emblemSHA256 = emblemSHA256
        self.version = version
    }

    private enum CodingKeys: String, CodingKey {
        case code, name, domicileRegionCodes, governmentName, seat
        case emblemSHA256 = "emblemSha256"
        case version
    }
}

/// `tenant.create`: Super Admin adds a tenant.
public enum TenantCreate: RPCMethod {
    public static let name = "tenant.create"
    public static let summary =
        "Adds a tenant (a kabupaten or institution) with the Kemendagri region codes its vendors' KTP addresses must lie in, its government's full name and its seat."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.conflict, .validationFailed]
    public typealias Params = TenantInfo
    public typealias Result = TenantInfo
}

/// `tenant.list`: the tenants of the deployment.
public enum TenantList: RPCMethod {
    public static let name = "tenant.list"
    public static let summary = "Lists the tenants (Super Admin and the national monitor)."
    public static let access = Access.roles(.superAdmin, .monitor)
    public static let errors: [ApplicationErrorCode]? = []
    public static let isIdempotent = true
    public typealias Params = EmptyParams
    public typealias Result = [TenantInfo]
}

/// An agency (SKPD / Perangkat Daerah) of a tenant.
public struct AgencyInfo: Codable, Sendable, Hashable {
    /// The tenant it belongs to.
    public var tenant: String
    /// Short code, unique in the tenant (used in document numbers).
    public var code: String
    /// The full official name as printed on the letterhead (e.g. "Dinas Pendidikan dan
    /// Kebudayaan Kabupaten Balangan"), at most 200 characters.
    public var name: String
    /// The office's street address as printed on the letterhead, at most 300 characters.
    public var address: String?
    /// The office telephone as printed (e.g. "(0526) 2028060"), checked as an Indonesian number.
    public var phone: String?
    /// The office email address (stored lowercased).
    public var email: EmailAddress?
    /// The NPWP the agency's treasurer (bendahara) collects tax under.
    public var npwp: NPWP?
    /// The agency record's version: 1 at creation, one more at every `agency.update`; ignored on create.
    public var version: Int64?

    /// Creates it.
    public init(
        tenant: String, code: String, name: String, address: String? = nil, phone: String? = nil,
        email: EmailAddress? = nil, npwp: NPWP? = nil, version: Int64? = nil
    ) {
        self.tenant = tenant
        self.code = code
        self.name = name
        self.address = address
        self.phone = phone
        self.email = email
        self.npwp = npwp
        self.version = version
    }
}

/// `agency.create`: Super Admin adds an agency to a tenant.
public enum AgencyCreate: RPCMethod {
    public static let name = "agency.create"
    public static let summary = "Adds an agency (SKPD) to a tenant."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.notFound, .conflict, .validationFailed]
    public typealias Params = AgencyInfo
    public typealias Result = AgencyInfo
}

/// Which tenant to list.
public struct TenantScope: Codable, Sendable, Hashable {
    /// The tenant; defaults to the caller's own.
    public var tenant: String?

    /// Creates it.
    public init(tenant: String? = nil) { self.tenant = tenant }
}

/// `agency.list`: the agencies of a tenant.
public enum AgencyList: RPCMethod {
    public static let name = "agency.list"
    public static let summary = "Lists the agencies of the caller's tenant (any tenant for Super Admin and monitor)."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = [AgencyInfo]
}

/// `agency.update`: corrects an agency's name, address, phone, email and NPWP.
public enum AgencyUpdate: RPCMethod {
    public static let name = "agency.update"
    public static let summary =
        "Replaces an agency's full name, address, phone, email and NPWP (the code stays): Super Admin, or the agency administrator of that agency. Audited; publishes agency.updated."
    public static let access = Access.roles(.superAdmin, .agencyAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .validationFailed]
    public typealias Params = AgencyInfo
    public typealias Result = AgencyInfo
}

/// A tenant's own data as an administrator corrects it.
public struct TenantUpdateParams: Codable, Sendable, Hashable {
    /// The tenant's code.
    public var tenant: String
    /// The full official name, at most 200 characters.
    public var name: String
    /// The Kemendagri region codes (4 digits, `6311` or `63.11`) vendors' KTP addresses must lie in.
    public var domicileRegionCodes: [String]
    /// The government's full name as printed on letterheads, e.g. "Pemerintah Kabupaten Balangan".
    public var governmentName: String
    /// The seat of government, the place of signing, e.g. "Paringin".
    public var seat: String

    /// Creates it.
    public init(tenant: String, name: String, domicileRegionCodes: [String], governmentName: String, seat: String) {
        self.tenant = tenant
        self.name = name
        self.domicileRegionCodes = domicileRegionCodes
        self.governmentName = governmentName
        self.seat = seat
    }
}

/// `tenant.update`: Super Admin corrects a tenant's name, government name, seat and region codes.
public enum TenantUpdate: RPCMethod {
    public static let name = "tenant.update"
    public static let summary =
        "Replaces a tenant's name, government name, seat and domicile region codes (Super Admin). Audited; publishes tenant.updated."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.notFound, .validationFailed]
    public typealias Params = TenantUpdateParams
    public typealias Result = TenantInfo
}

/// The emblem (lambang daerah) a tenant prints on its letterheads.
public struct TenantEmblemUpload: Codable, Sendable, Hashable {
    /// The tenant's code.
    public var tenant: String
    /// The image, standard base64: a PNG or a baseline/progressive JPEG of 16 to 4096 pixels a
    /// side, at most 256 KiB.
    public var contentBase64: String

    /// Creates it.
    public init(tenant: String, contentBase64: String) {
        self.tenant = tenant
        self.contentBase64 = contentBase64
    }
}

/// A tenant's emblem with its bytes.
public struct TenantEmblem: Codable, Sendable, Hashable {
    /// The tenant's code.
    public var tenant: String
    /// SHA-256 of the bytes, lowercase hex: the name under which consumers keep the image.
    public var sha256: String
    /// `image/png` or `image/jpeg`, detected from the bytes.
    public var contentType: String
    /// Width in pixels, as the image header states it.
    public var width: Int
    /// Height in pixels, as the image header states it.
    public var height: Int
    /// The image, standard base64 with padding.
    public var contentBase64: String
    /// The tenant record's version after the emblem was set.
    public var tenantVersion: Int64

    /// Creates it.
    public init(
        tenant: String, sha256: String, contentType: String, width: Int, height: Int, contentBase64: String,
        tenantVersion: Int64
    ) {
        self.tenant = tenant
        self.sha256 = sha256
        self.contentType = contentType
        self.width = width
        self.height = height
        self.contentBase64 = contentBase64
        self.tenantVersion = tenantVersion
    }
}

/// `tenant.setEmblem`: Super Admin uploads the tenant's emblem.
public enum TenantSetEmblem: RPCMethod {
    public static let name = "tenant.setEmblem"
    public static let summary =
        "Sets the tenant's emblem (PNG or JPEG, at most 256 KiB, 16 to 4096 pixels a side; type and size checked from the bytes). Audited; publishes tenant.emblemSet with the image."
    public static let access = Access.roles(.superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.notFound, .validationFailed]
    public static let maxRequestBytes = 1 << 20
    public typealias Params = TenantEmblemUpload
    public typealias Result = TenantInfo
}

/// `tenant.emblem`: the tenant's emblem image, for anyone signed in.
public enum TenantEmblemRead: RPCMethod {
    public static let name = "tenant.emblem"
    public static let summary = "The tenant's emblem image (the caller's tenant by default); 404 while none is set."
    public static let access = Access.authenticated
    public static let errors: [ApplicationErrorCode]? = [.notFound, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = TenantScope
    public typealias Result = TenantEmblem
}
