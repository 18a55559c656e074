// Documents the tests render: a realistic Surat Pesanan, and helpers that read a PDF back.
import Foundation
import SiOpenDocuments
import SiOpenDomain
import SiOpenTestSupport

enum SampleDocuments {
    /// A Surat Pesanan of a Balangan agency with `items` order lines.
    static func suratPesanan(items: Int = 4) throws -> LegalDocument {
        let issued = try CivilDate("2026-11-21")
        let catalogue: [(String, Int, String, Rupiah)] = [
            ("Laptop 14 inci, prosesor 8 inti, RAM 16 GB, SSD 512 GB (garansi resmi 3 tahun)", 2, "unit", 12_500_000),
            ("Printer laser monokrom A4, dupleks otomatis", 1, "unit", 3_250_000),
            ("Kertas HVS A4 80 gram", 20, "rim", 57_500),
            ("Jasa instalasi dan konfigurasi jaringan kantor", 1, "paket", 4_750_000),
        ]
        var rows: [[String]] = []
        var total = Rupiah.zero
        for index in 0..<items {
            let (name, quantity, unit, price) = catalogue[index % catalogue.count]
            let amount = try price * quantity
            total = try total + amount
            rows.append([String(index + 1), name, String(quantity), unit, price.formatted, amount.formatted])
        }
        let number = "001/SP/DISKOMINFO/\(RomanNumeral.of(issued.month))/\(issued.year)"
        return LegalDocument(
            letterhead: [
                "PEMERINTAH KABUPATEN BALANGAN",
                "DINAS KOMUNIKASI DAN INFORMATIKA",
                "Jl. A. Yani Km. 1,5 Paringin, Kabupaten Balangan, Kalimantan Selatan 71662",
            ],
            title: "SURAT PESANAN",
            documentNumber: number,
            issuedOn: issued,
            blocks: [
                .paragraph("Yang bertanda tangan di bawah ini:"),
                .fields([
                    .init("Nama", "Ir. H. Ahmad Fauzi, M.T."),
                    .init("Jabatan", "Pejabat Pembuat Komitmen"),
                    .init("Satuan Kerja", "Dinas Komunikasi dan Informatika Kabupaten Balangan"),
                ]),
                .paragraph(
                    "selanjutnya disebut Pejabat Penandatangan Kontrak, dengan ini memesan barang/jasa melalui Sistem Order E-Marketplace Kabupaten Balangan kepada:"
                ),
                .fields([
                    .init("Nama Penyedia", "CV Maju Jaya Elektronik"),
                    .init("NPWP", "01.234.567.8-901.000"),
                    .init(
                        "Alamat", "Jl. Jenderal Sudirman No. 12, Paringin Kota, Kecamatan Paringin, Kabupaten Balangan"),
                ]),
                .paragraph("selanjutnya disebut Penyedia, dengan rincian sebagai berikut:"),
                .table(
                    LegalDocument.Table(
                        columns: [
                            .init("No.", alignment: .center), .init("Nama Barang/Jasa"),
                            .init("Volume", alignment: .center),
                            .init("Satuan", alignment: .center), .init("Harga Satuan", alignment: .right),
                            .init("Jumlah", alignment: .right),
                        ],
                        rows: rows,
                        footer: [["", "Jumlah Total (termasuk PPN)", "", "", "", total.formatted]])),
                .paragraph("Terbilang: \(Terbilang.rupiah(total))."),
                .heading("Ketentuan"),
                .paragraph(
                    "1. Penyedia wajib menyerahkan barang/jasa paling lambat 14 (empat belas) hari kalender sejak tanggal Surat Pesanan ini, di Kantor Dinas Komunikasi dan Informatika Kabupaten Balangan.\n2. Pembayaran dilakukan secara non-tunai ke rekening Penyedia setelah Berita Acara Serah Terima (BAST) ditandatangani kedua belah pihak.\n3. Keterlambatan penyerahan dikenakan denda 1‰ (satu permil) dari nilai pesanan per hari keterlambatan."
                ),
                .signatures(
                    .init(
                        placeAndDate: "Paringin, \(IndonesianDate.long(issued))",
                        parties: [
                            .init(
                                role: "Penyedia\nCV Maju Jaya Elektronik", name: "Siti Rahmawati", detail: "Direktur",
                                signedNote: "Ditandatangani secara elektronik\n21 November 2026 10.42 WITA"),
                            .init(
                                role: "Pejabat Pembuat Komitmen", name: "Ir. H. Ahmad Fauzi, M.T.",
                                detail: "NIP 19780412 200501 1 003",
                                signedNote: "Ditandatangani secara elektronik\n21 November 2026 09.15 WITA"),
                        ])),
                .smallPrint(
                    "Dokumen ini dibuat dan disegel secara elektronik oleh SiOpen. Keaslian dokumen dapat diperiksa dengan mencocokkan sidik SHA-256 berkas ini dengan segel yang tercatat di SiOpen."
                ),
            ])
    }
}

/// A rendered PDF read back just enough to check its structure.
struct ParsedPDF {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func range(of needle: String, from start: Int = 0) -> Range<Int>? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        for index in start...(bytes.count - pattern.count) where bytes[index] == pattern[0] {
            if Array(bytes[index..<(index + pattern.count)]) == pattern { return index..<(index + pattern.count) }
        }
        return nil
    }

    func count(of needle: String) -> Int {
        var found = 0
        var start = 0
        while let match = range(of: needle, from: start) {
            found += 1
            start = match.upperBound
        }
        return found
    }

    /// The byte offset `startxref` names.
    func startxref() throws -> Int {
        let tail = String(decoding: bytes.suffix(64), as: UTF8.self)
        let parts = tail.components(separatedBy: "startxref\n")
        guard parts.count == 2, let offset = Int(parts[1].replacingOccurrences(of: "\n%%EOF\n", with: "")) else {
            throw TestFailure("no startxref in \(tail)")
        }
        return offset
    }

    /// The xref entries of objects 1..., as byte offsets.
    func xrefOffsets() throws -> [Int] {
        let start = try startxref()
        let table = String(decoding: bytes[start...], as: UTF8.self)
        let lines = table.components(separatedBy: "\n")
        guard lines.count > 3, lines[0] == "xref" else { throw TestFailure("startxref does not point at xref") }
        let header = lines[1].split(separator: " ")
        guard header.count == 2, header[0] == "0", let size = Int(header[1]), lines.count > size + 2 else {
            throw TestFailure("bad xref subsection header \(lines[1])")
        }
        guard lines[2] == "0000000000 65535 f " else { throw TestFailure("bad free entry \(lines[2])") }
        return try (1..<size).map { number in
            let entry = lines[2 + number]
            guard entry.utf8.count == 19, entry.hasSuffix(" 00000 n "), let offset = Int(entry.prefix(10)) else {
                throw TestFailure("bad xref entry \(entry)")
            }
            return offset
        }
    }

    /// Each stream's declared /Length and its actual length up to `endstream`.
    func streamLengths() -> [(declared: Int, actual: Int)] {
        var result: [(Int, Int)] = []
        var start = 0
        while let length = range(of: "<< /Length ", from: start) {
            guard let close = range(of: " >>\nstream\n", from: length.upperBound),
                let declared = Int(String(decoding: bytes[length.upperBound..<close.lowerBound], as: UTF8.self)),
                let end = range(of: "\nendstream\n", from: close.upperBound)
            else { break }
            result.append((declared, end.lowerBound - close.upperBound))
            start = end.upperBound
        }
        return result
    }

    /// The page count the page tree declares.
    var pageCount: Int? {
        guard let count = range(of: "/Count ") else { return nil }
        let digits = bytes[count.upperBound...].prefix { (0x30...0x39).contains($0) }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// Every string shown with Tj, unescaped and decoded from Windows-1252, in order.
    var shownStrings: [String] {
        var strings: [String] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x28 else {  // "("
                index += 1
                continue
            }
            var raw: [UInt8] = []
            index += 1
            while index < bytes.count && bytes[index] != 0x29 {
                if bytes[index] == 0x5C, index + 1 < bytes.count {  // backslash
                    let next = bytes[index + 1]
                    if (0x30...0x37).contains(next), index + 3 < bytes.count,
                        let value = UInt8(String(decoding: bytes[(index + 1)...(index + 3)], as: UTF8.self), radix: 8)
                    {
                        raw.append(value)
                        index += 4
                    } else {
                        raw.append(next)
                        index += 2
                    }
                } else {
                    raw.append(bytes[index])
                    index += 1
                }
            }
            index += 1
            if Array(bytes[index..<min(bytes.count, index + 3)]) == Array(" Tj".utf8) {
                strings.append(windows1252(raw))
            }
        }
        return strings
    }

    private func windows1252(_ raw: [UInt8]) -> String {
        let upper: [UInt8: Character] = [
            0x80: "€", 0x85: "…", 0x89: "‰", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x96: "–", 0x97: "—",
        ]
        return String(raw.map { upper[$0] ?? Character(Unicode.Scalar($0)) })
    }
}
