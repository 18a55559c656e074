// Amounts in Indonesian words. A Surat Pesanan or kuitansi states its amount twice, in figures
// and in words ("terbilang"), so that a figure altered by hand no longer matches the words.
import SiOpenDomain

/// Whole numbers written out in Indonesian, as contracts and receipts spell amounts.
public enum Terbilang {
    /// `number` in lowercase Indonesian words: 0 is "nol", 11 "sebelas", 1_000 "seribu",
    /// 2_001_000 "dua juta seribu". Covers the whole `UInt64` range (up to "kuintiliun"); the
    /// type is unsigned so a negative amount cannot reach a legal document.
    public static func words(_ number: UInt64) -> String {
        guard number > 0 else { return "nol" }
        var groups: [Int] = []  // groups of three digits, least significant first
        var rest = number
        while rest > 0 {
            groups.append(Int(rest % 1000))
            rest /= 1000
        }
        var parts: [String] = []
        for (index, group) in groups.enumerated().reversed() where group > 0 {
            if index == 1 && group == 1 {
                parts.append("seribu")  // "seribu", never "satu ribu"; but "satu juta" stays
            } else {
                parts.append(belowThousand(group))
                if index > 0 { parts.append(scales[index]) }
            }
        }
        return parts.joined(separator: " ")
    }

    /// The amount in words with a capital first letter and "rupiah", as written on a contract:
    /// `Rupiah(10_000_000)` gives "Sepuluh juta rupiah". Pair it with `amount.formatted`.
    public static func rupiah(_ amount: Rupiah) -> String {
        // A Rupiah is never negative, so the conversion cannot trap.
        let text = words(UInt64(amount.amount)) + " rupiah"
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The amount in words as the regulation writes it after the figure: in parentheses, lower
    /// case, ending in "rupiah": `Rupiah(10_000_000)` gives "(sepuluh juta rupiah)".
    public static func inParentheses(_ amount: Rupiah) -> String {
        "(" + words(UInt64(amount.amount)) + " rupiah)"
    }

    /// The amount in figures and in words, as a document states it:
    /// "Rp10.000.000,00 (sepuluh juta rupiah)".
    public static func amount(_ amount: Rupiah) -> String {
        amount.printed + " " + inParentheses(amount)
    }

    /// The word for each power of a thousand; `UInt64.max` is about 18 kuintiliun.
    private static let scales = ["", "ribu", "juta", "miliar", "triliun", "kuadriliun", "kuintiliun"]

    private static let units = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]

    /// 1...999 in words.
    private static func belowThousand(_ number: Int) -> String {
        let hundreds = number / 100
        let tens = number % 100
        var parts: [String] = []
        switch hundreds {
        case 0: break
        case 1: parts.append("seratus")
        default: parts.append(units[hundreds] + " ratus")
        }
        switch tens {
        case 0: break
        case 1...9: parts.append(units[tens])
        case 10: parts.append("sepuluh")
        case 11: parts.append("sebelas")
        case 12...19: parts.append(units[tens - 10] + " belas")
        default:
            parts.append(units[tens / 10] + " puluh")
            if tens % 10 > 0 { parts.append(units[tens % 10]) }
        }
        return parts.joined(separator: " ")
    }
}
