// PasswordHasher: PHC format, verification outcomes, malformed input, concurrency bound.
import Foundation
import Testing

@testable import SiOpenSecurity

@Suite struct PasswordHasherTests {
    let fast = PasswordHasher(parameters: .insecureFastForTesting)

    @Test func phcFormat() async throws {
        let encoded = try await fast.hash("correct horse battery staple")
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        #expect(fields.count == 5)
        #expect(fields[1] == "scrypt")
        #expect(fields[2] == "ln=10,r=8,p=1")
        #expect(fields[3].count == 22)  // 16-byte salt, unpadded base64
        #expect(fields[4].count == 43)  // 32-byte hash, unpadded base64
        #expect(!fields[3].contains("=") && !fields[4].contains("="))

        let parsed = try PHCScrypt(parsing: encoded)
        #expect(parsed.parameters == .insecureFastForTesting)
        #expect(parsed.salt.count == 16 && parsed.hash.count == 32)
        #expect(parsed.encoded == encoded)
    }

    @Test func verifyCorrectAndWrong() async throws {
        let encoded = try await fast.hash("hunter2")
        #expect(try await fast.verify("hunter2", against: encoded) == .valid(needsRehash: false))
        #expect(try await fast.verify("hunter3", against: encoded) == .invalid)
        #expect(try await fast.verify("", against: encoded) == .invalid)
        #expect(try await fast.verify("hunter2 ", against: encoded) == .invalid)
        #expect(try fast.verifySync("hunter2", against: encoded).isValid)
        #expect(!PasswordVerification.invalid.isValid)
    }

    @Test func syncVariants() throws {
        let encoded = try fast.hashSync("päßwörd ✓")
        #expect(try fast.verifySync("päßwörd ✓", against: encoded) == .valid(needsRehash: false))
        #expect(try fast.verifySync("passwort", against: encoded) == .invalid)
    }

    @Test func emptyPassword() async throws {
        let encoded = try await fast.hash("")
        #expect(try await fast.verify("", against: encoded) == .valid(needsRehash: false))
        #expect(try await fast.verify(" ", against: encoded) == .invalid)
    }

    @Test func otherParametersNeedRehash() async throws {
        let older = PasswordHasher(parameters: ScryptParameters(logN: 9, r: 8, p: 1))
        let encoded = try await older.hash("s3cret")
        #expect(encoded.hasPrefix("$scrypt$ln=9,r=8,p=1$"))
        // Verified with the parameters in the string, then flagged for upgrade.
        #expect(try await fast.verify("s3cret", against: encoded) == .valid(needsRehash: true))
        #expect(try await fast.verify("wrong", against: encoded) == .invalid)

        let longerSalt = PasswordHasher(parameters: ScryptParameters(logN: 10, r: 8, p: 1, saltLength: 32))
        let salted = try await longerSalt.hash("s3cret")
        #expect(try await fast.verify("s3cret", against: salted) == .valid(needsRehash: true))
        #expect(try await longerSalt.verify("s3cret", against: salted) == .valid(needsRehash: false))
    }

    /// A hash produced by RFC 7914's parameters through the raw KDF verifies via the PHC path,
    /// tying the string format to the known-answer-tested KDF.
    @Test func phcStringBuiltFromRawKDF() throws {
        let salt = utf8("0123456789abcdef")
        let key = try scrypt(password: utf8("pw"), salt: salt, parameters: .insecureFastForTesting)
        let encoded =
            "$scrypt$ln=10,r=8,p=1$\(Data(salt).base64EncodedString().replacingOccurrences(of: "=", with: ""))$"
            + Data(key).base64EncodedString().replacingOccurrences(of: "=", with: "")
        #expect(try fast.verifySync("pw", against: encoded) == .valid(needsRehash: false))
    }

    @Test func saltsDiffer() async throws {
        let a = try await fast.hash("same password")
        let b = try await fast.hash("same password")
        #expect(a != b)
        #expect(try await fast.verify("same password", against: a).isValid)
        #expect(try await fast.verify("same password", against: b).isValid)
    }

    static let salt = "AAECAwQFBgcICQoLDA0ODw"  // 16 bytes
    static let digest = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"  // 32 bytes

    @Test(arguments: [
        "",
        "hunter2",
        "$scrypt$",
        "$scrypt$ln=10,r=8,p=1$\(salt)",
        "$scrypt$ln=10,r=8,p=1$\(salt)$\(digest)$",
        "scrypt$ln=10,r=8,p=1$\(salt)$\(digest)",
        "$argon2id$ln=10,r=8,p=1$\(salt)$\(digest)",
        "$SCRYPT$ln=10,r=8,p=1$\(salt)$\(digest)",
        "$scrypt$r=8,ln=10,p=1$\(salt)$\(digest)",
        "$scrypt$ln=10,r=8$\(salt)$\(digest)",
        "$scrypt$ln=10,r=8,p=1,x=2$\(salt)$\(digest)",
        "$scrypt$ln=010,r=8,p=1$\(salt)$\(digest)",
        "$scrypt$ln=+10,r=8,p=1$\(salt)$\(digest)",
        "$scrypt$ln=,r=8,p=1$\(salt)$\(digest)",
        "$scrypt$ln=99999999999999999999,r=8,p=1$\(salt)$\(digest)",
        "$scrypt$ln=21,r=8,p=1$\(salt)$\(digest)",
        "$scrypt$ln=0,r=8,p=1$\(salt)$\(digest)",
        "$scrypt$ln=20,r=64,p=1$\(salt)$\(digest)",
        "$scrypt$ln=17,r=8,p=16$\(salt)$\(digest)",
        "$scrypt$ln=10,r=0,p=1$\(salt)$\(digest)",
        "$scrypt$ln=10,r=8,p=1$$\(digest)",
        "$scrypt$ln=10,r=8,p=1$\(salt)$",
        "$scrypt$ln=10,r=8,p=1$AAEC$\(digest)",  // 3-byte salt
        "$scrypt$ln=10,r=8,p=1$\(salt)$AAECAwQF",  // 6-byte hash
        "$scrypt$ln=10,r=8,p=1$\(salt)==$\(digest)",
        "$scrypt$ln=10,r=8,p=1$\(salt)$\(digest)=",
        "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0OD-$\(digest)",
        "$scrypt$ln=10,r=8,p=1$\(salt)$\(digest.dropLast())h",  // non-canonical trailing bits
        "$scrypt$ln=10,r=8,p=1$\(salt)$\(digest) ",
        "$scrypt$ln=10,r=8,p=1$\(salt)$" + String(repeating: "A", count: 1000),
    ])
    func malformedStringsThrow(_ encoded: String) async {
        await #expect(throws: SecurityError.self) { try await fast.verify("hunter2", against: encoded) }
        #expect(throws: SecurityError.self) { try fast.verifySync("hunter2", against: encoded) }
    }

    @Test func wellFormedFixturesParse() throws {
        // The salt/digest fixtures above are valid on their own, so each malformed case
        // fails for the reason it names.
        let ok = try PHCScrypt(parsing: "$scrypt$ln=10,r=8,p=1$\(Self.salt)$\(Self.digest)")
        #expect(ok.salt == Array(0..<16) && ok.hash == Array(0..<32))
        #expect(try fast.verifySync("hunter2", against: ok.encoded) == .invalid)
    }

    @Test func invalidHasherParametersThrow() async {
        let broken = PasswordHasher(parameters: ScryptParameters(logN: 30, r: 8, p: 1))
        await #expect(throws: SecurityError.self) { try await broken.hash("x") }
        let shortSalt = PasswordHasher(parameters: ScryptParameters(logN: 10, r: 8, p: 1, saltLength: 4))
        #expect(throws: SecurityError.self) { try shortSalt.hashSync("x") }
    }

    @Test func environmentSelection() {
        #expect(PasswordHasher.fromEnvironment([:]).parameters == .owaspMinimum)
        #expect(
            PasswordHasher.fromEnvironment(["SIOPEN_INSECURE_FAST_PASSWORD_HASHING": "0"]).parameters == .owaspMinimum)
        #expect(
            PasswordHasher.fromEnvironment(["SIOPEN_INSECURE_FAST_PASSWORD_HASHING": "1"]).parameters
                == .insecureFastForTesting)
        #expect(PasswordHasher().parameters == .owaspMinimum)
        #expect(PasswordHasher().maxConcurrentHashes == 2)
        #expect(PasswordHasher(maxConcurrentHashes: 0).maxConcurrentHashes == 1)
    }

    @Test func concurrentHashesAreBounded() async throws {
        let hasher = PasswordHasher(parameters: .insecureFastForTesting, maxConcurrentHashes: 2, maxQueuedHashes: 8)
        let hashes = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<8 {
                group.addTask { try await hasher.hash("password \(i)") }
            }
            var all: [String] = []
            for try await h in group { all.append(h) }
            return all
        }
        #expect(hashes.count == 8)
        #expect(Set(hashes).count == 8)
        #expect(hasher.gate.peakRunning <= 2)
        #expect(hasher.gate.peakRunning >= 1)
        // Sync callers share the same bound.
        DispatchQueue.concurrentPerform(iterations: 4) { _ in _ = try? hasher.hashSync("x") }
        #expect(hasher.gate.peakRunning <= 2)
    }

    /// The queue in front of the hashing slots is bounded: with every slot held and the queue
    /// full, a further hash is refused at once (PasswordHashingBusy), never queued; the queued
    /// ones still complete when a slot frees up.
    @Test func queueInFrontOfHashingIsBounded() async throws {
        let hasher = PasswordHasher(parameters: .insecureFastForTesting, maxConcurrentHashes: 1, maxQueuedHashes: 2)
        #expect(PasswordHasher(maxQueuedHashes: -3).maxQueuedHashes == 0)
        let encoded = try await hasher.hash("queued password")
        let held = DispatchSemaphore(value: 0)
        hasher.gate.acquire { held.signal() }  // the test holds the only slot
        held.wait()
        let queued = (0..<2).map { i in Task { try await hasher.verify("guess \(i)", against: encoded) } }
        let deadline = ContinuousClock.now + .seconds(30)
        while hasher.gate.waitingCount < 2 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(hasher.gate.waitingCount == 2)
        var refused = 0
        for i in 0..<10 {
            do {
                _ = try await hasher.verify("flood \(i)", against: encoded)
            } catch let busy as PasswordHashingBusy {
                #expect(busy.retryAfterSeconds >= 1)
                refused += 1
            }
        }
        #expect(refused == 10)
        await #expect(throws: PasswordHashingBusy.self) { _ = try await hasher.hash("another") }
        #expect(hasher.gate.peakWaiting == 2)
        hasher.gate.release()
        for task in queued { #expect(try await task.value == .invalid) }
        #expect(try await hasher.verify("queued password", against: encoded) == .valid(needsRehash: false))
    }

    @Test func cancelledTaskDoesNotHash() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await fast.hash("x")
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}

/// One real hash at production cost, timed so regressions in cost are visible in test logs.
@Suite struct OWASPPasswordHashTests {
    @Test func owaspMinimumHashAndVerify() async throws {
        let hasher = PasswordHasher(parameters: .owaspMinimum)
        let clock = ContinuousClock()
        let start = clock.now
        let encoded = try await hasher.hash("a real password")
        let elapsed = clock.now - start
        print("owaspMinimum scrypt hash took \(elapsed)")
        #expect(encoded.hasPrefix("$scrypt$ln=17,r=8,p=1$"))
        #expect(try await hasher.verify("a real password", against: encoded) == .valid(needsRehash: false))
        #expect(try await hasher.verify("a fake password", against: encoded) == .invalid)
    }
}
