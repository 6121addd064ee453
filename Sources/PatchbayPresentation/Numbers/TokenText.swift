import PatchbayCore

/// How Patchbay says how many tokens a step or run used.
public enum TokenText {
    /// Input then output tokens, for a column under a `tokens` heading: `120→45`, `0→3`;
    /// `-` when both are zero (nothing was sent to a model).
    public static func compact(_ usage: TokenUsage) -> String {
        usage.inputTokens + usage.outputTokens == 0 ? "-" : "\(usage.inputTokens)→\(usage.outputTokens)"
    }

    /// The same with its unit, where no heading says what the numbers are: `120→45 tokens`,
    /// `0→0 tokens`.
    public static func long(_ usage: TokenUsage) -> String {
        "\(usage.inputTokens)→\(usage.outputTokens) tokens"
    }
}
