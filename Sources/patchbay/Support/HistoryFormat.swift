import Foundation
import PatchbayCore
import PatchbayStore

/// How history is shown: times, graph paths and the JSON of a summary (durations,
/// tokens and costs are PatchbayPresentation's `DurationText`, `TokenText`, `CostText`;
/// origins its `RunOriginText`).
enum HistoryFormat {
    static func when(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    /// The graph file relative to the project root when inside it.
    static func graph(_ summary: RunSummary, root: URL) -> String {
        guard let path = summary.graphPath else {
            return TerminalText.escape(summary.title ?? "(in memory)", keepNewlines: false)
        }
        let base = root.standardizedFileURL.path + "/"
        return TerminalText.escape(
            path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path, keepNewlines: false)
    }

    static func json(_ s: RunSummary) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(s.id), "seq": .number(Double(s.seq)), "graph_hash": .string(s.graphHash),
            "status": .string(s.status.rawValue), "started_at": .string(timestamp(s.startedAt)),
            "origin": .string(s.origin.kind.rawValue), "sample": .number(Double(s.sample)),
            "steps": .number(Double(s.stepCount)), "executed": .number(Double(s.executed)),
            "cached": .number(Double(s.cached)),
            "usage": s.usage.json, "cost_usd": .number(s.cost),
        ]
        if let path = s.graphPath { o["graph_path"] = .string(path) }
        if let title = s.title { o["title"] = .string(title) }
        if let finished = s.finishedAt { o["finished_at"] = .string(timestamp(finished)) }
        if let duration = s.duration { o["duration_ms"] = .number((duration * 1000).rounded()) }
        if let parent = s.origin.parentRunID { o["parent_run"] = .string(parent) }
        if let step = s.origin.parentStep { o["parent_step"] = .string(step) }
        if let eval = s.origin.evalID { o["eval_id"] = .string(eval) }
        if let caseID = s.origin.caseID { o["case_id"] = .string(caseID) }
        if let error = s.errorMessage { o["error"] = .string(error) }
        return .object(o)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }

    /// `name: value`, or `name:` and the value indented below it when it spans lines.
    static func field(_ name: String, _ value: JSONValue, indent: String = "  ") -> String {
        let text = Console.show(value)
        guard text.contains("\n") else { return "\(indent)\(name): \(text)" }
        return "\(indent)\(name):\n"
            + text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + "    " + $0 }.joined(
                separator: "\n")
    }
}
