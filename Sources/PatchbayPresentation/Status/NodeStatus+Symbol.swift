extension NodeStatus {
    /// The one table of status glyphs. No glyph stands for two statuses (in either set), and none
    /// is a frame of the workbench's spinner, which animates `running`.
    public var symbol: StatusSymbol {
        switch self {
        case .idle: StatusSymbol("○", ascii: "o", role: .neutral)
        case .ready: StatusSymbol("◌", ascii: ".", role: .pending)
        case .running: StatusSymbol("◐", ascii: "^", role: .active)
        case .paused: StatusSymbol("⏸", ascii: "#", role: .attention)
        case .done: StatusSymbol("✓", ascii: "*", role: .ok)
        case .cached: StatusSymbol("◆", ascii: "=", role: .cached)
        case .replayed: StatusSymbol("↺", ascii: "<", role: .cached)
        case .skipped: StatusSymbol("↷", ascii: "_", role: .muted)
        case .failed: StatusSymbol("✗", ascii: "x", role: .error)
        case .cancelled: StatusSymbol("⊘", ascii: "%", role: .muted)
        case .interrupted: StatusSymbol("↯", ascii: "?", role: .warning)
        }
    }

    public func glyph(ascii: Bool) -> String { symbol.glyph(ascii: ascii) }
    public var role: ColorRole { symbol.role }
}
