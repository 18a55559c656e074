import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file or folder that is not private to the service's user, or a secret file that cannot be
/// written or read safely.
public struct SecureFileError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and how to fix it, for the operator.
    public let message: String

    /// Creates the error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Files that hold secrets (private keys, service tokens, audit keys and checkpoints) and the
/// folders around them, private to the service's user: folders 0700, files 0600.
///
/// Writes are atomic (a temporary file in the same folder, fsync, rename, fsync of the folder),
/// so a crash leaves the old content or the new, never a torn key. Reads refuse a file that
/// group or others may access, so a key copied in with the wrong mode is noticed, not used.
public enum SecureFiles {
    /// Creates `path` and any missing parent folders with mode 0700. Existing folders keep
    /// their mode (the start-up check reports one that is too open).
    public static func createPrivateDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw SecureFileError("\(path) exists but is not a folder") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try createPrivateDirectory(parent) }
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw SecureFileError("cannot create the folder \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Creates the empty file `path` with mode 0600 unless it exists, so a program that creates
    /// files with its own default mode (SQLite: 0644 less the umask) finds it private already.
    public static func createPrivateFile(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw SecureFileError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
    }

    /// Replaces `path` with `bytes` atomically, mode 0600, in its (0700) folder.
    public static func writeSecret(_ bytes: [UInt8], to path: String) throws {
        let temporary = try writeTemporary(bytes, beside: path)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SecureFileError("cannot put the secret file \(path) in place: \(reason)")
        }
        syncFolder(of: path)
    }

    /// Writes `bytes` to `path` (mode 0600) only if no file is there, atomically: of two
    /// processes creating the same key at once, exactly one wins. Returns whether this call wrote it.
    public static func createSecretIfAbsent(_ bytes: [UInt8], at path: String) throws -> Bool {
        let temporary = try writeTemporary(bytes, beside: path)
        defer { unlink(temporary) }
        if link(temporary, path) == 0 {
            syncFolder(of: path)
            return true
        }
        if errno == EEXIST { return false }
        throw SecureFileError("cannot create the secret file \(path): \(String(cString: strerror(errno)))")
    }

    /// The content of the secret file `path`, or nil when there is none. Throws for a file that
    /// group or others may access (unless `allowInsecure`), or that is not a regular file.
    public static func readSecret(at path: String, allowInsecure: Bool = false) throws -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw SecureFileError("cannot open the secret file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw SecureFileError("cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw SecureFileError("the secret file \(path) is not a regular file")
        }
        if info.st_mode & 0o077 != 0 && !allowInsecure {
            throw SecureFileError(
                "the secret file \(path) has mode \(octal(info.st_mode)): group or others may read it; run chmod 600 on it (or start with --allow-insecure-permissions)"
            )
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SecureFileError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    /// Appends `line` and a newline to `path` (created 0600) and fsyncs it. Lines shorter than
    /// the pipe buffer are written with one `write` in append mode, so writers never interleave.
    public static func appendLine(_ line: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw SecureFileError("cannot open \(path) to append: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array((line + "\n").utf8)
        try writeAll(bytes, to: descriptor, path: path)
        guard fsync(descriptor) == 0 else {
            throw SecureFileError("cannot fsync \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Every path of a service's data folder that group or others may access, each with why:
    /// the data folder (it may let its group pass through, mode 0710, to reach sockets, but
    /// never read or write it), the `db` and `keys` folders, the service's database with its
    /// `-wal` and `-shm` files, and every file under `keys`. Missing paths are fine.
    public static func insecurePaths(of configuration: ServiceConfiguration) -> [String] {
        var problems: [String] = []
        func check(_ path: String, forbidden: mode_t) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            if info.st_mode & forbidden != 0 { problems.append("\(path) (mode \(octal(info.st_mode)))") }
        }
        check(configuration.dataDirectory, forbidden: 0o066)
        check(configuration.dataDirectory + "/db", forbidden: 0o077)
        for suffix in ["", "-wal", "-shm"] { check(configuration.databasePath + suffix, forbidden: 0o077) }
        check(configuration.keysDirectory, forbidden: 0o077)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: configuration.keysDirectory)) ?? []
        for name in names.sorted() { check(configuration.keysDirectory + "/" + name, forbidden: 0o077) }
        return problems
    }

    /// The error refusing to start on `problems` (from ``insecurePaths(of:)``): every offending
    /// path, and how to fix it.
    public static func refusal(_ problems: [String], configuration: ServiceConfiguration) -> SecureFileError {
        SecureFileError(
            "refusing to start: group or others may access \(problems.joined(separator: ", ")); the data folder holds private keys and personal data. Fix with: chmod -R go-rwx \(configuration.dataDirectory) (or start with --allow-insecure-permissions / SIOPEN_ALLOW_INSECURE_PERMISSIONS=1 to run anyway)"
        )
    }

    /// `mode`'s permission bits as four octal digits.
    static func octal(_ mode: mode_t) -> String {
        let text = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    private static func writeTemporary(_ bytes: [UInt8], beside path: String) throws -> String {
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw SecureFileError("cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        do {
            try writeAll(bytes, to: descriptor, path: temporary)
            guard fsync(descriptor) == 0 else {
                throw SecureFileError("cannot fsync \(temporary): \(String(cString: strerror(errno)))")
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        return temporary
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SecureFileError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// fsyncs the folder holding `path`, so a rename or link in it survives a crash.
    private static func syncFolder(of path: String) {
        let descriptor = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
