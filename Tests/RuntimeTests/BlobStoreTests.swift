import Foundation
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny but well-formed-looking example of each accepted type, and things that are not.
private enum Samples {
    static let pdf = Array("%PDF-1.4\n% SiOpen test document\n%%EOF\n".utf8)
    /// SHA-256 of `pdf`, computed independently with `sha256sum`.
    static let pdfSHA256 = "3631aeb5ff4b66ba649129a0b3a5659cf2799f8c56f101393cdef9d0787b144e"
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0xFF, 0xD9]
    static let png: [UInt8] =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] + Array("IHDR".utf8)
    static let exe: [UInt8] =
        Array("MZ".utf8) + [0x90, 0x00, 0x03, 0x00] + Array("This program cannot be run in DOS mode".utf8)
    static let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] + Array("word/document.xml".utf8)
    static let text = Array("Surat Pesanan, definitely a PDF\n".utf8)
    static let html = Array("<html><body>%PDF-1.4</body></html>".utf8)
    /// `%PDF` without the hyphen is not the PDF header.
    static let almostPDF = Array("%PDF1.4\n".utf8)
}

/// The names of the files in `directory` and its subdirectories, relative to it.
private func filesUnder(_ directory: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: directory)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory),
            !isDirectory.boolValue
        {
            files.append(path)
        }
    }
    return files.sorted()
}

/// The one field a 422 names, and its reason.
private func validationField(_ error: RPCError?) -> (field: String?, reason: String?) {
    let first = error?.data?["fields"]?.arrayValue?.first
    return (first?["field"]?.stringValue, first?["reason"]?.stringValue)
}

@Suite("BlobStore")
struct BlobStoreTests {
    func withStore(maxBytes: Int = 5 << 20, _ body: (BlobStore, String) throws -> Void) throws {
        let root = try makeShortTemporaryDirectory(prefix: "siblob")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = root + "/data/blobs"  // created by the store, parents too
        try body(try BlobStore(directory: directory, maxBytes: maxBytes), directory)
    }

    @Test func acceptsPDFJPEGAndPNG() throws {
        try withStore { store, _ in
            #expect(try store.store(Samples.pdf).kind == .pdf)
            #expect(try store.store(Samples.jpeg, declaredKind: .jpeg).kind == .jpeg)
            let png = try store.store(Samples.png, declaredKind: .png)
            #expect(png.kind == .png)
            #expect(png.byteCount == Int64(Samples.png.count))
            #expect(BlobKind.png.mediaType == "image/png")
        }
    }

    @Test func theFileIsNamedByItsSHA256() throws {
        try withStore { store, directory in
            let blob = try store.store(Samples.pdf, declaredKind: .pdf)
            #expect(blob == StoredBlob(sha256: Samples.pdfSHA256, kind: .pdf, byteCount: Int64(Samples.pdf.count)))
            #expect(filesUnder(directory) == ["36/" + Samples.pdfSHA256])
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/36/\(Samples.pdfSHA256)"))
            #expect([UInt8](onDisk) == Samples.pdf)
        }
    }

    @Test(arguments: [
        ("exe", Samples.exe), ("zip", Samples.zip), ("text", Samples.text), ("html", Samples.html),
        ("almost PDF", Samples.almostPDF),
    ])
    func refusesContentDisguisedAsPDF(_ name: String, _ bytes: [UInt8]) throws {
        try withStore { store, directory in
            for declared in [BlobKind.pdf, nil] {
                let error = #expect(throws: RPCError.self, "\(name) declared \(String(describing: declared))") {
                    try store.store(bytes, declaredKind: declared)
                }
                #expect(error?.code == 422)
                #expect(validationField(error).field == "content")
                #expect(validationField(error).reason?.contains("PDF, JPEG or PNG") == true)
            }
            #expect(filesUnder(directory).isEmpty)
        }
    }

    @Test func refusesADeclaredKindTheBytesContradict() throws {
        try withStore { store, directory in
            let error = #expect(throws: RPCError.self) { try store.store(Samples.png, declaredKind: .pdf) }
            #expect(validationField(error).field == "content")
            #expect(validationField(error).reason == "was declared pdf but its bytes are png")
            #expect(filesUnder(directory).isEmpty)
        }
    }

    @Test func refusesEmptyAndOversize() throws {
        try withStore(maxBytes: 64) { store, directory in
            let empty = #expect(throws: RPCError.self) { try store.store([]) }
            #expect(validationField(empty).field == "content")
            let exactly = Samples.pdf + [UInt8](repeating: 0x20, count: 64 - Samples.pdf.count)
            let stored = try store.store(exactly)
            #expect(stored.byteCount == 64)
            let over = #expect(throws: RPCError.self) { try store.store(exactly + [0x20]) }
            #expect(over?.code == 422)
            #expect(validationField(over).field == "content")
            #expect(validationField(over).reason?.contains("at most 64 bytes") == true)
            #expect(filesUnder(directory).count == 1)
        }
    }

    @Test func defaultLimitIsFiveMiB() throws {
        try withStore { store, _ in
            #expect(store.maxBytes == 5 * 1024 * 1024)
            let big = Samples.pdf + [UInt8](repeating: 0x20, count: 5 * 1024 * 1024 - Samples.pdf.count + 1)
            let error = #expect(throws: RPCError.self) { try store.store(big) }
            #expect(validationField(error).reason?.contains("5 MiB") == true)
        }
    }

    @Test func sameContentStoredTwiceIsOneFile() throws {
        try withStore { store, directory in
            let first = try store.store(Samples.jpeg)
            let second = try store.store(Samples.jpeg, declaredKind: .jpeg)
            #expect(first == second)
            #expect(filesUnder(directory) == [String(first.sha256.prefix(2)) + "/" + first.sha256])
            // No temporary files are left behind either.
            let all = try FileManager.default.contentsOfDirectory(atPath: directory + "/" + first.sha256.prefix(2))
            #expect(all == [first.sha256])
        }
    }

    @Test func loadRoundTrip() throws {
        try withStore { store, _ in
            for bytes in [Samples.pdf, Samples.jpeg, Samples.png] {
                let blob = try store.store(bytes)
                #expect(store.contains(sha256: blob.sha256))
                #expect(try store.load(sha256: blob.sha256) == bytes)
                #expect(try store.load(sha256: blob.sha256.uppercased()) == bytes)
            }
            // It survives reopening the store.
            let reopened = try BlobStore(directory: store.directory)
            #expect(try reopened.load(sha256: Samples.pdfSHA256) == Samples.pdf)
        }
    }

    @Test func absentIsNotFound() throws {
        try withStore { store, _ in
            let absent = String(repeating: "ab", count: 32)
            #expect(!store.contains(sha256: absent))
            let error = #expect(throws: RPCError.self) { try store.load(sha256: absent) }
            #expect(error?.code == 404)
        }
    }

    @Test(arguments: [
        "../x", "../../etc/passwd", "/etc/passwd", "", "ab", "ab/" + String(repeating: "0", count: 61),
        "../" + String(repeating: "0", count: 61), String(repeating: "0", count: 63) + "/",
        String(repeating: "g", count: 64), String(repeating: "0", count: 65), String(repeating: "0", count: 63) + "\0",
    ])
    func refusesNamesThatAreNotDigests(_ name: String) throws {
        try withStore { store, _ in
            #expect(!store.contains(sha256: name))
            let error = #expect(throws: RPCError.self) { try store.load(sha256: name) }
            #expect(error?.code == 422)
            #expect(validationField(error).field == "sha256")
        }
    }

    @Test func detectsAFileDamagedOnDisk() throws {
        try withStore { store, directory in
            let blob = try store.store(Samples.png)
            let path = "\(directory)/\(blob.sha256.prefix(2))/\(blob.sha256)"
            try Data(Samples.png.dropLast() + [0x00]).write(to: URL(fileURLWithPath: path))
            #expect(throws: BlobStoreError.self) { try store.load(sha256: blob.sha256) }
            // Storing the bytes again repairs it.
            #expect(try store.store(Samples.png) == blob)
            #expect(try store.load(sha256: blob.sha256) == Samples.png)
        }
    }

    @Test func refusesARootThatIsAFile() throws {
        let root = try makeShortTemporaryDirectory(prefix: "siblob")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(FileManager.default.createFile(atPath: root + "/file", contents: Data("x".utf8)))
        #expect(throws: BlobStoreError.self) { try BlobStore(directory: root + "/file") }
    }
}

@Suite("BlobStore uploads (UploadDecoding)")
struct BlobStoreUploadDecodingTests {
    @Test func decodesStandardBase64() throws {
        let encoded = Data(Samples.png).base64EncodedString()
        #expect(try UploadDecoding.bytes(fromBase64: encoded, field: "file", maxBytes: 1024) == Samples.png)
        // Padding may be left off.
        let unpadded = String(encoded.reversed().drop(while: { $0 == "=" }).reversed())
        #expect(unpadded != encoded)
        #expect(try UploadDecoding.bytes(fromBase64: unpadded, field: "file", maxBytes: 1024) == Samples.png)
    }

    @Test(arguments: [
        "not base64!", "QUJD\nREVG", "QUJD REVG", "QUJDR", "QUJD====", "QU=JD", "data:application/pdf;base64,QUJD", "",
        "-_-_",
    ])
    func refusesBadBase64NamingTheField(_ text: String) {
        let error = #expect(throws: RPCError.self, "\(text)") {
            try UploadDecoding.bytes(fromBase64: text, field: "documents[0].content", maxBytes: 1024)
        }
        #expect(error?.code == 422)
        #expect(validationField(error).field == "documents[0].content")
    }

    @Test func refusesTooLargeBeforeDecoding() throws {
        let exactly = Data(repeating: 0x41, count: 300).base64EncodedString()
        #expect(try UploadDecoding.bytes(fromBase64: exactly, field: "content", maxBytes: 300).count == 300)
        let over = Data(repeating: 0x41, count: 301).base64EncodedString()
        let error = #expect(throws: RPCError.self) {
            try UploadDecoding.bytes(fromBase64: over, field: "content", maxBytes: 300)
        }
        #expect(validationField(error).field == "content")
        #expect(validationField(error).reason?.contains("at most 300 bytes") == true)
        // Something too long is refused as too large even when it is not base64 at all.
        let junk = #expect(throws: RPCError.self) {
            try UploadDecoding.bytes(fromBase64: String(repeating: "!", count: 1000), field: "content", maxBytes: 300)
        }
        #expect(validationField(junk).reason?.contains("at most") == true)
    }

    /// Sets the modification time of `path` to `secondsAgo` before now.
    private func age(_ path: String, secondsAgo: Int) {
        let then = time(nil) - secondsAgo
        var times = [timeval(tv_sec: then, tv_usec: 0), timeval(tv_sec: then, tv_usec: 0)]
        #expect(utimes(path, &times) == 0, "utimes \(path)")
    }

    @Test(
        "collection removes unreferenced files and crash temporaries older than the grace period; keeps referenced and fresh ones"
    )
    func collectsUnreferencedFiles() throws {
        let root = try makeShortTemporaryDirectory(prefix: "siblob")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = root + "/blobs"
        let store = try BlobStore(directory: directory)
        do {
            let referenced = try store.store(Samples.pdf)
            let orphan = try store.store(Samples.png)
            let fresh = try store.store(Samples.jpeg)
            func path(_ blob: StoredBlob) -> String { directory + "/" + blob.sha256.prefix(2) + "/" + blob.sha256 }
            age(path(referenced), secondsAgo: 7200)
            age(path(orphan), secondsAgo: 7200)
            // A temporary a crash left between write and rename, and a file that is not the store's.
            let shard = directory + "/" + orphan.sha256.prefix(2)
            let temporary = shard + "/.upload-0123456789abcdef01234567"
            #expect(FileManager.default.createFile(atPath: temporary, contents: Data([1, 2, 3])))
            age(temporary, secondsAgo: 7200)
            let foreign = directory + "/README"
            #expect(FileManager.default.createFile(atPath: foreign, contents: Data("not a blob".utf8)))
            age(foreign, secondsAgo: 7200)

            // A shard that is a link out of the store is not followed.
            let outside = root + "/outside"
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            let victim = outside + "/" + String(repeating: "e", count: 64)
            #expect(FileManager.default.createFile(atPath: victim, contents: Data("keep me".utf8)))
            age(victim, secondsAgo: 7200)
            if !FileManager.default.fileExists(atPath: directory + "/ee") {
                try FileManager.default.createSymbolicLink(atPath: directory + "/ee", withDestinationPath: outside)
            }

            let collected = try store.collectUnreferenced(keeping: [referenced.sha256], olderThan: .seconds(3600))
            #expect(FileManager.default.fileExists(atPath: victim))
            #expect(collected.files == 1)
            #expect(collected.bytes == Int64(Samples.png.count))
            #expect(collected.temporaries == 1)
            #expect(!store.contains(sha256: orphan.sha256))
            #expect(store.contains(sha256: referenced.sha256))
            #expect(store.contains(sha256: fresh.sha256))
            #expect(!FileManager.default.fileExists(atPath: temporary))
            #expect(FileManager.default.fileExists(atPath: foreign))
            #expect(try store.load(sha256: referenced.sha256) == Samples.pdf)

            // Storing bytes already there renews the file, so a collection racing the record's commit keeps it.
            age(path(fresh), secondsAgo: 7200)
            _ = try store.store(Samples.jpeg)
            // The referenced PDF, no longer kept.
            #expect(try store.collectUnreferenced(keeping: [], olderThan: .seconds(3600)).files == 1)
            #expect(store.contains(sha256: fresh.sha256))
            #expect(
                try store.collectUnreferenced(keeping: [], olderThan: .seconds(0), now: Date().addingTimeInterval(10))
                    .files == 1)
            #expect(!store.contains(sha256: fresh.sha256))
        }
    }
}
