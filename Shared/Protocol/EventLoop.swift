import CEpoll
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Threads that each wait on one epoll set and run, on the thread itself, the handlers of the
/// descriptors that became ready: a server connection's request is read, answered (when its
/// handler does not wait for anything) and written with no thread hand-off, as a bare echo does.
///
/// They replace libdispatch's read and write sources for server connections. On Linux those
/// wake libdispatch's manager thread (which owns the epoll set) and then a worker for every
/// event, re-arming through the manager again after it: profiled under `system.health` load,
/// most of a small call's cost was those context switches (`finish_task_switch` alone a quarter
/// of the samples). A handler that waits resumes on the cooperative pool as before.
final class EpollLoop: @unchecked Sendable {
    /// One loop per core (at most 4), started on first use.
    static let loops: [EpollLoop] = (0..<max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))).map {
        EpollLoop(index: $0)
    }
    private static let turn = Atomic<Int>(0)

    /// The loop for the next connection (round robin).
    static func next() -> EpollLoop { loops[turn.add(1, ordering: .relaxed).oldValue % loops.count] }

    /// What runs when a watched descriptor is ready.
    final class Handler: @unchecked Sendable {
        let readable: () -> Void
        let writable: () -> Void

        init(readable: @escaping () -> Void, writable: @escaping () -> Void) {
            self.readable = readable
            self.writable = writable
        }
    }

    private let epoll: Int32
    private let lock = NSLock()
    private var handlers: [UInt64: Handler] = [:]
    private var nextID: UInt64 = 1

    private init(index: Int) {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        precondition(epoll >= 0, "epoll_create1 failed: \(errno)")
        // The loops are static and live as long as the process.
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "siopen.rpc.loop.\(index)"
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    /// Keeps `handler` under a new id; nothing is watched until ``watch(_:id:read:write:watched:)``.
    func add(_ handler: Handler) -> UInt64 {
        lock.withLock {
            let id = nextID
            nextID += 1
            handlers[id] = handler
            return id
        }
    }

    /// Watches `fd` for reading and/or writing (level-triggered), or with neither not at all, so
    /// a hang-up of a paused connection does not wake the loop again and again. `watched` is the
    /// caller's record of whether `fd` is in the set; the caller serialises calls for one `fd`.
    func watch(_ fd: Int32, id: UInt64, read: Bool, write: Bool, watched: inout Bool) {
        var event = epoll_event()
        guard read || write else {
            if watched { _ = epoll_ctl(epoll, EPOLL_CTL_DEL, fd, &event) }
            watched = false
            return
        }
        event.events = (read ? EPOLLIN.rawValue : 0) | (write ? EPOLLOUT.rawValue : 0)
        event.data.u64 = id
        if epoll_ctl(epoll, watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event) == 0 { watched = true }
    }

    /// Stops watching `fd` and forgets the handler; call before closing `fd`. An event already
    /// taken from the set for it finds no handler, or one whose connection is closed.
    func remove(_ fd: Int32, id: UInt64, watched: Bool) {
        var event = epoll_event()
        if watched { _ = epoll_ctl(epoll, EPOLL_CTL_DEL, fd, &event) }
        _ = lock.withLock { handlers.removeValue(forKey: id) }
    }

    private func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 128)
        let readMask = EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue
        let writeMask = EPOLLOUT.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue
        while true {
            let count = events.withUnsafeMutableBufferPointer { buffer in
                epoll_wait(epoll, buffer.baseAddress, Int32(buffer.count), -1)
            }
            if count < 0 {
                if errno != EINTR { usleep(1000) }
                continue
            }
            for index in 0..<Int(count) {
                let event = events[index]
                guard let handler = lock.withLock({ handlers[event.data.u64] }) else { continue }
                if event.events & readMask != 0 { handler.readable() }
                if event.events & writeMask != 0 { handler.writable() }
            }
        }
    }
}
