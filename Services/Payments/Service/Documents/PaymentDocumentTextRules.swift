import Foundation
import SiOpenContracts
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol

/// The texts a tenant's payment documents print and the kuitansi's stamp-duty rule, as dated
/// data: the shipped examples (seeds for Balangan and Polewali Mandar), the version in force on
/// a day, and their checks. Nothing here is printed unless it comes from a tenant's settings or a seed.
enum PaymentDocumentTextRules {
    /// The shipped example of a tenant's payment document settings: its own where one is
    /// shipped (`balangan`, `polman`), Balangan's otherwise.
    static func seed(tenant: String) -> PaymentDocumentSettings { fatalError("not yet") }

    /// The texts in force on `date` under `settings` (the tenant's seed when nil): the latest
    /// version that has started (the earliest if none has).
    static func texts(_ settings: PaymentDocumentSettings?, tenant: String, on date: CivilDate) -> PaymentDocumentTexts {
        fatalError("not yet")
    }

    /// The stamp-duty rule in force on `date`, or nil before the first version.
    static func meterai(_ settings: PaymentDocumentSettings?, tenant: String, on date: CivilDate) -> BeaMeteraiRule? {
        fatalError("not yet")
    }

    /// The seal note with the contract basis filled in; `{kode}` stays for the register.
    static func sealNote(_ texts: PaymentDocumentTexts) -> String { fatalError("not yet") }

    /// Problems with a tenant's payment document settings, by field (`prefix` names the settings field).
    static func problems(_ documents: PaymentDocumentSettings?, prefix: String = "documents") -> [FieldError] {
        fatalError("not yet")
    }
}

/// What every printed payment document of a tenant needs besides its own content: the texts and
/// stamp-duty rule in force on its date, the place of signing, the calendar, the emblem.
struct PaymentDocumentSetting: Sendable {
    /// The texts in force on the document's date.
    var texts: PaymentDocumentTexts
    /// The stamp-duty rule in force on the document's date, if any.
    var meterai: BeaMeteraiRule?
    /// The place of signing (the regency's seat).
    var place: String
    /// The tenant's calendar (WITA for Balangan and Polewali Mandar).
    var calendar: TenantCalendar
    /// The regency's emblem file, when the service holds one.
    var emblem: Data?

    /// The setting of `tenant`'s payment documents dated `date` (seeds when `settings` is nil).
    static func of(
        _ settings: PaymentDocumentSettings?, tenant: String, on date: CivilDate, place: String, emblem: Data? = nil
    ) -> PaymentDocumentSetting {
        fatalError("not yet")
    }
}
