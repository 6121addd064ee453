/// Default prices for cost reports, in US dollars per million tokens (input, output).
///
/// These are the providers' published list prices as of 2025; discounts (batch, cached input)
/// are not modelled. Providers change prices: override any of them, or add a model, with a
/// `[prices."MODEL"]` table in the user or project config.
public enum PriceTable {
    public static let defaults: [String: Price] = [
        // OpenAI
        "gpt-4o": Price(input: 2.50, output: 10.00),
        "gpt-4o-mini": Price(input: 0.15, output: 0.60),
        "gpt-4.1": Price(input: 2.00, output: 8.00),
        "gpt-4.1-mini": Price(input: 0.40, output: 1.60),
        "gpt-4.1-nano": Price(input: 0.10, output: 0.40),
        "gpt-5": Price(input: 1.25, output: 10.00),
        "gpt-5-mini": Price(input: 0.25, output: 2.00),
        "gpt-5-nano": Price(input: 0.05, output: 0.40),
        "o3": Price(input: 2.00, output: 8.00),
        "o3-mini": Price(input: 1.10, output: 4.40),
        "o4-mini": Price(input: 1.10, output: 4.40),
        // Anthropic
        "claude-3-5-haiku-latest": Price(input: 0.80, output: 4.00),
        "claude-3-5-sonnet-latest": Price(input: 3.00, output: 15.00),
        "claude-3-7-sonnet-latest": Price(input: 3.00, output: 15.00),
        "claude-sonnet-4-0": Price(input: 3.00, output: 15.00),
        "claude-sonnet-4-5": Price(input: 3.00, output: 15.00),
        "claude-opus-4-0": Price(input: 15.00, output: 75.00),
        "claude-opus-4-1": Price(input: 15.00, output: 75.00),
        "claude-haiku-4-5": Price(input: 1.00, output: 5.00),
        // The bundled model runs on this machine.
        "gemma3-270m": Price(input: 0, output: 0),
    ]

    /// The price of `model` in `prices`: an exact match first, then without a router's
    /// `vendor/` prefix (`openai/gpt-4o`), then without a date snapshot suffix
    /// (`gpt-4o-mini-2024-07-18`, `claude-sonnet-4-5-20250929`).
    public static func lookup(_ model: String, in prices: [String: Price]) -> Price? {
        if let price = prices[model] { return price }
        var name = model
        if let slash = name.lastIndex(of: "/") {
            name = String(name[name.index(after: slash)...])
            if let price = prices[name] { return price }
        }
        if let undated = withoutDateSuffix(name), let price = prices[undated] { return price }
        return nil
    }

    /// `gpt-4o-2024-08-06` → `gpt-4o`; `claude-opus-4-1-20250805` → `claude-opus-4-1`.
    static func withoutDateSuffix(_ name: String) -> String? {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        let isDigits = { (part: Substring, count: Int) in
            part.count == count && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
        }
        if parts.count > 3, isDigits(parts[parts.count - 3], 4), isDigits(parts[parts.count - 2], 2),
            isDigits(parts[parts.count - 1], 2)
        {
            return parts.dropLast(3).joined(separator: "-")
        }
        if parts.count > 1, isDigits(parts[parts.count - 1], 8) { return parts.dropLast().joined(separator: "-") }
        return nil
    }
}
