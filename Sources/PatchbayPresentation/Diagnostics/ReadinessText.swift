import Foundation
import PatchbayCore

/// How both front ends say that a run was refused before it started (`RunReadiness`): the same
/// problem, hint and verdict, the command line with every problem on its lines, the workbench
/// in one status line.
public enum ReadinessText {
    /// Every problem as `patchbay validate` prints one, then the verdict.
    public static func refusal(_ problems: [Diagnostic], voice: (Hint) -> String) -> String {
        (problems.map { $0.rendered(hint: voice) } + [verdict(problems)]).joined(separator: "\n")
    }

    /// The first problem's essential part and its hint's first way out on one line, and how
    /// many more there are: it must read whole on an 80-column status line. The nodes that use
    /// it (a leading "node `x`: "), a closing aside in parentheses and the hint's other ways
    /// ("…, or …") are left to `detail`, which the workbench shows whole on a key.
    public static func statusLine(_ problems: [Diagnostic], voice: (Hint) -> String) -> String {
        guard let first = problems.first else { return verdict(problems) }
        let more = problems.count > 1 ? " (+\(problems.count - 1) more)" : ""
        let hint = first.hint.map { " — " + firstWay(voice($0)) } ?? ""
        return "Not started: \(essential(first.message))" + hint + more
    }

    /// Every problem with its whole hint, then the verdict: what the status line leaves out.
    public static func detail(_ problems: [Diagnostic], voice: (Hint) -> String) -> String {
        (problems.map { problem in
            problem.message + (problem.hint.map { "\n  hint: " + voice($0) } ?? "")
        } + [verdict(problems)]).joined(separator: "\n")
    }

    /// `node `ask`: X is not set (needed by …)` → `X is not set`.
    static func essential(_ message: String) -> String {
        var text = Substring(message)
        for lead in ["node `", "nodes `"] where text.hasPrefix(lead) {
            if let colon = text.range(of: "`: ") { text = text[colon.upperBound...] }
        }
        if text.hasSuffix(")"), let open = text.range(of: " (", options: .backwards) {
            text = text[..<open.lowerBound]
        }
        return String(text)
    }

    /// `export X=…, or put api_key = … in …` → `export X=…`.
    static func firstWay(_ hint: String) -> String {
        hint.range(of: ", or ").map { String(hint[..<$0.lowerBound]) } ?? hint
    }

    /// "not started: 1 problem found before the run".
    public static func verdict(_ problems: [Diagnostic]) -> String {
        "not started: \(problems.count) problem\(problems.count == 1 ? "" : "s") found before the run"
    }
}
