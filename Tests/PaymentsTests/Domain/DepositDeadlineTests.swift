import SiOpenContracts
import SiOpenDomain
import Testing

// Deposit deadlines: PMK 81/2024 Pasal 94(2) (the 15th of the following month, from 2025) moved to
// the next working day over weekends and the tenant's holidays (Pasal 100), with the holidays of
// the SKB 3 Menteri for 2025 and 2026 as shipped data.
@testable import PaymentsService

@Suite struct DepositDeadlineTests {
    func due(_ payment: String, _ taxType: TaxType = .pph22, settings: TaxSettings = .defaults) throws(DomainRefusal)
        -> CivilDate
    {
        try DepositDeadline.due(paymentDate: .fixed(payment), taxType: taxType, settings: settings)
    }

    /// A 15th on a working day stays (2025-04-15 is a Tuesday).
    @Test func fifteenthOnAWorkingDay() throws {
        #expect(try due("2025-03-10") == .fixed("2025-04-15"))
        #expect(try due("2025-12-31", .ppn) == .fixed("2026-01-15"))
    }

    /// 2026-02-15 is a Sunday, followed by cuti bersama Imlek (16 February) and Tahun Baru Imlek
    /// 2577 (17 February), SKB 1497/2/5 Tahun 2025: due Wednesday 2026-02-18.
    @Test func sundayBeforeHolidays() throws {
        #expect(try due("2026-01-20") == .fixed("2026-02-18"))
    }

    /// 2026-08-15 is a Saturday, 17 August (Proklamasi) a Monday holiday: due Tuesday 2026-08-18.
    @Test func saturdayBeforeAMondayHoliday() throws {
        #expect(try due("2026-07-31", .pph23) == .fixed("2026-08-18"))
    }

    /// 2026-05-15 is a Friday of cuti bersama (Kenaikan Yesus Kristus): due Monday 2026-05-18.
    @Test func cutiBersamaCounts() throws {
        #expect(try due("2026-04-30", .pphFinalUMKM) == .fixed("2026-05-18"))
    }

    /// Without the tenant's holidays only the weekend moves the date.
    @Test func holidaysAreTheTenantsData() throws {
        var settings = TaxSettings.defaults
        settings.holidays = []
        #expect(try due("2026-01-20", settings: settings) == .fixed("2026-02-16"))
    }

    /// December's payments are due in January of the next year.
    @Test func decemberRollsIntoJanuary() throws {
        #expect(try due("2025-12-01") == .fixed("2026-01-15"))
    }

    /// Before 2025 the shipped rows say the 10th for PPh (PMK 242/2014 as amended; DDTCNews on PMK
    /// 81/2024: PPh 23 was due by the 10th) and the 15th for PPN (unconfirmed).
    @Test func before2025() throws {
        #expect(try due("2024-11-05", .pph23) == .fixed("2024-12-10"))
        #expect(try due("2024-11-05", .ppn) == .fixed("2024-12-16"))  // 2024-12-15 is a Sunday
    }

    /// No rule covering the tax on the date is a refusal naming `depositDeadlines`.
    @Test func missingRuleIsRefused() {
        var settings = TaxSettings.defaults
        settings.depositDeadlines = []
        do {
            _ = try due("2025-01-01", settings: settings)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.fields.map(\.field) == ["depositDeadlines"])
        }
    }

    /// The shipped calendar: 17 national holidays and 10 cuti bersama in 2025, 17 and 8 in 2026.
    @Test func shippedCalendar() {
        let holidays = TaxSettings.defaultHolidays
        func count(_ year: Int, _ kind: TaxHolidayKind) -> Int {
            holidays.filter { $0.date.year == year && $0.kind == kind }.count
        }
        #expect(count(2025, .nationalHoliday) == 17)
        #expect(count(2025, .cutiBersama) == 10)
        #expect(count(2026, .nationalHoliday) == 17)
        #expect(count(2026, .cutiBersama) == 8)
        #expect(DepositDeadline.isWeekend(.fixed("2026-02-15")))
        #expect(!DepositDeadline.isWeekend(.fixed("2026-02-16")))
        #expect(!DepositDeadline.isWorkingDay(.fixed("2026-02-16"), holidays: holidays))
    }
}
