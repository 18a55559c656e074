import SiOpenProtocol
import SiOpenRuntime
import Testing

@Suite("Text rules")
struct TextRulesTests {
    @Test(arguments: [
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
        "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}", "\u{2060}", "\u{FEFF}", "\u{00AD}",
        "\u{0000}", "\u{0007}", "\u{001B}", "\u{007F}", "\u{0085}", "\u{009B}", "\u{2028}", "\u{2029}", "\u{E000}",
        "\u{FFFF}",
    ])
    func hiddenCharactersAreRefusedEvenInParagraphs(character: String) {
        #expect(InputRules.freeTextProblem("Dinas \(character)Kesehatan", max: 100, multiline: true) != nil)
        #expect(InputRules.freeTextProblem("Dinas \(character)Kesehatan", max: 100, multiline: false) != nil)
    }

    @Test func lineBreaksOnlyInParagraphs() {
        for text in ["Baris satu\nBaris dua", "Kolom\tdua", "Windows\r\nbaris"] {
            #expect(InputRules.freeTextProblem(text, max: 100, multiline: true) == nil)
            #expect(InputRules.freeTextProblem(text, max: 100, multiline: false) != nil)
        }
        // Letters of every script, accents and emoji are fine.
        #expect(InputRules.freeTextProblem("Café Āčç 日本 Ωmega 🙂", max: 100, multiline: false) == nil)
        #expect(
            InputRules.freeTextProblem(String(repeating: "a", count: 101), max: 100, multiline: false)
                == "must have at most 100 characters")
    }

    @Test func documentNumbersAndCodesAreASCII() {
        #expect(InputRules.documentNumberProblem("027/BAST-DINKES/XII/2026") == nil)
        for bad in [
            "", " 1/SP", "1/SP ", "1/SP\u{202E}", "1/SP/DINK\u{0415}S", "1/SP\u{00A0}2",
            String(repeating: "1", count: 101),
        ] {
            #expect(InputRules.documentNumberProblem(bad) != nil, "\(bad.unicodeScalars.map(\.value))")
        }
        #expect(InputRules.codeProblem("DINKES_2-A") == nil)
        #expect(InputRules.codeProblem("balangan", lowercaseOnly: true) == nil)
        for bad in ["DINK\u{0415}S", "DIN KES", "", "DINKES\u{200B}", "\u{0661}\u{0662}", "Ｄ"] {
            #expect(InputRules.codeProblem(bad) != nil, "\(bad.unicodeScalars.map(\.value))")
        }
        #expect(InputRules.codeProblem("Balangan", lowercaseOnly: true) != nil)
        #expect(InputRules.codeProblem("a.b") != nil)
        #expect(InputRules.codeProblem("a.b", extra: ["."]) == nil)
    }

    struct Nested: Encodable {
        struct Line: Encodable {
            var description: String
        }
        var name: String
        var password: String
        var lines: [Line]
    }

    @Test func everyStringOfTheParamsIsLookedAtAndNamedByItsPath() {
        let clean = Nested(name: "Siti", password: "pass\u{202E}word", lines: [.init(description: "satu\ndua")])
        #expect(throws: Never.self) { try InputRules.requirePrintableStrings(in: clean) }
        let hostile = Nested(
            name: "Si\u{200B}ti", password: "x", lines: [.init(description: "ok"), .init(description: "\u{202E}bad")])
        do {
            try InputRules.requirePrintableStrings(in: hostile)
            Issue.record("hostile text was accepted")
        } catch let error as RPCError {
            #expect(error.code == 422)
            #expect(InputRules.fields(of: error).map(\.field) == ["lines[1].description", "name"])
        } catch {
            Issue.record("\(error)")
        }
    }
}
