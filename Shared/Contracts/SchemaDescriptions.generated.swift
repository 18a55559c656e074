// swift-format-ignore-file
// Generated from the `///` comments of this module's Codable types; do not edit. After changing
// a comment, regenerate with `SIOPEN_REGENERATE=1 swift test --filter SchemaDescriptionsGeneratorTests`.
import SiOpenDomain
import SiOpenProtocol

extension AccountCreateParams: SchemaDescribed {
    public static var schemaDescription: String { "A new official's account." }
    public static var fieldDescriptions: [String: String] {
        [
            "username": "Sign-in name: 3–64 of a–z, 0–9, `.`, `_`, `-`.",
            "email": "Email address (stored and compared lowercased, NFC).",
            "fullName": "The person's full name.",
            "roles": "The roles granted (not `vendor`: vendors register themselves).",
            "tenant": "The tenant; required for every role but `monitor`.",
            "agency": "The agency; required for PPK, treasurer, PA/KPA and agency administrators.",
            "assignment": "The letter of assignment that gives the person the role.",
            "initialPassword": "A first password (≥ 10 characters, not the username); the person must change it at first sign-in.",
            "nip": "The official's NIP (civil servant number). Required for PPK, Pejabat Pengadaan, PA/KPA and treasurer accounts unless `civilServant` is false.",
            "rank": "Rank and grade (pangkat/golongan) as printed, e.g. \"Penata Tingkat I (III/d)\"; at most 100 characters.",
            "position": "The position (jabatan) as printed under the signature, e.g. \"Kepala Bidang Sarana dan Prasarana\"; at most 200 characters.",
            "civilServant": "False for an official who is not a civil servant (non-ASN, e.g. permanent BLUD staff) and so has no NIP; absent means a civil servant.",
        ]
    }
}

extension AccountInfo: SchemaDescribed {
    public static var schemaDescription: String { "An account as shown to administrators." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The account's id.",
            "username": "The sign-in name: 3–64 of a–z, 0–9, `.`, `_`, `-`.",
            "email": "Email address (stored and compared lowercased, NFC).",
            "fullName": "The person's full name.",
            "roles": "The roles the account holds (none while a password change is required).",
            "tenant": "The tenant's code, or null for a national account (Super Admin, developer, monitor).",
            "agency": "The agency's code within the tenant, or null for an account not bound to one agency.",
            "status": "`active`, or `disabled` (sign-in refused).",
            "mustChangePassword": "Whether the next sign-in must change the password.",
            "assignment": "The assignment letter, for officials.",
            "vendorID": "For vendor accounts, the vendor id.",
            "nip": "The official's NIP (18 digits), when the official is a civil servant and it was given.",
            "rank": "Rank and grade (pangkat/golongan), when given.",
            "position": "The position (jabatan), when given.",
            "civilServant": "False for an official marked as not a civil servant (no NIP); absent for a civil servant and for accounts that are not officials'.",
            "profileVersion": "The profile's version: 1 at creation, one more at every `account.updateProfile`; orders keeps the newest it has seen.",
        ]
    }
}

extension AccountProfileParams: SchemaDescribed {
    public static var schemaDescription: String { "An official's profile as printed under a signature: name, NIP, rank and position." }
    public static var fieldDescriptions: [String: String] {
        [
            "accountID": "The account's id (`account.list`).",
            "fullName": "The person's full name, with titles as they write it; at most 200 characters.",
            "nip": "The NIP; required for PPK, Pejabat Pengadaan, PA/KPA and treasurer accounts unless `civilServant` is false. Absent clears it.",
            "rank": "Rank and grade (pangkat/golongan); absent clears it.",
            "position": "The position (jabatan); absent clears it.",
            "civilServant": "False for a non-civil-servant official (no NIP); absent means a civil servant.",
        ]
    }
}

extension AccountRef: SchemaDescribed {
    public static var schemaDescription: String { "Names one account." }
    public static var fieldDescriptions: [String: String] {
        [
            "accountID": "The account's id (`account.list`).",
        ]
    }
}

extension AcknowledgedCopy: SchemaDescribed {
    public static var schemaDescription: String { "A sealed copy of a document that records its acknowledgements so far: the original re-rendered with them in the signature blocks, sealed against the original's SHA-256." }
    public static var fieldDescriptions: [String: String] {
        [
            "sequence": "1 for the copy made at the first acknowledgement, 2 at the second, ...",
            "acknowledgements": "The acknowledgements the copy shows, in the order they happened.",
            "originalSha256": "The SHA-256 of the original PDF the copy was sealed against.",
            "seal": "The copy's own seal (its SHA-256 and the service's signatures).",
            "pdfBase64": "Base64 of the copy's PDF, whose SHA-256 is its seal's.",
            "html": "The copy as printable HTML.",
        ]
    }
}

extension Acknowledgement: SchemaDescribed {
    public static var schemaDescription: String { "A party's acknowledgement of a document." }
    public static var fieldDescriptions: [String: String] {
        [
            "party": "PPK, vendor or PA/KPA.",
            "accountID": "The account's id.",
            "at": "When it happened: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).",
            "signedNote": "What the acknowledged copy prints in the party's signature block, e.g. \"Diterima secara elektronik pada 2 Desember 2026 pukul 10.15 WITA\"; nil on records made before copies existed.",
            "copySha256": "The SHA-256 of the sealed copy that first shows this acknowledgement (`document.verify` accepts it); nil for the issuer's own signature, which the original carries.",
            "signerName": "The signer as the copy prints them under a signature block that names no one before it is acknowledged (the PA/KPA of a force-majeure Berita Acara): name, then e.g. \"NIP 19820315 200801 1 002\"; nil where the block already names its signer.",
            "signerDetail": "The line printed under `signerName`; nil for none.",
        ]
    }
}

extension AdministratorAlert: SchemaDescribed {
    public static var schemaDescription: String { "What the system's own monitoring tells administrators (a capacity threshold crossed): an announcement of kind `notice` to the administrators of every tenant." }
    public static var fieldDescriptions: [String: String] {
        [
            "title": "The title, at most 200 characters.",
            "body": "The text, at most 10,000 characters.",
            "startsAt": "When it shows from: an ISO 8601 UTC time (`2026-12-01T22:00:00Z`).",
            "endsAt": "When it stops showing: an ISO 8601 UTC time after `startsAt`.",
        ]
    }
}

extension AgencyInfo: SchemaDescribed {
    public static var schemaDescription: String { "An agency (SKPD / Perangkat Daerah) of a tenant." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant it belongs to.",
            "code": "Short code, unique in the tenant (used in document numbers).",
            "name": "The full official name as printed on the letterhead (e.g. \"Dinas Pendidikan dan Kebudayaan Kabupaten Balangan\"), at most 200 characters.",
            "address": "The office's street address as printed on the letterhead, at most 300 characters.",
            "phone": "The office telephone as printed (e.g. \"(0526) 2028060\"), checked as an Indonesian number.",
            "email": "The office email address (stored lowercased).",
            "npwp": "The NPWP the agency's treasurer (bendahara) collects tax under.",
            "version": "The agency record's version: 1 at creation, one more at every `agency.update`; ignored on create.",
        ]
    }
}

extension AgencyParty: SchemaDescribed {
    public static var schemaDescription: String { "The ordering agency (perangkat daerah / satuan kerja) as printed on an order's documents." }
    public static var fieldDescriptions: [String: String] {
        [
            "code": "The agency's code in the tenant, e.g. `disdik`.",
            "name": "The full name, e.g. \"Dinas Pendidikan dan Kebudayaan\".",
            "address": "The street address as printed on the letterhead.",
            "phone": "The office telephone, as printed; empty when unknown.",
            "email": "The office email; empty when unknown.",
            "npwp": "The agency's NPWP as a treasurer (bendahara) collects tax under it, 15 or 16 digits; empty when unknown.",
        ]
    }
}

extension AnnouncementAudience: SchemaDescribed {
    public static var schemaDescription: String { "Who reads an announcement. Values: `everyone`: Every user of the tenants addressed. `administrators`: Super Admin and the monitor role only (operations alerts such as a filling disk)." }
}

extension AnnouncementInfo: SchemaDescribed {
    public static var schemaDescription: String { "An announcement to the users of some tenants." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The announcement's id: assigned by the service; omit it when publishing.",
            "kind": "What kind of announcement it is.",
            "title": "The announcement's title, at most 200 characters.",
            "body": "The text, at most 10,000 characters; line breaks allowed.",
            "tenants": "The tenants addressed; empty means all.",
            "startsAt": "Start of the window (ISO 8601 UTC), e.g. of maintenance.",
            "endsAt": "End of the window.",
            "audience": "Who reads it; omitted means everyone.",
        ]
    }
}

extension AnnouncementKind: SchemaDescribed {
    public static var schemaDescription: String { "What an announcement is about. Values: `outage`: An outage or technical problem. `maintenance`: Planned maintenance. `notice`: Anything else." }
}

extension AssignmentLetter: SchemaDescribed {
    public static var schemaDescription: String { "An assignment letter (surat tugas / SK) by which an official holds a role." }
    public static var fieldDescriptions: [String: String] {
        [
            "number": "The letter's number as written on it, printable ASCII.",
            "date": "The letter's date, `YYYY-MM-DD`.",
            "issuer": "Who issued it (e.g. \"Kepala UKPBJ Kabupaten Balangan\").",
        ]
    }
}

extension BankAccount: SchemaDescribed {
    public static var schemaDescription: String { "A bank account for transfers." }
    public static var fieldDescriptions: [String: String] {
        [
            "bank": "The bank's name (`Bank Kalsel`).",
            "number": "Account number: 5–30 digits.",
            "holderName": "Holder's name as the bank knows it.",
        ]
    }
}

extension BeaMeteraiRule: SchemaDescribed {
    public static var schemaDescription: String { "One version of the stamp-duty rule: documents stating more than `threshold` bear a meterai of `amount` (UU 10/2020 Pasal 3 ayat (2) huruf g and Pasal 5)." }
    public static var fieldDescriptions: [String: String] {
        [
            "effectiveFrom": "The first day it applies.",
            "legalBasis": "The rule it rests on, e.g. \"UU 10/2020 Pasal 3 ayat (2) huruf g dan Pasal 5\".",
            "threshold": "Documents stating an amount above this bear the meterai (Rp5,000,000). At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "amount": "The meterai's value (Rp10,000). At the RPC boundary Rp1 to Rp1,000,000,000,000 (`InputLimits/amount`).",
        ]
    }
}

extension BlacklistEntry: SchemaDescribed {
    public static var schemaDescription: String { "A blacklist entry." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The entry's id: assigned by the service; omit it when adding.",
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "npwp": "The NPWP listed, 16 digits.",
            "name": "The vendor's name as the listing gives it.",
            "source": "Who asked for the listing.",
            "basis": "The decision or letter it rests on.",
            "startsOn": "First day of the listing, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8), inclusive.",
            "endsOn": "Last day of the listing, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8), inclusive.",
        ]
    }
}

extension BlacklistSource: SchemaDescribed {
    public static var schemaDescription: String { "Who asked for a blacklisting. Values: `budget_holder_request`: Requested by a PA/KPA. `ppk_request`: Requested by a PPK. `procurement_official_request`: Requested by a procurement official. `national_list`: From the national blacklist (LKPP)." }
}

extension BusinessScale: SchemaDescribed {
    public static var schemaDescription: String { "A business's size class (UU 20/2008 as amended by PP 7/2021): micro, small and medium businesses are UMKM, which buyers may filter for and which pay final income tax. Values: `micro`: Usaha mikro. `small`: Usaha kecil. `medium`: Usaha menengah. `large`: Usaha besar: not UMKM." }
    public static var fieldDescriptions: [String: String] {
        [
            "isUMKM": "Whether the business is UMKM (micro, small or medium).",
        ]
    }
}

extension CatalogSearchPage: SchemaDescribed {
    public static var schemaDescription: String { "A page of search results." }
    public static var fieldDescriptions: [String: String] {
        [
            "products": "The products found, in the requested order.",
            "nextCursor": "Opaque; pass as `cursor` with the same filters for the next page. Nil at the end.",
        ]
    }
}

extension CatalogSearchParams: SchemaDescribed {
    public static var schemaDescription: String { "A catalogue search with the annex I.D.2 criteria as filters." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "Tenant (Super Admin and the national monitor name one; others search their own).",
            "query": "Words to find in name, description and specification (accent- and case-insensitive).",
            "categoryCode": "Only this category and its sub-categories.",
            "regionCode": "Delivered to this region, priced for it.",
            "minPrice": "Lowest unit price. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "maxPrice": "Highest unit price. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "minTKDNBasisPoints": "Lowest TKDN, basis points. At the RPC boundary 0 to 10,000 (`InputLimits/basisPoints`).",
            "origin": "Only domestic or only imported products; both when omitted.",
            "maxDeliveryDays": "At most this many delivery days. At the RPC boundary 0 to 3,650 (`InputLimits/days`).",
            "minWarrantyMonths": "At least this many warranty months. At the RPC boundary 0 to 1,200 (`InputLimits/months`).",
            "inStockOnly": "Only products in stock.",
            "vendorID": "Only this vendor's products.",
            "umkmOnly": "Only products of micro, small and medium vendors (UMKM) when true.",
            "sort": "Order of results (default relevance).",
            "cursor": "The `nextCursor` of the previous page.",
            "limit": "Page size, 1–100 (default 20).",
        ]
    }
}

extension CatalogSettings: SchemaDescribed {
    public static var schemaDescription: String { "The catalogue settings of a tenant." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "deliveryRegions": "The regions vendors deliver to and price delivery for.",
        ]
    }
}

extension Category: SchemaDescribed {
    public static var schemaDescription: String { "A category of the tenant's catalogue tree." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "code": "Code, unique in the tenant (`ATK`, `ATK-KERTAS`).",
            "name": "The category's name as buyers see it (`Kertas HVS`).",
            "parentCode": "The parent's code; nil for a top-level category.",
            "kind": "Whether the category's products are goods (PPh 22) or services (PPh 23).",
            "requiresPartnershipDocument": "Whether offers need a partnership or permit document from the producer or distributor (annex I.C.1.g).",
            "version": "Optimistic-concurrency version (assigned; send it back to update).",
        ]
    }
}

extension CeilingSetting: SchemaDescribed {
    public static var schemaDescription: String { "A purchase ceiling as a tenant states it." }
    public static var fieldDescriptions: [String: String] {
        [
            "fundingSource": "The funding source it limits.",
            "amount": "The most one purchase may cost, PPN and supporting costs included. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "legalBasis": "The rule it rests on (`Perbup Balangan 92/2023 Pasal 2`).",
            "effectiveFrom": "The first day it applies.",
        ]
    }
}

extension DeedOfEstablishment: SchemaDescribed {
    public static var schemaDescription: String { "A deed of establishment (akta pendirian) and its ratification by the Ministry of Law and Human Rights." }
    public static var fieldDescriptions: [String: String] {
        [
            "number": "The notarial deed's number as written on it.",
            "date": "The deed's date, `YYYY-MM-DD`.",
            "ratificationNumber": "The ministry's ratification (SK Kemenkumham) number.",
            "latestAmendmentNumber": "The latest amendment's number, if any.",
        ]
    }
}

extension DeliveryParams: SchemaDescribed {
    public static var schemaDescription: String { "A delivery the vendor records." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderID": "The order's id, as returned by `order.prepare`.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
            "deliveredOn": "The day it was delivered (not after today).",
            "lines": "Units per item (a partial delivery lists what arrived; replacements count here too).",
            "note": "Delivery note number or remarks.",
        ]
    }
}

extension DeliveryRegion: SchemaDescribed {
    public static var schemaDescription: String { "A delivery region of a tenant (a kecamatan, say): vendors price delivery per region." }
    public static var fieldDescriptions: [String: String] {
        [
            "code": "Short code, unique in the tenant (`PARINGIN`).",
            "name": "The region's name as people write it (`Kecamatan Paringin`).",
        ]
    }
}

extension DepositDeadlineRule: SchemaDescribed {
    public static var schemaDescription: String { "When collected tax must be deposited: a day of the month after the payment." }
    public static var fieldDescriptions: [String: String] {
        [
            "taxTypes": "The taxes it covers; empty for every tax.",
            "dayOfFollowingMonth": "The day of the following month (15), 1 to 28.",
            "movesToNextWorkingDay": "Whether a due date on a weekend, holiday or cuti bersama moves to the next working day (PMK 81/2024 Pasal 100).",
            "effectiveFrom": "The first payment date it applies to.",
            "effectiveUntil": "The last payment date it applies to; null while in force.",
            "legalBasis": "The rule it rests on (`PMK 81/2024 Pasal 94 ayat (2)`).",
            "source": "Where it was confirmed, or `unconfirmed: …`.",
        ]
    }
}

extension DirectorIdentity: SchemaDescribed {
    public static var schemaDescription: String { "The director of a business entity: the person who signs for it." }
    public static var fieldDescriptions: [String: String] {
        [
            "name": "The director's full name as on the KTP (the person, not the company), at most 200 characters.",
            "nik": "NIK from the director's KTP.",
            "position": "The director's position as printed under the signature (e.g. \"Direktur\", \"Direktur Utama\", \"Pesero Pengurus\"), at most 100 characters; absent prints \"Direktur\".",
        ]
    }
}

extension DirectoryEntry: SchemaDescribed {
    public static var schemaDescription: String { "One account as an auditor sees it beside an audit entry: who the actor is, never how they sign in (no username, email, password or session data)." }
    public static var fieldDescriptions: [String: String] {
        [
            "accountID": "The account's id: the `actor` of audit entries in every service.",
            "fullName": "The person's (or the vendor's) full name.",
            "roles": "The roles the account holds.",
            "tenant": "The tenant, or null for a national account (Super Admin, developer, monitor).",
            "agency": "The agency within the tenant, for accounts bound to one.",
            "status": "`active` or `disabled`.",
            "position": "The position (jabatan), for officials who have one.",
            "vendorID": "The vendor id, for vendor accounts.",
        ]
    }
}

extension DocumentContent: SchemaDescribed {
    public static var schemaDescription: String { "A document's content." }
    public static var fieldDescriptions: [String: String] {
        [
            "info": "The document and its seal.",
            "pdfBase64": "Base64 of the PDF, whose SHA-256 is the seal's.",
            "html": "The same document as printable HTML.",
            "acknowledgedCopy": "The latest acknowledged copy (the original with every acknowledgement so far), the one to print once a party has acknowledged; nil while nobody has.",
        ]
    }
}

extension DocumentInfo: SchemaDescribed {
    public static var schemaDescription: String { "A sealed legal document of an order (Surat Pesanan, BAST) or a force-majeure record." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The sealed document's id (`document.get`).",
            "type": "`surat_pesanan`, `bast` or `berita_acara_force_majeure`.",
            "number": "The document's number from the tenant's gapless yearly sequence (e.g. `001/SP/DISDIK/2026`).",
            "issuedOn": "The document's date, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8).",
            "seal": "SHA-256 of the PDF and the service's Ed25519 signature.",
            "acknowledgements": "Who acknowledged it, by party, with when.",
        ]
    }
}

extension DocumentRef: SchemaDescribed {
    public static var schemaDescription: String { "Names a document." }
    public static var fieldDescriptions: [String: String] {
        [
            "documentID": "The sealed document's id, as in the order's `documents`.",
        ]
    }
}

extension DocumentSealInfo: SchemaDescribed {
    public static var schemaDescription: String { "A document's seal, as published." }
    public static var fieldDescriptions: [String: String] {
        [
            "sha256": "Hex SHA-256 of the PDF.",
            "signature": "Base64url Ed25519 signature over the seal statement.",
            "keyID": "The signing key's id (see `document.verify`'s `publicKey`).",
            "sealedAt": "When it was sealed: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).",
            "pdfSignature": "Standard base64 Ed25519 signature over the PDF bytes themselves, for offline checking with `openssl pkeyutl -verify -rawin` (see the README); absent on documents sealed before.",
        ]
    }
}

extension DocumentSettings: SchemaDescribed {
    public static var schemaDescription: String { "What a tenant's documents print and when they bear stamp duty, as dated data with legal basis: the version in force on a document's date applies." }
    public static var fieldDescriptions: [String: String] {
        [
            "texts": "The printed texts, one entry per version (at least one).",
            "meterai": "The stamp-duty rule (bea meterai), one entry per version (at least one).",
        ]
    }
}

extension DocumentTexts: SchemaDescribed {
    public static var schemaDescription: String { "One version of the texts a tenant's documents print." }
    public static var fieldDescriptions: [String: String] {
        [
            "effectiveFrom": "The first day these texts apply.",
            "legalBasis": "The rule these texts rest on, e.g. \"Perbup Balangan 92/2023\".",
            "systemName": "The system's name as documents print it, e.g. \"SiOpen Balangan\".",
            "contractBasis": "Why the documents are the legal proof of the purchase, printed at their end, e.g. \"Perbup Balangan 92/2023 Pasal 8 dan Lampiran I huruf F\".",
            "forceMajeureBasis": "The rule a force-majeure order rests on, printed in its Berita Acara, e.g. \"Lampiran I huruf E Perbup Balangan 92/2023\".",
            "inspectionBasis": "The rule that lets the PPK be assisted by an inspection team, printed on the BAST, e.g. \"Lampiran I huruf D angka 3 huruf g Perbup Balangan 92/2023\".",
            "sealNote": "The seal note printed at the end of every document: how to check it. `{kode}` stands for the document's verification code, `{dasar}` for `contractBasis`.",
            "verificationURLPrefix": "The verification page's address, to which the QR code appends the verification code, e.g. `https://siopen.balangankab.go.id/verifikasi/`; empty while there is no portal (the QR code then holds the code alone).",
        ]
    }
}

extension DocumentVerification: SchemaDescribed {
    public static var schemaDescription: String { "The answer of a verification." }
    public static var fieldDescriptions: [String: String] {
        [
            "authentic": "Whether a document with this hash was issued by SiOpen and its seal's signature holds.",
            "sha256": "The hash checked.",
            "type": "The document's type, number and date, when authentic.",
            "number": "Number.",
            "issuedOn": "Date.",
            "tenant": "Tenant.",
            "seal": "The seal, when authentic.",
            "publicKey": "The service's public key (base64url) the seal verifies with, so anyone can check offline.",
            "publicKeyPEM": "The same key as PEM SubjectPublicKeyInfo, which `openssl pkeyutl -verify -pubin -inkey` reads: with the seal's `pdfSignature` it verifies the PDF offline (see the README).",
            "originalSha256": "When the hash is an acknowledged copy's: the SHA-256 of the original it was sealed against.",
            "acknowledgements": "The acknowledgements recorded: those the copy shows, or for the original all so far (each with the hash of the copy that first shows it).",
        ]
    }
}

extension DocumentVerifyParams: SchemaDescribed {
    public static var schemaDescription: String { "What to verify: the document itself or its SHA-256." }
    public static var fieldDescriptions: [String: String] {
        [
            "pdfBase64": "Base64 of a PDF to check.",
            "sha256": "Or the hex SHA-256 of one, or the verification code printed with its QR code.",
        ]
    }
}

extension ExportedFile: SchemaDescribed {
    public static var schemaDescription: String { "An exported file." }
    public static var fieldDescriptions: [String: String] {
        [
            "fileName": "A file name to save it under.",
            "contentType": "Its media type (`application/xml`, `text/csv`, `application/pdf`).",
            "contentBase64": "The file, standard base64.",
            "rowCount": "How many slips or lines it holds.",
        ]
    }
}

extension FailureParams: SchemaDescribed {
    public static var schemaDescription: String { "The PPK's finding that the vendor failed the order." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderID": "The order's id, as returned by `order.prepare`.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
            "grounds": "Grounds (Pasal 14): false data proposes 2 years' delisting, the others 1 year.",
            "description": "What the vendor did.",
        ]
    }
}

extension ForceMajeureItem: SchemaDescribed {
    public static var schemaDescription: String { "One item bought outside the system." }
    public static var fieldDescriptions: [String: String] {
        [
            "description": "What was bought.",
            "quantity": "How many. At the RPC boundary 0 to 1,000,000 (`InputLimits/quantity`).",
            "unit": "The unit of sale as the vendor states it (`rim`, `unit`, `paket`), at most 30 characters.",
            "unitPrice": "Unit price paid, PPN included unless the record says the prices exclude it (`pricesIncludePPN`). At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
        ]
    }
}

extension ForceMajeureOrder: SchemaDescribed {
    public static var schemaDescription: String { "A force-majeure order." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The record's id.",
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "agency": "The agency's code within the tenant (ASCII letters, digits, `-`, `_` and `.`).",
            "recordedBy": "The PPK who recorded it.",
            "record": "What the PPK recorded.",
            "total": "Total value, PPN included: `totals.totalIncludingPPN`; this counts toward the ceiling.",
            "totals": "The money as the tax invoice computes it (DPP, DPP nilai lain, PPN under the tenant's rule in force on `orderedOn`); nil for records made before it was kept.",
            "beritaAcara": "The sealed Berita Acara.",
            "acknowledged": "Whether the PA/KPA has acknowledged it (immediately when the PA/KPA is the PPK).",
            "version": "Optimistic-concurrency version: starts at 1, grows by one with every change; send it back with a change.",
            "recordedAt": "When it was recorded: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).",
        ]
    }
}

extension ForceMajeureReason: SchemaDescribed {
    public static var schemaDescription: String { "Why an order was made outside the system. Values: `natural_disaster`: A natural disaster (bencana alam). `government_activity_outside_region`: A regional government activity outside the region." }
}

extension ForceMajeureRecordParams: SchemaDescribed {
    public static var schemaDescription: String { "The PPK's record of an order made outside the system, with its Berita Acara." }
    public static var fieldDescriptions: [String: String] {
        [
            "reason": "The force-majeure reason.",
            "description": "The circumstances of the force majeure.",
            "vendorName": "The vendor's name as on its invoice.",
            "vendorNPWP": "The vendor's NPWP, when known.",
            "vendorID": "A SiOpen vendor, when it is one.",
            "items": "The goods or services bought, at least one.",
            "orderedOn": "The day it was ordered.",
            "beritaAcaraNumber": "The Berita Acara's number (printable ASCII, at most 100 characters, not of the form of the tenant's automatic numbers).",
            "fundingSource": "Where the money comes from.",
            "budgetAccountCode": "The budget account (kode rekening) charged, printable ASCII without spaces at either end.",
            "vendorIsPKP": "Whether the vendor is a PKP and charged PPN (default false: no PPN).",
            "pricesIncludePPN": "Whether the unit prices include PPN (default true, as paid). A vendor that is not a PKP charges no PPN, so `true` is refused for it (422 naming `pricesIncludePPN`); leave it out.",
        ]
    }
}

extension ForceMajeureRef: SchemaDescribed {
    public static var schemaDescription: String { "Names a force-majeure order and the version read." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The record's id.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
        ]
    }
}

extension ImageInput: SchemaDescribed {
    public static var schemaDescription: String { "A new image (base64 of JPEG or PNG bytes) or one already stored with this product (by its SHA-256)." }
    public static var fieldDescriptions: [String: String] {
        [
            "contentBase64": "Base64 of the image bytes (JPEG or PNG, at most 2 MiB decoded).",
            "sha256": "The hex SHA-256 of an image already stored with an earlier revision of this product.",
        ]
    }
}

extension InspectionParams: SchemaDescribed {
    public static var schemaDescription: String { "The PPK's inspection of one delivery." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderID": "The order's id, as returned by `order.prepare`.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
            "deliveryID": "The id of the delivery inspected (`deliveries[].id`).",
            "inspectedOn": "The day inspected (not after today).",
            "lines": "Accepted and rejected units per item of that delivery; rejections need a reason and become a replacement request the vendor must fulfil at its own cost.",
            "team": "The inspection team that assisted the PPK (annex I.D.3.g), printed on the BAST; when given it replaces the team recorded on the order, when left out the team stays as it is. At most 20 members.",
        ]
    }
}

extension InspectionTeamMember: SchemaDescribed {
    public static var schemaDescription: String { "A member of the team that assists the PPK in inspecting (tim pemeriksa, annex I.D.3.g)." }
    public static var fieldDescriptions: [String: String] {
        [
            "name": "The member's full name, with titles (1 to 200 characters).",
            "nip": "The member's NIP (18 digits, checked: birth date, appointment month, sex, serial).",
            "role": "The member's role in the team, e.g. \"Ketua\", \"Anggota\" (1 to 100 characters).",
        ]
    }
}

extension KTPAddress: SchemaDescribed {
    public static var schemaDescription: String { "The address printed on a KTP, which is what domicile means (annex I.C.2 \"KTP Domisili\"): not the NIK's prefix, which is kept for life (UU 24/2013 Pasal 13) wherever the holder moves." }
    public static var fieldDescriptions: [String: String] {
        [
            "street": "The address as on the KTP (street, RT/RW, desa/kelurahan, kecamatan), at most 300 characters.",
            "regionCode": "The Kemendagri region code of the place the address lies in (kabupaten, kecamatan or desa level); it must lie in one of the tenant's domicile regions.",
        ]
    }
}

extension ListedVendor: SchemaDescribed {
    public static var schemaDescription: String { "A vendor as buyers see it next to its products." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The vendor's id.",
            "name": "The name as listed in the catalogue.",
            "isUMKM": "Whether it is UMKM.",
            "isPKP": "Whether it is a PKP (charges PPN).",
        ]
    }
}

extension MeteraiParams: SchemaDescribed {
    public static var schemaDescription: String { "That a meterai was affixed to a document (UU 10/2020): which one, when, by whom." }
    public static var fieldDescriptions: [String: String] {
        [
            "documentID": "The sealed document's id, as in the order's `documents`.",
            "serialNumber": "The meterai's serial number as printed on it (an e-meterai's 22-character code, or a printed stamp's number): printable ASCII letters, digits and `-`, 5 to 40 characters.",
            "affixedOn": "The day it was affixed (not after today).",
        ]
    }
}

extension NegotiationOffer: SchemaDescribed {
    public static var schemaDescription: String { "One party's complete proposal for the order's terms in one round." }
    public static var fieldDescriptions: [String: String] {
        [
            "by": "The party making this proposal: the PPK or the vendor.",
            "round": "The round: 0 is the submitted order itself (the PPK's), then 1, 2, … alternating.",
            "items": "Every item of the order with its proposed unit price and quantity.",
            "deliveryCost": "The proposed delivery cost for the whole order.",
            "installationCost": "The proposed installation cost for the whole order.",
            "trainingCost": "The proposed training cost for the whole order.",
            "deliveryDate": "The proposed delivery date, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8).",
            "note": "Technical points or reasons, for the other side.",
        ]
    }
}

extension OfficialParty: SchemaDescribed {
    public static var schemaDescription: String { "A government official (PPK, Pejabat Pengadaan, PA/KPA, inspection team member) as printed under a signature or in a team list." }
    public static var fieldDescriptions: [String: String] {
        [
            "accountId": "The official's account id.",
            "name": "The full name, with titles as the official writes it.",
            "nip": "The NIP (Nomor Induk Pegawai): 18 digits, no spaces; empty for an official who has none (a non-civil-servant).",
            "rank": "Rank and grade (pangkat/golongan), e.g. \"Penata Tingkat I (III/d)\"; empty when none.",
            "position": "The position (jabatan), e.g. \"Kepala Bidang Sarana dan Prasarana\".",
        ]
    }
}

extension OfficialSummary: SchemaDescribed {
    public static var schemaDescription: String { "What another service may learn of an official's account: who holds it, in which roles, tenant and agency, and whether it is active (no email, no credentials)." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The account's id.",
            "fullName": "The person's full name.",
            "roles": "The roles the account holds (none while a password change is required).",
            "tenant": "The tenant's code, or null for a national account.",
            "agency": "The agency's code within the tenant, or null.",
            "status": "`active`, or `disabled`.",
        ]
    }
}

extension OrderAcceptParams: SchemaDescribed {
    public static var schemaDescription: String { "Accepting the other side's latest offer." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderID": "The order's id, as returned by `order.prepare`.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
            "round": "The round accepted: must be the other side's latest. At the RPC boundary 0 to 10,000 (`InputLimits/round`).",
        ]
    }
}

extension OrderAct: SchemaDescribed {
    public static var schemaDescription: String { "Names an order and the version read, with an optional reason." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderID": "The order's id, as returned by `order.prepare`.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
            "reason": "Reasons, where the action needs them (decline, cancel).",
        ]
    }
}

extension OrderAction: SchemaDescribed {
    public static var schemaDescription: String { "Everything that can be done to an order. Data an action carries (an offer, a delivery, an inspection, a reason) travels beside it; the state machine only needs the kind. Values: `submit`: PPK sends the prepared order to the vendor. `cancel`: PPK cancels before the Surat Pesanan. `vendor_accept`: Vendor accepts the order as it is. `vendor_decline`: Vendor declines, with a reason. `offer`: Either party makes an offer (a negotiation round). `accept_offer`: Either party accepts the other party's latest offer unchanged. `expire`: The system closes an order whose vendor did not answer in time. `issue_surat_pesanan`: PPK issues the Surat Pesanan, the contract. `acknowledge_surat_pesanan`: Vendor acknowledges the Surat Pesanan and starts delivering. `record_delivery`: Vendor records a delivery (or a replacement). `inspect`: PPK records the inspection of a delivery. `request_replacement`: PPK asks the vendor to replace rejected goods. Never offered in `availableActions`: units rejected in `order.inspect` are the replacement request, and no method takes this step. `confirm_receipt`: PPK confirms receipt once everything ordered is accepted; the BAST is generated. `acknowledge_bast`: PPK or vendor acknowledges the BAST. `fail`: PPK declares the vendor failed after the Surat Pesanan. Its ground is a `SanctionGrounds` (SiOpenContracts, Pasal 14), the same value the sanction proposal that follows carries." }
    public static var fieldDescriptions: [String: String] {
        [
            "verbPhrase": "The action as a verb phrase that reads in \"cannot … an order that is …\".",
        ]
    }
}

extension OrderExecution: SchemaDescribed {
    public static var schemaDescription: String { "Deliveries, inspections and the penalty so far." }
    public static var fieldDescriptions: [String: String] {
        [
            "ledger": "Per item, deliveries, inspections and replacement requests.",
            "dueDate": "The agreed delivery date.",
            "penalty": "Late-delivery penalty as of today (or as of completion).",
            "receivedOn": "When the PPK confirmed receipt.",
        ]
    }
}

extension OrderFailure: SchemaDescribed {
    public static var schemaDescription: String { "A failed order (Pasal 14): the order as it stands, with what the catalog needs to file the delisting proposal on the PPK's behalf." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderId": "The order.",
            "tenant": "Its tenant.",
            "agency": "The buying agency.",
            "vendorId": "The vendor.",
            "ppkAccountId": "The PPK who failed it: the proposer of the sanction.",
            "state": "Its state after the change (`failed`).",
            "version": "Its version after the change.",
            "grounds": "Why: the vendor's default the sanction is for.",
            "description": "The PPK's account of the failure.",
            "suratPesananNumber": "The Surat Pesanan's number, when one was issued.",
        ]
    }
}

extension OrderItem: SchemaDescribed {
    public static var schemaDescription: String { "An item of an order with the catalogue data snapshotted when it was ordered." }
    public static var fieldDescriptions: [String: String] {
        [
            "itemID": "Item id within the order (`item-1`).",
            "productID": "The product's id in the catalog.",
            "productRevision": "The listed revision snapshotted.",
            "name": "The name as snapshotted when the order was placed.",
            "unit": "The unit of sale as the vendor states it (`rim`, `unit`, `paket`), at most 30 characters.",
            "categoryCode": "The code of the category in the tenant's tree (`category.list`).",
            "kind": "Goods or services (payments withholds PPh 22 or 23 by it).",
            "catalogueUnitPrice": "The listed unit price delivered to the order's region: the most any offer may ask.",
            "includesPPN": "Whether that price includes PPN.",
            "tkdnBasisPoints": "TKDN in basis points.",
            "origin": "Domestic or imported, with the country and TKDN details.",
            "quantity": "Quantity asked in preparation.",
            "priceReference": "The price reference for the estimate: the product's listed prices.",
            "specification": "The technical specification as it stood when the order was prepared.",
        ]
    }
}

extension OrderItemRequest: SchemaDescribed {
    public static var schemaDescription: String { "One item the PPK wants." }
    public static var fieldDescriptions: [String: String] {
        [
            "productID": "The product's id, as listed by `catalog.search`; its accepted revision is ordered.",
            "quantity": "How many units. At the RPC boundary 0 to 1,000,000 (`InputLimits/quantity`).",
        ]
    }
}

extension OrderListParams: SchemaDescribed {
    public static var schemaDescription: String { "Filters for the order list." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "Tenant (Super Admin and the national monitor name one).",
            "state": "Only orders in this state; every state when omitted.",
            "after": "Resume after this order id.",
            "limit": "Page size 1–200 (default 50).",
        ]
    }
}

extension OrderOfferParams: SchemaDescribed {
    public static var schemaDescription: String { "An offer in a negotiation round." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderID": "The order's id, as returned by `order.prepare`.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
            "round": "The round this offer is (the latest round + 1). At the RPC boundary 0 to 10,000 (`InputLimits/round`).",
            "items": "Unit price and quantity per item: every item of the order.",
            "deliveryCost": "Delivery cost on top of the unit prices; at most the order's (the catalogue's unit prices are delivered prices, so the order has none). At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "installationCost": "Installation cost; at most the order's: what the catalogue lists, if the PPK asked for it. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "trainingCost": "Training cost; at most the order's: what the catalogue lists, if the PPK asked for it. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "deliveryDate": "The delivery date offered, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8).",
            "note": "A note to the other side.",
        ]
    }
}

extension OrderPage: SchemaDescribed {
    public static var schemaDescription: String { "A page of orders." }
    public static var fieldDescriptions: [String: String] {
        [
            "orders": "The orders, by id.",
            "nextCursor": "Pass as `after` for the next page; nil at the end.",
        ]
    }
}

extension OrderParties: SchemaDescribed {
    public static var schemaDescription: String { "Every party of an order, snapshotted when its Surat Pesanan is issued." }
    public static var fieldDescriptions: [String: String] {
        [
            "regency": "The regency.",
            "agency": "The ordering agency.",
            "ppk": "The official who signs the Surat Pesanan for the agency (a PPK or a Pejabat Pengadaan).",
            "vendor": "The vendor.",
        ]
    }
}

extension OrderParty: SchemaDescribed {
    public static var schemaDescription: String { "Who performs an action on an order. Values: `ppk`: The commitment official (Pejabat Pembuat Komitmen) of the buying agency. `vendor`: The vendor (Penyedia) the order is addressed to. `system`: The service itself, e.g. expiring an order nobody answered." }
    public static var fieldDescriptions: [String: String] {
        [
            "words": "The party in words, for messages.",
            "counterparty": "The other side of a negotiation: PPK ↔ vendor; the system has none.",
        ]
    }
}

extension OrderPaymentFacts: SchemaDescribed {
    public static var schemaDescription: String { "Everything payments needs to pay a completed order, so it never calls back: the parties with their tax standing, the lines by goods or services, the money with and without PPN, the penalty to withhold and the sealed documents (numbers and hashes) the payment rests on." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderId": "The order.",
            "tenant": "Its tenant.",
            "agency": "The buying agency.",
            "packageName": "The package name (nama paket).",
            "fundingSource": "The budget it is paid from.",
            "budgetAccountCode": "The budget account (kode rekening).",
            "buyer": "Who pays.",
            "vendor": "Who is paid.",
            "items": "The agreed lines, with goods or services.",
            "totals": "The agreed totals as the Surat Pesanan shows them (lines, costs, PPN terms).",
            "totalIncludingPPN": "The total including PPN, integer rupiah: what the contract is worth.",
            "totalBeforePPN": "The total without PPN (DPP), integer rupiah.",
            "ppn": "The PPN in the total, integer rupiah; 0 for a non-PKP vendor.",
            "penalty": "The late-delivery penalty assessed at receipt, per part; `nil` when none was assessed.",
            "penaltyAmount": "The penalty to withhold, integer rupiah (0 when none).",
            "suratPesanan": "The Surat Pesanan: number, date, SHA-256 and signature.",
            "bast": "The BAST: number, date, SHA-256, signature and who acknowledged it.",
            "parties": "The parties (regency, agency with its NPWP, the signing PPK with NIP, the vendor with its address, NPWP and bank account) as snapshotted when the Surat Pesanan was issued, for the payment documents; `nil` in version 1 and 2 events and for orders issued before orders kept a snapshot.",
        ]
    }
}

extension OrderPaymentStatus: SchemaDescribed {
    public static var schemaDescription: String { "An order's payment as payments' feed (`payment.*` events) last told orders." }
    public static var fieldDescriptions: [String: String] {
        [
            "paymentId": "The payment's id in the payments service (`payment.get`).",
            "state": "Where the payment stands: `prepared`, `instructed` (money on its way), `settled` (money arrived: the order is paid) or `confirmed` (the vendor confirmed it).",
            "paid": "Whether the money reached the vendor (`settled` or `confirmed`).",
            "reference": "The transfer's reference (or SP2D number) once instructed.",
            "bankReference": "The bank's reference once settled.",
            "settledAt": "When it settled: an instant, ISO 8601 UTC with milliseconds.",
        ]
    }
}

extension OrderPreparation: SchemaDescribed {
    public static var schemaDescription: String { "The PPK's preparation (annex I.D.1): what, why, for how much, and the draft Surat Pesanan." }
    public static var fieldDescriptions: [String: String] {
        [
            "packageName": "Package name (`Pengadaan ATK Triwulan IV`).",
            "fundingSource": "Where the money comes from.",
            "budgetAccountCode": "Budget account code (kode rekening).",
            "technicalSpecification": "The technical specification the PPK sets.",
            "justification": "The PPK's written justification.",
            "items": "The catalogue items, all from one vendor.",
            "regionCode": "The tenant's delivery region, which prices delivery.",
            "deliveryAddress": "Where the goods are delivered or the service performed.",
            "deliveryDate": "The delivery date asked for.",
            "withInstallation": "Whether the vendor's listed installation is wanted.",
            "withTraining": "Whether the vendor's listed training is wanted.",
            "terms": "The draft clauses; the tenant's template when absent.",
        ]
    }
}

extension OrderReassignParams: SchemaDescribed {
    public static var schemaDescription: String { "Hands an order to another ordering official of its agency." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderID": "The order's id.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
            "newHolderAccountID": "The account that takes the order over: an active PPK or Pejabat Pengadaan of the order's agency.",
            "reason": "Why (the PPK left, was reassigned, …); kept in the audit trail. 1 to 2,000 characters.",
        ]
    }
}

extension OrderRecord: SchemaDescribed {
    public static var schemaDescription: String { "An order with everything that happened to it." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The order's id.",
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "agency": "The code of the PPK's agency (satuan kerja) within the tenant.",
            "ppkAccountID": "The account id of the PPK who prepared the order.",
            "vendor": "The vendor: id, name and tax identities.",
            "state": "Where the order stands in the purchase procedure.",
            "preparation": "What the PPK prepared: agency, funding, budget account, delivery address and lines.",
            "terms": "The clauses in force (the preparation's or the template's).",
            "items": "Items with their catalogue snapshot.",
            "priceEstimate": "The PPK's price estimate: catalogue prices × quantities plus supporting costs.",
            "offers": "Every negotiation round, the submitted order being round 0.",
            "agreedRound": "The round agreed, once agreed.",
            "agreedTotals": "The agreed money: lines, supporting costs, PPN and totals.",
            "vendorResponseDue": "The last day the vendor may answer, while it is the vendor's turn.",
            "closingReason": "Why it was declined, cancelled or failed.",
            "failureGrounds": "The grounds, when failed.",
            "suratPesanan": "The Surat Pesanan, once issued.",
            "execution": "Deliveries and inspections, once under contract.",
            "bast": "The handover record, once made.",
            "splitPurchase": "A possible split purchase, when flagged.",
            "availableActions": "What each party may do now.",
            "version": "Optimistic-concurrency version: send it back with every action.",
            "createdAt": "When created and last changed.",
            "updatedAt": "When it last changed: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).",
            "parties": "The parties (regency, agency, the signing PPK, the vendor) as identity had them when the Surat Pesanan was issued, kept with the order whatever identity says later; null before.",
            "payment": "The order's payment as payments' feed last told it (prepared, instructed, settled, confirmed); null before the treasurer prepared one. The order is paid only once the state is `settled` or `confirmed`.",
        ]
    }
}

extension OrderRef: SchemaDescribed {
    public static var schemaDescription: String { "Names an order." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderID": "The order's id, as returned by `order.prepare`.",
        ]
    }
}

extension OrderState: SchemaDescribed {
    public static var schemaDescription: String { "Where an order stands (Balangan annex I.D.3: order → response → negotiation → agreement → Surat Pesanan → delivery and inspection → receipt and BAST). Values: `prepared`: The PPK's draft: specification with justification, price estimate and draft SP terms; editable. `ordered`: Sent to the vendor, awaiting its response. `negotiating`: Offers are being exchanged in rounds. `agreed`: One side accepted the other's latest offer (or the order) unchanged. `declined`: The vendor declined, with a reason. Terminal. `expired`: The vendor did not answer in time. Terminal. `cancelled`: The PPK cancelled before the Surat Pesanan. Terminal. `contracted`: The Surat Pesanan is issued: the contract. Its terms are immutable from here on. `in_delivery`: The vendor acknowledged the SP; deliveries, inspections and replacements happen here. `received`: Everything is accepted and the PPK confirmed receipt; the BAST awaits both acknowledgements. `completed`: The BAST is acknowledged by the PPK and the vendor: ready for payment. Terminal for this service. `failed`: After the SP the vendor withdrew, did not perform, did not finish or refused to replace. Terminal; a sanction proposal follows (Pasal 14)." }
    public static var fieldDescriptions: [String: String] {
        [
            "isTerminal": "Whether no action can move the order any more.",
            "acceptsDraftChanges": "Whether the PPK may still edit the draft (spec, justification, estimate, SP terms).",
            "isUnderContract": "Whether a Surat Pesanan exists, so the agreed terms are a contract and may never change.",
            "words": "The state in words, for messages: `in delivery` rather than `in_delivery`.",
        ]
    }
}

extension OrderStateChange: SchemaDescribed {
    public static var schemaDescription: String { "An order as it stands after a change: what every order event carries." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderId": "The order.",
            "tenant": "Its tenant.",
            "agency": "The buying agency.",
            "vendorId": "The vendor.",
            "ppkAccountId": "The PPK who prepared it.",
            "state": "Its state after the change.",
            "version": "Its version after the change.",
        ]
    }
}

extension OrderSummary: SchemaDescribed {
    public static var schemaDescription: String { "One line of the order list; force-majeure orders are listed too, and marked." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "Order or force-majeure record id.",
            "forceMajeure": "Whether it was ordered outside the system under force majeure (annex I.E).",
            "agency": "The agency's code within the tenant (ASCII letters, digits, `-`, `_` and `.`).",
            "title": "Package name or force-majeure description.",
            "vendorName": "The vendor's name.",
            "state": "State (`completed` for an acknowledged force-majeure record, `prepared` before).",
            "total": "The agreed or recorded value, including PPN.",
            "splitPurchaseFlagged": "Whether flagged as a possible split purchase.",
            "updatedAt": "When it last changed: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).",
        ]
    }
}

extension OrderVendor: SchemaDescribed {
    public static var schemaDescription: String { "The vendor of an order as snapshotted." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The vendor's id.",
            "name": "The name as snapshotted when the order was placed.",
            "isPKP": "Whether it charges PPN.",
            "isUMKM": "Whether it is UMKM.",
        ]
    }
}

extension OrdersSettings: SchemaDescribed {
    public static var schemaDescription: String { "A tenant's order rules, held as data." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "ceilings": "Ceilings per funding source (defaults: APBN and APBD Rp10,000,000, Pasal 2; BLUD and BUMD unset).",
            "vendorResponseDays": "Days a vendor has to answer an order before it expires (default 5). At the RPC boundary 0 to 3,650 (`InputLimits/days`).",
            "splitPurchaseRules": "The split-purchase rules, dated: the one in force on an order's date applies (default: 30 days, Perpres 16/2018 Pasal 20(2)(d)). Settings stored before these rules existed read their `splitPurchaseWindowDays` as the default rule's window.",
            "maxPenaltyDays": "The most days of late-delivery penalty charged (default 50). At the RPC boundary 0 to 3,650 (`InputLimits/days`).",
            "ppnRates": "The PPN rules, dated, with their legal basis: the one for the goods class in force on the order's tax date applies (default: 11% from 2022-04-01; from 2025-01-01 12% of DPP nilai lain 11/12, and 12% of the full price for luxury goods, PMK 131/2024). Settings stored before these rules existed read as the default.",
            "allowsDeliveryBeyondBudgetYear": "Whether an order's delivery date may fall after 31 December of the year it is prepared in (the budget year, UU 17/2003 Pasal 4; default false: refused).",
            "suratPesananNumberTemplate": "The Surat Pesanan number template (default `{seq}/SP/{agency}/{roman month}/{year}`).",
            "bastNumberTemplate": "The BAST number template (default `{seq}/BAST/{agency}/{roman month}/{year}`).",
            "terms": "The default clauses of a Surat Pesanan.",
            "documentPlace": "The place printed on documents (`Paringin`).",
            "version": "Optimistic-concurrency version (send it back to change the settings).",
            "documents": "The texts the tenant's documents print and the stamp-duty rule; nil for the tenant's shipped example.",
        ]
    }
}

extension OriginKind: SchemaDescribed {
    public static var schemaDescription: String { "Domestic or imported. Values: `domestic`: Made in Indonesia. `imported`: Imported." }
}

extension PartnershipDocument: SchemaDescribed {
    public static var schemaDescription: String { "A stored partnership or permit document." }
    public static var fieldDescriptions: [String: String] {
        [
            "kind": "Whether the letter is a partnership agreement or a permit (annex I.C.1.g).",
            "number": "The letter's number as written on it, printable ASCII.",
            "issuer": "Issuing producer or distributor.",
            "validUntil": "Last valid day, if any.",
            "file": "The stored scan of the letter.",
        ]
    }
}

extension PartnershipDocumentInput: SchemaDescribed {
    public static var schemaDescription: String { "The partnership or permit document an offer carries where its category requires one." }
    public static var fieldDescriptions: [String: String] {
        [
            "kind": "Whether the letter is a partnership agreement or a permit (annex I.C.1.g).",
            "number": "The letter's number as written on it, printable ASCII.",
            "issuer": "The producer or distributor that issued it.",
            "validUntil": "Last day it is valid, if it expires.",
            "contentBase64": "Base64 of the scanned letter (PDF, JPEG or PNG); or give `sha256` of one already stored.",
            "sha256": "The hex SHA-256 of a document stored with an earlier revision.",
        ]
    }
}

extension PartnershipKind: SchemaDescribed {
    public static var schemaDescription: String { "Partnership (kemitraan) or permit (izin) from the producer or distributor. Values: `partnership`: Kemitraan. `permit`: Izin / letter of authorisation." }
}

extension PasswordChangeParams: SchemaDescribed {
    public static var schemaDescription: String { "A password change." }
    public static var fieldDescriptions: [String: String] {
        [
            "currentPassword": "The current password; a wrong one counts toward the account's sign-in delays.",
            "newPassword": "The new one (≥ 10 characters, not the username, not the current one).",
        ]
    }
}

extension PasswordResetParams: SchemaDescribed {
    public static var schemaDescription: String { "A password reset by an administrator." }
    public static var fieldDescriptions: [String: String] {
        [
            "accountID": "The account's id.",
            "temporaryPassword": "A temporary password the person must change at next sign-in.",
        ]
    }
}

extension PayableListParams: SchemaDescribed {
    public static var schemaDescription: String { "Filters for the payable list." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "Tenant (Super Admin and the national monitor name one).",
            "state": "Only payables in this state; every state when omitted.",
            "after": "Resume after this order id.",
            "limit": "Page size 1–200 (default 50).",
        ]
    }
}

extension PayablePage: SchemaDescribed {
    public static var schemaDescription: String { "A page of payables." }
    public static var fieldDescriptions: [String: String] {
        [
            "payables": "The payables, by order id.",
            "nextCursor": "The cursor of the next page (`after`), or null on the last.",
        ]
    }
}

extension PayableRecord: SchemaDescribed {
    public static var schemaDescription: String { "What the agency owes on a completed order, as orders' `order.readyForPayment` told it." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderId": "The order paid for.",
            "state": "Where it stands.",
            "paymentId": "The payment of it, once prepared.",
            "splitPurchaseFlagged": "Whether orders flagged the order as a possible split purchase (the small-payment exemptions then do not apply).",
            "withdrawnReason": "Why it was withdrawn (the order was cancelled or failed), when it was.",
            "facts": "Everything orders told: parties, lines, totals with and without PPN, penalty, the Surat Pesanan and the BAST with their hashes.",
            "recordedAt": "When payments learned of it: an instant, ISO 8601 UTC with milliseconds.",
        ]
    }
}

extension PayableRef: SchemaDescribed {
    public static var schemaDescription: String { "Names a payable by its order." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderId": "The order's id.",
        ]
    }
}

extension PayableState: SchemaDescribed {
    public static var schemaDescription: String { "Where a payable stands. Values: `due`: Completed by orders and not yet paid: the treasurer may prepare its payment. `in_payment`: A payment of it is prepared or instructed, not yet settled. `paid`: Its payment settled: the money reached the vendor's account. `withdrawn`: Orders cancelled or failed the order after it was due: nothing is to be paid." }
}

extension PaymentAct: SchemaDescribed {
    public static var schemaDescription: String { "Names a payment and the version read." }
    public static var fieldDescriptions: [String: String] {
        [
            "paymentId": "The payment's id.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
        ]
    }
}

extension PaymentBuyer: SchemaDescribed {
    public static var schemaDescription: String { "The buying side of a payment: who pays, from which budget." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant (the kabupaten/kota).",
            "agency": "The buying agency (perangkat daerah).",
            "ppkAccountId": "The PPK who signed the Surat Pesanan and the BAST.",
            "ppkName": "The PPK's name as on the documents.",
            "npwp": "The agency's (its treasurer's) NPWP, the withholder of PPh 22/23, as it stood in the parties snapshotted when the Surat Pesanan was issued (`OrderParties`); `nil` when the order has no snapshot (issued before orders kept one) or identity held no NPWP for the agency then, and payments takes it from its own settings.",
        ]
    }
}

extension PaymentDocumentRef: SchemaDescribed {
    public static var schemaDescription: String { "Names one payment document." }
    public static var fieldDescriptions: [String: String] {
        [
            "documentId": "The document's id (`kuitansi.id`, `taxLines[].slip.id`, `proof.id`, `packet.id`).",
        ]
    }
}

extension PaymentDocumentSettings: SchemaDescribed {
    public static var schemaDescription: String { "What a tenant's payment documents print, and when they bear stamp duty, as dated versions." }
    public static var fieldDescriptions: [String: String] {
        [
            "texts": "The printed texts, one entry per version (at least one).",
            "meterai": "The stamp-duty rule (bea meterai) the kuitansi follows, one entry per version (at least one).",
        ]
    }
}

extension PaymentDocumentTexts: SchemaDescribed {
    public static var schemaDescription: String { "One version of the texts a tenant's payment documents print." }
    public static var fieldDescriptions: [String: String] {
        [
            "effectiveFrom": "The first day these texts apply.",
            "legalBasis": "The rule these texts rest on, e.g. \"Perbup Balangan 92/2023\".",
            "systemName": "The system's name as documents print it, e.g. \"SiOpen Balangan\".",
            "contractBasis": "Why the kuitansi and the payment proof are the legal proof of the purchase and its payment, e.g. \"Peraturan Bupati Balangan Nomor 92 Tahun 2023 Pasal 8 dan Lampiran I huruf F\".",
            "paymentBasis": "The rule under which the treasurer pays, printed on the kuitansi and the payment proof, e.g. \"Lampiran I huruf D angka 3 huruf l Peraturan Bupati Balangan Nomor 92 Tahun 2023\".",
            "sealNote": "The seal note printed at the end of every payment document: how to check it. `{kode}` stands for the document's verification code, `{dasar}` for `contractBasis`.",
            "verificationURLPrefix": "The verification page's address, to which the QR code appends the verification code; empty while there is no portal (the QR code then holds the code alone).",
        ]
    }
}

extension PaymentInstruction: SchemaDescribed {
    public static var schemaDescription: String { "The transfer or SP2D that instructs a payment." }
    public static var fieldDescriptions: [String: String] {
        [
            "paymentId": "The payment's id.",
            "version": "The record's `version` as last read (optimistic concurrency).",
            "transferReference": "The transfer's reference (UP/GU, KKPD); for LS the SP2D number when omitted. Printable ASCII, at most 60 characters.",
            "sp2d": "The SP2D (LS), when not given at preparation.",
        ]
    }
}

extension PaymentItem: SchemaDescribed {
    public static var schemaDescription: String { "One line of what is paid for, with the agreed price and whether it is goods or services." }
    public static var fieldDescriptions: [String: String] {
        [
            "itemId": "Item id within the order (`item-1`).",
            "productId": "The product.",
            "name": "Name.",
            "unit": "Unit.",
            "categoryCode": "Category code.",
            "kind": "Goods (PPh 22) or services (PPh 23).",
            "quantity": "Quantity agreed.",
            "unitPrice": "Agreed unit price, integer rupiah (PPN included or not as the totals' PPN terms say).",
            "amount": "Unit price × quantity, integer rupiah.",
        ]
    }
}

extension PaymentListParams: SchemaDescribed {
    public static var schemaDescription: String { "Filters for the payment list." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "Tenant (Super Admin and the national monitor name one).",
            "state": "Only payments in this state; every state when omitted.",
            "after": "Resume after this payment id.",
            "limit": "Page size 1–200 (default 50).",
        ]
    }
}

extension PaymentMechanism: SchemaDescribed {
    public static var schemaDescription: String { "How the treasurer pays (each mechanism selects a tax path). Values: `up_gu`: UP/GU (uang persediaan / ganti uang): paid by the treasurer from the advance. Coretax `Imprest`. `ls`: LS (langsung): paid by SP2D from the regional treasury straight to the vendor. Coretax `Direct`. `kkpd`: KKPD (kartu kredit pemerintah daerah, Permendagri 79/2022): the regional government credit card, at most Rp200,000,000 per payee; the treasurer collects neither PPN nor PPh 22 on it." }
    public static var fieldDescriptions: [String: String] {
        [
            "coretaxGovTreasurerOpt": "The value of Coretax's `GovTreasurerOpt` for a slip of a payment by this mechanism (`Imprest` for UP/GU, `Direct` for LS). KKPD spends the UP (Permendagri 79/2022: KKPD is a way of using the uang persediaan), so it is `Imprest`.",
        ]
    }
}

extension PaymentMechanismLimit: SchemaDescribed {
    public static var schemaDescription: String { "The most one payment by a mechanism may pay one payee, as dated data with its legal basis (KKPD: Rp200,000,000 per payee, Permendagri 79/2022)." }
    public static var fieldDescriptions: [String: String] {
        [
            "mechanism": "The mechanism limited.",
            "maximum": "The most one payment may be, PPN included, integer rupiah. 0 to 1,000,000,000,000 (`InputLimits/amount`).",
            "effectiveFrom": "The first day it applies.",
            "effectiveUntil": "The last day it applies; null while in force.",
            "legalBasis": "The regulation that sets it.",
        ]
    }
}

extension PaymentPage: SchemaDescribed {
    public static var schemaDescription: String { "A page of payments." }
    public static var fieldDescriptions: [String: String] {
        [
            "payments": "The payments, by id.",
            "nextCursor": "The cursor of the next page (`after`), or null on the last.",
        ]
    }
}

extension PaymentPreparation: SchemaDescribed {
    public static var schemaDescription: String { "The treasurer's preparation of a payment." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderId": "The order whose payable is paid.",
            "mechanism": "UP/GU (the treasurer's advance), LS (SP2D from the regional treasury) or KKPD (the regional government credit card).",
            "paymentDate": "The day the vendor is paid; not before the BAST. Today when omitted.",
            "gross": "The gross the treasurer means to pay, integer rupiah, when stated: it must be what the Surat Pesanan and BAST allow (the payable's total including PPN), or it is refused. At the RPC boundary 0 to 1,000,000,000,000 (`InputLimits/amount`).",
            "sp2d": "The SP2D of an LS payment, when already issued (else given at `payment.instruct`).",
            "budgetHolderAccountId": "The account of the agency's PA/KPA whose \"setuju dibayar\" the kuitansi carries, when the treasurer names one (identity confirms the role and agency); the block stays blank otherwise.",
        ]
    }
}

extension PaymentRecord: SchemaDescribed {
    public static var schemaDescription: String { "A payment as it stands." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The payment's id.",
            "orderId": "The order paid.",
            "tenant": "The tenant.",
            "agency": "The paying agency.",
            "vendorId": "The vendor paid.",
            "vendorName": "The vendor's name.",
            "packageName": "The package name (nama paket) of the order.",
            "state": "Where it stands.",
            "mechanism": "UP/GU, LS or KKPD: it selects the tax path.",
            "paymentDate": "The day the vendor is paid (the tax period and the deposit deadline follow from it).",
            "sp2d": "The SP2D of an LS payment, once known.",
            "treasurer": "The treasurer who prepared it, as identity had them then.",
            "budgetHolder": "The PA/KPA: named at preparation (name from identity), or the one who approved the payment (`payment.approve`: name and NIP as identity had them then).",
            "approvedAt": "When the PA/KPA approved the payment (\"setuju dibayar\" on the kuitansi), if they did.",
            "assessment": "The money: gross, penalty, each tax and the net transfer, with the rule behind each figure.",
            "taxLines": "The tax lines with their deposit deadline, deposit and slip.",
            "certificate": "The vendor's UMKM Surat Keterangan when it had registered one at preparation (applied only if valid on the payment date: see the assessment's lines and `notApplied`).",
            "transferReference": "The transfer's reference (or the SP2D number) once instructed.",
            "instructedAt": "When it was instructed: an instant, ISO 8601 UTC with milliseconds.",
            "bankReference": "The bank's reference that the money reached the vendor, once settled.",
            "settledOn": "The day the money reached the vendor, once settled.",
            "settledAt": "When it was settled: an instant, ISO 8601 UTC with milliseconds.",
            "confirmedAt": "When the vendor confirmed receipt, if it did.",
            "rejections": "Transfers the bank returned, oldest first, each with its reason.",
            "kuitansi": "The kuitansi, once settled.",
            "proof": "The payment proof, once settled.",
            "packet": "The payment packet for the accountability file (SPJ), once settled.",
            "version": "Optimistic-concurrency version: send it back with every action.",
            "createdAt": "When it was prepared: an instant, ISO 8601 UTC with milliseconds.",
            "updatedAt": "When it last changed: an instant, ISO 8601 UTC with milliseconds.",
        ]
    }
}

extension PaymentRef: SchemaDescribed {
    public static var schemaDescription: String { "Names a payment." }
    public static var fieldDescriptions: [String: String] {
        [
            "paymentId": "The payment's id.",
        ]
    }
}

extension PaymentRejection: SchemaDescribed {
    public static var schemaDescription: String { "A transfer the bank returned, with its reason." }
    public static var fieldDescriptions: [String: String] {
        [
            "reference": "The reference of the transfer that was returned.",
            "reason": "Why the bank returned it (closed account, wrong name, …).",
            "recordedBy": "Who recorded it.",
            "at": "When it was recorded: an instant, ISO 8601 UTC with milliseconds.",
        ]
    }
}

extension PaymentRejectionParams: SchemaDescribed {
    public static var schemaDescription: String { "A transfer the bank returned." }
    public static var fieldDescriptions: [String: String] {
        [
            "paymentId": "The payment's id.",
            "version": "The record's `version` as last read (optimistic concurrency).",
            "reason": "Why the bank returned it; at most 1,000 characters.",
        ]
    }
}

extension PaymentSettlement: SchemaDescribed {
    public static var schemaDescription: String { "The bank's confirmation that the money reached the vendor." }
    public static var fieldDescriptions: [String: String] {
        [
            "paymentId": "The payment's id.",
            "version": "The record's `version` as last read (optimistic concurrency).",
            "bankReference": "The bank's reference of the credit to the vendor's account. Printable ASCII, at most 60 characters.",
            "settledOn": "The day the money reached the vendor; today when omitted; not after today.",
        ]
    }
}

extension PaymentState: SchemaDescribed {
    public static var schemaDescription: String { "Where a payment stands. \"Instructed\" is kept apart from \"settled\": a payment is shown paid only once the bank's reference says the money reached the vendor. Values: `prepared`: Taxes computed; waiting for the transfer or the SP2D. `instructed`: The transfer was sent or the SP2D issued, with its reference; the money is on its way. `settled`: The bank's reference says the money reached the vendor's account; the kuitansi and the slips are issued. `confirmed`: The vendor confirmed it received the money (optional)." }
}

extension PaymentStateChange: SchemaDescribed {
    public static var schemaDescription: String { "A payment as it stands after a change: what every payment event carries. Orders reads it to show the order as paid (only `settled` and `confirmed` mean the money arrived)." }
    public static var fieldDescriptions: [String: String] {
        [
            "paymentId": "The payment.",
            "orderId": "The order paid.",
            "tenant": "Its tenant.",
            "agency": "The paying agency.",
            "vendorId": "The vendor paid.",
            "state": "Its state after the change.",
            "mechanism": "UP/GU, LS or KKPD.",
            "gross": "The gross paid for, integer rupiah.",
            "net": "The net transfer to the vendor, integer rupiah.",
            "transferReference": "The transfer's reference (or SP2D number), once instructed.",
            "bankReference": "The bank's reference, once settled.",
            "settledAt": "When it settled, once settled: an instant, ISO 8601 UTC with milliseconds.",
            "rejectionReason": "Why the bank returned the transfer, for `payment.rejected`.",
            "version": "Its version after the change.",
        ]
    }
}

extension PaymentTaxLine: SchemaDescribed {
    public static var schemaDescription: String { "One tax line of a payment, with its deposit deadline and deposit." }
    public static var fieldDescriptions: [String: String] {
        [
            "lineId": "The line's id within the payment (`tax-1`, …), for `tax.recordDeposit`.",
            "line": "The line as the tax computation produced it: type, base, rate, amount, the rule behind it and its deposit deadline (`depositDueOn`).",
            "deposit": "The deposit, once recorded.",
            "slip": "The withholding slip (bukti potong/pungut) of this line, once the payment settled.",
        ]
    }
}

extension PaymentTreasurer: SchemaDescribed {
    public static var schemaDescription: String { "The treasurer (bendahara pengeluaran) who prepared a payment, as identity had them then." }
    public static var fieldDescriptions: [String: String] {
        [
            "accountId": "The treasurer's account id.",
            "name": "The full name, as printed on the kuitansi and the slips.",
            "nip": "The NIP; empty for a treasurer who has none.",
            "npwp": "The NPWP the agency's treasurer collects tax under (the collector on the slips); empty when identity holds none.",
        ]
    }
}

extension PaymentVendor: SchemaDescribed {
    public static var schemaDescription: String { "The vendor as payments needs it: who is paid and how it is taxed." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "Vendor id.",
            "name": "Name.",
            "isPKP": "Whether it is a PKP: it charged PPN, and payments collects it.",
            "isUMKM": "Whether it is UMKM (final PPh 0.5% under PP 55/2022 when it holds the certificate).",
            "npwp": "Its NPWP, from identity's `vendor.*` events; `nil` only when orders had not yet read the vendor's events from identity's feed when the order completed.",
            "bankAccount": "Where it is paid, from identity's `vendor.*` events; `nil` as for `npwp`.",
        ]
    }
}

extension PaymentsSettings: SchemaDescribed {
    public static var schemaDescription: String { "A tenant's payment rules, held as data: the dated tax rule table (rates, thresholds, object codes, legal bases), the deposit deadline rule and the holiday calendar (`TaxSettings`), the mechanisms' limits, and what the payment documents print." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant.",
            "tax": "The tax rules, validated by the tax computation's own rules.",
            "mechanismLimits": "The mechanisms' dated limits per payment.",
            "documents": "What the kuitansi, slips, proof and packet print, dated; the seed while none are stored.",
            "version": "The version read, for optimistic concurrency; null for a tenant that has none stored yet.",
        ]
    }
}

extension PriceBreakdown: SchemaDescribed {
    public static var schemaDescription: String { "A unit price broken into the components annex I.C.1.e requires." }
    public static var fieldDescriptions: [String: String] {
        [
            "productCost": "(1) The product's own cost. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "tax": "(3) Applicable tax per unit: the PPN the unit price contains. Must be 0 for a vendor that is not a PKP, and for a PKP whose prices exclude PPN (the order adds it); more than 0 for a PKP whose prices include it. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "overheadAndProfit": "(4) Overhead and profit per unit. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "includesPPN": "Whether the unit price includes PPN (so the order does not add it again); must be false for a vendor that is not a PKP.",
            "regions": "(2) Delivery cost and resulting unit price, per delivery region served (at least one).",
        ]
    }
}

extension PriceReference: SchemaDescribed {
    public static var schemaDescription: String { "A price reference for a PPK's estimate (annex I.D.1.b)." }
    public static var fieldDescriptions: [String: String] {
        [
            "product": "The product's listed regional unit prices, when a product was named.",
            "category": "The listed unit prices of the category's products (one per product: for the region, or its lowest).",
            "categoryCode": "The category the statistics cover.",
            "installationCost": "The listed installation and training costs of the product, for the estimate's supporting costs.",
            "trainingCost": "Training cost per order; null when not offered.",
            "computedAt": "When the statistics were computed: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).",
        ]
    }
}

extension PriceReferenceParams: SchemaDescribed {
    public static var schemaDescription: String { "What a PPK asks a price reference for." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "Tenant (Super Admin names one).",
            "productID": "A product: its listed regional prices.",
            "categoryCode": "A category (with sub-categories): the listed prices of its products. Defaults to the product's category.",
            "regionCode": "Price for this region where given.",
        ]
    }
}

extension PriceStatistics: SchemaDescribed {
    public static var schemaDescription: String { "Lowest, median and highest of a set of listed prices." }
    public static var fieldDescriptions: [String: String] {
        [
            "count": "How many accepted offers the statistics cover.",
            "lowest": "The lowest unit price among the accepted offers.",
            "median": "Median; with an even count, the mean of the two middle prices rounded half up to a whole rupiah.",
            "highest": "The highest unit price among the accepted offers.",
        ]
    }
}

extension ProductDetail: SchemaDescribed {
    public static var schemaDescription: String { "A listed product in full, as buyers see it." }
    public static var fieldDescriptions: [String: String] {
        [
            "productID": "The product's id, as returned by `product.submit` and listed by `catalog.search`.",
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "revision": "The number of the accepted revision buyers see.",
            "vendor": "The vendor: id, name and tax identities.",
            "category": "The product's category.",
            "offer": "The offer: every field the annex lists.",
            "acceptedAt": "When the listed revision was accepted.",
        ]
    }
}

extension ProductEdit: SchemaDescribed {
    public static var schemaDescription: String { "An edit of an existing product." }
    public static var fieldDescriptions: [String: String] {
        [
            "productID": "The product's id, as returned by `product.submit` and listed by `catalog.search`.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
            "offer": "The whole new offer.",
        ]
    }
}

extension ProductFileContent: SchemaDescribed {
    public static var schemaDescription: String { "A stored file's bytes." }
    public static var fieldDescriptions: [String: String] {
        [
            "file": "The stored file's metadata.",
            "contentBase64": "Base64 of its bytes.",
        ]
    }
}

extension ProductFileRef: SchemaDescribed {
    public static var schemaDescription: String { "Names a stored file of a product." }
    public static var fieldDescriptions: [String: String] {
        [
            "productID": "The product's id, as returned by `product.submit` and listed by `catalog.search`.",
            "sha256": "The file's hex SHA-256.",
        ]
    }
}

extension ProductKind: SchemaDescribed {
    public static var schemaDescription: String { "Whether a category's products are goods or services; payments withholds PPh 22 on goods and PPh 23 on services. Values: `goods`: Barang. `services`: Jasa lainnya." }
}

extension ProductOffer: SchemaDescribed {
    public static var schemaDescription: String { "One revision of an offer as stored: the input with files replaced by their stored form." }
    public static var fieldDescriptions: [String: String] {
        [
            "categoryCode": "The code of the category in the tenant's tree (`category.list`).",
            "name": "The product's name, at most 200 characters.",
            "description": "The product's description for buyers, at most 5,000 characters.",
            "function": "What the product is for, at most 2,000 characters.",
            "specification": "The technical specification as attribute and value pairs.",
            "origin": "Domestic or imported, with the country and TKDN details.",
            "tkdn": "The TKDN (domestic component level) declaration, when the product is certified; null otherwise.",
            "unit": "The unit of sale as the vendor states it (`rim`, `unit`, `paket`), at most 30 characters.",
            "price": "The unit price broken into its components; the unit price is their sum.",
            "stock": "Units in stock, 0 to 10,000,000.",
            "deliveryDays": "Days from the Surat Pesanan to delivery that the vendor promises, at most 3,650.",
            "warranty": "The warranty offered: months and terms.",
            "bonusOrDiscount": "A bonus or discount offered, free text; null when none.",
            "installationCost": "Installation cost per order; null when not offered.",
            "trainingCost": "Training cost per order; null when not offered.",
            "images": "The product's images as stored (JPEG or PNG).",
            "partnershipDocument": "Partnership or permit document.",
            "listedPrice": "The lowest regional unit price: the price the catalogue lists (\"from\").",
        ]
    }
}

extension ProductOfferInput: SchemaDescribed {
    public static var schemaDescription: String { "What a vendor offers: everything annex I.B.3, I.C.1.e–g and I.D.2 list." }
    public static var fieldDescriptions: [String: String] {
        [
            "categoryCode": "The code of the category in the tenant's tree (`category.list`).",
            "name": "The product's name as buyers see it, at most 200 characters.",
            "description": "The product's description for buyers, at most 5,000 characters.",
            "function": "What it is for (fungsi).",
            "specification": "Technical specification, as named attributes.",
            "origin": "Domestic or imported, with the country and TKDN details.",
            "tkdn": "Certified TKDN, when certified.",
            "unit": "Unit of sale (`unit`, `rim`, `paket`, `jam`).",
            "price": "The unit price and its components.",
            "stock": "Units available now. At the RPC boundary 0 to 10,000,000 (`InputLimits/stock`).",
            "deliveryDays": "Days from the Surat Pesanan to delivery. At the RPC boundary 0 to 3,650 (`InputLimits/days`).",
            "warranty": "The warranty offered: months and terms.",
            "bonusOrDiscount": "Bonus or discount offered, in words.",
            "installationCost": "Installation cost per order, where offered. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "trainingCost": "Training cost per order, where offered. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "images": "Images, 1 to 8.",
            "partnershipDocument": "The partnership or permit document, where the category requires it.",
        ]
    }
}

extension ProductOrigin: SchemaDescribed {
    public static var schemaDescription: String { "Where a product comes from." }
    public static var fieldDescriptions: [String: String] {
        [
            "kind": "Whether the product is made in Indonesia or imported.",
            "country": "Country of origin, ISO 3166-1 alpha-2 (`ID` for domestic products).",
        ]
    }
}

extension ProductRecord: SchemaDescribed {
    public static var schemaDescription: String { "A product as its vendor and verifiers see it: every revision, and which one is listed." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The product's id.",
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "vendorID": "The id of the vendor offering the product.",
            "listedRevision": "The accepted revision buyers see, if any.",
            "latestRevision": "The number of the newest revision, accepted or not.",
            "withdrawn": "Whether the vendor withdrew it from sale.",
            "revisions": "Every revision, newest first.",
            "version": "Optimistic-concurrency version: send it back with edits and decisions.",
        ]
    }
}

extension ProductRecordListParams: SchemaDescribed {
    public static var schemaDescription: String { "Filters for a list of product records." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "Tenant (Super Admin names one; others act in their own).",
            "latestStatus": "Only products whose newest revision has this status (verifiers use `pending` as their queue).",
            "after": "Resume after this product id.",
            "limit": "Page size, 1–200 (default 50).",
        ]
    }
}

extension ProductRecordPage: SchemaDescribed {
    public static var schemaDescription: String { "A page of product records." }
    public static var fieldDescriptions: [String: String] {
        [
            "products": "The records, by id.",
            "nextCursor": "Pass as `after` for the next page; nil at the end.",
        ]
    }
}

extension ProductRef: SchemaDescribed {
    public static var schemaDescription: String { "Names a product and the version read." }
    public static var fieldDescriptions: [String: String] {
        [
            "productID": "The product's id, as returned by `product.submit` and listed by `catalog.search`.",
            "version": "The version read (required for changes).",
        ]
    }
}

extension ProductRevision: SchemaDescribed {
    public static var schemaDescription: String { "One revision of a product, kept forever." }
    public static var fieldDescriptions: [String: String] {
        [
            "revision": "The revision number: 1 for the first offer, one more for each edit.",
            "offer": "The offer as submitted in this revision.",
            "status": "Where this revision stands in verification.",
            "reasons": "The verifier's reasons (required for a rejection).",
            "submittedAt": "When the vendor submitted it.",
            "decidedAt": "When the verifier last decided it.",
            "decidedBy": "The account id of the verifier who decided; null while pending.",
        ]
    }
}

extension ProductSubmission: SchemaDescribed {
    public static var schemaDescription: String { "A product revision a vendor submitted for verification (a new product or an edit)." }
    public static var fieldDescriptions: [String: String] {
        [
            "productId": "The product.",
            "vendorId": "Its vendor.",
            "revision": "The revision submitted, from 1.",
        ]
    }
}

extension ProductSummary: SchemaDescribed {
    public static var schemaDescription: String { "One search hit." }
    public static var fieldDescriptions: [String: String] {
        [
            "productID": "The product's id, as returned by `product.submit` and listed by `catalog.search`.",
            "revision": "The number of the accepted revision buyers see.",
            "name": "The name as listed in the catalogue.",
            "categoryCode": "The code of the category in the tenant's tree (`category.list`).",
            "vendor": "The offering vendor.",
            "unitPrice": "The unit price for the region searched, or the lowest regional price.",
            "includesPPN": "Whether the price includes PPN.",
            "unit": "The unit of sale as the vendor states it (`rim`, `unit`, `paket`), at most 30 characters.",
            "tkdnBasisPoints": "TKDN in basis points (0 when not certified).",
            "origin": "Domestic or imported, with the country and TKDN details.",
            "deliveryDays": "Days from the Surat Pesanan to delivery that the vendor promises, at most 3,650.",
            "warrantyMonths": "Months of warranty offered, 0 to 1,200.",
            "stock": "Units in stock, 0 to 10,000,000.",
            "image": "The first image, if any.",
        ]
    }
}

extension ProductVerdict: SchemaDescribed {
    public static var schemaDescription: String { "A verifier's decision on a product revision." }
    public static var fieldDescriptions: [String: String] {
        [
            "productId": "The product.",
            "revision": "The revision decided.",
            "decision": "The decision.",
        ]
    }
}

extension ProductVerification: SchemaDescribed {
    public static var schemaDescription: String { "What a verifier decides." }
    public static var fieldDescriptions: [String: String] {
        [
            "productID": "The product's id, as returned by `product.submit` and listed by `catalog.search`.",
            "revision": "The revision decided (must be the newest).",
            "version": "The product version read.",
            "decision": "Accept, reject or hold, with the reasons.",
            "reasons": "Reasons; required to reject.",
        ]
    }
}

extension ProductWithdrawal: SchemaDescribed {
    public static var schemaDescription: String { "A product its vendor withdrew from the catalogue." }
    public static var fieldDescriptions: [String: String] {
        [
            "productID": "The product.",
        ]
    }
}

extension ReceiptParams: SchemaDescribed {
    public static var schemaDescription: String { "The PPK's confirmation of receipt, which makes the BAST." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderID": "The order's id, as returned by `order.prepare`.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
            "bastNumber": "The BAST number, if the PPK enters one (printable ASCII, at most 100 characters, not of the form of the tenant's automatic numbers); otherwise from the tenant's template.",
            "inspectionNotes": "Inspection notes for the record.",
        ]
    }
}

extension RegencyParty: SchemaDescribed {
    public static var schemaDescription: String { "The regency (the tenant) as printed on an order's documents." }
    public static var fieldDescriptions: [String: String] {
        [
            "code": "The tenant's code, e.g. `balangan`.",
            "governmentName": "The government's full name as printed at the top of the letterhead, e.g. \"Pemerintah Kabupaten Balangan\".",
            "seat": "The seat of government, the place of signing printed before the date, e.g. \"Paringin\".",
            "emblemSha256": "SHA-256 (lowercase hex) of the emblem image identity holds for the tenant, or nil when the tenant has uploaded none. Orders keeps a copy of the image under this hash.",
        ]
    }
}

extension RegionalPrice: SchemaDescribed {
    public static var schemaDescription: String { "The unit price delivered to one region: product cost + this delivery cost + tax + overhead and profit." }
    public static var fieldDescriptions: [String: String] {
        [
            "regionCode": "The tenant's delivery region.",
            "deliveryCost": "Delivery cost to this region, per unit. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
            "unitPrice": "The unit price stated for this region; must equal the sum of the components. At the RPC boundary Rp0 to Rp1,000,000,000,000 (`InputLimits/amount`).",
        ]
    }
}

extension RevisionStatus: SchemaDescribed {
    public static var schemaDescription: String { "Where a revision stands with the verifier. Values: `pending`: Awaiting (or held by) the verifier. `accepted`: Accepted: listed while the vendor may be listed. `rejected`: Rejected with reasons. `superseded`: Replaced by a later edit before it was decided." }
}

extension SP2DReference: SchemaDescribed {
    public static var schemaDescription: String { "An SP2D (Surat Perintah Pencairan Dana), by which the regional treasury pays an LS payment." }
    public static var fieldDescriptions: [String: String] {
        [
            "number": "The SP2D number as printed (printable ASCII, at most 60 characters).",
            "date": "The SP2D's date.",
        ]
    }
}

extension Sanction: SchemaDescribed {
    public static var schemaDescription: String { "A sanction and its decision." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The sanction's id.",
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "agency": "The proposing PPK's agency, whose PA/KPA decides.",
            "proposal": "What was proposed: vendor, grounds, description and the order concerned.",
            "vendorName": "The vendor's name when proposed.",
            "proposedBy": "The proposing PPK's account.",
            "proposedAt": "When it was proposed: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).",
            "status": "Where the sanction stands today.",
            "decisionNumber": "The PA/KPA's decision number.",
            "decisionDate": "The date of the PA/KPA's decision letter, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8); null while proposed.",
            "decidedBy": "The account id of the PA/KPA who decided; null while proposed.",
            "decisionReason": "Reasons of the decision (required to reject).",
            "startsOn": "First day of the delisting.",
            "endsOn": "The day the delisting ends: the vendor's products are listed again from this day.",
            "version": "Optimistic-concurrency version: starts at 1, grows by one with every change; send it back with a change.",
        ]
    }
}

extension SanctionDecision: SchemaDescribed {
    public static var schemaDescription: String { "A PA/KPA's decision." }
    public static var fieldDescriptions: [String: String] {
        [
            "sanctionID": "The sanction's id, as returned by `sanction.propose`.",
            "version": "The record's `version` as last read (optimistic concurrency); a stale version is refused with 409.",
            "accept": "Accept (impose) or reject.",
            "decisionNumber": "The decision letter's number.",
            "decisionDate": "The date of the decision letter, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8).",
            "startsOn": "First day of the delisting (default: the decision date; not before it).",
            "reason": "Reasons (required to reject).",
        ]
    }
}

extension SanctionGrounds: SchemaDescribed {
    public static var schemaDescription: String { "The grounds of a sanction (Perbup Balangan 92/2023 Pasal 14). Values: `false_data`: False data about the company or the products: 2 years (Pasal 14(1)). `withdrawal`: Withdrew without acceptable reason after the Surat Pesanan: 1 year (Pasal 14(2)). `non_performance`: Did not perform the work per the Surat Pesanan: 1 year. `not_finished`: Did not finish the work: 1 year. `refused_replacement`: Refused to replace damaged, defective or malfunctioning goods: 1 year." }
    public static var fieldDescriptions: [String: String] {
        [
            "delistingYears": "How long the delisting lasts, in years.",
        ]
    }
}

extension SanctionListParams: SchemaDescribed {
    public static var schemaDescription: String { "Filters for the sanction list." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "Tenant (Super Admin and the national monitor name one).",
            "vendorID": "Only sanctions of the vendor with this id; all when omitted.",
            "status": "Only this status (as of today).",
        ]
    }
}

extension SanctionProposal: SchemaDescribed {
    public static var schemaDescription: String { "What a PPK proposes." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorID": "The id of the vendor to be sanctioned.",
            "grounds": "The grounds of the sanction (Perbup Balangan 92/2023).",
            "description": "What happened, with the facts.",
            "orderID": "The order it concerns: an order of the proposer's agency with this vendor, failed on these grounds (any state of it for false data). Omitted only for false data in the vendor's registration (company requirements, Pasal 14(1)), which concerns no order.",
            "suratPesananNumber": "The order's Surat Pesanan number, where issued; when given it must be the order's.",
        ]
    }
}

extension SanctionStatus: SchemaDescribed {
    public static var schemaDescription: String { "Where a sanction stands. Values: `proposed`: Proposed, awaiting the PA/KPA. `rejected`: Rejected by the PA/KPA. `scheduled`: Accepted, starting later. `in_force`: Accepted and in force today: the vendor's products are delisted. `ended`: Accepted and over." }
}

extension SearchSort: SchemaDescribed {
    public static var schemaDescription: String { "Search orders. Values: `relevance`: Best text match first (needs a query; without one, newest listed first). `price_asc`: Cheapest first. `price_desc`: Dearest first. `tkdn_desc`: Highest TKDN first. `delivery_asc`: Fastest delivery first." }
}

extension SessionInfo: SchemaDescribed {
    public static var schemaDescription: String { "A session." }
    public static var fieldDescriptions: [String: String] {
        [
            "token": "The signed token to send as `auth` with every request.",
            "sessionID": "The session's id, as `auth.revocations` lists it once the session ends.",
            "expiresAt": "When it expires (unix seconds).",
            "mustChangePassword": "Whether the person must change the password before doing anything else.",
            "account": "The signed-in account.",
        ]
    }
}

extension SignInParams: SchemaDescribed {
    public static var schemaDescription: String { "Sign-in credentials." }
    public static var fieldDescriptions: [String: String] {
        [
            "login": "The account's username or email address (case-insensitive for email).",
            "password": "The password, as typed; never logged.",
            "source": "The network address the person signs in from (1–64 printable ASCII characters). Only the web gateway may set it, calling with its service token (`gatewayPrincipalID`): it takes it from the connection, never from the client. From any other caller it is refused (403 naming `source`). Failures are throttled per source as well as per account.",
        ]
    }
}

extension SpecificationAttribute: SchemaDescribed {
    public static var schemaDescription: String { "One named attribute of a technical specification (`Processor`: `Intel Core i5-1335U`)." }
    public static var fieldDescriptions: [String: String] {
        [
            "name": "The attribute's name (`Processor`).",
            "value": "The attribute's value (`Intel Core i5-1335U`).",
        ]
    }
}

extension SplitPurchaseFlag: SchemaDescribed {
    public static var schemaDescription: String { "A possible split purchase (pemecahan paket) found when an order was placed." }
    public static var fieldDescriptions: [String: String] {
        [
            "orderID": "The id of the order flagged as a possible split purchase.",
            "relatedOrderIDs": "The earlier orders of the same agency to the same vendor in the window, whatever their products.",
            "sum": "Their sum with this one, PPN included.",
            "ceiling": "The ceiling it exceeds.",
            "productID": "The flagged order's first product (orders are added up across products).",
            "flaggedAt": "When the split was flagged: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).",
            "windowDays": "The window of the rule applied, in days; nil for flags raised before it was kept.",
            "legalBasis": "The rule applied (Perpres 16/2018 Pasal 20 ayat (2) huruf d …); nil for flags raised before it was kept.",
        ]
    }
}

extension SplitPurchaseRule: SchemaDescribed {
    public static var schemaDescription: String { "The split-purchase rule (pemecahan paket) as a tenant states it: orders of one agency to one vendor within the window are added up, PPN included, across products, and flagged when the sum exceeds the ceiling." }
    public static var fieldDescriptions: [String: String] {
        [
            "windowDays": "Days within which orders of one agency to one vendor are added up (default 30; no regulation sets a number). At the RPC boundary 0 to 3,650 (`InputLimits/days`); the rule allows 0 to 366.",
            "legalBasis": "The rule it rests on (`Perpres 16/2018 Pasal 20 ayat (2) huruf d, as amended by Perpres 12/2021`).",
            "effectiveFrom": "The first day it applies.",
        ]
    }
}

extension StoredFile: SchemaDescribed {
    public static var schemaDescription: String { "A stored image or document of a product, named by its content hash." }
    public static var fieldDescriptions: [String: String] {
        [
            "sha256": "Hex SHA-256: its name in the store.",
            "contentType": "`image/jpeg`, `image/png` or `application/pdf`, detected from the bytes.",
            "byteCount": "Size of the file in bytes.",
        ]
    }
}

extension SupportingCostKinds: SchemaDescribed {
    public static var schemaDescription: String { "Whether an order's supporting costs count with the goods or with the services." }
    public static var fieldDescriptions: [String: String] {
        [
            "delivery": "Delivery (ongkos kirim): part of the goods' price (default goods).",
            "installation": "Installation (default services: jasa instalasi, PMK 141/2015).",
            "training": "Training (default services: jasa pelatihan).",
        ]
    }
}

extension SuratPesananTerms: SchemaDescribed {
    public static var schemaDescription: String { "The clauses of a Surat Pesanan (annex I.D.1.c and Pasal 16), as the tenant's template sets them and the PPK adapts them while preparing an order." }
    public static var fieldDescriptions: [String: String] {
        [
            "rightsAndObligations": "Rights and obligations of both parties.",
            "workExecution": "How the work is carried out and delivered.",
            "price": "The price clause's text as written on the Surat Pesanan (plain text, line breaks allowed).",
            "payment": "The payment clause's text as written on the Surat Pesanan (plain text, line breaks allowed).",
            "sanctions": "The sanctions clause's text as written on the Surat Pesanan (plain text, line breaks allowed).",
            "latePenalty": "The late-delivery penalty clause's text as written on the Surat Pesanan (plain text, line breaks allowed).",
            "forceMajeure": "Force majeure (keadaan kahar).",
            "disputeSettlement": "The dispute-settlement clause's text as written on the Surat Pesanan (plain text, line breaks allowed).",
            "antiGratification": "The ban on commissions and gratification (Pasal 16).",
        ]
    }
}

extension TKDNDeclaration: SchemaDescribed {
    public static var schemaDescription: String { "The certified domestic content (TKDN) of a product." }
    public static var fieldDescriptions: [String: String] {
        [
            "basisPoints": "The certified value in basis points: 4327 is 43.27%; 0 to 10000. Integers, so filters and sorting never meet floating-point rounding.",
            "certificateNumber": "The certificate number from the Ministry of Industry.",
        ]
    }
}

extension TaxAssessment: SchemaDescribed {
    public static var schemaDescription: String { "The taxes on one payment: gross = net + taxes collected + penalty, to the rupiah." }
    public static var fieldDescriptions: [String: String] {
        [
            "lines": "The tax lines.",
            "notApplied": "The taxes that were not applied, with why.",
            "baseParts": "The base parts (goods, services) the PPh lines were computed on.",
            "gross": "What the contract is worth, PPN included (the order's `totalIncludingPPN`).",
            "penalty": "The late-delivery penalty deducted.",
            "taxesCollected": "The sum of the lines.",
            "net": "What is transferred to the vendor: gross − penalty − taxes collected.",
            "mechanism": "The mechanism.",
            "paymentDate": "The payment (withholding) date the rules were taken on.",
        ]
    }
}

extension TaxBaseKind: SchemaDescribed {
    public static var schemaDescription: String { "Which amount a rule's rate applies to. Values: `price_excluding_ppn`: The price (DPP) of the part without PPN: PPh 22's \"harga pembelian tidak termasuk PPN\", PPh 23's \"jumlah bruto tidak termasuk PPN\", the final tax's gross turnover. `ppn_tax_base`: The PPN tax base as the tax invoice states it (the DPP, or from 2025 the DPP nilai lain of 11/12)." }
}

extension TaxBasePart: SchemaDescribed {
    public static var schemaDescription: String { "One part of the payment's tax base: the goods or the services, as priced and without PPN." }
    public static var fieldDescriptions: [String: String] {
        [
            "kind": "Goods or services.",
            "stated": "The part as priced on the order (including PPN when the prices include it).",
            "base": "The part's DPP (without PPN): the order's DPP allocated by the stated amounts, the goods part rounded half up and the services part the rest, so the parts add up to the DPP.",
            "explanation": "How the allocation was made (`Rp4.504.505 × 3.000.000 / 5.000.000 = 2.702.703`).",
        ]
    }
}

extension TaxCollectorRegime: SchemaDescribed {
    public static var schemaDescription: String { "Who collects PPN and PPh 22 on the tenant's purchases. Values: `treasurer`: The agency's treasurer (bendahara) collects and withholds (PMK 59/2022). The default. `platform`: The platform itself is appointed collector (\"Pihak Lain\", PMK 58/2022). Not implemented: the computation refuses (409) rather than compute the treasurer's taxes under it." }
}

extension TaxDeposit: SchemaDescribed {
    public static var schemaDescription: String { "A deposit of one collected tax line into the state treasury." }
    public static var fieldDescriptions: [String: String] {
        [
            "billingCode": "The kode billing the deposit was paid under: 15 digits.",
            "ntpn": "The NTPN (Nomor Transaksi Penerimaan Negara) of the deposit: 16 letters or digits.",
            "depositedOn": "The day it was deposited.",
            "recordedBy": "The treasurer who recorded it.",
            "recordedAt": "When it was recorded: an instant, ISO 8601 UTC with milliseconds.",
        ]
    }
}

extension TaxDepositParams: SchemaDescribed {
    public static var schemaDescription: String { "The deposit of one collected tax line." }
    public static var fieldDescriptions: [String: String] {
        [
            "paymentId": "The payment's id.",
            "version": "The record's `version` as last read (optimistic concurrency).",
            "lineId": "The tax line (`taxLines[].lineId`).",
            "billingCode": "The kode billing: exactly 15 digits.",
            "ntpn": "The NTPN: exactly 16 ASCII letters or digits.",
            "depositedOn": "The day it was deposited; not after today, not before the payment date.",
        ]
    }
}

extension TaxExemption: SchemaDescribed {
    public static var schemaDescription: String { "A tax that was not applied, and why: so the treasurer and the auditor see it." }
    public static var fieldDescriptions: [String: String] {
        [
            "taxType": "The tax.",
            "part": "The part it concerns (null for the whole payment).",
            "ruleId": "The rule row that would have applied, when there is one.",
            "reason": "Why not.",
            "legalBasis": "The rule's legal basis for the exemption.",
            "explanation": "The reason in Bahasa Indonesia (`Pembayaran Rp2.000.000 tidak melebihi batas Rp2.000.000 …`).",
            "explanationEnglish": "The same in English.",
        ]
    }
}

extension TaxExemptionReason: SchemaDescribed {
    public static var schemaDescription: String { "Why a tax was not applied. Values: `below_threshold`: The payment is at most the rule's threshold and not split. `mechanism_exempt`: The mechanism is exempt (KKPD for PPN and PPh 22). `vendor_not_pkp`: The vendor is not a PKP: no PPN was charged. `replaced_by_final_umkm`: The final UMKM tax applied instead (PP 55/2022). `certificate_expired`: The vendor's Surat Keterangan had expired on the payment date: PPh 22/23 applied instead. `certificate_not_yet_valid`: The vendor's Surat Keterangan was not yet valid on the payment date: PPh 22/23 applied instead. `no_certificate`: The vendor is UMKM but registered no Surat Keterangan: PPh 22/23 applied instead. `nothing_to_tax`: The payment has no part of this kind (no goods for PPh 22, no services for PPh 23), or the part is Rp0. `exempt_category`: Every item of the part is in a category the rule excludes (fuel, electricity, …)." }
}

extension TaxExportFormat: SchemaDescribed {
    public static var schemaDescription: String { "The file format of a tax-period export. Values: `xml`: Coretax e-Bupot BPPU bulk XML (only for `tax.exportBPPU`). `csv`: Comma-separated values, one row per slip or tax line. `pdf`: A printable PDF (only for `tax.monthlyReport`)." }
}

extension TaxExportParams: SchemaDescribed {
    public static var schemaDescription: String { "A tax period of an agency and the file format wanted." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "Tenant (supervisors may name one; others their own).",
            "agency": "The agency (supervisors name one; the agency's officials their own).",
            "year": "The year, 2000–2100.",
            "month": "The month, 1–12.",
            "format": "The format.",
        ]
    }
}

extension TaxHoliday: SchemaDescribed {
    public static var schemaDescription: String { "A day the tenant's tax office is closed: a due date on it moves to the next working day." }
    public static var fieldDescriptions: [String: String] {
        [
            "date": "The day.",
            "name": "Its name (`Hari Raya Idul Fitri 1446 H`).",
            "kind": "National holiday, cuti bersama or regional.",
            "legalBasis": "The decree it rests on (`SKB 3 Menteri Nomor 1017, 2, 2 Tahun 2024`).",
            "source": "Where it was confirmed, or `unconfirmed: …`.",
        ]
    }
}

extension TaxHolidayKind: SchemaDescribed {
    public static var schemaDescription: String { "What kind of day off a holiday is. Values: `national_holiday`: A national holiday (hari libur nasional). `cuti_bersama`: A collective leave day (cuti bersama), which PMK 81/2024 Pasal 100 also counts as a holiday. `regional`: A regional holiday the tenant declares." }
}

extension TaxLine: SchemaDescribed {
    public static var schemaDescription: String { "One computed tax line, with the rule that produced it and how." }
    public static var fieldDescriptions: [String: String] {
        [
            "taxType": "The tax.",
            "part": "The part of the payment it was computed on (null for the whole payment).",
            "ruleId": "The id of the rule row that produced it.",
            "taxObjectCode": "The Coretax tax object code; null for PPN.",
            "base": "The tax base.",
            "rate": "The rate.",
            "amount": "The tax, rounded to whole rupiah.",
            "rounding": "The rounding applied.",
            "legalBasis": "The rule's legal basis (and the rounding's).",
            "depositDueOn": "The last day to deposit it.",
            "umkmCertificateNumber": "The Surat Keterangan's number when the final UMKM regime was applied.",
            "explanation": "How it was computed, in Bahasa Indonesia: `1,5% × Rp4.504.505 = Rp67.567,575 → Rp67.568 (pembulatan ke atas setengah, PER-11/PJ/2025 Pasal 129)`.",
            "explanationEnglish": "The same in English.",
        ]
    }
}

extension TaxLineEvent: SchemaDescribed {
    public static var schemaDescription: String { "One tax line withheld or deposited." }
    public static var fieldDescriptions: [String: String] {
        [
            "paymentId": "The payment.",
            "orderId": "The order paid.",
            "tenant": "Its tenant.",
            "agency": "The paying agency (the collector).",
            "vendorId": "The vendor taxed.",
            "taxLine": "The line, with its deadline, deposit and slip.",
        ]
    }
}

extension TaxPeriodParams: SchemaDescribed {
    public static var schemaDescription: String { "A tax period (masa pajak) of an agency." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "Tenant (supervisors may name one; others their own).",
            "agency": "The agency (supervisors name one; the agency's officials their own).",
            "year": "The year, 2000–2100.",
            "month": "The month, 1–12.",
        ]
    }
}

extension TaxPeriodReport: SchemaDescribed {
    public static var schemaDescription: String { "The treasurer's monthly data: every payment of the period and every tax line." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant.",
            "agency": "The agency.",
            "year": "The year.",
            "month": "The month.",
            "payments": "Every payment dated in the period, by id.",
            "lines": "Every tax line of those payments.",
            "undepositedCount": "How many lines are not yet deposited.",
            "overdueCount": "How many lines are overdue.",
        ]
    }
}

extension TaxRate: SchemaDescribed {
    public static var schemaDescription: String { "An exact rate as a fraction: 15/1000 is 1.5%." }
    public static var fieldDescriptions: [String: String] {
        [
            "numerator": "The numerator (15 for 1.5%), zero or more.",
            "denominator": "The denominator (1000 for 1.5%), 1 to 1,000,000.",
            "display": "The rate written the Indonesian way, with a decimal comma: `1,5%`, `12%`, `0,5%`; a rate that is no finite decimal percentage is written as the fraction (`1/3`).",
            "description": "The display, `1,5%`.",
        ]
    }
}

extension TaxReportLine: SchemaDescribed {
    public static var schemaDescription: String { "One tax line of the treasurer's monthly report." }
    public static var fieldDescriptions: [String: String] {
        [
            "paymentId": "The payment.",
            "orderId": "The order.",
            "mechanism": "The mechanism.",
            "sp2d": "The SP2D, for LS payments.",
            "paymentDate": "The payment date.",
            "paymentState": "The payment's state.",
            "vendorId": "The vendor's id.",
            "vendorName": "The vendor's name.",
            "vendorNpwp": "The vendor's NPWP.",
            "taxLine": "The tax line (type, base, rate, amount, rule).",
            "undeposited": "Whether the line is not yet deposited.",
            "overdue": "Whether it is undeposited after its due date, or was deposited late.",
        ]
    }
}

extension TaxRoundingRule: SchemaDescribed {
    public static var schemaDescription: String { "The rounding of tax lines in force over a period." }
    public static var fieldDescriptions: [String: String] {
        [
            "rounding": "How each tax line is rounded to whole rupiah.",
            "effectiveFrom": "The first day it applies (the transaction date: the payment date for withholding).",
            "effectiveUntil": "The last day it applies; null while in force.",
            "legalBasis": "The rule it rests on (`PER-11/PJ/2025 Pasal 129`).",
            "source": "Where it was confirmed (URL or citation), or `unconfirmed: …`.",
        ]
    }
}

extension TaxRule: SchemaDescribed {
    public static var schemaDescription: String { "One row of the tenant's tax rule table." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The row's id, unique in the table (`pph22-goods-2022`): every tax line names it.",
            "taxType": "The tax.",
            "appliesTo": "The part of the payment it applies to.",
            "ppnGoodsClass": "For PPN only: the goods class (ordinary or luxury) whose invoices it covers; null for PPh.",
            "rate": "The rate applied to the base (for PPN the tariff on the PPN tax base: 12% from 2025).",
            "otherBase": "For PPN only: the DPP nilai lain factor (11/12 from 2025), null when the tariff applies to the DPP itself.",
            "base": "Which amount the rate applies to.",
            "taxObjectCode": "The Coretax tax object code (kode objek pajak) printed on the slip, e.g. `22-910-01`; null for PPN (collected on the tax invoice).",
            "threshold": "Payments up to this amount (inclusive) that are not split are not taxed; Rp0 for no threshold.",
            "thresholdIncludesPPN": "Whether the payment compared with the threshold includes PPN (a tenant setting: sources disagree for PPN; the default is true for PPN as the brief says, false for PPh).",
            "exemptMechanisms": "Mechanisms on which the treasurer does not collect this tax (KKPD for PPN and PPh 22).",
            "exemptCategoryCodes": "Category codes of items this rule does not tax (fuel, electricity, gas, water, postal items for PPh 22).",
            "requiresPKP": "Whether only a PKP vendor bears it (PPN).",
            "effectiveFrom": "The first day it applies.",
            "effectiveUntil": "The last day it applies; null while in force.",
            "legalBasis": "The rules it rests on (`PMK 59/2022 Pasal 3`).",
            "source": "Where it was confirmed (URL or citation), or `unconfirmed: …` for what a finance office must confirm.",
        ]
    }
}

extension TaxRuleScope: SchemaDescribed {
    public static var schemaDescription: String { "What a rule applies to: the goods part, the services part, or the whole payment. Values: `goods`: The goods part (items of kind goods and the costs that follow goods). `services`: The services part (items of kind services and the costs that count as services). `any`: The whole payment (PPN, the final UMKM tax)." }
}

extension TaxSettings: SchemaDescribed {
    public static var schemaDescription: String { "A tenant's tax rules, all data: the rule table, rounding, deposit deadlines, holidays, and who collects." }
    public static var fieldDescriptions: [String: String] {
        [
            "rules": "The rule table.",
            "roundingRules": "The rounding of tax lines, dated.",
            "depositDeadlines": "The deposit deadlines, dated.",
            "holidays": "The tenant's holiday calendar (national holidays, cuti bersama, regional holidays).",
            "collector": "Who collects PPN and PPh 22 (default treasurer).",
            "supportingCosts": "Whether delivery, installation and training count with goods or services.",
        ]
    }
}

extension TaxType: SchemaDescribed {
    public static var schemaDescription: String { "A tax the treasurer withholds or collects. Values: `ppn`: PPN (value added tax) collected from a PKP vendor (PMK 59/2022). `pph_22`: PPh Pasal 22 collected on purchases of goods (PMK 59/2022). `pph_23`: PPh Pasal 23 withheld on services (UU PPh Pasal 23, PMK 141/2015). `pph_final_umkm`: Final PPh 0.5% of a UMKM holding a Surat Keterangan (PP 55/2022), instead of PPh 22/23." }
}

extension TenantEmblem: SchemaDescribed {
    public static var schemaDescription: String { "A tenant's emblem with its bytes." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant's code.",
            "sha256": "SHA-256 of the bytes, lowercase hex: the name under which consumers keep the image.",
            "contentType": "`image/png` or `image/jpeg`, detected from the bytes.",
            "width": "Width in pixels, as the image header states it.",
            "height": "Height in pixels, as the image header states it.",
            "contentBase64": "The image, standard base64 with padding.",
            "tenantVersion": "The tenant record's version after the emblem was set.",
        ]
    }
}

extension TenantEmblemUpload: SchemaDescribed {
    public static var schemaDescription: String { "The emblem (lambang daerah) a tenant prints on its letterheads." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant's code.",
            "contentBase64": "The image, standard base64: a PNG or a baseline/progressive JPEG of 16 to 4096 pixels a side, at most 256 KiB.",
        ]
    }
}

extension TenantInfo: SchemaDescribed {
    public static var schemaDescription: String { "A tenant: a kabupaten or institution served by this deployment." }
    public static var fieldDescriptions: [String: String] {
        [
            "code": "Short code, e.g. `balangan`.",
            "name": "The full official name, at most 200 characters.",
            "domicileRegionCodes": "The Kemendagri region codes (kode wilayah, Permendagri 72/2019 as updated) of the kabupaten/kota whose residents count as domiciled in the tenant: 4 digits, province and regency, e.g. `[\"6311\"]` for Balangan (written `63.11`; given with or without the dot, stored without). A vendor's KTP address must lie in one of them.",
            "governmentName": "The government's full name as printed at the top of a letterhead, e.g. \"Pemerintah Kabupaten Balangan\"; at most 200 characters. When absent, \"Pemerintah \" and the name.",
            "seat": "The seat of government, printed as the place of signing (Balangan: \"Paringin\"; Polewali Mandar: \"Polewali\"); at most 100 characters.",
            "emblemSha256": "SHA-256 (lowercase hex) of the emblem set with `tenant.setEmblem`; ignored on create and update; absent while none is set.",
            "version": "The tenant record's version: 1 at creation, one more at every change (update or emblem); ignored on create.",
        ]
    }
}

extension TenantScope: SchemaDescribed {
    public static var schemaDescription: String { "Which tenant to list." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant; defaults to the caller's own.",
        ]
    }
}

extension TenantUpdateParams: SchemaDescribed {
    public static var schemaDescription: String { "A tenant's own data as an administrator corrects it." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant's code.",
            "name": "The full official name, at most 200 characters.",
            "domicileRegionCodes": "The Kemendagri region codes (4 digits, `6311` or `63.11`) vendors' KTP addresses must lie in.",
            "governmentName": "The government's full name as printed on letterheads, e.g. \"Pemerintah Kabupaten Balangan\".",
            "seat": "The seat of government, the place of signing, e.g. \"Paringin\".",
        ]
    }
}

extension TicketActionParams: SchemaDescribed {
    public static var schemaDescription: String { "An action on a ticket, with an optional comment." }
    public static var fieldDescriptions: [String: String] {
        [
            "ticketID": "The helpdesk ticket's id, as returned by `helpdesk.open`.",
            "comment": "Comment added to the thread.",
        ]
    }
}

extension TicketComment: SchemaDescribed {
    public static var schemaDescription: String { "A comment in a ticket's thread." }
    public static var fieldDescriptions: [String: String] {
        [
            "author": "The account id of who wrote it.",
            "body": "The text, at most 10,000 characters; line breaks allowed.",
            "at": "When it was written: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).",
        ]
    }
}

extension TicketInfo: SchemaDescribed {
    public static var schemaDescription: String { "A helpdesk ticket." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The ticket's id.",
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "openedBy": "The account id of who opened the ticket.",
            "subject": "The ticket's subject, at most 200 characters.",
            "status": "Where the record stands in its lifecycle.",
            "comments": "The thread, oldest first.",
        ]
    }
}

extension TicketOpenParams: SchemaDescribed {
    public static var schemaDescription: String { "A new ticket." }
    public static var fieldDescriptions: [String: String] {
        [
            "subject": "The ticket's subject, one line of 1–200 characters.",
            "body": "What the problem is, at most 10,000 characters; line breaks allowed.",
        ]
    }
}

extension TicketStatus: SchemaDescribed {
    public static var schemaDescription: String { "Where a helpdesk ticket stands: open → forwarded → resolved → closed. Values: `open`: Waiting for the agency administrator. `forwarded`: Forwarded to Super Admin. `resolved`: Answered. `closed`: Closed." }
}

extension UMKMCertificate: SchemaDescribed {
    public static var schemaDescription: String { "A vendor's Surat Keterangan under PP 55/2022 (the final 0.5% regime), as the vendor registers it." }
    public static var fieldDescriptions: [String: String] {
        [
            "number": "The certificate's number as printed.",
            "validFrom": "The first day it is valid.",
            "validUntil": "The last day it is valid (the end of the regime's time limit, or of the tax year it is for).",
            "npwp": "The taxpayer's NPWP printed on it, when recorded.",
            "taxpayerName": "The taxpayer's name printed on it, when recorded.",
            "issuedOn": "The day the tax office issued it, when recorded.",
        ]
    }
}

extension VendorBlockParams: SchemaDescribed {
    public static var schemaDescription: String { "A decision of the head of UKPBJ to block or unblock." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorID": "The vendor's id, as returned by `vendor.register`.",
            "version": "The version the verifier saw.",
            "decisionNumber": "The head of UKPBJ's decision number.",
            "decisionDate": "The date of the decision letter, `YYYY-MM-DD` in the tenant's calendar (Balangan: WITA, UTC+8).",
            "reason": "The written grounds of the decision.",
        ]
    }
}

extension VendorDecision: SchemaDescribed {
    public static var schemaDescription: String { "A verifier's decision with reasons." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorID": "The vendor's id, as returned by `vendor.register`.",
            "version": "The version the verifier saw.",
            "reason": "Reasons (required to reject).",
        ]
    }
}

extension VendorDocument: SchemaDescribed {
    public static var schemaDescription: String { "An uploaded document, stored by its SHA-256." }
    public static var fieldDescriptions: [String: String] {
        [
            "type": "What kind of supporting document it is.",
            "sha256": "Content hash (hex SHA-256), its name in the store.",
            "contentType": "`pdf`, `jpeg` or `png`, detected from the bytes.",
            "byteCount": "Size of the file in bytes.",
            "uploadedAt": "When it was uploaded: an instant, ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`).",
        ]
    }
}

extension VendorDocumentContent: SchemaDescribed {
    public static var schemaDescription: String { "A document's bytes." }
    public static var fieldDescriptions: [String: String] {
        [
            "document": "The document's metadata.",
            "contentBase64": "The file's bytes, standard base64 with padding.",
        ]
    }
}

extension VendorDocumentRef: SchemaDescribed {
    public static var schemaDescription: String { "Names one stored document." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorID": "The vendor's id, as returned by `vendor.register`.",
            "sha256": "The document's SHA-256, 64 lowercase hex digits.",
        ]
    }
}

extension VendorDocumentType: SchemaDescribed {
    public static var schemaDescription: String { "A kind of supporting document. Values: `ktp`: KTP. `npwp`: NPWP card. `nib`: NIB (OSS). `deed`: Deed of establishment and amendments. `licence`: Business licence." }
}

extension VendorDocumentUpload: SchemaDescribed {
    public static var schemaDescription: String { "An upload of a supporting document, base64 in JSON." }
    public static var fieldDescriptions: [String: String] {
        [
            "type": "What kind of supporting document it is.",
            "contentBase64": "The file, base64. PDF, JPEG or PNG, at most 5 MiB.",
        ]
    }
}

extension VendorInfo: SchemaDescribed {
    public static var schemaDescription: String { "A vendor as verifiers and the vendor itself see it." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "The vendor's id.",
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "kind": "Whether the vendor is a business entity (badan usaha) or an individual (perorangan).",
            "name": "The vendor's registered name.",
            "status": "Where the record stands in its lifecycle.",
            "statusReason": "Reasons of the last rejection or block.",
            "nik": "The director's or individual's NIK, 16 digits.",
            "npwp": "The vendor's NPWP (tax identity number), 16 digits.",
            "nib": "The NIB (business identity number, 13 digits); null when none.",
            "email": "Email address (stored and compared lowercased, NFC).",
            "phone": "Phone number, E.164 (`+62…`).",
            "address": "The vendor's business address.",
            "deed": "The deed of establishment, for an entity; null for an individual.",
            "director": "The director's identity, for an entity; null for an individual.",
            "businessLicenceNumber": "The business licence number as issued.",
            "bankAccount": "The account payments transfer to.",
            "isPKP": "Whether the vendor is a PKP (VAT-registered): PPN is charged only then.",
            "businessScale": "Size class as declared; micro, small and medium are UMKM.",
            "acceptedTermsVersion": "Terms accepted and when (ISO 8601).",
            "acceptedTermsAt": "When the terms were accepted.",
            "accountID": "The vendor's sign-in account.",
            "documents": "The supporting documents uploaded for verification (metadata; `vendor.document` returns the bytes).",
            "version": "Optimistic-concurrency version: send it back with state changes.",
            "ktpAddress": "The KTP address and its region code (the domicile); absent for registrations stored before it was asked for.",
            "domicileConfirmed": "Whether a verifier confirmed the KTP address against the KTP scan when verifying.",
        ]
    }
}

extension VendorKind: SchemaDescribed {
    public static var schemaDescription: String { "Whether a vendor is a business entity or an individual (annex I.C.1). Values: `entity`: Badan usaha: needs NIB, deed of establishment and director. `individual`: Perorangan." }
}

extension VendorListParams: SchemaDescribed {
    public static var schemaDescription: String { "Filter for vendor lists." }
    public static var fieldDescriptions: [String: String] {
        [
            "status": "Only vendors in this status.",
        ]
    }
}

extension VendorParty: SchemaDescribed {
    public static var schemaDescription: String { "The vendor (penyedia) as printed on an order's documents: the business and the person who signs for it." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorId": "The vendor's id.",
            "name": "The business's name (an individual's own name for an individual vendor).",
            "kind": "Individual or business entity.",
            "signerName": "The person who signs for the vendor: the director of an entity, the individual otherwise.",
            "signerPosition": "The signer's position, e.g. \"Direktur\"; \"Pemilik\" for an individual.",
            "address": "The business address as printed.",
            "npwp": "NPWP, 15 or 16 digits.",
            "nib": "NIB (Nomor Induk Berusaha), 13 digits; nil for a vendor that has none.",
            "isPKP": "Whether it is a PKP (charges PPN).",
            "bankAccount": "Where it is paid.",
        ]
    }
}

extension VendorRef: SchemaDescribed {
    public static var schemaDescription: String { "Names a vendor and the version the caller saw." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorID": "The vendor's id, as returned by `vendor.register`.",
            "version": "The version read; a stale version is a conflict.",
        ]
    }
}

extension VendorRegistration: SchemaDescribed {
    public static var schemaDescription: String { "What a vendor submits to register (or to resubmit after a rejection)." }
    public static var fieldDescriptions: [String: String] {
        [
            "tenant": "The tenant registered with.",
            "kind": "Whether the vendor is a business entity (badan usaha) or an individual (perorangan).",
            "name": "Business or personal name.",
            "nik": "NIK from the KTP (the director's for an entity). Its prefix is not the domicile: see `ktpAddress`.",
            "npwp": "NPWP, the tax identity number (16 digits, or the old 15-digit form).",
            "nib": "Business identification number; required for entities.",
            "email": "Email address (stored and compared lowercased, NFC).",
            "phone": "Phone number; stored in E.164 form (`+62…`).",
            "address": "The business address.",
            "deed": "Deed of establishment; required for entities.",
            "director": "Director; required for entities.",
            "businessLicenceNumber": "The business licence number as issued, printable ASCII.",
            "bankAccount": "Bank account for payments.",
            "isPKP": "Whether the vendor is a taxable entrepreneur (PKP) that charges PPN.",
            "businessScale": "The business's size class as declared (micro/small/medium are UMKM); absent counts as not UMKM.",
            "acceptedTermsVersion": "The version of the vendor terms accepted (must be the current one).",
            "username": "Sign-in name for the vendor's account.",
            "password": "Password (≥ 10 characters, not the username).",
            "ktpAddress": "The address on the KTP (the director's for an entity) with its region code: the domicile, which must lie in the tenant's regions. Required for new registrations; absent only in registrations stored before it was asked for.",
        ]
    }
}

extension VendorStanding: SchemaDescribed {
    public static var schemaDescription: String { "A vendor's identity and standing as other services keep it: the same members as the `vendor.*` events of identity's feed, no bank or personal details." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorId": "The vendor's id, as returned by `vendor.register`.",
            "tenant": "The tenant's code (ASCII letters, digits, `-` and `_`; e.g. `balangan`).",
            "accountId": "The id of the vendor's sign-in account.",
            "name": "The vendor's registered name.",
            "status": "The vendor's status.",
            "npwp": "The vendor's NPWP, 16 digits.",
            "isPKP": "Whether it is a PKP (charges PPN).",
            "isUMKM": "Whether it is a micro or small enterprise (UMKM).",
            "version": "The vendor record's version; a higher version is newer.",
        ]
    }
}

extension VendorStandingChange: SchemaDescribed {
    public static var schemaDescription: String { "A vendor's standing as identity publishes it with every vendor event: what other services need to decide whether it may sell and how it is taxed." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorId": "Vendor id.",
            "tenant": "Its tenant.",
            "accountId": "The vendor's account.",
            "name": "Its name.",
            "status": "Its status, a `VendorStatus` raw value; kept as text so a status a consumer's build does not know is stored (and never read as `active`) rather than refused.",
            "npwp": "Its NPWP, 15 or 16 digits.",
            "isPKP": "Whether it is a PKP (charges PPN).",
            "isUMKM": "Whether it is a micro or small enterprise (UMKM).",
            "kind": "Individual or business entity.",
            "version": "The vendor record's version; a higher version is newer.",
            "bankAccount": "Where the vendor is paid, for payments and orders' payment facts; absent from events published before it was added (the version did not change: it is an optional addition).",
            "signerName": "The person who signs for the vendor: an entity's director, or the individual; absent from events published before it was added (an optional addition, like the rest below).",
            "signerPosition": "The signer's position: the director's (\"Direktur\" when none was given), \"Pemilik\" for an individual.",
            "address": "The business address as printed on documents.",
            "nib": "The NIB (13 digits), for a vendor that has one.",
        ]
    }
}

extension VendorStatus: SchemaDescribed {
    public static var schemaDescription: String { "Where a vendor stands. Values: `registered`: Registered, waiting for a verifier. `verified`: Documents checked; waits for activation. `rejected`: Refused with reasons; the vendor may correct and resubmit. `active`: May offer products and receive orders. `blocked`: Blocked by decision of the head of UKPBJ. `deactivated`: Closed." }
}

extension VendorTaxCertificate: SchemaDescribed {
    public static var schemaDescription: String { "A vendor's registered UMKM Surat Keterangan (PP 55/2022): with it the final income tax of 0.5% applies instead of PPh 22/23, on the days it is valid." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorId": "The vendor.",
            "certificate": "The Surat Keterangan: number, validity, and what the tax office printed on it.",
            "registeredAt": "When the vendor registered it: an instant, ISO 8601 UTC with milliseconds.",
        ]
    }
}

extension VendorTaxCertificateRef: SchemaDescribed {
    public static var schemaDescription: String { "Names a vendor." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorId": "The vendor's id; the caller's own vendor when omitted.",
        ]
    }
}

extension VendorTaxCertificateView: SchemaDescribed {
    public static var schemaDescription: String { "A vendor's registered Surat Keterangan, if any." }
    public static var fieldDescriptions: [String: String] {
        [
            "certificate": "The certificate, or null when the vendor registered none.",
            "validToday": "Whether it is valid today.",
        ]
    }
}

extension VendorTerms: SchemaDescribed {
    public static var schemaDescription: String { "The vendor terms in force: what `vendor.register`'s `acceptedTermsVersion` must name." }
    public static var fieldDescriptions: [String: String] {
        [
            "version": "The version a registration must accept (`acceptedTermsVersion`), e.g. `2026-1`.",
            "effectiveFrom": "The first calendar day they apply, `YYYY-MM-DD` in the tenant's time zone.",
            "legalBasis": "Where the duty to accept them comes from.",
            "text": "The full text (Indonesian), paragraphs separated by blank lines.",
        ]
    }
}

extension VendorVerification: SchemaDescribed {
    public static var schemaDescription: String { "A verifier's confirmation that a registration matches its documents." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorID": "The vendor's id, as returned by `vendor.register`.",
            "version": "The version the verifier saw.",
            "domicileConfirmed": "Must be true: the verifier compared the KTP address and its region code with the KTP scan and found the holder domiciled in the tenant (annex I.C.2).",
            "reason": "A note, if any.",
        ]
    }
}

extension VerificationDecision: SchemaDescribed {
    public static var schemaDescription: String { "A verifier's decision on a revision. Values: `accepted`: Accept: this revision becomes the listed one. `rejected`: Reject, with reasons. `pending`: Keep it pending (e.g. documents to be checked offline), with a note." }
}

extension Warranty: SchemaDescribed {
    public static var schemaDescription: String { "The warranty offered." }
    public static var fieldDescriptions: [String: String] {
        [
            "months": "Months of warranty (0 for none). At the RPC boundary 0 to 1,200 (`InputLimits/months`).",
            "terms": "Terms in words (who services it, what is covered).",
        ]
    }
}
