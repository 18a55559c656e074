import Foundation
import PaymentsService
import SiOpenDomain
import SiOpenSecurity

#if canImport(Glibc)
    import Glibc
#endif

/// The payments service's figures. The Coretax e-Bupot BPPU export of a large tax period:
/// 100,000 slips through ``BPPUExport`` (every field checked, text escaped) as XML and as CSV,
/// next to two baselines over the same records in the same run: the same XML bytes built by plain
/// string interpolation and joins with no checks or escaping, and `JSONEncoder` of the records.
enum PaymentsBenchmark {
    static func run(slips count: Int) async throws {
        say("payments: Coretax e-Bupot BPPU export of \(count) slips, in process, best of 3 runs each")
        say(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; peak RSS is the process's high-water mark during the run (reset before each)"
        )
        let batch = try makeBatch(count)
        say("records ready: \(count) slips over \(vendorCount) vendors; RSS \(megabytes(residentBytes())) MB")
        say(pad("run", 52) + pad("ms", 9) + pad("MB", 9) + pad("MB/s", 9) + pad("slips/s", 11) + pad("peak RSS MB (+growth)", 22))

        let plain = try measure { Array(plainXML(batch).utf8) }
        let exported = try measure { try BPPUExport.xml(batch) }
        guard exported.digest == plain.digest && exported.bytes == plain.bytes else {
            throw BenchmarkFailure("the plain-join baseline must write the same bytes as BPPUExport.xml")
        }
        let csv = try measure { Array(try BPPUExport.csv(batch).utf8) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try measure { Array(try encoder.encode(batch.slips)) }

        report("baseline: same XML by string joins, no checks", plain, count: count, baseline: nil)
        report("BPPUExport.xml (checked, escaped)", exported, count: count, baseline: plain)
        report("BPPUExport.csv (checked, quoted, defused)", csv, count: count, baseline: plain)
        report("baseline: JSONEncoder of the same records", json, count: count, baseline: nil)
        say(
            String(
                format: "BPPUExport.xml takes %.2f× the time of plain joins, %.2f× that of JSONEncoder",
                exported.seconds / plain.seconds, exported.seconds / json.seconds))
    }

    // MARK: Records

    static let vendorCount = 1_000

    /// `count` slips over ``vendorCount`` vendors, half PPh 22 on goods paid by LS, half PP 55
    /// final on services paid from UP, all withheld in November 2026.
    static func makeBatch(_ count: Int) throws -> BPPUBatch {
        let treasurer = try validNPWP(prefix: "00631101", branch: "731000")
        let withholderNITKU = treasurer.value + "000000"
        var vendors: [NPWP] = []
        for index in 0..<vendorCount {
            vendors.append(try validNPWP(prefix: "02" + String(format: "%06d", 100_000 + index), branch: "731000"))
        }
        let period = try BPPUTaxPeriod(year: 2026, month: 11)
        let dates = try (1...28).map { day throws(IdentifierError) in try CivilDate(String(format: "2026-11-%02d", day)) }
        var slips: [BPPUSlip] = []
        slips.reserveCapacity(count)
        for index in 0..<count {
            let vendor = vendors[index % vendors.count]
            let day = 1 + index % 28
            let date = dates[day - 1]
            let goods = index % 2 == 0
            let base = try Rupiah(checked: Int64(2_000_000 + (index % 997) * 10_000))
            let rate = goods ? 150 : 50
            slips.append(
                BPPUSlip(
                    slipNumber: String(format: "BP-2026-11-%06d", index + 1), counterpartName: "CV Penyedia \(index % vendors.count)",
                    counterpartNPWP: vendor, counterpartNITKU: vendor.value + "000000",
                    taxCertificate: goods ? .none : .umkmFinal, taxObjectCode: goods ? "22-100-09" : "28-423-01",
                    taxBase: base, rateBasisPoints: rate,
                    taxAmount: try Rupiah(checked: base.amount * Int64(rate) / 10_000),
                    documentType: .paymentProof, documentNumber: "KW-\(index + 1)/DISDIK/XI/2026",
                    documentDate: goods ? date : nil, withholderNITKU: withholderNITKU,
                    govTreasurerOption: goods ? .direct : .imprest,
                    sp2dNumber: goods ? String(format: "%05d/SP2D/LS/2026", index % 100_000) : nil,
                    withholdingDate: date))
        }
        return BPPUBatch(withholderNPWP: treasurer, period: period, slips: slips)
    }

    /// The NPWP `prefix` (8 digits) + its check digit + `branch` (6 digits): NPWP finds the digit.
    static func validNPWP(prefix: String, branch: String) throws -> NPWP {
        for digit in 0...9 {
            if let npwp = try? NPWP(prefix + String(digit) + branch) { return npwp }
        }
        throw BenchmarkFailure("no check digit makes \(prefix)?\(branch) an NPWP")
    }

    /// The baseline: the same file as `BPPUExport.xml` by interpolation and joins, nothing checked or escaped.
    static func plainXML(_ batch: BPPUBatch) -> String {
        let month = String(batch.period.month)
        let year = String(batch.period.year)
        let rows = batch.slips.map { slip -> String in
            let documentDate = slip.documentDate.map { "<DocumentDate>\($0)</DocumentDate>" } ?? "<DocumentDate xsi:nil=\"true\"/>"
            let sp2d = slip.sp2dNumber.map { "<SP2DNumber>\($0)</SP2DNumber>" } ?? "<SP2DNumber xsi:nil=\"true\"/>"
            return [
                "    <Bpu>",
                "      <TaxPeriodMonth>\(month)</TaxPeriodMonth>",
                "      <TaxPeriodYear>\(year)</TaxPeriodYear>",
                "      <CounterpartTin>\(slip.counterpartNPWP.value)</CounterpartTin>",
                "      <IDPlaceOfBusinessActivityOfIncomeRecipient>\(slip.counterpartNITKU)</IDPlaceOfBusinessActivityOfIncomeRecipient>",
                "      <TaxCertificate>\(slip.taxCertificate.rawValue)</TaxCertificate>",
                "      <TaxObjectCode>\(slip.taxObjectCode)</TaxObjectCode>",
                "      <TaxBase>\(slip.taxBase.amount)</TaxBase>",
                "      <Rate>\(BPPUExport.rateText(basisPoints: slip.rateBasisPoints))</Rate>",
                "      <Document>\(slip.documentType.rawValue)</Document>",
                "      <DocumentNumber>\(slip.documentNumber)</DocumentNumber>",
                "      " + documentDate,
                "      <IDPlaceOfBusinessActivity>\(slip.withholderNITKU)</IDPlaceOfBusinessActivity>",
                "      <GovTreasurerOpt>\(slip.govTreasurerOption.rawValue)</GovTreasurerOpt>",
                "      " + sp2d,
                "      <WithholdingDate>\(slip.withholdingDate)</WithholdingDate>",
                "    </Bpu>",
            ].joined(separator: "\n")
        }
        return [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<BpuBulk xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
            "  <TIN>\(batch.withholderNPWP.value)</TIN>",
            "  <ListOfBpu>",
        ].joined(separator: "\n") + "\n" + rows.joined(separator: "\n") + "\n  </ListOfBpu>\n</BpuBulk>\n"
    }

    // MARK: Measuring

    /// One run's best time, its output's size and SHA-256 (the output itself is let go, so
    /// the next run's peak RSS does not carry it), and the RSS before and at the peak.
    struct Measurement {
        var seconds: Double
        var bytes: Int
        var digest: [UInt8]
        var residentBefore: Int
        var peakResidentBytes: Int
    }

    /// The best of three runs of `body`, and the process's peak RSS over them.
    static func measure(_ body: () throws -> [UInt8]) throws -> Measurement {
        var best = Double.infinity
        var bytes = 0
        var digest: [UInt8] = []
        let before = residentBytes()
        resetPeakResident()
        for _ in 0..<3 {
            let start = DispatchTime.now()
            let output = try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
            bytes = output.count
            digest = SHA256.hash(output)
        }
        return Measurement(
            seconds: best, bytes: bytes, digest: digest, residentBefore: before, peakResidentBytes: peakResidentBytes())
    }

    static func report(_ label: String, _ run: Measurement, count: Int, baseline: Measurement?) {
        let mb = Double(run.bytes) / 1_000_000
        var line =
            pad(label, 52) + pad(String(format: "%.0f", run.seconds * 1000), 9) + pad(String(format: "%.1f", mb), 9)
            + pad(String(format: "%.0f", mb / run.seconds), 9) + pad(String(format: "%.0f", Double(count) / run.seconds), 11)
            + pad(megabytes(run.peakResidentBytes) + " (+" + megabytes(run.peakResidentBytes - run.residentBefore) + ")", 16)
        if let baseline { line += String(format: "(%.2f× plain-join time)", run.seconds / baseline.seconds) }
        say(line)
    }

    /// Resets the kernel's high-water mark of this process's resident set (`/proc/self/clear_refs`, 5).
    static func resetPeakResident() {
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return }
        _ = write(descriptor, "5", 1)
        close(descriptor)
    }

    /// This process's peak resident set since the last reset (`VmHWM`), 0 when unreadable.
    static func peakResidentBytes() -> Int { statusKilobytes("VmHWM:") * 1024 }

    /// This process's resident set now (`VmRSS`).
    static func residentBytes() -> Int { statusKilobytes("VmRSS:") * 1024 }

    static func statusKilobytes(_ key: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f", Double(bytes) / 1_000_000) }
}
