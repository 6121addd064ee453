import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayMCP
import PatchbayPresentation
import PatchbayProviders
import PatchbayStore

struct StepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Step through a graph node by node, in the terminal, without the workbench.",
        discussion: """
            Shows the plan, then stops before each node with its inputs. Commands at the prompt:
              Enter or n   run this node and stop before the next
              s            step into a sub-graph (map, loop, graph)
              c            continue to the end (or the next breakpoint)
              b NODE       toggle a breakpoint before NODE (a/b for nodes inside sub-graphs)
              t NODE       run to NODE
              i PORT=JSON  change an input of the node about to run (a tool call's: i arguments={…})
              r JSON       before a tool call: skip it and tell the model this result
              p            show the plan again
              q            cancel the run and quit
            At the end of input (stdin closed), the run continues to the end.
            """)

    @Argument(help: "The graph file.")
    var graph: String

    @OptionGroup var inputs: RunInputOptions

    @Flag(
        help:
            "Trust this graph file for this run (not its sub-graphs: trust those with `patchbay trust FILE`): its command nodes may run programs, it may write outside out/ and include graphs from outside the project."
    )
    var trust = false

    @Flag(
        name: .customLong("no-store"),
        help: "Keep this run out of the project's history and use a cache in memory only.")
    var noStore = false

    @OptionGroup var modelOptions: ModelOptions

    func run() async throws {
        let models = try Models.load(forGraph: graph, options: modelOptions)
        let loaded = try LoadedGraph.load(
            graph, aliases: models.aliases, servers: models.toolServers, trusted: trust, limits: models.config.limits)
        let values = try inputs.values(for: loaded.plan, limits: models.config.limits)
        try models.refuseUnready(loaded)
        try await models.using { try await execute(loaded, values: values, models: $0, tools: models.tools) }
    }

    private func execute(_ loaded: LoadedGraph, values: [String: JSONValue], models: ProviderHub, tools: MCPHub)
        async throws
    {
        let store = noStore ? nil : ProjectStore.forRunning(projectRoot: loaded.projectRoot)
        defer { ProjectStore.finish(store) }
        let engine = Engine(
            environment: EngineEnvironment.forCLI(
                loaded, models: models, tools: tools, human: StdinResponder(), store: store))
        let session = DebugSession(plan: loaded.plan, engine: engine, resolver: loaded.loader)
        let handle: RunHandle
        do {
            handle = try await session.start(inputs: values, stepping: true)
        } catch let error as RunInputError {
            Console.err(error.rendered(hint: HintText.commandLine))
            throw ExitStatus.invalid.code
        }
        let interrupt = Interrupt { Task { await session.cancel() } }
        defer { interrupt.stop() }

        Console.out("plan: " + loaded.plan.plan.joined(separator: " → "))
        var result: RunResult?
        for await event in handle.events {
            switch event {
            case .nodeFinished(let step), .nodeFailed(let step), .nodeSkipped(let step):
                Console.out(StepLine.line(step))
                for (port, value) in step.outputs.sorted(by: { $0.key < $1.key }) {
                    Console.out(Self.field("→ \(port)", value))
                }
            case .tokenDelta:
                break
            case .paused(let pause):
                Console.out(
                    "\n\(NodeStatus.paused.symbol.unicode) \(pause.position.rawValue) `\(pause.path)` (\(pause.reason.rawValue)); next: \(pause.next.joined(separator: " → "))"
                )
                for (port, value) in pause.inputs.sorted(by: { $0.key < $1.key }) {
                    Console.out(Self.field("← \(port)", value))
                }
                await prompt(session, loaded: loaded)
            case .runFinished(let finished):
                result = finished
            default:
                break
            }
        }
        guard let result else { throw ExitStatus.runFailed.code }
        for (name, value) in result.outputs.sorted(by: { $0.key < $1.key }) {
            Console.out(Self.field("output \(name)", value))
        }
        try ProjectStore.saved(store)
        Console.err(StepLine.summary(result))
        if result.status != .succeeded { throw ExitStatus.runFailed.code }
    }

    /// Reads commands until one resumes the run.
    private func prompt(_ session: DebugSession, loaded: LoadedGraph) async {
        while true {
            guard let line = await Self.readLine("step> ") else {
                await session.continue()
                return
            }
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            switch words.first ?? "" {
            case "", "n":
                await session.step()
                return
            case "s":
                await session.stepInto()
                return
            case "c":
                await session.continue()
                return
            case "q":
                await session.cancel()
                return
            case "p": Console.out("plan: " + loaded.plan.plan.joined(separator: " → "))
            case "b" where words.count == 2:
                let on = await session.toggleBreakpoint(node: words[1])
                Console.out(on ? "breakpoint before `\(words[1])`" : "breakpoint on `\(words[1])` removed")
            case "t" where words.count == 2:
                await session.run(to: words[1])
                return
            case "i" where words.count == 2:
                let pair = words[1].split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else {
                    Console.out("usage: i PORT=JSON")
                    continue
                }
                let value = (try? JSONValue(parsing: pair[1])) ?? .string(pair[1])
                do {
                    try await session.editPendingInputs([pair[0]: value])
                    Console.out(Self.field("← \(pair[0])", value))
                } catch {
                    Console.out(ErrorText.text(error))
                }
            case "r" where words.count == 2:
                let value = (try? JSONValue(parsing: words[1])) ?? .string(words[1])
                do {
                    try await session.supplyResult(value)
                    return
                } catch {
                    Console.out(ErrorText.text(error))
                }
            default:
                Console.out(
                    "commands: Enter/n step · s step into · c continue · b NODE · t NODE · i PORT=JSON · r RESULT · p plan · q quit"
                )
            }
        }
    }

    static func field(_ label: String, _ value: JSONValue) -> String {
        let text = Console.show(value)
        guard text.contains("\n") else { return "  \(label): \(text)" }
        return "  \(label):\n"
            + text.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(
                separator: "\n")
    }

    /// Reads a line on a thread of its own, so waiting for a person never blocks the engine's threads.
    static func readLine(_ prompt: String) async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Console.readLine(prompt: prompt))
            }
        }
    }
}

/// Answers `human` nodes from the terminal.
struct StdinResponder: HumanResponder {
    func answer(_ question: HumanQuestion) async throws -> JSONValue {
        Console.out("\n? \(question.path): \(TerminalText.escape(question.question))")
        guard let line = await StepCommand.readLine("answer (\(question.type.rawValue))> ") else {
            throw NodeError("no answer for `\(question.path)`: input ended")
        }
        if question.type == .string { return .string(line) }
        return (try? JSONValue(parsing: line)) ?? .string(line)
    }
}
