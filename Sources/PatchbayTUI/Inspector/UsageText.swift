import Foundation
import PatchbayCore

/// How durations, tokens and costs read in the inspector and the trace.
public enum UsageText {
    /// `312 ms`, `4.21 s`, `2m 05s`.
    public static func duration(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded(.down))) ms" }
        if seconds < 60 { return String(format: "%.2f s", seconds) }
        let whole = Int(seconds)
        if whole < 3600 { return String(format: "%dm %02ds", whole / 60, whole % 60) }
        return String(format: "%dh %02dm", whole / 3600, (whole % 3600) / 60)
    }

    /// `in 120 / out 14`.
    public static func tokens(_ usage: TokenUsage) -> String {
        "in \(usage.inputTokens) / out \(usage.outputTokens)"
    }

    /// `120/14`: the trace's narrow column.
    public static func shortTokens(_ usage: TokenUsage) -> String {
        "\(usage.inputTokens)/\(usage.outputTokens)"
    }

    /// `free` for nothing, `$0.0001` under a cent, `$1.24` above.
    public static func cost(_ dollars: Double) -> String {
        guard dollars.isFinite else { return "–" }
        if dollars <= 0 { return "free" }
        if dollars < 0.0001 { return "<$0.0001" }
        if dollars < 0.01 { return String(format: "$%.4f", dollars) }
        return String(format: "$%.2f", dollars)
    }
}
