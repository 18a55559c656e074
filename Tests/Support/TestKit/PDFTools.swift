// Reading rendered documents back with the tools a person would use: poppler's pdftotext and
// pdftoppm, and zbar's zbarimg for QR codes (Debian: poppler-utils, zbar-tools).
import Foundation

/// poppler and zbar, run as processes on real files.
public enum PDFTools {
    /// The full path of `tool` on the usual paths, or nil when it is not installed.
    public static func path(of tool: String) -> String? {
        for folder in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let candidate = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether every one of `tools` is installed.
    public static func available(_ tools: String...) -> Bool { tools.allSatisfy { path(of: $0) != nil } }

    /// Runs `tool` with `arguments`: its exit status, standard output and standard error.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String]) throws -> (
        status: Int32, output: String, error: String
    ) {
        guard let path = path(of: tool) else { throw TestFailure("\(tool) is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self)
        )
    }

    /// The text of `pdf` (all pages, or pages `first...last`) in reading order, by pdftotext.
    public static func text(of pdf: [UInt8], in folder: String, pages: ClosedRange<Int>? = nil) throws -> String {
        let file = folder + "/text-\(UUID().uuidString).pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        var arguments = ["-enc", "UTF-8"]
        if let pages { arguments += ["-f", String(pages.lowerBound), "-l", String(pages.upperBound)] }
        let result = try run("pdftotext", arguments + [file, "-"])
        guard result.status == 0 else { throw TestFailure("pdftotext failed: \(result.error)") }
        return result.output
    }

    /// The number of pages of `pdf`, by pdfinfo.
    public static func pageCount(of pdf: [UInt8], in folder: String) throws -> Int {
        let file = folder + "/info-\(UUID().uuidString).pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try run("pdfinfo", [file])
        guard let line = result.output.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
            let count = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
        else { throw TestFailure("pdfinfo gave no page count: \(result.output)\(result.error)") }
        return count
    }

    /// Renders the first page of `pdf` to the PNG file `png` (without its extension: pdftoppm
    /// adds it) at `dpi`, and returns the file's path.
    @discardableResult
    public static func firstPagePNG(of pdf: [UInt8], to png: String, dpi: Int) throws -> String {
        let file = png + ".source.pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try run("pdftoppm", ["-png", "-r", String(dpi), "-singlefile", file, png])
        guard result.status == 0 else { throw TestFailure("pdftoppm failed: \(result.error)") }
        return png + ".png"
    }

    /// The QR codes zbarimg reads in the image at `path`, as their raw texts.
    public static func qrCodes(in path: String) throws -> [String] {
        let result = try run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path])
        return result.output.split(separator: "\n").map(String.init)
    }
}

/// The committed sample documents in docs/samples/: rewritten under SIOPEN_REGENERATE_SAMPLES=1,
/// otherwise checked to say what the services print today.
public enum SampleDocumentFiles {
    /// Writes each document (PDF, HTML, a PNG of the first page at 80 dpi) to `folder` under
    /// SIOPEN_REGENERATE_SAMPLES=1; otherwise fails, naming `regenerate` (the command that
    /// rewrites them), when a committed sample is missing or its text differs from the document's.
    public static func keepCurrent(
        _ documents: [(name: String, pdf: [UInt8], html: String)], in folder: String, scratch: String,
        regenerate: String
    ) throws {
        let rewrite = ProcessInfo.processInfo.environment["SIOPEN_REGENERATE_SAMPLES"] == "1"
        if rewrite { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        for document in documents {
            let base = folder + "/" + document.name
            if rewrite {
                try Data(document.pdf).write(to: URL(fileURLWithPath: base + ".pdf"))
                try Data(document.html.utf8).write(to: URL(fileURLWithPath: base + ".html"))
                try PDFTools.firstPagePNG(of: document.pdf, to: base, dpi: 80)
                continue
            }
            guard let committed = FileManager.default.contents(atPath: base + ".pdf") else {
                throw TestFailure("docs/samples/\(document.name).pdf is missing: run \(regenerate)")
            }
            guard try PDFTools.text(of: [UInt8](committed), in: scratch) == PDFTools.text(of: document.pdf, in: scratch)
            else {
                throw TestFailure("docs/samples/\(document.name).pdf is out of date: run \(regenerate)")
            }
            guard FileManager.default.fileExists(atPath: base + ".html"),
                FileManager.default.fileExists(atPath: base + ".png")
            else {
                throw TestFailure("docs/samples/\(document.name).html or .png is missing: run \(regenerate)")
            }
        }
    }
}
