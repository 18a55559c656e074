// The checks every service's document texts pass when a tenant sets them: the same rules for
// orders' DocumentTexts and payments' PaymentDocumentTexts, and for the stamp-duty rule both print.
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime

/// Checks of the dated texts and stamp-duty rules a tenant's documents print.
public enum DocumentTextChecks {
    /// One text to check: its field name, value, longest length, whether it is required and
    /// whether it may span lines.
    public struct Entry: Sendable {
        /// The field's name under its version, e.g. `systemName`.
        public var name: String
        /// The text.
        public var value: String
        /// The longest accepted, in characters.
        public var max: Int
        /// Whether it must not be blank.
        public var required: Bool
        /// Whether it may hold line breaks.
        public var multiline: Bool

        /// An entry; required, one line, unless told otherwise.
        public init(_ name: String, _ value: String, max: Int, required: Bool = true, multiline: Bool = false) {
            self.name = name
            self.value = value
            self.max = max
            self.required = required
            self.multiline = multiline
        }
    }

    /// Problems with a tenant's document settings (`prefix` names them, e.g. `documents`): no text
    /// version, each version's ``textProblems(_:verificationURLPrefix:field:)`` under
    /// `prefix.texts[i]`, and the stamp-duty versions' ``meteraiProblems(_:field:)`` under `prefix.meterai`.
    public static func problems(
        texts versions: [(entries: [Entry], verificationURLPrefix: String)], meterai: [BeaMeteraiRule], prefix: String
    ) -> [FieldError] {
        var problems: [FieldError] = []
        if versions.isEmpty {
            problems.append(FieldError(field: "\(prefix).texts", reason: "must hold at least one version"))
        }
        for (index, version) in versions.enumerated() {
            problems += textProblems(
                version.entries, verificationURLPrefix: version.verificationURLPrefix,
                field: "\(prefix).texts[\(index)]")
        }
        return problems + meteraiProblems(meterai, field: "\(prefix).meterai")
    }

    /// Problems with one version's texts (`field` names the version, e.g. `documents.texts[0]`):
    /// blank required texts, texts that break the free-text rules, and a verification address
    /// (`verificationURLPrefix`) that is neither empty nor an https:// address without spaces.
    public static func textProblems(_ entries: [Entry], verificationURLPrefix: String, field: String) -> [FieldError] {
        var problems: [FieldError] = []
        for entry in entries {
            if entry.required && entry.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(FieldError(field: "\(field).\(entry.name)", reason: "must not be empty"))
            } else if let reason = InputRules.freeTextProblem(entry.value, max: entry.max, multiline: entry.multiline) {
                problems.append(FieldError(field: "\(field).\(entry.name)", reason: reason))
            }
        }
        let prefix = verificationURLPrefix
        if !prefix.isEmpty && !(prefix.hasPrefix("https://") && !prefix.contains(" ")) {
            problems.append(
                FieldError(
                    field: "\(field).verificationURLPrefix",
                    reason: "must be empty or an https:// address without spaces"))
        }
        return problems
    }

    /// Problems with the stamp-duty versions (`field` names the list, e.g. `documents.meterai`):
    /// none at all, an amount of zero, a blank or malformed legal basis.
    public static func meteraiProblems(_ rules: [BeaMeteraiRule], field: String) -> [FieldError] {
        var problems: [FieldError] = []
        if rules.isEmpty { problems.append(FieldError(field: field, reason: "must hold at least one version")) }
        for (index, rule) in rules.enumerated() {
            let field = "\(field)[\(index)]"
            if rule.amount == .zero {
                problems.append(FieldError(field: "\(field).amount", reason: "must be more than zero"))
            }
            if rule.legalBasis.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(FieldError(field: "\(field).legalBasis", reason: "must not be empty"))
            } else if let reason = InputRules.freeTextProblem(rule.legalBasis, max: 500, multiline: false) {
                problems.append(FieldError(field: "\(field).legalBasis", reason: reason))
            }
        }
        return problems
    }
}
