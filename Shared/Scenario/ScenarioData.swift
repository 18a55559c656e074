// The values a scenario is made of: tenants, officials, vendor registrations, catalogue trees,
// product offers and order preparations. Pure builders, no I/O: every test and benchmark that
// needs "a valid vendor" or "a valid offer" takes it from here.
import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol

/// The smallest byte strings the catalog recognises as a PNG, a JPEG and a PDF (it checks the
/// magic numbers; it does not decode images).
public enum SampleFiles {
    /// A PNG signature and a few bytes.
    public static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR sample image".utf8)
    /// A JPEG signature and a few bytes.
    public static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("JFIF sample image".utf8)
    /// A minimal PDF.
    public static let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".utf8)

    /// A complete, decodable 32×32 RGB PNG (green, with a yellow bar in the middle), as a
    /// tenant's emblem: stored (uncompressed) deflate, real CRCs and Adler-32, so any decoder reads it.
    public static let emblemPNG: [UInt8] = png(width: 32, height: 32) { x, y in
        (8...23).contains(y) && (12...19).contains(x) ? [0xF2, 0xC9, 0x1C] : [0x1B, 0x6B, 0x3A]
    }

    /// A PNG of `width`×`height` RGB pixels coloured by `pixel` (at most 64 KiB of raw rows).
    public static func png(width: Int, height: Int, pixel: (Int, Int) -> [UInt8]) -> [UInt8] {
        func bigEndian(_ value: Int, _ count: Int) -> [UInt8] {
            (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
        }
        func crc32(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(data.count, 4) + body + bigEndian(Int(crc32(body)), 4)
        }
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in 0..<width { raw += pixel(x, y) }
        }
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let length = raw.count
        let zlib: [UInt8] =
            [
                0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF),
                UInt8((~length >> 8) & 0xFF),
            ]
            + raw + bigEndian(Int(b << 16 | a), 4)
        let header = bigEndian(width, 4) + bigEndian(height, 4) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib)
            + chunk("IEND", [])
    }

    /// Standard base64 of `bytes`, as uploads carry them.
    public static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

/// The fixed values of the standard scenario and the builders of everything else.
public enum ScenarioData {
    /// Super Admin's login, as the data folder is bootstrapped.
    public static let superAdminLogin = "root"
    /// Super Admin's password in tests (benchmarks may choose another).
    public static let superAdminPassword = "root-password-1"
    /// The initial password every official is created with (and must change).
    public static let initialPassword = "initial-pass-1"

    /// Kabupaten Balangan (Kemendagri region 63.11), seated at Paringin.
    public static let balangan = TenantInfo(
        code: "balangan", name: "Kabupaten Balangan", domicileRegionCodes: ["6311"],
        governmentName: "Pemerintah Kabupaten Balangan", seat: "Paringin")
    /// Kabupaten Polewali Mandar (Kemendagri region 76.04), seated at Polewali.
    public static let polman = TenantInfo(
        code: "polman", name: "Kabupaten Polewali Mandar", domicileRegionCodes: ["7604"],
        governmentName: "Pemerintah Kabupaten Polewali Mandar", seat: "Polewali")
    /// Roles that belong to an agency (the others are tenant-wide, or above tenants for `monitor`).
    public static let agencyRoles: Set<Role> = [.ppk, .procurementOfficial, .treasurer, .budgetHolder, .agencyAdmin]

    /// The password an official ends with after the first change.
    public static func finalPassword(of username: String) -> String { "pw-\(username)-final1" }

    /// The account of an official with an assignment letter and the initial password; officials
    /// of the civil-servant roles (PPK, Pejabat Pengadaan, PA/KPA, treasurer) get an NIP that
    /// follows from the username, a rank and a position.
    public static func official(
        _ username: String, roles: [Role], tenant: String?, agency: String?, emailDomain: String = "pemkab.go.id"
    ) throws -> AccountCreateParams {
        let civilServant = !Set(roles).isDisjoint(with: [.ppk, .procurementOfficial, .budgetHolder, .treasurer])
        return AccountCreateParams(
            username: username,
            email: try EmailAddress("\(username.replacingOccurrences(of: "_", with: "-"))@\(emailDomain)"),
            fullName: "Pejabat \(username)", roles: roles, tenant: tenant, agency: agency,
            assignment: AssignmentLetter(number: "800/\(username)/2026", date: "2026-01-05", issuer: "Bupati"),
            initialPassword: initialPassword, nip: civilServant ? try NIP(nipText(of: username)) : nil,
            rank: civilServant ? "Penata (III/c)" : nil, position: civilServant ? positionText(of: roles) : nil)
    }

    /// A valid NIP that follows from `seed` (born 1 January 1985, appointed January 2010, a man,
    /// a serial from 001 to 999 from the seed's characters).
    public static func nipText(of seed: String) -> String {
        let serial = seed.unicodeScalars.reduce(7) { ($0 * 31 + Int($1.value)) % 999 } + 1
        return "19850101" + "201001" + "1" + String(format: "%03d", serial)
    }

    /// The position printed for an official holding `roles`.
    static func positionText(of roles: [Role]) -> String {
        if roles.contains(.ppk) { return "Pejabat Pembuat Komitmen" }
        if roles.contains(.procurementOfficial) { return "Pejabat Pengadaan" }
        if roles.contains(.budgetHolder) { return "Pengguna Anggaran" }
        return "Bendahara Pengeluaran"
    }

    /// A legacy 15-digit NPWP built from 8 digits: their Luhn check digit, then `000` + a 3-digit branch.
    public static func npwpText(_ first8: String, branch: String = "000") -> String {
        first8 + String(luhnCheckDigit(first8)) + "000" + branch
    }

    /// A NIK of the region `region` (4 digits), born 01-01-90, with a serial.
    public static func nikText(_ region: String = "6311", serial: Int) -> String {
        region + "01" + "010190" + String(format: "%04d", serial)
    }

    /// The Luhn check digit of a string of digits (legacy NPWPs end their first eight digits with one).
    public static func luhnCheckDigit(_ digits: String) -> Int {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            var value = character.wholeNumberValue ?? 0
            if index % 2 == 0 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return (10 - sum % 10) % 10
    }

    /// A distinct, valid registration for vendor number `n`: its NIK, NPWP, NIB, phone and
    /// username all follow from `n` (and `npwpBase`), so two numbers never collide.
    public static func vendorRegistration(
        _ n: Int, tenant: String = "balangan", kind: VendorKind = .entity, region: String? = nil, name: String? = nil,
        npwpBase: Int = 20_000_000, scale: BusinessScale = .small, isPKP: Bool = false, username: String? = nil,
        emailDomain: String = "usaha.co.id", termsVersion: String, ktpRegion: String? = nil
    ) throws -> VendorRegistration {
        let region = region ?? (tenant == polman.code ? "7604" : "6311")
        let nik = try NIK(nikText(region, serial: n))
        let name = name ?? "CV Sumber Rejeki \(n)"
        return VendorRegistration(
            tenant: tenant, kind: kind, name: name, nik: nik,
            npwp: try NPWP(npwpText(String(format: "%08d", npwpBase + n))),
            nib: kind == .entity ? try NIB(String(format: "91200%08d", n)) : nil,
            email: try EmailAddress("vendor\(n)@\(emailDomain)"),
            phone: try PhoneNumber("0812-3456-\(String(format: "%04d", n % 10000))"),
            address: "Jl. A. Yani No. \(n), Paringin",
            deed: kind == .entity
                ? DeedOfEstablishment(number: "12", date: "2020-02-03", ratificationNumber: "AHU-0001234.AH.01.01")
                : nil,
            director: kind == .entity ? DirectorIdentity(name: "Budi \(n)", nik: nik, position: "Direktur") : nil,
            businessLicenceNumber: "SIUP-\(n)",
            bankAccount: BankAccount(bank: "Bank Kalsel", number: "0012345\(n)", holderName: name),
            isPKP: isPKP, businessScale: scale, acceptedTermsVersion: termsVersion,
            username: username ?? "vendor\(n)", password: "vendor-pass-\(n)",
            ktpAddress: KTPAddress(
                street: "Jl. A. Yani No. \(n), RT 002 RW 001", regionCode: try RegionCode(ktpRegion ?? region)))
    }

    /// Delivery regions PARINGIN and AWAYAN.
    public static let deliveryRegions = [
        DeliveryRegion(code: "PARINGIN", name: "Paringin"), DeliveryRegion(code: "AWAYAN", name: "Awayan"),
    ]

    /// A small category tree in `tenant`: ATK > ATK-KERTAS (goods), ALKES (goods, partnership
    /// required), JASA-CETAK (services).
    public static func categories(tenant: String = "balangan") -> [Category] {
        [
            Category(tenant: tenant, code: "ATK", name: "Alat Tulis Kantor", kind: .goods),
            Category(tenant: tenant, code: "ATK-KERTAS", name: "Kertas", parentCode: "ATK", kind: .goods),
            Category(
                tenant: tenant, code: "ALKES", name: "Alat Kesehatan", kind: .goods, requiresPartnershipDocument: true),
            Category(tenant: tenant, code: "JASA-CETAK", name: "Jasa Percetakan", kind: .services),
        ]
    }

    /// A valid offer: product cost + delivery + tax + overhead add up in both regions. With
    /// `includesPPN` (a PKP vendor's price including PPN) Rp1,000 of it is the tax component;
    /// without it (the default, for vendors that are not PKP) there is no tax component and the
    /// Rp1,000 is overhead, so the unit price is the same either way.
    public static func offer(
        name: String = "Kertas HVS A4 80 gram", category: String = "ATK-KERTAS", price: Int64 = 50_000,
        delivery: Int64 = 5_000,
        description: String = "Kertas fotokopi putih untuk kantor",
        specification: [SpecificationAttribute] = [SpecificationAttribute(name: "Gramatur", value: "80 gsm")],
        origin: ProductOrigin = ProductOrigin(kind: .domestic, country: "ID"), tkdn: TKDNDeclaration? = nil,
        stock: Int = 100, deliveryDays: Int = 3,
        warrantyMonths: Int = 0,
        images: [ImageInput] = [ImageInput(contentBase64: SampleFiles.base64(SampleFiles.png))],
        partnership: PartnershipDocumentInput? = nil, includesPPN: Bool = false
    ) -> ProductOfferInput {
        let productCost = Rupiah(integerLiteral: max(price - 2_000, 1))
        let tax: Rupiah = includesPPN ? 1_000 : 0
        let overhead: Rupiah = includesPPN ? 1_000 : 2_000
        let base = (try? productCost + tax + overhead) ?? .zero
        let regions = [("PARINGIN", delivery), ("AWAYAN", delivery * 2)].map { code, cost in
            RegionalPrice(
                regionCode: code, deliveryCost: Rupiah(integerLiteral: cost),
                unitPrice: (try? base + Rupiah(integerLiteral: cost)) ?? .zero)
        }
        return ProductOfferInput(
            categoryCode: category, name: name, description: description, function: "Keperluan administrasi kantor",
            specification: specification,
            origin: origin, tkdn: tkdn, unit: "rim",
            price: PriceBreakdown(
                productCost: productCost, tax: tax, overheadAndProfit: overhead, includesPPN: includesPPN,
                regions: regions),
            stock: stock, deliveryDays: deliveryDays, warranty: Warranty(months: warrantyMonths), images: images,
            partnershipDocument: partnership)
    }

    /// A preparation for DINKES, delivered to PARINGIN `deliveryInDays` after `today`, but not
    /// after 31 December of `today`'s year (deliveries beyond the budget year are refused by default).
    public static func preparation(
        _ items: [OrderItemRequest], today: CivilDate, funding: FundingSource = .apbd, deliveryInDays: Int = 10,
        installation: Bool = false,
        packageName: String = "Pengadaan ATK Triwulan IV"
    ) -> OrderPreparation {
        OrderPreparation(
            packageName: packageName, fundingSource: funding, budgetAccountCode: "5.1.02.01.01.0024",
            technicalSpecification: "Kertas HVS A4 80 gsm dan printer laser monokrom untuk administrasi.",
            justification: "Kebutuhan administrasi pelayanan kesehatan triwulan IV.", items: items,
            regionCode: "PARINGIN",
            deliveryAddress: "Dinas Kesehatan, Jl. Jend. A. Yani, Paringin",
            deliveryDate: min(today.adding(days: deliveryInDays), .fixed("\(today.year)-12-31")),
            withInstallation: installation)
    }

    /// The next negotiation round: the order's latest offer with other unit prices.
    public static func nextOffer(
        after order: OrderRecord, prices: [Rupiah], deliveryDate: CivilDate? = nil, note: String? = nil
    ) -> OrderOfferParams {
        let latest = order.offers[order.offers.count - 1]
        let lines = zip(latest.items, prices).map { OfferLine(itemID: $0.itemID, unitPrice: $1, quantity: $0.quantity) }
        return OrderOfferParams(
            orderID: order.id, version: order.version, round: latest.round + 1, items: lines,
            deliveryCost: latest.deliveryCost,
            installationCost: latest.installationCost, trainingCost: latest.trainingCost,
            deliveryDate: deliveryDate ?? latest.deliveryDate, note: note)
    }
}
