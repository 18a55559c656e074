// swift-format-ignore-file
// Generated from the `///` comments of this module's Codable types; do not edit. After changing
// a comment, regenerate with `SIOPEN_REGENERATE=1 swift test --filter SchemaDescriptionsGeneratorTests`.

extension CursorParams: SchemaDescribed {
    public static var schemaDescription: String { "Where to continue reading an ordered list (an event feed, the audit trail, revocations)." }
    public static var fieldDescriptions: [String: String] {
        [
            "after": "The last sequence already read; 0 for the start.",
            "limit": "At most this many; each method states its default and maximum.",
        ]
    }
}

extension EmptyParams: SchemaDescribed {
    public static var schemaDescription: String { "Params of a method that takes none: accepts an omitted `params`, `{}` or `[]`." }
}

extension FieldError: SchemaDescribed {
    public static var schemaDescription: String { "A field that failed validation and why." }
    public static var fieldDescriptions: [String: String] {
        [
            "field": "The field's path in the params, e.g. `items[2].quantity`.",
            "reason": "Why the value was refused, for a person.",
        ]
    }
}

extension HealthReport: SchemaDescribed {
    public static var schemaDescription: String { "The answer to `system.health`." }
    public static var fieldDescriptions: [String: String] {
        [
            "status": "`ok` when serving normally, `degraded` when the database or disk is failing.",
            "service": "The service's name (`identity`, `catalog`, …).",
            "version": "The running SiOpen version (semantic versioning).",
            "uptimeSeconds": "Seconds since the process started serving.",
            "databaseOK": "Whether the service's database answered a query.",
            "freeDiskBytes": "Free bytes on the data folder's file system.",
            "pid": "The process id, so operators and the launcher can tell restarts apart.",
        ]
    }
}

extension HealthStatus: SchemaDescribed {
    public static var schemaDescription: String { "Whether a service can do its work. Values: `ok`: Serving normally. `degraded`: Running, but something it needs is failing (database, disk)." }
}

extension Principal: SchemaDescribed {
    public static var schemaDescription: String { "An authenticated caller: a person with roles in a tenant, or another SiOpen service." }
    public static var fieldDescriptions: [String: String] {
        [
            "kind": "Person or service.",
            "id": "The account id (for a service, its name).",
            "tenant": "The tenant (kabupaten or institution) the caller acts in; `nil` for services and cross-tenant roles.",
            "agency": "The agency (SKPD) of an official, if any.",
            "vendorID": "The vendor a vendor's account belongs to.",
            "roles": "The caller's roles.",
            "sessionID": "The session this principal was authenticated by, if any.",
        ]
    }
}

extension Principal.Kind: SchemaDescribed {
    public static var schemaDescription: String { "Whether the caller is a person or a service. Values: `user`: A signed-in person. `service`: Another SiOpen service." }
}

extension Role: SchemaDescribed {
    public static var schemaDescription: String { "The roles of SiOpen (Perbup Balangan 92/2023 annex I.A–B, plus the national monitor). Values: `super_admin`: Manages all features and all accounts. `agency_admin`: Creates PPK, treasurer and PA/KPA accounts for their agency; runs the helpdesk. `verifier`: Verifies vendors and products. `vendor`: A vendor (Penyedia). `ppk`: Pejabat Pembuat Komitmen: prepares and places orders. `procurement_official`: Pejabat Pengadaan (Perpres 16/2018 Pasal 9 and 14(3)): orders through the e-marketplace and proposes sanctions as a PPK does. `treasurer`: Bendahara Pengeluaran: pays vendors and withholds tax. `budget_holder`: PA/KPA: decides sanctions, acknowledges force-majeure orders. `ukpbj_head`: Head of the procurement unit (UKPBJ): decides vendor blocking. `auditor`: APIP: internal auditor, sees all transactions. `developer`: Maintainer of the system. `monitor`: The national agency: reads across tenants, for reports only." }
}
