import Foundation
import SiOpenProtocol
import SiOpenSecurity

// A content-addressed store for uploaded documents and images (KTP scans, deeds, delivery
// photos), and the decoding of uploads that travel in JSON-RPC as base64 strings.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file types the store accepts, each recognised from its first bytes, never from a name or
/// a caller's claim.
public enum BlobKind: String, Codable, Sendable, CaseIterable, JSONSchemaDescribing {
    /// A PDF document (`%PDF-`).
    case pdf
    /// A JPEG image (`FF D8 FF`).
    case jpeg
    /// A PNG image (`89 50 4E 47 0D 0A 1A 0A`).
    case png

    /// The media type, for serving the file back.
    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }

    /// The kind whose magic number `bytes` begin with, or `nil` for anything else.
    public static func detect(_ bytes: [UInt8]) -> BlobKind? {
        if bytes.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }
}

/// What the store knows of one stored file; records keep this, not the bytes.
public struct StoredBlob: Codable, Sendable, Hashable {
    /// The SHA-256 of the bytes, 64 lowercase hex characters; also the file's name.
    public var sha256: String
    /// The type detected from the bytes.
    public var kind: BlobKind
    /// The size in bytes.
    public var byteCount: Int64

    /// Creates the description of a stored file.
    public init(sha256: String, kind: BlobKind, byteCount: Int64) {
        self.sha256 = sha256
        self.kind = kind
        self.byteCount = byteCount
    }
}

/// A failure of the file system under a ``BlobStore`` (not of the caller's input), with the
/// operation and errno. The RPC layer reports it as an internal error and logs the detail.
public struct BlobStoreError: Error, CustomStringConvertible, Sendable {
    /// What failed and why.
    public let message: String

    /// Creates the error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }

    static func system(_ operation: String, _ path: String, errno code: Int32 = errno) -> BlobStoreError {
        BlobStoreError("\(operation) \(path) failed: \(String(cString: strerror(code))) (errno \(code))")
    }
}

/// A content-addressed file store: each file is named by the SHA-256 of its bytes and kept at
/// `<directory>/<first 2 hex>/<sha256>`, so the same bytes are stored once and a name can be
/// checked against its content.
///
/// ``store(_:declaredKind:)`` returns only after the file is durable: it is written to a
/// temporary file, fsynced, renamed into place and its directory fsynced, so a crash leaves
/// either the whole file or none (at worst a stray `.upload-*` temporary). Safe to use from
/// many tasks and processes at once: concurrent stores of the same bytes write the same content.
public final class BlobStore: Sendable {
    /// The root directory.
    public let directory: String
    /// The largest file accepted, in bytes.
    public let maxBytes: Int

    /// Opens the store at `directory`, creating it (and missing parents) if needed.
    /// Throws ``BlobStoreError`` if it cannot be created or is not a directory.
    public init(directory: String, maxBytes: Int = 5 << 20) throws {
        guard maxBytes > 0 else { throw BlobStoreError("maxBytes must be positive, not \(maxBytes)") }
        self.directory = directory
        self.maxBytes = maxBytes
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BlobStoreError("cannot create the blob directory \(directory): \(error.localizedDescription)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BlobStoreError("the blob store path \(directory) is not a directory")
        }
    }

    /// Stores `bytes` and describes them.
    ///
    /// Checks size and type from the bytes themselves (magic numbers of PDF, JPEG and PNG),
    /// refusing anything else even when `declaredKind` claims otherwise. Storing the same bytes
    /// twice is a no-op that returns the same description (a copy found damaged is rewritten).
    ///
    /// Throws `RPCError.validationFailed(field: "content", …)` for empty content, content over
    /// ``maxBytes``, an unrecognised type, or a `declaredKind` that differs from the detected one;
    /// ``BlobStoreError`` when the file system fails.
    public func store(_ bytes: [UInt8], declaredKind: BlobKind? = nil) throws -> StoredBlob {
        guard !bytes.isEmpty else {
            throw RPCError.validationFailed(field: "content", reason: "must not be empty")
        }
        guard bytes.count <= maxBytes else {
            throw RPCError.validationFailed(
                field: "content",
                reason: "must be at most \(UploadDecoding.describeSize(maxBytes)); this file has \(bytes.count) bytes")
        }
        guard let kind = BlobKind.detect(bytes) else {
            let claim = declaredKind.map { " (it was declared \($0.rawValue), but its bytes are not)" } ?? ""
            throw RPCError.validationFailed(
                field: "content", reason: "must be a PDF, JPEG or PNG file\(claim)")
        }
        if let declaredKind, declaredKind != kind {
            throw RPCError.validationFailed(
                field: "content", reason: "was declared \(declaredKind.rawValue) but its bytes are \(kind.rawValue)")
        }
        let sha256 = SHA256.hexDigest(bytes)
        let blob = StoredBlob(sha256: sha256, kind: kind, byteCount: Int64(bytes.count))
        let shard = directory + "/" + sha256.prefix(2)
        let path = shard + "/" + sha256
        // Already stored: a no-op, unless the file on disk was damaged, which this rewrite repairs.
        // Its modification time is renewed, so a collection (``collectUnreferenced``) running
        // before the caller's record commits sees it as fresh and keeps it.
        if regularFileSize(path) == Int64(bytes.count), (try? Self.readFile(path)) == bytes {
            if utimes(path, nil) != 0 { throw BlobStoreError.system("utimes", path) }
            return blob
        }
        try makeShard(shard)
        try writeDurably(bytes, to: path, in: shard)
        return blob
    }

    /// The bytes stored under `sha256`, checked against that digest.
    ///
    /// Throws `RPCError.validationFailed(field: "sha256", …)` unless the name is 64 hex
    /// characters (so no path can be smuggled in), `RPCError.notFound` when no such file is
    /// stored, and ``BlobStoreError`` when reading fails or the content no longer matches its name.
    public func load(sha256: String) throws -> [UInt8] {
        guard let name = Self.canonicalName(sha256) else {
            throw RPCError.validationFailed(
                field: "sha256", reason: "must be a SHA-256 digest of 64 hexadecimal characters")
        }
        let path = directory + "/" + name.prefix(2) + "/" + name
        guard let bytes = try Self.readFile(path) else { throw RPCError.notFound("File", id: name) }
        guard SHA256.hexDigest(bytes) == name else {
            throw BlobStoreError("\(path) does not match its SHA-256 name: the stored file is damaged")
        }
        return bytes
    }

    /// Whether a file is stored under `sha256` (false for a name that is not 64 hex characters).
    public func contains(sha256: String) -> Bool {
        guard let name = Self.canonicalName(sha256) else { return false }
        return regularFileSize(directory + "/" + name.prefix(2) + "/" + name) != nil
    }

    /// What one ``collectUnreferenced(keeping:olderThan:now:)`` run removed.
    public struct Collection: Sendable, Hashable {
        /// Stored files no record referred to, removed.
        public var files: Int
        /// Their bytes.
        public var bytes: Int64
        /// Temporary `.upload-*` files left behind by a crash, removed.
        public var temporaries: Int
    }

    /// Removes the stored files whose SHA-256 is not in `referenced` and the stray `.upload-*`
    /// temporaries a crash left behind, when last modified more than `grace` before `now`.
    ///
    /// The grace period covers a store whose record has not committed yet: ``store(_:declaredKind:)``
    /// writes (or touches) the file before its caller writes the row that refers to it, so take
    /// `referenced` from the records *before* calling this and choose a grace far longer than a
    /// request. Anything that is not a stored file (other names, directories, links) is left alone.
    @discardableResult
    public func collectUnreferenced(keeping referenced: Set<String>, olderThan grace: Duration, now: Date = Date())
        throws -> Collection
    {
        let cutoff = now.timeIntervalSince1970 - Double(grace.components.seconds)
        var collection = Collection(files: 0, bytes: 0, temporaries: 0)
        let shards = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for shard in shards
        where shard.utf8.count == 2
            && shard.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        {
            let shardPath = directory + "/" + shard
            // A real shard directory only: never follow a link out of the store.
            var shardInfo = stat()
            guard lstat(shardPath, &shardInfo) == 0, shardInfo.st_mode & S_IFMT == S_IFDIR,
                let names = try? FileManager.default.contentsOfDirectory(atPath: shardPath)
            else { continue }
            var removed = false
            for name in names {
                let path = shardPath + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Double(info.st_mtim.tv_sec) < cutoff
                else { continue }
                if name.hasPrefix(".upload-") {
                    guard unlink(path) == 0 || errno == ENOENT else { throw BlobStoreError.system("unlink", path) }
                    collection.temporaries += 1
                    removed = true
                } else if Self.canonicalName(name) == name, name.hasPrefix(shard), !referenced.contains(name) {
                    guard unlink(path) == 0 || errno == ENOENT else { throw BlobStoreError.system("unlink", path) }
                    collection.files += 1
                    collection.bytes += Int64(info.st_size)
                    removed = true
                }
            }
            if removed { try Self.syncDirectory(shardPath) }
        }
        return collection
    }

    /// `sha256` lowercased when it is exactly 64 hex characters, else `nil`.
    static func canonicalName(_ sha256: String) -> String? {
        let utf8 = sha256.utf8
        guard utf8.count == 64,
            utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) })
        else { return nil }
        return sha256.lowercased()
    }

    /// The contents of the regular file at `path` (not following a symbolic link), or `nil` when
    /// there is no such file.
    private static func readFile(_ path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw BlobStoreError.system("open", path, errno: code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw BlobStoreError.system("fstat", path) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw BlobStoreError("\(path) is not a regular file") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while filled < buffer.count {
                let n = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw BlobStoreError.system("read", path)
                }
                if n == 0 { break }
                filled += n
            }
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// The size of the regular file at `path` (not following a symbolic link), or `nil`.
    private func regularFileSize(_ path: String) -> Int64? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    /// Creates the shard directory if missing, making its entry in the root durable.
    private func makeShard(_ shard: String) throws {
        if mkdir(shard, 0o750) == 0 {
            try Self.syncDirectory(directory)
        } else if errno != EEXIST {
            throw BlobStoreError.system("mkdir", shard)
        }
    }

    /// Writes `bytes` to a fresh temporary file in `shard`, fsyncs it, renames it to `path` and
    /// fsyncs `shard`, so the file is complete and its name durable before this returns.
    private func writeDurably(_ bytes: [UInt8], to path: String, in shard: String) throws {
        let temporary = shard + "/.upload-" + Hex.encode(SecureRandom.bytes(12))
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw BlobStoreError.system("create", temporary) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            try bytes.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw BlobStoreError.system("write", temporary)
                    }
                    written += n
                }
            }
            guard fsync(fd) == 0 else { throw BlobStoreError.system("fsync", temporary) }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw BlobStoreError.system("close", temporary) }
        guard rename(temporary, path) == 0 else { throw BlobStoreError.system("rename to \(path)", temporary) }
        renamed = true
        try Self.syncDirectory(shard)
    }

    /// Fsyncs a directory so the names created or renamed in it survive a crash.
    private static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw BlobStoreError.system("open directory", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw BlobStoreError.system("fsync directory", path) }
    }
}

/// Uploads in JSON-RPC params: files travel as base64 strings and are decoded here, before
/// they reach a ``BlobStore``.
public enum UploadDecoding {
    /// The bytes of a standard base64 string (RFC 4648 section 4; `=` padding optional, no
    /// whitespace, no `data:` prefix).
    ///
    /// Throws `RPCError.validationFailed(field: field, …)` (422) when the text is empty, is not
    /// base64, or would decode to more than `maxBytes` bytes; the size is checked before
    /// decoding, so an oversized upload is refused without decoding it.
    public static func bytes(fromBase64 text: String, field: String, maxBytes: Int) throws -> [UInt8] {
        let utf8 = text.utf8
        guard !utf8.isEmpty else { throw RPCError.validationFailed(field: field, reason: "must not be empty") }
        if text.hasPrefix("data:") {
            throw RPCError.validationFailed(
                field: field, reason: "must be the file's bytes in base64 alone, without a data: URL prefix")
        }
        let padding = utf8.reversed().prefix(while: { $0 == UInt8(ascii: "=") }).count
        let decodedLength = (utf8.count - padding) * 3 / 4
        guard decodedLength <= maxBytes else {
            throw RPCError.validationFailed(
                field: field,
                reason: "must be at most \(describeSize(maxBytes)) once decoded; this is about \(decodedLength) bytes")
        }
        var padded = text
        if padding == 0 && utf8.count % 4 != 0 {
            padded += String(repeating: "=", count: 4 - utf8.count % 4)
        }
        guard padding <= 2, padded.utf8.count % 4 == 0, let data = Data(base64Encoded: padded) else {
            throw RPCError.validationFailed(
                field: field,
                reason: "must be base64 (A-Z, a-z, 0-9, + and /, with optional = padding, no spaces or line breaks)")
        }
        guard !data.isEmpty else { throw RPCError.validationFailed(field: field, reason: "must not be empty") }
        return [UInt8](data)
    }

    /// A size for a person: whole MiB when exact, else bytes.
    static func describeSize(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB (\(bytes) bytes)" }
        return "\(bytes) bytes"
    }
}
