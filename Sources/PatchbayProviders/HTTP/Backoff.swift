import Foundation

/// Exponential backoff with full jitter, honouring a server's Retry-After.
struct Backoff: Sendable {
    var base: Duration = .milliseconds(500)
    var cap: Duration = .seconds(30)

    /// The wait before attempt `attempt + 1` (attempt counts from 0). A Retry-After wins over the
    /// computed delay; jitter spreads retries of concurrent calls so they don't return in lockstep.
    func delay(afterAttempt attempt: Int, retryAfter: Duration?, random: Double = Double.random(in: 0.5...1))
        -> Duration
    {
        if let retryAfter { return retryAfter }
        let exponential = base * (1 << min(attempt, 16))
        return min(exponential, cap) * random
    }

    /// `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
    static func parseRetryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
    }
}
