import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation
import PatchbayStore

/// Does the engine- and file-side effects `reduce` asks for, one at a time in the order asked,
/// and reports back as actions. The terminal-side effects (the external editor, mouse, redraw,
/// quit) belong to the front end that owns the terminal.
public actor EffectRunner {
    public typealias Send = @Sendable (Action) -> Void

    let environment: EngineEnvironment
    let modelAliases: Set<String>?
    /// What `:eval` takes unless typed (concurrency, repeats): the config's, as `patchbay eval`.
    let evalDefaults: EvalDefaults
    let send: Send
    /// Sub-graph paths leave the project only from files the environment trusts.
    let loader: GraphLoader
    private var session: DebugSession?
    private var sessionGraph: Graph?
    private var events: Task<Void, Never>?
    /// The run history (runs pane, stored runs, evals); nil: none this session.
    let store: RunStore?
    var evalTask: Task<Void, Never>?
    var improveTask: Task<Void, Never>?
    /// Whether the stored run the session's first run is compared with was looked for.
    var storedPreviousRead = false

    /// `environment` is shared by every run, so its cache carries results across edits and runs.
    private let human: WorkbenchHuman

    /// `documentPath`: the graph's file, which runs and validation resolve relative files against.
    public init(
        environment: EngineEnvironment, modelAliases: Set<String>?, documentPath: String?, store: RunStore? = nil,
        evalDefaults: EvalDefaults = .standard, send: @escaping Send
    ) {
        self.evalDefaults = evalDefaults
        self.documentPath = documentPath
        self.store = store
        human = WorkbenchHuman(post: send)
        var environment = environment
        environment.human = human
        self.environment = environment
        loader = GraphLoader(trust: environment.trust)
        self.modelAliases = modelAliases
        self.send = send
    }

    public func perform(_ effect: Effect) async {
        switch effect {
        case .validate(let graph, let path, let revision):
            send(.editing(.report(.problems(problems(of: graph, path: path), revision: revision))))
        case .startRun(let graph, let inputs, let mode, let breakpoints):
            await start(graph, inputs: inputs, mode: mode, breakpoints: breakpoints)
        case .debug(let command):
            await debug(command)
        case .setBreakpoint(let node, let on):
            guard let session else { return }
            if on {
                await session.setBreakpoint(Breakpoint(node: node))
            } else {
                await session.removeBreakpoint(node: node)
            }
        case .rerunStep(let step, let graph):
            do {
                let session = try self.session(for: graph)
                send(.run(.report(.stepRerun(try await session.rerun(step: step)))))
            } catch {
                send(.run(.report(.refused(Self.message(error)))))
            }
        case .save(let graph, let path, let expected, let force):
            save(graph, path: path, expected: expected, force: force)
        case .reload(let path):
            loader.invalidate(path)
            do {
                // As every command reads a graph file: a non-UTF-8 byte is named where it is.
                let document = try GraphFile.load(path: path)
                send(.editing(.report(.reloaded(document.graph, fingerprint: document.fingerprint))))
            } catch {
                send(.editing(.report(.reloadFailed(Self.message(error)))))
            }
        case .writeSubgraph(let graph, let path):
            // Never over an existing file: it may be another graph someone relies on.
            guard !FileManager.default.fileExists(atPath: path) else {
                send(
                    .message(
                        "\(path) exists already; nothing was written. Undo (u) and extract again with another file name",
                        .error))
                return
            }
            do {
                try GraphFile.save(graph, to: path, expecting: nil)
                send(.editing(.report(.subgraphWritten(path: path))))
            } catch {
                send(.message(Self.message(error), .error))
            }
        case .saveSubgraphs(let edits):
            saveSubgraphs(edits)
        case .restoreSubgraphs(let edits):
            restoreSubgraphs(edits)
        case .openSubgraph(let node, let file, let parentPath):
            // The loader's sub-graph rules: inside the project unless the file naming it is trusted,
            // and a file that is not a graph is never shown.
            switch loader.subgraph(
                of: Node(id: node, kind: .graph, fields: ["graph": .string(file)]), inFile: parentPath)
            {
            case .success(let document):
                let path = GraphLoader.absolutePath(document.path ?? file)
                let users = SubgraphUsers.of(
                    path, except: parentPath.map(GraphLoader.absolutePath),
                    root: documentPath.map(GraphLoader.absolutePath))
                send(
                    .editing(
                        .report(.subgraphOpened(node: node, graph: document.graph, path: path, sharedWith: users))))
            case .failure(let problem):
                send(.message("Cannot open `\(file)`: \(problem.message)", .error))
            }
        case .answerHuman(let id, let value):
            human.resolve(id, with: value.map { .success($0) } ?? .failure(HumanDeclined()))
        case .loadRuns(let graphPath):
            guard let store else { return }
            // Runs finished a moment ago may still be queued for writing.
            store.flush()
            do {
                send(.history(.report(.runsLoaded(try store.runs(graphPath: graphPath, limit: HistoryState.limit)))))
            } catch {
                send(.history(.report(.failed(Self.message(error)))))
            }
        case .openStoredRun(let id, let focus):
            guard let store else { return }
            store.flush()
            do {
                let stored = try store.run(id)
                send(.history(.report(.runOpened(stored, focus: focus))))
                if !stored.subgraphs.isEmpty { compareSubgraphs(of: stored, root: store.projectRoot) }
            } catch {
                send(.history(.report(.failed(Self.message(error)))))
            }
        case .compareRuns(let a, let b):
            compareRuns(a, b)
        case .startEval(let graph, let casesPath, let repeats):
            startEval(graph, casesPath: casesPath, repeats: repeats)
        case .cancelEval:
            evalTask?.cancel()
        case .startImprove(let graph, let casesPath, let arguments):
            startImprove(graph, casesPath: casesPath, arguments: arguments)
        case .cancelImprove:
            improveTask?.cancel()
        case .appendCase(let draft, let expected):
            appendCase(draft, expected: expected)
        case .externalEditor, .editCallArguments, .copyToClipboard, .setMouse, .redraw, .quit:
            break
        }
    }

    /// Changes with "save as".
    var documentPath: String?

    /// Problems of an edited graph, as `patchbay validate` would report them for the saved file.
    func problems(of graph: Graph, path: String?) -> [Diagnostic] {
        let text = GraphCodec.encode(graph)
        do {
            let document = try GraphCodec.decode(text, path: path ?? documentPath)
            if let path { loader.invalidate(path) }
            return GraphValidator.validate(
                document, loader: loader, knownModelAliases: modelAliases, limits: environment.limits,
                knownToolServers: environment.tools?.serverNames)
        } catch let error as GraphFileError {
            return error.diagnostics
        } catch {
            return [Diagnostic(.error, .syntax, Self.message(error), file: path)]
        }
    }

    /// After sub-graph files changed under the graph: they are read again, and the next run
    /// plans afresh (its session's plan holds the old ones).
    func subgraphsChanged(_ paths: [String]) {
        for path in paths { loader.invalidate(path) }
        sessionGraph = nil
    }

    /// One debug session per graph version: an edit makes a new plan, the shared cache keeps
    /// what did not change.
    func session(for graph: Graph) throws -> DebugSession {
        if let session, sessionGraph == graph { return session }
        let plan = try ExecutionPlan.build(graph, path: documentPath, resolver: loader)
        let fresh = DebugSession(plan: plan, engine: Engine(environment: environment), resolver: loader)
        session = fresh
        sessionGraph = graph
        return fresh
    }

    func start(_ graph: Graph, inputs: [String: JSONValue], mode: RunMode, breakpoints: Set<String>) async {
        do {
            let session = try self.session(for: graph)
            // What will execute needs this machine: a replay nothing, a fork or re-run what it
            // runs again (a fork's nodes are known only once it is planned: it is left to run).
            var refusal: (message: String, detail: String)?
            switch mode {
            case .replay, .fork, .forkFrom: break
            case .rerunFrom(let node):
                // `each/shout` (inside a sub-graph) needs what its enclosing top-level node runs.
                let top = String(node.prefix { $0 != "/" })
                refusal = unready(graph, only: await session.plan.downstream(of: top))
            case .run, .step, .runTo: refusal = unready(graph)
            }
            if let refusal {
                send(.run(.report(.refused(refusal.message, detail: refusal.detail))))
                return
            }
            for node in graph.nodes.map(\.id) where !breakpoints.contains(node) {
                await session.removeBreakpoint(node: node)
            }
            for node in breakpoints { await session.setBreakpoint(Breakpoint(node: node)) }
            switch mode {
            case .run, .step, .runTo, .rerunFrom: readStoredPrevious()
            case .fork, .forkFrom, .replay: break
            }
            let handle: RunHandle
            switch mode {
            case .run: handle = try await session.start(inputs: inputs)
            case .step: handle = try await session.start(inputs: inputs, stepping: true)
            case .runTo(let node):
                await session.setBreakpoint(Breakpoint(node: node, oneShot: true))
                handle = try await session.start(inputs: inputs)
            case .rerunFrom(let node):
                var options = RunOptions()
                options.forceExecute = await session.plan.rerunSet(from: node)
                guard !options.forceExecute.isEmpty else {
                    // `patchbay rerun --from` refuses with the same sentence, after "error: ".
                    let refusal = RerunText.noNode(node)
                    send(.run(.report(.refused(refusal.prefix(1).uppercased() + refusal.dropFirst()))))
                    return
                }
                // The run it re-runs: the session's last finished one (the one on screen).
                options.origin = RunOrigin(kind: .rerun, parentRunID: await session.runs.last?.runID, parentStep: node)
                handle = try await session.start(inputs: inputs, options: options)
            case .fork(let run, let step):
                handle = try await session.fork(run, at: step)
            case .forkFrom(let run, let path):
                handle = try await session.fork(run, from: path)
            case .replay(let run):
                handle = try await session.replay(run)
            }
            // Before its first event: the session's run shows its sub-graph steps as they ran.
            let plan = await session.plan
            send(.history(.report(.sessionPlanned(path: plan.path, subgraphs: plan.subgraphs))))
            let send = self.send
            events = Task {
                for await event in handle.events { send(.run(.report(.event(event)))) }
            }
        } catch {
            send(.run(.report(.refused(Self.message(error)))))
        }
    }

    func debug(_ command: DebugCommand) async {
        guard let session else { return }
        switch command {
        case .step: await session.step()
        case .continue: await session.continue()
        case .runTo(let node): await session.run(to: node)
        case .cancel: await session.cancel()
        case .editInputs(let values):
            do { try await session.editPendingInputs(values) } catch {
                send(.message(Self.message(error), .warning))
            }
        case .supplyResult(let value):
            do { try await session.supplyResult(value) } catch {
                send(.message(Self.message(error), .warning))
            }
        }
    }

    func save(_ graph: Graph, path: String, expected: FileFingerprint?, force: Bool) {
        do {
            let fingerprint = try GraphFile.save(graph, to: path, expecting: force ? nil : expected)
            documentPath = path
            loader.invalidate(path)
            send(.editing(.report(.saved(path: path, graph: graph, fingerprint: fingerprint))))
        } catch let error as GraphSaveError where error.reason == .changedOnDisk {
            send(.editing(.report(.changedOnDisk)))
        } catch {
            send(.editing(.report(.saveFailed(Self.message(error)))))
        }
    }

    /// Cancels a run or eval in flight and waits for it to end (on quit).
    public func shutdown() async {
        if let session { await session.cancel() }
        await events?.value
        evalTask?.cancel()
        await evalTask?.value
        improveTask?.cancel()
        await improveTask?.value
        store?.flush()
    }

    /// An error for the status line or the problem list, typed hints said the workbench's way.
    static func message(_ error: any Error) -> String {
        HintText.describe(error, in: HintText.workbench) ?? String(describing: error)
    }
}
