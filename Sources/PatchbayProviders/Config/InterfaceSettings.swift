import PatchbayCore
import TOMLKit

/// The workbench preferences from `[ui]` and `[keys]`:
///
/// ```toml
/// [ui]
/// theme = "light"      # dark (default), light, monochrome; NO_COLOR always wins
/// ascii = true         # plain ASCII boxes and glyphs
/// mouse = true         # off by default
/// layout = "debug"     # the layout to open with
///
/// [keys]
/// "run.step" = ["n", "<F10>"]   # action id = keys; see docs/keymap.md
/// ```
public struct InterfaceSettings: Sendable, Hashable {
    public var theme: String?
    public var ascii: Bool?
    public var mouse: Bool?
    public var layout: String?
    /// Action id → key names, checked by the workbench (which knows the actions).
    public var keys: [String: [String]] = [:]

    public init() {}

    static let uiKeys = ["theme", "ascii", "mouse", "layout"]
}

extension ConfigBuilder {
    /// `settings` with this file's `[ui]` and `[keys]` applied over it.
    static func interface(_ root: TOMLTable, _ document: ConfigDocument, onto settings: InterfaceSettings) throws
        -> InterfaceSettings
    {
        var settings = settings
        if let ui = root["ui"] {
            let table = try document.table(ui, at: ["ui"])
            try document.checkKeys(table, allowed: InterfaceSettings.uiKeys, at: ["ui"])
            if let value = table["theme"] {
                let theme = try document.string(value, at: ["ui", "theme"])
                guard ["dark", "light", "monochrome"].contains(theme) else {
                    throw document.error(
                        at: ["ui", "theme"], "unknown theme `\(theme)`", hint: "use dark, light or monochrome")
                }
                settings.theme = theme
            }
            if let value = table["ascii"] { settings.ascii = try document.bool(value, at: ["ui", "ascii"]) }
            if let value = table["mouse"] { settings.mouse = try document.bool(value, at: ["ui", "mouse"]) }
            if let value = table["layout"] { settings.layout = try document.string(value, at: ["ui", "layout"]) }
        }
        if let keys = root["keys"] {
            for (action, value) in try document.table(keys, at: ["keys"]) {
                if let one = value.string {
                    settings.keys[action] = [one]
                } else if let list = value.array {
                    settings.keys[action] = try list.map { try document.string($0, at: ["keys", action]) }
                } else {
                    throw document.error(
                        at: ["keys", action], "`keys.\(action)` must be a key or a list of keys",
                        hint: "write e.g. \"\(action)\" = [\"n\", \"<F10>\"]")
                }
            }
        }
        return settings
    }
}
