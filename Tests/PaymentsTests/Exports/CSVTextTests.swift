import PaymentsService
import Testing

/// RFC 4180 quoting and formula-injection defusing.
@Suite struct CSVTextTests {
    @Test func quotesOnlyWhatNeedsIt() {
        #expect(CSVText.cell("plain") == "plain")
        #expect(CSVText.cell("a,b") == "\"a,b\"")
        #expect(CSVText.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.cell("two\nlines") == "\"two\nlines\"")
        #expect(CSVText.cell("") == "")
        #expect(CSVText.row(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
    }

    @Test(arguments: ["=1+2", "+1", "-1", "@A1", "\tx", "\rx"])
    func defusesFormulas(_ text: String) {
        let cell = CSVText.cell(text)
        #expect(cell.hasPrefix("'") || cell.hasPrefix("\"'"))
    }

    @Test func leavesNonFormulaTextAlone() {
        #expect(CSVText.cell("Rp1.000") == "Rp1.000")
        #expect(CSVText.cell("2026-11-20") == "2026-11-20")
        #expect(CSVText.cell("CV Maju ✓") == "CV Maju ✓")
    }
}
