import Foundation
import SiOpenStorage
import SiOpenTestSupport
import Testing

@Suite("Durability")
struct DurabilityTests {
    /// The helper executable sits next to the test binary in the build products folder.
    static func writerExecutable() throws -> URL {
        let name = "siopen-test-storage-writer"
        return URL(fileURLWithPath: try productsDirectory(containing: [name]) + "/" + name)
    }

    /// What the reader thread saw from the child.
    struct Observation: Sendable {
        var acknowledged: [Int] = []
        var killedByUs = false
        var timedOut = false
        var malformed: [String] = []
    }

    /// Kills the child if the test has not finished by the deadline; the lock keeps it from
    /// signalling a process id that may already belong to someone else.
    final class Watchdog: @unchecked Sendable {
        private let lock = NSLock()
        private var finished = false
        private var fired = false

        func fire(_ pid: pid_t) {
            lock.lock()
            defer { lock.unlock() }
            guard !finished else { return }
            fired = true
            kill(pid, SIGKILL)
        }

        /// Marks the child as reaped and reports whether the watchdog had to kill it.
        func finish() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            finished = true
            return fired
        }
    }

    /// Reads "ack <id>" lines from the child on a plain thread (the reads block), sends SIGKILL
    /// once `target` acks arrived, then drains the pipe to EOF: every ack printed before death is
    /// still in the pipe and counts as acknowledged.
    static func watch(_ process: Process, output: FileHandle, target: Int, timeout: TimeInterval) async -> Observation {
        await withCheckedContinuation { (continuation: CheckedContinuation<Observation, Never>) in
            let thread = Thread {
                let watchdog = Watchdog()
                let pid = process.processIdentifier
                // A stuck child gets killed, which ends the read loop with EOF.
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { watchdog.fire(pid) }
                var observation = Observation()
                var pending = Data()
                while true {
                    let chunk = output.availableData
                    if chunk.isEmpty { break }
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                        pending.removeSubrange(pending.startIndex...newline)
                        if line.hasPrefix("ack "), let id = Int(line.dropFirst(4)) {
                            observation.acknowledged.append(id)
                        } else {
                            observation.malformed.append(line)
                        }
                    }
                    if !observation.killedByUs && observation.acknowledged.count >= target {
                        kill(pid, SIGKILL)
                        observation.killedByUs = true
                    }
                }
                process.waitUntilExit()
                observation.timedOut = watchdog.finish()
                continuation.resume(returning: observation)
            }
            thread.start()
        }
    }

    @Test("every write acknowledged before kill -9 is in the database afterwards", .timeLimit(.minutes(5)))
    func acknowledgedWritesSurviveKill() async throws {
        let executable = try Self.writerExecutable()
        try await withTemporaryDirectory { directory in
            let path = directory + "/durable.db"
            let process = Process()
            process.executableURL = executable
            process.arguments = [path, "1000000"]
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()

            let observation = await Self.watch(process, output: output.fileHandleForReading, target: 300, timeout: 120)
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(!observation.timedOut, "the writer did not reach 300 acks within 120 s; stderr: \(stderr)")
            #expect(
                observation.killedByUs,
                "the writer exited on its own (status \(process.terminationStatus)); stderr: \(stderr)")
            #expect(observation.malformed.isEmpty, "unexpected output: \(observation.malformed.prefix(5))")
            #expect(observation.acknowledged.count >= 300)
            #expect(process.terminationReason == .uncaughtSignal)

            let database = try Database(
                path: path,
                configuration: DatabaseConfiguration(migrations: [
                    Migration(
                        version: 1, name: "acks",
                        sql: "CREATE TABLE acks (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
                ]))
            defer { database.close() }
            let stored = Set(
                try await database.read { connection in
                    try connection.query("SELECT id FROM acks").map { Int(try $0.int64(0)) }
                })
            let missing = observation.acknowledged.filter { !stored.contains($0) }
            #expect(missing.isEmpty, "\(missing.count) acknowledged writes were lost, e.g. \(missing.prefix(10))")
            #expect(stored.count >= Set(observation.acknowledged).count)
        }
    }
}
