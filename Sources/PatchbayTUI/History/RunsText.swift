import Foundation
import PatchbayCore
import PatchbayStore

/// How the runs pane writes when a stored run started (its durations, tokens and origins are
/// PatchbayPresentation's).
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
}
