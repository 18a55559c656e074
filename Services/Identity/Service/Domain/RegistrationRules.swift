import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// What a vendor's registration must hold before it is stored (annex I.C): domicile, the
/// documents of a business entity, the bank account, the accepted terms, printable texts.
enum RegistrationRules {
    /// The problems of a registration against the tenant's domicile (`domicile`, its Kemendagri
    /// region codes), the qualification rules (annex I.C.1) and the current vendor terms; empty
    /// when it may be stored. `checkCredentials` adds the username and password rules (a first
    /// registration).
    ///
    /// Domicile (annex I.C.2, "KTP Domisili") is the address on the KTP: its region code must lie
    /// in the tenant. The NIK's prefix is not looked at: a NIK is kept for life (UU 24/2013
    /// Pasal 13), so a Balangan resident may carry a NIK first issued in Banjarmasin (6371…).
    static func problems(
        _ registration: VendorRegistration, domicile: [String], checkCredentials: Bool, currentTermsVersion: String
    ) -> [FieldError] {
        var problems: [FieldError] = []
        if let ktp = registration.ktpAddress {
            if !ktp.regionCode.lies(in: domicile) {
                let regions = domicile.compactMap { try? RegionCode($0).dotted }.joined(separator: ", ")
                problems.append(
                    FieldError(
                        field: "ktpAddress.regionCode",
                        reason:
                            "the KTP address must lie in the tenant's region (\(regions)), not \(ktp.regionCode.dotted)"
                    ))
            }
            if ktp.street.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(FieldError(field: "ktpAddress.street", reason: "must not be empty"))
            } else if let reason = InputRules.freeTextProblem(ktp.street, max: 300, multiline: false) {
                problems.append(FieldError(field: "ktpAddress.street", reason: reason))
            }
        } else {
            problems.append(
                FieldError(
                    field: "ktpAddress",
                    reason: "the address on the KTP and its Kemendagri region code are required (the domicile)"))
        }
        if let position = registration.director?.position {
            if position.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(
                    FieldError(field: "director.position", reason: "must not be blank; leave it out instead"))
            } else if let reason = InputRules.freeTextProblem(position, max: 100, multiline: false) {
                problems.append(FieldError(field: "director.position", reason: reason))
            }
        }
        if registration.kind == .entity {
            if registration.nib == nil {
                problems.append(FieldError(field: "nib", reason: "is required for a business entity"))
            }
            if registration.deed == nil {
                problems.append(
                    FieldError(field: "deed", reason: "the deed of establishment is required for a business entity"))
            }
            if registration.director == nil {
                problems.append(
                    FieldError(field: "director", reason: "the director's identity is required for a business entity"))
            }
        }
        if let deed = registration.deed {
            if deed.number.isEmpty { problems.append(FieldError(field: "deed.number", reason: "must not be empty")) }
            if deed.ratificationNumber.isEmpty {
                problems.append(
                    FieldError(
                        field: "deed.ratificationNumber",
                        reason: "the ratification by the Ministry of Law and Human Rights is required"))
            }
            do { try InputRules.requireCivilDate(deed.date, field: "deed.date") } catch let error as RPCError {
                problems.append(contentsOf: InputRules.fields(of: error))
            } catch {}
        }
        if let director = registration.director, director.name.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldError(field: "director.name", reason: "must not be empty"))
        }
        for (field, value, max) in [
            ("name", registration.name, 200), ("address", registration.address, 500),
            ("businessLicenceNumber", registration.businessLicenceNumber, 100),
        ]
        where value.trimmingCharacters(in: .whitespaces).isEmpty || value.count > max {
            problems.append(FieldError(field: field, reason: "must be 1 to \(max) characters"))
        }
        // Every printed or displayed text: one line, no control or invisible characters.
        for (field, value, max) in [
            ("name", registration.name, Int.max), ("address", registration.address, Int.max),
            ("businessLicenceNumber", registration.businessLicenceNumber, Int.max),
            ("bankAccount.bank", registration.bankAccount.bank, 100),
            ("bankAccount.holderName", registration.bankAccount.holderName, 200),
            ("director.name", registration.director?.name ?? "", 200),
            ("deed.number", registration.deed?.number ?? "", 100),
            ("deed.ratificationNumber", registration.deed?.ratificationNumber ?? "", 100),
            ("acceptedTermsVersion", registration.acceptedTermsVersion, 50),
        ] {
            if let reason = InputRules.freeTextProblem(value, max: max, multiline: false) {
                problems.append(FieldError(field: field, reason: reason))
            }
        }
        let account = registration.bankAccount
        if account.bank.isEmpty { problems.append(FieldError(field: "bankAccount.bank", reason: "must not be empty")) }
        if account.holderName.isEmpty {
            problems.append(FieldError(field: "bankAccount.holderName", reason: "must not be empty"))
        }
        if !(5...30).contains(account.number.count) || !account.number.allSatisfy(\.isNumber) {
            problems.append(FieldError(field: "bankAccount.number", reason: "must be 5 to 30 digits"))
        }
        if registration.acceptedTermsVersion != currentTermsVersion {
            problems.append(
                FieldError(
                    field: "acceptedTermsVersion",
                    reason: "the current vendor terms are version \(currentTermsVersion) (see vendor.terms)"))
        }
        if checkCredentials {
            if let problem = AccountRules.usernameProblem(registration.username) { problems.append(problem) }
            if let problem = AccountRules.passwordProblem(
                registration.password, username: registration.username, field: "password")
            {
                problems.append(problem)
            }
        }
        return problems
    }
}

/// What must be on file before a verifier may verify a vendor (annex I.C.1; Polewali Mandar
/// Pasal 21): the KTP and NPWP; for a business entity also the NIB, the deed of establishment
/// with its ratification, and the business licence.
enum VerificationRules {
    /// The document types a vendor of `kind` must have uploaded.
    static func requiredDocuments(_ kind: VendorKind) -> [VendorDocumentType] {
        kind == .entity ? [.ktp, .npwp, .nib, .deed, .licence] : [.ktp, .npwp]
    }

    /// Why `vendor` may not be verified yet: the documents it lacks, the KTP address it has not
    /// given, the confirmation the verifier did not make; nil when it may be.
    static func refusal(_ vendor: VendorInfo, domicileConfirmed: Bool) -> DomainRefusal? {
        var problems: [FieldError] = []
        let uploaded = Set(vendor.documents.map(\.type))
        let missing = requiredDocuments(vendor.kind).filter { !uploaded.contains($0) }
        if !missing.isEmpty {
            problems.append(
                FieldError(
                    field: "documents",
                    reason: "missing required documents: \(missing.map(\.rawValue).joined(separator: ", "))"))
        }
        if vendor.ktpAddress == nil {
            problems.append(
                FieldError(
                    field: "ktpAddress",
                    reason: "the vendor has not given its KTP address: reject the registration so it resubmits with one"
                ))
        }
        if !domicileConfirmed {
            problems.append(
                FieldError(
                    field: "domicileConfirmed",
                    reason: "must be true: confirm the KTP address and its region code against the KTP scan"))
        }
        return problems.isEmpty ? nil : .validationFailed(problems)
    }
}
