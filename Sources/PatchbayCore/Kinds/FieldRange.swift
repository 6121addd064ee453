/// The values a numeric field accepts, written into docs/nodes.md and checked by validation
/// (outside it is an error, at the value).
///
/// Bounds are chosen from what the runner and providers accept: past them a run would fail at
/// the provider, or ask for absurd work (a million retries), or do nothing useful.
public struct FieldRange: Sendable, Hashable {
    public var minimum: Double?
    public var maximum: Double?
    /// The minimum itself is not allowed (`timeout` must be more than 0).
    public var minimumExcluded: Bool
    /// Why the bounds are what they are, for the hint (e.g. which providers refuse what).
    public var why: String?

    public init(_ minimum: Double? = nil, _ maximum: Double? = nil, minimumExcluded: Bool = false, why: String? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.minimumExcluded = minimumExcluded
        self.why = why
    }

    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        if let minimum, minimumExcluded ? value <= minimum : value < minimum { return false }
        if let maximum, value > maximum { return false }
        return true
    }

    /// "from 0 to 2", "at least 1", "more than 0 and at most 86400".
    public var text: String {
        func number(_ n: Double) -> String { JSONValue.format(n) }
        switch (minimum, maximum) {
        case (let min?, let max?):
            return minimumExcluded
                ? "more than \(number(min)) and at most \(number(max))" : "from \(number(min)) to \(number(max))"
        case (let min?, nil):
            return minimumExcluded ? "more than \(number(min))" : "at least \(number(min))"
        case (nil, let max?):
            return "at most \(number(max))"
        case (nil, nil):
            return "any number"
        }
    }
}
