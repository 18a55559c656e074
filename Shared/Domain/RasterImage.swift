// The header facts of a PNG or JPEG file, read without decoding the pixels: enough to refuse a
// file that is not the image it claims to be, is cut short, or has absurd dimensions.

/// A PNG or JPEG image's type and dimensions as its own structure states them.
///
/// PNG (ISO/IEC 15948): the 8-byte signature, an `IHDR` chunk first, every chunk's length inside
/// the file, at least one `IDAT` and the closing `IEND`. JPEG (ITU T.81): `SOI`, marker segments
/// whose lengths stay inside the file, a frame header (`SOF0`-`SOF15` but the `DHT`, `JPG` and
/// `DAC` markers) before the scan, and `EOI` as the last two bytes.
public struct RasterImage: Sendable, Hashable {
    /// The image format.
    public enum Format: String, Sendable, Hashable {
        /// Portable Network Graphics.
        case png
        /// JPEG (JFIF or Exif).
        case jpeg

        /// The media type, `image/png` or `image/jpeg`.
        public var mediaType: String { "image/\(rawValue)" }
    }

    /// PNG or JPEG.
    public let format: Format
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int

    /// Reads `bytes`; the error's reason says, for a person, what is wrong.
    public init(_ bytes: [UInt8]) throws(IdentifierError) {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            (width, height) = try Self.png(bytes)
            format = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            (width, height) = try Self.jpeg(bytes)
            format = .jpeg
        } else {
            throw IdentifierError(reason: "must be a PNG or JPEG image (the file's first bytes are neither)")
        }
    }

    private static func bigEndian(_ bytes: [UInt8], _ at: Int, count: Int) -> Int {
        bytes[at..<at + count].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func png(_ bytes: [UInt8]) throws(IdentifierError) -> (Int, Int) {
        var offset = 8
        var size: (Int, Int)?
        var sawData = false
        while true {
            guard offset + 12 <= bytes.count else {
                throw IdentifierError(reason: "is a PNG cut short: it ends before its IEND chunk")
            }
            let length = bigEndian(bytes, offset, count: 4)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard length <= bytes.count - offset - 12 else {
                throw IdentifierError(reason: "is a PNG cut short: chunk \(type) runs past the end of the file")
            }
            if size == nil {
                guard type == "IHDR", length == 13 else {
                    throw IdentifierError(reason: "is not a valid PNG: it must begin with an IHDR chunk")
                }
                size = (bigEndian(bytes, offset + 8, count: 4), bigEndian(bytes, offset + 12, count: 4))
            }
            if type == "IDAT" { sawData = true }
            offset += 12 + length
            if type == "IEND" { break }
        }
        guard sawData, let size else { throw IdentifierError(reason: "is not a valid PNG: it has no image data") }
        return size
    }

    private static func jpeg(_ bytes: [UInt8]) throws(IdentifierError) -> (Int, Int) {
        guard bytes.count >= 4, bytes[bytes.count - 2] == 0xFF, bytes[bytes.count - 1] == 0xD9 else {
            throw IdentifierError(reason: "is a JPEG cut short: it does not end with the EOI marker")
        }
        var offset = 2
        var size: (Int, Int)?
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else {
                throw IdentifierError(reason: "is not a valid JPEG: a marker was expected at byte \(offset)")
            }
            let marker = bytes[offset + 1]
            if marker == 0xFF {  // fill byte
                offset += 1
                continue
            }
            let length = bigEndian(bytes, offset + 2, count: 2)
            guard length >= 2, offset + 2 + length <= bytes.count else {
                throw IdentifierError(reason: "is a JPEG cut short: a segment runs past the end of the file")
            }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard length >= 7 else {
                    throw IdentifierError(reason: "is not a valid JPEG: its frame header is short")
                }
                size = (bigEndian(bytes, offset + 7, count: 2), bigEndian(bytes, offset + 5, count: 2))
            }
            if marker == 0xDA {  // start of scan: the frame must be known by now
                guard let size else {
                    throw IdentifierError(reason: "is not a valid JPEG: it has no frame header before its scan")
                }
                return size
            }
            offset += 2 + length
        }
        throw IdentifierError(reason: "is a JPEG cut short: it has no image scan")
    }
}
