// How documents print the parties and figures every service's documents share: the kop surat,
// NIP and NPWP as people read them, the meterai where it is due, and a tariff as a percentage.
// Orders' Surat Pesanan and BAST and payments' kuitansi and slips print them the same way.
import SiOpenContracts
import SiOpenDomain

/// The printed forms of parties and figures that documents of several services share.
public enum PrintedParties {
    /// The kop surat of a regency and agency: the regency's and the agency's full names (upper
    /// case), then the agency's address, phone and email on one line when any is known.
    public static func letterhead(regency: RegencyParty, agency: AgencyParty) -> [String] {
        var contact: [String] = []
        if !agency.address.isEmpty { contact.append(agency.address) }
        if !agency.phone.isEmpty { contact.append("Telepon \(agency.phone)") }
        if !agency.email.isEmpty { contact.append("Pos-el \(agency.email)") }
        return [regency.governmentName.uppercased(), agency.name.uppercased()]
            + (contact.isEmpty ? [] : [contact.joined(separator: " · ")])
    }

    /// "19870101 201001 1 001" for a valid NIP, the text as given for another, nil for none.
    public static func nip(_ nip: String) -> String? {
        guard !nip.isEmpty else { return nil }
        return (try? NIP(nip))?.printed ?? nip
    }

    /// A legacy 15-digit NPWP as `XX.XXX.XXX.X-XXX.XXX`; 16-digit ones (and anything else) as they are.
    public static func npwp(_ npwp: String) -> String {
        let digits = Array(npwp)
        guard digits.count == 15, digits.allSatisfy(\.isNumber) else { return npwp }
        return "\(String(digits[0..<2])).\(String(digits[2..<5])).\(String(digits[5..<8])).\(digits[8])-"
            + "\(String(digits[9..<12])).\(String(digits[12..<15]))"
    }
}

extension BeaMeteraiRule {
    /// UU 10/2020 (Bea Meterai), in force from 2021-01-01: Rp10,000 on documents stating more
    /// than Rp5,000,000 (Pasal 3 ayat (2) huruf g, Pasal 5). Seed data, not a compiled rule: each
    /// tenant's settings hold their own versions.
    public static let uu10of2020 = BeaMeteraiRule(
        effectiveFrom: .fixed("2021-01-01"),
        legalBasis: "UU 10/2020 tentang Bea Meterai Pasal 3 ayat (2) huruf g dan Pasal 5",
        threshold: 5_000_000, amount: 10_000)

    /// The version of `rules` in force on `date`, or nil before the first.
    public static func inForce(_ rules: [BeaMeteraiRule], on date: CivilDate) -> BeaMeteraiRule? {
        rules.sorted { $0.effectiveFrom < $1.effectiveFrom }.last { $0.effectiveFrom <= date }
    }

    /// Where the meterai goes on a document stating `amount`, when it is above the threshold:
    /// "Tempat meterai Rp10.000"; nil when no meterai is due.
    public func place(for amount: Rupiah) -> String? {
        amount > threshold ? "Tempat meterai \(self.amount.formatted)" : nil
    }
}
