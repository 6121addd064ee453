import PatchbayCore

/// How both front ends say that a run was refused before it started (`RunReadiness`): the same
/// problem, hint and verdict, the command line with every problem on its lines, the workbench
/// in one status line.
public enum ReadinessText {
    /// Every problem as `patchbay validate` prints one, then the verdict.
    public static func refusal(_ problems: [Diagnostic], voice: (Hint) -> String) -> String {
        (problems.map { $0.rendered(hint: voice) } + [verdict(problems)]).joined(separator: "\n")
    }

    /// The first problem and its hint on one line, and how many more there are (a status line
    /// is cut at its width: the problem comes first).
    public static func statusLine(_ problems: [Diagnostic], voice: (Hint) -> String) -> String {
        guard let first = problems.first else { return verdict(problems) }
        let more = problems.count > 1 ? " (+\(problems.count - 1) more)" : ""
        return "Not started: \(first.message)" + (first.hint.map { " — " + voice($0) } ?? "") + more
    }

    /// "not started: 1 problem found before the run".
    public static func verdict(_ problems: [Diagnostic]) -> String {
        "not started: \(problems.count) problem\(problems.count == 1 ? "" : "s") found before the run"
    }
}
