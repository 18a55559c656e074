import SiOpenDomain
import SiOpenProtocol

// The parties of an order as they stood when its Surat Pesanan was issued. Orders learns them
// from identity's typed events (tenant, agency, account and vendor events) and copies them into
// the order at issue, so a document always prints what was true when it was signed, whatever
// identity says later.

/// The regency (the tenant) as printed on an order's documents.
public struct RegencyParty: Codable, Sendable, Hashable {
    /// The tenant's code, e.g. `balangan`.
    public var code: String
    /// The government's full name as printed at the top of the letterhead, e.g.
    /// "Pemerintah Kabupaten Balangan".
    public var governmentName: String
    /// The seat of government, the place of signing printed before the date, e.g. "Paringin".
    public var seat: String
    /// SHA-256 (lowercase hex) of the emblem image identity holds for the tenant, or nil when the
    /// tenant has uploaded none. Orders keeps a copy of the image under this hash.
    public var emblemSHA256: String?

    /// Creates it.
    public init(code: String, governmentName: String, seat: String, emblemSHA256: String? = nil) {
        self.code = code
        self.governmentName = governmentName
        self.seat = seat
        self.emblemSHA256 = emblemSHA256
    }

    private enum CodingKeys: String, CodingKey {
        case code, governmentName, seat
        case emblemSHA256 = "emblemSha256"
    }
}

/// The ordering agency (perangkat daerah / satuan kerja) as printed on an order's documents.
public struct AgencyParty: Codable, Sendable, Hashable {
    /// The agency's code in the tenant, e.g. `disdik`.
    public var code: String
    /// The full name, e.g. "Dinas Pendidikan dan Kebudayaan".
    public var name: String
    /// The street address as printed on the letterhead.
    public var address: String
    /// The office telephone, as printed; empty when unknown.
    public var phone: String
    /// The office email; empty when unknown.
    public var email: String
    /// The agency's NPWP as a treasurer (bendahara) collects tax under it, 15 or 16 digits;
    /// empty when unknown.
    public var npwp: String

    /// Creates it.
    public init(code: String, name: String, address: String, phone: String, email: String, npwp: String) {
        self.code = code
        self.name = name
        self.address = address
        self.phone = phone
        self.email = email
        self.npwp = npwp
    }
}

/// A government official (PPK, Pejabat Pengadaan, PA/KPA, inspection team member) as printed
/// under a signature or in a team list.
public struct OfficialParty: Codable, Sendable, Hashable {
    /// The official's account id.
    public var accountID: String
    /// The full name, with titles as the official writes it.
    public var name: String
    /// The NIP (Nomor Induk Pegawai): 18 digits, no spaces; empty for an official who has none
    /// (a non-civil-servant).
    public var nip: String
    /// Rank and grade (pangkat/golongan), e.g. "Penata Tingkat I (III/d)"; empty when none.
    public var rank: String
    /// The position (jabatan), e.g. "Kepala Bidang Sarana dan Prasarana".
    public var position: String

    /// Creates it.
    public init(accountID: String, name: String, nip: String, rank: String, position: String) {
        self.accountID = accountID
        self.name = name
        self.nip = nip
        self.rank = rank
        self.position = position
    }

    private enum CodingKeys: String, CodingKey {
        case accountID = "accountId"
        case name, nip, rank, position
    }
}

/// The vendor (penyedia) as printed on an order's documents: the business and the person who
/// signs for it.
public struct VendorParty: Codable, Sendable, Hashable {
    /// The vendor's id.
    public var vendorID: String
    /// The business's name (an individual's own name for an individual vendor).
    public var name: String
    /// Individual or business entity.
    public var kind: VendorKind
    /// The person who signs for the vendor: the director of an entity, the individual otherwise.
    public var signerName: String
    /// The signer's position, e.g. "Direktur"; "Pemilik" for an individual.
    public var signerPosition: String
    /// The business address as printed.
    public var address: String
    /// NPWP, 15 or 16 digits.
    public var npwp: String
    /// NIB (Nomor Induk Berusaha), 13 digits; nil for a vendor that has none.
    public var nib: String?
    /// Whether it is a PKP (charges PPN).
    public var isPKP: Bool
    /// Where it is paid.
    public var bankAccount: BankAccount

    /// Creates it.
    public init(
        vendorID: String, name: String, kind: VendorKind, signerName: String, signerPosition: String,
        address: String, npwp: String, nib: String?, isPKP: Bool, bankAccount: BankAccount
    ) {
        self.vendorID = vendorID
        self.name = name
        self.kind = kind
        self.signerName = signerName
        self.signerPosition = signerPosition
        self.address = address
        self.npwp = npwp
        self.nib = nib
        self.isPKP = isPKP
        self.bankAccount = bankAccount
    }

    private enum CodingKeys: String, CodingKey {
        case vendorID = "vendorId"
        case name, kind, signerName, signerPosition, address, npwp, nib, isPKP, bankAccount
    }
}

/// Every party of an order, snapshotted when its Surat Pesanan is issued.
public struct OrderParties: Codable, Sendable, Hashable {
    /// The regency.
    public var regency: RegencyParty
    /// The ordering agency.
    public var agency: AgencyParty
    /// The official who signs the Surat Pesanan for the agency (a PPK or a Pejabat Pengadaan).
    public var ppk: OfficialParty
    /// The vendor.
    public var vendor: VendorParty

    /// Creates it.
    public init(regency: RegencyParty, agency: AgencyParty, ppk: OfficialParty, vendor: VendorParty) {
        self.regency = regency
        self.agency = agency
        self.ppk = ppk
        self.vendor = vendor
    }
}
