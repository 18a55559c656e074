// The checks on a tenant's tax settings when Super Admin changes them.
import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime

/// Validates a tenant's ``TaxSettings``.
enum TaxSettingsRules {
    /// The most rule rows a table may hold.
    static let maxRules = 500
    /// The most rounding rules, deadline rules, or exempt category codes per row.
    static let maxSmallList = 100
    /// The most holidays a calendar may hold (about twenty years of national holidays and cuti bersama).
    static let maxHolidays = 2_000
    /// The largest denominator of a rate.
    static let maxDenominator: Int64 = 1_000_000

    /// Refuses (422, every broken field named by its path, e.g. `rules[2].effectiveFrom`) settings whose
    /// rows overlap in time for the same tax, scope and goods class, whose rates are out of bounds
    /// (denominator 1 to 1,000,000, rate below 100%), whose texts are blank or too long, whose
    /// periods end before they start, or whose ids, holidays or deadlines repeat or are out of range.
    static func validate(_ settings: TaxSettings) throws(DomainRefusal) {
        let problems = self.problems(settings)
        guard problems.isEmpty else { throw .validationFailed(problems) }
    }

    /// Every problem of `settings`, by field path; empty when they are valid.
    static func problems(_ settings: TaxSettings) -> [FieldError] {
        var problems: [FieldError] = []
        problems += ruleProblems(settings.rules)
        problems += roundingProblems(settings.roundingRules)
        problems += deadlineProblems(settings.depositDeadlines)
        problems += holidayProblems(settings.holidays)
        return problems
    }

    // MARK: Pieces

    /// A required single-line text: not blank, at most `max` characters, no control characters.
    static func text(_ value: String, field: String, max: Int) -> FieldError? {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return FieldError(field: field, reason: "must not be empty")
        }
        if let reason = InputRules.freeTextProblem(value, max: max, multiline: false) {
            return FieldError(field: field, reason: reason)
        }
        return nil
    }

    /// A period whose end is not before its start.
    static func period(_ from: CivilDate, _ until: CivilDate?, path: String) -> FieldError? {
        guard let until, until < from else { return nil }
        return FieldError(field: "\(path).effectiveUntil", reason: "must not be before effectiveFrom (\(from))")
    }

    /// Whether two periods share a day.
    static func overlap(_ a: (CivilDate, CivilDate?), _ b: (CivilDate, CivilDate?)) -> Bool {
        let aEndsBeforeB = a.1.map { $0 < b.0 } ?? false
        let bEndsBeforeA = b.1.map { $0 < a.0 } ?? false
        return !aEndsBeforeB && !bEndsBeforeA
    }

    /// A rate of 0 up to but not including 100% with a denominator of 1 to 1,000,000.
    static func rate(_ rate: TaxRate, path: String, allowWhole: Bool = false) -> [FieldError] {
        var problems: [FieldError] = []
        if !(1...maxDenominator).contains(rate.denominator) {
            problems.append(FieldError(field: "\(path).denominator", reason: "must be from 1 to \(maxDenominator)"))
        } else if rate.numerator < 0
            || (allowWhole ? rate.numerator > rate.denominator : rate.numerator >= rate.denominator)
        {
            problems.append(
                FieldError(
                    field: "\(path).numerator",
                    reason: allowWhole
                        ? "must be zero or more and at most the denominator"
                        : "must be zero or more and less than the denominator (a rate below 100%)"))
        }
        return problems
    }

    static let idPattern = try! NSRegularExpression(pattern: "^[a-z0-9][a-z0-9._-]{0,63}$")
    static let taxObjectCodePattern = try! NSRegularExpression(pattern: "^[0-9]{2}-[0-9]{3}-[0-9]{2}$")

    static func matches(_ pattern: NSRegularExpression, _ text: String) -> Bool {
        pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    // MARK: Rules

    static func ruleProblems(_ rules: [TaxRule]) -> [FieldError] {
        var problems: [FieldError] = []
        if rules.isEmpty { problems.append(FieldError(field: "rules", reason: "must list at least one rule")) }
        if rules.count > maxRules {
            problems.append(FieldError(field: "rules", reason: "must list at most \(maxRules) rules"))
            return problems
        }
        var ids: [String: Int] = [:]
        for (index, rule) in rules.enumerated() {
            let path = "rules[\(index)]"
            if !matches(idPattern, rule.id) {
                problems.append(
                    FieldError(
                        field: "\(path).id",
                        reason: "must be 1–64 of a–z, 0–9, `.`, `_`, `-`, starting with a letter or digit"))
            } else if let first = ids[rule.id] {
                problems.append(FieldError(field: "\(path).id", reason: "must differ from rules[\(first)].id"))
            } else {
                ids[rule.id] = index
            }
            problems += rate(rule.rate, path: "\(path).rate")
            let isPPN = rule.taxType == .ppn
            if let other = rule.otherBase {
                if isPPN {
                    problems += rate(other, path: "\(path).otherBase", allowWhole: true)
                    if other.numerator == 0 {
                        problems.append(
                            FieldError(field: "\(path).otherBase.numerator", reason: "must be more than zero"))
                    }
                } else {
                    problems.append(
                        FieldError(
                            field: "\(path).otherBase", reason: "must be null for PPh (only PPN has a DPP nilai lain)"))
                }
            }
            if !isPPN && rule.ppnGoodsClass != nil {
                problems.append(FieldError(field: "\(path).ppnGoodsClass", reason: "must be null for PPh"))
            }
            switch (isPPN, rule.base) {
            case (true, .priceExcludingPPN):
                problems.append(FieldError(field: "\(path).base", reason: "must be ppn_tax_base for PPN"))
            case (false, .ppnTaxBase):
                problems.append(FieldError(field: "\(path).base", reason: "must be price_excluding_ppn for PPh"))
            default: break
            }
            if (isPPN || rule.taxType == .pphFinalUMKM) && rule.appliesTo != .any {
                problems.append(
                    FieldError(
                        field: "\(path).appliesTo",
                        reason: "must be any: \(rule.taxType.rawValue) applies to the whole payment"))
            }
            switch rule.taxObjectCode {
            case let code?:
                if !matches(taxObjectCodePattern, code) {
                    problems.append(
                        FieldError(field: "\(path).taxObjectCode", reason: "must be written NN-NNN-NN (e.g. 22-910-01)")
                    )
                }
            case nil:
                if !isPPN {
                    problems.append(
                        FieldError(field: "\(path).taxObjectCode", reason: "must be given for PPh: the slip prints it"))
                }
            }
            if !InputLimits.amount.contains(rule.threshold.amount) {
                problems.append(FieldError(field: "\(path).threshold", reason: "must be Rp0 to Rp1.000.000.000.000"))
            }
            if Set(rule.exemptMechanisms).count != rule.exemptMechanisms.count {
                problems.append(FieldError(field: "\(path).exemptMechanisms", reason: "must not repeat a mechanism"))
            }
            if rule.exemptCategoryCodes.count > maxSmallList {
                problems.append(
                    FieldError(field: "\(path).exemptCategoryCodes", reason: "must list at most \(maxSmallList) codes"))
            }
            for (codeIndex, code) in rule.exemptCategoryCodes.enumerated() {
                if let problem = text(code, field: "\(path).exemptCategoryCodes[\(codeIndex)]", max: 64) {
                    problems.append(problem)
                }
            }
            if let problem = period(rule.effectiveFrom, rule.effectiveUntil, path: path) { problems.append(problem) }
            if let problem = text(rule.legalBasis, field: "\(path).legalBasis", max: 500) { problems.append(problem) }
            if let problem = text(rule.source, field: "\(path).source", max: 1000) { problems.append(problem) }
        }
        // Overlaps: same tax, scopes that meet (equal, or one is `any`), goods classes that meet.
        for (later, rule) in rules.enumerated() {
            for earlier in 0..<later {
                let other = rules[earlier]
                guard other.taxType == rule.taxType else { continue }
                guard other.appliesTo == rule.appliesTo || other.appliesTo == .any || rule.appliesTo == .any else {
                    continue
                }
                guard
                    other.ppnGoodsClass == rule.ppnGoodsClass || other.ppnGoodsClass == nil || rule.ppnGoodsClass == nil
                else { continue }
                guard rule.effectiveUntil.map({ $0 >= rule.effectiveFrom }) ?? true,
                    other.effectiveUntil.map({ $0 >= other.effectiveFrom }) ?? true
                else { continue }
                if overlap((rule.effectiveFrom, rule.effectiveUntil), (other.effectiveFrom, other.effectiveUntil)) {
                    problems.append(
                        FieldError(
                            field: "rules[\(later)].effectiveFrom",
                            reason:
                                "must not overlap rules[\(earlier)] (\(other.id), \(other.effectiveFrom) to \(other.effectiveUntil.map(\.description) ?? "open")) for the same tax and part: end one before the other begins"
                        ))
                }
            }
        }
        return problems
    }

    // MARK: Rounding, deadlines, holidays

    static func roundingProblems(_ rules: [TaxRoundingRule]) -> [FieldError] {
        var problems: [FieldError] = []
        if rules.isEmpty { problems.append(FieldError(field: "roundingRules", reason: "must list at least one rule")) }
        if rules.count > maxSmallList {
            return problems + [FieldError(field: "roundingRules", reason: "must list at most \(maxSmallList) rules")]
        }
        for (index, rule) in rules.enumerated() {
            let path = "roundingRules[\(index)]"
            if let problem = period(rule.effectiveFrom, rule.effectiveUntil, path: path) { problems.append(problem) }
            if let problem = text(rule.legalBasis, field: "\(path).legalBasis", max: 500) { problems.append(problem) }
            if let problem = text(rule.source, field: "\(path).source", max: 1000) { problems.append(problem) }
            for earlier in 0..<index
            where overlap(
                (rule.effectiveFrom, rule.effectiveUntil), (rules[earlier].effectiveFrom, rules[earlier].effectiveUntil)
            ) {
                problems.append(
                    FieldError(field: "\(path).effectiveFrom", reason: "must not overlap roundingRules[\(earlier)]"))
            }
        }
        return problems
    }

    static func deadlineProblems(_ rules: [DepositDeadlineRule]) -> [FieldError] {
        var problems: [FieldError] = []
        if rules.isEmpty {
            problems.append(FieldError(field: "depositDeadlines", reason: "must list at least one rule"))
        }
        if rules.count > maxSmallList {
            return problems + [FieldError(field: "depositDeadlines", reason: "must list at most \(maxSmallList) rules")]
        }
        for (index, rule) in rules.enumerated() {
            let path = "depositDeadlines[\(index)]"
            if !(1...28).contains(rule.dayOfFollowingMonth) {
                problems.append(
                    FieldError(field: "\(path).dayOfFollowingMonth", reason: "must be 1 to 28 (a day every month has)"))
            }
            if Set(rule.taxTypes).count != rule.taxTypes.count {
                problems.append(FieldError(field: "\(path).taxTypes", reason: "must not repeat a tax"))
            }
            if let problem = period(rule.effectiveFrom, rule.effectiveUntil, path: path) { problems.append(problem) }
            if let problem = text(rule.legalBasis, field: "\(path).legalBasis", max: 500) { problems.append(problem) }
            if let problem = text(rule.source, field: "\(path).source", max: 1000) { problems.append(problem) }
            for earlier in 0..<index {
                let other = rules[earlier]
                // Rules for every tax and rules naming taxes are tiers (a named tax wins): only the same tier overlaps.
                let sameTier = rule.taxTypes.isEmpty == other.taxTypes.isEmpty
                let shareTax = rule.taxTypes.isEmpty || !Set(rule.taxTypes).isDisjoint(with: other.taxTypes)
                if sameTier && shareTax
                    && overlap((rule.effectiveFrom, rule.effectiveUntil), (other.effectiveFrom, other.effectiveUntil))
                {
                    problems.append(
                        FieldError(
                            field: "\(path).effectiveFrom",
                            reason: "must not overlap depositDeadlines[\(earlier)] for the same tax"))
                }
            }
        }
        return problems
    }

    static func holidayProblems(_ holidays: [TaxHoliday]) -> [FieldError] {
        var problems: [FieldError] = []
        if holidays.count > maxHolidays {
            return [FieldError(field: "holidays", reason: "must list at most \(maxHolidays) days")]
        }
        var seen: [CivilDate: Int] = [:]
        for (index, holiday) in holidays.enumerated() {
            let path = "holidays[\(index)]"
            if let first = seen[holiday.date] {
                problems.append(
                    FieldError(
                        field: "\(path).date", reason: "must differ from holidays[\(first)].date (one entry a day)"))
            } else {
                seen[holiday.date] = index
            }
            if let problem = text(holiday.name, field: "\(path).name", max: 200) { problems.append(problem) }
            if let problem = text(holiday.legalBasis, field: "\(path).legalBasis", max: 500) {
                problems.append(problem)
            }
            if let problem = text(holiday.source, field: "\(path).source", max: 1000) { problems.append(problem) }
        }
        return problems
    }
}
