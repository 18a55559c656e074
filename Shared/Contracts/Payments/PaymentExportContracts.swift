import SiOpenDomain
import SiOpenProtocol

/// The file format of a tax-period export.
public enum TaxExportFormat: String, Codable, Sendable, Hashable, CaseIterable, JSONSchemaDescribing {
    /// Coretax e-Bupot BPPU bulk XML (only for `tax.exportBPPU`).
    case xml
    /// Comma-separated values, one row per slip or tax line.
    case csv
    /// A printable PDF (only for `tax.monthlyReport`).
    case pdf
}

/// A tax period of an agency and the file format wanted.
public struct TaxExportParams: Codable, Sendable, Hashable {
    /// Tenant (supervisors may name one; others their own).
    public var tenant: String?
    /// The agency (supervisors name one; the agency's officials their own).
    public var agency: String?
    /// The year, 2000–2100.
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The format.
    public var format: TaxExportFormat

    /// Creates it.
    public init(tenant: String? = nil, agency: String? = nil, year: Int, month: Int, format: TaxExportFormat) {
        self.tenant = tenant
        self.agency = agency
        self.year = year
        self.month = month
        self.format = format
    }
}

/// An exported file.
public struct ExportedFile: Codable, Sendable, Hashable {
    /// A file name to save it under.
    public var fileName: String
    /// Its media type (`application/xml`, `text/csv`, `application/pdf`).
    public var contentType: String
    /// The file, standard base64.
    public var contentBase64: String
    /// How many slips or lines it holds.
    public var rowCount: Int

    /// Creates it.
    public init(fileName: String, contentType: String, contentBase64: String, rowCount: Int) {
        self.fileName = fileName
        self.contentType = contentType
        self.contentBase64 = contentBase64
        self.rowCount = rowCount
    }
}

/// `tax.exportBPPU`: the Coretax e-Bupot BPPU bulk file of a tax period.
public enum TaxExportBPPU: RPCMethod {
    /// The wire name.
    public static let name = "tax.exportBPPU"
    /// What it does.
    public static let summary =
        "The Coretax e-Bupot BPPU bulk file (XML, or CSV of the same) of an agency's tax period: one record per PPh slip of the payments settled in the period."
    /// Who may call it.
    public static let access = TaxLines.access
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The period and format (xml or csv).
    public typealias Params = TaxExportParams
    /// The file.
    public typealias Result = ExportedFile
}

/// `tax.monthlyReport`: the treasurer's monthly report, rendered.
public enum TaxMonthlyReport: RPCMethod {
    /// The wire name.
    public static let name = "tax.monthlyReport"
    /// What it does.
    public static let summary =
        "The treasurer's monthly report of an agency's tax period as PDF or CSV: every payment and tax line with deposit reference and due date, undeposited and overdue lines marked."
    /// Who may call it.
    public static let access = TaxLines.access
    /// The errors it may answer.
    public static let errors: [ApplicationErrorCode]? = [.forbidden, .validationFailed]
    /// A read: safe to retry.
    public static let isIdempotent = true
    /// The period and format (pdf or csv).
    public typealias Params = TaxExportParams
    /// The file.
    public typealias Result = ExportedFile
}
