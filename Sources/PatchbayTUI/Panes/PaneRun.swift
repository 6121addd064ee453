import Foundation

/// A pane's job in the background (an eval, an improve search) from asked for to finished:
/// what it runs on and when. The eval and improve panes each hold one.
public struct PaneRun: Sendable, Equatable {
    public var id: String?
    /// The cases file as given.
    public var casesPath: String?
    public var running = false
    /// Asked for, not started yet (the runner loads the cases first).
    public var starting = false
    public var startedAt: Date?
    public var finishedAt: Date?

    public init() {}

    /// Asked for or running: another is refused until it ends.
    var busy: Bool { running || starting }

    /// Asked for: the runner is loading the cases.
    mutating func ask(casesPath: String) {
        starting = true
        self.casesPath = casesPath
    }

    /// The runner has begun it.
    mutating func begin(id: String, casesPath: String, at now: Date) {
        self.id = id
        self.casesPath = casesPath
        running = true
        starting = false
        startedAt = now
        finishedAt = nil
    }

    /// Finished, or stopped with what was measured.
    mutating func end(at now: Date) {
        running = false
        starting = false
        finishedAt = now
    }
}
