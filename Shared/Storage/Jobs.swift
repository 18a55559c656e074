import Foundation

/// Holds a closure's typed result between running it and delivering it after COMMIT.
/// Only touched by one thread at a time (the runner, then the deliverer after a happens-before edge).
final class ResultSlot<T>: @unchecked Sendable {
    var value: T?
    var result: Result<T, any Error>?
}

/// A queued write, type-erased so one writer queue holds writes of every result type.
/// `execute` runs the user closure and reports its error; `finish` delivers the outcome once.
final class WriteJob: @unchecked Sendable {
    private let executeBody: (Connection) -> (any Error)?
    private let finishBody: ((any Error)?) -> Void

    private init(execute: @escaping (Connection) -> (any Error)?, finish: @escaping ((any Error)?) -> Void) {
        self.executeBody = execute
        self.finishBody = finish
    }

    static func make<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) -> WriteJob {
        let slot = ResultSlot<T>()
        return WriteJob(
            execute: { connection in
                do {
                    slot.value = try body(connection)
                    return nil
                } catch {
                    return error
                }
            },
            finish: { error in
                if let error {
                    slot.value = nil
                    completion(.failure(error))
                } else if let value = slot.value {
                    slot.value = nil
                    completion(.success(value))
                } else {
                    completion(.failure(StorageError.misuse("internal error: a write finished without running")))
                }
            })
    }

    /// Runs the closure; returns the error it threw, if any.
    func execute(_ connection: Connection) -> (any Error)? { executeBody(connection) }

    /// Delivers the outcome: `nil` means committed, so the stored value is handed over.
    func finish(_ error: (any Error)?) { finishBody(error) }
}

/// A queued read: runs entirely on a reader thread with the connection it was assigned.
final class ReadJob: @unchecked Sendable {
    let run: (Connection) -> Void

    init(run: @escaping (Connection) -> Void) {
        self.run = run
    }
}

/// Identity token stored in a thread-specific slot while a closure of one Database runs on that
/// thread, so nested blocking calls that would deadlock are refused instead.
final class ThreadMarker: Sendable {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// True when the current thread is inside a closure marked with this token.
    var isCurrent: Bool {
        pthread_getspecific(Self.key) == Unmanaged.passUnretained(self).toOpaque()
    }

    /// Runs `body` with this marker set on the current thread, restoring the previous one after.
    func run<R>(_ body: () -> R) -> R {
        let previous = pthread_getspecific(Self.key)
        pthread_setspecific(Self.key, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(Self.key, previous) }
        return body()
    }
}
