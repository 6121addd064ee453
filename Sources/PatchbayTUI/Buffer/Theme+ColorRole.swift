import PatchbayPresentation

extension Theme {
    /// The style for a colour role of the shared presentation (status glyphs).
    public func style(_ role: ColorRole) -> Style {
        switch role {
        case .neutral: idle
        case .pending: ready
        case .active: running
        case .attention: paused
        case .ok: done
        case .cached: cached
        case .muted: skipped
        case .warning: warning
        case .error: failed
        }
    }
}
