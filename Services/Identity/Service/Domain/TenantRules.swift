import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// What a tenant's and an agency's printed data must be: the texts of a letterhead, the region
/// codes domicile is checked against, the emblem.
enum TenantRules {
    /// The largest emblem accepted, in bytes (a letterhead emblem is a few tens of KiB).
    static let maxEmblemBytes = 256 << 10
    /// The smallest and largest side of an emblem, in pixels.
    static let emblemSides = 16...4096

    /// The tenant's domicile regions as stored: each a kabupaten/kota code (4 digits, given
    /// `6311` or `63.11`), without dots, at least one, no repeats.
    static func domicileRegions(_ codes: [String]) throws(DomainRefusal) -> [String] {
        guard !codes.isEmpty, codes.count <= 50 else {
            throw .validationFailed(
                field: "domicileRegionCodes", reason: "must list 1 to 50 kabupaten/kota region codes, e.g. 63.11")
        }
        var problems: [FieldError] = []
        var regions: [String] = []
        for (index, text) in codes.enumerated() {
            do throws(IdentifierError) {
                let code = try RegionCode(text)
                guard code.value.count == 4 else {
                    throw IdentifierError(
                        reason: "must be a kabupaten/kota code of 4 digits (e.g. 63.11), not a kecamatan or desa")
                }
                if !regions.contains(code.value) { regions.append(code.value) }
            } catch {
                problems.append(FieldError(field: "domicileRegionCodes[\(index)]", reason: error.reason))
            }
        }
        if !problems.isEmpty { throw .validationFailed(problems) }
        return regions
    }

    /// The government name and seat: one printable line each (200 and 100 characters).
    static func requirePrintedNames(governmentName: String, seat: String?) throws(DomainRefusal) {
        var problems: [FieldError] = []
        for (field, value, max) in [("governmentName", governmentName, 200), ("seat", seat ?? "x", 100)] {
            if value.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(FieldError(field: field, reason: "must not be empty"))
            } else if let reason = InputRules.freeTextProblem(value, max: max, multiline: false) {
                problems.append(FieldError(field: field, reason: reason))
            }
        }
        if !problems.isEmpty { throw .validationFailed(problems) }
    }

    /// An agency's printed data: a name, and when given an address and an Indonesian phone number.
    static func requireAgencyData(_ agency: AgencyInfo) throws(DomainRefusal) {
        var problems: [FieldError] = []
        for (field, value, max) in [("name", agency.name, 200), ("address", agency.address, 300)] {
            guard let value else { continue }
            if value.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(FieldError(field: field, reason: "must not be empty"))
            } else if let reason = InputRules.freeTextProblem(value, max: max, multiline: false) {
                problems.append(FieldError(field: field, reason: reason))
            }
        }
        if let phone = agency.phone {
            do throws(IdentifierError) { _ = try PhoneNumber(phone) } catch {
                problems.append(FieldError(field: "phone", reason: error.reason))
            }
            if phone.count > 40 {
                problems.append(FieldError(field: "phone", reason: "must have at most 40 characters"))
            }
        }
        if !problems.isEmpty { throw .validationFailed(problems) }
    }

    /// The emblem's bytes read as an image the documents can embed: PNG or JPEG, whole, of sane
    /// dimensions, at most ``maxEmblemBytes``.
    static func emblem(_ bytes: [UInt8]) throws(DomainRefusal) -> DocumentImage {
        guard bytes.count <= maxEmblemBytes else {
            throw .validationFailed(
                field: "contentBase64", reason: "the emblem must be at most \(maxEmblemBytes / 1024) KiB")
        }
        let image: DocumentImage
        do throws(DocumentImageError) { image = try DocumentImage(bytes: bytes) } catch {
            throw .validationFailed(field: "contentBase64", reason: error.reason)
        }
        guard emblemSides.contains(image.width), emblemSides.contains(image.height) else {
            throw .validationFailed(
                field: "contentBase64",
                reason:
                    "the emblem must be \(emblemSides.lowerBound) to \(emblemSides.upperBound) pixels a side, not \(image.width)×\(image.height)"
            )
        }
        return image
    }
}
