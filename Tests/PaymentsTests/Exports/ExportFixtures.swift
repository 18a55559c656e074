import Foundation
import PaymentsService
import SiOpenDomain
import SiOpenTestSupport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Identities and slips the export tests share: a Balangan agency treasurer withholding from a
/// PKP goods vendor (legacy 15-digit NPWP), and an individual services vendor paid under its NIK.
enum ExportFixtures {
    /// The treasurer's legacy NPWP 00.631.101.3-731.000 (taxpayer type 00: a government treasurer).
    static let treasurer = try! NPWP("00.631.101.3-731.000")
    /// The treasurer's NITKU: the 16-digit NPWP and the head office's place code.
    static let treasurerNITKU = treasurer.value + "000000"
    /// A PKP goods vendor's legacy NPWP, given in its 15 plain digits.
    static let goodsVendor = try! NPWP("021234562731000")
    /// An individual services vendor whose NPWP is its NIK.
    static let servicesVendor = try! NPWP("6311011501900001")

    static func date(_ text: String) -> CivilDate { try! CivilDate(text) }

    /// November 2026.
    static let period = try! BPPUTaxPeriod(year: 2026, month: 11)

    /// A PPh 22 slip on goods paid by LS (SP2D) and a PP 55 final slip on services paid from UP.
    static func slips() -> [BPPUSlip] {
        [
            BPPUSlip(
                slipNumber: "BP-2026-11-0001", counterpartName: "CV Maju Jaya", counterpartNPWP: goodsVendor,
                counterpartNITKU: goodsVendor.value + "000000", taxCertificate: .none, taxObjectCode: "22-910-01",
                taxBase: 10_000_000, rateBasisPoints: 150, taxAmount: 150_000, documentType: .paymentProof,
                documentNumber: "KW-001/DISDIK/XI/2026", documentDate: date("2026-11-20"),
                withholderNITKU: treasurerNITKU, govTreasurerOption: .direct, sp2dNumber: "00123/SP2D/LS/2026",
                withholdingDate: date("2026-11-20")),
            BPPUSlip(
                slipNumber: "BP-2026-11-0002", counterpartName: "Siti Aminah", counterpartNPWP: servicesVendor,
                counterpartNITKU: servicesVendor.value + "000000", taxCertificate: .umkmFinal,
                taxObjectCode: "28-423-01", taxBase: 4_000_000, rateBasisPoints: 50, taxAmount: 20_000,
                documentType: .paymentProof, documentNumber: "KW-002/DISDIK/XI/2026", documentDate: nil,
                withholderNITKU: treasurerNITKU, govTreasurerOption: .imprest, sp2dNumber: nil,
                withholdingDate: date("2026-11-28")),
        ]
    }

    static func batch(_ slips: [BPPUSlip] = slips()) -> BPPUBatch {
        BPPUBatch(withholderNPWP: treasurer, period: period, slips: slips)
    }

    /// The repository's root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// docs/coretax/bppu.xsd.
    static let schema = root + "/docs/coretax/bppu.xsd"

    /// xmllint's verdict on `xml` against the BPPU schema, or nil when xmllint is not installed.
    static func schemaCheck(_ xml: [UInt8]) throws -> (valid: Bool, message: String)? {
        guard PDFTools.available("xmllint") else { return nil }
        let folder = try makeShortTemporaryDirectory(prefix: "bppu")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/bupot.xml"
        try Data(xml).write(to: URL(fileURLWithPath: file))
        let result = try PDFTools.run("xmllint", ["--noout", "--schema", schema, file])
        return (result.status == 0, result.error)
    }

    /// The message a test prints when xmllint is missing.
    static let xmllintMissing =
        "xmllint is not installed (Debian: libxml2-utils; .ci/run installs it): schema validation skipped"

    /// Parses CSV as RFC 4180 writes it, into rows of cells.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        cell.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(cell)
                cell = ""
            } else if character == "\r\n" || character == "\n" {
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
            } else {
                cell.append(character)
            }
        }
        if !cell.isEmpty || !row.isEmpty { rows.append(row + [cell]) }
        return rows
    }
}

/// The elements of an XML file as a parser reads them back: each element's path and its text.
final class XMLReadBack: NSObject, XMLParserDelegate {
    /// `(path, text, attributes)` for every element, in document order.
    private(set) var elements: [(path: String, text: String, attributes: [String: String])] = []
    private var stack: [(name: String, text: String, attributes: [String: String], index: Int)] = []
    private(set) var error: String?

    /// Reads `xml`; nil when it is not well-formed.
    static func read(_ xml: [UInt8]) -> XMLReadBack? {
        let reader = XMLReadBack()
        let parser = XMLParser(data: Data(xml))
        parser.delegate = reader
        return parser.parse() ? reader : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let path = (stack.map(\.name) + [elementName]).joined(separator: "/")
        elements.append((path, "", attributes))
        stack.append((elementName, "", attributes, elements.count - 1))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        let top = stack.removeLast()
        elements[top.index].text = top.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The children's names of the first element at `path`, in order.
    func childNames(of path: String, occurrence: Int = 0) -> [String] {
        var seen = -1
        var result: [String] = []
        var inside = false
        for element in elements {
            if element.path == path {
                seen += 1
                inside = seen == occurrence
                continue
            }
            if inside, element.path.hasPrefix(path + "/") {
                let rest = element.path.dropFirst(path.count + 1)
                if !rest.contains("/") { result.append(String(rest)) }
            } else if inside && !element.path.hasPrefix(path + "/") {
                inside = false
            }
        }
        return result
    }

    /// The texts of every element at `path`.
    func texts(_ path: String) -> [String] { elements.filter { $0.path == path }.map(\.text) }
}
