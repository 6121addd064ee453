import PatchbayCore

/// What an `improve` search may try and spend.
public struct ImproveOptions: Sendable {
    /// Train/dev/test shares when the cases are split (`--split 50/25/25`).
    public var shares: [Int] = [50, 25, 25]
    /// Seeds the split and the draws of examples.
    public var seed: UInt64 = 1
    /// Samples per dev case for every candidate; more narrows the intervals.
    public var repeats: Int = 1
    public var concurrency: Int = 4
    /// Model aliases to try on each llm node (`--models`).
    public var models: [String] = []
    /// Prompts to try (`--try NODE.prompt=@FILE`).
    public var prompts: [PromptTry] = []
    public var budget = ImproveBudget()
    public var exampleCounts: [Int] = [1, 2, 4, 8]
    /// Draws of each example count.
    public var draws: Int = 2
    public var sampleCounts: [Int] = [3, 5, 7, 15]
    public var temperatures: [Double] = [0, 0.3, 0.7]
    /// The kinds of move to try (`ImproveMove.kinds`); nil: all.
    public var kinds: Set<String>?

    public init() {}
}

/// A prompt the person offers for one node.
public struct PromptTry: Sendable, Hashable {
    public var node: String
    public var text: String
    /// Where it came from, for the report (`alt.txt`).
    public var source: String

    public init(node: String, text: String, source: String) {
        self.node = node
        self.text = text
        self.source = source
    }
}

/// Where the search stops: model calls, US dollars, seconds (nil: no limit). Measuring on test at
/// the end is paid from the same budget: the search stops early enough to leave it room.
public struct ImproveBudget: Sendable, Hashable, Codable {
    public var calls: Int?
    public var cost: Double?
    public var seconds: Double?

    public init(calls: Int? = nil, cost: Double? = nil, seconds: Double? = nil) {
        self.calls = calls
        self.cost = cost
        self.seconds = seconds
    }
}
