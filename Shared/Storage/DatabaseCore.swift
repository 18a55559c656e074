internal import CSQLite
import Foundation

/// A read-only connection and the serial queue it is used on; only one job holds it at a time.
struct Reader: @unchecked Sendable {
    let connection: Connection
    let queue: DispatchQueue
}

/// The shared state behind a ``Database``: the writer thread, its queue, and the reader pool.
/// Kept apart from `Database` so the writer thread does not keep the public object alive, letting
/// `Database.deinit` start shutdown.
final class DatabaseCore: @unchecked Sendable {
    private let configuration: DatabaseConfiguration
    private let writer: Connection
    private let readers: [Connection]
    /// Left once every connection is closed; `close()` waits on it.
    private let closed = DispatchGroup()
    let writeMarker = ThreadMarker()
    let readMarker = ThreadMarker()

    /// Guards everything below; the writer thread is the only thread that ever waits on it.
    private let lock = NSCondition()
    private var writeQueue: [WriteJob] = []
    private var closing = false
    /// Idle readers, each with its own serial queue. Serial queues get threads from GCD's
    /// overcommit pool, so a read blocked on disk never starves the others the way a concurrent
    /// queue limited to the CPU count would; the number of readers bounds concurrency instead.
    private var availableReaders: [Reader]
    private var pendingReads: [ReadJob] = []
    private var readsInFlight = 0
    private var writerThread: pthread_t?

    init(writer: Connection, readers: [Connection], configuration: DatabaseConfiguration) {
        self.configuration = configuration
        self.writer = writer
        self.readers = readers
        self.availableReaders = readers.enumerated().map { index, connection in
            Reader(connection: connection, queue: DispatchQueue(label: "siopen.storage.reader.\(index)"))
        }
        closed.enter()
    }

    /// Starts the dedicated writer thread. Writes never run on the Swift cooperative pool, so a
    /// slow fsync cannot starve async tasks.
    func start() {
        let thread = Thread { [self] in writerMain() }
        thread.name = "siopen-storage-writer"
        thread.stackSize = 8 << 20
        thread.start()
    }

    // MARK: Submission

    func enqueueWrite(_ job: WriteJob) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !closing else { throw StorageError.closed }
        writeQueue.append(job)
        lock.signal()
    }

    /// Queues a read; it runs as soon as a reader connection is free. Waiting reads sit in our
    /// own list rather than blocking dispatch threads, which bounds the threads in use.
    func submitRead(_ job: ReadJob) throws {
        lock.lock()
        guard !closing else {
            lock.unlock()
            throw StorageError.closed
        }
        readsInFlight += 1
        if let reader = availableReaders.popLast() {
            lock.unlock()
            dispatch(job, on: reader)
        } else {
            pendingReads.append(job)
            lock.unlock()
        }
    }

    private func dispatch(_ job: ReadJob, on reader: Reader) {
        reader.queue.async { [self] in
            job.run(reader.connection)
            readFinished(reader)
        }
    }

    private func readFinished(_ reader: Reader) {
        lock.lock()
        readsInFlight -= 1
        if pendingReads.isEmpty {
            availableReaders.append(reader)
            if readsInFlight == 0 && closing { lock.signal() }
            lock.unlock()
        } else {
            let next = pendingReads.removeFirst()
            lock.unlock()
            dispatch(next, on: reader)
        }
    }

    // MARK: Closing

    /// Stops accepting work; queued writes and reads still complete. Does not wait.
    func requestClose() {
        lock.lock()
        closing = true
        lock.signal()
        lock.unlock()
    }

    /// Stops accepting work and waits until queued writes ran and every connection is closed,
    /// except when called from one of this database's own threads, where waiting would deadlock.
    func close() {
        requestClose()
        guard !isOnOwnThread else { return }
        closed.wait()
    }

    var isClosing: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closing
    }

    private var isOnOwnThread: Bool {
        if writeMarker.isCurrent || readMarker.isCurrent { return true }
        lock.lock()
        defer { lock.unlock() }
        if let writerThread { return pthread_equal(writerThread, pthread_self()) != 0 }
        return false
    }

    // MARK: Writer thread

    private func writerMain() {
        lock.lock()
        writerThread = pthread_self()
        lock.unlock()
        let limit = configuration.groupCommit ? configuration.maxGroupSize : 1
        while true {
            lock.lock()
            while writeQueue.isEmpty && !closing { lock.wait() }
            if writeQueue.isEmpty {
                lock.unlock()
                break
            }
            let count = min(limit, writeQueue.count)
            let batch = writeQueue[0..<count]
            writeQueue.removeFirst(count)
            lock.unlock()
            var remaining = ArraySlice(batch)
            while !remaining.isEmpty { remaining = runGroup(remaining) }
        }
        // Closing and drained: let in-flight reads finish before their connections go away.
        lock.lock()
        while readsInFlight > 0 { lock.wait() }
        lock.unlock()
        for reader in readers { reader.close() }
        writer.close()  // last, so the final close can checkpoint the WAL into the main file
        closed.leave()
    }

    private static let savepoint = "SAVEPOINT siopen_write"
    private static let rollbackToSavepoint = "ROLLBACK TO siopen_write"
    private static let releaseSavepoint = "RELEASE siopen_write"

    /// Runs jobs in one transaction, each in its own savepoint, and acknowledges them only after
    /// COMMIT. Returns the jobs not yet run when SQLite lost the transaction midway.
    private func runGroup(_ jobs: ArraySlice<WriteJob>) -> ArraySlice<WriteJob> {
        let connection = writer
        // Never inherit a transaction: a stale one would make BEGIN fail for every later write.
        if connection.inTransaction { try? connection.control("ROLLBACK") }
        do {
            try connection.control("BEGIN IMMEDIATE")
        } catch {
            for job in jobs { job.finish(error) }
            return []
        }
        var outcomes: [(job: WriteJob, error: (any Error)?)] = []
        outcomes.reserveCapacity(jobs.count)

        /// Abandons the transaction: `job` gets `error`; earlier successes lost their work too.
        func abandon(_ job: WriteJob, _ error: any Error, cause: any Error) {
            if connection.inTransaction { try? connection.control("ROLLBACK") }
            job.finish(error)
            let lost = StorageError(
                code: StorageError.Code.transactionRolledBack,
                message: "the write was rolled back because its group transaction was lost (\(cause))")
            for outcome in outcomes { outcome.job.finish(outcome.error ?? lost) }
        }

        var index = jobs.startIndex
        while index < jobs.endIndex {
            let job = jobs[index]
            index += 1
            do {
                try connection.control(Self.savepoint)
            } catch {
                abandon(job, error, cause: error)
                return jobs[index...]
            }
            var jobError = runUserWrite(job, on: connection)
            guard connection.inTransaction else {
                // SQLite rolled back everything (ON CONFLICT ROLLBACK, RAISE(ROLLBACK), I/O error).
                let lost = StorageError(
                    code: StorageError.Code.transactionRolledBack,
                    message: "SQLite rolled back the whole transaction during this write")
                abandon(job, jobError ?? lost, cause: jobError ?? lost)
                return jobs[index...]
            }
            // A deferred foreign-key violation would only fail at COMMIT, taking the whole group
            // down; charge it to the write that caused it instead.
            if jobError == nil && connection.deferredForeignKeyViolations > 0 {
                jobError = StorageError(
                    code: SQLITE_CONSTRAINT, extendedCode: ExtendedCode.constraintForeignKey,
                    message: "FOREIGN KEY constraint failed (deferred constraint unresolved at the end of the write)")
            }
            do {
                if jobError != nil { try connection.control(Self.rollbackToSavepoint) }
                try connection.control(Self.releaseSavepoint)
            } catch {
                abandon(job, jobError ?? error, cause: error)
                return jobs[index...]
            }
            outcomes.append((job, jobError))
        }
        do {
            try connection.control("COMMIT")
        } catch {
            if connection.inTransaction { try? connection.control("ROLLBACK") }
            for outcome in outcomes { outcome.job.finish(outcome.error ?? error) }
            return []
        }
        for outcome in outcomes { outcome.job.finish(outcome.error) }
        return []
    }

    private func runUserWrite(_ job: WriteJob, on connection: Connection) -> (any Error)? {
        connection.beginUserScope()
        defer { connection.endUserScope() }
        return writeMarker.run { job.execute(connection) }
    }

    // MARK: Reads

    /// Builds a read job that runs `body` inside a deferred transaction (one snapshot for all its
    /// queries) and delivers the result through `completion`.
    func makeRead<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) -> ReadJob {
        ReadJob { [readMarker] connection in
            if connection.inTransaction { try? connection.control("ROLLBACK") }
            do {
                try connection.control("BEGIN")
            } catch {
                completion(.failure(error))
                return
            }
            connection.beginUserScope()
            let result = readMarker.run { Result { try body(connection) } }
            connection.endUserScope()
            // Ending a read-only transaction cannot lose data, so a failed COMMIT just rolls back.
            if connection.inTransaction {
                do { try connection.control("COMMIT") } catch { try? connection.control("ROLLBACK") }
            }
            completion(result)
        }
    }
}
