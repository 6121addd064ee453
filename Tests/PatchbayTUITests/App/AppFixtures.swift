import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Graphs, states and run events for the reducer and headless workbench tests. Steps are made
/// with fixed times and durations so that screens are byte-stable.
enum AppFixtures {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static var layouts: [String: LayoutSpec] { LayoutCatalog.load(userDirectory: nil).layouts }

    // MARK: Files

    /// The repository root, found from this file's path.
    static func root(_ filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/"
            && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
        {
            url.deleteLastPathComponent()
        }
        return url
    }

    static func samplePath(_ name: String) -> String {
        root().appendingPathComponent("sample-graphs/\(name).graph.yaml").path
    }

    /// A fresh folder under the temporary directory.
    static func tempDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "patchbay-app-tests-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies a sample graph into a temporary folder (saves never touch the repository).
    static func tempCopy(_ name: String) throws -> String {
        let target = try tempDirectory().appendingPathComponent("\(name).graph.yaml")
        try FileManager.default.copyItem(atPath: samplePath(name), toPath: target.path)
        return target.path
    }

    static func load(_ path: String) throws -> GraphDocument {
        try GraphCodec.decode(String(contentsOfFile: path, encoding: .utf8), path: path)
    }

    static func textStats() throws -> GraphDocument { try load(samplePath("text-stats")) }

    // MARK: Graphs

    static func graph(_ yaml: String) throws -> Graph {
        try GraphCodec.decode(yaml, path: nil).graph
    }

    /// input → template → output: the smallest graph with a prompt.
    static let greet = """
        patchbay: 1
        title: Greet
        nodes:
          name: { kind: input, type: string }
          hello: { kind: template, template: 'Hello, {{name}}!' }
          out: { kind: output, type: string }
        wires:
          - name -> hello.name
          - hello.text -> out
        """

    /// No inputs: runs start without a form.
    static let constant = """
        patchbay: 1
        nodes:
          fixed: { kind: template, template: 'fixed text' }
          out: { kind: output, type: string }
        wires:
          - fixed.text -> out
        """

    /// A jq node that fails on a string input.
    static let failing = """
        patchbay: 1
        title: Failing
        nodes:
          text: { kind: input, type: string }
          count: { kind: jq, jq: '.items | length' }
          show: { kind: template, template: 'Count: {{n}}' }
          out: { kind: output, type: string }
        wires:
          - text -> count
          - count -> show.n
          - show.text -> out
        """

    /// A wire to a port that does not exist.
    static let invalid = """
        patchbay: 1
        title: Broken
        nodes:
          text: { kind: input, type: string }
          upper: { kind: jq, jq: 'ascii_upcase' }
          out: { kind: output, type: string }
        wires:
          - text -> upper.nope
          - upper -> out
        """

    /// input → llm → template → output: the llm step is cached across runs.
    static let drafted = """
        patchbay: 1
        title: Drafted
        nodes:
          text: { kind: input, type: string }
          draft: { kind: llm, model: default, prompt: 'Rewrite: {{text}}' }
          report: { kind: template, template: 'Draft: {{draft}}' }
          out: { kind: output, type: string }
        wires:
          - text -> draft.text
          - draft.text -> report.draft
          - report.text -> out
        """

    // MARK: Setups and states

    static func setup(
        _ graph: Graph, path: String? = nil, fingerprint: FileFingerprint? = nil, glyphs: Glyphs = .unicode,
        keymap: Keymap = .defaults, layoutName: String = "default", environment: EngineEnvironment = EngineEnvironment()
    ) -> WorkbenchSetup {
        WorkbenchSetup(
            graph: graph, path: path, fingerprint: fingerprint, environment: environment, modelAliases: nil,
            layouts: layouts, layoutName: layoutName, keymap: keymap, glyphs: glyphs)
    }

    /// A setup for a graph file (a temporary copy when it will be saved).
    static func setup(file path: String, glyphs: Glyphs = .unicode) throws -> WorkbenchSetup {
        let document = try load(path)
        return setup(document.graph, path: path, fingerprint: document.fingerprint, glyphs: glyphs)
    }

    static func state(_ graph: Graph, path: String? = nil, width: Int = 120, height: Int = 40) -> AppState {
        setup(graph, path: path).initialState(width: width, height: height, now: now)
    }

    static func textStatsState(width: Int = 120, height: Int = 40) throws -> AppState {
        state(try textStats().graph, path: "/tmp/text-stats.graph.yaml", width: width, height: height)
    }

    // MARK: Steps and events

    /// A model that answers at once and always the same: `Echo: ` and the prompt.
    struct EchoModel: ModelProvider {
        func resolve(alias: String) throws -> ResolvedModel {
            ResolvedModel(alias: alias, provider: "test", model: "echo")
        }

        func complete(_ request: ModelRequest, model: ResolvedModel, onToken: @escaping @Sendable (String) -> Void)
            async throws -> ModelResponse
        {
            let text = "Echo: " + (request.messages.last?.content ?? request.prompt)
            onToken(text)
            return ModelResponse(text: text, usage: TokenUsage(inputTokens: 4, outputTokens: 6))
        }
    }

    static func path(_ text: String) -> StepPath {
        StepPath(text.split(separator: "/").map { StepPath.Component(node: String($0)) })
    }

    static func step(
        _ id: Int, _ path: String, _ kind: NodeKind, _ status: Step.Status = .succeeded,
        inputs: [String: JSONValue] = [:],
        outputs: [String: JSONValue] = [:], error: StepError? = nil, skipReason: String? = nil
    ) -> Step {
        Step(
            id: id, path: Self.path(path), kind: kind, status: status, inputs: inputs, outputs: outputs,
            startedAt: now.addingTimeInterval(Double(id) * 0.01), duration: 0.002 + Double(id) * 0.001, usage: nil,
            cost: nil,
            error: error, skipReason: skipReason, attempts: 1,
            cacheKey: status == .cached ? "sha256:0123456789abcdef" : nil)
    }

    /// Fixed times and durations, so what the trace shows does not depend on the machine.
    static func normalized(_ step: Step) -> Step {
        var copy = step
        copy.startedAt = now.addingTimeInterval(Double(step.id) * 0.01)
        copy.duration = 0.002 + Double(step.id) * 0.001
        return copy
    }

    static func normalized(_ event: RunEvent) -> RunEvent {
        switch event {
        case .runStarted(_, let plan): return .runStarted(runID: "run-1", plan: plan)
        case .nodeFinished(let step): return .nodeFinished(normalized(step))
        case .nodeSkipped(let step): return .nodeSkipped(normalized(step))
        case .nodeFailed(let step): return .nodeFailed(normalized(step))
        case .paused(var pause):
            pause.step = pause.step.map(normalized)
            return .paused(pause)
        case .runFinished(var result):
            result.runID = "run-1"
            result.steps = result.steps.map(normalized)
            return .runFinished(result)
        default: return event
        }
    }

    /// The state with its run made independent of the machine: steps in plan order (nodes of
    /// one level may finish in either order), numbered from 0, with fixed times and durations.
    static func stable(_ state: AppState) -> AppState {
        var copy = state
        let order = Dictionary(
            state.run.plan.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        func key(_ step: Step) -> (Int, String) {
            (order[step.path.components.first?.node ?? ""] ?? Int.max, step.path.description)
        }
        func fix(_ steps: [Step]) -> [Step] {
            steps.sorted { key($0) < key($1) }.enumerated().map { index, step in
                var numbered = step
                numbered.id = index
                return normalized(numbered)
            }
        }
        func fix(_ result: RunResult) -> RunResult {
            var fixed = result
            fixed.runID = "run-1"
            fixed.steps = fix(result.steps)
            return fixed
        }
        copy.run.steps = fix(state.run.steps)
        copy.run.result = state.run.result.map(fix)
        copy.run.history = state.run.history.map(fix)
        if var pause = state.run.pause {
            pause.step = pause.step.map(normalized)
            copy.run.pause = pause
        }
        return copy
    }

    /// Writes `yaml` to `name` in a fresh temporary folder and returns the path.
    static func write(_ yaml: String, named name: String) throws -> String {
        let path = try tempDirectory().appendingPathComponent(name).path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `graph` through the real engine and returns its events, normalized.
    static func events(of graph: Graph, inputs: [String: JSONValue], options: RunOptions = RunOptions()) async throws
        -> [RunEvent]
    {
        let plan = try ExecutionPlan.build(graph, path: nil, resolver: GraphLoader())
        let handle = try Engine(environment: EngineEnvironment()).start(plan, inputs: inputs, options: options)
        var events: [RunEvent] = []
        for await event in handle.events { events.append(normalized(event)) }
        return events
    }

    static let shortText: JSONValue = "Patchbay wires small steps together. It runs them in order!"

    /// The events of a real run of text-stats on `shortText`.
    static func textStatsRun() async throws -> [RunEvent] {
        try await events(of: try textStats().graph, inputs: ["text": shortText])
    }

    // MARK: Reducing

    @discardableResult
    static func keys(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { AppReducer.reduce(&state, .key($0)) }
    }

    @discardableResult
    static func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { AppReducer.reduce(&state, .key(.char($0))) }
    }

    @discardableResult
    static func apply(_ state: inout AppState, _ events: [RunEvent]) -> [Effect] {
        events.flatMap { AppReducer.reduce(&state, .run(.report(.event($0)))) }
    }

    /// Effects by case name, for compact expectations (robust to new cases).
    static func names(_ effects: [Effect]) -> [String] {
        effects.map { effect in
            let text = String(describing: effect)
            return String(text.prefix { $0 != "(" })
        }
    }

    /// The top popup's case name.
    static func top(_ state: AppState) -> String? {
        switch state.popups.stack.last {
        case .help?: "help"
        case .palette?: "palette"
        case .command?: "command"
        case .input?: "input"
        case .choice?: "choice"
        case .confirm?: "confirm"
        case .form?: "form"
        case nil: nil
        }
    }

    static func choice(_ state: AppState) -> ChoiceList? {
        if case .choice(let list, _)? = state.popups.stack.last { return list }
        return nil
    }

    static func form(_ state: AppState) -> FormModel? {
        if case .form(let form, _)? = state.popups.stack.last { return form }
        return nil
    }

    /// The `.startRun` effect's parts.
    static func startRun(in effects: [Effect]) -> (
        graph: Graph, inputs: [String: JSONValue], mode: RunMode, breakpoints: Set<String>
    )? {
        for effect in effects { if case .startRun(let g, let i, let m, let b) = effect { return (g, i, m, b) } }
        return nil
    }

    static func debugCommand(in effects: [Effect]) -> DebugCommand? {
        for effect in effects { if case .debug(let command) = effect { return command } }
        return nil
    }

    /// Chooses `id` in the top choice list: types a filter until it is selected, then Enter.
    @discardableResult
    static func choose(_ state: inout AppState, _ id: String) -> [Effect] {
        for c in id {
            guard let list = choice(state), list.selectedItem?.id != id else { break }
            _ = AppReducer.reduce(&state, .key(.char(c)))
        }
        var steps = 0
        while let list = choice(state), list.selectedItem?.id != id, steps < 100 {
            _ = AppReducer.reduce(&state, .key(.down))
            steps += 1
        }
        return AppReducer.reduce(&state, .key(.enter))
    }

    /// Selects a node the way a person does: `/`, its name, Enter.
    static func find(_ state: inout AppState, _ node: String) {
        keys(&state, .char("/"))
        type(&state, node)
        keys(&state, .enter)
    }
}
