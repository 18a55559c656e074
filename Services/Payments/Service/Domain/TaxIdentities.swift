import SiOpenContracts
import SiOpenDomain

/// How payments names a taxpayer's place of business and its taxes on documents and exports.
enum TaxIdentities {
    /// The NITKU (Nomor Identitas Tempat Kegiatan Usaha) of a taxpayer's head office, from its
    /// NPWP: the 16-digit NPWP (a 15-digit one with a leading 0, as Coretax converts it) followed
    /// by `000000`, the head office's number (PMK 112/2022 Pasal 2; PER-6/PJ/2024). Empty when
    /// the NPWP is not a valid one (``NPWP``). Payments knows no branch NITKU: a vendor or agency that
    /// works under a branch is shown with its head office's.
    static func headOfficeNITKU(npwp: String) -> String {
        guard let npwp = try? NPWP(npwp) else { return "" }
        return npwp.value + "000000"
    }

    /// The tax's name as documents and reports print it.
    static func label(_ type: TaxType) -> String {
        switch type {
        case .ppn: "PPN"
        case .pph22: "PPh Pasal 22"
        case .pph23: "PPh Pasal 23"
        case .pphFinalUMKM: "PPh Final UMKM"
        }
    }
}
