import Foundation

/// The clock a service runs on. Deadlines, sanctions and penalties count days, so end-to-end
/// tests and rehearsals need to move time for whole processes: when `SIOPEN_CLOCK_OFFSET_FILE`
/// names a file, its content (seconds, an integer) is added to the system clock. Without it the
/// clock is the system's. A service started with an offset says so in its log.
public enum ServiceClock {
    /// The clock for this process: the system clock, moved by the offset file when one is set.
    public static func fromEnvironment() -> @Sendable () -> Date {
        guard let path = ProcessInfo.processInfo.environment["SIOPEN_CLOCK_OFFSET_FILE"], !path.isEmpty else {
            return { Date() }
        }
        let offset = OffsetFile(path: path)
        return { Date().addingTimeInterval(offset.seconds()) }
    }

    /// The offset file, re-read at most every 100 ms.
    private final class OffsetFile: @unchecked Sendable {
        let path: String
        private let lock = NSLock()
        private var cached: TimeInterval = 0
        private var readAt = ContinuousClock.Instant.now - .seconds(1)

        init(path: String) {
            self.path = path
            FileHandle.standardError.write(
                Data("{\"level\":\"warning\",\"message\":\"clock offset file in use: \(path)\"}\n".utf8))
        }

        func seconds() -> TimeInterval {
            lock.withLock {
                if ContinuousClock.now - readAt > .milliseconds(100) {
                    readAt = .now
                    let text =
                        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
                    cached = TimeInterval(Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
                }
                return cached
            }
        }
    }
}
