/// How a cell looks. Colours are the terminal's own eight (and its default), so the user's
/// palette and background apply; `Theme` picks them per role.
public struct Style: Sendable, Hashable {
    public enum Color: UInt8, Sendable, Hashable, CaseIterable {
        case terminal = 0
        case black, red, green, yellow, blue, magenta, cyan, white
    }

    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(
        _ foreground: Color = .terminal, on background: Color = .terminal,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()

    public var bolded: Style {
        var copy = self
        copy.bold = true
        return copy
    }
    public var reversed: Style {
        var copy = self
        copy.reverse.toggle()
        return copy
    }
    public var underlined: Style {
        var copy = self
        copy.underline = true
        return copy
    }
}
