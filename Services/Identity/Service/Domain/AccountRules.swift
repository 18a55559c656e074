import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// Who may grant which roles, and what makes a password acceptable (Balangan annex I.A–B,
/// Pasal 6: access is granted by an administrator; nobody but a vendor registers themselves).
enum AccountRules {
    /// Roles an agency administrator may grant, in their own agency only.
    static let agencyGrantable: Set<Role> = [.ppk, .procurementOfficial, .treasurer, .budgetHolder]
    /// Roles that belong to an agency (SKPD).
    static let agencyRoles: Set<Role> = [.ppk, .procurementOfficial, .treasurer, .budgetHolder, .agencyAdmin]
    /// Roles whose holders sign documents as civil servants and so print an NIP (PPK and
    /// Pejabat Pengadaan: Perpres 16/2018 Pasal 11-12 as amended; PA/KPA; the treasurer).
    static let civilServantRoles: Set<Role> = [.ppk, .procurementOfficial, .treasurer, .budgetHolder]

    /// The problems of an official's printed profile: an NIP for civil-servant roles unless the
    /// official is marked as not a civil servant, none for one so marked; rank and position one
    /// printable line each.
    static func profileProblems(
        roles: Set<Role>, nip: NIP?, rank: String?, position: String?, civilServant: Bool?
    ) -> [FieldError] {
        var problems: [FieldError] = []
        if civilServant == false, nip != nil {
            problems.append(
                FieldError(field: "nip", reason: "must be absent for an official who is not a civil servant"))
        }
        if civilServant != false, nip == nil, !roles.isDisjoint(with: civilServantRoles) {
            problems.append(
                FieldError(
                    field: "nip",
                    reason:
                        "is required for PPK, Pejabat Pengadaan, PA/KPA and treasurer accounts (set civilServant to false for a non-civil-servant official)"
                ))
        }
        for (field, value, max) in [("rank", rank, 100), ("position", position, 200)] {
            guard let value else { continue }
            if value.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(FieldError(field: field, reason: "must not be blank; leave it out instead"))
            } else if let reason = InputRules.freeTextProblem(value, max: max, multiline: false) {
                problems.append(FieldError(field: field, reason: reason))
            }
        }
        return problems
    }

    /// Why `creator` may not create an account with `roles` in `tenant`/`agency`, or nil if allowed.
    static func refusal(creator: Principal, roles: Set<Role>, tenant: String?, agency: String?) -> DomainRefusal? {
        if roles.isEmpty { return .validationFailed(field: "roles", reason: "at least one role is required") }
        if roles.contains(.vendor) {
            return .validationFailed(field: "roles", reason: "vendors register themselves with vendor.register")
        }
        if roles.contains(.monitor) && roles.count > 1 {
            return .validationFailed(
                field: "roles", reason: "the national monitor role cannot be combined with tenant roles")
        }
        if !roles.contains(.monitor) && tenant == nil {
            return .validationFailed(field: "tenant", reason: "is required for this role")
        }
        if !roles.isDisjoint(with: agencyRoles) && agency == nil {
            return .validationFailed(
                field: "agency",
                reason: "is required for PPK, Pejabat Pengadaan, treasurer, PA/KPA and agency administrators")
        }
        if creator.has(.superAdmin) { return nil }
        // An agency administrator: only agency-grantable roles, only in their own agency.
        guard roles.isSubset(of: agencyGrantable) else {
            return .forbidden(
                "an agency administrator may create only PPK, Pejabat Pengadaan, treasurer and PA/KPA accounts")
        }
        guard tenant == creator.tenant, agency == creator.agency else {
            return .forbidden("an agency administrator may create accounts only in their own agency")
        }
        return nil
    }

    /// Password rules: at least 10 characters, at most 256, not the username.
    static func passwordProblem(_ password: String, username: String, field: String) -> FieldError? {
        if password.count < 10 { return FieldError(field: field, reason: "must have at least 10 characters") }
        if password.utf8.count > 256 { return FieldError(field: field, reason: "must have at most 256 bytes") }
        if password.lowercased() == username.lowercased() {
            return FieldError(field: field, reason: "must not be the same as the username")
        }
        return nil
    }

    /// Usernames: 3–64 of a–z, 0–9, `.`, `_`, `-`.
    static func usernameProblem(_ username: String) -> FieldError? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        if username.count < 3 || username.count > 64 || !username.allSatisfy({ allowed.contains($0) }) {
            return FieldError(field: "username", reason: "must be 3 to 64 characters of a–z, 0–9, '.', '_' or '-'")
        }
        return nil
    }
}
