import Foundation

/// How Patchbay says how long something took, in the CLI and the workbench alike.
public enum DurationText {
    /// The one duration wording, narrow enough for a table column:
    ///
    /// - `0ms`, `420ms`, `999ms` under a second (milliseconds, to the nearest, at most 999);
    /// - `1.0s`, `3.2s`, `59.9s` under a minute (tenths, rounded down, so a live clock never
    ///   shows `60.0s` before `1m00s`);
    /// - `1m00s`, `2m05s`, `59m59s` under an hour;
    /// - `1h00m`, `1h02m` beyond.
    ///
    /// `-` when unknown: `nil`, NaN, infinite or negative (a clock that went backwards).
    public static func compact(_ seconds: TimeInterval?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return "-" }
        if seconds < 1 { return "\(min(999, Int((seconds * 1000).rounded())))ms" }
        // A microsecond's nudge: a difference of two `Date`s comes out a hair short (12.3 s as
        // 12.299999…), which rounding down would turn into `12.2s`.
        if seconds < 60 { return String(format: "%.1fs", (seconds * 10 + 1e-5).rounded(.down) / 10) }
        let whole = Int(seconds)
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }
}
