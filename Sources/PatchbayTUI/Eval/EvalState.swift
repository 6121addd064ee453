import Foundation
import PatchbayEval

/// The eval pane: the eval in flight (counts as samples arrive) or the last one's report, and
/// the case row and sample selected for drilling into a run.
public struct EvalState: Sendable, Equatable {
    public var run = PaneRun()
    public var total = 0
    public var done = 0
    public var passed = 0
    public var repeats = 1
    /// One row per case, in file order, with a slot per sample.
    public var rows: [EvalCaseRow] = []
    /// Set when the eval ends.
    public var report: EvalReport?
    public var summary: EvalSummary?
    /// Index into `visibleRows`.
    public var selection = 0
    /// `/` in the eval pane: only the cases whose id holds this text (ignoring case) are listed.
    public var filter = ""
    /// The sample of the selected case that Enter opens; nil: its first failing one.
    public var sample: Int?
    public var scroll = 0

    public init() {}

    /// The case rows listed: all, or those the filter matches.
    var visibleRows: [EvalCaseRow] {
        filter.isEmpty ? rows : rows.filter { $0.id.lowercased().contains(filter.lowercased()) }
    }

    var selectedRow: EvalCaseRow? {
        let visible = visibleRows
        return visible.indices.contains(selection) ? visible[selection] : nil
    }

    /// The sample Enter opens: the one chosen with h/l, else the first failing, else the first.
    var selectedSample: SampleResult? {
        guard let row = selectedRow else { return nil }
        if let sample, row.samples.indices.contains(sample) { return row.samples[sample] }
        return row.samples.compactMap { $0 }.first { !$0.passed } ?? row.samples.compactMap { $0 }.first
    }

    /// Starts counting an eval the runner has begun.
    mutating func begin(id: String, casesPath: String, caseIDs: [String], repeats: Int, at now: Date) {
        run.begin(id: id, casesPath: casesPath, at: now)
        self.repeats = max(1, repeats)
        total = caseIDs.count * self.repeats
        done = 0
        passed = 0
        rows = caseIDs.map { EvalCaseRow(id: $0, samples: Array(repeating: nil, count: self.repeats)) }
        report = nil
        summary = nil
        selection = 0
        sample = nil
        scroll = 0
    }

    mutating func record(_ result: SampleResult) {
        done += 1
        if result.passed { passed += 1 }
        guard let index = rows.firstIndex(where: { $0.id == result.caseID }) else { return }
        if rows[index].samples.indices.contains(result.sample) { rows[index].samples[result.sample] = result }
    }
}

/// One case of an eval: its samples as they finish (nil: not yet, or never when stopped).
public struct EvalCaseRow: Sendable, Hashable {
    public var id: String
    public var samples: [SampleResult?]

    public var passed: Int { samples.filter { $0?.passed == true }.count }
    public var finished: Int { samples.filter { $0 != nil }.count }
}
