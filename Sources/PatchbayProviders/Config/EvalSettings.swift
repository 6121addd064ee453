import PatchbayCore
import TOMLKit

/// `[eval]`: defaults for `patchbay eval` and the workbench's `:eval`, which both read them.
///
/// ```toml
/// [eval]
/// repeat = 3        # samples per case and variant (`--repeat` overrides)
/// concurrency = 8   # samples running at once (`--concurrency` overrides)
/// ```
public struct EvalSettings: Sendable, Hashable {
    public var repeats: Int?
    public var concurrency: Int?

    public init(repeats: Int? = nil, concurrency: Int? = nil) {
        self.repeats = repeats
        self.concurrency = concurrency
    }
}

extension ConfigBuilder {
    static func eval(_ root: TOMLTable, _ document: ConfigDocument, onto settings: EvalSettings) throws
        -> EvalSettings
    {
        guard let value = root["eval"] else { return settings }
        let table = try document.table(value, at: ["eval"])
        try document.checkKeys(table, allowed: ["repeat", "concurrency"], at: ["eval"])
        var settings = settings
        for (key, most) in [("repeat", 1_000), ("concurrency", 256)] {
            guard let value = table[key] else { continue }
            guard let number = value.int, (1...most).contains(number) else {
                throw document.error(
                    at: ["eval", key], "`eval.\(key)` must be an integer from 1 to \(most)",
                    hint: "for example `\(key) = \(key == "repeat" ? 3 : 8)`")
            }
            if key == "repeat" { settings.repeats = number } else { settings.concurrency = number }
        }
        return settings
    }
}
