extension JSONValue {
    /// Whether the value's text is longer than `limit` bytes: a string's UTF-8, anything else's
    /// compact JSON. Runs on every step's outputs, so it formats nothing and stops as soon as the
    /// count passes the limit. Exact but for escapes inside strings, which are not counted.
    func textSize(over limit: Int) -> Bool {
        switch self {
        case .string(let s): return s.utf8.count > limit
        case .array, .object:
            var budget = limit
            return !Self.fits(self, &budget)
        default: return false  // at most 24 bytes; no limit is below that in practice
        }
    }

    /// Subtracts the value's JSON size from `budget`; false once it went below zero.
    private static func fits(_ value: JSONValue, _ budget: inout Int) -> Bool {
        switch value {
        case .null: budget -= 4
        case .bool(let b): budget -= b ? 4 : 5
        case .number(let n): budget -= digits(n)
        case .string(let s): budget -= s.utf8.count + 2
        case .array(let items):
            budget -= 1 + max(items.count, 1)  // brackets and commas
            for item in items where budget >= 0 {
                if !fits(item, &budget) { return false }
            }
        case .object(let members):
            budget -= 1 + max(members.count, 1)
            for (key, item) in members where budget >= 0 {
                budget -= key.utf8.count + 3  // quotes and colon
                if !fits(item, &budget) { return false }
            }
        }
        return budget >= 0
    }

    private static func digits(_ n: Double) -> Int {
        // Whole numbers (most) by counting; others formatted, as the JSON writer would.
        guard n.rounded() == n, abs(n) < 1e15 else { return format(n).utf8.count }
        var count = n < 0 ? 2 : 1
        var rest = abs(n)
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }
}
