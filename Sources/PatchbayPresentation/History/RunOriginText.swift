import PatchbayCore
import PatchbayStore

/// How Patchbay says where a stored run came from, in `patchbay runs`/`show` and the workbench's
/// runs pane alike.
public enum RunOriginText {
    /// A run or eval id as origins show it: its first 8 characters, enough to type back
    /// (`patchbay show 1a2b3c4d`), the same in both front ends.
    public static func shortID(_ id: String) -> String { String(id.prefix(8)) }

    /// `run`, `rerun of 1a2b3c4d`, `replay of 1a2b3c4d`, `fork of 1a2b3c4d at ask`,
    /// `eval 9f8e7d6c case c1 #2` (samples count from 1). A part the store lacks is left out
    /// (`rerun`, `eval case c1 #1`). Step names and case ids are user text: escaped, one line.
    public static func describe(_ summary: RunSummary) -> String {
        let origin = summary.origin
        let of = origin.parentRunID.map { " of \(shortID($0))" } ?? ""
        switch origin.kind {
        case .run: return "run"
        case .rerun: return "rerun" + of
        case .replay: return "replay" + of
        case .fork: return "fork" + of + (origin.parentStep.map { " at \(clean($0))" } ?? "")
        case .eval:
            var text = "eval"
            if let evalID = origin.evalID { text += " \(shortID(evalID))" }
            if let caseID = origin.caseID { text += " case \(clean(caseID))" }
            return text + " #\(summary.sample + 1)"
        }
    }

    private static func clean(_ text: String) -> String { TerminalText.escape(text, keepNewlines: false) }
}
