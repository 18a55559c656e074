import Foundation
import SiOpenRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// `siopen backup`, `siopen backup verify` and `siopen restore` (see ``BackupArchive``).
enum BackupCommands {
    /// The passphrase sealing the private keys: the first line of `--passphrase-file`, else asked
    /// twice on a terminal (`confirm`) or once; nil when there is neither (keys left out).
    static func passphrase(file: String?, confirm: Bool) throws -> [UInt8]? {
        if let file {
            guard let bytes = try SecureFiles.readSecret(at: file, allowInsecure: false) else {
                throw ConfigurationError("cannot read the passphrase file \(file)")
            }
            let line =
                String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .first.map(String.init) ?? ""
            guard !line.isEmpty else { throw ConfigurationError("the passphrase file \(file) is empty") }
            return Array(line.utf8)
        }
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        let first = try CallInput.readLine(prompt: "backup passphrase: ", hidden: true)
        guard !first.isEmpty else { return nil }
        if confirm {
            let second = try CallInput.readLine(prompt: "the same passphrase again: ", hidden: true)
            guard first == second else { throw ConfigurationError("the two passphrases differ") }
        }
        return Array(first.utf8)
    }

    /// A progress bar on standard error when it is a terminal, redrawn at most ten times a second.
    static func progressBar(_ label: String) -> BackupArchive.Progress? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let state = ProgressState()
        return { done, total, file in
            let now = ContinuousClock.now
            guard done == total || now - state.drawnAt > .milliseconds(100) else { return }
            state.drawnAt = now
            let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let name = file.count > 40 ? "…" + file.suffix(39) : file
            FileHandle.standardError.write(
                Data(
                    "\r\(label) [\(bar)] \(Int(fraction * 100))% \(done >> 20)/\(total >> 20) MiB \(name)\u{1B}[K".utf8)
            )
        }
    }

    private final class ProgressState: @unchecked Sendable {
        var drawnAt = ContinuousClock.now - .seconds(1)
    }

    static func endProgress() {
        if isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data("warning: \(text)\n".utf8))
    }

    /// `siopen backup --to FILE` and `siopen backup verify FILE`; returns the exit status.
    static func backup(_ options: Options) throws -> Int32 {
        if options.positional.first == "verify" {
            guard options.positional.count == 2 else { throw ConfigurationError("usage: siopen backup verify FILE") }
            var passphrase: [UInt8]?
            if let file = options.passphraseFile { passphrase = try Self.passphrase(file: file, confirm: false) }
            let check = BackupArchive.verify(
                options.positional[1], passphrase: passphrase, progress: progressBar("verify"))
            endProgress()
            for note in check.notes { printLine(note) }
            for problem in check.problems { FileHandle.standardError.write(Data("DAMAGED: \(problem)\n".utf8)) }
            printLine(check.isSound ? "backup verified: sound" : "backup verification FAILED")
            return check.isSound ? 0 : 1
        }
        guard options.positional.isEmpty, let target = options.backupTarget else {
            throw ConfigurationError("usage: siopen backup --to FILE [--passphrase-file F | --no-keys]")
        }
        let passphrase = options.noKeys ? nil : try passphrase(file: options.passphraseFile, confirm: true)
        let manifest = try BackupArchive.create(
            at: target, dataDirectory: options.dataDirectory, topology: try options.topology(), passphrase: passphrase,
            progress: progressBar("backup"))
        endProgress()
        for note in manifest.leftOut { warn("left out of the backup: \(note)") }
        let bytes = manifest.files.reduce(Int64(0)) { $0 + $1.size }
        printLine(
            "backup written to \(target): \(manifest.services.count) databases, \(manifest.files.count) files, \(bytes) bytes, \(manifest.sealedKeys.count) private keys sealed"
        )
        return 0
    }

    /// `siopen restore FILE --data-dir DIR`; returns the exit status.
    static func restore(_ options: Options) throws -> Int32 {
        guard options.positional.count == 1, options.dataDirectoryGiven else {
            throw ConfigurationError(
                "usage: siopen restore FILE --data-dir DIR [--passphrase-file F | --without-keys]  (DIR empty or new)")
        }
        let passphrase = options.withoutKeys ? nil : try passphrase(file: options.passphraseFile, confirm: false)
        let check = try BackupArchive.restore(
            options.positional[0], into: options.dataDirectory, passphrase: passphrase,
            withoutKeys: options.withoutKeys,
            progress: progressBar("restore"))
        endProgress()
        for note in check.notes { printLine(note) }
        for problem in check.problems { FileHandle.standardError.write(Data("FAILED: \(problem)\n".utf8)) }
        printLine(
            check.isSound
                ? "restore complete and verified: start it with siopen up --data-dir \(options.dataDirectory)"
                : "restore finished with failures; do not run on \(options.dataDirectory) before they are understood")
        return check.isSound ? 0 : 1
    }
}
