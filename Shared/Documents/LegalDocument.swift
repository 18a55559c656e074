// The one model every printable document is built from. Services build it, store it as JSON,
// and render it again later to byte-identical PDF, so it holds text only: no layout, no fonts.
import Foundation
import SiOpenDomain

/// A printable legal document: a Surat Pesanan, a BAST, a kuitansi, a report.
///
/// A plain value: services store it (it is `Codable`) and re-render it, and both renderers are
/// deterministic, so the same document always gives the same PDF bytes and the same seal hash.
/// Text anywhere may contain line breaks, which are kept.
public struct LegalDocument: Sendable, Hashable, Codable {
    /// The lines of the letterhead (kop surat), e.g. the regency, then the agency and its
    /// address; printed centred above a rule. Empty for no letterhead.
    public var letterhead: [String]
    /// The title, e.g. "SURAT PESANAN".
    public var title: String
    /// The document number, printed under the title and in every page's footer.
    public var documentNumber: String
    /// The day the document is issued, printed as "21 November 2026" and used as the PDF's
    /// creation date (the document's own date, not the time of rendering, keeps bytes stable).
    public var issuedOn: CivilDate
    /// The content, top to bottom.
    public var blocks: [Block]
    /// The regency's emblem (lambang daerah), a JPEG or PNG file, printed at the letterhead's
    /// left (PDF) and inline (HTML); nil for none. An image ``DocumentImage`` refuses is left out.
    public var emblem: Data?
    /// What the QR code at the letterhead's right leads to; nil for no QR code.
    public var verification: Verification?

    /// A document; `letterhead`, `emblem` and `verification` may be left out.
    public init(
        letterhead: [String] = [], title: String, documentNumber: String, issuedOn: CivilDate, blocks: [Block],
        emblem: Data? = nil, verification: Verification? = nil
    ) {
        self.letterhead = letterhead
        self.title = title
        self.documentNumber = documentNumber
        self.issuedOn = issuedOn
        self.blocks = blocks
        self.emblem = emblem
        self.verification = verification
    }

    /// The QR code that leads a reader from the paper to the document's verification.
    public struct Verification: Sendable, Hashable, Codable {
        /// The text the QR code holds: the verification page's address followed by the
        /// document's verification code, or the code alone while there is no portal.
        public var payload: String
        /// The code printed under the QR code (the document's SHA-256 as `document.verify` takes it).
        public var code: String

        /// A verification reference.
        public init(payload: String, code: String) {
            self.payload = payload
            self.code = code
        }

        /// The reference for `code` under the tenant's verification address `prefix` (empty: none).
        public static func of(code: String, prefix: String) -> Verification {
            Verification(payload: prefix.isEmpty ? code : prefix + code, code: code)
        }
    }

    /// One piece of content. Encodes as a one-key JSON object naming the kind, e.g.
    /// `{"paragraph": "..."}`, so stored documents stay readable.
    public enum Block: Sendable, Hashable, Codable {
        /// A section heading ("Pasal 1 Lingkup Pekerjaan"), set bold and kept with what follows.
        case heading(String)
        /// Running text, justified.
        case paragraph(String)
        /// Label–value lines aligned on their colons ("Nama Paket : Pengadaan Laptop").
        case fields([Field])
        /// A table with a header row, repeated on every page it runs onto.
        case table(Table)
        /// The parties' signatures, side by side.
        case signatures(Signatures)
        /// Notes in small grey type, e.g. how to verify the document's seal.
        case smallPrint(String)

        private enum Kind: String, CodingKey {
            case heading, paragraph, fields, table, signatures, smallPrint
        }

        /// Decodes the one-key object written by ``encode(to:)``.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Kind.self)
            guard container.allKeys.count == 1, let kind = container.allKeys.first else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: decoder.codingPath,
                        debugDescription:
                            "a block must be an object with exactly one of: heading, paragraph, fields, table, signatures, smallPrint"
                    ))
            }
            switch kind {
            case .heading: self = .heading(try container.decode(String.self, forKey: kind))
            case .paragraph: self = .paragraph(try container.decode(String.self, forKey: kind))
            case .fields: self = .fields(try container.decode([Field].self, forKey: kind))
            case .table: self = .table(try container.decode(Table.self, forKey: kind))
            case .signatures: self = .signatures(try container.decode(Signatures.self, forKey: kind))
            case .smallPrint: self = .smallPrint(try container.decode(String.self, forKey: kind))
            }
        }

        /// Encodes as `{"<kind>": <content>}`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Kind.self)
            switch self {
            case .heading(let text): try container.encode(text, forKey: .heading)
            case .paragraph(let text): try container.encode(text, forKey: .paragraph)
            case .fields(let fields): try container.encode(fields, forKey: .fields)
            case .table(let table): try container.encode(table, forKey: .table)
            case .signatures(let signatures): try container.encode(signatures, forKey: .signatures)
            case .smallPrint(let text): try container.encode(text, forKey: .smallPrint)
            }
        }
    }

    /// One line of a ``Block/fields(_:)`` list.
    public struct Field: Sendable, Hashable, Codable {
        /// What the value is, e.g. "Nama Penyedia".
        public var label: String
        /// The value, e.g. "CV Maju Jaya".
        public var value: String

        /// A label and its value.
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    /// A table. Rows may have fewer cells than there are columns (the rest are blank) or more
    /// (the extra cells get unlabelled columns): nothing given is ever dropped from the page.
    public struct Table: Sendable, Hashable, Codable {
        /// The columns, left to right.
        public var columns: [Column]
        /// The body rows, one string per cell.
        public var rows: [[String]]
        /// Rows set bold after the body, such as totals.
        public var footer: [[String]]

        /// A table; `footer` may be left out.
        public init(columns: [Column], rows: [[String]], footer: [[String]] = []) {
            self.columns = columns
            self.rows = rows
            self.footer = footer
        }

        /// A column's header and how its cells are aligned.
        public struct Column: Sendable, Hashable, Codable {
            /// The header text.
            public var header: String
            /// How the column's cells (header included) are aligned.
            public var alignment: Alignment

            /// A column; left-aligned unless told otherwise (amounts: `.right`).
            public init(_ header: String, alignment: Alignment = .left) {
                self.header = header
                self.alignment = alignment
            }
        }

        /// Horizontal alignment within a cell.
        public enum Alignment: String, Sendable, Hashable, Codable {
            /// Flush left: text.
            case left
            /// Centred: numbers of order, units.
            case center
            /// Flush right: amounts, so the digits line up.
            case right
        }
    }

    /// The signature area: who signs, side by side, under an optional place-and-date line.
    public struct Signatures: Sendable, Hashable, Codable {
        /// Printed above the last party, e.g. "Paringin, 21 November 2026"; nil for none.
        public var placeAndDate: String?
        /// The parties, left to right (at most three to a row).
        public var parties: [Signatory]

        /// A signature area.
        public init(placeAndDate: String? = nil, parties: [Signatory]) {
            self.placeAndDate = placeAndDate
            self.parties = parties
        }
    }

    /// One party that signs.
    public struct Signatory: Sendable, Hashable, Codable {
        /// The capacity in which the party signs, e.g. "Pejabat Pembuat Komitmen" or
        /// "Penyedia\nCV Maju Jaya".
        public var role: String
        /// The signer's name, printed bold and underlined.
        public var name: String
        /// A line under the name, e.g. "NIP 19870101 201001 1 001"; nil for none.
        public var detail: String?
        /// Printed where a wet signature would go, e.g. "Ditandatangani secara elektronik
        /// pada 21 November 2026 10.15 WITA"; nil leaves the space blank for ink.
        public var signedNote: String?
        /// The party's key in the register's acknowledgements (`ppk`, `vendor`, `budget_holder`),
        /// so an acknowledgement fills this block's note in the acknowledged copy; nil for none.
        public var party: String?
        /// Where a meterai (stamp duty) goes in this block, or that it was affixed, e.g. "Tempat
        /// meterai Rp10.000"; printed in a dashed box in the signature space; nil for none.
        public var meterai: String?

        /// A signing party.
        public init(
            role: String, name: String, detail: String? = nil, signedNote: String? = nil, party: String? = nil,
            meterai: String? = nil
        ) {
            self.meterai = meterai
            self.role = role
            self.name = name
            self.detail = detail
            self.signedNote = signedNote
            self.party = party
        }
    }
}
