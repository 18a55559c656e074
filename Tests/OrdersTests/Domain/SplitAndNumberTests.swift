import SiOpenContracts
import Foundation
import OrdersService
import SiOpenDomain
import SiOpenProtocol
import SiOpenTestSupport
import Testing

private func record(_ id: String, _ total: Rupiah, _ date: String, agency: String = "dinkes", vendor: String = "v1", product: String = "p1") -> PurchaseRecord {
    PurchaseRecord(orderID: id, agencyID: agency, vendorID: vendor, productID: product, total: total, date: day(date))
}

@Suite("Split purchase detection")
struct SplitPurchaseTests {
    let detector = SplitPurchaseDetector.standard
    let new = record("new", 4_000_000, "2026-03-31")

    @Test func flagsRelatedOrdersAboveTheCeiling() {
        let earlier = [
            record("o2", 3_000_000, "2026-03-20"),
            record("o1", 3_000_001, "2026-03-10"),
            record("other-agency", 9_000_000, "2026-03-20", agency: "dishub"),
            record("other-vendor", 9_000_000, "2026-03-20", vendor: "v2"),
            record("other-product", 9_000_000, "2026-03-20", product: "p2"),
        ]
        let finding = detector.check(new: new, earlier: earlier, ceiling: 10_000_000)
        #expect(finding?.relatedOrderIDs == ["o1", "o2"], "oldest first, only same agency, vendor and product")
        #expect(finding?.sum == 10_000_001)
        #expect(finding?.ceiling == 10_000_000)
    }

    @Test func exactlyTheCeilingIsNotFlagged() {
        let earlier = [record("o1", 3_000_000, "2026-03-10"), record("o2", 3_000_000, "2026-03-20")]
        #expect(detector.check(new: new, earlier: earlier, ceiling: 10_000_000) == nil)
    }

    @Test func windowEdgesAreInclusive() throws {
        #expect(detector.windowDays == 30)
        let thirtyBefore = record("o1", 6_000_001, "2026-03-01")
        let thirtyOneBefore = record("o0", 6_000_001, "2026-02-28")
        let thirtyAfter = record("o9", 6_000_001, "2026-04-30")
        let thirtyOneAfter = record("o10", 6_000_001, "2026-05-01")
        #expect(detector.check(new: new, earlier: [thirtyBefore], ceiling: 10_000_000)?.relatedOrderIDs == ["o1"])
        #expect(detector.check(new: new, earlier: [thirtyOneBefore], ceiling: 10_000_000) == nil)
        #expect(detector.check(new: new, earlier: [thirtyAfter], ceiling: 10_000_000)?.relatedOrderIDs == ["o9"])
        #expect(detector.check(new: new, earlier: [thirtyOneAfter], ceiling: 10_000_000) == nil)
        let sameDay = try SplitPurchaseDetector(windowDays: 0)
        #expect(sameDay.check(new: new, earlier: [record("o1", 6_000_001, "2026-03-31")], ceiling: 10_000_000) != nil)
        #expect(sameDay.check(new: new, earlier: [record("o1", 6_000_001, "2026-03-30")], ceiling: 10_000_000) == nil)
    }

    @Test func aLoneOrderIsNotASplit() {
        let big = record("new", 12_000_000, "2026-03-31")
        #expect(detector.check(new: big, earlier: [], ceiling: 10_000_000) == nil)
        #expect(detector.check(new: big, earlier: [record("new", 1, "2026-03-31")], ceiling: 10_000_000) == nil, "the new order itself is skipped")
    }

    @Test func hugeSumsAreStillFlagged() {
        let finding = detector.check(new: record("new", rp(.max), "2026-03-31"), earlier: [record("o1", 1, "2026-03-30")], ceiling: 10_000_000)
        #expect(finding?.sum.amount == .max)
    }

    @Test func theWindowIsValidated() {
        expectValidation(refusal { _ = try SplitPurchaseDetector(windowDays: -1) }, fields: ["windowDays"])
        expectValidation(refusal { _ = try SplitPurchaseDetector(windowDays: 367) }, fields: ["windowDays"])
    }
}

@Suite("Document numbers")
struct DocumentNumberTests {
    @Test func rendersTheDefaultSuratPesananNumber() throws {
        let template = try DocumentNumberTemplate(DocumentNumberTemplate.suratPesananDefault)
        #expect(try template.render(sequence: 7, agency: "DINKES", tenant: "balangan", date: day("2026-03-05")) == "7/SP/DINKES/III/2026")
        let bast = try DocumentNumberTemplate(DocumentNumberTemplate.bastDefault)
        #expect(try bast.render(sequence: 12, agency: "DINKES", tenant: "", date: day("2026-12-31")) == "12/BAST/DINKES/XII/2026")
    }

    @Test func everyPlaceholder() throws {
        let template = try DocumentNumberTemplate("{tenant}-{seq:4}/{month}/{year}")
        #expect(template.usesTenant && !template.usesAgency)
        #expect(try template.render(sequence: 7, agency: "", tenant: "BLG", date: day("2026-03-05")) == "BLG-0007/03/2026")
        #expect(try template.render(sequence: 12_345, agency: "", tenant: "BLG", date: day("2026-11-05")) == "BLG-12345/11/2026")
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
        "{seq}/SP/{agensi}/{year}", "SP/{agency}/{year}", "{seq}/{seq}", "{seq}/SP/{agency", "{seq}/SP}", "{seq:0}", "{seq:13}",
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
        expectValidation(refusal { _ = try template.render(sequence: 0, agency: "DINKES", tenant: "", date: day("2026-03-05")) }, fields: ["sequence"])
        expectValidation(refusal { _ = try template.render(sequence: 1, agency: "", tenant: "", date: day("2026-03-05")) }, fields: ["agency"])
    }

    @Test func codableRevalidates() throws {
        let template = try DocumentNumberTemplate("{seq:3}/SP/{year}")
        let data = try JSONEncoder().encode(template)
        #expect(try JSONDecoder().decode(String.self, from: data) == "{seq:3}/SP/{year}", "encodes as a plain string")
        #expect(try JSONDecoder().decode(DocumentNumberTemplate.self, from: data) == template)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DocumentNumberTemplate.self, from: Data(#""{nope}""#.utf8)) }
    }

    @Test func aTemplateReservesTheShapeOfItsNumbersForEveryAgency() throws {
        let bast = try DocumentNumberTemplate(DocumentNumberTemplate.bastDefault)
        for number in ["1/BAST/DINKES/XII/2026", "1/bast/dinkes/xii/2026", "0042/BAST/PUPR/IV/1999", "9/BAST/RSUD-2/IX/2027", "3/BAST/DIN.KES/X/2026"] {
            #expect(bast.reserves(number), "\(number)")
        }
        for number in ["BAST/1/DINKES/XII/2026", "1/BAST/DINKES/XIII/2026", "1/BAST/DINKES/XII/26", "A/BAST/DINKES/XII/2026", "1/BAST//XII/2026", "027/BA-PUPR/2026", "1/BAST/DINKES/XII/2026/x"] {
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
