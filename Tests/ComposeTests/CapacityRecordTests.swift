import Foundation
import SiOpenRuntime
import Testing

/// The capacity record's arithmetic: a day per UTC day, the projection from a week's growth, the
/// margin that keeps a hovering value from raising an alert at every check, and the sizes an
/// operator writes.
@Suite("Capacity record")
struct CapacityRecordTests {
    static let gibibyte: Int64 = 1 << 30

    static func sample(_ at: String, free: Int64, data: Int64, memory: Int64 = 4 << 30) -> CapacitySample {
        CapacitySample(
            day: String(at.prefix(10)), takenAt: at, freeDiskBytes: free, diskBytes: 100 * gibibyte,
            availableMemoryBytes: memory, totalMemoryBytes: 8 << 30, servicesResidentBytes: 0, dataBytes: data,
            databases: [])
    }

    @Test func oneSampleADayAndTheProjectionFromTheWeeksGrowth() {
        var record = CapacityRecord()
        record.add(Self.sample("2026-12-01T08:00:00.000Z", free: 12 * Self.gibibyte, data: Self.gibibyte))
        #expect(record.projectedDaysUntilFull(record.days[0]) == nil, "no earlier day: no projection")
        // A later sample of the same day replaces the day's.
        record.add(Self.sample("2026-12-01T20:00:00.000Z", free: 10 * Self.gibibyte, data: Self.gibibyte))
        #expect(record.days.count == 1)
        // A day later, 1 GiB more data and 9 GiB free: full in 9 days.
        let next = Self.sample("2026-12-02T20:00:00.000Z", free: 9 * Self.gibibyte, data: 2 * Self.gibibyte)
        record.add(next)
        #expect(record.days.count == 2)
        #expect(record.previousDay(before: next)?.day == "2026-12-01")
        let days = record.projectedDaysUntilFull(next)
        #expect(days.map { abs($0 - 9) < 0.001 } == true, "\(String(describing: days))")

        let judged = Dictionary(
            uniqueKeysWithValues: record.judge(next, thresholds: CapacityThresholds(minimumDaysUntilFull: 30)).map {
                ($0.kind, $0)
            })
        #expect(judged[.daysUntilFull]?.crossed == true)
        #expect(judged[.daysUntilFull]?.text.contains("9.0 hari") == true)
        #expect(judged[.freeDisk]?.crossed == false && judged[.freeDisk]?.cleared == true)
        let relaxed = record.judge(next, thresholds: CapacityThresholds(minimumDaysUntilFull: 5))
        #expect(relaxed.first { $0.kind == .daysUntilFull }?.crossed == false)

        // Shrinking data projects nothing.
        let shrunk = Self.sample("2026-12-03T20:00:00.000Z", free: 11 * Self.gibibyte, data: Self.gibibyte / 2)
        record.add(shrunk)
        #expect(record.projectedDaysUntilFull(shrunk) == nil)
    }

    @Test func aValueJustPastTheThresholdNeitherCrossesNorClears() {
        let record = CapacityRecord()
        let thresholds = CapacityThresholds(minimumFreeDiskBytes: 2 * Self.gibibyte)
        func freeDisk(_ bytes: Int64) -> CapacityJudgement? {
            record.judge(Self.sample("2026-12-01T08:00:00.000Z", free: bytes, data: 0), thresholds: thresholds)
                .first { $0.kind == .freeDisk }
        }
        #expect(freeDisk(Self.gibibyte)?.crossed == true)
        #expect(freeDisk(Self.gibibyte * 21 / 10).map { !$0.crossed && !$0.cleared } == true)
        #expect(freeDisk(Self.gibibyte * 23 / 10)?.cleared == true)
    }

    @Test func sizesAsOperatorsWriteThem() {
        #expect(CapacityFormat.parseBytes("2G") == 2 << 30)
        #expect(CapacityFormat.parseBytes("512M") == 512 << 20)
        #expect(CapacityFormat.parseBytes("256MiB") == 256 << 20)
        #expect(CapacityFormat.parseBytes("1P") == 1 << 50)
        #expect(CapacityFormat.parseBytes("4096") == 4096)
        #expect(CapacityFormat.parseBytes("0") == 0)
        for bad in ["", "G", "1.5G", "-1G", "2X", "99999999P", "２G"] {
            #expect(CapacityFormat.parseBytes(bad) == nil, "\(bad)")
        }
        #expect(CapacityFormat.bytes(1 << 50) == "1.0 PiB")
        #expect(CapacityFormat.bytes(1536 << 20) == "1.5 GiB")
        #expect(CapacityFormat.bytes(512) == "512 B")
    }
}
