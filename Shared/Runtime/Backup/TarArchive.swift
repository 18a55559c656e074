import Foundation
import SiOpenSecurity

#if canImport(Glibc)
    import Glibc
#endif

/// A failure reading or writing a backup archive: a file that cannot be read or written, or an
/// archive that is damaged, truncated or not one of ours.
public struct BackupError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, for the operator.
    public let message: String

    /// Creates the error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Writes a POSIX ustar archive (IEEE Std 1003.1-1988, what `tar --format=ustar` writes) of
/// regular files and folders: 512-byte headers, data padded to 512 bytes, two zero blocks at
/// the end. Any `tar` can list (`tar -tvf`) and extract it. Names are at most 255 bytes,
/// split into ustar's prefix and name fields at a `/`; files at most 8 GiB (11 octal digits).
final class TarWriter {
    private let descriptor: Int32
    private let path: String
    /// Bytes written so far.
    private(set) var offset: Int64 = 0

    /// Creates `path` (which must not exist), mode 0600.
    init(creating path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw BackupError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// Adds a folder entry.
    func addDirectory(_ name: String, modificationTime: Int64) throws {
        try write(
            Self.header(
                name: name.hasSuffix("/") ? name : name + "/", size: 0, mode: 0o700, type: "5",
                modificationTime: modificationTime))
    }

    /// Adds a file of `size` bytes whose content `produce` writes through the sink it is given
    /// (in any number of chunks, exactly `size` bytes in all); returns the content's SHA-256 (hex).
    @discardableResult
    func addFile(
        _ name: String, size: Int64, modificationTime: Int64,
        produce: (_ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> String {
        try write(Self.header(name: name, size: size, mode: 0o600, type: "0", modificationTime: modificationTime))
        var hasher = SHA256Hasher()
        var written: Int64 = 0
        try produce { chunk in
            written += Int64(chunk.count)
            guard written <= size else { throw BackupError("\(name) grew while it was being archived") }
            hasher.update(chunk)
            try writeRaw(chunk)
        }
        guard written == size else { throw BackupError("\(name) shrank while it was being archived") }
        try pad()
        return Hex.encode(hasher.finalize())
    }

    /// Adds a file holding `bytes`; returns their SHA-256 (hex).
    @discardableResult
    func addFile(_ name: String, bytes: [UInt8], modificationTime: Int64) throws -> String {
        try addFile(name, size: Int64(bytes.count), modificationTime: modificationTime) { sink in
            try bytes.withUnsafeBytes { try sink($0) }
        }
    }

    /// Writes the end-of-archive blocks and fsyncs the file.
    func finish() throws {
        try write([UInt8](repeating: 0, count: 1024))
        guard fsync(descriptor) == 0 else {
            throw BackupError("cannot fsync \(path): \(String(cString: strerror(errno)))")
        }
    }

    private func pad() throws {
        let remainder = Int(offset % 512)
        if remainder != 0 { try write([UInt8](repeating: 0, count: 512 - remainder)) }
    }

    private func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeRaw($0) }
    }

    private func writeRaw(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if count < 0 {
                if errno == EINTR { continue }
                throw BackupError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            done += count
        }
        offset += Int64(bytes.count)
    }

    /// One ustar header block.
    static func header(name: String, size: Int64, mode: Int, type: Character, modificationTime: Int64) throws
        -> [UInt8]
    {
        let (prefix, shortName) = try split(name)
        guard size >= 0, size < 0o77777777777 else { throw BackupError("\(name) is too large for the archive") }
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: [UInt8], at start: Int, length: Int) {
            for (index, byte) in text.prefix(length).enumerated() { block[start + index] = byte }
        }
        func octal(_ value: Int64, length: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, length - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(shortName, at: 0, length: 100)
        put(octal(Int64(mode), length: 8), at: 100, length: 8)
        put(octal(0, length: 8), at: 108, length: 8)
        put(octal(0, length: 8), at: 116, length: 8)
        put(octal(size, length: 12), at: 124, length: 12)
        put(octal(max(0, modificationTime), length: 12), at: 136, length: 12)
        put(Array(repeating: 0x20, count: 8), at: 148, length: 8)
        block[156] = type.asciiValue ?? 0x30
        put(Array("ustar".utf8) + [0], at: 257, length: 6)
        put(Array("00".utf8), at: 263, length: 2)
        put(prefix, at: 345, length: 155)
        let sum = block.reduce(0) { $0 + Int64($1) }
        put(
            Array((String(repeating: "0", count: max(0, 6 - String(sum, radix: 8).count)) + String(sum, radix: 8)).utf8)
                + [0, 0x20], at: 148, length: 8)
        return block
    }

    /// ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes) for `name`.
    static func split(_ name: String) throws -> (prefix: [UInt8], name: [UInt8]) {
        let bytes = Array(name.utf8)
        if bytes.count <= 100 { return ([], bytes) }
        // The last `/` that leaves at most 100 bytes after it and at most 155 before it.
        for index in bytes.indices.reversed() where bytes[index] == 0x2F {
            let before = index
            let after = bytes.count - index - 1
            if after > 100 { break }
            if before <= 155, after > 0 { return (Array(bytes[..<index]), Array(bytes[(index + 1)...])) }
        }
        throw BackupError("the path \(name) is too long for a ustar archive")
    }
}

/// One entry of a ustar archive as ``TarReader`` reads it.
struct TarEntry {
    /// The path in the archive (a folder's without its trailing `/`).
    var name: String
    /// Whether it is a folder.
    var isDirectory: Bool
    /// The content's size in bytes.
    var size: Int64
}

/// Reads the ustar archives ``TarWriter`` writes, refusing anything else: a header whose
/// checksum is wrong, an entry that is neither a regular file nor a folder, a path that is
/// absolute or climbs out (`..`), and an archive that ends before its end blocks.
final class TarReader {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private var bufferStart = 0

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BackupError("cannot open \(path)")
        }
        self.handle = handle
        self.path = path
    }

    deinit { try? handle.close() }

    /// Exactly `count` bytes, or an error when the archive ends first.
    private func take(_ count: Int) throws -> ArraySlice<UInt8> {
        while buffer.count - bufferStart < count {
            let chunk = try handle.read(upToCount: max(1 << 20, count)) ?? Data()
            guard !chunk.isEmpty else { throw BackupError("\(path) is truncated: it ends inside an entry") }
            buffer.removeFirst(bufferStart)
            bufferStart = 0
            buffer.append(contentsOf: chunk)
        }
        defer { bufferStart += count }
        return buffer[bufferStart..<(bufferStart + count)]
    }

    /// Calls `body` for each entry with a function that streams its content in chunks (the
    /// body must read it all, or not at all for a folder). Returns after the end blocks.
    func forEachEntry(
        _ body: (TarEntry, _ readContent: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> Void
    )
        throws
    {
        while true {
            let block = Array(try take(512))
            if block.allSatisfy({ $0 == 0 }) {
                guard (try? take(512))?.allSatisfy({ $0 == 0 }) == true else {
                    throw BackupError("\(path) is damaged: a lone end block")
                }
                return
            }
            let entry = try Self.parse(block, archive: path)
            var consumed = false
            try body(entry) { sink in
                consumed = true
                var left = entry.size
                while left > 0 {
                    let count = Int(min(left, 1 << 20))
                    let chunk = try take(count)
                    try chunk.withUnsafeBytes { try sink($0) }
                    left -= Int64(count)
                }
            }
            if !consumed {
                var left = entry.size
                while left > 0 {
                    let count = Int(min(left, 1 << 20))
                    _ = try take(count)
                    left -= Int64(count)
                }
            }
            let remainder = Int(entry.size % 512)
            if remainder != 0 { _ = try take(512 - remainder) }
        }
    }

    static func parse(_ block: [UInt8], archive: String) throws -> TarEntry {
        func field(_ start: Int, _ length: Int) -> [UInt8] {
            Array(block[start..<(start + length)].prefix { $0 != 0 })
        }
        func octal(_ start: Int, _ length: Int) -> Int64? {
            let text = String(decoding: field(start, length), as: UTF8.self).trimmingCharacters(in: .whitespaces)
            return Int64(text, radix: 8)
        }
        var checked = block
        for index in 148..<156 { checked[index] = 0x20 }
        let sum = checked.reduce(0) { $0 + Int64($1) }
        guard let stored = octal(148, 8), stored == sum else {
            throw BackupError("\(archive) is damaged: an entry header's checksum is wrong")
        }
        guard field(257, 6) == Array("ustar".utf8) else { throw BackupError("\(archive) is not a ustar archive") }
        let prefix = field(345, 155)
        let name = String(decoding: (prefix.isEmpty ? [] : prefix + [0x2F]) + field(0, 100), as: UTF8.self)
        guard let size = octal(124, 12), size >= 0 else { throw BackupError("\(archive): bad size for \(name)") }
        let type = block[156]
        let isDirectory = type == 0x35
        guard isDirectory || type == 0x30 || type == 0 else {
            throw BackupError("\(archive): \(name) is neither a file nor a folder; refusing it")
        }
        let clean = isDirectory && name.hasSuffix("/") ? String(name.dropLast()) : name
        try checkRelativePath(clean, archive: archive)
        return TarEntry(name: clean, isDirectory: isDirectory, size: isDirectory ? 0 : size)
    }

    /// Refuses a path that could land outside the folder it is extracted into.
    static func checkRelativePath(_ name: String, archive: String) throws {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
        else {
            throw BackupError("\(archive): the path \(name) is not a plain relative path; refusing it")
        }
    }
}
