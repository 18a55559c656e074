import Foundation
import IdentityService
import PaymentsService
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenScenario
import SiOpenSecurity

#if canImport(Glibc)
    import Glibc
#endif

/// The payments service's figures, each next to a baseline in the same run.
///
/// - Whole payments through real identity, catalog, orders and payments processes: prepare
///   (taxes computed) → instruct → settle (kuitansi, one slip per tax line, payment proof and
///   SPJ packet issued and sealed), per second, next to SiOpenStorage's durable-write rate on
///   the same disk.
/// - The Coretax e-Bupot BPPU export of a large tax period: 100,000 slips through
///   ``BPPUExport`` (every field checked, text escaped) as XML and as CSV, next to the same XML
///   bytes built by plain string interpolation and joins with no checks or escaping, and to
///   `JSONEncoder` of the same records.
enum PaymentsBenchmark {
    static func run(payments: Int, slips: Int) async throws {
        try await lifecycle(payments: payments)
        try await export(slips: slips)
    }

    // MARK: Whole payments

    /// Concurrent treasurers' clients of the measured runs.
    static let workerCounts = [1, 4]

    static func lifecycle(payments perRun: Int) async throws {
        say(
            "payments: whole payments through siopen-identity, -catalog, -orders and -payments processes, \(perRun) per run, closed loop"
        )
        say(
            "each: payment.prepare (taxes by the tenant's dated rules) → payment.instruct → payment.settle (kuitansi, PPh 22 slip, payment proof and SPJ packet issued, sealed); a PKP goods vendor, LS by SP2D, PPN and PPh 22 withheld"
        )
        say(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; services run with SIOPEN_INSECURE_FAST_PASSWORD_HASHING=1 (password hashing is not measured here)"
        )
        let superAdminPassword = "bench-root-password-1"
        let launcher = try await ServiceProcesses.launch(
            "pay", services: try Topology.current().names(through: "payments"), superAdminPassword: superAdminPassword,
            realPasswordHashing: false)
        defer { launcher.terminateAndRemove() }
        let scenario = Scenario(
            sockets: launcher.sockets, termsVersion: IdentityService.currentTermsVersion,
            superAdminPassword: superAdminPassword)
        defer { scenario.close() }
        let world = try await scenario.standardWorld()
        let ppk = try world.token(.ppk)
        let treasurer = try world.token(.treasurer)
        let verifier = try world.token(.verifier)
        let vendor = try await scenario.activeVendor(verifier: verifier, isPKP: true)
        let paper = try await scenario.listedProduct(
            ScenarioData.offer(name: "Kertas HVS F4", price: 60_000, includesPPN: true), vendorToken: vendor.token,
            verifier: verifier)

        // The completed purchases to pay, made beforehand and not timed: 50 reams (Rp3.000.000 and
        // delivery) each, above the Rp2.000.000 below which the treasurer collects no tax.
        let total = perRun * workerCounts.count
        let today = CivilDate(Date())
        let ordersSocket = launcher.socketPath("orders")
        let made = try await lanes(4, socketPath: ordersSocket, service: "orders") { lane, client in
            var ids: [String] = []
            for index in stride(from: lane, to: total, by: 4) {
                let order = try await scenario.purchase(
                    ScenarioData.preparation(
                        [OrderItemRequest(productID: paper.id, quantity: 50)], today: today,
                        packageName: "Pengadaan kertas F4 \(index)"),
                    ppk: ppk, vendorToken: vendor.token, today: today, client: client
                ).order
                ids.append(order.id)
            }
            return ids
        }
        let orderIDs = made.flatMap { $0 }
        for id in orderIDs { _ = try await scenario.payable(orderID: id, treasurer: treasurer) }
        say("\(orderIDs.count) completed purchases ready, each known to payments as a payable")

        let storage = try await storageBaseline()
        say(
            pad("run", 46) + pad("workers", 9) + pad("payments/s", 12) + pad("calls/s", 9) + pad("p50 ms", 9)
                + pad("p99 ms", 9))
        var next = 0
        for workers in workerCounts {
            let batch = Array(orderIDs[next..<(next + perRun)])
            next += perRun
            let paymentsSocket = launcher.socketPath("payments")
            let start = DispatchTime.now()
            let latencies = try await lanes(workers, socketPath: paymentsSocket, service: "payments") { lane, client in
                var mine: [Double] = []
                for index in stride(from: lane, to: batch.count, by: workers) {
                    let began = DispatchTime.now().uptimeNanoseconds
                    let steps = try await scenario.pay(
                        orderID: batch[index], treasurer: treasurer, mechanism: .ls, paymentDate: today,
                        sp2d: SP2DReference(number: "\(index + 1)/SP2D/LS/BENCH/\(workers)", date: today),
                        client: client)
                    guard let settled = steps.last, settled.state == .settled, settled.kuitansi != nil,
                        !settled.taxLines.isEmpty, settled.taxLines.allSatisfy({ $0.slip != nil })
                    else {
                        throw BenchmarkFailure(
                            "a payment ended \(steps.last?.state.rawValue ?? "nowhere") without its kuitansi and slips")
                    }
                    mine.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1000)
                }
                return mine
            }.flatMap { $0 }
            let result = LoadResult(
                requests: latencies.count, seconds: CatalogBenchmark.secondsSince(start), latenciesMicros: latencies)
            say(
                pad("payable read, prepared → settled (4 calls)", 46) + pad(String(workers), 9)
                    + pad(String(format: "%.1f", result.rate), 12) + pad(String(format: "%.0f", result.rate * 4), 9)
                    + pad(String(format: "%.1f", result.percentile(50) / 1000), 9)
                    + pad(String(format: "%.1f", result.percentile(99) / 1000), 9)
                    + String(format: "(one payment ≈ %.0f durable writes' time)", storage.single / result.rate))
        }
        say(
            String(
                format:
                    "storage baseline, same disk, same run: %.0f durable writes/s (1 writer, group commit off), %.0f (16 writers, group commit on)",
                storage.single, storage.grouped))
    }

    /// SiOpenStorage's durable-write rate in this run: one writer without group commit, and 16 with it.
    static func storageBaseline() async throws -> (single: Double, grouped: Double) {
        let directory = "/tmp/siopen-bench-paystorage-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let single = try await StorageBenchmark.storage(
            path: directory + "/single.sqlite", writes: 1_000, writers: 1, groupCommit: false)
        let grouped = try await StorageBenchmark.storage(
            path: directory + "/grouped.sqlite", writes: 1_000, writers: 16, groupCommit: true)
        return (single, grouped)
    }

    /// Runs `lane` on `count` concurrent clients of `service`; returns each lane's results.
    static func lanes<T: Sendable>(
        _ count: Int, socketPath: String, service: String,
        _ lane: @escaping @Sendable (Int, RPCClient) async throws -> T
    ) async throws -> [T] {
        try await withThrowingTaskGroup(of: T.self) { group in
            for index in 0..<count {
                group.addTask {
                    let client = RPCClient(socketPath: socketPath, serviceName: service, defaultTimeout: .seconds(120))
                    defer { client.close() }
                    return try await lane(index, client)
                }
            }
            var all: [T] = []
            for try await part in group { all.append(part) }
            return all
        }
    }

    // MARK: The BPPU export

    static func export(slips count: Int) async throws {
        say("payments: Coretax e-Bupot BPPU export of \(count) slips, in process, best of 3 runs each")
        say(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; peak RSS is the process's high-water mark during the run (reset before each)"
        )
        let batch = try makeBatch(count)
        say("records ready: \(count) slips over \(vendorCount) vendors; RSS \(megabytes(residentBytes())) MB")
        say(
            pad("run", 52) + pad("ms", 9) + pad("MB", 9) + pad("MB/s", 9) + pad("slips/s", 11)
                + pad("peak RSS MB (+growth)", 22))

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
        let dates = try (1...28).map { day throws(IdentifierError) in try CivilDate(String(format: "2026-11-%02d", day))
        }
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
                    slipNumber: String(format: "BP-2026-11-%06d", index + 1),
                    counterpartName: "CV Penyedia \(index % vendors.count)",
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
            let documentDate =
                slip.documentDate.map { "<DocumentDate>\($0)</DocumentDate>" } ?? "<DocumentDate xsi:nil=\"true\"/>"
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
            + pad(String(format: "%.0f", mb / run.seconds), 9)
            + pad(String(format: "%.0f", Double(count) / run.seconds), 11)
            + pad(
                megabytes(run.peakResidentBytes) + " (+" + megabytes(max(0, run.peakResidentBytes - run.residentBefore))
                    + ")", 16)
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
