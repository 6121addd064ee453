import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation
import PatchbayStore

extension EffectRunner {
    /// Starts an `improve` search of `graph` in the background, built as `:eval`'s session is:
    /// the same environment (so the store's journal and cache), the cases resolved the same way,
    /// concurrency and repeats from the config unless typed. Every candidate comes back as an
    /// `.improve` progress report, the search as a whole at the end (stored as `patchbay improve`
    /// stores it).
    func startImprove(_ graph: Graph, casesPath: String, repeats: Int?) {
        guard improveTask == nil else {
            send(.improve(.report(.refused("A search is running already: wait for it, or stop it (C-c)"))))
            return
        }
        let plan: ExecutionPlan
        do {
            plan = try ExecutionPlan.build(graph, path: documentPath, resolver: loader)
        } catch {
            send(.improve(.report(.refused("Fix the graph first: " + Self.firstLine(error)))))
            return
        }
        let path = Self.resolveCases(casesPath, documentPath: documentPath)
        let suite: EvalSuite
        do {
            suite = try EvalSession.loadSuite(
                path: path, for: [EvalSession.Graph(path: documentPath, plan: plan, graphHash: graph.contentHash)])
        } catch {
            let problem = (error as? EvalSession.SuiteMismatch)?.problems.first?.error ?? error
            send(.improve(.report(.refused(Self.firstLine(problem)))))
            return
        }
        var options = ImproveOptions()
        options.repeats = repeats ?? evalDefaults.repeats
        options.concurrency = evalDefaults.concurrency
        let session = ImproveSession(
            graph: graph, path: documentPath, suite: suite, options: options, environment: environment,
            resolver: loader)
        guard !session.split.dev.isEmpty else {
            send(.improve(.report(.refused("\(casesPath) has too few cases to split into train, dev and test"))))
            return
        }
        send(
            .improve(
                .report(
                    .started(
                        id: session.id, casesPath: casesPath, train: session.split.train.count,
                        dev: session.split.dev.count, test: session.split.test.count, repeats: options.repeats))))
        let send = self.send
        let store = self.store
        let graphPath = documentPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? ""
        improveTask = Task.detached { [self] in
            let report = await session.run(progress: { send(.improve(.report(.progress($0)))) })
            var saved = false
            if let store {
                // The candidates' runs first, so the record never names runs the store lacks.
                store.flush()
                do {
                    try store.saveEval(EvalRecord(report, graphPath: graphPath))
                    saved = true
                } catch {
                    send(.message("The search was not saved: \(Self.firstLine(error))", .warning))
                }
            }
            await self.improveEnded()
            send(.improve(.report(.finished(report, saved: saved))))
        }
    }

    func improveEnded() {
        improveTask = nil
    }
}
