/// What a colour means, not which colour it is: each front end maps roles to its own styles (the
/// workbench's `Theme`), so the light theme and `NO_COLOR` stay one switch there.
public enum ColorRole: String, Sendable, Hashable, CaseIterable {
    /// Plain text: nothing has happened yet.
    case neutral
    /// About to happen.
    case pending
    /// Happening now.
    case active
    /// Waiting for the user.
    case attention
    case ok
    /// Done without executing (cache, replay).
    case cached
    /// Did not happen, and that is not a fault.
    case muted
    case warning
    case error
}
