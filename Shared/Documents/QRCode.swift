// QR codes for printed documents, encoded by libqrencode (Debian's libqrencode-dev) and drawn by
// the renderers themselves as vector squares (PDF) and an inline SVG path (HTML).
import CQRencode

/// A QR code symbol: a square of dark and light modules.
public struct QRCode: Sendable, Hashable {
    /// Modules per side (21 for version 1, 4 more per version).
    public let size: Int
    /// Row-major, `size * size` values; true is a dark module.
    public let modules: [Bool]

    /// The symbol encoding `text` (UTF-8, byte mode, error correction level M: 15 % of the
    /// symbol may be soiled or torn and it still reads).
    /// - Throws: ``QRCodeError`` when the text is empty or too long for the largest symbol
    ///   (version 40), or the library cannot allocate.
    public init(encoding text: String) throws(QRCodeError) {
        guard !text.isEmpty else { throw QRCodeError(reason: "nothing to encode") }
        guard text.utf8.count <= 2000 else { throw QRCodeError(reason: "more than 2000 bytes to encode") }
        let symbol: UnsafeMutablePointer<QRcode>? = text.withCString { pointer in
            // Byte mode and case kept: a verification URL must come back exactly as written.
            QRcode_encodeString8bit(pointer, 0, QR_ECLEVEL_M)
        }
        guard let symbol else { throw QRCodeError(reason: "the text does not fit a QR code") }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        var modules: [Bool] = []
        modules.reserveCapacity(width * width)
        for index in 0..<(width * width) {
            // Bit 0 of each byte is the module's colour; the other bits describe its function.
            modules.append(symbol.pointee.data[index] & 1 == 1)
        }
        self.size = width
        self.modules = modules
    }

    /// Whether the module in `row`, `column` is dark.
    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// The dark modules merged into horizontal runs, row by row: (row, first column, length).
    /// Drawing runs instead of single squares keeps the PDF and SVG small and leaves no hairline
    /// gaps between neighbouring squares in viewers that anti-alias.
    public var darkRuns: [(row: Int, column: Int, length: Int)] {
        var runs: [(row: Int, column: Int, length: Int)] = []
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < size && isDark(row: row, column: column) { column += 1 }
                runs.append((row, start, column - start))
            }
        }
        return runs
    }
}

/// Why a QR code could not be made.
public struct QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public let reason: String
    /// The reason, for logs.
    public var description: String { "QR code: \(reason)" }
}
