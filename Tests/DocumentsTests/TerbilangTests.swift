// Amounts in Indonesian words, including every boundary where the grammar changes.
import SiOpenDocuments
import SiOpenDomain
import Testing

@Suite("Terbilang")
struct TerbilangTests {
    @Test(
        arguments: [
            (0, "nol"),
            (1, "satu"),
            (10, "sepuluh"),
            (11, "sebelas"),
            (12, "dua belas"),
            (19, "sembilan belas"),
            (20, "dua puluh"),
            (99, "sembilan puluh sembilan"),
            (100, "seratus"),
            (101, "seratus satu"),
            (110, "seratus sepuluh"),
            (111, "seratus sebelas"),
            (199, "seratus sembilan puluh sembilan"),
            (200, "dua ratus"),
            (1000, "seribu"),
            (1001, "seribu satu"),
            (1100, "seribu seratus"),
            (1_500, "seribu lima ratus"),
            (10_000, "sepuluh ribu"),
            (11_000, "sebelas ribu"),
            (100_000, "seratus ribu"),
            (101_000, "seratus satu ribu"),
            (1_000_000, "satu juta"),
            (1_001_000, "satu juta seribu"),
            (2_001_000, "dua juta seribu"),
            (10_000_000, "sepuluh juta"),
            (115_250_375, "seratus lima belas juta dua ratus lima puluh ribu tiga ratus tujuh puluh lima"),
            (1_000_000_000, "satu miliar"),
            (1_000_000_000_000, "satu triliun"),
            (1_000_000_000_000_000, "satu kuadriliun"),
            (1_000_000_000_000_000_000, "satu kuintiliun"),
            (1_000_000_000_001, "satu triliun satu"),
        ] as [(UInt64, String)])
    func words(number: UInt64, expected: String) {
        #expect(Terbilang.words(number) == expected)
    }

    @Test func int64Max() {
        #expect(
            Terbilang.words(UInt64(Int64.max))
                == "sembilan kuintiliun dua ratus dua puluh tiga kuadriliun tiga ratus tujuh puluh dua triliun tiga puluh enam miliar delapan ratus lima puluh empat juta tujuh ratus tujuh puluh lima ribu delapan ratus tujuh"
        )
    }

    @Test func uint64Max() {
        #expect(
            Terbilang.words(UInt64.max)
                == "delapan belas kuintiliun empat ratus empat puluh enam kuadriliun tujuh ratus empat puluh empat triliun tujuh puluh tiga miliar tujuh ratus sembilan juta lima ratus lima puluh satu ribu enam ratus lima belas"
        )
    }

    @Test func noDoubleOrTrailingSpaces() {
        for number: UInt64 in [0, 7, 1_000, 1_000_001, 20_000_000_020, 999_999_999_999, 1_000_000_000_000_000_000] {
            let text = Terbilang.words(number)
            #expect(!text.contains("  ") && !text.hasPrefix(" ") && !text.hasSuffix(" "), "\(number): \(text)")
        }
    }

    @Test func rupiah() throws {
        #expect(Terbilang.rupiah(10_000_000) == "Sepuluh juta rupiah")
        #expect(Terbilang.rupiah(.zero) == "Nol rupiah")
        #expect(Terbilang.rupiah(1_000) == "Seribu rupiah")
        #expect(Terbilang.rupiah(try Rupiah(checked: Int64.max)).hasPrefix("Sembilan kuintiliun "))
        #expect(Terbilang.rupiah(try Rupiah(checked: 115_250_375)).hasSuffix("tiga ratus tujuh puluh lima rupiah"))
    }
}
