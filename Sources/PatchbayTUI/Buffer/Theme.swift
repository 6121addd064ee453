/// Styles by role. Widgets ask for a role (`theme.failed`), never for a colour, so the light
/// theme and `NO_COLOR` are one switch.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var text = Style.plain
    public var dim = Style(dim: true)
    public var title = Style(bold: true)
    public var titleFocused = Style(.cyan, bold: true)
    public var border = Style(dim: true)
    public var borderFocused = Style(.cyan)
    public var selection = Style(reverse: true)
    public var cursor = Style(reverse: true)
    public var wire = Style(dim: true)
    public var wireSelected = Style(.cyan)

    // Node and step status.
    public var idle = Style.plain
    public var ready = Style(.blue)
    public var running = Style(.yellow, bold: true)
    public var done = Style(.green)
    public var cached = Style(.cyan)
    public var skipped = Style(dim: true)
    public var failed = Style(.red, bold: true)
    public var breakpoint = Style(.red)
    public var paused = Style(.magenta, bold: true)

    // Messages.
    public var info = Style.plain
    public var warning = Style(.yellow)
    public var error = Style(.red, bold: true)

    // JSON and templates.
    public var jsonKey = Style(.blue)
    public var jsonString = Style(.green)
    public var jsonNumber = Style(.magenta)
    public var jsonLiteral = Style(.yellow)
    public var punctuation = Style(dim: true)
    public var placeholder = Style(.cyan, bold: true)
    public var placeholderUnknown = Style(.red, underline: true)

    public init(name: String) { self.name = name }

    /// For dark terminal backgrounds (the default).
    public static let dark = Theme(name: "dark")

    /// For light backgrounds: no yellow or cyan text, which wash out on white.
    public static let light: Theme = {
        var theme = Theme(name: "light")
        theme.titleFocused = Style(.blue, bold: true)
        theme.borderFocused = Style(.blue)
        theme.wireSelected = Style(.blue)
        theme.running = Style(.magenta, bold: true)
        theme.cached = Style(.blue)
        theme.warning = Style(.magenta)
        theme.jsonLiteral = Style(.magenta)
        theme.jsonNumber = Style(.red)
        theme.placeholder = Style(.blue, bold: true)
        return theme
    }()

    /// `NO_COLOR`: attributes only (bold, dim, reverse, underline).
    public static let monochrome: Theme = {
        var theme = Theme(name: "monochrome")
        theme.titleFocused = Style(bold: true, underline: true)
        theme.borderFocused = Style(bold: true)
        theme.wireSelected = Style(bold: true)
        theme.ready = .plain
        theme.running = Style(bold: true)
        theme.done = .plain
        theme.cached = Style(dim: true)
        theme.failed = Style(bold: true, underline: true)
        theme.breakpoint = Style(bold: true)
        theme.paused = Style(bold: true, reverse: true)
        theme.warning = Style(bold: true)
        theme.error = Style(bold: true, underline: true)
        theme.jsonKey = Style(bold: true)
        theme.jsonString = .plain
        theme.jsonNumber = .plain
        theme.jsonLiteral = .plain
        theme.placeholder = Style(bold: true)
        theme.placeholderUnknown = Style(underline: true)
        return theme
    }()

    /// The theme for an environment: `NO_COLOR` (any value) wins, then the config's choice.
    public static func resolve(name: String?, environment: [String: String]) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        switch name {
        case "light": return .light
        case "monochrome", "none": return .monochrome
        default: return .dark
        }
    }
}
