import Foundation

/// The layouts the app can switch between: the built-ins, then the user's files in
/// `$XDG_CONFIG_HOME/patchbay/layouts/` (a user file replaces a built-in of the same name).
public enum LayoutCatalog {
    /// The built-in layouts by name, parsed once.
    public static let builtIn: [String: LayoutSpec] = {
        var layouts: [String: LayoutSpec] = [:]
        for name in builtInNames {
            // The texts are tested; a broken one still leaves a usable screen.
            layouts[name] =
                (try? LayoutSpec.parse(builtInText[name] ?? "", source: "built-in \(name)"))
                ?? LayoutSpec(name: name, root: .pane(.graph, size: nil), minWidth: 20, minHeight: 5)
        }
        return layouts
    }()

    /// The layout the app opens with.
    public static var fallback: LayoutSpec {
        builtIn["default"] ?? LayoutSpec(name: "default", root: .pane(.graph, size: nil))
    }

    /// The built-ins plus the `*.yaml`/`*.yml` files of `userDirectory` (nil or missing: none).
    /// A file that cannot be read or parsed is skipped and reported in `problems`, one
    /// message each, naming the file and line.
    public static func load(userDirectory: String?) -> (layouts: [String: LayoutSpec], problems: [String]) {
        var layouts = builtIn
        var problems: [String] = []
        guard let userDirectory, let names = try? FileManager.default.contentsOfDirectory(atPath: userDirectory) else {
            return (layouts, problems)
        }
        for file in names.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            let path = (userDirectory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                problems.append("\(path): cannot read the file as UTF-8 text; layout skipped")
                continue
            }
            do {
                let spec = try LayoutSpec.parse(text, source: path)
                layouts[spec.name] = spec
            } catch {
                problems.append(error.description + " (layout skipped)")
            }
        }
        return (layouts, problems)
    }

    /// Names for `:layout` completion and the palette: built-ins in their order, then the rest sorted.
    public static func names(_ layouts: [String: LayoutSpec]) -> [String] {
        builtInNames.filter { layouts[$0] != nil } + layouts.keys.filter { !builtInNames.contains($0) }.sorted()
    }
}
