import SiOpenContracts

/// The vendor terms in force. A new version replaces this value; registrations must then accept
/// the new version (`vendor.register` refuses any other with a 422 naming `acceptedTermsVersion`).
enum VendorTermsText {
    /// The current terms, served by `vendor.terms`.
    static let current = VendorTerms(
        version: "2026-1",
        effectiveFrom: "2026-01-01",
        legalBasis: "Perbup Balangan No. 92 Tahun 2023, Lampiran I huruf C angka 1 huruf a",
        text: """
            Syarat dan Ketentuan Penyedia SiOpen, versi 2026-1.

            1. Penyedia menjamin bahwa data identitas, NPWP, NIB, akta pendirian dan rekening bank yang disampaikan benar dan sah, dan memperbaruinya bila berubah.

            2. Spesifikasi dan harga produk adalah usulan Penyedia dan mutlak menjadi tanggung jawab Penyedia; harga satuan memuat biaya utama, biaya pengiriman, pajak dan biaya lainnya.

            3. Penyedia melaksanakan pengiriman atau pekerjaan sesuai syarat dan ketentuan dalam Surat Pesanan, dan menanggung denda keterlambatan sesuai ketentuan yang berlaku.

            4. Penyedia tidak sedang dikenakan sanksi daftar hitam; akun dapat diblokir atas keputusan Kepala UKPBJ bila Penyedia melanggar ketentuan.

            5. Penyedia menjaga kerahasiaan akun dan kata sandinya; setiap tindakan melalui akun Penyedia menjadi tanggung jawab Penyedia.
            """)
}
