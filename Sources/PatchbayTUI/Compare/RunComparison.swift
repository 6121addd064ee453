import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayStore

/// Two stored runs side by side, as the compare pane draws them: `RunDiff`'s findings with each
/// row's diff worked out (a word diff of texts, a key diff of objects, the graph diff), built by
/// the effect runner off the main loop, so the pane only lays lines out.
public struct RunComparison: Sendable, Equatable {
    public var a: RunSummary
    public var b: RunSummary
    /// The graph first when the runs ran different graph texts, the inputs when they differ,
    /// then every step of either run, aligned by path.
    public var rows: [Row]
    /// Steps that differ, and those the same (`RunDiff`'s counts).
    public var differing: Int
    public var same: Int
    /// The widest label escaped and the widest status or hash, measured once here rather
    /// than on every frame over thousands of steps.
    public var labelWidth = 0
    public var columnWidth = 0

    /// A row of the list and its diff.
    public struct Row: Sendable, Equatable {
        public enum Subject: Sendable, Equatable { case graph, inputs, step }
        public var subject: Subject
        /// The step path, or `graph` / `inputs`; not escaped.
        public var label: String
        /// What each run shows in its column: a step's status, a graph's hash.
        public var columnA: String
        public var columnB: String
        /// How it differs in a few words (`outputs differ`, `only in B`); nil: the same.
        public var change: String?
        /// How it differs, line by line (empty when the same).
        public var detail: [DiffLine]

        public var changed: Bool { change != nil }
    }

    public init(_ diff: RunDiff) {
        a = diff.a.summary
        b = diff.b.summary
        differing = diff.steps.count
        same = diff.same
        rows = []
        if let graph = diff.graph {
            // As `diff-runs` says it, then the texts' line diff.
            let hashes = "sha256 \(a.graphHash.prefix(8)) → \(b.graphHash.prefix(8))"
            var detail: [DiffLine] = [.heading("graph: changed (\(VisibleText.escaped(hashes)))")]
            detail += graph.lines.map { .marked("  " + $0) }
            detail.append(.heading("graph text:"))
            // Kept lines start with two spaces, and YAML's own `- ` must not read as removed.
            detail += LineDiff.unified(diff.a.graphText, diff.b.graphText).map { line in
                .line("  " + line, line.hasPrefix("- ") ? .removed : line.hasPrefix("+ ") ? .added : .plain)
            }
            rows.append(
                Row(
                    subject: .graph, label: "graph", columnA: String(a.graphHash.prefix(8)),
                    columnB: String(b.graphHash.prefix(8)), change: "graph text differs", detail: detail))
        }
        if !diff.inputs.isEmpty {
            let count = diff.inputs.count
            rows.append(
                Row(
                    subject: .inputs, label: "inputs", columnA: "", columnB: "",
                    change: "\(count) input\(count == 1 ? "" : "s") differ\(count == 1 ? "s" : "")",
                    detail: diff.inputs.flatMap(Self.detail)))
        }
        let changes = Dictionary(diff.steps.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for step in diff.aligned {
            var row = Row(
                subject: .step, label: step.path, columnA: step.a?.status.rawValue ?? "-",
                columnB: step.b?.status.rawValue ?? "-", change: nil, detail: [])
            if step.changed, let change = changes[step.path] {
                (row.change, row.detail) = Self.describe(change, a: step.a, b: step.b)
            }
            rows.append(row)
        }
        labelWidth = rows.map { DisplayWidth.of(VisibleText.escaped($0.label)) }.max() ?? 0
        columnWidth = rows.map { max($0.columnA.count, $0.columnB.count) }.max() ?? 0
    }

    /// Where the pane starts: the first step that differs, else the first row.
    public var firstChange: Int {
        rows.firstIndex { $0.subject == .step && $0.changed } ?? rows.firstIndex(where: \.changed) ?? 0
    }

    /// A changed step in a few words and in lines: how its status changed and its errors, then
    /// each port that differs; a step only one run ran shows what it emitted there.
    static func describe(_ change: RunDiff.StepChange, a: Step?, b: Step?) -> (String, [DiffLine]) {
        var lines: [DiffLine] = []
        let summary: String
        switch change.change {
        case .added:
            summary = "only in B"
            lines.append(.heading("only in B (\(b?.status.rawValue ?? ""))"))
            lines += (b?.outputs ?? [:]).sorted { $0.key < $1.key }.flatMap {
                detail(ValueChange(name: $0.key, a: nil, b: $0.value))
            }
        case .removed:
            summary = "only in A"
            lines.append(.heading("only in A (\(a?.status.rawValue ?? ""))"))
            lines += (a?.outputs ?? [:]).sorted { $0.key < $1.key }.flatMap {
                detail(ValueChange(name: $0.key, a: $0.value, b: nil))
            }
        case .status:
            summary = "\(change.statusA?.rawValue ?? "") → \(change.statusB?.rawValue ?? "")"
            lines.append(.heading("status: " + summary))
            lines += change.ports.flatMap(detail)
        case .outputs:
            summary = "outputs differ"
            lines += change.ports.flatMap(detail)
        }
        for (side, step) in [("A", a), ("B", b)] {
            if let error = step?.error {
                lines.append(.line("error in \(side): " + VisibleText.escaped(error.message), .plain))
            }
        }
        return (summary, lines)
    }

    /// One value that differs, as `patchbay diff-runs` shows it (`ValueDiff.detail`).
    static func detail(_ change: ValueChange) -> [DiffLine] {
        let heading = DiffLine.heading(VisibleText.escaped(change.name) + ":")
        switch ValueDiff.detail(change) {
        case .words(let words): return [heading] + words.map { .words([.same("  ")] + $0) }
        case .keys(let keys): return [heading] + keys.map { .marked("  " + $0) }
        case .lines(let lines): return lines.map { .marked($0) }
        }
    }
}

/// One line of the compare pane's diff.
public enum DiffLine: Sendable, Hashable {
    /// What follows is of (a port, the graph); escaped.
    case heading(String)
    /// A line of a line, key or graph diff as written (`- x`, `+ y`, `~ .k: 1 → 2`), escaped,
    /// and what its mark says.
    case line(String, Mark)
    /// A line of a word diff: runs kept, removed and added, not escaped (the pane escapes
    /// each as it draws it, and marks removed `[-…-]` and added `{+…+}`).
    case words([LineDiff.Line])

    public enum Mark: Sendable, Hashable { case plain, removed, added, changed }

    /// A line of `ValueDiff`, `ValueDiff.keyDiff` or `GraphDiff`, marked by its first character
    /// past the indent (those write no kept lines, so a `- ` there is always a removal).
    static func marked(_ text: String) -> DiffLine {
        let trimmed = text.drop { $0 == " " }
        let mark: Mark =
            trimmed.hasPrefix("- ")
            ? .removed
            : trimmed.hasPrefix("+ ")
                ? .added
                : trimmed.hasPrefix("~ ") ? .changed : .plain
        return .line(text, mark)
    }

    /// The line as text, as copied: word diffs the `--word-diff=plain` way.
    public var plain: String {
        switch self {
        case .heading(let text), .line(let text, _): text
        case .words(let parts): WordDiff.plain([parts]).first ?? ""
        }
    }
}
