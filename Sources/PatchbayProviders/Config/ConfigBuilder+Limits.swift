import PatchbayCore
import TOMLKit

/// `[limits]`: what one run may do, over the built-in defaults.
///
/// ```toml
/// [limits]
/// steps = 200000          # steps per run, every level counted
/// value_bytes = "128MiB"  # one value's size (bytes, or a string with KiB/MiB/GiB)
/// map_items = 50000       # items one map node takes
/// loop_passes = 100       # the largest `max` a loop may have
/// ```
extension ConfigBuilder {
    static func limits(_ root: TOMLTable, _ document: ConfigDocument, onto limits: RunLimits) throws -> RunLimits {
        guard let value = root["limits"] else { return limits }
        let table = try document.table(value, at: ["limits"])
        try document.checkKeys(table, allowed: RunLimits.Name.allCases.map(\.rawValue), at: ["limits"])
        var limits = limits
        for name in RunLimits.Name.allCases {
            guard let value = table[name.rawValue] else { continue }
            let path = ["limits", name.rawValue]
            let number: Int
            if let int = value.int {
                number = int
            } else if name == .valueBytes, let text = value.string {
                guard let parsed = RunLimits.value(text, for: name) else {
                    throw document.error(
                        at: path, "`limits.value_bytes` = \"\(text)\" is not a size",
                        hint: "give bytes, or a string with KiB, MiB or GiB: value_bytes = \"128MiB\"")
                }
                number = parsed
            } else {
                let expected = name == .valueBytes ? "an integer or a size like \"128MiB\"" : "an integer"
                throw document.error(
                    at: path,
                    "`limits.\(name.rawValue)` must be \(expected), not \(ConfigDocument.article(value.type.description))"
                )
            }
            guard name.range.contains(number) else {
                throw document.error(
                    at: path,
                    "`limits.\(name.rawValue)` must be between \(name.range.lowerBound) and \(name.range.upperBound), not \(number)"
                )
            }
            limits[name] = number
        }
        return limits
    }
}
