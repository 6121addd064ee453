import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation
import PatchbayStore

extension EffectRunner {
    /// Starts an eval of `graph` in the background (this runner keeps doing other effects):
    /// every sample's run goes to the store through the environment's journal, the record at
    /// the end. Progress and the report come back as `.eval` reports.
    func startEval(_ graph: Graph, casesPath: String, repeats: Int?) {
        guard evalTask == nil else {
            send(.eval(.report(.refused("An eval is running already: wait for it, or stop it (C-c)"))))
            return
        }
        let plan: ExecutionPlan
        do {
            plan = try ExecutionPlan.build(graph, path: documentPath, resolver: loader)
        } catch {
            send(.eval(.report(.refused("Fix the graph first: " + Self.firstLine(error)))))
            return
        }
        let path = Self.resolveCases(casesPath, documentPath: documentPath)
        let evalGraph = EvalSession.Graph(path: documentPath, plan: plan, graphHash: graph.contentHash)
        let suite: EvalSuite
        do {
            suite = try EvalSession.loadSuite(path: path, for: [evalGraph])
        } catch {
            let problem = (error as? EvalSession.SuiteMismatch)?.problems.first?.error ?? error
            send(.eval(.report(.refused(Self.firstLine(problem)))))
            return
        }
        let session = Self.evalSession(
            of: evalGraph, suite: suite, repeats: repeats, defaults: evalDefaults, environment: environment)
        do {
            try session.checkJudges(configured: modelAliases.map { Array($0) } ?? [])
        } catch {
            send(.eval(.report(.refused(Self.firstLine(error)))))
            return
        }
        if let refusal = unready(graph, aliases: session.judgeAliases) {
            send(.eval(.report(.refused(refusal.message, detail: refusal.detail))))
            return
        }
        send(
            .eval(
                .report(
                    .started(
                        id: session.id, casesPath: casesPath, caseIDs: session.cases.map(\.id),
                        repeats: session.repeats))))
        let send = self.send
        let store = self.store
        let graphPath = documentPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? ""
        evalTask = Task.detached { [self] in
            let (report, saved) = await session.run(progress: { send(.eval(.report(.progress($0)))) }) { report in
                guard let store else { return false }
                // The samples' runs first, so the record never names runs the store lacks.
                store.flush()
                do {
                    try store.saveEval(EvalRecord(report, graphPath: graphPath))
                    return true
                } catch {
                    send(.message("The eval was not saved: \(Self.firstLine(error))", .warning))
                    return false
                }
            }
            await self.evalEnded()
            send(.eval(.report(.finished(report, saved: saved))))
        }
    }

    /// The session `:eval` runs: the graph as the CLI would name it, `repeats` as typed, the rest
    /// (concurrency, repeats when not typed) from the config's defaults, as `patchbay eval` takes them.
    static func evalSession(
        of graph: EvalSession.Graph, suite: EvalSuite, repeats: Int?, defaults: EvalDefaults,
        environment: EngineEnvironment
    ) -> EvalSession {
        EvalSession(
            suite: suite, graphs: [graph], request: EvalRequest(repeats: repeats), defaults: defaults,
            environment: environment)
    }

    func evalEnded() {
        evalTask = nil
    }
}
