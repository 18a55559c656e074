import Foundation

/// A service's periodic background jobs (reading another service's feed, say): started while
/// the service registers its methods, cancelled and awaited when it stops.
public final class BackgroundWork: Sendable {
    private let state = Mutex()
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Runs `job` now and then every `interval` until the service stops. A failing run is logged
    /// and retried after the interval, doubled per consecutive failure up to a minute, so an
    /// unreachable dependency is neither hammered nor given up on.
    public func every(_ interval: Duration, name: String, _ job: @escaping @Sendable () async throws -> Void) {
        let logger = self.logger
        let task = Task {
            var failures = 0
            while !Task.isCancelled {
                do {
                    try await job()
                    failures = 0
                } catch is CancellationError {
                    return
                } catch {
                    failures += 1
                    if failures == 1 || failures % 20 == 0 {
                        logger.warning(
                            "background job failed",
                            ["job": .string(name), "failures": .integer(Int64(failures)), "error": .string("\(error)")])
                    }
                }
                let pause = failures == 0 ? interval : min(interval * (1 << min(failures, 6)), .seconds(60))
                try? await Task.sleep(for: pause)
            }
        }
        if !state.add(task) { task.cancel() }
    }

    /// Cancels every job and waits for each to finish its current run.
    func stop() async {
        for task in state.close() {
            task.cancel()
            await task.value
        }
    }

    /// Cancels every job without waiting, for a service that failed to start.
    func cancel() {
        for task in state.close() { task.cancel() }
    }

    /// The running tasks, behind a lock; closed once the service stops.
    private final class Mutex: @unchecked Sendable {
        private let lock = NSLock()
        private var tasks: [Task<Void, Never>] = []
        private var closed = false

        func add(_ task: Task<Void, Never>) -> Bool {
            lock.withLock {
                if closed { return false }
                tasks.append(task)
                return true
            }
        }

        func close() -> [Task<Void, Never>] {
            lock.withLock {
                closed = true
                defer { tasks = [] }
                return tasks
            }
        }
    }
}
