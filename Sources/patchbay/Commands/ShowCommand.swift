import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayStore

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a past run: its graph, inputs, every step and its outputs.",
        discussion: "RUN is a run id, a unique prefix of one, `last` or `#SEQ` (see `patchbay runs`).")

    @Argument(help: "The run.")
    var runRef: String

    @Option(
        help: ArgumentHelp(
            "Show one step in full: its inputs, outputs and error (a path like `ask` or `each[2]/ask`).",
            valueName: "path"))
    var step: String?

    @Flag(help: "Print the run (or the step) as JSON.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try ProjectStore.reading(project: storeOptions.project)
        let root = ProjectStore.root(project: storeOptions.project)
        let run = try ProjectStore.storeCall { try store.run(runRef) }
        if let step {
            try show(step: step, of: run)
            return
        }
        if json {
            Console.json(Self.json(run).compactJSON)
            return
        }
        let s = run.summary
        Console.out("run \(s.id) (#\(s.seq))  \(s.status.rawValue)  \(HistoryFormat.when(s.startedAt))")
        var graphLine = "graph: \(HistoryFormat.graph(s, root: root))"
        if let title = s.title, s.graphPath != nil {
            graphLine += " (\(TerminalText.escape(title, keepNewlines: false)))"
        }
        Console.out(graphLine + "  sha256 \(s.graphHash.prefix(12))")
        if s.origin.kind != .run { Console.out("origin: \(RunOriginText.describe(s))") }
        if !run.inputs.isEmpty {
            Console.out("inputs:")
            for (name, value) in run.inputs.sorted(by: { $0.key < $1.key }) {
                Console.out(HistoryFormat.field(name, value))
            }
        }
        var totals = "steps: \(s.stepCount) (\(s.executed) executed, \(s.cached) cached)"
        if s.usage.inputTokens + s.usage.outputTokens > 0 {
            totals += " · " + TokenText.long(s.usage)
        }
        if s.cost > 0 { totals += " · \(CostText.compact(s.cost))" }
        if let duration = s.duration { totals += " · \(DurationText.compact(duration))" }
        Console.out(totals)
        for step in run.steps { Console.out("  " + StepLine.line(step)) }
        if !run.outputs.isEmpty {
            Console.out("outputs:")
            for (name, value) in run.outputs.sorted(by: { $0.key < $1.key }) {
                Console.out(HistoryFormat.field(name, value))
            }
        }
        if let error = run.error {
            Console.out("error: \(TerminalText.escape(error.message))")
            if let hint = error.hint { Console.out(ErrorText.hintLine(hint)) }
        }
        if s.status == .interrupted {
            Console.out(
                "interrupted: its process ended before the run finished; the steps above are the ones that finished")
        }
    }

    private func show(step path: String, of run: StoredRun) throws {
        guard let step = run.step(path) else {
            let known = run.steps.map(\.path.description)
            let near = known.filter { $0.hasPrefix(path) || $0.hasSuffix("/" + path) }.prefix(5)
            let hint =
                near.isEmpty
                ? "the run's steps: \(known.prefix(12).joined(separator: ", "))"
                : "did you mean \(near.map { "`\($0)`" }.joined(separator: ", "))?"
            throw CLIError("run \(run.id.prefix(8)) has no step `\(path)`\n  hint: \(hint)")
        }
        if json {
            Console.json(step.json.compactJSON)
            return
        }
        Console.out(StepLine.line(step))
        Console.out(
            "started: \(HistoryFormat.when(step.startedAt))  attempts: \(step.attempts)"
                + (step.cacheKey.map { "  cache key: \($0.prefix(16))" } ?? ""))
        if let usage = step.usage {
            Console.out(
                "tokens: \(TokenText.compact(usage))"
                    + (step.cost.map { "  cost: \(CostText.compact($0))" } ?? ""))
        }
        Console.out("inputs:")
        for (name, value) in step.inputs.sorted(by: { $0.key < $1.key }) {
            Console.out(HistoryFormat.field(name, value))
        }
        Console.out("outputs:")
        for (name, value) in step.outputs.sorted(by: { $0.key < $1.key }) {
            Console.out(HistoryFormat.field(name, value))
        }
        // What an llm step sent, as recorded (a template's text is its output, shown above).
        if let prompt = step.prompt, prompt != step.outputs {
            Console.out("prompt sent:")
            for part in SentPromptParts.parts(of: prompt) { Console.out(HistoryFormat.field(part.label, part.content)) }
        }
        if let reason = step.skipReason { Console.out("skipped: \(TerminalText.escape(reason))") }
        if let error = step.error {
            Console.out("error: \(TerminalText.escape(error.message))")
            if let hint = error.hint { Console.out(ErrorText.hintLine(hint)) }
        }
    }

    static func json(_ run: StoredRun) -> JSONValue {
        guard case .object(var o) = HistoryFormat.json(run.summary) else { return .null }
        o["inputs"] = .object(run.inputs)
        o["outputs"] = .object(run.outputs)
        o["steps"] = .array(run.steps.map(\.json))
        o["graph"] = .string(run.graphText)
        if !run.subgraphs.isEmpty { o["subgraphs"] = .object(run.subgraphs.mapValues(JSONValue.string)) }
        if let error = run.error { o["error"] = error.json }
        return .object(o)
    }
}
