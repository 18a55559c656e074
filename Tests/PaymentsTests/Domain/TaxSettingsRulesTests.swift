// The checks on a tenant's tax settings: every broken field named by its path.
import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import Testing

@testable import PaymentsService

@Suite struct TaxSettingsRulesTests {
    func fields(_ settings: TaxSettings) -> [String] {
        TaxSettingsRules.problems(settings).map(\.field)
    }

    @Test func shippedDefaultsAreValid() throws {
        #expect(TaxSettingsRules.problems(.defaults) == [])
        try TaxSettingsRules.validate(.defaults)
    }

    @Test func defaultsRoundTripThroughJSON() throws {
        let data = try JSONEncoder().encode(TaxSettings.defaults)
        let decoded = try JSONDecoder().decode(TaxSettings.self, from: data)
        #expect(decoded == .defaults)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"thresholdIncludesPPN\":true"))
        #expect(text.contains("\"pph_final_umkm\""))
    }

    @Test func overlappingRulesAreRefused() {
        var settings = TaxSettings.defaults
        var rule = settings.rules.first { $0.id == "pph22-goods-2022" }!
        rule.id = "pph22-goods-2026"
        rule.effectiveFrom = .fixed("2026-01-01")
        settings.rules.append(rule)
        #expect(fields(settings) == ["rules[\(settings.rules.count - 1)].effectiveFrom"])
        // Ending the older row the day before removes the overlap.
        settings.rules = settings.rules.map { old in
            var old = old
            if old.id == "pph22-goods-2022" { old.effectiveUntil = .fixed("2025-12-31") }
            return old
        }
        #expect(fields(settings) == [])
    }

    @Test func anyScopeOverlapsEveryPart() {
        var settings = TaxSettings.defaults
        var rule = settings.rules.first { $0.id == "pph22-goods-2022" }!
        rule.id = "pph22-any"
        rule.appliesTo = .any
        settings.rules.append(rule)
        #expect(fields(settings).contains("rules[\(settings.rules.count - 1)].effectiveFrom"))
    }

    @Test func ratesAreBounded() {
        var settings = TaxSettings.defaults
        settings.rules[4].rate = TaxRate(numerator: 100, denominator: 100)
        settings.rules[5].rate = TaxRate(numerator: 1, denominator: 0)
        settings.rules[6].rate = TaxRate(numerator: -1, denominator: 100)
        settings.rules[6].otherBase = TaxRate(numerator: 1, denominator: 2)
        #expect(
            fields(settings) == [
                "rules[4].rate.numerator", "rules[5].rate.denominator", "rules[6].rate.numerator", "rules[6].otherBase",
            ])
    }

    @Test func textsAndCodesAreBounded() {
        var settings = TaxSettings.defaults
        settings.rules[0].legalBasis = "  "
        settings.rules[1].source = String(repeating: "x", count: 1001)
        settings.rules[4].taxObjectCode = "22910"
        settings.rules[5].taxObjectCode = nil
        settings.rules[6].id = "Bad ID"
        settings.holidays[0].name = ""
        #expect(
            fields(settings) == [
                "rules[0].legalBasis", "rules[1].source", "rules[4].taxObjectCode", "rules[5].taxObjectCode",
                "rules[6].id", "holidays[0].name",
            ])
    }

    @Test func periodsDeadlinesAndHolidays() {
        var settings = TaxSettings.defaults
        settings.rules[2].effectiveUntil = .fixed("2024-12-31")
        settings.depositDeadlines[2].dayOfFollowingMonth = 31
        settings.holidays.append(settings.holidays[0])
        settings.roundingRules.append(settings.roundingRules[1])
        let found = fields(settings)
        #expect(found.contains("rules[2].effectiveUntil"))
        #expect(found.contains("depositDeadlines[2].dayOfFollowingMonth"))
        #expect(found.contains("holidays[\(settings.holidays.count - 1)].date"))
        #expect(found.contains("roundingRules[2].effectiveFrom"))
    }

    @Test func validateThrowsWithEveryField() {
        var settings = TaxSettings.defaults
        settings.rules = []
        settings.roundingRules = []
        do {
            try TaxSettingsRules.validate(settings)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.kind == .validation)
            #expect(error.fields.map(\.field) == ["rules", "roundingRules"])
        }
    }
}
