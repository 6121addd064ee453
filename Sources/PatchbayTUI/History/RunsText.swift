import Foundation
import PatchbayCore
import PatchbayStore

/// How the runs pane writes a stored run: when, how long, tokens, and where it came from.
/// Times are relative to the workbench clock, so they read the same in any time zone.
enum RunsText {
    /// `12s ago`, `5m ago`, `3h ago`, `4d ago`; a time after `now` (another clock) is `now`.
    static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 1 { return "now" }
        if seconds < 60 { return "\(seconds)s ago" }
        if seconds < 3600 { return "\(seconds / 60)m ago" }
        if seconds < 86_400 { return "\(seconds / 3600)h ago" }
        return "\(seconds / 86_400)d ago"
    }

    /// `run`, `fork of 3f2a1b… at summarize`, `eval case robot #2` (samples from 1), `replay of 3f2a1b…`.
    static func origin(_ summary: RunSummary, ellipsis: String) -> String {
        let origin = summary.origin
        let parent = origin.parentRunID.map { String($0.prefix(6)) + ellipsis } ?? "?"
        switch origin.kind {
        case .run: return "run"
        case .rerun: return origin.parentRunID == nil ? "rerun" : "rerun of \(parent)"
        case .replay: return "replay of \(parent)"
        case .fork: return "fork of \(parent)" + (origin.parentStep.map { " at \($0)" } ?? "")
        case .eval:
            return "eval case \(origin.caseID ?? "?") #\(summary.sample + 1)"
        }
    }
}
