import Foundation
import PaymentsService
import SiOpenDomain
import Testing

/// The Coretax e-Bupot BPPU bulk XML and its CSV.
@Suite struct BPPUExportTests {
    typealias F = ExportFixtures

    /// The element order of a `Bpu` in DJP's BPPU template (and in Odoo's sample).
    static let bpuElements = [
        "TaxPeriodMonth", "TaxPeriodYear", "CounterpartTin", "IDPlaceOfBusinessActivityOfIncomeRecipient",
        "TaxCertificate", "TaxObjectCode", "TaxBase", "Rate", "Document", "DocumentNumber", "DocumentDate",
        "IDPlaceOfBusinessActivity", "GovTreasurerOpt", "SP2DNumber", "WithholdingDate",
    ]

    @Test func writesTheTemplatesStructureAndValues() throws {
        let xml = try BPPUExport.xml(F.batch())
        let text = String(decoding: xml, as: UTF8.self)
        #expect(
            text.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BpuBulk xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
            ))
        let read = try #require(XMLReadBack.read(xml), "the export must be well-formed XML")
        #expect(read.childNames(of: "BpuBulk") == ["TIN", "ListOfBpu"])
        #expect(read.childNames(of: "BpuBulk/ListOfBpu") == ["Bpu", "Bpu"])
        #expect(read.childNames(of: "BpuBulk/ListOfBpu/Bpu", occurrence: 0) == Self.bpuElements)
        #expect(read.childNames(of: "BpuBulk/ListOfBpu/Bpu", occurrence: 1) == Self.bpuElements)
        #expect(read.texts("BpuBulk/TIN") == ["0006311013731000"])
        let bpu = "BpuBulk/ListOfBpu/Bpu/"
        #expect(read.texts(bpu + "TaxPeriodMonth") == ["11", "11"])
        #expect(read.texts(bpu + "TaxPeriodYear") == ["2026", "2026"])
        #expect(read.texts(bpu + "CounterpartTin") == ["0021234562731000", "6311011501900001"])
        #expect(
            read.texts(bpu + "IDPlaceOfBusinessActivityOfIncomeRecipient") == [
                "0021234562731000000000", "6311011501900001000000",
            ])
        #expect(read.texts(bpu + "TaxCertificate") == ["N/A", "PP23"])
        #expect(read.texts(bpu + "TaxBase") == ["10000000", "4000000"])
        #expect(read.texts(bpu + "Rate") == ["1.5", "0.5"])
        #expect(read.texts(bpu + "Document") == ["PaymentProof", "PaymentProof"])
        #expect(read.texts(bpu + "DocumentDate") == ["2026-11-20", ""])
        #expect(read.texts(bpu + "GovTreasurerOpt") == ["Direct", "Imprest"])
        #expect(read.texts(bpu + "SP2DNumber") == ["00123/SP2D/LS/2026", ""])
        #expect(read.texts(bpu + "WithholdingDate") == ["2026-11-20", "2026-11-28"])
        #expect(text.contains("<DocumentDate xsi:nil=\"true\"/>"))
        #expect(text.contains("<SP2DNumber xsi:nil=\"true\"/>"))
        #expect(try BPPUExport.xml(F.batch()) == xml, "the same batch must give the same bytes")
    }

    @Test func validatesAgainstTheSchema() throws {
        guard let verdict = try F.schemaCheck(try BPPUExport.xml(F.batch())) else {
            print(F.xmllintMissing)
            return
        }
        #expect(verdict.valid, "\(verdict.message)")
    }

    @Test func theSchemaRejectsWhatCoretaxWould() throws {
        // The schema is ours (a transcription of the template): check that it bites.
        var xml = String(decoding: try BPPUExport.xml(F.batch()), as: UTF8.self)
        xml = xml.replacingOccurrences(
            of: "<GovTreasurerOpt>Direct</GovTreasurerOpt>", with: "<GovTreasurerOpt>LS</GovTreasurerOpt>")
        guard let verdict = try F.schemaCheck(Array(xml.utf8)) else {
            print(F.xmllintMissing)
            return
        }
        #expect(!verdict.valid)
    }

    @Test func anEmptyPeriodIsAnEmptyListStillValid() throws {
        let xml = try BPPUExport.xml(F.batch([]))
        let read = try #require(XMLReadBack.read(xml))
        #expect(read.childNames(of: "BpuBulk") == ["TIN", "ListOfBpu"])
        #expect(read.childNames(of: "BpuBulk/ListOfBpu").isEmpty)
        #expect(try BPPUExport.csv(F.batch([])) == CSVText.row(BPPUExport.csvHeader))
        if let verdict = try F.schemaCheck(xml) {
            #expect(verdict.valid, "\(verdict.message)")
        } else {
            print(F.xmllintMissing)
        }
    }

    @Test func hostileTextIsEscapedAndReadsBackTheSame() throws {
        let hostile = "KW <001> & \"Co\" 'x' ]]> — Pengadaan Kursi Tamu ✓ 漢字"
        var slips = F.slips()
        slips[0].documentNumber = hostile
        slips[0].sp2dNumber = "</SP2DNumber><Injected/>"
        slips[0].counterpartName = "CV <Maju> & \"Jaya\""
        let xml = try BPPUExport.xml(F.batch(slips))
        let text = String(decoding: xml, as: UTF8.self)
        #expect(!text.contains("<001>") && !text.contains("<Injected/>"))
        #expect(text.contains("KW &lt;001&gt; &amp; &quot;Co&quot; &apos;x&apos; ]]&gt;"))
        let read = try #require(XMLReadBack.read(xml))
        #expect(read.texts("BpuBulk/ListOfBpu/Bpu/DocumentNumber").first == hostile)
        #expect(read.texts("BpuBulk/ListOfBpu/Bpu/SP2DNumber").first == "</SP2DNumber><Injected/>")
        #expect(!read.elements.contains { $0.path.hasSuffix("Injected") })
        if let verdict = try F.schemaCheck(xml) {
            #expect(verdict.valid, "\(verdict.message)")
        } else {
            print(F.xmllintMissing)
        }
    }

    @Test(arguments: ["\u{0}", "\u{1}", "\u{1B}[31m", "line\nbreak", "tab\there", "\u{85}", "\u{FFFE}"])
    func controlCharactersAreRefusedNamingTheField(_ bad: String) throws {
        var slips = F.slips()
        slips[1].documentNumber = "KW-" + bad
        let refusal = #expect(throws: DomainRefusal.self) { try BPPUExport.xml(F.batch(slips)) }
        #expect(refusal?.kind == .validation)
        #expect(refusal?.fields.map(\.field) == ["slips[1].documentNumber"])
        #expect(throws: DomainRefusal.self) { try BPPUExport.csv(F.batch(slips)) }
    }

    @Test func legacyAnd16DigitNPWPsGoOutAs16Digits() throws {
        // The same vendor given as punctuated legacy, plain 15 digits and 16 digits: one TIN.
        for form in ["02.123.456.2-731.000", "021234562731000", "0021234562731000"] {
            var slips = F.slips()
            slips[0].counterpartNPWP = try NPWP(form)
            let read = try #require(XMLReadBack.read(try BPPUExport.xml(F.batch(slips))))
            #expect(read.texts("BpuBulk/ListOfBpu/Bpu/CounterpartTin").first == "0021234562731000")
        }
        // A NITKU built from the 15 legacy digits (21 digits) is refused, as is another NPWP's.
        var slips = F.slips()
        slips[0].counterpartNITKU = "021234562731000" + "000000"
        slips[1].counterpartNITKU = F.goodsVendor.value + "000000"
        let refusal = #expect(throws: DomainRefusal.self) { try BPPUExport.xml(F.batch(slips)) }
        #expect(refusal?.fields.map(\.field) == ["slips[0].counterpartNITKU", "slips[1].counterpartNITKU"])
    }

    @Test func refusesSlipsTheTaxOfficeWouldNot() throws {
        var slips = F.slips()
        slips[0].withholdingDate = F.date("2026-12-01")
        slips[0].taxBase = 0
        slips[0].taxObjectCode = "22100-09"
        slips[0].sp2dNumber = nil
        slips[1].sp2dNumber = "SP2D-9"
        slips[1].withholderNITKU = F.treasurer.value + "00000"
        slips[1].rateBasisPoints = -1
        let refusal = #expect(throws: DomainRefusal.self) { try BPPUExport.xml(F.batch(slips)) }
        #expect(
            Set(refusal?.fields.map(\.field) ?? []) == [
                "slips[0].withholdingDate", "slips[0].taxBase", "slips[0].taxObjectCode", "slips[0].sp2dNumber",
                "slips[1].sp2dNumber", "slips[1].withholderNITKU", "slips[1].rateBasisPoints",
            ])
    }

    @Test func aBadLargeBatchIsRefusedReadably() throws {
        var slips = Array(repeating: F.slips()[1], count: 1_000)
        for index in slips.indices { slips[index].documentNumber = "" }
        let refusal = #expect(throws: DomainRefusal.self) { try BPPUExport.xml(F.batch(slips)) }
        #expect(refusal?.fields.count == BPPUExport.maximumReportedProblems)
    }

    @Test func rateTextIsADecimalPercent() {
        #expect(BPPUExport.rateText(basisPoints: 150) == "1.5")
        #expect(BPPUExport.rateText(basisPoints: 200) == "2")
        #expect(BPPUExport.rateText(basisPoints: 50) == "0.5")
        #expect(BPPUExport.rateText(basisPoints: 25) == "0.25")
        #expect(BPPUExport.rateText(basisPoints: 5) == "0.05")
        #expect(BPPUExport.rateText(basisPoints: 0) == "0")
        #expect(BPPUExport.rateText(basisPoints: 10_000) == "100")
    }

    @Test func csvHasTheSameRowsQuotedAndDefused() throws {
        var slips = F.slips()
        slips[0].counterpartName = "=HYPERLINK(\"http://evil\",\"klik\")"
        slips[0].documentNumber = "+62-811, \"A\""
        slips[1].counterpartName = "@SUM(A1:A9)"
        slips[1].documentNumber = "-1+1"
        let csv = try BPPUExport.csv(F.batch(slips))
        #expect(csv.hasSuffix("\r\n"))
        let rows = F.parseCSV(csv)
        #expect(rows.count == 3)
        #expect(rows[0] == BPPUExport.csvHeader)
        #expect(rows.allSatisfy { $0.count == BPPUExport.csvHeader.count })
        let column = { (name: String) in BPPUExport.csvHeader.firstIndex(of: name)! }
        #expect(rows[1][column("CounterpartName")] == "'=HYPERLINK(\"http://evil\",\"klik\")")
        #expect(rows[1][column("DocumentNumber")] == "'+62-811, \"A\"")
        #expect(rows[2][column("CounterpartName")] == "'@SUM(A1:A9)")
        #expect(rows[2][column("DocumentNumber")] == "'-1+1")
        #expect(rows[1][column("CounterpartTin")] == "0021234562731000")
        #expect(rows[1][column("TaxBase")] == "10000000")
        #expect(rows[1][column("Rate")] == "1.5")
        #expect(rows[1][column("TaxAmount")] == "150000")
        #expect(rows[2][column("SP2DNumber")] == "")
        #expect(rows[2][column("DocumentDate")] == "")
        // The raw text never starts a cell with a formula character.
        for line in csv.split(separator: "\r\n") {
            #expect(!line.hasPrefix("=") && !line.contains(",=") && !line.contains(",@") && !line.contains(",+"))
        }
    }
}
