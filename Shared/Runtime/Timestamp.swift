import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The one text form of an instant in SiOpen's records, feeds and logs.
public enum Timestamp {
    /// `date` as ISO 8601 UTC with milliseconds (`2026-11-21T10:00:00.000Z`), truncated to the
    /// millisecond so the text never shows a time later than the event.
    public static func iso8601(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (seconds, millis) = totalMillis.quotientAndRemainder(dividingBy: 1000)
        // Dates before 1970 give a negative remainder; move it into the second before.
        var unixSeconds = time_t(millis < 0 ? seconds - 1 : seconds)
        let fraction = millis < 0 ? millis + 1000 : millis
        var parts = tm()
        gmtime_r(&unixSeconds, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
            + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(Int(fraction), 3))Z"
    }

    /// The instant an ISO 8601 UTC time names, with or without fractional seconds (what
    /// ``iso8601(_:)`` writes, and what operators and callers type); nil when it is not one.
    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
