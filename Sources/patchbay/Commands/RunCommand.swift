import ArgumentParser
import Foundation
import PatchbayCore

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a graph to the end and print its outputs.",
        discussion: "Outputs go to stdout; progress and problems to stderr. Ctrl-C cancels the run and still reports what finished.")

    @Argument(help: "The graph file (NAME.graph.yaml or .json).")
    var graph: String

    @OptionGroup var inputs: RunInputOptions

    @Flag(help: "Print the result as one JSON object: outputs, status, usage and every step.")
    var json = false

    @Flag(help: "Print every event as a JSON line as it happens (then the result line with --json).")
    var events = false

    @Flag(help: "Allow this graph's command nodes to run programs.")
    var trust = false

    @Option(help: "Most nodes of one graph level running at once.")
    var maxConcurrency = 8

    func run() async throws {
        let loaded = try LoadedGraph.load(graph)
        let values = try inputs.values(for: loaded.plan)
        var options = RunOptions()
        options.maxConcurrency = maxConcurrency
        let engine = Engine(environment: EngineEnvironment.forCLI(loaded, trusted: trust, human: nil))
        let handle: RunHandle
        do {
            handle = try engine.start(loaded.plan, inputs: values, options: options)
        } catch let error as RunInputError {
            Console.err(error.description)
            throw ExitStatus.invalid.code
        }
        let interrupt = Interrupt { handle.cancel() }
        defer { interrupt.stop() }

        var result: RunResult?
        for await event in handle.events {
            if events { Console.out(event.json.compactJSON) }
            if Console.stderrIsTerminal, !events, let line = StepLine.progress(event) { Console.err(line) }
            if case .runFinished(let finished) = event { result = finished }
        }
        guard let result else { throw ExitStatus.runFailed.code }
        if json {
            Console.out(result.json().compactJSON)
        } else if !events {
            printOutputs(result, order: loaded.plan.outputs.map(\.name))
        }
        Console.err(StepLine.summary(result))
        if result.status != .succeeded { throw ExitStatus.runFailed.code }
    }

    private func printOutputs(_ result: RunResult, order: [String]) {
        let present = order.filter { result.outputs[$0] != nil }
        if present.count == 1 {
            Console.out(Console.show(result.outputs[present[0]]!))
            return
        }
        for name in present {
            let text = Console.show(result.outputs[name]!)
            Console.out(text.contains("\n") ? "\(name):\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") : "\(name): \(text)")
        }
    }
}

/// One-line descriptions of steps and runs for stderr.
enum StepLine {
    static func progress(_ event: RunEvent) -> String? {
        switch event {
        case .nodeFinished(let step), .nodeFailed(let step), .nodeSkipped(let step): line(step)
        default: nil
        }
    }

    static func line(_ step: Step) -> String {
        let mark = switch step.status {
        case .succeeded: "✓"
        case .cached: "◆"
        case .replayed: "↺"
        case .skipped: "○"
        case .failed: "✗"
        case .cancelled: "⊘"
        }
        var text = "\(mark) \(step.path) (\(step.kind.rawValue))"
        if step.duration >= 0.001 { text += String(format: " %.2fs", step.duration) }
        if let usage = step.usage, step.status == .succeeded { text += " \(usage.inputTokens)→\(usage.outputTokens) tokens" }
        if step.status == .cached { text += " cached" }
        if let reason = step.skipReason { text += " skipped: \(reason)" }
        if let error = step.error { text += " — \(TerminalText.escape(error.message, keepNewlines: false))" }
        return text
    }

    static func summary(_ result: RunResult) -> String {
        let cached = result.steps.filter { $0.status == .cached }.count
        let usage = result.usage
        var text = "\(result.status.rawValue): \(result.steps.count) steps (\(result.executedCount) executed, \(cached) cached)"
        if usage.inputTokens + usage.outputTokens > 0 { text += ", \(usage.inputTokens)→\(usage.outputTokens) tokens" }
        if let error = result.error {
            text += "\nerror: \(TerminalText.escape(error.message))"
            if let hint = error.hint { text += "\n  hint: \(hint)" }
        }
        return text
    }
}

/// Turns SIGINT/SIGTERM into a cancel of the run instead of killing the process mid-write.
final class Interrupt: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: onInterrupt)
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        sources.forEach { $0.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

extension EngineEnvironment {
    /// The CLI's environment: project folder of the graph, trust from the flag or the trust list.
    static func forCLI(_ loaded: LoadedGraph, trusted: Bool, human: (any HumanResponder)?) -> EngineEnvironment {
        let path = loaded.document.path ?? FileManager.default.currentDirectoryPath
        return EngineEnvironment(
            models: UnconfiguredModelProvider(), cache: MemoryStepCache(), projectRoot: ProjectFolder.containing(path),
            commandsTrusted: trusted || Trust.isTrusted(path), human: human)
    }
}
