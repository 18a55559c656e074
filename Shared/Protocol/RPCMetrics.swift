import Foundation

/// A latency histogram of fixed size: bucket `i` holds values up to `2^(i/4)` microseconds, 128
/// buckets (up to about 4.6 hours; longer calls land in the last), so it never grows with traffic.
public struct LatencyHistogram: Sendable {
    static let bucketCount = 128
    private var buckets = [Int64](repeating: 0, count: bucketCount)
    /// Values recorded.
    public private(set) var count: Int64 = 0
    /// The largest value recorded, in microseconds.
    public private(set) var maxMicros: Int64 = 0
    /// The sum of the values, in microseconds (saturating).
    public private(set) var sumMicros: Int64 = 0

    /// An empty histogram.
    public init() {}

    /// The upper bound of bucket `index`, in microseconds.
    static func upperBound(_ index: Int) -> Int64 {
        Int64(pow(2.0, Double(index) / 4.0).rounded(.up))
    }

    static func bucket(for micros: Int64) -> Int {
        guard micros > 1 else { return 0 }
        let index = Int((log2(Double(micros)) * 4).rounded(.up))
        return min(max(index, 0), bucketCount - 1)
    }

    /// Records one value.
    public mutating func record(micros: Int64) {
        let value = max(0, micros)
        buckets[Self.bucket(for: value)] += 1
        count += 1
        maxMicros = max(maxMicros, value)
        let (sum, overflow) = sumMicros.addingReportingOverflow(value)
        sumMicros = overflow ? Int64.max : sum
    }

    /// The value at quantile `q` (0 < q ≤ 1): the upper bound of the bucket holding it, capped at
    /// the maximum; 0 when empty.
    public func percentile(_ q: Double) -> Int64 {
        guard count > 0 else { return 0 }
        let rank = Int64((Double(count) * q).rounded(.up))
        var seen: Int64 = 0
        for (index, number) in buckets.enumerated() {
            seen += number
            if seen >= max(rank, 1) { return min(Self.upperBound(index), maxMicros) }
        }
        return maxMicros
    }

    /// The summary `system.metrics` reports.
    public var summary: LatencySummary {
        LatencySummary(
            p50Micros: percentile(0.5), p90Micros: percentile(0.9), p99Micros: percentile(0.99),
            p999Micros: percentile(0.999), maxMicros: maxMicros, sumMicros: sumMicros)
    }
}

/// Per-method traffic of one service since start: requests, errors by code and latencies. Only
/// the methods of its table are counted by name (whatever names clients send, memory stays bounded).
public final class RPCMetrics: @unchecked Sendable {
    /// The name unknown methods are counted under.
    public static let unknownMethod = "(unknown)"
    private struct Figures {
        var requests: Int64 = 0
        var errors: [Int: Int64] = [:]
        var latency = LatencyHistogram()
    }
    private let lock = NSLock()
    private let known: Set<String>
    private var figures: [String: Figures] = [:]

    /// Counts the methods named `methods`.
    public init(methods: some Sequence<String>) {
        known = Set(methods)
    }

    /// Records one answered call.
    public func record(_ call: RPCCallRecord) {
        let name = call.method.flatMap { known.contains($0) ? $0 : nil } ?? Self.unknownMethod
        let micros =
            call.duration.components.seconds * 1_000_000 + call.duration.components.attoseconds / 1_000_000_000_000
        lock.withLock {
            var entry = figures[name] ?? Figures()
            entry.requests += 1
            if let code = call.errorCode {
                // Error codes come from the server, not the client: a bounded set.
                entry.errors[code, default: 0] += 1
            }
            entry.latency.record(micros: micros)
            figures[name] = entry
        }
    }

    /// Every method called so far, by name.
    public var snapshot: [MethodMetrics] {
        lock.withLock {
            figures.map { name, entry in
                MethodMetrics(
                    method: name, requests: entry.requests,
                    errors: entry.errors.map { ErrorCount(code: $0.key, count: $0.value) }.sorted { $0.code < $1.code },
                    latency: entry.latency.summary)
            }.sorted { $0.method < $1.method }
        }
    }
}
