import Foundation
import SiOpenProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// Latency figures of one load run.
struct LoadResult {
    var requests: Int
    var seconds: Double
    var latenciesMicros: [Double]
    /// Percentiles an external client printed (by `p`, in µs), used instead of `latenciesMicros`.
    var printedPercentiles: [Double: Double] = [:]

    var rate: Double { Double(requests) / seconds }

    func percentile(_ p: Double) -> Double {
        if let printed = printedPercentiles[p] { return printed }
        guard !latenciesMicros.isEmpty else { return 0 }
        let sorted = latenciesMicros.sorted()
        let index = min(sorted.count - 1, Int((p / 100) * Double(sorted.count)))
        return sorted[index]
    }
}

/// Closed-loop load: `connections` threads, each sending one line and waiting for the one-line
/// answer before the next, for `seconds`. The same code drives the service and the echo, so
/// the client's own cost is the same on both sides.
enum LoadGenerator {
    static func run(socketPath: String, request: [UInt8], connections: Int, seconds: Int) throws -> LoadResult {
        let descriptors = try (0..<connections).map { _ in try UnixSocket.connect(to: socketPath) }
        defer { for descriptor in descriptors { close(descriptor) } }
        let collected = Collected()
        let group = DispatchGroup()
        let start = DispatchTime.now()
        let deadline = start.uptimeNanoseconds + UInt64(seconds) * 1_000_000_000
        for fd in descriptors {
            group.enter()
            let thread = Thread {
                var latencies: [Double] = []
                latencies.reserveCapacity(100_000)
                var buffer = [UInt8](repeating: 0, count: 65536)
                var pending = 0
                outer: while DispatchTime.now().uptimeNanoseconds < deadline {
                    let sent = DispatchTime.now().uptimeNanoseconds
                    do { try UnixSocket.writeAll(fd, request) } catch { break }
                    // Read until the newline that ends the answer.
                    while true {
                        let count = buffer.withUnsafeMutableBytes {
                            read(fd, $0.baseAddress! + pending, $0.count - pending)
                        }
                        if count <= 0 { break outer }
                        let end = pending + count
                        if let newline = buffer[pending..<end].firstIndex(of: 0x0A) {
                            // One request in flight per connection, so nothing follows the newline.
                            precondition(newline == end - 1, "unexpected extra bytes")
                            pending = 0
                            break
                        }
                        pending = end
                        if pending == buffer.count { break outer }
                    }
                    latencies.append(Double(DispatchTime.now().uptimeNanoseconds - sent) / 1000)
                }
                collected.add(latencies)
                group.leave()
            }
            thread.start()
        }
        group.wait()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let latencies = collected.all
        return LoadResult(requests: latencies.count, seconds: elapsed, latenciesMicros: latencies)
    }
}

/// Latencies gathered from the load threads.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [Double] = []
    func add(_ more: [Double]) { lock.withLock { latencies += more } }
    var all: [Double] { lock.withLock { latencies } }
}

/// The baseline: reads lines and writes each back unchanged, one thread per connection.
enum EchoServer {
    static func serve(path: String) -> Never {
        signal(SIGPIPE, SIG_IGN)
        unlink(path)
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(listener, 1024) == 0 else { exit(1) }
        print("ready")
        let parent = getppid()
        Thread {
            // Never outlive the benchmark that started this echo.
            while getppid() == parent { sleep(1) }
            exit(0)
        }.start()
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { continue }
            Thread {
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(client, $0.baseAddress, $0.count) }
                    if count <= 0 { break }
                    do { try UnixSocket.writeAll(client, Array(buffer[0..<count])) } catch { break }
                }
                close(client)
            }.start()
        }
    }
}
