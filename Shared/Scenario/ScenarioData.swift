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

    /// Kabupaten Balangan (domicile region 6311).
    public static let balangan = TenantInfo(code: "balangan", name: "Kabupaten Balangan", domicileRegionCodes: ["6311"])
    /// Kabupaten Polewali Mandar (domicile region 7604).
    public static let polman = TenantInfo(
        code: "polman", name: "Kabupaten Polewali Mandar", domicileRegionCodes: ["7604"])
    /// Roles that belong to an agency (the others are tenant-wide, or above tenants for `monitor`).
    public static let agencyRoles: Set<Role> = [.ppk, .treasurer, .budgetHolder, .agencyAdmin]

    /// The password an official ends with after the first change.
    public static func finalPassword(of username: String) -> String { "pw-\(username)-final1" }

    /// The account of an official with an assignment letter and the initial password.
    public static func official(
        _ username: String, roles: [Role], tenant: String?, agency: String?, emailDomain: String = "pemkab.go.id"
    ) throws -> AccountCreateParams {
        AccountCreateParams(
            username: username,
            email: try EmailAddress("\(username.replacingOccurrences(of: "_", with: "-"))@\(emailDomain)"),
            fullName: "Pejabat \(username)", roles: roles, tenant: tenant, agency: agency,
            assignment: AssignmentLetter(number: "800/\(username)/2026", date: "2026-01-05", issuer: "Bupati"),
            initialPassword: initialPassword)
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
        emailDomain: String = "usaha.co.id", termsVersion: String
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
            director: kind == .entity ? DirectorIdentity(name: "Budi \(n)", nik: nik) : nil,
            businessLicenceNumber: "SIUP-\(n)",
            bankAccount: BankAccount(bank: "Bank Kalsel", number: "0012345\(n)", holderName: name),
            isPKP: isPKP, businessScale: scale, acceptedTermsVersion: termsVersion,
            username: username ?? "vendor\(n)", password: "vendor-pass-\(n)")
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
