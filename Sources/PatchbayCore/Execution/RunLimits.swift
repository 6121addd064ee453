import Foundation

/// How much work one run may do: steps, one value's size, `map` items and `loop` passes. A small
/// graph file can otherwise ask for unbounded work (`max: 1000000000` with `until: 'false'`), and
/// a program or file can hand over an unbounded value. Each cap stops the run with an error that
/// names the node, the limit and how to raise it.
///
/// Set in patchbay.toml (`[limits] steps = 200000`) or per command (`--limit steps=200000`).
public struct RunLimits: Sendable, Equatable, Hashable {
    /// Steps of one run, every level counted: sub-graph, `map` item and `loop` pass steps too.
    public var steps: Int
    /// One value's size in bytes, as text (a string's UTF-8) or compact JSON (anything else).
    public var valueBytes: Int
    /// Items one `map` node takes.
    public var mapItems: Int
    /// Passes one `loop` node may run: its `max` is refused at validation above this.
    public var loopPasses: Int

    public init(steps: Int = 100_000, valueBytes: Int = 64 << 20, mapItems: Int = 10_000, loopPasses: Int = 10_000) {
        self.steps = steps
        self.valueBytes = valueBytes
        self.mapItems = mapItems
        self.loopPasses = loopPasses
    }

    /// One limit by its config and command-line name.
    public enum Name: String, Sendable, CaseIterable {
        case steps
        case valueBytes = "value_bytes"
        case mapItems = "map_items"
        case loopPasses = "loop_passes"

        /// The values a limit may take. Upper bounds keep arithmetic and allocation sizes sane;
        /// a run beyond them is not something one process should attempt.
        public var range: ClosedRange<Int> {
            switch self {
            case .steps: 1...1_000_000_000
            case .valueBytes: 1...(1 << 31)
            case .mapItems: 1...100_000_000
            case .loopPasses: 1...100_000_000
            }
        }

        var keyPath: WritableKeyPath<RunLimits, Int> {
            switch self {
            case .steps: \.steps
            case .valueBytes: \.valueBytes
            case .mapItems: \.mapItems
            case .loopPasses: \.loopPasses
            }
        }
    }

    public subscript(name: Name) -> Int {
        get { self[keyPath: name.keyPath] }
        set { self[keyPath: name.keyPath] = newValue }
    }

    /// The hint to raise `name` to `needed` (the value the work asked for, or a guess when it
    /// is unknown), capped at the largest value the limit takes.
    public static func raise(_ name: Name, to needed: Int) -> Hint {
        let value = min(max(needed, name.range.lowerBound), name.range.upperBound)
        return .raiseLimit(name: name.rawValue, value: value, isMost: needed > name.range.upperBound)
    }

    /// A suggestion when the work's need is unknown: twice the limit, without overflowing.
    public static func doubled(_ limit: Int) -> Int { limit > Int.max / 2 ? Int.max : limit * 2 }

    /// `NAME=VALUE` (a front end's per-command override): the name checked with a did-you-mean, the value with
    /// its range. Sizes may carry a unit (`value_bytes=64MiB`).
    public mutating func apply(_ spec: String) throws(RunLimitSpecError) {
        guard let eq = spec.firstIndex(of: "=") else {
            throw RunLimitSpecError(
                "expected NAME=VALUE, like steps=200000", hint: Self.namesHint)
        }
        let key = spec[..<eq].trimmingCharacters(in: .whitespaces)
        let text = spec[spec.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard let name = Name(rawValue: key) else {
            let suggestion = Suggestions.didYouMean(key, in: Name.allCases.map(\.rawValue))
            throw RunLimitSpecError("unknown limit `\(key)`", hint: suggestion ?? Self.namesHint)
        }
        guard let value = Self.value(text, for: name) else {
            throw RunLimitSpecError(
                "`\(text)` is not a whole number",
                hint: name == .valueBytes
                    ? "give bytes, optionally with KiB, MiB or GiB: value_bytes=128MiB"
                    : "e.g. \(name.rawValue)=\(name.range.upperBound / 1000)")
        }
        guard name.range.contains(value) else {
            throw RunLimitSpecError(
                "`\(name.rawValue)` must be between \(name.range.lowerBound) and \(name.range.upperBound), not \(value)"
            )
        }
        self[name] = value
    }

    static var namesHint: String { "limits: \(Name.allCases.map(\.rawValue).joined(separator: ", "))" }

    /// A whole number (`_` allowed between digits), for `value_bytes` with an optional binary
    /// unit (`64MiB`); nil for anything else. Out-of-range numbers (negative ones, huge products)
    /// are returned as they are, for the caller's range check to name.
    public static func value(_ text: String, for name: Name) -> Int? {
        let bytes = name == .valueBytes
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30)]
        var digits = Substring(text.replacingOccurrences(of: "_", with: ""))
        var scale = 1
        if bytes, let (unit, factor) = units.first(where: { digits.hasSuffix($0.0) }) {
            digits = digits.dropLast(unit.count)
            scale = factor
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? Int.max : product
    }
}
