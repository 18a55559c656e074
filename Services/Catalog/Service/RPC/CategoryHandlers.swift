import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// A tenant's delivery regions and category tree, managed by Super Admin.
struct CategoryHandlers {
    let context: CatalogContext

    func register(into table: inout RPCMethodTable) {
        table.register(CatalogSettingsSet.self) { params, request in try await setSettings(params, request) }
        table.register(CatalogSettingsGet.self) { params, request in
            let tenant = try CatalogContext.tenant(params.tenant, of: try request.requirePrincipal(), reading: true)
            return try await context.database.read { db in try CategoryStore.settings(db, tenant: tenant) }
        }
        table.register(CategoryCreate.self) { params, request in try await save(params, creating: true, request) }
        table.register(CategoryUpdate.self) { params, request in try await save(params, creating: false, request) }
        table.register(CategoryList.self) { params, request in
            let tenant = try CatalogContext.tenant(params.tenant, of: try request.requirePrincipal(), reading: true)
            return try await context.database.read { db in try CategoryStore.tree(db, tenant: tenant) }
        }
    }

    func setSettings(_ params: CatalogSettings, _ request: RequestContext) async throws -> CatalogSettings {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        var problems: [FieldError] = []
        var codes = Set<String>()
        for (index, region) in params.deliveryRegions.enumerated() {
            if !Self.isCode(region.code) {
                problems.append(
                    FieldError(field: "deliveryRegions[\(index)].code", reason: "must be 1 to 30 of A-Z, 0-9, - and _"))
            }
            if !codes.insert(region.code).inserted {
                problems.append(FieldError(field: "deliveryRegions[\(index)].code", reason: "is listed twice"))
            }
            if region.name.trimmingCharacters(in: .whitespaces).isEmpty || region.name.count > 100 {
                problems.append(
                    FieldError(field: "deliveryRegions[\(index)].name", reason: "must be 1 to 100 characters"))
            } else if let reason = InputRules.freeTextProblem(region.name, max: 100, multiline: false) {
                problems.append(FieldError(field: "deliveryRegions[\(index)].name", reason: reason))
            }
        }
        if params.deliveryRegions.isEmpty {
            problems.append(FieldError(field: "deliveryRegions", reason: "must name at least one region"))
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        let at = context.now()
        let kept = codes
        return try await context.database.write { db in
            let before = try CategoryStore.settings(db, tenant: params.tenant)
            // A region priced by a listed product stays: removing it would silently unprice offers.
            let removed = Set(before.deliveryRegions.map(\.code)).subtracting(kept)
            for code in removed.sorted() {
                if try CategoryStore.isRegionPriced(db, tenant: params.tenant, code: code) {
                    throw RPCError.conflict(
                        "region \(code) is priced by listed products and cannot be removed", currentState: "in_use")
                }
            }
            try CategoryStore.saveSettings(db, params, at: at)
            try AuditTrail.append(
                db, tenant: params.tenant, actor: principal, method: CatalogSettingsSet.name,
                targetType: "catalog_settings", targetID: params.tenant,
                action: "settings_set", before: try JSONCoding.value(before), after: try JSONCoding.value(params),
                at: at)
            return params
        }
    }

    /// Codes are short, upper-case and URL-safe so they read well in document numbers and logs.
    static func isCode(_ code: String) -> Bool {
        (1...30).contains(code.count)
            && code.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "-" || $0 == "_" }
    }

    func save(_ params: Category, creating: Bool, _ request: RequestContext) async throws -> Category {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        var problems: [FieldError] = []
        if !Self.isCode(params.code) {
            problems.append(FieldError(field: "code", reason: "must be 1 to 30 of A-Z, 0-9, - and _"))
        }
        if params.name.trimmingCharacters(in: .whitespaces).isEmpty || params.name.count > 200 {
            problems.append(FieldError(field: "name", reason: "must be 1 to 200 characters"))
        } else if let reason = InputRules.freeTextProblem(params.name, max: 200, multiline: false) {
            problems.append(FieldError(field: "name", reason: reason))
        }
        if params.parentCode == params.code {
            problems.append(FieldError(field: "parentCode", reason: "a category cannot be its own parent"))
        }
        if !creating && params.version == nil {
            problems.append(FieldError(field: "version", reason: "send the version read"))
        }
        if !problems.isEmpty { throw RPCError.validationFailed(problems) }
        let at = context.now()
        let stamp = Timestamp.iso8601(at)
        return try await context.database.write { db in
            if let parent = params.parentCode,
                try CategoryStore.category(db, tenant: params.tenant, code: parent) == nil
            {
                throw RPCError.validationFailed(field: "parentCode", reason: "no category \(parent) in this tenant")
            }
            let before = try CategoryStore.category(db, tenant: params.tenant, code: params.code)
            if creating {
                if before != nil {
                    throw RPCError.conflict("category \(params.code) already exists", currentState: "exists")
                }
                try CategoryStore.insert(db, params, at: stamp)
            } else {
                guard let before else { throw RPCError.notFound("category", id: params.code) }
                guard before.version == params.version else {
                    throw RPCError.conflict(
                        "category \(params.code) changed since it was read (version \(before.version ?? 0))",
                        currentState: "version \(before.version ?? 0)")
                }
                if let parent = params.parentCode,
                    try CategoryStore.subtree(db, tenant: params.tenant, code: params.code).contains(parent)
                {
                    throw RPCError.validationFailed(
                        field: "parentCode",
                        reason: "\(parent) is below \(params.code); a category cannot become its own ancestor")
                }
                try CategoryStore.update(db, params, at: stamp)
            }
            let after = try CategoryStore.category(db, tenant: params.tenant, code: params.code)!
            try AuditTrail.append(
                db, tenant: params.tenant, actor: principal,
                method: creating ? CategoryCreate.name : CategoryUpdate.name, targetType: "category",
                targetID: params.code, action: creating ? "created" : "updated",
                before: try before.map { try JSONCoding.value($0) },
                after: try JSONCoding.value(after), at: at)
            if creating {
                try EventFeed.publish(
                    CategoryCreated.self, after, db: db, tenant: params.tenant, subjectID: params.code, at: at)
            } else {
                try EventFeed.publish(
                    CategoryUpdated.self, after, db: db, tenant: params.tenant, subjectID: params.code, at: at)
            }
            return after
        }
    }
}
