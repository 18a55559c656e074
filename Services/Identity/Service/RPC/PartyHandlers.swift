import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenSecurity
import SiOpenStorage

/// Corrections of the parties' printed data: a tenant's names, seat and regions, its emblem, an
/// agency's name and contact data. Each is audited and published with the record's new version.
extension AccountHandlers {
    func updateTenant(_ params: TenantUpdateParams, _ request: RequestContext) async throws -> TenantInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        try InputRules.requireText(params.name, field: "name", max: 200)
        let regions = try TenantRules.domicileRegions(params.domicileRegionCodes)
        try TenantRules.requirePrintedNames(governmentName: params.governmentName, seat: params.seat)
        let regionsColumn = try JSONColumn.text(regions)
        let at = context.now()
        return try await context.database.write { db in
            let before = try TenantStore.tenant(db, code: params.tenant)
            try TenantStore.update(db, params, regions: regionsColumn)
            let after = try TenantStore.tenant(db, code: params.tenant)
            try AuditTrail.append(
                db, tenant: after.code, actor: principal, method: TenantUpdate.name, targetType: "tenant",
                targetID: after.code, action: "updated", before: try JSONCoding.value(before),
                after: try JSONCoding.value(after), at: at)
            try EventFeed.publish(TenantUpdated.self, after, db: db, tenant: after.code, subjectID: after.code, at: at)
            return after
        }
    }

    func setEmblem(_ params: TenantEmblemUpload, _ request: RequestContext) async throws -> TenantInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requireCode(params.tenant, field: "tenant", length: 2...32, lowercaseOnly: true)
        let bytes = try UploadDecoding.bytes(
            fromBase64: params.contentBase64, field: "contentBase64", maxBytes: TenantRules.maxEmblemBytes)
        let image = try TenantRules.emblem(bytes)
        let sha256 = SHA256.hexDigest(bytes)
        let at = context.now()
        return try await context.database.write { db in
            let before = try TenantStore.tenant(db, code: params.tenant)
            try TenantStore.setEmblem(db, tenant: params.tenant, sha256: sha256, image: image, bytes: bytes, at: at)
            let after = try TenantStore.tenant(db, code: params.tenant)
            // The audit keeps the hash and dimensions, not the image (the event carries it).
            try AuditTrail.append(
                db, tenant: after.code, actor: principal, method: TenantSetEmblem.name, targetType: "tenant",
                targetID: after.code, action: "emblem_set", before: try JSONCoding.value(before),
                after: [
                    "emblemSha256": .string(sha256), "contentType": .string(image.mediaType),
                    "width": .integer(Int64(image.width)), "height": .integer(Int64(image.height)),
                    "version": .integer(after.version ?? 1),
                ], at: at)
            let emblem = TenantEmblem(
                tenant: after.code, sha256: sha256, contentType: image.mediaType, width: image.width,
                height: image.height, contentBase64: Data(bytes).base64EncodedString(),
                tenantVersion: after.version ?? 1)
            try EventFeed.publish(
                TenantEmblemSet.self, emblem, db: db, tenant: after.code, subjectID: after.code, at: at)
            return after
        }
    }

    func emblem(_ params: TenantScope, _ request: RequestContext) async throws -> TenantEmblem {
        let principal = try request.requirePrincipal()
        guard let tenant = params.tenant ?? principal.tenant else {
            throw RPCError.validationFailed(field: "tenant", reason: "is required for callers without a tenant")
        }
        return try await context.database.read { db in try TenantStore.emblem(db, tenant: tenant) }
    }

    func updateAgency(_ params: AgencyInfo, _ request: RequestContext) async throws -> AgencyInfo {
        let principal = try request.requirePrincipal()
        try InputRules.requirePrintableStrings(in: params)
        try TenantRules.requireAgencyData(params)
        // Super Admin any agency; an agency administrator only their own (not another tenant's, not a sibling's).
        if !principal.has(.superAdmin) {
            guard principal.has(.agencyAdmin), principal.tenant == params.tenant, principal.agency == params.code else {
                throw RPCError.forbidden("an agency administrator may update only their own agency")
            }
        }
        let at = context.now()
        return try await context.database.write { db in
            let before = try TenantStore.agency(db, tenant: params.tenant, code: params.code)
            try TenantStore.updateAgency(db, params)
            let after = try TenantStore.agency(db, tenant: params.tenant, code: params.code)
            try AuditTrail.append(
                db, tenant: after.tenant, actor: principal, method: AgencyUpdate.name, targetType: "agency",
                targetID: "\(after.tenant)/\(after.code)", action: "updated", before: try JSONCoding.value(before),
                after: try JSONCoding.value(after), at: at)
            try EventFeed.publish(
                AgencyUpdated.self, after, db: db, tenant: after.tenant, subjectID: after.code, at: at)
            return after
        }
    }
}
