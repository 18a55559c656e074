// Raster images on documents (the regency's emblem in the letterhead), as PDF image XObjects:
// JPEG passes through untouched (DCTDecode); PNG's compressed pixels pass through with PNG
// predictors where PDF can read them as they are, and are decoded with zlib to split off an
// alpha channel into a soft mask (SMask) where they cannot.
import CZlib
import Foundation

/// A JPEG or PNG image checked and prepared for embedding in a PDF.
///
/// Preparing is deterministic: the same bytes always give the same PDF objects, so a document
/// with an emblem still renders to the same bytes and the same seal hash.
public struct DocumentImage: Sendable, Hashable {
    /// The largest image file accepted, in bytes.
    public static let maximumBytes = 2 << 20
    /// The largest number of pixels accepted (a 4096 × 4096 image).
    public static let maximumPixels = 4096 * 4096

    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `image/jpeg` or `image/png`, for the HTML copy's data URI.
    public let mediaType: String
    /// The file as given, for the HTML copy.
    public let original: [UInt8]
    /// The PDF colour space, e.g. `/DeviceRGB` or an `/Indexed` array.
    let colorSpace: String
    let bitsPerComponent: Int
    /// `/DCTDecode` or `/FlateDecode`.
    let filter: String
    /// The `/DecodeParms` dictionary, when the data keeps PNG's row predictors.
    let decodeParms: String?
    /// The image stream's data.
    let data: [UInt8]
    /// The soft mask (8-bit grey, Flate) from a PNG's alpha channel or palette transparency.
    let alpha: [UInt8]?

    /// The image in `bytes`, a JPEG (baseline or progressive; grey or RGB) or a PNG
    /// (non-interlaced; grey, RGB or palette, with or without alpha; 8 bits per channel, or 1, 2
    /// or 4 for grey and palette images without transparency).
    /// - Throws: ``DocumentImageError`` naming what is wrong or unsupported.
    public init(bytes: [UInt8]) throws(DocumentImageError) {
        guard bytes.count <= Self.maximumBytes else {
            throw DocumentImageError(code: "too_large", reason: "the image is larger than 2 MiB")
        }
        if bytes.starts(with: [0xFF, 0xD8]) {
            self = try Self.jpeg(bytes)
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = try Self.png(bytes)
        } else {
            throw DocumentImageError(code: "unsupported_format", reason: "the image is neither a JPEG nor a PNG")
        }
    }

    private init(
        width: Int, height: Int, mediaType: String, original: [UInt8], colorSpace: String, bitsPerComponent: Int,
        filter: String, decodeParms: String?, data: [UInt8], alpha: [UInt8]?
    ) {
        self.width = width
        self.height = height
        self.mediaType = mediaType
        self.original = original
        self.colorSpace = colorSpace
        self.bitsPerComponent = bitsPerComponent
        self.filter = filter
        self.decodeParms = decodeParms
        self.data = data
        self.alpha = alpha
    }

    private static func checkSize(width: Int, height: Int) throws(DocumentImageError) {
        guard width > 0, height > 0, width <= 65_535, height <= 65_535, width * height <= maximumPixels else {
            throw DocumentImageError(code: "bad_dimensions", reason: "the image must be 1 to 4096 × 4096 pixels")
        }
    }

    // MARK: JPEG

    /// Reads the frame header (SOFn) for the size and components; the data passes through.
    private static func jpeg(_ bytes: [UInt8]) throws(DocumentImageError) -> DocumentImage {
        guard bytes.count >= 4, bytes[bytes.count - 2] == 0xFF, bytes[bytes.count - 1] == 0xD9 else {
            throw DocumentImageError(code: "corrupt", reason: "the JPEG is cut short (it has no end-of-image marker)")
        }
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else {
                throw DocumentImageError(code: "corrupt", reason: "the JPEG's markers are damaged")
            }
            let marker = bytes[index + 1]
            if marker == 0xFF {  // fill byte
                index += 1
                continue
            }
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 {
                index += 2
                continue
            }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { break }
            let frameMarkers: Set<UInt8> = [
                0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF,
            ]
            if frameMarkers.contains(marker) {
                guard length >= 8 else { break }
                let precision = Int(bytes[index + 4])
                let height = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                let width = Int(bytes[index + 7]) << 8 | Int(bytes[index + 8])
                let components = Int(bytes[index + 9])
                guard precision == 8 else {
                    throw DocumentImageError(code: "unsupported_kind", reason: "only 8-bit JPEGs are supported")
                }
                try checkSize(width: width, height: height)
                let colorSpace: String
                switch components {
                case 1: colorSpace = "/DeviceGray"
                case 3: colorSpace = "/DeviceRGB"
                default:
                    throw DocumentImageError(
                        code: "unsupported_kind", reason: "only grey and RGB JPEGs are supported (this one is CMYK)")
                }
                return DocumentImage(
                    width: width, height: height, mediaType: "image/jpeg", original: bytes, colorSpace: colorSpace,
                    bitsPerComponent: 8, filter: "/DCTDecode", decodeParms: nil, data: bytes, alpha: nil)
            }
            if marker == 0xDA { break }  // scan data before any frame header
            index += 2 + length
        }
        throw DocumentImageError(code: "corrupt", reason: "the JPEG has no frame header")
    }

    // MARK: PNG

    private static func png(_ bytes: [UInt8]) throws(DocumentImageError) -> DocumentImage {
        func be32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        var index = 8
        var header: [UInt8]?
        var palette: [UInt8] = []
        var transparency: [UInt8]?
        var compressed: [UInt8] = []
        var ended = false
        while index + 12 <= bytes.count {
            let length = be32(index)
            let type = String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self)
            guard length >= 0, length <= bytes.count - index - 12 else { break }
            let body = Array(bytes[(index + 8)..<(index + 8 + length)])
            switch type {
            case "IHDR": header = body
            case "PLTE": palette = body
            case "tRNS": transparency = body
            case "IDAT": compressed += body
            case "IEND": ended = true
            default: break
            }
            index += 12 + length
            if ended { break }
        }
        guard let header, header.count == 13, ended, !compressed.isEmpty else {
            throw DocumentImageError(code: "corrupt", reason: "the PNG is incomplete (IHDR, IDAT or IEND missing)")
        }
        let width = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        let height = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
        let depth = Int(header[8])
        let colorType = Int(header[9])
        try checkSize(width: width, height: height)
        guard header[10] == 0, header[11] == 0 else {
            throw DocumentImageError(code: "corrupt", reason: "the PNG names an unknown compression or filter method")
        }
        guard header[12] == 0 else {
            throw DocumentImageError(code: "unsupported_kind", reason: "interlaced PNGs are not supported")
        }
        let channels: Int
        let colorSpace: String
        switch colorType {
        case 0: (channels, colorSpace) = (1, "/DeviceGray")
        case 2: (channels, colorSpace) = (3, "/DeviceRGB")
        case 3:
            guard !palette.isEmpty, palette.count % 3 == 0, palette.count <= 768 else {
                throw DocumentImageError(code: "corrupt", reason: "the PNG's palette is missing or malformed")
            }
            let hex = palette.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
            (channels, colorSpace) = (1, "[/Indexed /DeviceRGB \(palette.count / 3 - 1) <\(hex)>]")
        case 4: (channels, colorSpace) = (2, "/DeviceGray")
        case 6: (channels, colorSpace) = (4, "/DeviceRGB")
        default:
            throw DocumentImageError(code: "corrupt", reason: "the PNG's colour type \(colorType) does not exist")
        }
        let lowDepthAllowed = (colorType == 0 || colorType == 3) && [1, 2, 4].contains(depth)
        guard depth == 8 || lowDepthAllowed else {
            throw DocumentImageError(
                code: "unsupported_kind",
                reason: "PNGs of \(depth) bits per channel are not supported for this colour type")
        }
        let hasAlpha = colorType == 4 || colorType == 6
        if transparency != nil && colorType != 3 {
            throw DocumentImageError(
                code: "unsupported_kind",
                reason: "transparency by colour key (tRNS) is supported only in palette PNGs; use an alpha channel")
        }
        if transparency != nil && depth != 8 {
            throw DocumentImageError(
                code: "unsupported_kind", reason: "transparent palette PNGs must have 8 bits per pixel")
        }
        let colorChannels = hasAlpha ? channels - 1 : channels
        if !hasAlpha && transparency == nil {
            // PDF reads PNG's zlib data and row filters as they are (PDF 1.4, 3.3.3, Predictor 15).
            return DocumentImage(
                width: width, height: height, mediaType: "image/png", original: bytes, colorSpace: colorSpace,
                bitsPerComponent: depth, filter: "/FlateDecode",
                decodeParms: "<< /Predictor 15 /Colors \(channels) /BitsPerComponent \(depth) /Columns \(width) >>",
                data: compressed, alpha: nil)
        }
        // Alpha or palette transparency: decode, split colour from alpha, compress both again.
        let bytesPerPixel = channels
        let stride = width * bytesPerPixel
        let raw = try inflate(compressed, expected: height * (stride + 1))
        let pixels = try unfilter(raw, height: height, stride: stride, bytesPerPixel: bytesPerPixel)
        var color: [UInt8] = []
        var alpha: [UInt8] = []
        color.reserveCapacity(width * height * colorChannels)
        alpha.reserveCapacity(width * height)
        if let transparency {
            for index in pixels {
                color.append(index)
                alpha.append(Int(index) < transparency.count ? transparency[Int(index)] : 255)
            }
        } else {
            for pixel in 0..<(width * height) {
                let base = pixel * channels
                for channel in 0..<colorChannels { color.append(pixels[base + channel]) }
                alpha.append(pixels[base + colorChannels])
            }
        }
        return DocumentImage(
            width: width, height: height, mediaType: "image/png", original: bytes, colorSpace: colorSpace,
            bitsPerComponent: 8, filter: "/FlateDecode", decodeParms: nil, data: try deflate(color),
            alpha: try deflate(alpha))
    }

    /// Reverses PNG's per-row filters (None, Sub, Up, Average, Paeth).
    private static func unfilter(_ raw: [UInt8], height: Int, stride: Int, bytesPerPixel: Int)
        throws(DocumentImageError) -> [UInt8]
    {
        var out = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            let target = row * stride
            for column in 0..<stride {
                let x = Int(raw[source + column])
                let a = column >= bytesPerPixel ? Int(out[target + column - bytesPerPixel]) : 0
                let b = row > 0 ? Int(out[target - stride + column]) : 0
                let c = row > 0 && column >= bytesPerPixel ? Int(out[target - stride + column - bytesPerPixel]) : 0
                let value: Int
                switch filter {
                case 0: value = x
                case 1: value = x + a
                case 2: value = x + b
                case 3: value = x + (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a)
                    let pb = abs(p - b)
                    let pc = abs(p - c)
                    value = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)
                default:
                    throw DocumentImageError(code: "corrupt", reason: "the PNG uses an unknown row filter \(filter)")
                }
                out[target + column] = UInt8(truncatingIfNeeded: value)
            }
        }
        return out
    }

    /// The zlib stream `data` decompressed; exactly `expected` bytes or a corrupt-image error.
    private static func inflate(_ data: [UInt8], expected: Int) throws(DocumentImageError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: expected)
        var stream = z_stream()
        guard siopen_inflate_init(&stream) == Z_OK else {
            throw DocumentImageError(code: "corrupt", reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var input = data
        let status: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
            out.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expected else {
            throw DocumentImageError(code: "corrupt", reason: "the PNG's image data does not decompress to its size")
        }
        return out
    }

    /// `data` compressed by zlib at level 9; zlib is deterministic, so the PDF bytes are too.
    private static func deflate(_ data: [UInt8]) throws(DocumentImageError) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { outputBuffer in
            data.withUnsafeBufferPointer { inputBuffer in
                compress2(outputBuffer.baseAddress, &length, inputBuffer.baseAddress, uLong(inputBuffer.count), 9)
            }
        }
        guard status == Z_OK else { throw DocumentImageError(code: "corrupt", reason: "zlib could not compress") }
        return Array(out.prefix(Int(length)))
    }

    /// The image XObject dictionary (without /Length) for object `maskObject`'s soft mask, if any.
    func dictionary(maskObject: Int?) -> String {
        var dictionary =
            "<< /Type /XObject /Subtype /Image /Width \(width) /Height \(height) /ColorSpace \(colorSpace)"
            + " /BitsPerComponent \(bitsPerComponent) /Filter \(filter)"
        if let decodeParms { dictionary += " /DecodeParms \(decodeParms)" }
        if let maskObject { dictionary += " /SMask \(maskObject) 0 R" }
        return dictionary + " /Length \(data.count) >>"
    }

    /// The soft mask's dictionary, when there is one.
    var maskDictionary: String? {
        alpha.map {
            "<< /Type /XObject /Subtype /Image /Width \(width) /Height \(height) /ColorSpace /DeviceGray"
                + " /BitsPerComponent 8 /Filter /FlateDecode /Length \($0.count) >>"
        }
    }
}

/// Why an image cannot go on a document.
public struct DocumentImageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `too_large`, `unsupported_format`, `unsupported_kind`, `bad_dimensions` or `corrupt`.
    public let code: String
    /// What is wrong, in English, for the uploader.
    public let reason: String
    /// The code and reason, for logs.
    public var description: String { "\(code): \(reason)" }
}
