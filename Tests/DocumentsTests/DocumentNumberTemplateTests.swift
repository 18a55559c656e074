// Document number templates (Shared/Documents/DocumentNumberTemplate.swift): placeholders,
// validation, and the shapes that typed numbers may not take.
import Foundation
import SiOpenDocuments
import SiOpenDomain
import SiOpenProtocol
import SiOpenTestSupport
import Testing

/// The RPCError `body` throws, or nil when it succeeds.
private func refusal(_ body: () throws -> Void) -> RPCError? {
    do {
        try body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: -1, message: "non-RPC error: \(error)")
    }
}

/// A calendar day from a literal.
private func day(_ text: String) -> CivilDate {
    do { return try CivilDate(text) } catch { fatalError("bad date literal \(text)") }
}

/// Expects a 422 naming exactly `fields`.
private func expectValidation(
    _ error: RPCError?, fields: Set<String>, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(error?.code == 422, "expected 422, got \(String(describing: error))", sourceLocation: sourceLocation)
    #expect(fieldNames(error) == fields, "fields of \(String(describing: error))", sourceLocation: sourceLocation)
}

@Suite("Document numbers")
struct DocumentNumberTests {
    @Test func rendersTheDefaultSuratPesananNumber() throws {
        let template = try DocumentNumberTemplate(DocumentNumberTemplate.suratPesananDefault)
        #expect(
            try template.render(sequence: 7, agency: "DINKES", tenant: "balangan", date: day("2026-03-05"))
                == "7/SP/DINKES/III/2026")
        let bast = try DocumentNumberTemplate(DocumentNumberTemplate.bastDefault)
        #expect(
            try bast.render(sequence: 12, agency: "DINKES", tenant: "", date: day("2026-12-31"))
                == "12/BAST/DINKES/XII/2026")
    }

    @Test func everyPlaceholder() throws {
        let template = try DocumentNumberTemplate("{tenant}-{seq:4}/{month}/{year}")
        #expect(template.usesTenant && !template.usesAgency)
        #expect(
            try template.render(sequence: 7, agency: "", tenant: "BLG", date: day("2026-03-05")) == "BLG-0007/03/2026")
        #expect(
            try template.render(sequence: 12_345, agency: "", tenant: "BLG", date: day("2026-11-05"))
                == "BLG-12345/11/2026")
    }

    @Test func romanMonths() throws {
        let template = try DocumentNumberTemplate("{seq}/{roman month}")
        let expected = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
        for (index, numeral) in expected.enumerated() {
            let date = day(String(format: "2026-%02d-15", index + 1))
            #expect(try template.render(sequence: 1, agency: "", tenant: "", date: date) == "1/\(numeral)")
        }
    }

    @Test(arguments: [
        "{seq}/SP/{agensi}/{year}", "SP/{agency}/{year}", "{seq}/{seq}", "{seq}/SP/{agency", "{seq}/SP}", "{seq:0}",
        "{seq:13}",
        "{seq:x}", "{seq:+4}", "{seq:}", "{{seq}}", "", "{Seq}",
    ])
    func refusesBadTemplates(_ text: String) {
        expectValidation(refusal { _ = try DocumentNumberTemplate(text) }, fields: ["template"])
    }

    @Test func refusesOverlongTemplates() {
        let long = "{seq}" + String(repeating: "x", count: DocumentNumberTemplate.maximumLength)
        expectValidation(refusal { _ = try DocumentNumberTemplate(long) }, fields: ["template"])
    }

    @Test func unknownPlaceholderIsNamed() {
        let error = refusal { _ = try DocumentNumberTemplate("{seq}/{bulan}") }
        #expect(error?.message.contains("{bulan}") == true)
    }

    @Test func renderingChecksItsInputs() throws {
        let template = try DocumentNumberTemplate(DocumentNumberTemplate.suratPesananDefault)
        expectValidation(
            refusal { _ = try template.render(sequence: 0, agency: "DINKES", tenant: "", date: day("2026-03-05")) },
            fields: ["sequence"])
        expectValidation(
            refusal { _ = try template.render(sequence: 1, agency: "", tenant: "", date: day("2026-03-05")) },
            fields: ["agency"])
    }

    @Test func codableRevalidates() throws {
        let template = try DocumentNumberTemplate("{seq:3}/SP/{year}")
        let data = try JSONEncoder().encode(template)
        #expect(try JSONDecoder().decode(String.self, from: data) == "{seq:3}/SP/{year}", "encodes as a plain string")
        #expect(try JSONDecoder().decode(DocumentNumberTemplate.self, from: data) == template)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DocumentNumberTemplate.self, from: Data(#""{nope}""#.utf8))
        }
    }

    @Test func aTemplateReservesTheShapeOfItsNumbersForEveryAgency() throws {
        let bast = try DocumentNumberTemplate(DocumentNumberTemplate.bastDefault)
        for number in [
            "1/BAST/DINKES/XII/2026", "1/bast/dinkes/xii/2026", "0042/BAST/PUPR/IV/1999", "9/BAST/RSUD-2/IX/2027",
            "3/BAST/DIN.KES/X/2026",
        ] {
            #expect(bast.reserves(number), "\(number)")
        }
        for number in [
            "BAST/1/DINKES/XII/2026", "1/BAST/DINKES/XIII/2026", "1/BAST/DINKES/XII/26", "A/BAST/DINKES/XII/2026",
            "1/BAST//XII/2026", "027/BA-PUPR/2026", "1/BAST/DINKES/XII/2026/x",
        ] {
            #expect(!bast.reserves(number), "\(number)")
        }
        let padded = try DocumentNumberTemplate("{tenant}-{seq:4}/{month}/{year}")
        #expect(padded.reserves("balangan-0007/03/2026"))
        #expect(!padded.reserves("balangan-0007/13/2026"))
        // Many adjacent placeholders stay fast (positions, not backtracking).
        let greedy = try DocumentNumberTemplate(String(repeating: "{agency}", count: 24) + "{seq}")
        #expect(!greedy.reserves(String(repeating: "A", count: 99) + "/"))
    }

    @Test func templatesPrintOnlyPrintableASCII() {
        for text in ["{seq}/SP/\u{202E}{year}", "{seq}/SP/DINK\u{0415}S", "{seq}\t/SP", "{seq}/\u{200B}SP"] {
            expectValidation(refusal { _ = try DocumentNumberTemplate(text) }, fields: ["template"])
        }
    }
}
