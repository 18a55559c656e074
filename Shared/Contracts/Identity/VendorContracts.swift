import SiOpenDomain
import SiOpenProtocol

// Vendor registration, verification, blocking and the blacklist (annex I.C; Polewali Mandar
// Pasal 11 and 21), helpdesk and announcements: the rest of the identity contract.

/// Whether a vendor is a business entity or an individual (annex I.C.1).
public enum VendorKind: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Badan usaha: needs NIB, deed of establishment and director.
    case entity
    /// Perorangan.
    case individual
}

/// Where a vendor stands.
public enum VendorStatus: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Registered, waiting for a verifier.
    case registered
    /// Documents checked; waits for activation.
    case verified
    /// Refused with reasons; the vendor may correct and resubmit.
    case rejected
    /// May offer products and receive orders.
    case active
    /// Blocked by decision of the head of UKPBJ.
    case blocked
    /// Closed.
    case deactivated
}

/// A deed of establishment (akta pendirian) and its ratification by the Ministry of Law and Human Rights.
public struct DeedOfEstablishment: Codable, Sendable, Hashable {
    /// The notarial deed's number as written on it.
    public var number: String
    /// The deed's date, `YYYY-MM-DD`.
    public var date: String
    /// The ministry's ratification (SK Kemenkumham) number.
    public var ratificationNumber: String
    /// The latest amendment's number, if any.
    public var latestAmendmentNumber: String?

    /// Creates it.
    public init(number: String, date: String, ratificationNumber: String, latestAmendmentNumber: String? = nil) {
        self.number = number
        self.date = date
        self.ratificationNumber = ratificationNumber
        self.latestAmendmentNumber = latestAmendmentNumber
    }
}

/// The director of a business entity: the person who signs for it.
public struct DirectorIdentity: Codable, Sendable, Hashable {
    /// The director's full name as on the KTP (the person, not the company), at most 200 characters.
    public var name: String
    /// NIK from the director's KTP.
    public var nik: NIK
    /// The director's position as printed under the signature (e.g. "Direktur", "Direktur
    /// Utama", "Pesero Pengurus"), at most 100 characters; absent prints "Direktur".
    public var position: String?

    /// Creates it.
    public init(name: String, nik: NIK, position: String? = nil) {
        self.name = name
        self.nik = nik
        self.position = position
    }
}

/// The address printed on a KTP, which is what domicile means (annex I.C.2 "KTP Domisili"):
/// not the NIK's prefix, which is kept for life (UU 24/2013 Pasal 13) wherever the holder moves.
public struct KTPAddress: Codable, Sendable, Hashable {
    /// The address as on the KTP (street, RT/RW, desa/kelurahan, kecamatan), at most 300 characters.
    public var street: String
    /// The Kemendagri region code of the place the address lies in (kabupaten, kecamatan or
    /// desa level); it must lie in one of the tenant's domicile regions.
    public var regionCode: RegionCode

    /// Creates it.
    public init(street: String, regionCode: RegionCode) {
        self.street = street
        self.regionCode = regionCode
    }
}

/// A bank account for transfers.
public struct BankAccount: Codable, Sendable, Hashable {
    /// The bank's name (`Bank Kalsel`).
    public var bank: String
    /// Account number: 5–30 digits.
    public var number: String
    /// Holder's name as the bank knows it.
    public var holderName: String

    /// Creates it.
    public init(bank: String, number: String, holderName: String) {
        self.bank = bank
        self.number = number
        self.holderName = holderName
    }
}

/// A business's size class (UU 20/2008 as amended by PP 7/2021): micro, small and medium
/// businesses are UMKM, which buyers may filter for and which pay final income tax.
public enum BusinessScale: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// Usaha mikro.
    case micro
    /// Usaha kecil.
    case small
    /// Usaha menengah.
    case medium
    /// Usaha besar: not UMKM.
    case large

    /// Whether the business is UMKM (micro, small or medium).
    public var isUMKM: Bool { self != .large }
}

/// What a vendor submits to register (or to resubmit after a rejection).
public struct VendorRegistration: Codable, Sendable, Hashable {
    /// The tenant registered with.
    public var tenant: String
    /// Whether the vendor is a business entity (badan usaha) or an individual (perorangan).
    public var kind: VendorKind
    /// Business or personal name.
    public var name: String
    /// NIK from the KTP (the director's for an entity). Its prefix is not the domicile: see `ktpAddress`.
    public var nik: NIK
    /// NPWP, the tax identity number (16 digits, or the old 15-digit form).
    public var npwp: NPWP
    /// Business identification number; required for entities.
    public var nib: NIB?
    /// Email address (stored and compared lowercased, NFC).
    public var email: EmailAddress
    /// Phone number; stored in E.164 form (`+62…`).
    public var phone: PhoneNumber
    /// The business address.
    public var address: String
    /// Deed of establishment; required for entities.
    public var deed: DeedOfEstablishment?
    /// Director; required for entities.
    public var director: DirectorIdentity?
    /// The business licence number as issued, printable ASCII.
    public var businessLicenceNumber: String
    /// Bank account for payments.
    public var bankAccount: BankAccount
    /// Whether the vendor is a taxable entrepreneur (PKP) that charges PPN.
    public var isPKP: Bool
    /// The business's size class as declared (micro/small/medium are UMKM); absent counts as not UMKM.
    public var businessScale: BusinessScale?
    /// The version of the vendor terms accepted (must be the current one).
    public var acceptedTermsVersion: String
    /// Sign-in name for the vendor's account.
    public var username: String
    /// Password (≥ 10 characters, not the username).
    public var password: String
    /// The address on the KTP (the director's for an entity) with its region code: the
    /// domicile, which must lie in the tenant's regions. Required for new registrations;
    /// absent only in registrations stored before it was asked for.
    public var ktpAddress: KTPAddress?

    /// Creates it.
    public init(
        tenant: String, kind: VendorKind, name: String, nik: NIK, npwp: NPWP, nib: NIB? = nil, email: EmailAddress,
        phone: PhoneNumber, address: String, deed: DeedOfEstablishment? = nil, director: DirectorIdentity? = nil,
        businessLicenceNumber: String, bankAccount: BankAccount, isPKP: Bool, businessScale: BusinessScale? = nil,
        acceptedTermsVersion: String, username: String, password: String, ktpAddress: KTPAddress? = nil
    ) {
        self.ktpAddress = ktpAddress
        self.tenant = tenant
        self.kind = kind
        self.name = name
        self.nik = nik
        self.npwp = npwp
        self.nib = nib
        self.email = email
        self.phone = phone
        self.address = address
        self.deed = deed
        self.director = director
        self.businessLicenceNumber = businessLicenceNumber
        self.bankAccount = bankAccount
        self.isPKP = isPKP
        self.businessScale = businessScale
        self.acceptedTermsVersion = acceptedTermsVersion
        self.username = username
        self.password = password
    }
}

/// A vendor as verifiers and the vendor itself see it.
public struct VendorInfo: Codable, Sendable, Hashable {
    /// The vendor's id.
    public var id: String
    /// The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).
    public var tenant: String
    /// Whether the vendor is a business entity (badan usaha) or an individual (perorangan).
    public var kind: VendorKind
    /// The vendor's registered name.
    public var name: String
    /// Where the record stands in its lifecycle.
    public var status: VendorStatus
    /// Reasons of the last rejection or block.
    public var statusReason: String?
    /// The director's or individual's NIK, 16 digits.
    public var nik: String
    /// The vendor's NPWP (tax identity number), 16 digits.
    public var npwp: String
    /// The NIB (business identity number, 13 digits); null when none.
    public var nib: String?
    /// Email address (stored and compared lowercased, NFC).
    public var email: String
    /// Phone number, E.164 (`+62…`).
    public var phone: String
    /// The vendor's business address.
    public var address: String
    /// The deed of establishment, for an entity; null for an individual.
    public var deed: DeedOfEstablishment?
    /// The director's identity, for an entity; null for an individual.
    public var director: DirectorIdentity?
    /// The business licence number as issued.
    public var businessLicenceNumber: String
    /// The account payments transfer to.
    public var bankAccount: BankAccount
    /// Whether the vendor is a PKP (VAT-registered): PPN is charged only then.
    public var isPKP: Bool
    /// Size class as declared; micro, small and medium are UMKM.
    public var businessScale: BusinessScale?
    /// Terms accepted and when (ISO 8601).
    public var acceptedTermsVersion: String
    /// When the terms were accepted.
    public var acceptedTermsAt: String
    /// The vendor's sign-in account.
    public var accountID: String
    /// The supporting documents uploaded for verification (metadata; `vendor.document` returns the bytes).
    public var documents: [VendorDocument]
    /// Optimistic-concurrency version: send it back with state changes.
    public var version: Int64
    /// The KTP address and its region code (the domicile); absent for registrations stored before it was asked for.
    public var ktpAddress: KTPAddress?
    /// Whether a verifier confirmed the KTP address against the KTP scan when verifying.
    public var domicileConfirmed: Bool?

    /// Creates it.
    public init(
        id: String, tenant: String, kind: VendorKind, name: String, status: VendorStatus, statusReason: String? = nil,
        nik: String, npwp: String, nib: String? = nil, email: String, phone: String, address: String,
        deed: DeedOfEstablishment? = nil, director: DirectorIdentity? = nil, businessLicenceNumber: String,
        bankAccount: BankAccount, isPKP: Bool, businessScale: BusinessScale? = nil, acceptedTermsVersion: String,
        acceptedTermsAt: String, accountID: String, documents: [VendorDocument], version: Int64,
        ktpAddress: KTPAddress? = nil, domicileConfirmed: Bool? = nil
    ) {
        self.ktpAddress = ktpAddress
        self.domicileConfirmed = domicileConfirmed
        self.id = id
        self.tenant = tenant
        self.kind = kind
        self.name = name
        self.status = status
        self.statusReason = statusReason
        self.nik = nik
        self.npwp = npwp
        self.nib = nib
        self.email = email
        self.phone = phone
        self.address = address
        self.deed = deed
        self.director = director
        self.businessLicenceNumber = businessLicenceNumber
        self.bankAccount = bankAccount
        self.isPKP = isPKP
        self.businessScale = businessScale
        self.acceptedTermsVersion = acceptedTermsVersion
        self.acceptedTermsAt = acceptedTermsAt
        self.accountID = accountID
        self.documents = documents
        self.version = version
    }
}

/// A kind of supporting document.
public enum VendorDocumentType: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// KTP.
    case ktp
    /// NPWP card.
    case npwp
    /// NIB (OSS).
    case nib
    /// Deed of establishment and amendments.
    case deed
    /// Business licence.
    case licence
}

/// An uploaded document, stored by its SHA-256.
public struct VendorDocument: Codable, Sendable, Hashable {
    /// What kind of supporting document it is.
    public var type: VendorDocumentType
    /// Content hash (hex SHA-256), its name in the store.
    public var sha256: String
    /// `pdf`, `jpeg` or `png`, detected from the bytes.
    public var contentType: String
    /// Size of the file in bytes.
    public var byteCount: Int64
    /// When it was uploaded: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).
    public var uploadedAt: String

    /// Creates it.
    public init(type: VendorDocumentType, sha256: String, contentType: String, byteCount: Int64, uploadedAt: String) {
        self.type = type
        self.sha256 = sha256
        self.contentType = contentType
        self.byteCount = byteCount
        self.uploadedAt = uploadedAt
    }
}

/// `vendor.register`: a vendor registers itself (no sign-in needed).
public enum VendorRegister: RPCMethod {
    public static let name = "vendor.register"
    public static let summary =
        "A business entity or individual registers as a vendor with its identity, tax, business and bank data and accepts the current terms; creates its sign-in account. Status: registered."
    public static let access = Access.anyone
    public static let errors: [ApplicationErrorCode]? = [.notFound, .conflict, .validationFailed]
    public typealias Params = VendorRegistration
    public typealias Result = VendorInfo
}

/// Names a vendor and the version the caller saw.
public struct VendorRef: Codable, Sendable, Hashable {
    /// The vendor's id, as returned by `vendor.register`.
    public var vendorID: String
    /// The version read; a stale version is a conflict.
    public var version: Int64?

    /// Creates it.
    public init(vendorID: String, version: Int64? = nil) {
        self.vendorID = vendorID
        self.version = version
    }
}

/// `vendor.get`: one vendor (verifiers of its tenant, or the vendor itself).
public enum VendorGet: RPCMethod {
    public static let name = "vendor.get"
    public static let summary = "One vendor, for verifiers, Super Admin, auditors of its tenant, or the vendor itself."
    public static let access = Access.roles(.verifier, .superAdmin, .auditor, .ukpbjHead, .vendor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    public static let isIdempotent = true
    public typealias Params = VendorRef
    public typealias Result = VendorInfo
}

/// Filter for vendor lists.
public struct VendorListParams: Codable, Sendable, Hashable {
    /// Only vendors in this status.
    public var status: VendorStatus?

    /// Creates it.
    public init(status: VendorStatus? = nil) { self.status = status }
}

/// `vendor.list`: the vendors of the caller's tenant.
public enum VendorList: RPCMethod {
    public static let name = "vendor.list"
    public static let summary = "The vendors of the caller's tenant, optionally by status."
    public static let access = Access.roles(.verifier, .superAdmin, .auditor, .ukpbjHead)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    public static let isIdempotent = true
    public typealias Params = VendorListParams
    public typealias Result = [VendorInfo]
}

/// A verifier's decision with reasons.
public struct VendorDecision: Codable, Sendable, Hashable {
    /// The vendor's id, as returned by `vendor.register`.
    public var vendorID: String
    /// The version the verifier saw.
    public var version: Int64
    /// Reasons (required to reject).
    public var reason: String?

    /// Creates it.
    public init(vendorID: String, version: Int64, reason: String? = nil) {
        self.vendorID = vendorID
        self.version = version
        self.reason = reason
    }
}

/// A verifier's confirmation that a registration matches its documents.
public struct VendorVerification: Codable, Sendable, Hashable {
    /// The vendor's id, as returned by `vendor.register`.
    public var vendorID: String
    /// The version the verifier saw.
    public var version: Int64
    /// Must be true: the verifier compared the KTP address and its region code with the KTP
    /// scan and found the holder domiciled in the tenant (annex I.C.2).
    public var domicileConfirmed: Bool
    /// A note, if any.
    public var reason: String?

    /// Creates it.
    public init(vendorID: String, version: Int64, domicileConfirmed: Bool, reason: String? = nil) {
        self.vendorID = vendorID
        self.version = version
        self.domicileConfirmed = domicileConfirmed
        self.reason = reason
    }
}

/// `vendor.verify`: documents checked (online and/or offline); registered → verified.
public enum VendorVerify: RPCMethod {
    public static let name = "vendor.verify"
    public static let summary =
        "A verifier confirms a registered vendor's identity against its documents (registered → verified): every required document must be uploaded (KTP and NPWP; for an entity also NIB, deed and business licence; else 422 naming the missing ones) and the KTP domicile confirmed. Refused while the vendor is blacklisted."
    public static let access = Access.roles(.verifier)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = VendorVerification
    public typealias Result = VendorInfo
}

/// `vendor.reject`: registered → rejected, with reasons.
public enum VendorReject: RPCMethod {
    public static let name = "vendor.reject"
    public static let summary =
        "A verifier rejects a registration with reasons (registered → rejected); the vendor may correct and resubmit."
    public static let access = Access.roles(.verifier)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = VendorDecision
    public typealias Result = VendorInfo
}

/// `vendor.activate`: verified (or unblocked) → active.
public enum VendorActivate: RPCMethod {
    public static let name = "vendor.activate"
    public static let summary =
        "A verifier activates a verified vendor's account (verified → active). Refused while blacklisted."
    public static let access = Access.roles(.verifier)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = VendorDecision
    public typealias Result = VendorInfo
}

/// A decision of the head of UKPBJ to block or unblock.
public struct VendorBlockParams: Codable, Sendable, Hashable {
    /// The vendor's id, as returned by `vendor.register`.
    public var vendorID: String
    /// The version the verifier saw.
    public var version: Int64
    /// The head of UKPBJ's decision number.
    public var decisionNumber: String
    /// The date of the decision letter, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8).
    public var decisionDate: String
    /// The written grounds of the decision.
    public var reason: String

    /// Creates it.
    public init(vendorID: String, version: Int64, decisionNumber: String, decisionDate: String, reason: String) {
        self.vendorID = vendorID
        self.version = version
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.reason = reason
    }
}

/// `vendor.block`: active → blocked, on the head of UKPBJ's decision.
public enum VendorBlock: RPCMethod {
    public static let name = "vendor.block"
    public static let summary =
        "A verifier blocks an active vendor on the head of UKPBJ's decision (number and date); its sessions end."
    public static let access = Access.roles(.verifier)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = VendorBlockParams
    public typealias Result = VendorInfo
}

/// `vendor.unblock`: blocked → active, on a decision.
public enum VendorUnblock: RPCMethod {
    public static let name = "vendor.unblock"
    public static let summary = "A verifier lifts a block on the head of UKPBJ's decision (blocked → active)."
    public static let access = Access.roles(.verifier)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = VendorBlockParams
    public typealias Result = VendorInfo
}

/// `vendor.deactivate`: closes a vendor.
public enum VendorDeactivate: RPCMethod {
    public static let name = "vendor.deactivate"
    public static let summary =
        "Closes a vendor (any state → deactivated) for a violation or on request; its sessions end."
    public static let access = Access.roles(.verifier, .superAdmin)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = VendorDecision
    public typealias Result = VendorInfo
}

/// `vendor.resubmit`: the vendor corrects a rejected registration.
public enum VendorResubmit: RPCMethod {
    public static let name = "vendor.resubmit"
    public static let summary =
        "The vendor corrects its rejected registration (rejected → registered). The username and password fields are ignored."
    public static let access = Access.roles(.vendor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public typealias Params = VendorRegistration
    public typealias Result = VendorInfo
}

/// An upload of a supporting document, base64 in JSON.
public struct VendorDocumentUpload: Codable, Sendable, Hashable {
    /// What kind of supporting document it is.
    public var type: VendorDocumentType
    /// The file, base64. PDF, JPEG or PNG, at most 5 MiB.
    public var contentBase64: String

    /// Creates it.
    public init(type: VendorDocumentType, contentBase64: String) {
        self.type = type
        self.contentBase64 = contentBase64
    }
}

/// `vendor.uploadDocument`: the vendor attaches a supporting document.
public enum VendorUploadDocument: RPCMethod {
    public static let name = "vendor.uploadDocument"
    public static let summary =
        "The vendor uploads a supporting document (KTP, NPWP, NIB, deed, licence): PDF, JPEG or PNG, at most 5 MiB, type checked from the bytes."
    public static let access = Access.roles(.vendor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound, .conflict, .validationFailed]
    public static let maxRequestBytes = 8 << 20
    public typealias Params = VendorDocumentUpload
    public typealias Result = VendorInfo
}

/// Names one stored document.
public struct VendorDocumentRef: Codable, Sendable, Hashable {
    /// The vendor's id, as returned by `vendor.register`.
    public var vendorID: String
    /// The document's SHA-256, 64 lowercase hex digits.
    public var sha256: String

    /// Creates it.
    public init(vendorID: String, sha256: String) {
        self.vendorID = vendorID
        self.sha256 = sha256
    }
}

/// A document's bytes.
public struct VendorDocumentContent: Codable, Sendable, Hashable {
    /// The document's metadata.
    public var document: VendorDocument
    /// The file's bytes, standard base64 with padding.
    public var contentBase64: String

    /// Creates it.
    public init(document: VendorDocument, contentBase64: String) {
        self.document = document
        self.contentBase64 = contentBase64
    }
}

/// `vendor.document`: a verifier reads a supporting document.
public enum VendorDocumentRead: RPCMethod {
    public static let name = "vendor.document"
    public static let summary =
        "A supporting document's bytes, for verifiers of the vendor's tenant and the vendor itself."
    public static let access = Access.roles(.verifier, .superAdmin, .vendor)
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .notFound]
    public static let isIdempotent = true
    public typealias Params = VendorDocumentRef
    public typealias Result = VendorDocumentContent
}
