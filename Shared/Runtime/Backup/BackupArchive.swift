import Foundation
import SiOpenProtocol
import SiOpenSecurity
import SiOpenStorage

#if canImport(Glibc)
    import Glibc
#endif

/// One file a backup archive holds, as its manifest lists it.
public struct BackupFileEntry: Codable, Sendable, Hashable {
    /// The path in the archive, which is also its path under the data folder it is restored into
    /// (`db/orders.sqlite`, `files/catalog/products/ab/ab…`, `keys/orders.audit.checkpoints`).
    public var path: String
    /// The size in bytes.
    public var size: Int64
    /// The SHA-256 of the content, 64 lowercase hex characters.
    public var sha256: String
    /// What it is: `database`, `file` (documents and uploads), `configuration`, `checkpoints`
    /// (an audit log's signed checkpoints), `sealed-keys` (the passphrase-encrypted private keys)
    /// or `key` (one private key inside the sealed box).
    public var kind: String
}

/// One service's database in a backup.
public struct BackupServiceEntry: Codable, Sendable, Hashable {
    /// The service's name.
    public var name: String
    /// The database's path in the archive.
    public var database: String
    /// `PRAGMA user_version` of the copy: the schema version its migrations reached.
    public var schemaVersion: Int
    /// The newest audit entry's sequence in the copy (0 for an empty log; nil without a log).
    public var auditHead: Int64?
}

/// What a backup archive holds: its `MANIFEST.json`, the archive's last file but one (the last,
/// `MANIFEST.json.sha256`, is the manifest's own SHA-256).
public struct BackupManifest: Codable, Sendable {
    /// `siopen-backup-1`.
    public var format: String
    /// When the backup began, ISO 8601 UTC: every write acknowledged before it is in the copy.
    public var startedAt: String
    /// When it finished, ISO 8601 UTC.
    public var finishedAt: String
    /// The code version that took it (``SiOpenVersion/current``).
    public var codeVersion: String
    /// The data folder it was taken from.
    public var sourceDataDirectory: String
    /// Every service's database.
    public var services: [BackupServiceEntry]
    /// Every file in the archive but the two manifest files, in archive order.
    public var files: [BackupFileEntry]
    /// The private keys inside `keys.sealed` (empty when they were left out).
    public var sealedKeys: [BackupFileEntry]
    /// The scrypt parameters the keys were sealed with, as `ln=17,r=8,p=1` (nil without keys).
    public var keySealing: String?
    /// What the backup deliberately does not hold, and why (for the operator restoring it).
    public var leftOut: [String]
}

/// The result of checking an archive (`siopen backup verify`) or a restore.
public struct BackupCheck: Sendable {
    /// The archive's manifest, when it could be read.
    public var manifest: BackupManifest?
    /// Every problem found; empty when the archive (or restore) is sound.
    public var problems: [String]
    /// What was checked and found in order, one line each, for the operator.
    public var notes: [String]
    /// Whether nothing is wrong.
    public var isSound: Bool { problems.isEmpty }
}

/// Backups of a whole SiOpen data folder into one archive and restores from it (Perbup Polewali
/// Mandar 31/2012 Pasal 26: backups of the system's files and databases on portable media).
///
/// **Format.** A POSIX ustar archive, written by ``TarWriter`` (about 200 lines, no
/// dependency), because it is one file to carry to portable media, streams without an index,
/// and any `tar` lists and extracts it, so an operator can see and recover what it holds without
/// SiOpen. Its paths are the data folder's own: `db/<service>.sqlite` (an online copy through
/// SQLite's backup API, taken while the services serve), `files/…` (documents and uploads),
/// `keys/<service>.audit.checkpoints`, `config/topology.json` and anything under the data
/// folder's `config/`, then `keys.sealed` (the private keys, encrypted: see below), then
/// `MANIFEST.json` ( ``BackupManifest``: each file's size and SHA-256, code and schema
/// versions, times) and `MANIFEST.json.sha256`. The archive is written under a temporary name
/// and renamed when complete.
///
/// **Consistency.** The audit checkpoints are copied before the databases, so each restored log
/// reaches its last checkpoint; the databases before the files, so every file a copied record
/// refers to exists (uploads are content-addressed and written before the record naming them).
///
/// **Keys.** The signing and audit keys (every file under `keys/` but tokens and checkpoints)
/// travel only in `keys.sealed`, sealed with ``PassphraseEncryption`` (scrypt, AES-256-GCM)
/// under the operator's passphrase; without one they are left out, which the manifest and the
/// caller say. Service tokens are always left out: `siopen up` issues new ones.
public enum BackupArchive {
    /// The manifest format.
    public static let format = "siopen-backup-1"
    static let manifestName = "MANIFEST.json"
    static let manifestHashName = "MANIFEST.json.sha256"
    static let sealedKeysName = "keys.sealed"

    /// Progress of a long operation: bytes done, bytes in all, the file at hand.
    public typealias Progress = (_ done: Int64, _ total: Int64, _ file: String) -> Void

    // MARK: Creating

    /// Writes a backup of `dataDirectory` (the services of `topology`) to `archivePath`, which
    /// must not exist. With `passphrase` nil the private keys are left out.
    @discardableResult
    public static func create(
        at archivePath: String, dataDirectory: String, topology: Topology, passphrase: [UInt8]?,
        keySealing: ScryptParameters = PassphraseEncryption.defaultParameters, progress: Progress? = nil
    ) throws -> BackupManifest {
        let startedAt = Timestamp.iso8601(Date())
        guard !FileManager.default.fileExists(atPath: archivePath) else {
            throw BackupError("\(archivePath) exists already; a backup never overwrites one")
        }
        let folder = (archivePath as NSString).deletingLastPathComponent
        try SecureFiles.createPrivateDirectory(folder.isEmpty ? "." : folder)
        let staging = archivePath + ".staging-\(Hex.encode(SecureRandom.bytes(6)))"
        try SecureFiles.createPrivateDirectory(staging)
        defer { try? FileManager.default.removeItem(atPath: staging) }

        // 1. Audit checkpoints, before the databases (a restored log must reach its checkpoint).
        var staged: [(path: String, source: String, kind: String)] = []
        var leftOut: [String] = []
        let keys = dataDirectory + "/keys"
        for service in topology.services {
            let source = "\(keys)/\(service.name).audit.checkpoints"
            guard let bytes = FileManager.default.contents(atPath: source) else { continue }
            // Only complete lines: a checkpoint being appended right now is left for the next backup.
            let complete = bytes.lastIndex(of: 0x0A).map { bytes[...$0] } ?? Data()
            let copy = "\(staging)/\(service.name).audit.checkpoints"
            try writePrivate(Array(complete), to: copy)
            staged.append(("keys/\(service.name).audit.checkpoints", copy, "checkpoints"))
        }
        // 2. Private keys, sealed or left out.
        var secrets: [(path: String, bytes: [UInt8])] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: keys)) ?? []).sorted() {
            if name.hasSuffix(".audit.checkpoints") || name.hasSuffix(".tmp") { continue }
            if name.hasSuffix(".token") {
                if !leftOut.contains(where: { $0.hasPrefix("service tokens") }) {
                    leftOut.append("service tokens (keys/*.token): siopen up issues new ones")
                }
                continue
            }
            guard let bytes = try SecureFiles.readSecret(at: "\(keys)/\(name)") else { continue }
            secrets.append(("keys/\(name)", bytes))
        }
        // 3. Databases: online copies while the services serve.
        var services: [BackupServiceEntry] = []
        for service in topology.services {
            let source = "\(dataDirectory)/\(service.database)"
            guard FileManager.default.fileExists(atPath: source) else {
                leftOut.append("\(service.database): no such database (\(service.name) never ran on this data folder)")
                continue
            }
            let copy = "\(staging)/\(service.name).sqlite"
            progress?(0, 0, service.database)
            try DatabaseFile.backup(from: source, to: copy)
            let version = try DatabaseFile.schemaVersion(at: copy)
            let head = try DatabaseFile.read(at: copy) { try AuditTrail.head($0)?.sequence }
            services.append(
                BackupServiceEntry(
                    name: service.name, database: service.database, schemaVersion: version, auditHead: head))
            staged.append((service.database, copy, "database"))
        }
        // 4. Documents and uploads, then configuration: read in place (content-addressed files never change).
        for relative in regularFiles(under: dataDirectory + "/files", relativeTo: dataDirectory) {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".upload-") || name.hasSuffix(".tmp") { continue }
            staged.append((relative, dataDirectory + "/" + relative, "file"))
        }
        let topologyCopy = staging + "/topology.json"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try writePrivate(Array(try encoder.encode(topology)), to: topologyCopy)
        staged.append(("config/topology.json", topologyCopy, "configuration"))
        for relative in regularFiles(under: dataDirectory + "/config", relativeTo: dataDirectory)
        where relative != "config/topology.json" {
            staged.append((relative, dataDirectory + "/" + relative, "configuration"))
        }

        // 5. The archive, under a temporary name until complete.
        let partial = archivePath + ".partial-\(Hex.encode(SecureRandom.bytes(6)))"
        var renamed = false
        defer { if !renamed { unlink(partial) } }
        let writer = try TarWriter(creating: partial)
        let now = Int64(Date().timeIntervalSince1970)
        var sizes: [Int64] = []
        for item in staged {
            var info = stat()
            guard stat(item.source, &info) == 0 else { throw BackupError("cannot read \(item.source)") }
            sizes.append(Int64(info.st_size))
        }
        let total = sizes.reduce(0, +)
        var done: Int64 = 0
        var files: [BackupFileEntry] = []
        for (item, size) in zip(staged, sizes) {
            let hash = try writer.addFile(item.path, size: size, modificationTime: now) { sink in
                try streamFile(item.source, size: size) { chunk in
                    try sink(chunk)
                    done += Int64(chunk.count)
                    progress?(done, total, item.path)
                }
            }
            files.append(BackupFileEntry(path: item.path, size: size, sha256: hash, kind: item.kind))
        }
        var sealedKeys: [BackupFileEntry] = []
        var sealing: String?
        if !secrets.isEmpty {
            if let passphrase {
                let bundle: JSONValue = [
                    "keys": .array(
                        secrets.map {
                            ["path": .string($0.path), "base64": .string(Data($0.bytes).base64EncodedString())]
                        })
                ]
                var plain = bundle.serialized
                let sealed = try PassphraseEncryption.seal(plain, passphrase: passphrase, parameters: keySealing)
                plain.withUnsafeMutableBytes { memset($0.baseAddress!, 0, $0.count) }
                let hash = try writer.addFile(sealedKeysName, bytes: sealed, modificationTime: now)
                files.append(
                    BackupFileEntry(path: sealedKeysName, size: Int64(sealed.count), sha256: hash, kind: "sealed-keys"))
                sealedKeys = secrets.map {
                    BackupFileEntry(
                        path: $0.path, size: Int64($0.bytes.count), sha256: SHA256.hexDigest($0.bytes), kind: "key")
                }
                sealing = "ln=\(keySealing.logN),r=\(keySealing.r),p=\(keySealing.p)"
            } else {
                leftOut.append(
                    "private keys (\(secrets.map(\.path).joined(separator: ", "))): no passphrase was given, so they are not in the backup; a restore without them cannot verify keyed audit entries or sign with the old keys"
                )
            }
        }
        for index in secrets.indices {
            secrets[index].bytes.withUnsafeMutableBytes { memset($0.baseAddress!, 0, $0.count) }
        }
        let manifest = BackupManifest(
            format: format, startedAt: startedAt, finishedAt: Timestamp.iso8601(Date()),
            codeVersion: SiOpenVersion.current,
            sourceDataDirectory: dataDirectory, services: services, files: files, sealedKeys: sealedKeys,
            keySealing: sealing, leftOut: leftOut)
        let manifestBytes = Array(try encoder.encode(manifest))
        try writer.addFile(manifestName, bytes: manifestBytes, modificationTime: now)
        try writer.addFile(
            manifestHashName, bytes: Array((SHA256.hexDigest(manifestBytes) + "\n").utf8), modificationTime: now)
        try writer.finish()
        guard link(partial, archivePath) == 0 else {
            throw BackupError("cannot put the backup in place at \(archivePath): \(String(cString: strerror(errno)))")
        }
        renamed = true
        unlink(partial)
        syncFolder(folder.isEmpty ? "." : folder)
        return manifest
    }

    // MARK: Checking

    /// Reads the whole archive and checks it without restoring: every file's size and SHA-256
    /// against the manifest, the manifest against its own hash, nothing missing or extra; with
    /// `passphrase`, also that the sealed keys open and match their hashes.
    public static func verify(_ archivePath: String, passphrase: [UInt8]? = nil, progress: Progress? = nil)
        -> BackupCheck
    {
        var check = BackupCheck(manifest: nil, problems: [], notes: [])
        let total = Int64((try? FileManager.default.attributesOfItem(atPath: archivePath)[.size] as? Int) ?? 0)
        var seen: [String: (size: Int64, sha256: String)] = [:]
        var order: [String] = []
        var manifestBytes: [UInt8]?
        var manifestHash: String?
        var sealed: [UInt8]?
        do {
            let reader = try TarReader(path: archivePath)
            var done: Int64 = 0
            try reader.forEachEntry { entry, readContent in
                guard !entry.isDirectory else { return }
                guard seen[entry.name] == nil else { throw BackupError("\(entry.name) is in the archive twice") }
                var hasher = SHA256Hasher()
                let keep = entry.name == manifestName || entry.name == manifestHashName || entry.name == sealedKeysName
                var kept: [UInt8] = []
                if keep && entry.size > 64 << 20 { throw BackupError("\(entry.name) is implausibly large") }
                try readContent { chunk in
                    hasher.update(chunk)
                    if keep { kept.append(contentsOf: chunk) }
                    done += Int64(chunk.count)
                    progress?(done, total, entry.name)
                }
                seen[entry.name] = (entry.size, Hex.encode(hasher.finalize()))
                order.append(entry.name)
                if entry.name == manifestName { manifestBytes = kept }
                if entry.name == manifestHashName {
                    manifestHash = String(decoding: kept, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                }
                if entry.name == sealedKeysName { sealed = kept }
            }
        } catch {
            check.problems.append("\(error)")
            return check
        }
        guard let manifestBytes, let manifestHash else {
            check.problems.append(
                "\(archivePath) has no \(manifestName) and \(manifestHashName): it is truncated or not a SiOpen backup")
            return check
        }
        guard SHA256.hexDigest(manifestBytes) == manifestHash else {
            check.problems.append(
                "\(manifestName) does not match its SHA-256 in \(manifestHashName): the manifest is damaged")
            return check
        }
        guard let manifest = try? JSONDecoder().decode(BackupManifest.self, from: Data(manifestBytes)),
            manifest.format == format
        else {
            check.problems.append("\(manifestName) is not a \(format) manifest")
            return check
        }
        check.manifest = manifest
        var listed = Set<String>()
        for file in manifest.files {
            listed.insert(file.path)
            guard let found = seen[file.path] else {
                check.problems.append("\(file.path) is listed in the manifest but not in the archive")
                continue
            }
            if found.size != file.size || found.sha256 != file.sha256 {
                check.problems.append(
                    "\(file.path) is damaged: its SHA-256 is \(found.sha256), the manifest says \(file.sha256)")
            }
        }
        for name in order where !listed.contains(name) && name != manifestName && name != manifestHashName {
            check.problems.append("\(name) is in the archive but not in the manifest")
        }
        check.notes.append(
            "\(manifest.files.count) files checked against their SHA-256; taken \(manifest.startedAt) by SiOpen \(manifest.codeVersion) from \(manifest.sourceDataDirectory)"
        )
        for service in manifest.services {
            check.notes.append(
                "\(service.name): \(service.database), schema version \(service.schemaVersion), audit head \(service.auditHead.map(String.init) ?? "none")"
            )
        }
        for note in manifest.leftOut { check.notes.append("left out: \(note)") }
        if let sealed, let passphrase, check.problems.isEmpty {
            do {
                _ = try openKeys(sealed, passphrase: passphrase, manifest: manifest)
                check.notes.append("the sealed private keys open with the passphrase and match their SHA-256")
            } catch {
                check.problems.append("\(error)")
            }
        } else if sealed != nil {
            check.notes.append("the private keys are sealed; give the passphrase to check that they open")
        }
        return check
    }

    // MARK: Restoring

    /// Restores `archivePath` into `dataDirectory`, which must be missing or an empty folder:
    /// checks the whole archive first (nothing is written from a damaged one), opens the sealed
    /// keys with `passphrase` (required when the archive has keys, unless `withoutKeys`), writes
    /// every file (folders 0700, files 0600) checking its SHA-256 again as it is written, then
    /// runs `PRAGMA integrity_check` on every database and verifies every audit chain with the
    /// restored audit key and checkpoints. Throws before writing anything when the folder is not
    /// empty or the archive is damaged; the returned check lists what failed afterwards.
    public static func restore(
        _ archivePath: String, into dataDirectory: String, passphrase: [UInt8]?, withoutKeys: Bool = false,
        progress: Progress? = nil
    ) throws -> BackupCheck {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: dataDirectory, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw BackupError("\(dataDirectory) is not a folder") }
            let contents = try FileManager.default.contentsOfDirectory(atPath: dataDirectory)
            guard contents.isEmpty else {
                throw BackupError(
                    "refusing to restore into \(dataDirectory): it is not empty (\(contents.sorted().prefix(5).joined(separator: ", "))); restore into an empty or new folder"
                )
            }
        }
        var check = verify(archivePath)
        guard check.isSound, let manifest = check.manifest else {
            throw BackupError(
                "the archive is damaged; nothing was restored:\n" + check.problems.joined(separator: "\n"))
        }
        var keys: [(path: String, bytes: [UInt8])] = []
        if let sealedEntry = manifest.files.first(where: { $0.kind == "sealed-keys" }), !withoutKeys {
            guard let passphrase else {
                throw BackupError(
                    "the backup holds sealed private keys: give the passphrase (or restore --without-keys, and lose the audit key and signing keys)"
                )
            }
            var sealed: [UInt8] = []
            try TarReader(path: archivePath).forEachEntry { entry, readContent in
                guard entry.name == sealedEntry.path else { return }
                try readContent { sealed.append(contentsOf: $0) }
            }
            keys = try openKeys(sealed, passphrase: passphrase, manifest: manifest)
        }
        try SecureFiles.createPrivateDirectory(dataDirectory)
        chmod(dataDirectory, 0o700)
        let expected = Dictionary(manifest.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let total = manifest.files.reduce(Int64(0)) { $0 + $1.size }
        var done: Int64 = 0
        try TarReader(path: archivePath).forEachEntry { entry, readContent in
            guard !entry.isDirectory, let listed = expected[entry.name], listed.kind != "sealed-keys" else { return }
            let target = dataDirectory + "/" + entry.name
            try createPrivateFolders(for: entry.name, under: dataDirectory)
            let descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else {
                throw BackupError("cannot create \(target): \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            fchmod(descriptor, 0o600)
            var hasher = SHA256Hasher()
            try readContent { chunk in
                hasher.update(chunk)
                try writeAll(chunk, to: descriptor, path: target)
                done += Int64(chunk.count)
                progress?(done, total, entry.name)
            }
            guard fsync(descriptor) == 0 else { throw BackupError("cannot fsync \(target)") }
            let hash = Hex.encode(hasher.finalize())
            guard hash == listed.sha256 else {
                throw BackupError("\(entry.name) changed in the archive during the restore: its SHA-256 is now \(hash)")
            }
        }
        for key in keys {
            try createPrivateFolders(for: key.path, under: dataDirectory)
            try SecureFiles.writeSecret(key.bytes, to: dataDirectory + "/" + key.path)
        }
        check.notes.append("restored \(manifest.files.count) files into \(dataDirectory); every SHA-256 matches")
        if keys.isEmpty, manifest.files.contains(where: { $0.kind == "sealed-keys" }) || !manifest.sealedKeys.isEmpty {
            check.notes.append("the private keys were not restored (--without-keys)")
        }
        // The checks a service would need to trust what it opens.
        for service in manifest.services {
            let path = dataDirectory + "/" + service.database
            do {
                let integrity = try DatabaseFile.integrityCheck(at: path)
                if integrity == ["ok"] {
                    check.notes.append("\(service.name): integrity_check ok")
                } else {
                    check.problems.append("\(service.name): integrity_check: \(integrity.joined(separator: "; "))")
                }
                let version = try DatabaseFile.schemaVersion(at: path)
                if version != service.schemaVersion {
                    check.problems.append(
                        "\(service.name): schema version \(version), the manifest says \(service.schemaVersion)")
                }
                let configuration = ServiceConfiguration(serviceName: service.name, dataDirectory: dataDirectory)
                let seal = try AuditSeal.existing(configuration: configuration)
                let verification = try DatabaseFile.read(at: path) { connection -> AuditVerification? in
                    guard try AuditTrail.head(connection) != nil else { return nil }
                    return try AuditTrail.verify(connection, seal: seal)
                }
                switch (verification, seal) {
                case (nil, _):
                    check.notes.append("\(service.name): no audit log")
                case (let result?, _?) where result.intact:
                    check.notes.append(
                        "\(service.name): audit chain intact, \(result.checkedEntries) entries, up to checkpoint \(result.checkpoint.map { String($0.sequence) } ?? "none")"
                    )
                case (let result?, _?):
                    check.problems.append(
                        "\(service.name): audit chain broken at \(result.firstBrokenSequence.map(String.init) ?? "?"): \(result.reason ?? "")"
                    )
                case (_?, nil):
                    check.notes.append(
                        "\(service.name): audit chain NOT verified: its audit key was not restored")
                }
            } catch {
                check.problems.append("\(service.name): \(error)")
            }
        }
        try tightenPermissions(dataDirectory)
        return check
    }

    /// Opens the sealed key bundle and checks each key against the manifest.
    static func openKeys(_ sealed: [UInt8], passphrase: [UInt8], manifest: BackupManifest) throws
        -> [(path: String, bytes: [UInt8])]
    {
        let plain: [UInt8]
        do {
            plain = try PassphraseEncryption.open(sealed, passphrase: passphrase)
        } catch {
            throw BackupError("the private keys do not open: the passphrase is wrong or keys.sealed is damaged")
        }
        guard let bundle = try? JSONValue(parsing: String(decoding: plain, as: UTF8.self)),
            let items = bundle["keys"]?.arrayValue
        else { throw BackupError("keys.sealed opens but holds no key list") }
        var keys: [(path: String, bytes: [UInt8])] = []
        for item in items {
            guard let path = item["path"]?.stringValue, let text = item["base64"]?.stringValue,
                let data = Data(base64Encoded: text), path.hasPrefix("keys/")
            else { throw BackupError("keys.sealed holds a malformed key entry") }
            try TarReader.checkRelativePath(path, archive: "keys.sealed")
            guard let listed = manifest.sealedKeys.first(where: { $0.path == path }),
                listed.sha256 == SHA256.hexDigest(Array(data))
            else { throw BackupError("the sealed key \(path) does not match the manifest") }
            keys.append((path, Array(data)))
        }
        guard keys.count == manifest.sealedKeys.count else {
            throw BackupError("keys.sealed holds \(keys.count) keys, the manifest lists \(manifest.sealedKeys.count)")
        }
        return keys
    }

    // MARK: Scheduled backups

    /// The file name of a scheduled backup taken at `date`: `siopen-backup-20261203T120000Z.tar`.
    public static func scheduledName(at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "siopen-backup-\(formatter.string(from: date)).tar"
    }

    /// Removes all but the newest `keep` scheduled backups in `folder`; returns the removed names.
    @discardableResult
    public static func prune(_ folder: String, keep: Int) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("siopen-backup-") && $0.hasSuffix(".tar") }.sorted()
        let removed = Array(names.dropLast(max(keep, 1)))
        for name in removed { unlink(folder + "/" + name) }
        return removed
    }

    // MARK: Files

    /// Paths (relative to `base`) of the regular files below `folder`, sorted.
    static func regularFiles(under folder: String, relativeTo base: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            var info = stat()
            guard lstat(folder + "/" + relative, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            found.append(String((folder + "/" + relative).dropFirst(base.count + 1)))
        }
        return found.sorted()
    }

    private static func streamFile(_ path: String, size: Int64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws
    {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupError("cannot open \(path)") }
        defer { try? handle.close() }
        var left = size
        while left > 0 {
            let chunk = try handle.read(upToCount: Int(min(left, 1 << 20))) ?? Data()
            guard !chunk.isEmpty else { throw BackupError("\(path) shrank while it was being archived") }
            try chunk.withUnsafeBytes { try body($0) }
            left -= Int64(chunk.count)
        }
    }

    private static func writePrivate(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw BackupError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { try writeAll($0, to: descriptor, path: path) }
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        var done = 0
        while done < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if count < 0 {
                if errno == EINTR { continue }
                throw BackupError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            done += count
        }
    }

    private static func createPrivateFolders(for relative: String, under base: String) throws {
        let parent = (relative as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        try SecureFiles.createPrivateDirectory(base + "/" + parent)
    }

    /// Folders 0700, files 0600, below and including `folder`.
    private static func tightenPermissions(_ folder: String) throws {
        chmod(folder, 0o700)
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return }
        while let relative = walker.nextObject() as? String {
            let path = folder + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: chmod(path, 0o700)
            case S_IFREG: chmod(path, 0o600)
            default: continue
            }
        }
    }

    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
